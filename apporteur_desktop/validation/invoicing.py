"""What an invoice must say before it may be issued (PRODUCT.md "Invoices (France)").

Each missing or wrong mention costs the seller a fine, so issuing is refused with the whole
list of what is missing, each naming its place (``seller.siret``, ``buyer.address``…).
"""

from __future__ import annotations

from datetime import date

from ..domain.enums import VatRegime
from ..domain.invoices import DocumentKind, InvoiceDocument
from ..domain.parties import LegalIdentity
from ..domain.problems import Notice, Problem

# From this day small businesses' invoices must give the buyer's SIREN; ask for it before.
BUYER_SIREN_REQUIRED_FROM = date(2027, 9, 1)


def check_mentions(document: InvoiceDocument) -> tuple[list[Problem], list[Notice]]:
    """Every mandatory mention that is missing, and what is wise to add."""
    problems = _identity("seller", document.seller.identity, seller=True)
    problems += _identity("buyer", document.buyer, seller=False)
    seller = document.seller
    if seller.vat_regime is VatRegime.REGISTERED:
        if not seller.identity.vat_number:
            problems.append(Problem.of("seller.vat_number", "", "required"))
        if seller.vat_rate is None:
            problems.append(Problem.of("seller.vat_rate", None, "required"))
    elif not document.wordings.franchise.strip():
        problems.append(Problem.of("wordings.franchise", "", "required"))
    for name in ("late_penalties", "recovery_indemnity", "early_payment_discount"):
        if not getattr(document.wordings, name).strip():
            problems.append(Problem.of(f"wordings.{name}", "", "required"))
    if not document.lines:
        problems.append(Problem.of("lines", (), "required"))
    if document.due_on < document.issued_on:
        problems.append(
            Problem.of(
                "due_on",
                document.due_on,
                "date_before_minimum",
                minimum=document.issued_on,
                reference="issued_on",
            )
        )
    if document.kind is DocumentKind.CREDIT_NOTE and not document.cites:
        problems.append(Problem.of("cites", (), "required"))
    notices = []
    if not document.buyer.siren:
        if document.issued_on >= BUYER_SIREN_REQUIRED_FROM:
            problems.append(Problem.of("buyer.siren", "", "required"))
        else:
            notices.append(Notice.of("buyer_siren_soon_required", field="buyer.siren"))
    return problems, notices


def _identity(place: str, identity: LegalIdentity, *, seller: bool) -> list[Problem]:
    problems = []
    if not identity.name.strip():
        problems.append(Problem.of(f"{place}.name", identity.name, "required"))
    if identity.address.is_empty():
        problems.append(Problem.of(f"{place}.address", "", "required"))
    if seller:
        if not identity.siret:
            problems.append(Problem.of(f"{place}.siret", "", "required"))
        if not identity.sole_trader and not identity.legal_form:
            problems.append(Problem.of(f"{place}.legal_form", "", "required"))
        if identity.legal_form and identity.share_capital is None:
            problems.append(Problem.of(f"{place}.share_capital", None, "required"))
    return problems
