from __future__ import annotations

from dataclasses import replace

from apporteur_desktop.domain.enums import VatRegime
from apporteur_desktop.validation.parties import (
    check_business_identity,
    check_legal_identity,
    check_party,
    normalised_business_identity,
    normalised_identity,
)

from .builders import IBAN, SIREN, SIRET, VAT_NUMBER, identity, my_business, provider, where


def test_a_complete_company_has_no_problem():
    company = identity(
        "Atelier Léa SAS",
        legal_form="SAS",
        siren=SIREN,
        siret=SIRET,
        vat_number=VAT_NUMBER,
        share_capital="1000",
        email="contact@atelier-lea.fr",
        country="FR",
    )
    assert check_legal_identity(company) == []


def test_a_name_is_required():
    assert where(check_legal_identity(identity(""))) == [("name", "required")]
    assert where(check_legal_identity(identity("   "))) == [("name", "required")]


def test_the_email_must_look_like_one():
    for wrong in ("camille", "camille@", "camille@example", "ca mille@example.fr"):
        assert where(check_legal_identity(identity(email=wrong))) == [("email", "invalid_email")]
    assert check_legal_identity(identity(email="camille.durand@exemple.fr")) == []


def test_identifiers_are_checked_and_named():
    problems = check_legal_identity(
        identity(siren="732829321", siret="12345678200002", vat_number="FR00732829320")
    )
    assert where(problems) == [
        ("siren", "invalid_checksum"),
        ("vat_number", "invalid_checksum"),
    ]


def test_a_siret_of_another_company():
    problems = check_legal_identity(identity(siren=SIREN, siret="12345678200002"))
    assert where(problems) == [("siret", "siret_siren_mismatch")]


def test_the_share_capital_cannot_be_negative():
    problems = check_legal_identity(identity(share_capital="-1"))
    assert where(problems) == [("share_capital", "below_minimum")]
    assert problems[0].params == {"minimum": 0}
    assert check_legal_identity(identity(share_capital="0")) == []


def test_the_country_is_a_two_letter_code():
    assert where(check_legal_identity(identity(country="France"))) == [
        ("address.country", "invalid_country")
    ]


def test_a_party_names_its_fields_under_identity():
    problems = check_party(provider(siret="73282932000075", email="nope"))
    assert where(problems) == [
        ("identity.email", "invalid_email"),
        ("identity.siret", "invalid_checksum"),
    ]


def test_my_business_checks_its_bank_details_and_vat_rate():
    business = my_business(vat_rate="120", iban="FR7630006000011234567890188", bic="BNPA1RPP")
    assert where(check_business_identity(business)) == [
        ("vat_rate", "above_maximum"),
        ("iban", "invalid_checksum"),
        ("bic", "invalid_format"),
    ]


def test_my_business_with_its_identity_problems_under_identity():
    business = my_business(siren="123")
    assert where(check_business_identity(business)) == [("identity.siren", "invalid_length")]


def test_a_registered_business_at_20_percent_is_fine():
    business = replace(my_business(vat_rate="20", iban=IBAN), vat_regime=VatRegime.REGISTERED)
    assert check_business_identity(business) == []


def test_normalised_identifiers_are_compact_and_wrong_ones_stay_as_typed():
    company = normalised_identity(
        identity(siren="732 829 320", siret="123", vat_number="fr44732829320")
    )
    assert (company.siren, company.siret, company.vat_number) == (SIREN, "123", VAT_NUMBER)
    business = normalised_business_identity(
        my_business(iban="fr76 3000 6000 0112 3456 7890 189", bic="bnpafrppxxx")
    )
    assert (business.iban, business.bic) == (IBAN, "BNPAFRPPXXX")
