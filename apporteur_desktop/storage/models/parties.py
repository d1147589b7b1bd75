"""Parties (providers, clients, introducers), my own business identity, and the ledger's state."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from apporteur_desktop.domain.enums import PartyKind, VatRegime

from ..base import Base, Money, Rate, enum_column


class IdentityColumns:
    """The fields of a ``LegalIdentity``, flattened: shared by parties and my own business."""

    name: Mapped[str] = mapped_column(String, nullable=False)
    sole_trader: Mapped[bool] = mapped_column(nullable=False)
    legal_form: Mapped[str] = mapped_column(String, nullable=False)
    siren: Mapped[str] = mapped_column(String, nullable=False)
    siret: Mapped[str] = mapped_column(String, nullable=False)
    vat_number: Mapped[str] = mapped_column(String, nullable=False)
    registration: Mapped[str] = mapped_column(String, nullable=False)
    share_capital: Mapped[Decimal | None] = mapped_column(Money)
    street: Mapped[str] = mapped_column(String, nullable=False)
    postcode: Mapped[str] = mapped_column(String, nullable=False)
    city: Mapped[str] = mapped_column(String, nullable=False)
    country: Mapped[str] = mapped_column(String, nullable=False)
    email: Mapped[str] = mapped_column(String, nullable=False)


class PartyRow(IdentityColumns, Base):
    __tablename__ = "parties"
    # One name per kind: imports and the CLI find parties by name.
    __table_args__ = (UniqueConstraint("kind", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[PartyKind] = enum_column(PartyKind, nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False)


class BusinessIdentityRow(IdentityColumns, Base):
    __tablename__ = "business_identity"
    # The ledger has exactly one seller: the user's own business.
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    vat_regime: Mapped[VatRegime] = enum_column(VatRegime, nullable=False)
    vat_rate: Mapped[Decimal | None] = mapped_column(Rate)
    vat_on_debits: Mapped[bool] = mapped_column(nullable=False)
    iban: Mapped[str] = mapped_column(String, nullable=False)
    bic: Mapped[str] = mapped_column(String, nullable=False)


class LedgerStateRow(Base):
    """The ledger-wide change counter.

    Each service transaction that changes inputs takes the next number once and stamps the rows
    it writes; a commission run records the number it has seen, so the next run knows what
    changed since.
    """

    __tablename__ = "ledger_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    change_seq: Mapped[int] = mapped_column(Integer, nullable=False)
    schema_note: Mapped[str] = mapped_column(Text, nullable=False)
