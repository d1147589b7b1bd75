"""Invoices numbered by the other side, recorded against the commission lines they pay.

Two cases (PRODUCT.md "Two directions"): a provider that self-bills sends me the invoice it
wrote in my name (earned); an introducer sends me its invoice for what I owe (owed, when the
agreement is not self-billing). Either way the app does not number anything: it records the
invoice's number, date and amounts, marks the lines invoiced, and shows any difference
between what the invoice says and what the lines add up to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.enums import Direction, LineStatus, PartyKind
from ..domain.invoices import DocumentKind, DocumentOrigin, InvoiceStatus
from ..domain.money import ZERO
from ..domain.periods import Period
from ..domain.problems import Problem, Refused
from ..storage import invoice_store, repository
from ..storage.invoice_store import DueLine
from ..validation.bounds import has_at_most_cents
from .context import AppContext
from .errors import UserError
from .invoice_parts import describe, due_on, last_day, new_line
from .invoice_views import InvoiceView, view_of


@dataclass(frozen=True, slots=True)
class TheirInvoice:
    """An invoice as the other side wrote it."""

    number: str
    issued_on: date
    net_total: Decimal  # excluding VAT
    vat_total: Decimal = ZERO
    due_on: date | None = None  # None: from the agreement's payment terms


def record_their_invoice(
    ctx: AppContext, direction: Direction, counterparty: str, invoice: TheirInvoice, through: Period
) -> InvoiceView:
    """Record ``invoice`` against the counterparty's due lines up to ``through``."""
    kind = PartyKind.PROVIDER if direction is Direction.EARNED else PartyKind.INTRODUCER
    with ctx.ledger.transaction() as session:
        party = repository.find_party(session, kind, counterparty)
        if party is None or party.id is None:
            raise UserError.of("not_found", what=kind.value, key=counterparty)
        lines = [
            line
            for line in invoice_store.due_lines(
                session, through, direction=direction, counterparty_id=party.id
            )
            if line.self_billing is (direction is Direction.EARNED)
        ]
        problems = _check(invoice, lines, session, direction)
        if problems:
            raise Refused(problems)
        invoice_id = _add(ctx, session, direction, party.id, invoice, lines)
        invoice_store.set_commission_status(
            session, [line.id for line in lines], LineStatus.INVOICED
        )
        return view_of(session, ctx, invoice_store.get_invoice(session, invoice_id))


def _check(
    invoice: TheirInvoice, lines: Sequence[DueLine], session: Session, direction: Direction
) -> list[Problem]:
    problems = []
    if not invoice.number.strip():
        problems.append(Problem.of("number", invoice.number, "required"))
    for name in ("net_total", "vat_total"):
        value = getattr(invoice, name)
        if not has_at_most_cents(value):
            problems.append(Problem.of(name, value, "too_many_decimals", places=2))
    if invoice.vat_total < ZERO:
        problems.append(Problem.of("vat_total", invoice.vat_total, "below_minimum", minimum=0))
    if invoice.net_total <= ZERO:
        problems.append(Problem.of("net_total", invoice.net_total, "below_minimum", minimum="0.01"))
    if not lines:
        problems.append(Problem.of("lines", (), "no_due_lines"))
    return problems


def _add(
    ctx: AppContext,
    session: Session,
    direction: Direction,
    counterparty_id: int,
    invoice: TheirInvoice,
    lines: Sequence[DueLine],
) -> int:
    names = {p.id: p.name for p in repository.list_parties(session)}
    last = max(line.period for line in lines)
    due = invoice.due_on or due_on(
        session, invoice.issued_on, {line.agreement_id for line in lines}, last
    )
    return invoice_store.add_invoice(
        session,
        {
            "kind": DocumentKind.INVOICE,
            "status": InvoiceStatus.ISSUED,
            "direction": direction,
            "origin": DocumentOrigin.RECORDED,
            "counterparty_id": counterparty_id,
            "self_billed": direction is Direction.EARNED,
            "series": "recorded",
            "their_number": invoice.number.strip(),
            "issued_on": invoice.issued_on,
            "due_on": due,
            "service_first": min(line.period for line in lines).first_day(),
            "service_last": last_day(last),
            "buyer_reference": "",
            "purchase_order": "",
            "notes": "",
            "net_total": invoice.net_total,
            "vat_total": invoice.vat_total,
            "gross_total": invoice.net_total + invoice.vat_total,
            "expected_total": sum((line.amount for line in lines), ZERO),
        },
        [
            new_line(line, describe(ctx.translator, line), names.get(line.client_id, ""), 1)
            for line in lines
        ],
    )
