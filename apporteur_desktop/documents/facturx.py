"""The invoice as Cross Industry Invoice XML, profile EN 16931: what Factur-X carries.

PRODUCT.md "Invoices (France)": the file a user hands to their « plateforme agréée » must pass
the EN 16931 CII rules and the French BR-FR rules. So besides the invoice itself this XML says
the French « cadre de facturation » S1 (services, BT-23), the three payment mentions as notes
with the subject codes PMT, PMD and AAB (BR-FR-05/06), the SIRENs under scheme 0002 (BT-30,
BT-47) and each party's electronic address (BT-34, BT-49, BR-FR-12/13); under the franchise,
VAT category E at 0 % with the code VATEX-FR-FRANCHISE and the franchise wording.

The XML is built with drafthorse and checked against the Factur-X EN 16931 XSD it ships;
amounts are Decimals with exactly two places, never floats.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.note import IncludedNote
from drafthorse.models.party import PostalTradeAddress, TaxRegistration, TradeParty
from drafthorse.models.payment import PaymentMeans, PaymentTerms
from drafthorse.models.references import InvoiceReferencedDocument
from drafthorse.models.tradelines import LineItem
from lxml import etree

from ..domain.enums import VatRegime
from ..domain.invoices import (
    CitedInvoice,
    DocumentKind,
    DocumentLine,
    InvoiceDocument,
    VatTotal,
    vat_total,
)
from ..domain.money import from_cents, to_cents
from ..domain.parties import Address, BusinessIdentity, LegalIdentity

GUIDELINE_EN16931 = "urn:cen.eu:en16931:2017"
# The French « cadre de facturation » of an invoice for services (BT-23).
BUSINESS_PROCESS_SERVICES = "S1"

# BT-3 (UNTDID 1001): invoice, credit note, and their self-billed forms.
TYPE_CODES = {
    (DocumentKind.INVOICE, False): "380",
    (DocumentKind.CREDIT_NOTE, False): "381",
    (DocumentKind.INVOICE, True): "389",
    (DocumentKind.CREDIT_NOTE, True): "261",
}

# BT-21 subject codes (UNTDID 4451) the French rules require once each (BR-FR-05, BR-FR-06).
NOTE_RECOVERY_INDEMNITY = "PMT"
NOTE_LATE_PENALTIES = "PMD"
NOTE_EARLY_PAYMENT_DISCOUNT = "AAB"

# ISO 6523 schemes: SIREN (legal registration), SIRET (party identifier), and the French
# e-invoicing directory's electronic addresses.
SCHEME_SIREN = "0002"
SCHEME_SIRET = "0009"
SCHEME_FRENCH_DIRECTORY = "0225"
SCHEME_EMAIL = "EM"  # EAS code of an electronic address that is an e-mail address

TAX_SCHEME_VAT = "VA"  # BT-31, BT-48
TAX_SCHEME_FISCAL = "FC"  # BT-32: the seller's tax registration other than a VAT number

VAT = "VAT"
CATEGORY_STANDARD = "S"
CATEGORY_EXEMPT = "E"
EXEMPTION_FRANCHISE = "VATEX-FR-FRANCHISE"
# BT-8 in CII (UNTDID 2475): VAT due on the invoice date, i.e. the option for VAT on debits.
VAT_DUE_ON_INVOICE_DATE = "5"

SEPA_CREDIT_TRANSFER = "58"
UNIT_ONE = "C62"

_SCHEMA = "FACTUR-X_EN16931"
_NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}


def build_cii_xml(document: InvoiceDocument) -> bytes:
    """The CII XML (Factur-X profile EN 16931) of an invoice or credit note, UTF-8 encoded.

    Raises ``ValueError`` for an amount with more than two decimal places or a rate with more
    than two, which an issued document never has.
    """
    cii = Document()
    cii.context.business_parameter.id = BUSINESS_PROCESS_SERVICES
    cii.context.guideline_parameter.id = GUIDELINE_EN16931
    _header(cii, document)
    _agreement(cii, document)
    for number, line in enumerate(document.lines, start=1):
        cii.trade.items.add(_line_item(number, line, document))
    # BT-72: the date the service was completed, so that the delivery block is not empty.
    cii.trade.delivery.event.occurrence = document.service_last
    _settlement(cii, document)
    # drafthorse checks the result against the Factur-X EN 16931 XSD it ships.
    return _finish(cii.serialize(schema=_SCHEMA), further_cites=document.cites[1:])


def seller_name(identity: LegalIdentity) -> str:
    """The seller's name as the law wants it: a sole trader's followed by « EI »."""
    name = identity.name.strip()
    if identity.sole_trader and not name.endswith(" EI"):
        return f"{name} EI"
    return name


def siren_of(identity: LegalIdentity) -> str:
    """The SIREN, or the first nine digits of the SIRET when only that was given."""
    if identity.siren:
        return identity.siren.replace(" ", "")
    siret = identity.siret.replace(" ", "")
    return siret[:9] if len(siret) == 14 else ""


# --- header ------------------------------------------------------------------------------------


def _header(cii: Document, document: InvoiceDocument) -> None:
    header = cii.header
    header.id = document.number
    header.type_code = TYPE_CODES[(document.kind, document.self_billed)]
    header.issue_date_time = document.issued_on
    wordings = document.wordings
    for subject, content in (
        (NOTE_RECOVERY_INDEMNITY, wordings.recovery_indemnity),
        (NOTE_LATE_PENALTIES, wordings.late_penalties),
        (NOTE_EARLY_PAYMENT_DISCOUNT, wordings.early_payment_discount),
    ):
        header.notes.add(IncludedNote(content=content, subject_code=subject))
    if document.notes.strip():
        header.notes.add(IncludedNote(content=document.notes.strip()))


# --- parties -----------------------------------------------------------------------------------


def _agreement(cii: Document, document: InvoiceDocument) -> None:
    agreement = cii.trade.agreement
    if document.buyer_reference:
        agreement.buyer_reference = document.buyer_reference
    _seller(agreement.seller, document.seller)
    _party(agreement.buyer, document.buyer, name=document.buyer.name.strip())
    if document.buyer.vat_number:
        _tax_registration(agreement.buyer, TAX_SCHEME_VAT, document.buyer.vat_number)
    if document.purchase_order:
        agreement.buyer_order.issuer_assigned_id = document.purchase_order


def _seller(party: TradeParty, seller: BusinessIdentity) -> None:
    identity = seller.identity
    _party(party, identity, name=seller_name(identity))
    legal_information = " — ".join(
        text for text in (identity.legal_form.strip(), identity.registration.strip()) if text
    )
    if legal_information:
        party.description = legal_information
    if identity.vat_number:
        _tax_registration(party, TAX_SCHEME_VAT, identity.vat_number)
    elif seller.vat_regime is VatRegime.FRANCHISE and siren_of(identity):
        # BR-E-02: a VAT-exempt invoice names the seller's VAT number or its tax registration.
        # A seller under the franchise often has no VAT number; its SIREN is how the tax
        # administration identifies a business, and the rules only ask for the FC scheme.
        _tax_registration(party, TAX_SCHEME_FISCAL, siren_of(identity))


def _party(party: TradeParty, identity: LegalIdentity, *, name: str) -> None:
    siret = identity.siret.replace(" ", "")
    if siret:
        party.global_id.add((SCHEME_SIRET, siret))
    party.name = name
    siren = siren_of(identity)
    if siren:
        party.legal_organization.id = (SCHEME_SIREN, siren)
    _address(party.address, identity.address)
    electronic_address = _electronic_address(identity)
    if electronic_address:
        party.electronic_address.uri_ID = electronic_address


def _electronic_address(identity: LegalIdentity) -> tuple[str, str] | None:
    """BT-34 / BT-49: the SIREN in the French e-invoicing directory, else the e-mail address.

    Every business in the directory is reachable at its SIREN (scheme 0225); a more precise
    address (SIREN_SIRET, SIREN_suffix) would have to come from the directory itself.
    """
    siren = siren_of(identity)
    if siren:
        return (SCHEME_FRENCH_DIRECTORY, siren)
    if identity.email.strip():
        return (SCHEME_EMAIL, identity.email.strip())
    return None


def _address(element: PostalTradeAddress, address: Address) -> None:
    lines = [line.strip() for line in address.street.splitlines() if line.strip()]
    if lines:
        element.line_one = lines[0]
    if len(lines) > 1:
        element.line_two = lines[1]
    if len(lines) > 2:
        element.line_three = ", ".join(lines[2:])
    if address.postcode:
        element.postcode = address.postcode.strip()
    if address.city:
        element.city_name = address.city.strip()
    element.country_id = address.country or "FR"


def _tax_registration(party: TradeParty, scheme: str, value: str) -> None:
    registration = TaxRegistration()
    registration.id = (scheme, value.replace(" ", ""))
    party.tax_registrations.add(registration)


# --- lines -------------------------------------------------------------------------------------


def _line_item(number: int, line: DocumentLine, document: InvoiceDocument) -> LineItem:
    item = LineItem()
    item.document.line_id = str(number)
    item.product.name = line.description
    details = " — ".join(text for text in (line.client.strip(), line.period.strip()) if text)
    if details:
        item.product.description = details
    # A net price is never negative (BR-27): a negative line is one unit taken back.
    quantity = Decimal(1) if line.amount >= 0 else Decimal(-1)
    item.agreement.net.amount = _amount(abs(line.amount))
    item.delivery.billed_quantity = (quantity, UNIT_ONE)
    # The line's category and rate follow the same rule as the VAT breakdown (vat_total).
    tax = _category(vat_total(line.amount, document.seller))
    item.settlement.trade_tax.type_code = VAT
    item.settlement.trade_tax.category_code = tax.category
    item.settlement.trade_tax.rate_applicable_percent = tax.rate
    item.settlement.monetary_summation.total_amount = _amount(line.amount)
    return item


# --- settlement --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Category:
    category: str
    rate: Decimal


def _category(total: VatTotal) -> _Category:
    if total.exempt:
        return _Category(CATEGORY_EXEMPT, _percent(Decimal(0)))
    return _Category(CATEGORY_STANDARD, _percent(total.rate))


def _settlement(cii: Document, document: InvoiceDocument) -> None:
    settlement = cii.trade.settlement
    currency = document.currency
    settlement.currency_code = currency
    seller = document.seller
    if seller.iban:
        means = PaymentMeans()
        means.type_code = SEPA_CREDIT_TRANSFER
        means.payee_account.iban = seller.iban.replace(" ", "")
        if seller.bic:
            means.payee_institution.bic = seller.bic.replace(" ", "")
        settlement.payment_means.add(means)
    for total in document.vat_totals:
        tax = ApplicableTradeTax()
        tax.calculated_amount = _amount(total.vat)
        tax.type_code = VAT
        tax.basis_amount = _amount(total.base)
        category = _category(total)
        tax.category_code = category.category
        if total.exempt:
            tax.exemption_reason = document.wordings.franchise
            tax.exemption_reason_code = EXEMPTION_FRANCHISE
        elif seller.vat_on_debits:
            tax.due_date_type_code = VAT_DUE_ON_INVOICE_DATE
        tax.rate_applicable_percent = category.rate
        settlement.trade_tax.add(tax)
    settlement.period.start = document.service_first
    settlement.period.end = document.service_last
    terms = PaymentTerms()
    terms.due = document.due_on
    settlement.terms.add(terms)
    totals = settlement.monetary_summation
    totals.line_total = _amount(document.net_total)
    totals.tax_basis_total = _amount(document.net_total)
    totals.tax_total = (_amount(document.vat_amount), currency)
    totals.grand_total = _amount(document.gross_total)
    totals.due_amount = _amount(document.gross_total)
    if document.cites:
        _cite(settlement.invoice_referenced_document, document.cites[0])


def _cite(reference: InvoiceReferencedDocument, cited: CitedInvoice) -> None:
    reference.issuer_assigned_id = cited.number
    reference.issue_date_time = cited.issued_on


def _finish(xml: bytes, further_cites: tuple[CitedInvoice, ...]) -> bytes:
    """Add the cited invoices after the first and serialise: UTF-8, declared, indented.

    BT-25/BT-26 may repeat (the XSD allows it), but drafthorse models only one reference.
    """
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    first = root.find(".//ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument", _NS)
    previous = first
    for cited in further_cites:
        assert first is not None and previous is not None
        reference = copy.deepcopy(first)
        reference.find("ram:IssuerAssignedID", _NS).text = cited.number  # type: ignore[union-attr]
        date_string = reference.find("ram:FormattedIssueDateTime/qdt:DateTimeString", _NS)
        date_string.text = _date_102(cited.issued_on)  # type: ignore[union-attr]
        previous.addnext(reference)
        previous = reference
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


# --- numbers -----------------------------------------------------------------------------------


def _amount(value: Decimal) -> Decimal:
    """Exactly two places (``Decimal("240.00")``); more than two is an error, not a rounding."""
    return from_cents(to_cents(value))


def _percent(rate: Decimal) -> Decimal:
    """A VAT rate with two places (``20.00``, ``5.50``), as the French rules list them."""
    exact = Decimal(rate).quantize(Decimal("0.01"))
    if exact != rate:
        raise ValueError(f"{rate} has more than two decimal places")
    return exact


def _date_102(day: date) -> str:
    return day.strftime("%Y%m%d")
