"""The figures of the dashboard, summed by the database (its reminders: ``reminder_queries``).

Every total is a GROUP BY in SQL over the rows of the chosen range, so the dashboard stays quick
on a ledger of many years; Python only ever sees one row per party, per month or per item to
remind. The month of a date is taken with ``EXTRACT``, which SQLAlchemy writes for SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    and_,
    case,
    extract,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, selectinload

from apporteur_desktop.domain.agreements import Agreement
from apporteur_desktop.domain.enums import (
    QUALIFIED_STAGES,
    Direction,
    EngagementKind,
    IntroductionStatus,
    LineStatus,
    RevenueStatus,
)
from apporteur_desktop.domain.invoices import DocumentKind, InvoiceStatus
from apporteur_desktop.domain.money import from_cents
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import Engagement, Introduction, StatusChange

from .mapping import agreement_from_row
from .models import (
    AgreementRow,
    CommissionLineRow,
    ComponentRow,
    EngagementRow,
    IntroductionRow,
    IntroductionStepRow,
    InvoiceRow,
    PartyRow,
    PaymentRow,
    RevenueRevisionRow,
    TermsRow,
)
from .reminder_queries import net_share

# Short names for the tables: the queries read like the SQL they make.
Agr = AgreementRow
Eng = EngagementRow
Intro = IntroductionRow
Rev = RevenueRevisionRow
Line = CommissionLineRow
Step = IntroductionStepRow
Doc = InvoiceRow
Pay = PaymentRow
Party = PartyRow

ByParty = dict[tuple[Direction, int], Decimal]
ByMonth = dict[tuple[Direction, Period], Decimal]


# --- the pipeline -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PipelineCounts:
    """Introductions made in a range, and how many of them got qualified and won (by now)."""

    introductions: int = 0
    qualified: int = 0
    won: int = 0


def pipeline_counts(session: Session, first: date, last: date) -> dict[Direction, PipelineCounts]:
    """Qualified: a step from « qualified » on, or any engagement; won: a « won » step, or an
    engagement other than a trial (a user may record the contract without moving the step)."""
    made = select(Intro.id).where(Intro.introduced_on.between(first, last))
    steps = (
        select(
            Step.introduction_id,
            func.max(case((Step.status.in_(QUALIFIED_STAGES), 1), else_=0)).label("qualified"),
            func.max(case((Step.status == IntroductionStatus.WON, 1), else_=0)).label("won"),
        )
        .where(Step.introduction_id.in_(made))
        .group_by(Step.introduction_id)
        .subquery()
    )
    signed = (
        select(
            Eng.introduction_id,
            func.max(case((Eng.kind != EngagementKind.TRIAL, 1), else_=0)).label("won"),
        )
        .where(Eng.introduction_id.in_(made))
        .group_by(Eng.introduction_id)
        .subquery()
    )
    qualified = or_(steps.c.qualified == 1, signed.c.introduction_id.is_not(None))
    won = or_(steps.c.won == 1, signed.c.won == 1)
    query = (
        select(
            Agr.direction,
            func.count(Intro.id),
            _count_if(qualified),
            _count_if(won),
        )
        .select_from(Intro)
        .join(Agr, Agr.id == Intro.agreement_id)
        .outerjoin(steps, steps.c.introduction_id == Intro.id)
        .outerjoin(signed, signed.c.introduction_id == Intro.id)
        .where(Intro.introduced_on.between(first, last))
        .group_by(Agr.direction)
    )
    return {
        direction: PipelineCounts(total, int(q or 0), int(w or 0))
        for direction, total, q, w in session.execute(query)
    }


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def signature_delays(session: Session, first: date, last: date) -> dict[Direction, list[int]]:
    """Days from each introduction to its first signature, for first signatures in the range."""
    signed = func.min(func.coalesce(Eng.signed_on, Eng.start))
    query = (
        select(Agr.direction, Intro.introduced_on, signed)
        .select_from(Eng)
        .join(Intro, Intro.id == Eng.introduction_id)
        .join(Agr, Agr.id == Intro.agreement_id)
        .group_by(Intro.id, Agr.direction, Intro.introduced_on)
        .having(signed.between(first, last))
    )
    delays: dict[Direction, list[int]] = defaultdict(list)
    for direction, introduced_on, signed_on in session.execute(query):
        delays[direction].append(max(0, (signed_on - introduced_on).days))
    return delays


@dataclass(frozen=True, slots=True)
class TrialFamily:
    """An introduction with a trial that started in a range, with all its engagements and its
    agreement's conversion windows (the original terms' first, then each amendment's by date):
    whether a trial converted is the engine's rule (``engine.coverage.find_conversions``)."""

    direction: Direction
    windows: tuple[tuple[date | None, int], ...]  # (effective from, days)
    engagements: tuple[Engagement, ...]


def trial_families(session: Session, first: date, last: date) -> list[TrialFamily]:
    with_trial = select(Eng.introduction_id).where(
        Eng.kind == EngagementKind.TRIAL, Eng.start.between(first, last)
    )
    engagements = engagements_where(session, Eng.introduction_id.in_(with_trial))
    of_trials = select(Intro.agreement_id).where(Intro.id.in_(with_trial))
    windows: dict[int, list[tuple[date | None, int]]] = defaultdict(list)
    for agreement_id, effective_on, days in session.execute(
        select(TermsRow.agreement_id, TermsRow.effective_on, TermsRow.conversion_window_days)
        .where(TermsRow.agreement_id.in_(of_trials))
        .order_by(TermsRow.agreement_id, TermsRow.effective_on.nulls_first(), TermsRow.id)
    ):
        windows[agreement_id].append((effective_on, days))
    query = (
        select(Intro.id, Intro.agreement_id, Agr.direction)
        .join(Agr, Agr.id == Intro.agreement_id)
        .where(Intro.id.in_(with_trial))
        .order_by(Intro.id)
    )
    return [
        TrialFamily(direction, tuple(windows[agreement_id]), tuple(engagements[introduction_id]))
        for introduction_id, agreement_id, direction in session.execute(query)
    ]


# --- amounts per party and per month ------------------------------------------------------------


def _standing_revisions(first: Period, last: Period) -> Select[Any]:
    """The revision that stands for each engagement and month: the latest confirmed figure,
    else the latest estimate (``domain.pipeline.standing_revenue``)."""
    confirmed = func.max(case((Rev.status == RevenueStatus.CONFIRMED, Rev.id)))
    return (
        select(func.coalesce(confirmed, func.max(Rev.id)))
        .where(Rev.period.between(first, last))
        .group_by(Rev.engagement_id, Rev.period)
    )


def revenue_by_party(session: Session, first: Period, last: Period) -> ByParty:
    """The standing revenue of the range, per direction and counterparty of the agreement."""
    query = (
        select(
            Agr.direction,
            Agr.counterparty_id,
            func.sum(Rev.amount),
        )
        .select_from(Rev)
        .join(Eng, Eng.id == Rev.engagement_id)
        .join(Intro, Intro.id == Eng.introduction_id)
        .join(Agr, Agr.id == Intro.agreement_id)
        .where(Rev.id.in_(_standing_revisions(first, last)))
        .group_by(Agr.direction, Agr.counterparty_id)
    )
    return {(d, party): total for d, party, total in session.execute(query)}


def _lines_in(first: Period, last: Period) -> Select[Any]:
    return (
        select()
        .select_from(Line)
        .join(Agr, Agr.id == Line.agreement_id)
        .where(
            Line.period.between(first, last),
            Line.status != LineStatus.CANCELLED,
        )
    )


def commission_by_party(session: Session, first: Period, last: Period) -> ByParty:
    """Saved commission lines of the range (corrections included), per counterparty."""
    query = _lines_in(first, last).add_columns(
        Agr.direction, Agr.counterparty_id, func.sum(Line.amount)
    )
    query = query.group_by(Agr.direction, Agr.counterparty_id)
    return {(d, party): total for d, party, total in session.execute(query)}


def commission_by_month(session: Session, first: Period, last: Period) -> ByMonth:
    query = _lines_in(first, last).add_columns(Agr.direction, Line.period, func.sum(Line.amount))
    query = query.group_by(Agr.direction, Line.period)
    return {(d, period): total for d, period, total in session.execute(query)}


def _month(column: Any) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    return extract("year", column).label("year"), extract("month", column).label("month")


def invoiced_by_month(session: Session, first: date, last: date) -> ByMonth:
    """Net totals (excl. VAT) of the documents issued or recorded in the range, by month of
    issue; a credit note counts against the month it was issued in."""
    year, month = _month(Doc.issued_on)
    signed = case(
        (Doc.kind == DocumentKind.CREDIT_NOTE, -Doc.net_total),
        else_=Doc.net_total,
    )
    cents = type_coerce(func.sum(signed), BigInteger)  # the column's cents, summed
    query = (
        select(Doc.direction, year, month, cents)
        .where(Doc.status != InvoiceStatus.DRAFT, Doc.issued_on.between(first, last))
        .group_by(Doc.direction, year, month)
    )
    return {
        (d, Period(int(y), int(m))): from_cents(int(total))
        for d, y, m, total in session.execute(query)
    }


@dataclass(frozen=True, slots=True)
class Paid:
    """What was paid in one month on the documents of one counterparty, excluding VAT."""

    direction: Direction
    counterparty_id: int
    period: Period
    amount: Decimal


def paid_in(session: Session, first: date, last: date) -> list[Paid]:
    """Payments of the range, summed per document and month, then brought back to their
    share excluding VAT (a payment of 120 on a 100 + 20 % VAT invoice pays 100 of
    commissions); a refund on a credit note counts as negative."""
    year, month = _month(Pay.paid_on)
    query = (
        select(
            Doc.direction,
            Doc.counterparty_id,
            Doc.kind,
            Doc.net_total,
            Doc.gross_total,
            year,
            month,
            func.sum(Pay.amount),
        )
        .select_from(Pay)
        .join(Doc, Doc.id == Pay.invoice_id)
        .where(Pay.paid_on.between(first, last))
        .group_by(Doc.id, year, month)
    )
    paid = []
    for d, party, kind, net, gross, y, m, amount in session.execute(query):
        share = net_share(amount, net, gross)
        sign = -1 if kind is DocumentKind.CREDIT_NOTE else 1
        paid.append(Paid(d, party, Period(int(y), int(m)), sign * share))
    return paid


def party_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(Party.id, Party.name).where(Party.id.in_(wanted))
    return {party_id: name for party_id, name in session.execute(query)}


@dataclass(frozen=True, slots=True)
class Dormant:
    """A provider with a running agreement and no engagement signed since ``before``."""

    party_id: int
    name: str
    last_signed: date | None  # None: never


def dormant_providers(session: Session, before: date, today: date) -> list[Dormant]:
    """Providers of an earned agreement still in force ``today`` whose last signature (or,
    with none yet, the first agreement) is older than ``before``."""
    last_signed = func.max(func.coalesce(Eng.signed_on, Eng.start))
    partner_since = func.min(func.coalesce(Agr.signed_on, Agr.valid_from))
    in_force = or_(Agr.valid_until.is_(None), Agr.valid_until >= today)
    query = (
        select(Party.id, Party.name, last_signed)
        .select_from(Agr)
        .join(Party, Party.id == Agr.counterparty_id)
        .outerjoin(Intro, Intro.agreement_id == Agr.id)
        .outerjoin(Eng, Eng.introduction_id == Intro.id)
        .where(Agr.direction == Direction.EARNED)
        .group_by(Party.id, Party.name)
        .having(_count_if(in_force) > 0, func.coalesce(last_signed, partner_since) < before)
        .order_by(last_signed.is_not(None), last_signed, Party.name)
    )
    return [Dormant(*row) for row in session.execute(query)]


# --- the forecast's facts -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ForecastRows:
    """The agreements that still have a running engagement, with all their pipeline, the
    revenue that stands from ``january`` on, each engagement's last known figure, and what
    stands of commissions per introduction before ``january`` (for the caps)."""

    agreements: list[Agreement]
    introductions: list[Introduction]
    engagements: dict[int, list[Engagement]]  # by introduction
    known: dict[int, dict[Period, Decimal]]
    last_known: dict[int, tuple[Period, Decimal]]
    used_before: dict[int, Decimal]


def forecast_rows(session: Session, running_on: date, january: Period) -> ForecastRows:
    running = (
        select(Intro.agreement_id)
        .join(Eng, Eng.introduction_id == Intro.id)
        .where(
            or_(Eng.end.is_(None), Eng.end >= running_on),
            or_(Eng.terminated_on.is_(None), Eng.terminated_on >= running_on),
        )
    )
    agreements = agreements_where(session, Agr.id.in_(running))
    introductions = introductions_where(session, Intro.agreement_id.in_(running))
    of_agreements = select(Intro.id).where(Intro.agreement_id.in_(running))
    engagements = engagements_where(session, Eng.introduction_id.in_(of_agreements))
    in_scope = select(Eng.id).where(Eng.introduction_id.in_(of_agreements))
    known: dict[int, dict[Period, Decimal]] = defaultdict(dict)
    standing = _standing_revisions(january, Period(9999, 12)).where(Rev.engagement_id.in_(in_scope))
    query = select(Rev.engagement_id, Rev.period, Rev.amount).where(Rev.id.in_(standing))
    for engagement_id, period, amount in session.execute(query):
        known[engagement_id][period] = amount
    used = (
        select(Line.introduction_id, func.sum(Line.amount))
        .where(
            Line.introduction_id.in_(of_agreements),
            Line.period < january,
            Line.status != LineStatus.CANCELLED,
        )
        .group_by(Line.introduction_id)
    )
    return ForecastRows(
        agreements,
        introductions,
        engagements,
        dict(known),
        _last_known(session, in_scope),
        {introduction_id: total for introduction_id, total in session.execute(used)},
    )


def _last_known(session: Session, in_scope: Select[Any]) -> dict[int, tuple[Period, Decimal]]:
    """Each engagement's latest month with a figure, and the figure that stands for it."""
    latest = (
        select(Rev.engagement_id, func.max(Rev.period).label("period"))
        .where(Rev.engagement_id.in_(in_scope))
        .group_by(Rev.engagement_id)
        .subquery()
    )
    confirmed = func.max(case((Rev.status == RevenueStatus.CONFIRMED, Rev.id)))
    standing = (
        select(func.coalesce(confirmed, func.max(Rev.id)))
        .join(
            latest,
            and_(
                latest.c.engagement_id == Rev.engagement_id,
                latest.c.period == Rev.period,
            ),
        )
        .group_by(Rev.engagement_id)
    )
    query = select(Rev.engagement_id, Rev.period, Rev.amount).where(Rev.id.in_(standing))
    return {eid: (period, amount) for eid, period, amount in session.execute(query)}


def agreements_where(session: Session, condition: ColumnElement[bool]) -> list[Agreement]:
    options = (
        selectinload(Agr.versions)
        .selectinload(TermsRow.components)
        .selectinload(ComponentRow.tiers)
    )
    rows = session.scalars(select(Agr).where(condition).options(options).order_by(Agr.id))
    return [agreement_from_row(row) for row in rows]


def introductions_where(session: Session, condition: ColumnElement[bool]) -> list[Introduction]:
    """Introductions with their history, read without the ORM (a forecast reads thousands)."""
    steps: dict[int, list[StatusChange]] = defaultdict(list)
    for introduction_id, status, on in session.execute(
        select(Step.introduction_id, Step.status, Step.on)
        .where(Step.introduction_id.in_(select(Intro.id).where(condition)))
        .order_by(Step.introduction_id, Step.position)
    ):
        steps[introduction_id].append(StatusChange(status, on))
    query = (
        select(Intro.id, Intro.agreement_id, Intro.client_id, Intro.introduced_on)
        .where(condition)
        .order_by(Intro.id)
    )
    return [
        Introduction(id_, agreement_id, client_id, on, tuple(steps.get(id_, ())))
        for id_, agreement_id, client_id, on in session.execute(query)
    ]


# An Engagement's fields, in order: each row builds one without the ORM.
_ENGAGEMENT_COLUMNS = (
    Eng.id,
    Eng.introduction_id,
    Eng.kind,
    Eng.start,
    Eng.end,
    Eng.amount,
    Eng.signed_on,
    Eng.converts_trial_id,
    Eng.terminated_on,
    Eng.label,
)


def engagements_where(
    session: Session, condition: ColumnElement[bool]
) -> dict[int, list[Engagement]]:
    """Engagements by introduction, in recording order."""
    grouped: dict[int, list[Engagement]] = defaultdict(list)
    query = select(*_ENGAGEMENT_COLUMNS).where(condition).order_by(Eng.id)
    for row in session.execute(query):
        grouped[row.introduction_id].append(Engagement(*row))
    return dict(grouped)
