"""Cancelling an issued invoice: a credit note of its own, citing it, never an edit.

The credit note repeats the invoice's lines, seller and buyer as they were issued (so it
credits exactly the VAT that was charged). The invoice becomes « cancelled » and its
commission lines no longer stand: the next commission run produces them again, to be
invoiced anew — correctly this time. A paid invoice can be cancelled too: its credit note is
then what the seller owes back, and recording its « payment » records the refund.
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.enums import LineStatus
from ..domain.invoices import (
    CitedInvoice,
    DocumentKind,
    DocumentOrigin,
    InvoiceStatus,
)
from ..domain.money import ZERO
from ..storage import invoice_store
from ..storage.document_json import document_from_json
from ..storage.invoice_store import NewLine
from .context import AppContext
from .errors import UserError
from .invoice_views import InvoiceView, find_invoice, view_of
from .invoicing import archiving, finalise


def cancel_invoice(ctx: AppContext, number: str, reason: str) -> InvoiceView:
    """Issue the credit note that cancels invoice ``number``; returns the credit note."""
    reason = reason.strip()
    if not reason:
        raise UserError.of("reason_required")
    today = ctx.clock.today()
    with archiving(ctx) as (session, written):
        original = find_invoice(session, number)
        _check_cancellable(original, number)
        assert original.document is not None and original.issued_on is not None
        issued = document_from_json(original.document)
        _ = ctx.translator.gettext
        lines = [
            NewLine(
                None,
                replace(
                    stored.line,
                    description=_("Cancellation — {description}").format(
                        description=stored.line.description
                    ),
                ),
            )
            for stored in invoice_store.lines_of(session, original.id)
        ]
        credit_id = invoice_store.add_invoice(
            session,
            {
                "kind": DocumentKind.CREDIT_NOTE,
                "status": InvoiceStatus.DRAFT,
                "direction": original.direction,
                "origin": DocumentOrigin.ISSUED,
                "counterparty_id": original.counterparty_id,
                "self_billed": original.self_billed,
                "series": original.series,
                "service_first": original.service_first,
                "service_last": original.service_last,
                "buyer_reference": original.buyer_reference,
                "purchase_order": original.purchase_order,
                "notes": reason,
                "net_total": original.net_total,
                "vat_total": original.vat_total,
                "gross_total": original.gross_total,
            },
            lines,
        )
        document = replace(
            issued,
            kind=DocumentKind.CREDIT_NOTE,
            issued_on=today,
            due_on=today,
            lines=tuple(
                replace(line, description=new.line.description)
                for line, new in zip(issued.lines, lines, strict=True)
            ),
            notes=reason,
            cites=(CitedInvoice(number, original.issued_on),),
        )
        draft = invoice_store.get_invoice(session, credit_id)
        finalise(ctx, session, draft, document, written, cancels_id=original.id)
        invoice_store.update_invoice(session, original.id, status=InvoiceStatus.CANCELLED)
        # The credit note settles what was unpaid; only what was paid is owed back.
        paid = invoice_store.paid_total(session, original.id)
        if paid == ZERO:
            settled = InvoiceStatus.PAID
        elif paid < original.gross_total:
            settled = InvoiceStatus.PARTLY_PAID
        else:
            settled = InvoiceStatus.ISSUED
        invoice_store.update_invoice(session, credit_id, status=settled)
        invoice_store.set_commission_status(
            session,
            invoice_store.commission_lines_of(session, original.id),
            LineStatus.CANCELLED,
        )
        return view_of(session, ctx, invoice_store.get_invoice(session, credit_id))


def _check_cancellable(original: invoice_store.StoredInvoice, number: str) -> None:
    if original.kind is not DocumentKind.INVOICE or original.origin is not DocumentOrigin.ISSUED:
        raise UserError.of("cannot_cancel_kind", number=number)
    if original.status is InvoiceStatus.CANCELLED:
        raise UserError.of("already_cancelled", number=number)
    if original.status is InvoiceStatus.DRAFT:
        raise UserError.of("not_issued", number=number)
