"""An invoice is refused with the whole list of missing mentions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from apporteur_desktop.domain.enums import VatRegime
from apporteur_desktop.domain.invoices import DocumentKind, DocumentLine, InvoiceDocument
from apporteur_desktop.domain.legal import DEFAULT_WORDINGS
from apporteur_desktop.domain.parties import Address, BusinessIdentity, LegalIdentity
from apporteur_desktop.validation.invoicing import check_mentions

JEANNE = BusinessIdentity(
    LegalIdentity(
        "Jeanne Martin",
        sole_trader=True,
        siren="123456782",
        siret="12345678200010",
        address=Address("12 rue des Lilas", "69003", "Lyon"),
    ),
    iban="FR7630006000011234567890189",
)
ATELIER = LegalIdentity(
    "Atelier Numérique SAS",
    legal_form="SAS",
    siren="987654324",
    address=Address("5 avenue Foch", "75008", "Paris"),
)


def invoice(**changes: object) -> InvoiceDocument:
    document = InvoiceDocument(
        kind=DocumentKind.INVOICE,
        number="2026-0001",
        issued_on=date(2026, 11, 22),
        due_on=date(2026, 12, 22),
        service_first=date(2026, 10, 1),
        service_last=date(2026, 10, 31),
        seller=JEANNE,
        buyer=ATELIER,
        lines=(
            DocumentLine("Commission 20 %", "Dupont", "2026-10", None, None, Decimal("240.00")),
        ),
        wordings=DEFAULT_WORDINGS,
    )
    return replace(document, **changes)  # type: ignore[arg-type]


def fields(document: InvoiceDocument) -> list[str]:
    return [problem.field for problem in check_mentions(document)[0]]


def test_a_complete_franchise_invoice_has_nothing_missing() -> None:
    assert check_mentions(invoice()) == ([], [])


def test_every_missing_mention_is_listed_at_once() -> None:
    no_siret = replace(JEANNE, identity=replace(JEANNE.identity, siret=""))
    nowhere = replace(ATELIER, address=Address())
    silent = replace(DEFAULT_WORDINGS, recovery_indemnity=" ")

    assert fields(invoice(seller=no_siret, buyer=nowhere, wordings=silent, lines=())) == [
        "seller.siret",
        "buyer.address",
        "wordings.recovery_indemnity",
        "lines",
    ]


def test_a_vat_registered_seller_needs_a_vat_number_and_rate() -> None:
    registered = replace(JEANNE, vat_regime=VatRegime.REGISTERED)

    assert fields(invoice(seller=registered)) == ["seller.vat_number", "seller.vat_rate"]


def test_a_company_seller_gives_its_legal_form_and_capital() -> None:
    company = replace(JEANNE, identity=replace(JEANNE.identity, sole_trader=False))
    with_form = replace(company, identity=replace(company.identity, legal_form="SARL"))

    assert fields(invoice(seller=company)) == ["seller.legal_form"]
    assert fields(invoice(seller=with_form)) == ["seller.share_capital"]


def test_a_credit_note_must_cite_the_invoice_it_corrects() -> None:
    assert fields(invoice(kind=DocumentKind.CREDIT_NOTE)) == ["cites"]


def test_the_buyer_siren_is_asked_for_now_and_required_from_september_2027() -> None:
    anonymous = replace(ATELIER, siren="")

    problems, notices = check_mentions(invoice(buyer=anonymous))
    assert problems == [] and [n.code for n in notices] == ["buyer_siren_soon_required"]

    later = invoice(buyer=anonymous, issued_on=date(2027, 9, 1), due_on=date(2027, 10, 1))
    assert fields(later) == ["buyer.siren"]
