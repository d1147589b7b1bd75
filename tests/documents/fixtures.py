"""Sample invoices and credit notes, as PRODUCT.md "Invoices (France)" tells them.

Two sellers: « Jeanne Martin EI », a sole trader under the VAT franchise, and « Conseil Durand
SARL », registered for VAT at 20 %. One buyer, « Atelier Numérique SAS ». March 2026's
commissions are invoiced as ``2026-0001`` on 31 March 2026; a credit note ``2026-0002`` cites it.

    invoice()                                  # Jeanne Martin's, under the franchise
    invoice(seller=CONSEIL_DURAND)             # the same lines, VAT at 20 %
    credit_note(lines=(commission("20 %", "1 200,00", "Boulangerie Dupont"),))

Every identifier here is valid (SIREN/SIRET Luhn keys, VAT keys, IBAN check digits), so these
documents pass the e-invoicing rules as they are.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from apporteur_desktop.domain.enums import VatRegime
from apporteur_desktop.domain.invoices import (
    CitedInvoice,
    DocumentKind,
    DocumentLine,
    InvoiceDocument,
)
from apporteur_desktop.domain.legal import DEFAULT_WORDINGS
from apporteur_desktop.domain.money import money, percent_of, round_cents, to_decimal
from apporteur_desktop.domain.parties import Address, BusinessIdentity, LegalIdentity

JEANNE_MARTIN = BusinessIdentity(
    identity=LegalIdentity(
        "Jeanne Martin",
        sole_trader=True,
        siren="123456782",
        siret="12345678200010",
        address=Address("12 rue Mercière", "69002", "Lyon"),
        email="jeanne.martin@example.fr",
    ),
    vat_regime=VatRegime.FRANCHISE,
    iban="FR7630006000011234567890189",
    bic="AGRIFRPP882",
)

CONSEIL_DURAND = BusinessIdentity(
    identity=LegalIdentity(
        "Conseil Durand SARL",
        legal_form="SARL",
        siren="732829320",
        siret="73282932000017",
        vat_number="FR44732829320",
        registration="RCS Lyon 732 829 320",
        share_capital=Decimal("10000.00"),
        address=Address("8 quai Saint-Vincent", "69001", "Lyon"),
        email="contact@conseil-durand.example.fr",
    ),
    vat_regime=VatRegime.REGISTERED,
    vat_rate=Decimal("20"),
    iban="FR7630006000011234567890189",
    bic="AGRIFRPP882",
)

ATELIER_NUMERIQUE = LegalIdentity(
    "Atelier Numérique SAS",
    legal_form="SAS",
    siren="987654324",
    siret="98765432400019",
    vat_number="FR14987654324",
    registration="RCS Paris 987 654 324",
    share_capital=Decimal("50000.00"),
    address=Address("5 avenue Foch", "75008", "Paris"),
    email="comptabilite@atelier-numerique.example.fr",
)

MARCH_INVOICE = CitedInvoice("2026-0001", date(2026, 3, 31))


def commission(
    rate: str, base: str, client: str, period: str = "2026-03", description: str = ""
) -> DocumentLine:
    """« Commission 20 % × 1 200,00 € » on a client's revenue, rounded half-up to the cent."""
    rate_value = to_decimal(rate)
    base_value = money(base)
    text = description or f"Commission {rate.strip()} × {base.strip()} €"
    amount = round_cents(percent_of(base_value, rate_value))
    return DocumentLine(text, client, period, base_value, rate_value, amount)


def fee(description: str, amount: str, client: str, on: str) -> DocumentLine:
    """A fixed fee, such as a signature fee, dated the day it was earned."""
    return DocumentLine(description, client, on, None, None, money(amount))


MARCH_LINES = (
    commission("20 %", "1 200,00", "Boulangerie Dupont"),  # 240.00
    commission("10 %", "3 456,78", "Garage Lefèvre"),  # 345.678 → 345.68
    fee("Prime de signature", "500,00", "Hôtel Bellevue", "2026-03-12"),
)


def invoice(seller: BusinessIdentity = JEANNE_MARTIN, **changes: Any) -> InvoiceDocument:
    """March 2026's commissions, invoiced on 31 March, due 30 April."""
    document = InvoiceDocument(
        kind=DocumentKind.INVOICE,
        number=MARCH_INVOICE.number,
        issued_on=MARCH_INVOICE.issued_on,
        due_on=date(2026, 4, 30),
        service_first=date(2026, 3, 1),
        service_last=date(2026, 3, 31),
        seller=seller,
        buyer=ATELIER_NUMERIQUE,
        lines=MARCH_LINES,
        wordings=DEFAULT_WORDINGS,
        buyer_reference="SERVICE-ACHATS",
        purchase_order="BC-2026-017",
    )
    return replace(document, **changes)


def credit_note(seller: BusinessIdentity = JEANNE_MARTIN, **changes: Any) -> InvoiceDocument:
    """Credits the Boulangerie Dupont commission of invoice 2026-0001 (its amounts positive)."""
    document = invoice(
        seller,
        kind=DocumentKind.CREDIT_NOTE,
        number="2026-0002",
        issued_on=date(2026, 4, 15),
        due_on=date(2026, 4, 15),
        lines=(
            commission(
                "20 %",
                "1 200,00",
                "Boulangerie Dupont",
                description="Annulation — Commission 20 % × 1 200,00 €",
            ),
        ),
        cites=(MARCH_INVOICE,),
        purchase_order="",
    )
    return replace(document, **changes)
