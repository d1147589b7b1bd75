"""How the command reads months, days, amounts, years and NAME=VALUE pairs."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal

import pytest

from apporteur_desktop.cli.arguments import ValueTypes
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator

TYPES = ValueTypes(Translator("en"))


@pytest.mark.parametrize(
    "text, amount",
    [
        ("1234.56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),  # as French numbers are printed
        ("1\u00a0234,56", "1234.56"),
        ("700", "700"),
        (" 12.5 ", "12.5"),
        ("-90.00", "-90.00"),  # the service says whether a negative amount is allowed
    ],
)
def test_amounts_are_read_with_a_point_or_a_comma_and_any_spaces(text: str, amount: str) -> None:
    assert TYPES.amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "12x", "1,234.56", "1.234,56", "1e3", "NaN", "12 €", "--5"])
def test_anything_else_is_not_an_amount(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="is not an amount"):
        TYPES.amount(text)


def test_days_months_and_years() -> None:
    assert TYPES.day("2026-02-28") == date(2026, 2, 28)
    assert TYPES.month("2026-03") == Period(2026, 3)
    assert TYPES.year("2026") == 2026
    for text in ("20260228", "2026-W09-6", "2026-02-29", "28/02/2026"):
        with pytest.raises(argparse.ArgumentTypeError, match="is not a date"):
            TYPES.day(text)
    for text in ("0000", "2026-01", "MMXXVI"):
        with pytest.raises(argparse.ArgumentTypeError, match="is not a year"):
            TYPES.year(text)


def test_the_first_equals_sign_separates_name_and_value() -> None:
    assert TYPES.assignment("street=12 rue X") == ("street", "12 rue X")
    assert TYPES.assignment("numbering.invoice_pattern=F={year}") == (
        "numbering.invoice_pattern",
        "F={year}",
    )
    assert TYPES.assignment("vat_number=") == ("vat_number", "")
    for text in ("siret", "=12345678200010"):
        with pytest.raises(argparse.ArgumentTypeError, match="NAME=VALUE"):
            TYPES.assignment(text)
