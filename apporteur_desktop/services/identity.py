"""My business identity: the seller on every invoice I issue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from ..domain.enums import VatRegime
from ..domain.parties import Address, BusinessIdentity, LegalIdentity
from ..domain.problems import Problem, Refused
from ..storage import repository
from ..validation.parties import check_business_identity, normalised_business_identity
from .context import AppContext

# What ``identity set`` accepts: the identity's fields, its address's, and the tax settings.
IDENTITY_FIELDS = tuple(
    f.name
    for f in fields(LegalIdentity)
    if f.name not in ("address", "share_capital", "sole_trader")
)
ADDRESS_FIELDS = tuple(f.name for f in fields(Address))
BUSINESS_FIELDS = ("vat_regime", "vat_rate", "vat_on_debits", "iban", "bic")
FLAG_FIELDS = ("sole_trader", "vat_on_debits")
SETTABLE = (*IDENTITY_FIELDS, "share_capital", *ADDRESS_FIELDS, *BUSINESS_FIELDS, "sole_trader")


def show_identity(ctx: AppContext) -> BusinessIdentity | None:
    with ctx.ledger.transaction(write=False) as session:
        return repository.get_identity(session)


def set_identity(ctx: AppContext, changes: Mapping[str, str]) -> BusinessIdentity:
    """Change some fields of my identity (creating it when there is none yet), as text.

    Every field is checked, and the whole change refused with each problem when one is wrong.
    """
    with ctx.ledger.transaction() as session:
        return apply_identity(session, changes)


def apply_identity(session: Session, changes: Mapping[str, str]) -> BusinessIdentity:
    """:func:`set_identity` inside the caller's transaction."""
    unknown = [
        Problem.of(name, value, "unknown_field", allowed=SETTABLE)
        for name, value in changes.items()
        if name not in SETTABLE
    ]
    if unknown:
        raise Refused(unknown)
    current = repository.get_identity(session) or BusinessIdentity(LegalIdentity(""))
    changed, problems = _apply(current, changes)
    changed = normalised_business_identity(changed)
    problems += check_business_identity(changed)
    if problems:
        raise Refused(problems)
    repository.set_identity(session, changed)
    return changed


def _apply(
    current: BusinessIdentity, changes: Mapping[str, str]
) -> tuple[BusinessIdentity, list[Problem]]:
    problems: list[Problem] = []
    identity, address, business = {}, {}, {}
    for name, raw in changes.items():
        text = raw.strip()
        if name in FLAG_FIELDS:
            value: object = _flag(name, text, problems)
        elif name in ("vat_rate", "share_capital"):
            value = _decimal(name, text, problems)
        elif name == "vat_regime":
            value = _regime(text, problems)
        else:
            value = text
        if name in ADDRESS_FIELDS:
            address[name] = value
        elif name in BUSINESS_FIELDS:
            business[name] = value
        else:
            identity[name] = value
    legal = replace(
        current.identity, **identity, address=replace(current.identity.address, **address)
    )
    return replace(current, identity=legal, **business), problems


def _flag(name: str, text: str, problems: list[Problem]) -> bool:
    if text.lower() in ("yes", "true", "1", "oui"):
        return True
    if text.lower() in ("no", "false", "0", "non", ""):
        return False
    problems.append(Problem.of(name, text, "not_a_boolean"))
    return False


def _decimal(name: str, text: str, problems: list[Problem]) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        problems.append(Problem.of(name, text, "invalid_number"))
        return None


def _regime(text: str, problems: list[Problem]) -> VatRegime:
    try:
        return VatRegime(text)
    except ValueError:
        problems.append(
            Problem.of("vat_regime", text, "not_one_of", allowed=[r.value for r in VatRegime])
        )
        return VatRegime.FRANCHISE
