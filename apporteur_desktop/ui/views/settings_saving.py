"""The identity form's values as the services read them, and what changed (no Qt here).

Saving goes through ``services.setup.save_setup``: identity and settings in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ...domain.parties import BusinessIdentity, LegalIdentity
from ...i18n import N_

# Said when the user saves while another task (a commission run…) holds the ledger.
BUSY = N_("Another task is running; try again in a moment.")
ADDRESS_PREFIX = "identity.address."
IDENTITY_PREFIX = "identity."


def identity_texts(business: BusinessIdentity | None, language: str = "fr") -> dict[str, str]:
    """Each field of ``business`` by its ``set_identity`` key, as text that ``set_identity``
    reads back to the same value; the defaults of a new identity when there is none yet.

    Decimals take a comma in French (« 20,5 »), as the user would type them."""
    business = business or BusinessIdentity(LegalIdentity(""))
    comma = language == "fr"
    legal = business.identity
    return {
        "name": legal.name,
        "sole_trader": _flag(legal.sole_trader),
        "legal_form": legal.legal_form,
        "share_capital": _decimal(legal.share_capital, comma),
        "siren": legal.siren,
        "siret": legal.siret,
        "vat_number": legal.vat_number,
        "registration": legal.registration,
        "street": legal.address.street,
        "postcode": legal.address.postcode,
        "city": legal.address.city,
        "country": legal.address.country,
        "email": legal.email,
        "vat_regime": business.vat_regime.value,
        "vat_rate": _decimal(business.vat_rate, comma),
        "vat_on_debits": _flag(business.vat_on_debits),
        "iban": business.iban,
        "bic": business.bic,
    }


def identity_key(field: str) -> str:
    """The ``set_identity`` key a problem's field names: ``identity.address.city`` → ``city``,
    ``identity.siret`` → ``siret``; ``iban``, ``vat_rate`` stay as they are."""
    for prefix in (ADDRESS_PREFIX, IDENTITY_PREFIX):
        if field.startswith(prefix):
            return field[len(prefix) :]
    return field


def changed(before: Mapping[str, str], now: Mapping[str, str]) -> dict[str, str]:
    """The entries of ``now`` that differ from ``before``."""
    return {key: value for key, value in now.items() if before.get(key) != value}


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def _decimal(value: Decimal | None, comma: bool) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.replace(".", ",") if comma else text
