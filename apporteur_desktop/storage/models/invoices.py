"""Invoices and credit notes, their lines, their payments, and the number series.

An issued document is frozen: its number, its lines, its document text and the hash of its
archived file never change (the database refuses it too, see migration 0002); only its
status moves as payments come in or a credit note cancels it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from apporteur_desktop.domain.enums import Direction
from apporteur_desktop.domain.invoices import (
    DocumentKind,
    DocumentOrigin,
    InvoiceStatus,
    PaymentMethod,
)

from ..base import Base, Money, enum_column


class NumberSeriesRow(Base):
    """One gapless series: its pattern, and the last number given in the current year."""

    __tablename__ = "number_series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    pattern: Mapped[str] = mapped_column(String(64), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    last_seq: Mapped[int] = mapped_column(Integer, nullable=False)


class InvoiceRow(Base):
    __tablename__ = "invoices"
    __table_args__ = (UniqueConstraint("series", "year", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[DocumentKind] = enum_column(DocumentKind, nullable=False)
    status: Mapped[InvoiceStatus] = enum_column(InvoiceStatus, nullable=False, index=True)
    # The other side: the provider I invoice (earned), the introducer I owe (owed).
    counterparty_id: Mapped[int] = mapped_column(
        "buyer_id", ForeignKey("parties.id"), nullable=False, index=True
    )
    self_billed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    series: Mapped[str] = mapped_column(String(32), nullable=False)
    number: Mapped[str | None] = mapped_column(String(35), unique=True)  # in one of our series
    year: Mapped[int | None] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(Integer)
    issued_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    service_first: Mapped[date] = mapped_column(Date, nullable=False)
    service_last: Mapped[date] = mapped_column(Date, nullable=False)
    buyer_reference: Mapped[str] = mapped_column(Text, nullable=False)
    purchase_order: Mapped[str] = mapped_column(Text, nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False)
    net_total: Mapped[Decimal] = mapped_column(Money, nullable=False)
    vat_total: Mapped[Decimal] = mapped_column(Money, nullable=False)
    gross_total: Mapped[Decimal] = mapped_column(Money, nullable=False)
    # The document as issued (JSON), the archived file's name and its SHA-256.
    document: Mapped[str | None] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    # For a credit note: the invoice it cancels, when it cancels one whole.
    cancels_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    # Added by migration 0003, hence last (the columns' order is the migrations').
    direction: Mapped[Direction] = enum_column(Direction, nullable=False)
    origin: Mapped[DocumentOrigin] = enum_column(DocumentOrigin, nullable=False)
    their_number: Mapped[str | None] = mapped_column(Text)  # given by the other side
    # For a recorded invoice: what its commission lines add up to, to show a difference.
    expected_total: Mapped[Decimal | None] = mapped_column(Money)


class InvoiceLineRow(Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (UniqueConstraint("invoice_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    # The commission line it bills; a commission line is on one live document at most.
    commission_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("commission_lines.id"), index=True
    )
    description: Mapped[str] = mapped_column(Text, nullable=False)
    client: Mapped[str] = mapped_column(Text, nullable=False)
    period: Mapped[str] = mapped_column(String(10), nullable=False)
    base: Mapped[Decimal | None] = mapped_column(Money)
    rate: Mapped[str | None] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Money, nullable=False)


class PaymentRow(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), nullable=False, index=True)
    paid_on: Mapped[date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Money, nullable=False)
    method: Mapped[PaymentMethod] = enum_column(PaymentMethod, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)


class SettingRow(Base):
    """User settings that belong with the ledger (legal wordings, numbering), as JSON text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
