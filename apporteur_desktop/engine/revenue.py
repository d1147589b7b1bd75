"""Percentage-of-revenue and tiered lines, month by month, inside the rights."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..domain.agreements import Component, Terms
from ..domain.commissions import Explanation, LineKey
from ..domain.enums import ComponentKind, LineEvent
from ..domain.money import percent_of, round_cents
from ..domain.periods import Period
from ..domain.pipeline import Engagement
from .coverage import RightsPlan
from .facts import RevenueByMonth
from .raw import RawLine, line_order
from .tiers import bracket_rate, portions, year_to_date_commission


@dataclass(frozen=True, slots=True)
class EarningMonth:
    """One month of revenue that earns under the agreement."""

    key: LineKey
    engagement: Engagement
    base: Decimal
    component: Component
    month_number: int | None
    month_count: int | None


def earning_months(
    agreement_id: int,
    plan: RightsPlan,
    engagements: list[Engagement],
    revenue: Mapping[int, RevenueByMonth],
    terms_for: Callable[[Period], Terms],
    first: Period | None,
    through: Period,
) -> Iterator[EarningMonth]:
    """Every (month, revenue component) that earns for one introduction's engagements."""
    if plan.clock_start is None:
        return
    for engagement in engagements:
        engagement_id = engagement.id or 0
        if not plan.earns(engagement_id) or engagement_id in plan.clawed_back:
            continue
        for period, base in revenue.get(engagement_id, {}).items():
            if period > through or (first is not None and period < first):
                continue
            if not plan.covers(period):
                continue
            for slot, component in enumerate(terms_for(period).components):
                if not component.uses_revenue:
                    continue
                key = LineKey(
                    agreement_id,
                    plan.introduction_id,
                    period,
                    LineEvent.REVENUE,
                    engagement_id,
                    slot,
                )
                yield EarningMonth(
                    key,
                    engagement,
                    base,
                    component,
                    plan.month_number(period),
                    plan.month_count,
                )


def percentage_line(month: EarningMonth) -> RawLine:
    rate = month.component.rate or Decimal(0)
    explanation = Explanation(
        component=ComponentKind.REVENUE_PERCENT,
        base=month.base,
        rate=rate,
        month_number=month.month_number,
        month_count=month.month_count,
    )
    amount = round_cents(percent_of(month.base, rate))
    return RawLine(month.key, line_order(month.key, month.engagement.start), amount, explanation)


def tiered_lines(months: list[EarningMonth]) -> list[RawLine]:
    """Fill each calendar year's brackets in order, one line per earning month."""
    by_year: dict[tuple[int, int], list[EarningMonth]] = defaultdict(list)
    for month in months:
        by_year[(month.key.period.year, month.key.component_slot)].append(month)
    lines = []
    for year_months in by_year.values():
        year_months.sort(key=lambda m: line_order(m.key, m.engagement.start))
        cumulative = Decimal(0)
        for month in year_months:
            lines.append(_tier_line(month, cumulative))
            cumulative += month.base
    return lines


def _tier_line(month: EarningMonth, before: Decimal) -> RawLine:
    component = month.component
    after = before + month.base
    raw = year_to_date_commission(after, component.tiers, component.tier_mode)
    raw -= year_to_date_commission(before, component.tiers, component.tier_mode)
    split = portions(before, after, component.tiers)
    explanation = Explanation(
        component=ComponentKind.TIERED,
        base=month.base,
        rate=bracket_rate(after, component.tiers),
        month_number=month.month_number,
        month_count=month.month_count,
        details={
            "mode": component.tier_mode.value,
            "cumulative_before": before,
            "cumulative_after": after,
            "portions": tuple(split),
        },
    )
    amount = round_cents(raw)
    return RawLine(month.key, line_order(month.key, month.engagement.start), amount, explanation)
