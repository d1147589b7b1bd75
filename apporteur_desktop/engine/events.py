"""Fees due on a date: per qualified introduction, at signature, and % of contract value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal

from ..domain.agreements import Terms
from ..domain.commissions import CommissionLine, Explanation, LineKey
from ..domain.enums import ComponentKind, Direction, LineEvent, LineKind
from ..domain.money import percent_of, round_cents
from ..domain.periods import Period
from ..domain.pipeline import Engagement, Introduction
from .coverage import RightsPlan

TermsFor = Callable[[Period], Terms]


def event_lines(
    agreement_id: int,
    direction: Direction,
    introduction: Introduction,
    plan: RightsPlan,
    engagements: list[Engagement],
    terms_for: TermsFor,
) -> Iterator[CommissionLine]:
    """Every fee line of one introduction, whatever the month (the caller filters)."""
    qualified = introduction.qualified_on
    if qualified is not None:
        yield from _fees(
            agreement_id, direction, plan, 0, qualified, LineEvent.QUALIFIED, terms_for
        )
    if plan.clock_start is None:
        return
    if engagements:
        first = min(engagements, key=lambda e: (e.signature_date, e.id or 0))
        first_id = first.id or 0
        if first_id not in plan.clawed_back:
            yield from _fees(
                agreement_id,
                direction,
                plan,
                first_id,
                first.signature_date,
                LineEvent.SIGNATURE,
                terms_for,
            )
    for engagement in engagements:
        yield from _contract_value(agreement_id, direction, plan, engagement, terms_for)


def _fees(
    agreement_id: int,
    direction: Direction,
    plan: RightsPlan,
    engagement_id: int,
    day: date,
    event: LineEvent,
    terms_for: TermsFor,
) -> Iterator[CommissionLine]:
    wanted = (
        ComponentKind.QUALIFIED_FEE if event is LineEvent.QUALIFIED else ComponentKind.SIGNATURE_FEE
    )
    period = Period.of(day)
    for slot, component in enumerate(terms_for(period).components):
        if component.kind is not wanted:
            continue
        key = LineKey(agreement_id, plan.introduction_id, period, event, engagement_id, slot)
        amount = round_cents(component.amount or Decimal(0))
        explanation = Explanation(component=wanted, details={"date": day})
        yield CommissionLine(key, direction, LineKind.REGULAR, amount, explanation, day)


def _contract_value(
    agreement_id: int,
    direction: Direction,
    plan: RightsPlan,
    engagement: Engagement,
    terms_for: TermsFor,
) -> Iterator[CommissionLine]:
    value = engagement.contract_value
    engagement_id = engagement.id or 0
    if value is None or not plan.earns(engagement_id) or engagement_id in plan.clawed_back:
        return
    day = engagement.signature_date
    period = Period.of(day)
    if plan.last_period is not None and period > plan.last_period:
        return
    for slot, component in enumerate(terms_for(period).components):
        if component.kind is not ComponentKind.CONTRACT_VALUE_PERCENT:
            continue
        rate = component.rate or Decimal(0)
        key = LineKey(
            agreement_id,
            plan.introduction_id,
            period,
            LineEvent.CONTRACT_VALUE,
            engagement_id,
            slot,
        )
        explanation = Explanation(
            component=ComponentKind.CONTRACT_VALUE_PERCENT,
            base=value,
            rate=rate,
            details={"date": day},
        )
        amount = round_cents(percent_of(value, rate))
        yield CommissionLine(key, direction, LineKind.REGULAR, amount, explanation, day)
