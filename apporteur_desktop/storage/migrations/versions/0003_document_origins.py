"""Documents of both directions: recorded invoices, their expected totals, and frozen origins.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

An invoice row now says which direction it belongs to and where its number comes from: issued
(numbered in one of this ledger's series) or recorded (numbered by the other side: a provider's
self-billed invoice in my name, an introducer's invoice to me). A recorded invoice keeps the
other side's number in ``their_number`` (two providers may both send a « 2026-0001 ») and the
total of the commission lines it pays in ``expected_total``, so a difference can be shown.

Recorded invoices are frozen like issued ones; only their status moves.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns of 0002's frozen list, plus the four added here.
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
    "direction",
    "origin",
    "their_number",
    "expected_total",
)


def upgrade() -> None:
    op.add_column(
        "invoices",
        sa.Column(
            "direction",
            sa.String(32),
            sa.CheckConstraint("direction IN ('earned', 'owed')", name="direction"),
            nullable=False,
            server_default="earned",
        ),
    )
    op.add_column(
        "invoices",
        sa.Column(
            "origin",
            sa.String(32),
            sa.CheckConstraint("origin IN ('issued', 'recorded')", name="document_origin"),
            nullable=False,
            server_default="issued",
        ),
    )
    op.add_column("invoices", sa.Column("their_number", sa.Text(), nullable=True))
    op.add_column("invoices", sa.Column("expected_total", sa.BigInteger(), nullable=True))
    _freeze_documents(FROZEN_COLUMNS, FINAL_NOW)


# What made a document final before this revision, and what makes it final now: a number of
# ours, or being recorded from the other side.
FINAL_BEFORE = (
    "OLD.number IS NOT NULL",
    "(SELECT number FROM invoices WHERE id = OLD.invoice_id) IS NOT NULL",
)
FINAL_NOW = (
    "(OLD.number IS NOT NULL OR OLD.origin = 'recorded')",
    "(SELECT number IS NOT NULL OR origin = 'recorded' FROM invoices WHERE id = OLD.invoice_id)",
)
TRIGGERS = (
    "issued_invoice_frozen",
    "issued_invoice_kept",
    "issued_invoice_lines_frozen",
    "issued_invoice_lines_kept",
)


def _freeze_documents(columns: Sequence[str], final: tuple[str, str]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    document, parent = final
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in columns)
    op.execute(
        "CREATE TRIGGER issued_invoice_frozen BEFORE UPDATE ON invoices "
        f"WHEN {document} AND ({changed}) "
        "BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed'); END"
    )
    op.execute(
        f"CREATE TRIGGER issued_invoice_kept BEFORE DELETE ON invoices WHEN {document} "
        "BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be deleted'); END"
    )
    op.execute(
        f"CREATE TRIGGER issued_invoice_lines_frozen BEFORE UPDATE ON invoice_lines WHEN {parent} "
        "BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed'); END"
    )
    op.execute(
        f"CREATE TRIGGER issued_invoice_lines_kept BEFORE DELETE ON invoice_lines WHEN {parent} "
        "BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed'); END"
    )


def downgrade() -> None:
    # Triggers name the columns: drop them first, then put back 0002's.
    if op.get_bind().dialect.name == "sqlite":
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    # SQLite drops a column with its own CHECK (3.35 and later): no table rebuild needed.
    for column in ("expected_total", "their_number", "origin", "direction"):
        op.drop_column("invoices", column)
    _freeze_documents(FROZEN_COLUMNS[:-4], FINAL_BEFORE)
