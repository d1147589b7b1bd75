"""Parties (providers, clients, introducers) and my own business identity.

Fields are relative to the value checked: ``name``, ``siret``, ``address.country`` for a
``LegalIdentity``; ``identity.siret`` for a ``Party``; ``identity.siret``, ``vat_rate``, ``iban``
for a ``BusinessIdentity``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from apporteur_desktop.domain.parties import BusinessIdentity, LegalIdentity, Party
from apporteur_desktop.domain.problems import Problem

from .bounds import check_amount, check_rate, required_text
from .identifiers import check_bic, check_iban, check_siren, check_siret, check_vat_number
from .places import problems_at

# A shape check, not a proof the mailbox exists: something@domain.tld, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2, as e-invoices need it


def check_legal_identity(identity: LegalIdentity) -> list[Problem]:
    problems = required_text("name", identity.name)
    if identity.email and not _EMAIL.match(identity.email.strip()):
        problems.append(Problem.of("email", identity.email, "invalid_email"))
    problems += problems_at("siren", check_siren(identity.siren).problems)
    problems += problems_at("siret", check_siret(identity.siret, identity.siren).problems)
    problems += problems_at(
        "vat_number", check_vat_number(identity.vat_number, identity.siren).problems
    )
    problems += check_amount("share_capital", identity.share_capital)
    country = identity.address.country
    if country and not _COUNTRY.match(country):
        problems.append(Problem.of("address.country", country, "invalid_country"))
    return problems


def check_party(party: Party) -> list[Problem]:
    return problems_at("identity", check_legal_identity(party.identity))


def check_business_identity(business: BusinessIdentity) -> list[Problem]:
    problems = problems_at("identity", check_legal_identity(business.identity))
    rate_problems, _ = check_rate(
        "vat_rate", business.vat_rate, required=False, warn_above_usual=False
    )
    problems += rate_problems
    problems += problems_at("iban", check_iban(business.iban).problems)
    problems += problems_at("bic", check_bic(business.bic).problems)
    return problems


def normalised_identity(identity: LegalIdentity) -> LegalIdentity:
    """The identity with its valid identifiers in compact form; invalid ones stay as typed."""
    return replace(
        identity,
        siren=check_siren(identity.siren).value,
        siret=check_siret(identity.siret).value,
        vat_number=check_vat_number(identity.vat_number).value,
    )


def normalised_business_identity(business: BusinessIdentity) -> BusinessIdentity:
    return replace(
        business,
        identity=normalised_identity(business.identity),
        iban=check_iban(business.iban).value,
        bic=check_bic(business.bic).value,
    )
