"""The Factur-X of an invoice passes the rules a « plateforme agréée » applies, and says what
PRODUCT.md "Invoices (France)" asks: type 380/381, cadre S1, notes PMT/PMD/AAB, SIRENs,
franchise as VAT category E with VATEX-FR-FRANCHISE, cited invoices, totals that add up."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from fpdf import FPDF
from lxml import etree
from pypdf import PdfReader

from apporteur_desktop.documents.facturx import build_cii_xml
from apporteur_desktop.documents.facturx_embed import (
    NoFacturXAttachment,
    attach_to_pdf,
    xml_from_pdf,
)
from apporteur_desktop.domain.invoices import CitedInvoice, DocumentLine, InvoiceDocument
from apporteur_desktop.domain.legal import DEFAULT_WORDINGS

from .facturx_validation import compile_stylesheets, schema_errors, schematron_failures
from .fixtures import (
    CONSEIL_DURAND,
    JEANNE_MARTIN,
    MARCH_INVOICE,
    MARCH_LINES,
    credit_note,
    invoice,
)

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
AGREEMENT = "//ram:ApplicableHeaderTradeAgreement"
SETTLEMENT = "//ram:ApplicableHeaderTradeSettlement"
TOTALS = f"{SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
LINE_TAX = "//ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax"

DOCUMENTS = {
    "franchise invoice": invoice(),
    "VAT invoice": invoice(seller=CONSEIL_DURAND),
    "franchise credit note": credit_note(),
    "VAT credit note": credit_note(seller=CONSEIL_DURAND),
}


def values(xml: bytes, path: str) -> list[str]:
    found = etree.fromstring(xml).xpath(path, namespaces=NS)
    return [item if isinstance(item, str) else (item.text or "") for item in found]


def value(xml: bytes, path: str) -> str:
    (only,) = values(xml, path)
    return only


def amount(xml: bytes, path: str) -> Decimal:
    return Decimal(value(xml, path))


@pytest.fixture(scope="session")
def rules() -> None:
    """The EN 16931 and BR-FR stylesheets, compiled once for the whole session (about 1 s)."""
    compile_stylesheets()


def assert_passes(document: InvoiceDocument) -> bytes:
    xml = build_cii_xml(document)
    assert schema_errors(xml) == []
    assert schematron_failures(xml) == []
    return xml


# --- the rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_xml_passes_the_factur_x_en16931_schema(name: str) -> None:
    assert schema_errors(build_cii_xml(DOCUMENTS[name])) == []


@pytest.mark.usefixtures("rules")
@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_xml_passes_the_en16931_and_french_rules(name: str) -> None:
    assert schematron_failures(build_cii_xml(DOCUMENTS[name])) == []


@pytest.mark.usefixtures("rules")
@pytest.mark.parametrize(
    "document",
    [
        pytest.param(invoice(self_billed=True), id="self-billed invoice"),
        pytest.param(credit_note(seller=CONSEIL_DURAND, self_billed=True), id="self-billed note"),
        pytest.param(invoice(seller=replace(CONSEIL_DURAND, vat_on_debits=True)), id="debits"),
        pytest.param(invoice(seller=replace(CONSEIL_DURAND, vat_rate=Decimal("5.5"))), id="5.5"),
        pytest.param(invoice(seller=replace(JEANNE_MARTIN, iban="", bic="")), id="no IBAN"),
        pytest.param(invoice(buyer_reference="", purchase_order="", notes="Merci."), id="notes"),
        pytest.param(
            credit_note(cites=(MARCH_INVOICE, CitedInvoice("2026-0003", date(2026, 4, 2)))),
            id="two cited invoices",
        ),
        pytest.param(
            invoice(
                seller=CONSEIL_DURAND,
                lines=(
                    *MARCH_LINES,
                    DocumentLine(
                        "Régularisation", "Garage Lefèvre", "2026-02", None, None, Decimal("-45.68")
                    ),
                ),
            ),
            id="a negative line",
        ),
    ],
)
def test_variants_pass_the_rules_too(document: InvoiceDocument) -> None:
    assert_passes(document)


@pytest.mark.usefixtures("rules")
def test_the_rules_do_catch_a_broken_invoice() -> None:
    """So that an empty list above means something: a missing PMT note and a wrong total."""
    root = etree.fromstring(build_cii_xml(invoice(seller=CONSEIL_DURAND)))
    (pmt,) = root.xpath("//ram:IncludedNote[ram:SubjectCode='PMT']", namespaces=NS)
    pmt.getparent().remove(pmt)
    (grand_total,) = root.xpath(f"{TOTALS}/ram:GrandTotalAmount", namespaces=NS)
    grand_total.text = "1302.83"
    failures = schematron_failures(etree.tostring(root))
    assert any(failure.startswith("[BR-FR-05_BT-22_PMT]") for failure in failures)
    assert any(failure.startswith("[BR-CO-15]") for failure in failures)


# --- what the XML says -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "type_code"),
    [
        ("franchise invoice", "380"),
        ("VAT invoice", "380"),
        ("franchise credit note", "381"),
        ("VAT credit note", "381"),
    ],
)
def test_invoice_380_credit_note_381(name: str, type_code: str) -> None:
    xml = build_cii_xml(DOCUMENTS[name])
    assert value(xml, "//rsm:ExchangedDocument/ram:TypeCode") == type_code


def test_self_billed_documents_are_389_and_261() -> None:
    type_code = "//rsm:ExchangedDocument/ram:TypeCode"
    assert value(build_cii_xml(invoice(self_billed=True)), type_code) == "389"
    assert value(build_cii_xml(credit_note(self_billed=True)), type_code) == "261"


def test_number_date_profile_and_services_framework() -> None:
    xml = build_cii_xml(invoice())
    assert value(xml, "//rsm:ExchangedDocument/ram:ID") == "2026-0001"
    assert value(xml, "//ram:IssueDateTime/udt:DateTimeString") == "20260331"
    assert value(xml, "//ram:IssueDateTime/udt:DateTimeString/@format") == "102"
    context = "//rsm:ExchangedDocumentContext"
    assert value(xml, f"{context}/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == (
        "urn:cen.eu:en16931:2017"
    )
    assert value(xml, f"{context}/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID") == (
        "S1"
    )


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_payment_mentions_are_notes_once_each(name: str) -> None:
    xml = build_cii_xml(DOCUMENTS[name])
    subjects = values(xml, "//rsm:ExchangedDocument/ram:IncludedNote/ram:SubjectCode")
    assert sorted(subjects) == ["AAB", "PMD", "PMT"]
    note = "//ram:IncludedNote[ram:SubjectCode='{}']/ram:Content"
    assert value(xml, note.format("PMT")) == DEFAULT_WORDINGS.recovery_indemnity
    assert value(xml, note.format("PMD")) == DEFAULT_WORDINGS.late_penalties
    assert value(xml, note.format("AAB")) == DEFAULT_WORDINGS.early_payment_discount


def test_free_notes_come_after_the_coded_ones_without_a_subject() -> None:
    xml = build_cii_xml(invoice(notes="Merci pour votre confiance."))
    assert values(xml, "//ram:IncludedNote[not(ram:SubjectCode)]/ram:Content") == [
        "Merci pour votre confiance."
    ]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_sirens_under_scheme_0002_and_sirets_under_0009(name: str) -> None:
    document = DOCUMENTS[name]
    xml = build_cii_xml(document)
    for party, identity in (
        ("SellerTradeParty", document.seller.identity),
        ("BuyerTradeParty", document.buyer),
    ):
        legal = f"{AGREEMENT}/ram:{party}/ram:SpecifiedLegalOrganization/ram:ID"
        assert value(xml, legal) == identity.siren
        assert value(xml, f"{legal}/@schemeID") == "0002"
        assert value(xml, f"{AGREEMENT}/ram:{party}/ram:GlobalID[@schemeID='0009']") == (
            identity.siret
        )
        electronic = f"{AGREEMENT}/ram:{party}/ram:URIUniversalCommunication/ram:URIID"
        assert value(xml, electronic) == identity.siren
        assert value(xml, f"{electronic}/@schemeID") == "0225"


def test_the_parties_names_and_addresses() -> None:
    xml = build_cii_xml(invoice())
    seller = f"{AGREEMENT}/ram:SellerTradeParty"
    buyer = f"{AGREEMENT}/ram:BuyerTradeParty"
    assert value(xml, f"{seller}/ram:Name") == "Jeanne Martin EI"
    assert value(xml, f"{seller}/ram:PostalTradeAddress/ram:CityName") == "Lyon"
    assert value(xml, f"{buyer}/ram:Name") == "Atelier Numérique SAS"
    address = f"{buyer}/ram:PostalTradeAddress"
    assert value(xml, f"{address}/ram:LineOne") == "5 avenue Foch"
    assert value(xml, f"{address}/ram:PostcodeCode") == "75008"
    assert value(xml, f"{address}/ram:CityName") == "Paris"
    assert value(xml, f"{address}/ram:CountryID") == "FR"
    company = build_cii_xml(invoice(seller=CONSEIL_DURAND))
    assert value(company, f"{seller}/ram:Name") == "Conseil Durand SARL"
    assert value(company, f"{seller}/ram:Description") == "SARL — RCS Lyon 732 829 320"


def test_a_sole_traders_name_gets_ei_once() -> None:
    already = replace(
        JEANNE_MARTIN, identity=replace(JEANNE_MARTIN.identity, name="Jeanne Martin EI")
    )
    xml = build_cii_xml(invoice(seller=already))
    assert value(xml, f"{AGREEMENT}/ram:SellerTradeParty/ram:Name") == "Jeanne Martin EI"


@pytest.mark.usefixtures("rules")
def test_a_siret_alone_gives_the_siren() -> None:
    no_siren = replace(JEANNE_MARTIN, identity=replace(JEANNE_MARTIN.identity, siren=""))
    xml = assert_passes(invoice(seller=no_siren))
    seller = f"{AGREEMENT}/ram:SellerTradeParty"
    assert value(xml, f"{seller}/ram:SpecifiedLegalOrganization/ram:ID") == "123456782"
    assert value(xml, f"{seller}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']") == (
        "123456782"
    )


@pytest.mark.usefixtures("rules")
def test_a_buyer_without_siren_is_reached_at_its_email_address() -> None:
    buyer = replace(invoice().buyer, siren="", siret="")
    xml = assert_passes(invoice(buyer=buyer))
    electronic = f"{AGREEMENT}/ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID"
    assert value(xml, electronic) == "comptabilite@atelier-numerique.example.fr"
    assert value(xml, f"{electronic}/@schemeID") == "EM"
    assert values(xml, f"{AGREEMENT}/ram:BuyerTradeParty/ram:SpecifiedLegalOrganization") == []


def test_vat_numbers_of_a_registered_seller_and_of_the_buyer() -> None:
    xml = build_cii_xml(invoice(seller=CONSEIL_DURAND))
    seller = f"{AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"
    assert values(xml, f"{seller}[@schemeID='VA']") == ["FR44732829320"]
    assert values(xml, f"{seller}[@schemeID='FC']") == []
    buyer = f"{AGREEMENT}/ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"
    assert values(xml, f"{buyer}[@schemeID='VA']") == ["FR14987654324"]


def test_a_franchise_seller_without_vat_number_gives_its_siren_as_tax_registration() -> None:
    xml = build_cii_xml(invoice())
    seller = f"{AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID"
    assert values(xml, f"{seller}[@schemeID='FC']") == ["123456782"]
    assert values(xml, f"{seller}[@schemeID='VA']") == []


@pytest.mark.parametrize("name", ["franchise invoice", "franchise credit note"])
def test_franchise_is_category_e_at_zero_with_its_exemption_code_and_wording(name: str) -> None:
    xml = build_cii_xml(DOCUMENTS[name])
    assert set(values(xml, f"{LINE_TAX}/ram:CategoryCode")) == {"E"}
    assert set(values(xml, f"{LINE_TAX}/ram:RateApplicablePercent")) == {"0.00"}
    assert values(xml, f"{LINE_TAX}/ram:ExemptionReasonCode") == []  # document level only
    tax = f"{SETTLEMENT}/ram:ApplicableTradeTax"
    assert value(xml, f"{tax}/ram:CategoryCode") == "E"
    assert amount(xml, f"{tax}/ram:RateApplicablePercent") == 0
    assert amount(xml, f"{tax}/ram:CalculatedAmount") == 0
    assert value(xml, f"{tax}/ram:ExemptionReasonCode") == "VATEX-FR-FRANCHISE"
    assert value(xml, f"{tax}/ram:ExemptionReason") == "TVA non applicable, art. 293 B du CGI."
    assert values(xml, f"{tax}/ram:DueDateTypeCode") == []


@pytest.mark.parametrize("name", ["VAT invoice", "VAT credit note"])
def test_a_registered_seller_charges_category_s_at_its_rate(name: str) -> None:
    xml = build_cii_xml(DOCUMENTS[name])
    assert set(values(xml, f"{LINE_TAX}/ram:CategoryCode")) == {"S"}
    assert set(values(xml, f"{LINE_TAX}/ram:RateApplicablePercent")) == {"20.00"}
    tax = f"{SETTLEMENT}/ram:ApplicableTradeTax"
    assert value(xml, f"{tax}/ram:CategoryCode") == "S"
    assert value(xml, f"{tax}/ram:RateApplicablePercent") == "20.00"
    assert values(xml, f"{tax}/ram:ExemptionReasonCode") == []


def test_the_option_for_vat_on_debits_is_bt8_code_5() -> None:
    xml = build_cii_xml(invoice(seller=replace(CONSEIL_DURAND, vat_on_debits=True)))
    assert value(xml, f"{SETTLEMENT}/ram:ApplicableTradeTax/ram:DueDateTypeCode") == "5"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_totals_add_up(name: str) -> None:
    document = DOCUMENTS[name]
    xml = build_cii_xml(document)
    line_totals = "//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"
    lines = [Decimal(text) for text in values(xml, line_totals)]
    line_total = amount(xml, f"{TOTALS}/ram:LineTotalAmount")
    basis = amount(xml, f"{TOTALS}/ram:TaxBasisTotalAmount")
    tax = amount(xml, f"{TOTALS}/ram:TaxTotalAmount")
    grand_total = amount(xml, f"{TOTALS}/ram:GrandTotalAmount")
    rate = amount(xml, f"{SETTLEMENT}/ram:ApplicableTradeTax/ram:RateApplicablePercent")
    assert sum(lines) == line_total == basis == document.net_total
    assert amount(xml, f"{SETTLEMENT}/ram:ApplicableTradeTax/ram:BasisAmount") == basis
    assert tax == (basis * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert amount(xml, f"{SETTLEMENT}/ram:ApplicableTradeTax/ram:CalculatedAmount") == tax
    assert grand_total == basis + tax == document.gross_total
    assert amount(xml, f"{TOTALS}/ram:DuePayableAmount") == grand_total
    assert value(xml, f"{TOTALS}/ram:TaxTotalAmount/@currencyID") == "EUR"
    assert value(xml, f"{SETTLEMENT}/ram:InvoiceCurrencyCode") == "EUR"


def test_the_sample_totals() -> None:
    franchise = build_cii_xml(invoice())
    assert values(franchise, f"{TOTALS}/*") == ["1085.68", "1085.68", "0.00", "1085.68", "1085.68"]
    registered = build_cii_xml(invoice(seller=CONSEIL_DURAND))
    # 1 085,68 × 20 % = 217,136 → 217,14 on the rounded base, not per line.
    assert values(registered, f"{TOTALS}/*") == [
        "1085.68",
        "1085.68",
        "217.14",
        "1302.82",
        "1302.82",
    ]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_amount_has_exactly_two_places(name: str) -> None:
    xml = build_cii_xml(DOCUMENTS[name])
    amounts = values(xml, "//*[contains(local-name(), 'Amount')]")
    assert amounts
    assert all(re.fullmatch(r"-?\d+\.\d\d", text) for text in amounts), amounts


def test_an_amount_with_more_than_two_places_is_refused() -> None:
    line = DocumentLine("Commission", "Dupont", "2026-03", None, None, Decimal("10.005"))
    with pytest.raises(ValueError):
        build_cii_xml(invoice(lines=(line,)))


def test_each_line_is_one_unit_at_its_amount() -> None:
    xml = build_cii_xml(invoice())
    items = "//ram:IncludedSupplyChainTradeLineItem"
    assert values(xml, f"{items}/ram:AssociatedDocumentLineDocument/ram:LineID") == ["1", "2", "3"]
    assert values(xml, f"{items}/ram:SpecifiedTradeProduct/ram:Name") == [
        "Commission 20 % × 1 200,00 €",
        "Commission 10 % × 3 456,78 €",
        "Prime de signature",
    ]
    assert values(xml, f"{items}/ram:SpecifiedTradeProduct/ram:Description")[0] == (
        "Boulangerie Dupont — 2026-03"
    )
    assert set(values(xml, f"{items}//ram:BilledQuantity")) == {"1"}
    assert set(values(xml, f"{items}//ram:BilledQuantity/@unitCode")) == {"C62"}
    prices = values(xml, f"{items}//ram:NetPriceProductTradePrice/ram:ChargeAmount")
    totals = values(xml, f"{items}//ram:SpecifiedTradeSettlementLineMonetarySummation/*")
    assert prices == totals == ["240.00", "345.68", "500.00"]


def test_a_negative_line_is_one_unit_taken_back_at_a_positive_price() -> None:
    line = DocumentLine("Régularisation", "Garage Lefèvre", "2026-02", None, None, Decimal("-5"))
    xml = build_cii_xml(invoice(lines=(*MARCH_LINES, line)))
    last = "//ram:IncludedSupplyChainTradeLineItem[4]"
    assert value(xml, f"{last}//ram:BilledQuantity") == "-1"
    assert value(xml, f"{last}//ram:NetPriceProductTradePrice/ram:ChargeAmount") == "5.00"
    assert value(xml, f"{last}//ram:LineTotalAmount") == "-5.00"


def test_service_period_due_date_and_references() -> None:
    xml = build_cii_xml(invoice())
    period = f"{SETTLEMENT}/ram:BillingSpecifiedPeriod"
    assert value(xml, f"{period}/ram:StartDateTime/udt:DateTimeString") == "20260301"
    assert value(xml, f"{period}/ram:EndDateTime/udt:DateTimeString") == "20260331"
    assert value(xml, f"{SETTLEMENT}/ram:SpecifiedTradePaymentTerms//udt:DateTimeString") == (
        "20260430"
    )
    assert value(xml, f"{AGREEMENT}/ram:BuyerReference") == "SERVICE-ACHATS"
    assert value(xml, f"{AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == (
        "BC-2026-017"
    )
    bare = build_cii_xml(invoice(buyer_reference="", purchase_order=""))
    assert values(bare, f"{AGREEMENT}/ram:BuyerReference") == []
    assert values(bare, f"{AGREEMENT}/ram:BuyerOrderReferencedDocument") == []


def test_payment_by_transfer_to_the_sellers_iban() -> None:
    xml = build_cii_xml(invoice())
    means = f"{SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans"
    assert value(xml, f"{means}/ram:TypeCode") == "58"
    assert value(xml, f"{means}/ram:PayeePartyCreditorFinancialAccount/ram:IBANID") == (
        "FR7630006000011234567890189"
    )
    assert value(xml, f"{means}/ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID") == (
        "AGRIFRPP882"
    )
    without_iban = build_cii_xml(invoice(seller=replace(JEANNE_MARTIN, iban="", bic="")))
    assert values(without_iban, means) == []


@pytest.mark.parametrize("name", ["franchise credit note", "VAT credit note"])
def test_a_credit_note_cites_the_invoice_it_credits(name: str) -> None:
    xml = build_cii_xml(DOCUMENTS[name])
    cited = f"{SETTLEMENT}/ram:InvoiceReferencedDocument"
    assert value(xml, f"{cited}/ram:IssuerAssignedID") == "2026-0001"
    assert value(xml, f"{cited}/ram:FormattedIssueDateTime/qdt:DateTimeString") == "20260331"
    assert value(xml, f"{cited}/ram:FormattedIssueDateTime/qdt:DateTimeString/@format") == "102"


def test_a_credit_note_may_cite_several_invoices_and_an_invoice_cites_none() -> None:
    second = CitedInvoice("2026-0003", date(2026, 4, 2))
    xml = build_cii_xml(credit_note(cites=(MARCH_INVOICE, second)))
    cited = f"{SETTLEMENT}/ram:InvoiceReferencedDocument"
    assert values(xml, f"{cited}/ram:IssuerAssignedID") == ["2026-0001", "2026-0003"]
    assert values(xml, f"{cited}//qdt:DateTimeString") == ["20260331", "20260402"]
    assert values(build_cii_xml(invoice()), cited) == []


# --- the PDF -----------------------------------------------------------------------------------


def small_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica")
    pdf.cell(text="x")
    return bytes(pdf.output())


def test_the_factur_x_pdf_carries_the_xml_as_factur_x_xml() -> None:
    xml = build_cii_xml(credit_note(seller=CONSEIL_DURAND))
    pdf = attach_to_pdf(small_pdf(), xml)
    assert pdf.startswith(b"%PDF")
    assert xml_from_pdf(pdf) == xml
    reader = PdfReader(io.BytesIO(pdf))
    assert list(reader.attachments) == ["factur-x.xml"]
    assert reader.attachments["factur-x.xml"] == [xml]
    xmp = reader.xmp_metadata
    assert xmp is not None
    metadata = xmp.stream.get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in metadata
    assert b"factur-x.xml" in metadata


def test_the_caller_may_word_the_pdf_properties() -> None:
    wording = {
        "author": "Jeanne Martin EI",
        "keywords": "Facture, Factur-X",
        "title": "Facture 2026-0001",
        "subject": "Facture 2026-0001 du 31/03/2026",
    }
    pdf = attach_to_pdf(small_pdf(), build_cii_xml(invoice()), metadata=wording)
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Facture 2026-0001"


def test_a_pdf_without_factur_x_xml_is_refused() -> None:
    with pytest.raises(NoFacturXAttachment):
        xml_from_pdf(small_pdf())


def test_an_xml_the_schema_refuses_is_not_attached() -> None:
    root = etree.fromstring(build_cii_xml(invoice()))
    (type_code,) = root.xpath("//rsm:ExchangedDocument/ram:TypeCode", namespaces=NS)
    type_code.getparent().remove(type_code)
    with pytest.raises(Exception, match="XML Schema"):
        attach_to_pdf(small_pdf(), etree.tostring(root))
