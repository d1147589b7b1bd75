"""Calendar months (``YYYY-MM``), the unit of revenue and of most commission lines."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


class BadPeriod(ValueError):
    """A text that is not a ``YYYY-MM`` month."""


class _Month(NamedTuple):
    year: int
    month: int


class Period(_Month):
    """One calendar month. Ordered; ``period + n`` moves by whole months.

    An immutable tuple rather than a dataclass: a commission run compares and hashes
    months millions of times, and tuples do that in C.
    """

    __slots__ = ()

    def __new__(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12 or not 1 <= year <= 9999:
            raise BadPeriod(f"{year:04d}-{month:02d}")
        return super().__new__(cls, year, month)

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if not match:
            raise BadPeriod(text)
        return _period(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        return _period(day.year, day.month)

    @classmethod
    def from_index(cls, index: int) -> Period:
        return _period(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        """Months since year 0: makes month arithmetic integer arithmetic."""
        return self[0] * 12 + self[1] - 1

    def __add__(self, months: int) -> Period:  # type: ignore[override]
        return Period.from_index(self.index + months)

    def __sub__(self, other: Period) -> int:
        return self.index - other.index

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def january(self) -> Period:
        return _period(self.year, 1)

    def __str__(self) -> str:
        return f"{self[0]:04d}-{self[1]:02d}"


@lru_cache(maxsize=8192)
def _period(year: int, month: int) -> Period:
    # Months repeat endlessly in a ledger: one object per month is enough.
    return Period(year, month)


def periods_between(first: Period, last: Period) -> list[Period]:
    """Every month from ``first`` to ``last``, both included."""
    return [Period.from_index(i) for i in range(first.index, last.index + 1)]
