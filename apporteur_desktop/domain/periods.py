"""Calendar months (``YYYY-MM``), the unit of revenue and of most commission lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


class BadPeriod(ValueError):
    """A text that is not a ``YYYY-MM`` month."""


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """One calendar month. Ordered; ``period + n`` moves by whole months."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise BadPeriod(f"{self.year:04d}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if not match:
            raise BadPeriod(text)
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Period:
        return cls(day.year, day.month)

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        """Months since year 0: makes month arithmetic integer arithmetic."""
        return self.year * 12 + self.month - 1

    def __add__(self, months: int) -> Period:
        return Period.from_index(self.index + months)

    def __sub__(self, other: Period) -> int:
        return self.index - other.index

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def january(self) -> Period:
        return Period(self.year, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def periods_between(first: Period, last: Period) -> list[Period]:
    """Every month from ``first`` to ``last``, both included."""
    return [Period.from_index(i) for i in range(first.index, last.index + 1)]
