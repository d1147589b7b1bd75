"""Commission lines: what the engine computes, and what a commission run saves.

These are immutable tuples (as beancount keeps its entries) rather than dataclasses: a run
over a long history makes, hashes and compares hundreds of thousands of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from .enums import ComponentKind, Direction, LineEvent, LineKind, LineStatus
from .periods import Period

NO_DETAILS: Mapping[str, Any] = MappingProxyType({})


class LineKey(NamedTuple):
    """What one commission line is about. At most one amount stands per key: a later
    line with the same key is an adjustment or a clawback of the earlier ones."""

    agreement_id: int
    introduction_id: int
    period: Period
    event: LineEvent
    engagement_id: int  # 0 for a fee earned by the introduction itself
    component_slot: int  # the component's place in the terms in force


class Explanation(NamedTuple):
    """Why a line has its amount, as a code and parameters; the services word it.

    ``reason`` codes: "" (earned as computed), "cap_introduction", "cap_year" (cut by a cap),
    "clawback" (the client left within the clawback window), "correction" (the figures it was
    computed from changed), "not_covered" (the agreement no longer covers it).
    """

    component: ComponentKind
    base: Decimal | None = None
    rate: Decimal | None = None
    month_number: int | None = None  # month n of the rights…
    month_count: int | None = None  # …of this many (None: while the client stays)
    cap_left: Decimal | None = None  # room left under the tightest cap after this line
    uncapped: Decimal | None = None  # the amount before a cap cut it
    reason: str = ""
    previous: Decimal | None = None  # for an adjustment: what stood before
    details: Mapping[str, Any] = NO_DETAILS


class CommissionLine(NamedTuple):
    """A computed (not yet saved) line."""

    key: LineKey
    direction: Direction
    kind: LineKind
    amount: Decimal
    explanation: Explanation
    event_date: date | None = None  # for fees due on a date
    corrects_id: int | None = None  # the saved line an adjustment or clawback corrects


class SavedLine(NamedTuple):
    """A line a commission run persisted. Never edited: corrections are new lines."""

    id: int
    key: LineKey
    kind: LineKind
    amount: Decimal
    status: LineStatus
    component: ComponentKind
    corrects_id: int | None = None

    @property
    def stands(self) -> bool:
        return self.status is not LineStatus.CANCELLED
