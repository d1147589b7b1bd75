"""Who is who: providers, clients, introducers, and my own business identity."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .enums import PartyKind, VatRegime


@dataclass(frozen=True, slots=True)
class Address:
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FR"

    def is_empty(self) -> bool:
        return not (self.street or self.postcode or self.city)


@dataclass(frozen=True, slots=True)
class LegalIdentity:
    """What an invoice must say about a business (PRODUCT.md "Invoices (France)")."""

    name: str
    sole_trader: bool = False  # « EI » after the name
    legal_form: str = ""  # SAS, SARL, EURL… empty for a sole trader
    siren: str = ""
    siret: str = ""
    vat_number: str = ""
    registration: str = ""  # « RCS Paris 123 456 789 » or « RM … » where registered
    share_capital: Decimal | None = None  # companies only
    address: Address = field(default_factory=Address)
    email: str = ""


@dataclass(frozen=True, slots=True)
class Party:
    id: int | None
    kind: PartyKind
    identity: LegalIdentity
    notes: str = ""

    @property
    def name(self) -> str:
        return self.identity.name


@dataclass(frozen=True, slots=True)
class BusinessIdentity:
    """My own business: the seller on the invoices I issue."""

    identity: LegalIdentity
    vat_regime: VatRegime = VatRegime.FRANCHISE
    vat_rate: Decimal | None = None  # percent, when registered
    vat_on_debits: bool = False  # the option for VAT on debits
    iban: str = ""
    bic: str = ""
