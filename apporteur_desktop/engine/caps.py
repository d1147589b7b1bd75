"""Caps per introduction (over its whole life) and per calendar year (over the agreement).

Caps count every component and apply to what stands after clawbacks and corrections. Lines
are taken in order (month, then engagement start, then recording); the line that crosses a
cap is cut, and a line cut to nothing stays as a 0.00 line that says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from ..domain.agreements import Terms
from ..domain.commissions import Explanation
from ..domain.periods import Period

_ZERO = Decimal("0.00")

CAP_INTRODUCTION = "cap_introduction"
CAP_YEAR = "cap_year"


@dataclass(frozen=True, slots=True)
class CapInput:
    introduction_id: int
    period: Period
    amount: Decimal
    explanation: Explanation


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
    lines: Iterable[CapInput], terms_for: Callable[[Period], Terms], state: CapState
) -> Iterator[tuple[Decimal, Explanation]]:
    """Yield each line's amount after the caps in force in its month, with its explanation.

    ``lines`` must come in cap order; ``state`` is updated as lines are taken.
    """
    for line in lines:
        terms = terms_for(line.period)
        rooms = _rooms(line, terms, state)
        amount = line.amount
        explanation = line.explanation
        if rooms:
            reason, room = min(rooms, key=lambda r: r[1])
            capped = max(_ZERO, min(amount, room))
            explanation = replace(
                explanation,
                cap_left=room - capped,
                uncapped=amount if capped != amount else None,
                reason=reason if capped != amount else explanation.reason,
            )
            amount = capped
        state.add(line.introduction_id, line.period.year, amount)
        yield amount, explanation


def _rooms(line: CapInput, terms: Terms, state: CapState) -> list[tuple[str, Decimal]]:
    rooms = []
    if terms.cap_per_introduction is not None:
        rooms.append(
            (CAP_INTRODUCTION, terms.cap_per_introduction - state.used(line.introduction_id))
        )
    if terms.cap_per_year is not None:
        rooms.append((CAP_YEAR, terms.cap_per_year - state.used_in(line.period.year)))
    return rooms
