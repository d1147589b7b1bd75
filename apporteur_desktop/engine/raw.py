"""Lines before caps: the shape every component's computation produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain.commissions import Explanation, LineKey

# Within a month, lines are taken by their engagement's start, then recording, then this rank.
EVENT_RANK = {"qualified": 0, "signature": 1, "contract_value": 2, "revenue": 3}


@dataclass(frozen=True, slots=True)
class RawLine:
    key: LineKey
    order: tuple[int, int, int, int, int]  # month, engagement start, engagement id, rank, slot
    amount: Decimal  # rounded to the cent, before caps
    explanation: Explanation
    event_date: date | None = None


def line_order(key: LineKey, started: date) -> tuple[int, int, int, int, int]:
    return (
        key.period.index,
        started.toordinal(),
        key.engagement_id,
        EVENT_RANK[key.event.value],
        key.component_slot,
    )
