"""Percentage-of-revenue and tiered lines, month by month, inside the rights."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from ..domain.agreements import Component, Terms
from ..domain.commissions import CommissionLine, Explanation, LineKey
from ..domain.enums import ComponentKind, Direction, LineEvent, LineKind
from ..domain.money import round_cents
from ..domain.periods import Period
from ..domain.pipeline import Engagement
from .coverage import RightsPlan
from .facts import RevenueByMonth
from .ordering import cap_order
from .tiers import bracket_rate, portions, year_to_date_commission

_REVENUE = LineEvent.REVENUE
_REGULAR = LineKind.REGULAR
_PERCENT = ComponentKind.REVENUE_PERCENT
_TIERED = ComponentKind.TIERED


class TierMonth(NamedTuple):
    """A month of revenue that fills a tiered component's brackets."""

    key: LineKey
    base: Decimal
    component: Component
    month_number: int | None
    month_count: int | None


def revenue_lines(
    agreement_id: int,
    direction: Direction,
    plan: RightsPlan,
    engagements: list[Engagement],
    revenue: Mapping[int, RevenueByMonth],
    terms_for: Callable[[Period], Terms],
    first: Period | None,
    through: Period,
    tiered: list[TierMonth],
) -> Iterator[CommissionLine]:
    """Percentage lines of one introduction; tiered months go to ``tiered`` for later."""
    clock = plan.clock_start
    if clock is None:
        return
    last = plan.last_period
    if last is None or through < last:
        last = through
    lowest = clock if first is None or first < clock else first
    introduction_id = plan.introduction_id
    count = plan.month_count
    clock_index = clock.index
    for engagement in engagements:
        engagement_id = engagement.id or 0
        if not plan.earns(engagement_id) or engagement_id in plan.clawed_back:
            continue
        for period, base in revenue.get(engagement_id, {}).items():
            if period < lowest or period > last:
                continue
            number = period[0] * 12 + period[1] - clock_index
            for slot, component in terms_for(period).revenue_components:
                key = LineKey(agreement_id, introduction_id, period, _REVENUE, engagement_id, slot)
                if component.kind is _TIERED:
                    tiered.append(TierMonth(key, base, component, number, count))
                    continue
                rate = component.rate or _ZERO
                yield CommissionLine(
                    key,
                    direction,
                    _REGULAR,
                    round_cents(base * rate / _HUNDRED),
                    Explanation(_PERCENT, base, rate, number, count),
                )


_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


def tiered_lines(
    months: list[TierMonth], direction: Direction, starts: Mapping[int, date]
) -> list[CommissionLine]:
    """Fill each calendar year's brackets in order, one line per earning month."""
    by_year: dict[tuple[int, int], list[TierMonth]] = defaultdict(list)
    for month in months:
        by_year[(month.key.period.year, month.key.component_slot)].append(month)
    order = cap_order(starts)
    lines = []
    for year_months in by_year.values():
        year_months.sort(key=lambda m: order(m.key, None))
        cumulative = Decimal(0)
        for month in year_months:
            lines.append(_tier_line(month, cumulative, direction))
            cumulative += month.base
    return lines


def _tier_line(month: TierMonth, before: Decimal, direction: Direction) -> CommissionLine:
    component = month.component
    after = before + month.base
    raw = year_to_date_commission(after, component.tiers, component.tier_mode)
    raw -= year_to_date_commission(before, component.tiers, component.tier_mode)
    explanation = Explanation(
        component=_TIERED,
        base=month.base,
        rate=bracket_rate(after, component.tiers),
        month_number=month.month_number,
        month_count=month.month_count,
        details={
            "mode": component.tier_mode.value,
            "cumulative_before": before,
            "cumulative_after": after,
            "portions": tuple(portions(before, after, component.tiers)),
        },
    )
    return CommissionLine(month.key, direction, _REGULAR, round_cents(raw), explanation)
