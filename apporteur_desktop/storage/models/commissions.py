"""Commission runs and the lines they saved. Saved lines are never edited, only corrected."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from apporteur_desktop.domain.enums import ComponentKind, LineEvent, LineKind, LineStatus
from apporteur_desktop.domain.periods import Period

from ..base import Base, Money, PeriodColumn, Rate, Timestamp, enum_column


class CommissionRunRow(Base):
    __tablename__ = "commission_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Given by the caller: storage never reads a clock.
    ran_at: Mapped[datetime] = mapped_column(Timestamp, nullable=False)
    period_from: Mapped[Period] = mapped_column(PeriodColumn, nullable=False)
    period_to: Mapped[Period] = mapped_column(PeriodColumn, nullable=False)
    # The ledger's change_seq the run had seen: inputs stamped later changed after it.
    change_seq_watermark: Mapped[int] = mapped_column(Integer, nullable=False)
    line_count: Mapped[int] = mapped_column(Integer, nullable=False)


class CommissionLineRow(Base):
    __tablename__ = "commission_lines"
    __table_args__ = (
        Index(None, "agreement_id", "period"),
        Index(None, "introduction_id"),
        Index(None, "status"),
        Index(None, "period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("commission_runs.id"), nullable=False)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), nullable=False)
    introduction_id: Mapped[int] = mapped_column(ForeignKey("introductions.id"), nullable=False)
    # NULL for a fee earned by the introduction itself (the domain's LineKey says 0).
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagements.id"))
    component_slot: Mapped[int] = mapped_column(Integer, nullable=False)
    component_kind: Mapped[ComponentKind] = enum_column(ComponentKind, nullable=False)
    event: Mapped[LineEvent] = enum_column(LineEvent, nullable=False)
    period: Mapped[Period] = mapped_column(PeriodColumn, nullable=False)
    event_date: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[LineKind] = enum_column(LineKind, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Money, nullable=False)  # negative to reverse
    base: Mapped[Decimal | None] = mapped_column(Money)
    rate: Mapped[Decimal | None] = mapped_column(Rate)
    status: Mapped[LineStatus] = enum_column(LineStatus, nullable=False)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("commission_lines.id"))
    # The domain Explanation as JSON (see storage/explanations.py): shown, never queried.
    explanation: Mapped[str] = mapped_column(Text, nullable=False)
