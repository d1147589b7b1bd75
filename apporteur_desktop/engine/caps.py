"""Caps per introduction (over its whole life) and per calendar year (over the agreement).

Caps count every component and apply to what stands after clawbacks and corrections. Lines
are taken in order (month, then engagement start, then recording); the line that crosses a
cap is cut, and a line cut to nothing stays as a 0.00 line that says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..domain.agreements import Terms
from ..domain.commissions import CommissionLine
from ..domain.periods import Period

_ZERO = Decimal("0.00")

CAP_INTRODUCTION = "cap_introduction"
CAP_YEAR = "cap_year"


@dataclass(slots=True)
class CapState:
    """What stands so far, per introduction and per calendar year."""

    by_introduction: dict[int, Decimal]
    by_year: dict[int, Decimal]

    def used(self, introduction_id: int) -> Decimal:
        return self.by_introduction.get(introduction_id, _ZERO)

    def used_in(self, year: int) -> Decimal:
        return self.by_year.get(year, _ZERO)

    def add(self, introduction_id: int, year: int, amount: Decimal) -> None:
        self.by_introduction[introduction_id] = self.used(introduction_id) + amount
        self.by_year[year] = self.used_in(year) + amount


def apply_caps(
    lines: Iterable[CommissionLine], terms_for: Callable[[Period], Terms], state: CapState
) -> Iterator[CommissionLine]:
    """Each line after the caps in force in its month. ``lines`` must come in cap order;
    ``state`` is updated as lines are taken."""
    for line in lines:
        key = line.key
        rooms = _rooms(key.introduction_id, key.period, terms_for(key.period), state)
        if rooms:
            reason, room = min(rooms, key=lambda r: r[1])
            capped = max(_ZERO, min(line.amount, room))
            cut = capped != line.amount
            explanation = line.explanation._replace(
                cap_left=room - capped,
                uncapped=line.amount if cut else None,
                reason=reason if cut else line.explanation.reason,
            )
            line = line._replace(amount=capped, explanation=explanation)
        state.add(key.introduction_id, key.period.year, line.amount)
        yield line


def _rooms(
    introduction_id: int, period: Period, terms: Terms, state: CapState
) -> list[tuple[str, Decimal]]:
    rooms = []
    if terms.cap_per_introduction is not None:
        rooms.append((CAP_INTRODUCTION, terms.cap_per_introduction - state.used(introduction_id)))
    if terms.cap_per_year is not None:
        rooms.append((CAP_YEAR, terms.cap_per_year - state.used_in(period.year)))
    return rooms
