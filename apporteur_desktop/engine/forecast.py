"""The forecast of recurring commissions: what the engine would compute over the coming months
if every running engagement went on billing what it billed last.

Each engagement's last known monthly figure (or, with none yet, its monthly fee) is taken as the
revenue of every later month it runs in; the agreement's own rules then apply as in a commission
run — rights and their end, trial coverage, amendments, tiers, caps — because the figures go
through ``compute_targets``. Only the lines computed from revenue count: a fee for a
qualification, a signature or a contract value is an event, not a recurring commission.

The computation starts in January of the first month's year, so that tier brackets and yearly
caps fill with the year's revenue already known; what stood before that January is given per
introduction, for the caps on an introduction's whole life.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from ..domain.agreements import Agreement
from ..domain.enums import Direction, EngagementKind, LineEvent
from ..domain.money import ZERO
from ..domain.periods import Period, periods_between
from ..domain.pipeline import Engagement, Introduction
from .facts import AgreementFacts, Opening
from .targets import compute_targets

FORECAST_MONTHS = 12


def _no_amounts() -> Mapping[int, Decimal]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class ForecastFacts:
    """One agreement with its introductions and engagements, and what is known of them.

    ``known``: per engagement, the revenue that stands each month from January of the first
    forecast month's year on. ``last_known``: per engagement, its latest month with a figure,
    whatever the year, and that figure. ``used_before``: per introduction, the commissions that
    stood before that January.
    """

    agreement: Agreement
    introductions: tuple[Introduction, ...]
    engagements: tuple[Engagement, ...]
    known: Mapping[int, Mapping[Period, Decimal]]
    last_known: Mapping[int, tuple[Period, Decimal]]
    used_before: Mapping[int, Decimal] = field(default_factory=_no_amounts)


class ForecastMonth(NamedTuple):
    """The recurring commissions expected in one month, in each direction."""

    period: Period
    earned: Decimal
    owed: Decimal


def expected_revenue(engagement: Engagement, last_figure: Decimal | None) -> Decimal | None:
    """The revenue expected each month: the last known figure, else the monthly fee. A one-off
    engagement's amount is its contract value, not a month's revenue: none is expected then."""
    if last_figure is not None:
        return last_figure
    if engagement.kind is EngagementKind.ONE_OFF:
        return None
    return engagement.amount


def runs_in(engagement: Engagement, period: Period) -> bool:
    """Whether the engagement still runs in ``period``: from the month of its start to the month
    of its end or of the client leaving; a trial without an end lasts its first month."""
    if period < Period.of(engagement.start):
        return False
    stop = engagement.terminated_on or engagement.end
    if stop is None and engagement.kind is EngagementKind.TRIAL:
        stop = engagement.trial_end
    return stop is None or period <= Period.of(stop)


def projected_revenue(facts: ForecastFacts, last: Period) -> dict[int, dict[Period, Decimal]]:
    """Per engagement, the known figures, then the expected one for each month after its last
    known figure (or from its start) up to ``last`` in which it runs."""
    projected: dict[int, dict[Period, Decimal]] = {}
    for engagement in facts.engagements:
        engagement_id = engagement.id or 0
        months = dict(facts.known.get(engagement_id, {}))
        latest = facts.last_known.get(engagement_id)
        expected = expected_revenue(engagement, None if latest is None else latest[1])
        if expected is not None and expected > 0:
            start = Period.of(engagement.start) if latest is None else latest[0] + 1
            for period in periods_between(start, last):
                if runs_in(engagement, period):
                    months.setdefault(period, expected)
        if months:
            projected[engagement_id] = months
    return projected


def forecast_agreement(
    facts: ForecastFacts, first: Period, count: int = FORECAST_MONTHS
) -> dict[Period, Decimal]:
    """The recurring commissions of one agreement for ``count`` months from ``first``."""
    last = first + (count - 1)
    january = first.january()
    revenue = {
        engagement_id: {p: amount for p, amount in months.items() if p >= january}
        for engagement_id, months in projected_revenue(facts, last).items()
    }
    inputs = AgreementFacts(facts.agreement, facts.introductions, facts.engagements, revenue)
    opening = Opening(january, facts.used_before, ZERO)
    totals = dict.fromkeys(periods_between(first, last), ZERO)
    for line in compute_targets(inputs, last, opening).lines:
        if line.key.event is LineEvent.REVENUE and line.key.period >= first:
            totals[line.key.period] += line.amount
    return totals


def forecast(
    agreements: Iterable[ForecastFacts], first: Period, count: int = FORECAST_MONTHS
) -> tuple[ForecastMonth, ...]:
    """Each month's expected recurring commissions, earned and owed, over every agreement."""
    months = periods_between(first, first + (count - 1))
    earned = dict.fromkeys(months, ZERO)
    owed = dict.fromkeys(months, ZERO)
    for facts in agreements:
        totals = earned if facts.agreement.direction is Direction.EARNED else owed
        for period, amount in forecast_agreement(facts, first, count).items():
            totals[period] += amount
    return tuple(ForecastMonth(p, earned[p], owed[p]) for p in months)
