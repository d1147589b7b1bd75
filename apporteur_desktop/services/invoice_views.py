"""Invoices as the user sees them: names, words, what is paid and what is left, the file.

Reading only. « Overdue » is worked out here from the day, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..domain.invoices import (
    DocumentKind,
    DocumentLine,
    DocumentOrigin,
    InvoiceState,
    InvoiceStatus,
    state_of,
)
from ..domain.money import ZERO
from ..i18n import N_
from ..storage import invoice_store, repository
from ..storage.document_json import document_from_json
from ..storage.invoice_store import StoredInvoice
from .context import AppContext
from .errors import UserError
from .invoice_parts import sha256_of

STATE_NAMES = {
    InvoiceState.DRAFT: N_("draft"),
    InvoiceState.ISSUED: N_("issued"),
    InvoiceState.PARTLY_PAID: N_("partly paid"),
    InvoiceState.PAID: N_("paid"),
    InvoiceState.OVERDUE: N_("overdue"),
    InvoiceState.CANCELLED: N_("cancelled"),
}


@dataclass(frozen=True, slots=True)
class InvoiceView:
    id: int
    kind: DocumentKind
    state: InvoiceState
    direction: str
    origin: DocumentOrigin
    counterparty: str
    number: str  # ours, or the other side's for a recorded invoice; "" for a draft
    issued_on: date | None
    due_on: date | None
    service_first: date
    service_last: date
    net_total: Decimal
    vat_total: Decimal
    gross_total: Decimal
    paid: Decimal
    outstanding: Decimal
    difference: Decimal | None  # recorded invoices: their amount minus our lines' total
    self_billed: bool
    buyer_reference: str
    purchase_order: str
    notes: str
    cites: tuple[str, ...]
    file: Path | None
    sha256: str | None
    lines: tuple[DocumentLine, ...]

    def as_record(self) -> dict[str, Any]:
        """JSON-ready values; amounts as exact strings such as ``"240.00"``."""

        def text(value: object) -> str | None:
            return None if value is None else str(value)

        return {
            "id": self.id,
            "kind": self.kind.value,
            "state": self.state.value,
            "direction": self.direction,
            "origin": self.origin.value,
            "counterparty": self.counterparty,
            "number": self.number,
            "issued_on": text(self.issued_on),
            "due_on": text(self.due_on),
            "service_first": str(self.service_first),
            "service_last": str(self.service_last),
            "net_total": str(self.net_total),
            "vat_total": str(self.vat_total),
            "gross_total": str(self.gross_total),
            "paid": str(self.paid),
            "outstanding": str(self.outstanding),
            "difference": text(self.difference),
            "self_billed": self.self_billed,
            "cites": list(self.cites),
            "file": text(self.file),
            "sha256": self.sha256,
            "lines": [
                {
                    "description": line.description,
                    "client": line.client,
                    "period": line.period,
                    "base": text(line.base),
                    "rate": None if line.rate is None else format(line.rate, "f"),
                    "amount": str(line.amount),
                }
                for line in self.lines
            ],
        }


def view_of(session: Session, ctx: AppContext, stored: StoredInvoice) -> InvoiceView:
    paid = invoice_store.paid_total(session, stored.id)
    counterparty = repository.get_party(session, stored.counterparty_id).name
    difference = None
    if stored.expected_total is not None:
        difference = stored.gross_total - stored.vat_total - stored.expected_total
    cites = ()
    if stored.cancels_id is not None:
        cites = (invoice_store.get_invoice(session, stored.cancels_id).reference,)
    elif stored.document:
        cites = tuple(c.number for c in document_from_json(stored.document).cites)
    return InvoiceView(
        id=stored.id,
        kind=stored.kind,
        state=state_of(stored.status, stored.due_on, ctx.clock.today()),
        direction=stored.direction.value,
        origin=stored.origin,
        counterparty=counterparty,
        number=stored.reference,
        issued_on=stored.issued_on,
        due_on=stored.due_on,
        service_first=stored.service_first,
        service_last=stored.service_last,
        net_total=stored.net_total,
        vat_total=stored.vat_total,
        gross_total=stored.gross_total,
        paid=paid,
        outstanding=left_to_pay(session, stored),
        difference=difference,
        self_billed=stored.self_billed,
        buyer_reference=stored.buyer_reference,
        purchase_order=stored.purchase_order,
        notes=stored.notes,
        cites=cites,
        file=None if stored.file_name is None else ctx.paths.archive_dir / stored.file_name,
        sha256=stored.sha256,
        lines=tuple(item.line for item in invoice_store.lines_of(session, stored.id)),
    )


def list_invoices(
    ctx: AppContext, states: Iterable[InvoiceState] | None = None
) -> list[InvoiceView]:
    """Every document, oldest first (drafts last), optionally only those in ``states``."""
    wanted = None if states is None else set(states)
    with ctx.ledger.transaction(write=False) as session:
        views = [view_of(session, ctx, stored) for stored in invoice_store.list_invoices(session)]
    return [view for view in views if wanted is None or view.state in wanted]


def find_invoice(session: Session, number: str) -> StoredInvoice:
    found = invoice_store.find_by_number(session, number)
    if not found:
        raise UserError.of("not_found", what="invoice", key=number)
    if len(found) > 1:
        names = [repository.get_party(session, f.counterparty_id).name for f in found]
        raise UserError.of("ambiguous_number", number=number, counterparties=", ".join(names))
    return found[0]


def left_to_pay(session: Session, stored: StoredInvoice) -> Decimal:
    """What remains to be paid. A cancelled invoice: nothing (its credit note settles it). A
    credit note that cancels an invoice: only what had been paid on it, to be paid back."""
    if stored.status is InvoiceStatus.CANCELLED:
        return ZERO
    owed = stored.gross_total - invoice_store.paid_total(session, stored.id)
    if stored.cancels_id is not None:
        cancelled = invoice_store.get_invoice(session, stored.cancels_id)
        owed -= cancelled.gross_total - invoice_store.paid_total(session, cancelled.id)
    return max(owed, ZERO)


def get_invoice(ctx: AppContext, number: str) -> InvoiceView:
    with ctx.ledger.transaction(write=False) as session:
        return view_of(session, ctx, find_invoice(session, number))


def archived_pdf(ctx: AppContext, number: str) -> bytes:
    """The archived Factur-X file of an issued document, after checking it is the one issued."""
    with ctx.ledger.transaction(write=False) as session:
        stored = find_invoice(session, number)
    if stored.file_name is None or stored.sha256 is None:
        raise UserError.of("no_archived_file", number=number)
    path = ctx.paths.archive_dir / stored.file_name
    try:
        content = path.read_bytes()
    except OSError as error:
        raise UserError.of("file_error", path=str(path), reason=error.strerror or "") from error
    if sha256_of(content) != stored.sha256:
        raise UserError.of("archive_altered", number=number, path=str(path))
    return content
