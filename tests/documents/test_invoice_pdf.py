"""The invoice PDF shows every mention of PRODUCT.md "Invoices (France)", read back with pypdf.

Text is compared with every run of white space (the no-break and narrow no-break spaces of French
numbers and punctuation, line breaks) made one plain space.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from apporteur_desktop.documents.invoice_pdf import render_invoice
from apporteur_desktop.domain.invoices import CitedInvoice, InvoiceDocument
from apporteur_desktop.domain.legal import DEFAULT_WORDINGS
from apporteur_desktop.i18n import Translator

from .fixtures import CONSEIL_DURAND, commission, credit_note, invoice
from .pdf_text import flat, pdf_pages

ROOT = Path(__file__).resolve().parents[2]
FRENCH = Translator("fr")
ENGLISH = Translator("en")


def _text(document: InvoiceDocument, tr: Translator = FRENCH) -> str:
    return " ".join(pdf_pages(render_invoice(document, tr)))


@pytest.fixture(scope="module")
def franchise_text() -> str:
    return _text(invoice())


@pytest.fixture(scope="module")
def registered_text() -> str:
    return _text(invoice(seller=CONSEIL_DURAND))


# --- the mentions, for both kinds of seller -------------------------------------------------


@pytest.mark.parametrize("seller", ["franchise", "registered"])
def test_every_mention_common_to_both_sellers(
    seller: str, franchise_text: str, registered_text: str
) -> None:
    text = franchise_text if seller == "franchise" else registered_text
    expected = [
        # number and issue date
        "Facture",
        "N° 2026-0001",
        "Date : 31/03/2026",
        # the period of the service
        "Commissions de mars 2026",
        # the buyer: name, address, SIREN, VAT number, purchase order, buyer reference
        "Atelier Numérique SAS",
        "5 avenue Foch 75008 Paris",
        "SIREN : 987 654 324",
        "N° TVA : FR14987654324",
        "Bon de commande : BC-2026-017",
        "Référence acheteur : SERVICE-ACHATS",
        # each line: what it is, for which client, its period, base, rate and amount
        "Commission 20 % × 1 200,00 €",
        "Client : Boulangerie Dupont",
        "mars 2026 1 200,00 € 20 % 240,00 €",
        "mars 2026 3 456,78 € 10 % 345,68 €",
        "Prime de signature",
        "12/03/2026 — — 500,00 €",
        # total excluding VAT
        "Total HT 1 085,68 €",
        # category of operation, due date as a date, discount, penalties, indemnity
        "Catégorie de l’opération : Prestations de services",
        "Échéance : 30/04/2026",
        flat(DEFAULT_WORDINGS.early_payment_discount),
        flat(DEFAULT_WORDINGS.late_penalties),
        flat(DEFAULT_WORDINGS.recovery_indemnity),
        "40 €",
        # payment details
        "IBAN : FR76 3000 6000 0112 3456 7890 189",
        "BIC : AGRIFRPP882",
        "Page 1/1",
    ]
    missing = [mention for mention in expected if mention not in text]
    assert not missing, f"missing {missing} from:\n{text}"


def test_a_sole_trader_under_the_franchise(franchise_text: str) -> None:
    assert "Jeanne Martin EI" in franchise_text
    assert "SIRET : 123 456 782 00010" in franchise_text
    assert "12 rue Mercière 69002 Lyon" in franchise_text
    assert "jeanne.martin@example.fr" in franchise_text
    assert flat(DEFAULT_WORDINGS.franchise) in franchise_text
    assert "Net à payer 1 085,68 €" in franchise_text
    for absent in ("TVA 20", "Total TTC", "N° TVA : FR44"):
        assert absent not in franchise_text


def test_a_company_registered_for_vat(registered_text: str) -> None:
    for mention in (
        "Conseil Durand SARL",
        "SARL au capital de 10 000,00 €",
        "8 quai Saint-Vincent 69001 Lyon",
        "SIRET : 732 829 320 00017",
        "RCS Lyon 732 829 320",
        "N° TVA : FR44732829320",
        "TVA 20 % 217,14 €",
        "Total TTC 1 302,82 €",
    ):
        assert mention in registered_text, mention
    assert " EI" not in registered_text
    assert flat(DEFAULT_WORDINGS.franchise) not in registered_text
    assert flat(DEFAULT_WORDINGS.vat_on_debits) not in registered_text


def test_the_option_for_vat_on_debits_is_shown_when_the_seller_opted() -> None:
    text = _text(invoice(seller=replace(CONSEIL_DURAND, vat_on_debits=True)))
    assert flat(DEFAULT_WORDINGS.vat_on_debits) in text


def test_a_credit_note_cites_the_invoices_it_credits() -> None:
    second = CitedInvoice("2026-0007", date(2026, 4, 30))
    text = _text(credit_note(cites=(credit_note().cites[0], second)))
    assert "Avoir" in text
    assert "N° 2026-0002" in text
    assert "Date : 15/04/2026" in text
    assert "Avoir sur la facture n° 2026-0001 du 31/03/2026" in text
    assert "Avoir sur la facture n° 2026-0007 du 30/04/2026" in text
    assert "Montant de l’avoir 240,00 €" in text
    assert "IBAN" not in text  # the buyer does not pay a credit note
    assert "Facture" not in text.replace("la facture", "")


def test_a_self_billed_invoice_says_so() -> None:
    assert "Autofacturation" in _text(invoice(self_billed=True))
    assert "Autofacturation" not in _text(invoice())


@pytest.mark.parametrize(
    ("first", "last", "wording"),
    [
        (date(2026, 4, 1), date(2026, 4, 30), "Commissions d’avril 2026"),
        (date(2026, 1, 1), date(2026, 3, 31), "Commissions de janvier 2026 à mars 2026"),
        (date(2026, 6, 10), date(2026, 6, 25), "Commissions du 10/06/2026 au 25/06/2026"),
        (date(2026, 6, 10), date(2026, 6, 10), "Commissions du 10/06/2026"),
    ],
)
def test_the_service_period_reads_naturally(first: date, last: date, wording: str) -> None:
    assert wording in _text(invoice(service_first=first, service_last=last))


def test_a_foreign_buyer_shows_its_country_and_notes_are_printed() -> None:
    buyer = replace(
        invoice().buyer,
        address=replace(invoice().buyer.address, postcode="1000", city="Bruxelles", country="BE"),
    )
    text = _text(invoice(buyer=buyer, notes="Merci de rappeler la référence BC-2026-017."))
    assert "1000 Bruxelles Belgique" in text
    assert "Merci de rappeler la référence BC-2026-017." in text


def test_characters_outside_latin_scripts_are_embedded_too() -> None:
    lines = (commission("10 %", "100,00", "Ωμέγα Ελλάς"),)
    pdf = render_invoice(invoice(lines=lines), FRENCH)
    assert "Client : Ωμέγα Ελλάς" in " ".join(pdf_pages(pdf))


# --- long invoices ----------------------------------------------------------------------------


def test_a_thousand_lines_run_over_pages_each_headed_and_numbered() -> None:
    lines = tuple(commission("10 %", f"{1000 + n},00", f"Client n° {n}") for n in range(1000))
    pages = pdf_pages(render_invoice(invoice(lines=lines), FRENCH))
    count = len(pages)
    assert count > 5
    with_lines = [page for page in pages if "Client : Client n°" in page]
    assert pages[: count - 1] == with_lines[: count - 1]  # only the totals may go on alone
    for number, page in enumerate(pages, start=1):
        if page in with_lines:
            assert "Désignation Période Base HT Taux Montant HT" in page, number
        assert f"Page {number}/{count}" in page
        if number > 1:
            assert "Facture n° 2026-0001 du 31/03/2026" in page  # the running head
    text = " ".join(pages)
    assert all(f"Client : Client n° {n} " in text for n in (0, 499, 999))
    assert "Total HT 149 950,00 €" in pages[-1]  # 10 % of 1,000 × 1,000 + 499,500


# --- English ----------------------------------------------------------------------------------


def test_english_labels_and_formatting() -> None:
    text = _text(invoice(seller=CONSEIL_DURAND), ENGLISH)
    for mention in (
        "Invoice",
        "No. 2026-0001",
        "Date: 31/03/2026",
        "Due date: 30/04/2026",
        "Commissions for March 2026",
        "BILLED TO",
        "Description Period Base excl. VAT Rate Amount excl. VAT",
        "March 2026 €1,200.00 20% €240.00",
        "Total excl. VAT €1,085.68",
        "VAT 20% €217.14",
        "Total incl. VAT €1,302.82",
        "SARL with a share capital of €10,000.00",
        "Operation category: Prestations de services",
        "Page 1/1",
    ):
        assert mention in text, mention
    for french in ("Facture", "Échéance", "Total HT", "mars 2026"):
        assert french not in text, french


# --- the file itself --------------------------------------------------------------------------


def test_rendering_twice_gives_the_same_bytes() -> None:
    document = invoice(seller=CONSEIL_DURAND)
    assert render_invoice(document, FRENCH) == render_invoice(document, FRENCH)


def test_a_fresh_process_gives_the_same_bytes() -> None:
    """The fonts parsed once per process leave nothing behind that changes the output."""
    script = (
        "import hashlib, sys\n"
        "from apporteur_desktop.documents.invoice_pdf import render_invoice\n"
        "from apporteur_desktop.i18n import Translator\n"
        "from tests.documents.fixtures import invoice\n"
        "pdf = render_invoice(invoice(), Translator('fr'))\n"
        "sys.stdout.write(hashlib.sha256(pdf).hexdigest())\n"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    render_invoice(invoice(seller=CONSEIL_DURAND), FRENCH)  # this process's fonts in use already
    assert fresh == hashlib.sha256(render_invoice(invoice(), FRENCH)).hexdigest()


def test_metadata_come_from_the_document() -> None:
    reader = PdfReader(io.BytesIO(render_invoice(invoice(), FRENCH)))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "Facture n° 2026-0001 du 31/03/2026"}
    assert xmp.dc_creator == ["Jeanne Martin"]
    assert xmp.xmp_create_date == datetime(2026, 3, 31, tzinfo=UTC).replace(tzinfo=None)
    raw = xmp.stream.get_data().decode("utf-8")
    assert "<pdfaid:part>3</pdfaid:part>" in raw
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in raw


def test_the_file_is_made_for_pdf_a() -> None:
    """What PDF/A-3B asks that fpdf2 could leave out: embedded fonts, an sRGB output intent."""
    reader = PdfReader(io.BytesIO(render_invoice(invoice(seller=CONSEIL_DURAND), FRENCH)))
    assert reader.pdf_header == "%PDF-1.7"
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]


def test_a_logo_is_drawn_top_left() -> None:
    image = Image.new("RGB", (300, 100), (31, 58, 95))
    logo = io.BytesIO()
    image.save(logo, format="PNG")
    pdf = render_invoice(invoice(), FRENCH, logo=logo.getvalue())
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
    assert "Jeanne Martin EI" in flat(page.extract_text())
