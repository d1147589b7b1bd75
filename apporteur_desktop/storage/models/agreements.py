"""Agreements, their dated terms versions (the original and amendments), components and tiers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from apporteur_desktop.domain.enums import (
    ComponentKind,
    Direction,
    PaymentTermsKind,
    RightsKind,
    TierMode,
    TrialCoverage,
)

from ..base import Base, Money, Rate, enum_column


class AgreementRow(Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    direction: Mapped[Direction] = enum_column(Direction, nullable=False)
    counterparty_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), nullable=False)
    signed_on: Mapped[date | None] = mapped_column(Date)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_until: Mapped[date | None] = mapped_column(Date)
    self_billing: Mapped[bool] = mapped_column(nullable=False)
    qualification_criteria: Mapped[str] = mapped_column(Text, nullable=False)
    exclusivity: Mapped[str] = mapped_column(Text, nullable=False)
    territory: Mapped[str] = mapped_column(Text, nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False)
    change_seq: Mapped[int] = mapped_column(Integer, nullable=False)

    # The original terms (effective_on NULL) first, then amendments by date, as in the domain.
    versions: Mapped[list[TermsRow]] = relationship(
        order_by=lambda: (TermsRow.effective_on.nulls_first(), TermsRow.id),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class TermsRow(Base):
    """One ``TermsVersion``: the original terms or an amendment from ``effective_on``."""

    __tablename__ = "agreement_terms"
    __table_args__ = (
        UniqueConstraint("agreement_id", "effective_on"),
        # SQLite and PostgreSQL treat NULLs as distinct in a UNIQUE constraint, so the rule
        # "one original version per agreement" needs a partial index of its own.
        Index(
            "uq_agreement_terms_one_original",
            "agreement_id",
            unique=True,
            sqlite_where=text("effective_on IS NULL"),
            postgresql_where=text("effective_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False
    )
    effective_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    rights_kind: Mapped[RightsKind] = enum_column(RightsKind, nullable=False)
    rights_months: Mapped[int | None] = mapped_column(Integer)
    rights_until: Mapped[date | None] = mapped_column(Date)
    trial_coverage: Mapped[TrialCoverage] = enum_column(TrialCoverage, nullable=False)
    conversion_window_days: Mapped[int] = mapped_column(Integer, nullable=False)
    cap_per_introduction: Mapped[Decimal | None] = mapped_column(Money)
    cap_per_year: Mapped[Decimal | None] = mapped_column(Money)
    clawback_days: Mapped[int] = mapped_column(Integer, nullable=False)
    tail_months: Mapped[int] = mapped_column(Integer, nullable=False)
    payment_terms_kind: Mapped[PaymentTermsKind] = enum_column(PaymentTermsKind, nullable=False)
    payment_terms_days: Mapped[int] = mapped_column(Integer, nullable=False)
    change_seq: Mapped[int] = mapped_column(Integer, nullable=False)

    components: Mapped[list[ComponentRow]] = relationship(
        order_by=lambda: ComponentRow.position,
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ComponentRow(Base):
    __tablename__ = "components"
    # The position is the component's slot, which commission lines refer to: it must not move.
    __table_args__ = (UniqueConstraint("terms_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    terms_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_terms.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[ComponentKind] = enum_column(ComponentKind, nullable=False)
    rate: Mapped[Decimal | None] = mapped_column(Rate)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    tier_mode: Mapped[TierMode] = enum_column(TierMode, nullable=False)
    label: Mapped[str] = mapped_column(Text, nullable=False)

    tiers: Mapped[list[TierRow]] = relationship(
        order_by=lambda: TierRow.position,
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class TierRow(Base):
    __tablename__ = "tiers"
    __table_args__ = (UniqueConstraint("component_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    component_id: Mapped[int] = mapped_column(
        ForeignKey("components.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    up_to: Mapped[Decimal | None] = mapped_column(Money)  # None: the open top bracket
    rate: Mapped[Decimal] = mapped_column(Rate, nullable=False)
