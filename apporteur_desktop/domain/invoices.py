"""Invoices and credit notes as the documents say them: values in, documents out.

An ``InvoiceDocument`` holds everything a French business-to-business invoice must show
(PRODUCT.md "Invoices (France)"), frozen as issued: the seller and buyer as they were that
day, the lines, the totals, the dates and the legal wordings. Documents (PDF, Factur-X XML)
are made from it and from nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .enums import VatRegime
from .money import ZERO, percent_of, round_cents
from .parties import BusinessIdentity, LegalIdentity


class DocumentKind(StrEnum):
    INVOICE = "invoice"  # type 380
    CREDIT_NOTE = "credit_note"  # type 381


class DocumentOrigin(StrEnum):
    ISSUED = "issued"  # numbered in one of this ledger's series
    RECORDED = "recorded"  # numbered by the other side; recorded here against the lines


class InvoiceStatus(StrEnum):
    DRAFT = "draft"  # no number yet; can be edited or discarded
    ISSUED = "issued"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    CANCELLED = "cancelled"  # a credit note cancelled it; it stays as issued


class InvoiceState(StrEnum):
    """What the user sees: the stored status, and « overdue » once the due date has passed."""

    DRAFT = "draft"
    ISSUED = "issued"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


def state_of(status: InvoiceStatus, due_on: date | None, today: date) -> InvoiceState:
    """Overdue is never stored: it depends on the day, so it is derived when shown."""
    unpaid = status in (InvoiceStatus.ISSUED, InvoiceStatus.PARTLY_PAID)
    if unpaid and due_on is not None and due_on < today:
        return InvoiceState.OVERDUE
    return InvoiceState(status.value)


class PaymentMethod(StrEnum):
    TRANSFER = "transfer"
    CHEQUE = "cheque"
    CARD = "card"
    CASH = "cash"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class LegalWordings:
    """Mentions whose wording the user may edit; the French defaults carry the date they
    were last checked against the law."""

    late_penalties: str
    recovery_indemnity: str
    early_payment_discount: str
    franchise: str
    operation_category: str
    vat_on_debits: str
    self_billing: str
    checked_on: date


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One line of an invoice: what it is, its base, its rate, its amount excluding VAT."""

    description: str
    client: str
    period: str  # « 2026-03 » or a date for a fee
    base: Decimal | None
    rate: Decimal | None  # percent
    amount: Decimal  # excluding VAT, rounded to the cent


@dataclass(frozen=True, slots=True)
class VatTotal:
    """The VAT of one rate: on the rounded total base of that rate."""

    rate: Decimal  # percent; 0 under the franchise
    base: Decimal
    vat: Decimal
    exempt: bool  # franchise: category E, exemption VATEX-FR-FRANCHISE


@dataclass(frozen=True, slots=True)
class CitedInvoice:
    """The invoice a credit note cancels or corrects (BT-25, BT-26)."""

    number: str
    issued_on: date


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    """A credit note's amounts are positive, like an invoice's: its kind says it credits."""

    kind: DocumentKind
    number: str
    issued_on: date
    due_on: date
    service_first: date  # the period of the service (« commissions de mars 2026 »)
    service_last: date
    seller: BusinessIdentity
    buyer: LegalIdentity
    lines: tuple[DocumentLine, ...]
    wordings: LegalWordings
    currency: str = "EUR"
    buyer_reference: str = ""
    purchase_order: str = ""
    notes: str = ""
    cites: tuple[CitedInvoice, ...] = ()
    self_billed: bool = False  # issued by the paying side in the introducer's name

    @property
    def net_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def vat_totals(self) -> tuple[VatTotal, ...]:
        return (vat_total(self.net_total, self.seller),)

    @property
    def vat_amount(self) -> Decimal:
        return sum((v.vat for v in self.vat_totals), ZERO)

    @property
    def gross_total(self) -> Decimal:
        return self.net_total + self.vat_amount


def vat_total(base: Decimal, seller: BusinessIdentity) -> VatTotal:
    """VAT on the rounded base, at the seller's rate, or none under the franchise."""
    if seller.vat_regime is VatRegime.FRANCHISE or seller.vat_rate is None:
        return VatTotal(Decimal("0"), base, ZERO, exempt=True)
    return VatTotal(seller.vat_rate, base, round_cents(percent_of(base, seller.vat_rate)), False)
