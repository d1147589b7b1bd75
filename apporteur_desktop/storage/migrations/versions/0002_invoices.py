"""Invoices, credit notes, their lines and payments, number series, settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Frozen like 0001: types, value lists and constraint names are spelled out. Triggers make an
issued document immutable in the database itself: whatever writes to the file, an issued
invoice's number, totals, document and hash cannot change, and it cannot be deleted.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENUM = sa.String(32)

FROZEN_COLUMNS = (
    "kind",
    "buyer_id",
    "self_billed",
    "series",
    "number",
    "year",
    "seq",
    "issued_on",
    "due_on",
    "service_first",
    "service_last",
    "buyer_reference",
    "purchase_order",
    "notes",
    "net_total",
    "vat_total",
    "gross_total",
    "document",
    "file_name",
    "sha256",
    "cancels_id",
)


def _one_of(table: str, column: str, constraint: str, values: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{constraint}"))


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE" if cascade else None,
    )


def upgrade() -> None:
    op.create_table(
        "number_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("pattern", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_series")),
        sa.UniqueConstraint("name", name=op.f("uq_number_series_name")),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("status", ENUM, nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("self_billed", sa.Boolean(), nullable=False),
        sa.Column("series", sa.String(32), nullable=False),
        sa.Column("number", sa.String(35), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("service_first", sa.Date(), nullable=False),
        sa.Column("service_last", sa.Date(), nullable=False),
        sa.Column("buyer_reference", sa.Text(), nullable=False),
        sa.Column("purchase_order", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("net_total", sa.BigInteger(), nullable=False),
        sa.Column("vat_total", sa.BigInteger(), nullable=False),
        sa.Column("gross_total", sa.BigInteger(), nullable=False),
        sa.Column("document", sa.Text(), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("cancels_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        _fk("invoices", "buyer_id", "parties"),
        _fk("invoices", "cancels_id", "invoices"),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
        sa.UniqueConstraint("series", "year", "seq", name=op.f("uq_invoices_series_year_seq")),
        _one_of("invoices", "kind", "document_kind", ["invoice", "credit_note"]),
        _one_of(
            "invoices",
            "status",
            "invoice_status",
            ["draft", "issued", "partly_paid", "paid", "cancelled"],
        ),
    )
    op.create_index(op.f("ix_invoices_status"), "invoices", ["status"])
    op.create_index(op.f("ix_invoices_buyer_id"), "invoices", ["buyer_id"])
    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("commission_line_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("client", sa.Text(), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("base", sa.BigInteger(), nullable=True),
        sa.Column("rate", sa.String(16), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
        _fk("invoice_lines", "invoice_id", "invoices", cascade=True),
        _fk("invoice_lines", "commission_line_id", "commission_lines"),
        sa.UniqueConstraint(
            "invoice_id", "position", name=op.f("uq_invoice_lines_invoice_id_position")
        ),
    )
    op.create_index(op.f("ix_invoice_lines_invoice_id"), "invoice_lines", ["invoice_id"])
    op.create_index(
        op.f("ix_invoice_lines_commission_line_id"), "invoice_lines", ["commission_line_id"]
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", ENUM, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        _fk("payments", "invoice_id", "invoices"),
        _one_of(
            "payments",
            "method",
            "payment_method",
            ["transfer", "cheque", "card", "cash", "other"],
        ),
    )
    op.create_index(op.f("ix_payments_invoice_id"), "payments", ["invoice_id"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    _freeze_issued_documents()


def _freeze_issued_documents() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # other databases get their own triggers when a shared ledger is added
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FROZEN_COLUMNS)
    op.execute(
        "CREATE TRIGGER issued_invoice_frozen BEFORE UPDATE ON invoices "
        f"WHEN OLD.number IS NOT NULL AND ({changed}) "
        "BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed'); END"
    )
    op.execute(
        "CREATE TRIGGER issued_invoice_kept BEFORE DELETE ON invoices "
        "WHEN OLD.number IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be deleted'); END"
    )
    op.execute(
        "CREATE TRIGGER issued_invoice_lines_frozen BEFORE UPDATE ON invoice_lines "
        "WHEN (SELECT number FROM invoices WHERE id = OLD.invoice_id) IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed'); END"
    )
    op.execute(
        "CREATE TRIGGER issued_invoice_lines_kept BEFORE DELETE ON invoice_lines "
        "WHEN (SELECT number FROM invoices WHERE id = OLD.invoice_id) IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in (
            "issued_invoice_frozen",
            "issued_invoice_kept",
            "issued_invoice_lines_frozen",
            "issued_invoice_lines_kept",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("settings")
    op.drop_index(op.f("ix_payments_invoice_id"), table_name="payments")
    op.drop_table("payments")
    op.drop_index(op.f("ix_invoice_lines_commission_line_id"), table_name="invoice_lines")
    op.drop_index(op.f("ix_invoice_lines_invoice_id"), table_name="invoice_lines")
    op.drop_table("invoice_lines")
    op.drop_index(op.f("ix_invoices_buyer_id"), table_name="invoices")
    op.drop_index(op.f("ix_invoices_status"), table_name="invoices")
    op.drop_table("invoices")
    op.drop_table("number_series")
