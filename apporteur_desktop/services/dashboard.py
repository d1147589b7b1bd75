"""« Tableau de bord »: the figures of a range of months, and what needs doing now.

``dashboard`` reads the key figures of PRODUCT.md "Dashboard and reminders" in one read
transaction — the pipeline, revenue and commissions per party, invoiced against paid, the
commissions of the coming twelve months, the providers gone quiet. The earned direction
(providers owe me) and the owed direction (I owe introducers) are kept apart. Amounts are
excluding VAT throughout, like the commissions they are compared with.

``reminders`` lists what to act on today; each one names the view and the item it is about.
The values both return, and the reminders' wording, are in :mod:`.dashboard_figures`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from dateutil.relativedelta import relativedelta
from sqlalchemy.orm import Session

from ..domain.enums import Direction, EngagementKind
from ..domain.money import ZERO
from ..domain.periods import Period, periods_between
from ..engine.coverage import find_conversions, in_order
from ..engine.forecast import ForecastFacts, forecast
from ..storage import dashboard_queries as dq
from ..storage import reminder_queries as rq
from .context import AppContext
from .dashboard_figures import (
    AGREEMENT_ENDING,
    INVOICE_OVERDUE,
    REMINDER_VIEWS,
    REVENUE_MISSING,
    TRIAL_ENDING,
    Dashboard,
    MonthTotals,
    PartyTotal,
    Pipeline,
    Ratio,
    Reminder,
)

TRIAL_NOTICE_DAYS = 7
AGREEMENT_NOTICE_DAYS = 30
DORMANT_MONTHS = 6
T = TypeVar("T")


def dashboard(ctx: AppContext, first: Period, last: Period) -> Dashboard:
    """The figures of ``first``..``last`` (whole months, both included), read in one go."""
    first, last = min(first, last), max(first, last)
    today = ctx.clock.today()
    start, end = first.first_day(), (last + 1).first_day() - timedelta(days=1)
    this_month = Period.of(today)
    with ctx.ledger.transaction(write=False) as session:
        pipelines = _pipelines(session, start, end)
        parties = _party_totals(session, first, last, start, end)
        months = _month_totals(session, first, last, start, end)
        overdue = [
            o for o in rq.overdue_invoices(session, today) if o.direction is Direction.EARNED
        ]
        dormant = dq.dormant_providers(session, today - relativedelta(months=DORMANT_MONTHS), today)
        rows = dq.forecast_rows(session, this_month.first_day(), this_month.january())
    return Dashboard(
        first=first,
        last=last,
        today=today,
        pipeline=pipelines[Direction.EARNED],
        received=pipelines[Direction.OWED],
        providers=parties[Direction.EARNED],
        introducers=parties[Direction.OWED],
        months=months,
        overdue=sum((o.left_net for o in overdue), ZERO),
        overdue_count=len(overdue),
        forecast=forecast(_forecast_facts(rows), this_month),
        dormant=tuple(dormant),
    )


def _pipelines(session: Session, start: date, end: date) -> dict[Direction, Pipeline]:
    counts = dq.pipeline_counts(session, start, end)
    delays = dq.signature_delays(session, start, end)
    trials = _trial_ratios(dq.trial_families(session, start, end), start, end)
    pipelines = {}
    for direction in Direction:
        made = counts.get(direction, dq.PipelineCounts())
        signed = delays.get(direction, [])
        pipelines[direction] = Pipeline(
            introductions=made.introductions,
            qualification=Ratio(made.qualified, made.introductions),
            conversion=Ratio(made.won, made.introductions),
            trials=trials.get(direction, Ratio(0, 0)),
            signatures=len(signed),
            median_days=median(signed),
        )
    return pipelines


def _trial_ratios(families: list[dq.TrialFamily], start: date, end: date) -> dict[Direction, Ratio]:
    """Per direction, the trials started in the range and how many a long-term engagement
    converted, within the agreement's conversion window (engine.coverage)."""
    converted: dict[Direction, int] = defaultdict(int)
    started: dict[Direction, int] = defaultdict(int)
    for family in families:
        ordered = in_order(family.engagements)
        window = _window_in_force(family.windows, Period.of(ordered[0].start))
        converting = set(find_conversions(ordered, window).values())
        for trial in ordered:
            if trial.kind is EngagementKind.TRIAL and start <= trial.start <= end:
                started[family.direction] += 1
                converted[family.direction] += trial.id in converting
    return {d: Ratio(converted[d], started[d]) for d in started}


def _window_in_force(windows: Sequence[tuple[date | None, int]], first: Period) -> int:
    """The conversion window of the terms in force in the month the introduction's first
    engagement starts, as ``engine.coverage.coverage_terms`` decides coverage."""
    days = windows[0][1]
    for effective_on, window in windows[1:]:
        if effective_on is not None and Period.of(effective_on) <= first:
            days = window
    return days


def median(values: Sequence[int]) -> Decimal | None:
    """The middle value (the mean of the two middle ones for an even count), exactly."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return Decimal(ordered[middle - 1] + ordered[middle]) / 2


def _party_totals(
    session: Session, first: Period, last: Period, start: date, end: date
) -> dict[Direction, tuple[PartyTotal, ...]]:
    revenue = dq.revenue_by_party(session, first, last)
    commission = dq.commission_by_party(session, first, last)
    paid: dict[tuple[Direction, int], Decimal] = defaultdict(lambda: ZERO)
    for payment in dq.paid_in(session, start, end):
        paid[(payment.direction, payment.counterparty_id)] += payment.amount
    keys = set(revenue) | set(commission) | set(paid)
    names = dq.party_names(session, (party for _, party in keys))
    totals: dict[Direction, list[PartyTotal]] = {d: [] for d in Direction}
    for direction, party in keys:
        totals[direction].append(
            PartyTotal(
                party,
                names.get(party, ""),
                revenue.get((direction, party), ZERO),
                commission.get((direction, party), ZERO),
                paid[(direction, party)],
            )
        )
    return {
        d: tuple(sorted(rows, key=lambda p: (-p.commission, -p.revenue, p.name)))
        for d, rows in totals.items()
    }


def _month_totals(
    session: Session, first: Period, last: Period, start: date, end: date
) -> tuple[MonthTotals, ...]:
    earned = _earned_only(dq.commission_by_month(session, first, last).items())
    invoiced = _earned_only(dq.invoiced_by_month(session, start, end).items())
    paid: dict[Period, Decimal] = defaultdict(lambda: ZERO)
    for payment in dq.paid_in(session, start, end):
        if payment.direction is Direction.EARNED:
            paid[payment.period] += payment.amount
    return tuple(
        MonthTotals(p, earned.get(p, ZERO), invoiced.get(p, ZERO), paid[p])
        for p in periods_between(first, last)
    )


def _earned_only(
    totals: Iterable[tuple[tuple[Direction, Period], Decimal]],
) -> dict[Period, Decimal]:
    return {period: amount for (d, period), amount in totals if d is Direction.EARNED}


def _forecast_facts(rows: dq.ForecastRows) -> list[ForecastFacts]:
    """One ``ForecastFacts`` per agreement, from what storage read for all of them."""
    introductions = defaultdict(list)
    for introduction in rows.introductions:
        introductions[introduction.agreement_id].append(introduction)
    facts = []
    for agreement in rows.agreements:
        own = introductions.get(agreement.id or 0, [])
        engagements = [e for i in own for e in rows.engagements.get(i.id or 0, [])]
        ids = [e.id or 0 for e in engagements]
        facts.append(
            ForecastFacts(
                agreement,
                tuple(own),
                tuple(engagements),
                _only(rows.known, ids),
                _only(rows.last_known, ids),
                _only(rows.used_before, [i.id or 0 for i in own]),
            )
        )
    return facts


def _only(values: Mapping[int, T], ids: Iterable[int]) -> dict[int, T]:
    return {key: values[key] for key in ids if key in values}


def reminders(ctx: AppContext, today: date | None = None) -> list[Reminder]:
    """What needs doing as of ``today`` (the clock's day by default), the most urgent first."""
    today = today or ctx.clock.today()
    last_month = Period.of(today) + -1
    with ctx.ledger.transaction(write=False) as session:
        trials = rq.trials_ending(session, today, today + timedelta(days=TRIAL_NOTICE_DAYS))
        missing = rq.revenue_missing(session, last_month)
        overdue = rq.overdue_invoices(session, today)
        ending = rq.agreements_ending(session, today, today + timedelta(days=AGREEMENT_NOTICE_DAYS))
    found = [_about(TRIAL_ENDING, s, s.client) for s in trials]
    found += [_about(REVENUE_MISSING, s, s.client, period=last_month) for s in missing]
    found += [
        Reminder(
            INVOICE_OVERDUE,
            REMINDER_VIEWS[INVOICE_OVERDUE],
            o.id,
            o.reference,
            o.due_on,
            o.direction,
            o.counterparty,
            amount=o.left,
        )
        for o in overdue
    ]
    found += [_about(AGREEMENT_ENDING, s, s.label) for s in ending]
    # Missing revenue became due when its month ended: it sorts as of the 1st of this month.
    kinds = list(REMINDER_VIEWS)
    return sorted(
        found,
        key=lambda r: (r.due_on or Period.of(today).first_day(), kinds.index(r.kind), r.title),
    )


def _about(kind: str, subject: rq.Subject, title: str, period: Period | None = None) -> Reminder:
    return Reminder(
        kind,
        REMINDER_VIEWS[kind],
        subject.id,
        title,
        subject.day,
        subject.direction,
        subject.counterparty,
        period=period,
    )
