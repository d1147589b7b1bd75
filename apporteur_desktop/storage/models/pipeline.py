"""Introductions and their pipeline steps, engagements, and revenue revisions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from apporteur_desktop.domain.enums import EngagementKind, IntroductionStatus, RevenueStatus
from apporteur_desktop.domain.periods import Period

from ..base import Base, Money, PeriodColumn, enum_column


class IntroductionRow(Base):
    __tablename__ = "introductions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id"), nullable=False, index=True
    )
    client_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), nullable=False, index=True)
    introduced_on: Mapped[date] = mapped_column(Date, nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False)
    change_seq: Mapped[int] = mapped_column(Integer, nullable=False)

    steps: Mapped[list[IntroductionStepRow]] = relationship(
        order_by=lambda: IntroductionStepRow.position,
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class IntroductionStepRow(Base):
    """One ``StatusChange``; ``position`` keeps the order the steps happened in."""

    __tablename__ = "introduction_steps"
    __table_args__ = (UniqueConstraint("introduction_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("introductions.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[IntroductionStatus] = enum_column(IntroductionStatus, nullable=False)
    on: Mapped[date] = mapped_column(Date, nullable=False)


class EngagementRow(Base):
    __tablename__ = "engagements"
    __table_args__ = (
        # "end" is a reserved word: quoted so the same text works on SQLite and PostgreSQL.
        CheckConstraint('"end" IS NULL OR "end" >= "start"', name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("introductions.id"), nullable=False, index=True
    )
    kind: Mapped[EngagementKind] = enum_column(EngagementKind, nullable=False)
    start: Mapped[date] = mapped_column(Date, nullable=False)
    end: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    signed_on: Mapped[date | None] = mapped_column(Date)
    converts_trial_id: Mapped[int | None] = mapped_column(ForeignKey("engagements.id"))
    terminated_on: Mapped[date | None] = mapped_column(Date)
    label: Mapped[str] = mapped_column(Text, nullable=False)
    change_seq: Mapped[int] = mapped_column(Integer, nullable=False)


class RevenueRevisionRow(Base):
    """One revision of a month's revenue; the id order is the recording order."""

    __tablename__ = "revenue_revisions"
    __table_args__ = (
        # The engine reads the revisions of one engagement and month in recording order.
        Index(None, "engagement_id", "period", "id"),
        Index(None, "period"),
        # What changed since the last commission run: a month-end run reads only that.
        Index(None, "change_seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id"), nullable=False)
    period: Mapped[Period] = mapped_column(PeriodColumn, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Money, nullable=False)
    status: Mapped[RevenueStatus] = enum_column(RevenueStatus, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)
    change_seq: Mapped[int] = mapped_column(Integer, nullable=False)
