"""The order in which lines of one month fill caps and tier brackets.

Within a month, lines are taken by their engagement's start, then by recording (the ids),
then fees before revenue; a fee of the introduction itself counts from its own date.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from ..domain.commissions import LineKey
from ..domain.enums import LineEvent

EVENT_RANK = {
    LineEvent.QUALIFIED: 0,
    LineEvent.SIGNATURE: 1,
    LineEvent.CONTRACT_VALUE: 2,
    LineEvent.REVENUE: 3,
}

OrderKey = tuple[int, int, int, int, int]


def cap_order(starts: Mapping[int, date]) -> Callable[[LineKey, date | None], OrderKey]:
    """A sort key for lines (their key and event date), given each engagement's start."""

    def key(line_key: LineKey, event_date: date | None = None) -> OrderKey:
        started = starts.get(line_key.engagement_id) or event_date or date.min
        return (
            line_key.period.index,
            started.toordinal(),
            line_key.engagement_id,
            EVENT_RANK[line_key.event],
            line_key.component_slot,
        )

    return key
