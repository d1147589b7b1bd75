"""What the reminders are about: trials ending, revenue not entered, invoices overdue,
agreements ending. Each query returns only the items to remind, never a whole table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from apporteur_desktop.domain.enums import Direction, EngagementKind
from apporteur_desktop.domain.invoices import DocumentKind, InvoiceStatus
from apporteur_desktop.domain.money import ZERO, round_cents
from apporteur_desktop.domain.periods import Period

from .mapping import engagement_from_row
from .models import (
    AgreementRow,
    EngagementRow,
    IntroductionRow,
    InvoiceRow,
    PartyRow,
    PaymentRow,
    RevenueRevisionRow,
)

# Short names for the tables: the queries read like the SQL they make.
Agr = AgreementRow
Eng = EngagementRow
Intro = IntroductionRow
Rev = RevenueRevisionRow
Doc = InvoiceRow
Pay = PaymentRow
Party = PartyRow


def net_share(amount: Decimal, net: Decimal, gross: Decimal) -> Decimal:
    """The part of ``amount`` (VAT included) that pays the net total."""
    return amount if gross in (net, 0) else round_cents(amount * net / gross)


@dataclass(frozen=True, slots=True)
class Overdue:
    """An invoice past its due date and not paid in full."""

    id: int
    direction: Direction
    reference: str
    counterparty: str
    due_on: date
    left: Decimal  # what remains to pay, VAT included, as on the invoice
    left_net: Decimal  # the same, excluding VAT


def overdue_invoices(session: Session, today: date) -> list[Overdue]:
    """Invoices (not credit notes) issued or partly paid whose due date is before ``today``."""
    paid = (
        select(Pay.invoice_id, func.sum(Pay.amount).label("paid"))
        .group_by(Pay.invoice_id)
        .subquery()
    )
    query = (
        select(Doc, Party.name, paid.c.paid)
        .join(Party, Party.id == Doc.counterparty_id)
        .outerjoin(paid, paid.c.invoice_id == Doc.id)
        .where(
            Doc.kind == DocumentKind.INVOICE,
            Doc.status.in_((InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)),
            Doc.due_on < today,
        )
        .order_by(Doc.due_on, Doc.id)
    )
    found = []
    for row, name, paid_amount in session.execute(query):
        left = max(row.gross_total - (paid_amount or ZERO), ZERO)
        left_net = net_share(left, row.net_total, row.gross_total)
        reference = row.number or row.their_number or ""
        found.append(Overdue(row.id, row.direction, reference, name, row.due_on, left, left_net))
    return found


@dataclass(frozen=True, slots=True)
class Subject:
    """What a reminder is about: an engagement or an agreement, with the names to show."""

    id: int
    direction: Direction
    client: str  # "" for an agreement
    counterparty: str
    label: str  # the engagement's label or the agreement's name
    day: date | None  # the trial's or the agreement's end


def _engagement_subjects(condition: ColumnElement[bool]) -> Select[Any]:
    client = Party.__table__.alias("client")
    counterparty = Party.__table__.alias("counterparty")
    return (
        select(Eng, Agr.direction, client.c.name, counterparty.c.name)
        .join(Intro, Intro.id == Eng.introduction_id)
        .join(Agr, Agr.id == Intro.agreement_id)
        .join(client, client.c.id == Intro.client_id)
        .join(counterparty, counterparty.c.id == Agr.counterparty_id)
        .where(condition)
        .order_by(Eng.start, Eng.id)
    )


def trials_ending(session: Session, today: date, until: date) -> list[Subject]:
    """Trials whose last day falls from ``today`` to ``until``, the client still there and no
    long-term engagement recorded after them yet."""
    later = Eng.__table__.alias("later")
    converted = exists().where(
        later.c.introduction_id == Eng.introduction_id,
        later.c.kind == EngagementKind.LONG_TERM.value,
        later.c.start >= Eng.start,
    )
    # A trial without an end lasts its first month: only its start is known to SQL.
    ends = or_(
        Eng.end.between(today, until),
        and_(
            Eng.end.is_(None),
            Eng.start.between(Period.of(today).first_day(), until),
        ),
    )
    query = _engagement_subjects(
        and_(
            Eng.kind == EngagementKind.TRIAL,
            Eng.terminated_on.is_(None),
            ends,
            ~converted,
        )
    )
    subjects = []
    for row, direction, client, counterparty in session.execute(query):
        trial = engagement_from_row(row)
        if today <= trial.trial_end <= until:
            label = trial.label
            subjects.append(
                Subject(row.id, direction, client, counterparty, label, trial.trial_end)
            )
    return subjects


def revenue_missing(session: Session, period: Period) -> list[Subject]:
    """Engagements running in ``period`` (one-off projects aside) with no figure for it."""
    first, last = period.first_day(), (period + 1).first_day()
    entered = exists().where(Rev.engagement_id == Eng.id, Rev.period == period)
    running = and_(
        Eng.kind != EngagementKind.ONE_OFF,
        Eng.start < last,
        or_(Eng.end.is_(None), Eng.end >= first),
        or_(Eng.terminated_on.is_(None), Eng.terminated_on >= first),
        # A trial without an end runs only in the month it starts.
        or_(
            Eng.kind != EngagementKind.TRIAL,
            Eng.end.is_not(None),
            Eng.start >= first,
        ),
        ~entered,
    )
    return [
        Subject(row.id, direction, client, counterparty, row.label, None)
        for row, direction, client, counterparty in session.execute(_engagement_subjects(running))
    ]


def agreements_ending(session: Session, today: date, until: date) -> list[Subject]:
    query = (
        select(
            Agr.id,
            Agr.direction,
            Party.name,
            Agr.name,
            Agr.valid_until,
        )
        .join(Party, Party.id == Agr.counterparty_id)
        .where(Agr.valid_until.between(today, until))
        .order_by(Agr.valid_until, Agr.id)
    )
    return [
        Subject(agreement_id, direction, "", counterparty, name, until_day)
        for agreement_id, direction, counterparty, name, until_day in session.execute(query)
    ]
