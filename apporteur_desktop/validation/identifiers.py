"""French and European business identifiers, checked with python-stdnum.

Each check takes the text as typed and returns its compact form (spaces and dots removed,
upper case) with the problems found. An empty text is allowed here: whether an identifier is
mandatory (e.g. a SIRET before issuing an invoice) is decided by the checks of that action.
A text with problems comes back as typed, so a form can show it again unchanged.

Problem codes (params always hold ``identifier``: "siren", "siret", "vat_number", "iban", "bic"):
``invalid_length``, ``invalid_format``, ``invalid_checksum``, ``unknown_country`` (a VAT number
whose country prefix is not an EU one), ``siret_siren_mismatch`` and ``vat_siren_mismatch``
(params ``siren``: the SIREN it should contain).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import NamedTuple

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.eu import vat as stdnum_vat
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidLength,
    ValidationError,
)
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from apporteur_desktop.domain.problems import Problem


class Checked(NamedTuple):
    """The compact form of an identifier (the text as typed when it has problems)."""

    value: str
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def _code(identifier: str, error: ValidationError) -> str:
    if isinstance(error, InvalidLength):
        return "invalid_length"
    if isinstance(error, InvalidChecksum):
        return "invalid_checksum"
    if isinstance(error, InvalidComponent) and identifier == "vat_number":
        return "unknown_country"
    return "invalid_format"  # InvalidFormat, or a malformed national part of an IBAN


def _check(identifier: str, module: ModuleType, value: str) -> Checked:
    if not value or not value.strip():
        return Checked("", [])
    validate: Callable[[str], str] = module.validate
    try:
        return Checked(validate(value), [])
    except ValidationError as error:
        return Checked(
            value, [Problem.of("", value, _code(identifier, error), identifier=identifier)]
        )


def check_siren(value: str) -> Checked:
    """A SIREN: nine digits with a Luhn check digit."""
    return _check("siren", stdnum_siren, value)


def check_siret(value: str, siren: str = "") -> Checked:
    """A SIRET: a SIREN and five digits; it must start with ``siren`` when one is given."""
    checked = _check("siret", stdnum_siret, value)
    if not checked.ok or not checked.value:
        return checked
    company = check_siren(siren)
    if company.ok and company.value and checked.value[:9] != company.value:
        mismatch = Problem.of(
            "", value, "siret_siren_mismatch", identifier="siret", siren=company.value
        )
        return Checked(value, [mismatch])
    return checked


def check_vat_number(value: str, siren: str = "") -> Checked:
    """An EU VAT number (``FR`` + key + SIREN for France); a French one must hold ``siren``."""
    checked = _check("vat_number", stdnum_vat, value)
    if not checked.ok or not checked.value:
        return checked
    company = check_siren(siren)
    if (
        checked.value.startswith("FR")
        and company.ok
        and company.value
        and checked.value[-9:] != company.value
    ):
        mismatch = Problem.of(
            "", value, "vat_siren_mismatch", identifier="vat_number", siren=company.value
        )
        return Checked(value, [mismatch])
    return checked


def check_iban(value: str) -> Checked:
    return _check("iban", stdnum_iban, value)


def check_bic(value: str) -> Checked:
    return _check("bic", stdnum_bic, value)
