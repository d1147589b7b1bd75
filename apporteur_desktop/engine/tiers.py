"""Tiered percentages on the revenue accumulated under an agreement in a calendar year.

Marginal brackets work like tax brackets; "whole volume" applies the rate of the bracket the
year's cumulative has reached to the whole cumulative. A bound belongs to the bracket below it.
Each month's commission is the change of the year-to-date commission that month's revenue
causes, so the month that crosses a bracket carries the split (marginal) or the catch-up
(whole volume), and the brackets start again each January.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..domain.agreements import Tier
from ..domain.enums import TierMode
from ..domain.money import percent_of

_ZERO = Decimal(0)


def year_to_date_commission(cumulative: Decimal, tiers: Sequence[Tier], mode: TierMode) -> Decimal:
    """Exact (unrounded) commission on the year's cumulative revenue."""
    if cumulative <= 0 or not tiers:
        return _ZERO
    if mode is TierMode.WHOLE_VOLUME:
        return percent_of(cumulative, bracket_rate(cumulative, tiers))
    total = _ZERO
    floor = _ZERO
    for tier in tiers:
        ceiling = cumulative if tier.up_to is None else min(cumulative, tier.up_to)
        if ceiling > floor:
            total += percent_of(ceiling - floor, tier.rate)
        if tier.up_to is None or cumulative <= tier.up_to:
            break
        floor = tier.up_to
    return total


def bracket_rate(cumulative: Decimal, tiers: Sequence[Tier]) -> Decimal:
    """The rate of the bracket a cumulative falls in ("up to 10,000" includes 10,000)."""
    for tier in tiers:
        if tier.up_to is None or cumulative <= tier.up_to:
            return tier.rate
    return tiers[-1].rate


def portions(
    before: Decimal, after: Decimal, tiers: Sequence[Tier]
) -> list[tuple[Decimal, Decimal]]:
    """How a month's revenue (from ``before`` to ``after``) splits across the brackets, as
    (amount, rate) pairs: what a marginal line explains itself with."""
    split: list[tuple[Decimal, Decimal]] = []
    floor = _ZERO
    for tier in tiers:
        top = after if tier.up_to is None else min(after, tier.up_to)
        low = max(before, floor)
        if top > low:
            split.append((top - low, tier.rate))
        if tier.up_to is None:
            break
        floor = tier.up_to
    return split
