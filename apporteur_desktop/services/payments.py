"""Payments against issued or recorded documents: partly paid, then paid.

A document paid in full marks its commission lines paid. In the owed direction a payment is
mine to the introducer: those are the amounts the yearly DAS2 declaration adds up.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..domain.enums import LineStatus
from ..domain.invoices import InvoiceStatus, PaymentMethod
from ..domain.money import ZERO
from ..domain.problems import Problem, Refused
from ..storage import invoice_store
from ..validation.bounds import has_at_most_cents
from .context import AppContext
from .errors import UserError
from .invoice_views import InvoiceView, find_invoice, left_to_pay, view_of


def record_payment(
    ctx: AppContext,
    number: str,
    amount: Decimal,
    paid_on: date,
    *,
    method: PaymentMethod = PaymentMethod.TRANSFER,
    note: str = "",
) -> InvoiceView:
    """Record a payment of ``amount`` (VAT included) received or made on ``paid_on``."""
    with ctx.ledger.transaction() as session:
        stored = find_invoice(session, number)
        if stored.status is InvoiceStatus.DRAFT:
            raise UserError.of("not_issued", number=number)
        if stored.status is InvoiceStatus.CANCELLED:
            raise UserError.of("already_cancelled", number=number)
        outstanding = left_to_pay(session, stored)
        problems = _check(amount, paid_on, stored.issued_on, outstanding)
        if problems:
            raise Refused(problems)
        invoice_store.add_payment(
            session, stored.id, paid_on=paid_on, amount=amount, method=method, note=note.strip()
        )
        paid_in_full = amount == outstanding
        status = InvoiceStatus.PAID if paid_in_full else InvoiceStatus.PARTLY_PAID
        invoice_store.update_invoice(session, stored.id, status=status)
        if paid_in_full:
            invoice_store.set_commission_status(
                session, invoice_store.commission_lines_of(session, stored.id), LineStatus.PAID
            )
        return view_of(session, ctx, invoice_store.get_invoice(session, stored.id))


def _check(
    amount: Decimal, paid_on: date, issued_on: date | None, outstanding: Decimal
) -> list[Problem]:
    problems = []
    if outstanding <= ZERO:
        problems.append(Problem.of("amount", amount, "nothing_left_to_pay"))
    elif amount <= ZERO:
        problems.append(Problem.of("amount", amount, "below_minimum", minimum="0.01"))
    elif not has_at_most_cents(amount):
        problems.append(Problem.of("amount", amount, "too_many_decimals", places=2))
    elif amount > outstanding:
        problems.append(Problem.of("amount", amount, "above_left_to_pay", maximum=str(outstanding)))
    if issued_on is not None and paid_on < issued_on:
        problems.append(
            Problem.of(
                "date", paid_on, "date_before_minimum", minimum=issued_on, reference="issued_on"
            )
        )
    return problems
