"""Invoices, credit notes, their lines and payments, number series and settings.

Rows stay here: callers get :class:`StoredInvoice` and :class:`StoredInvoiceLine` values and
give plain values back. Issued and recorded documents are frozen by the database itself
(migrations 0002 and 0003); this module never tries to change them, except their status.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from apporteur_desktop.domain.enums import ComponentKind, Direction, LineKind, LineStatus
from apporteur_desktop.domain.invoices import (
    DocumentKind,
    DocumentLine,
    DocumentOrigin,
    InvoiceStatus,
    PaymentMethod,
)
from apporteur_desktop.domain.money import ZERO
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.problems import NotFound

from .explanations import explanation_from_json
from .models import (
    AgreementRow,
    CommissionLineRow,
    IntroductionRow,
    InvoiceLineRow,
    InvoiceRow,
    NumberSeriesRow,
    PaymentRow,
    SettingRow,
)


@dataclass(frozen=True, slots=True)
class StoredInvoice:
    id: int
    kind: DocumentKind
    status: InvoiceStatus
    direction: Direction
    origin: DocumentOrigin
    counterparty_id: int
    self_billed: bool
    series: str
    number: str | None
    their_number: str | None
    year: int | None
    seq: int | None
    issued_on: date | None
    due_on: date | None
    service_first: date
    service_last: date
    buyer_reference: str
    purchase_order: str
    notes: str
    net_total: Decimal
    vat_total: Decimal
    gross_total: Decimal
    expected_total: Decimal | None
    document: str | None
    file_name: str | None
    sha256: str | None
    cancels_id: int | None

    @property
    def reference(self) -> str:
        """The number the user knows it by: ours, or the other side's."""
        return self.number or self.their_number or ""


@dataclass(frozen=True, slots=True)
class NewLine:
    """A document line to write, with the commission line it bills (None: it bills none)."""

    commission_line_id: int | None
    line: DocumentLine


@dataclass(frozen=True, slots=True)
class StoredInvoiceLine:
    id: int
    position: int  # from 1, in the document's order
    commission_line_id: int | None
    line: DocumentLine


@dataclass(frozen=True, slots=True)
class DueLine:
    """A saved commission line not yet on any document, with what a document needs of it."""

    id: int
    agreement_id: int
    agreement: str
    direction: Direction
    counterparty_id: int
    self_billing: bool
    client_id: int
    period: Period
    event_date: date | None
    kind: LineKind
    component: ComponentKind
    amount: Decimal
    base: Decimal | None
    rate: Decimal | None
    corrects_id: int | None
    explanation: Any  # domain Explanation


_INVOICE_FIELDS = tuple(f.name for f in fields(StoredInvoice))


def _invoice(row: InvoiceRow) -> StoredInvoice:
    return StoredInvoice(**{name: getattr(row, name) for name in _INVOICE_FIELDS})


def _line(row: InvoiceLineRow) -> StoredInvoiceLine:
    rate = None if row.rate is None else Decimal(row.rate)
    return StoredInvoiceLine(
        row.id,
        row.position,
        row.commission_line_id,
        DocumentLine(row.description, row.client, row.period, row.base, rate, row.amount),
    )


# --- reading ------------------------------------------------------------------------------------


def get_invoice(session: Session, invoice_id: int) -> StoredInvoice:
    row = session.get(InvoiceRow, invoice_id)
    if row is None:
        raise NotFound("invoice", invoice_id)
    return _invoice(row)


def find_by_number(session: Session, number: str) -> list[StoredInvoice]:
    """The invoice with our number ``number``, or else every recorded one with the other
    side's number ``number`` (two providers may both send a « 2026-0001 »)."""
    row = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
    if row is not None:
        return [_invoice(row)]
    rows = session.scalars(
        select(InvoiceRow).where(InvoiceRow.their_number == number).order_by(InvoiceRow.id)
    )
    return [_invoice(row) for row in rows]


def list_invoices(
    session: Session,
    *,
    statuses: Iterable[InvoiceStatus] | None = None,
    counterparty_id: int | None = None,
    direction: Direction | None = None,
) -> list[StoredInvoice]:
    query = select(InvoiceRow).order_by(
        InvoiceRow.issued_on.is_(None), InvoiceRow.issued_on, InvoiceRow.id
    )
    if statuses is not None:
        query = query.where(InvoiceRow.status.in_(list(statuses)))
    if counterparty_id is not None:
        query = query.where(InvoiceRow.counterparty_id == counterparty_id)
    if direction is not None:
        query = query.where(InvoiceRow.direction == direction)
    return [_invoice(row) for row in session.scalars(query)]


def lines_of(session: Session, invoice_id: int) -> list[StoredInvoiceLine]:
    rows = session.scalars(
        select(InvoiceLineRow)
        .where(InvoiceLineRow.invoice_id == invoice_id)
        .order_by(InvoiceLineRow.position)
    )
    return [_line(row) for row in rows]


def due_lines(
    session: Session,
    through: Period,
    *,
    direction: Direction | None = None,
    counterparty_id: int | None = None,
) -> list[DueLine]:
    """Due commission lines up to ``through`` that no document (draft included) holds yet."""
    on_documents = select(InvoiceLineRow.commission_line_id).where(
        InvoiceLineRow.commission_line_id.is_not(None)
    )
    query = (
        select(CommissionLineRow, AgreementRow, IntroductionRow.client_id)
        .join(AgreementRow, AgreementRow.id == CommissionLineRow.agreement_id)
        .join(IntroductionRow, IntroductionRow.id == CommissionLineRow.introduction_id)
        .where(
            CommissionLineRow.status == LineStatus.DUE,
            CommissionLineRow.period <= through,
            CommissionLineRow.id.not_in(on_documents),
        )
        .order_by(AgreementRow.counterparty_id, CommissionLineRow.period, CommissionLineRow.id)
    )
    if direction is not None:
        query = query.where(AgreementRow.direction == direction)
    if counterparty_id is not None:
        query = query.where(AgreementRow.counterparty_id == counterparty_id)
    return [
        _due(line, agreement, client_id) for line, agreement, client_id in session.execute(query)
    ]


def _due(line: CommissionLineRow, agreement: AgreementRow, client_id: int) -> DueLine:
    return DueLine(
        id=line.id,
        agreement_id=agreement.id,
        agreement=agreement.name,
        direction=agreement.direction,
        counterparty_id=agreement.counterparty_id,
        self_billing=agreement.self_billing,
        client_id=client_id,
        period=line.period,
        event_date=line.event_date,
        kind=line.kind,
        component=line.component_kind,
        amount=line.amount,
        base=line.base,
        rate=line.rate,
        corrects_id=line.corrects_id,
        explanation=explanation_from_json(line.explanation),
    )


def documents_billing(session: Session, commission_line_ids: Iterable[int]) -> list[StoredInvoice]:
    """The final invoices (not drafts, not credit notes) that billed these commission lines."""
    wanted = list(commission_line_ids)
    if not wanted:
        return []
    query = (
        select(InvoiceRow)
        .join(InvoiceLineRow, InvoiceLineRow.invoice_id == InvoiceRow.id)
        .where(
            InvoiceLineRow.commission_line_id.in_(wanted),
            InvoiceRow.status != InvoiceStatus.DRAFT,
            InvoiceRow.kind == DocumentKind.INVOICE,
        )
        .distinct()
        .order_by(InvoiceRow.issued_on, InvoiceRow.id)
    )
    return [_invoice(row) for row in session.scalars(query)]


def agreements_and_corrections(
    session: Session, commission_line_ids: Iterable[int]
) -> tuple[set[int], list[int]]:
    """The agreements these commission lines fall under, and the lines they correct."""
    wanted = list(commission_line_ids)
    if not wanted:
        return set(), []
    rows = session.execute(
        select(CommissionLineRow.agreement_id, CommissionLineRow.corrects_id).where(
            CommissionLineRow.id.in_(wanted)
        )
    ).all()
    return {row[0] for row in rows}, [row[1] for row in rows if row[1] is not None]


def commission_lines_of(session: Session, invoice_id: int) -> list[int]:
    return [
        line.commission_line_id
        for line in lines_of(session, invoice_id)
        if line.commission_line_id is not None
    ]


def paid_total(session: Session, invoice_id: int) -> Decimal:
    # SUM keeps the column's Money type: the total comes back as a Decimal, None if no payment.
    total = session.scalar(
        select(func.sum(PaymentRow.amount)).where(PaymentRow.invoice_id == invoice_id)
    )
    return ZERO if total is None else total


def payments_of(
    session: Session, invoice_id: int
) -> list[tuple[date, Decimal, PaymentMethod, str]]:
    rows = session.scalars(
        select(PaymentRow).where(PaymentRow.invoice_id == invoice_id).order_by(PaymentRow.id)
    )
    return [(row.paid_on, row.amount, row.method, row.note) for row in rows]


def payments_between(
    session: Session, first: date, last: date, direction: Direction
) -> list[tuple[int, date, Decimal, DocumentKind]]:
    """(counterparty, day, amount, kind of document) of each payment of ``direction``."""
    query = (
        select(InvoiceRow.counterparty_id, PaymentRow.paid_on, PaymentRow.amount, InvoiceRow.kind)
        .join(InvoiceRow, InvoiceRow.id == PaymentRow.invoice_id)
        .where(
            InvoiceRow.direction == direction,
            PaymentRow.paid_on >= first,
            PaymentRow.paid_on <= last,
        )
        .order_by(PaymentRow.paid_on, PaymentRow.id)
    )
    return [(row[0], row[1], row[2], row[3]) for row in session.execute(query)]


def last_issue_date(session: Session, series: str) -> date | None:
    return session.scalar(
        select(func.max(InvoiceRow.issued_on)).where(
            InvoiceRow.series == series, InvoiceRow.number.is_not(None)
        )
    )


# --- writing ------------------------------------------------------------------------------------


def add_invoice(session: Session, values: Mapping[str, Any], lines: Sequence[NewLine]) -> int:
    row = InvoiceRow(**values)
    session.add(row)
    session.flush()
    _add_lines(session, row.id, lines)
    return row.id


def _add_lines(session: Session, invoice_id: int, lines: Sequence[NewLine]) -> None:
    session.add_all(
        InvoiceLineRow(
            invoice_id=invoice_id,
            position=position,
            commission_line_id=new.commission_line_id,
            description=new.line.description,
            client=new.line.client,
            period=new.line.period,
            base=new.line.base,
            rate=None if new.line.rate is None else format(new.line.rate, "f"),
            amount=new.line.amount,
        )
        for position, new in enumerate(lines, start=1)
    )
    session.flush()


def update_invoice(session: Session, invoice_id: int, **values: Any) -> None:
    session.execute(update(InvoiceRow).where(InvoiceRow.id == invoice_id).values(**values))


def set_line_description(session: Session, invoice_id: int, position: int, text: str) -> bool:
    result = session.execute(
        update(InvoiceLineRow)
        .where(InvoiceLineRow.invoice_id == invoice_id, InvoiceLineRow.position == position)
        .values(description=text)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def delete_draft(session: Session, invoice_id: int) -> None:
    """Remove a draft and its lines (the database refuses for anything issued)."""
    session.execute(delete(InvoiceLineRow).where(InvoiceLineRow.invoice_id == invoice_id))
    session.execute(delete(InvoiceRow).where(InvoiceRow.id == invoice_id))


def set_commission_status(session: Session, line_ids: Iterable[int], status: LineStatus) -> None:
    wanted = list(line_ids)
    if wanted:
        session.execute(
            update(CommissionLineRow).where(CommissionLineRow.id.in_(wanted)).values(status=status)
        )


def add_payment(
    session: Session,
    invoice_id: int,
    *,
    paid_on: date,
    amount: Decimal,
    method: PaymentMethod,
    note: str,
) -> None:
    session.add(
        PaymentRow(invoice_id=invoice_id, paid_on=paid_on, amount=amount, method=method, note=note)
    )
    session.flush()


def next_number(session: Session, series: str, pattern: str, year: int) -> int:
    """The next sequence number of ``series`` in ``year``, taken now (the caller's transaction
    gives it back if anything later fails: that is what keeps the numbering gapless)."""
    row = session.scalar(select(NumberSeriesRow).where(NumberSeriesRow.name == series))
    if row is None:
        row = NumberSeriesRow(name=series, pattern=pattern, year=year, last_seq=0)
        session.add(row)
    if row.year != year:
        row.year, row.last_seq = year, 0
    row.pattern = pattern
    row.last_seq += 1
    session.flush()
    return row.last_seq


# --- settings -----------------------------------------------------------------------------------


def get_setting(session: Session, key: str) -> Any | None:
    row = session.get(SettingRow, key)
    return None if row is None else json.loads(row.value)


def put_setting(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=text))
    else:
        row.value = text
    session.flush()


def delete_setting(session: Session, key: str) -> None:
    session.execute(delete(SettingRow).where(SettingRow.key == key))
