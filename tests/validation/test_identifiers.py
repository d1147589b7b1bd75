from __future__ import annotations

import pytest

from apporteur_desktop.validation.identifiers import (
    check_bic,
    check_iban,
    check_siren,
    check_siret,
    check_vat_number,
)

from .builders import BIC, IBAN, SIREN, SIRET, VAT_NUMBER


def codes(checked) -> list[str]:
    return [p.code for p in checked.problems]


@pytest.mark.parametrize(
    "check", [check_siren, check_siret, check_vat_number, check_iban, check_bic]
)
@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_identifier_is_allowed_here(check, empty):
    checked = check(empty)
    assert checked.problems == []
    assert checked.value == ""


def test_a_siren_typed_with_spaces_comes_back_compact():
    checked = check_siren("732 829 320")
    assert checked.ok
    assert checked.value == SIREN


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("732829321", "invalid_checksum"),
        ("7328293", "invalid_length"),
        ("73282932A", "invalid_format"),
    ],
)
def test_a_wrong_siren_says_what_is_wrong(typed, code):
    checked = check_siren(typed)
    assert codes(checked) == [code]
    problem = checked.problems[0]
    assert problem.field == ""
    assert problem.value == typed
    assert problem.params["identifier"] == "siren"
    assert checked.value == typed  # kept as typed, so a form can show it again


def test_a_siret_is_checked_and_compacted():
    checked = check_siret("732 829 320 00074")
    assert checked.ok
    assert checked.value == SIRET


def test_a_siret_with_a_wrong_check_digit():
    assert codes(check_siret("73282932000075")) == ["invalid_checksum"]


def test_a_siret_must_start_with_the_siren():
    checked = check_siret("12345678200002", siren=SIREN)
    assert codes(checked) == ["siret_siren_mismatch"]
    assert checked.problems[0].params["siren"] == SIREN


def test_a_siret_agreeing_with_its_siren_is_fine():
    assert check_siret(SIRET, siren="732 829 320").ok


def test_the_siret_is_not_compared_with_an_invalid_siren():
    # The SIREN's own problem is enough; a second "mismatch" would only add noise.
    assert check_siret(SIRET, siren="123").ok


def test_a_french_vat_number_in_lower_case_with_spaces():
    checked = check_vat_number("fr 44 732 829 320")
    assert checked.ok
    assert checked.value == VAT_NUMBER


def test_a_french_vat_number_must_hold_the_siren():
    checked = check_vat_number("FR11123456782", siren=SIREN)
    assert codes(checked) == ["vat_siren_mismatch"]
    assert checked.problems[0].params == {"identifier": "vat_number", "siren": SIREN}


def test_a_vat_number_of_another_eu_country():
    assert check_vat_number("DE136695976", siren=SIREN).ok


@pytest.mark.parametrize(
    ("typed", "code"),
    [("FR00732829320", "invalid_checksum"), ("XX123456", "unknown_country")],
)
def test_a_wrong_vat_number(typed, code):
    assert codes(check_vat_number(typed)) == [code]


def test_an_iban_typed_in_groups_comes_back_compact():
    checked = check_iban("FR76 3000 6000 0112 3456 7890 189")
    assert checked.ok
    assert checked.value == IBAN


def test_an_iban_with_a_wrong_check_digit():
    checked = check_iban("FR7630006000011234567890188")
    assert codes(checked) == ["invalid_checksum"]
    assert checked.problems[0].params["identifier"] == "iban"


def test_a_bic_in_lower_case():
    checked = check_bic("bnpa fr pp xxx")
    assert checked.ok
    assert checked.value == BIC


def test_a_bic_with_a_digit_in_the_country():
    assert codes(check_bic("BNPA1RPP")) == ["invalid_format"]
