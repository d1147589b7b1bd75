"""The initial ledger schema.

Revision ID: 0001
Revises:
Create Date: 2026-01-01

Written by hand and frozen: it spells every type, value list and constraint name out instead of
importing the models or the domain enums, so a later change there cannot rewrite history.
Money is integer cents (BIGINT), rates exact decimal text, months ``YYYY-MM`` text.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENUM = sa.String(32)

COMPONENT_KINDS = [
    "revenue_percent",
    "qualified_fee",
    "signature_fee",
    "contract_value_percent",
    "tiered",
]


def _one_of(table: str, column: str, constraint: str, values: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{constraint}"))


def _identity_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("sole_trader", sa.Boolean(), nullable=False),
        sa.Column("legal_form", sa.String(), nullable=False),
        sa.Column("siren", sa.String(), nullable=False),
        sa.Column("siret", sa.String(), nullable=False),
        sa.Column("vat_number", sa.String(), nullable=False),
        sa.Column("registration", sa.String(), nullable=False),
        sa.Column("share_capital", sa.BigInteger(), nullable=True),
        sa.Column("street", sa.String(), nullable=False),
        sa.Column("postcode", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
    ]


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE" if cascade else None,
    )


def upgrade() -> None:
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_identity_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parties")),
        sa.UniqueConstraint("kind", "name", name=op.f("uq_parties_kind_name")),
        _one_of("parties", "kind", "party_kind", ["provider", "client", "introducer"]),
    )
    op.create_table(
        "business_identity",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("vat_regime", ENUM, nullable=False),
        sa.Column("vat_rate", sa.Text(), nullable=True),
        sa.Column("vat_on_debits", sa.Boolean(), nullable=False),
        sa.Column("iban", sa.String(), nullable=False),
        sa.Column("bic", sa.String(), nullable=False),
        *_identity_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_business_identity")),
        sa.CheckConstraint("id = 1", name=op.f("ck_business_identity_single_row")),
        _one_of("business_identity", "vat_regime", "vat_regime", ["franchise", "registered"]),
    )
    op.create_table(
        "ledger_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("schema_note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_state")),
        sa.CheckConstraint("id = 1", name=op.f("ck_ledger_state_single_row")),
    )
    ledger_state = sa.table(
        "ledger_state", sa.column("id"), sa.column("change_seq"), sa.column("schema_note")
    )
    op.bulk_insert(ledger_state, [{"id": 1, "change_seq": 0, "schema_note": ""}])

    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("direction", ENUM, nullable=False),
        sa.Column("counterparty_id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("self_billing", sa.Boolean(), nullable=False),
        sa.Column("qualification_criteria", sa.Text(), nullable=False),
        sa.Column("exclusivity", sa.Text(), nullable=False),
        sa.Column("territory", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
        sa.UniqueConstraint("name", name=op.f("uq_agreements_name")),
        _fk("agreements", "counterparty_id", "parties"),
        _one_of("agreements", "direction", "direction", ["earned", "owed"]),
    )
    op.create_table(
        "agreement_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("rights_kind", ENUM, nullable=False),
        sa.Column("rights_months", sa.Integer(), nullable=True),
        sa.Column("rights_until", sa.Date(), nullable=True),
        sa.Column("trial_coverage", ENUM, nullable=False),
        sa.Column("conversion_window_days", sa.Integer(), nullable=False),
        sa.Column("cap_per_introduction", sa.BigInteger(), nullable=True),
        sa.Column("cap_per_year", sa.BigInteger(), nullable=True),
        sa.Column("clawback_days", sa.Integer(), nullable=False),
        sa.Column("tail_months", sa.Integer(), nullable=False),
        sa.Column("payment_terms_kind", ENUM, nullable=False),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_terms")),
        sa.UniqueConstraint(
            "agreement_id",
            "effective_on",
            name=op.f("uq_agreement_terms_agreement_id_effective_on"),
        ),
        _fk("agreement_terms", "agreement_id", "agreements", cascade=True),
        _one_of(
            "agreement_terms",
            "rights_kind",
            "rights_kind",
            ["one_off", "months", "until_date", "while_client_stays"],
        ),
        _one_of(
            "agreement_terms",
            "trial_coverage",
            "trial_coverage",
            ["trial_only", "trial_and_conversion", "conversion_only"],
        ),
        _one_of(
            "agreement_terms",
            "payment_terms_kind",
            "payment_terms_kind",
            ["net", "days_end_of_month", "end_of_month_days"],
        ),
    )
    # NULLs are distinct in a UNIQUE constraint: this keeps one original version per agreement.
    op.create_index(
        op.f("uq_agreement_terms_one_original"),
        "agreement_terms",
        ["agreement_id"],
        unique=True,
        sqlite_where=sa.text("effective_on IS NULL"),
        postgresql_where=sa.text("effective_on IS NULL"),
    )
    op.create_table(
        "components",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("terms_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("rate", sa.Text(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("tier_mode", ENUM, nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_components")),
        sa.UniqueConstraint("terms_id", "position", name=op.f("uq_components_terms_id_position")),
        _fk("components", "terms_id", "agreement_terms", cascade=True),
        _one_of("components", "kind", "component_kind", COMPONENT_KINDS),
        _one_of("components", "tier_mode", "tier_mode", ["marginal", "whole_volume"]),
    )
    op.create_table(
        "tiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("up_to", sa.BigInteger(), nullable=True),
        sa.Column("rate", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tiers")),
        sa.UniqueConstraint(
            "component_id", "position", name=op.f("uq_tiers_component_id_position")
        ),
        _fk("tiers", "component_id", "components", cascade=True),
    )
    _create_pipeline()
    _create_commissions()


def _create_pipeline() -> None:
    op.create_table(
        "introductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("introduced_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_introductions")),
        _fk("introductions", "agreement_id", "agreements"),
        _fk("introductions", "client_id", "parties"),
    )
    op.create_index(op.f("ix_introductions_agreement_id"), "introductions", ["agreement_id"])
    op.create_index(op.f("ix_introductions_client_id"), "introductions", ["client_id"])
    op.create_table(
        "introduction_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("introduction_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", ENUM, nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_introduction_steps")),
        sa.UniqueConstraint(
            "introduction_id",
            "position",
            name=op.f("uq_introduction_steps_introduction_id_position"),
        ),
        _fk("introduction_steps", "introduction_id", "introductions", cascade=True),
        _one_of(
            "introduction_steps",
            "status",
            "introduction_status",
            ["introduced", "qualified", "meeting", "trial", "won", "lost"],
        ),
    )
    op.create_table(
        "engagements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("introduction_id", sa.Integer(), nullable=False),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("converts_trial_id", sa.Integer(), nullable=True),
        sa.Column("terminated_on", sa.Date(), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagements")),
        sa.CheckConstraint(
            '"end" IS NULL OR "end" >= "start"', name=op.f("ck_engagements_end_after_start")
        ),
        _fk("engagements", "introduction_id", "introductions"),
        _fk("engagements", "converts_trial_id", "engagements"),
        _one_of("engagements", "kind", "engagement_kind", ["trial", "long_term", "one_off"]),
    )
    op.create_index(op.f("ix_engagements_introduction_id"), "engagements", ["introduction_id"])
    op.create_table(
        "revenue_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("status", ENUM, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revenue_revisions")),
        _fk("revenue_revisions", "engagement_id", "engagements"),
        _one_of("revenue_revisions", "status", "revenue_status", ["estimated", "confirmed"]),
    )
    op.create_index(
        op.f("ix_revenue_revisions_engagement_id_period_id"),
        "revenue_revisions",
        ["engagement_id", "period", "id"],
    )
    op.create_index(op.f("ix_revenue_revisions_period"), "revenue_revisions", ["period"])
    op.create_index(op.f("ix_revenue_revisions_change_seq"), "revenue_revisions", ["change_seq"])


def _create_commissions() -> None:
    op.create_table(
        "commission_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ran_at", sa.String(40), nullable=False),
        sa.Column("period_from", sa.String(7), nullable=False),
        sa.Column("period_to", sa.String(7), nullable=False),
        sa.Column("change_seq_watermark", sa.Integer(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_runs")),
    )
    op.create_table(
        "commission_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("introduction_id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=True),
        sa.Column("component_slot", sa.Integer(), nullable=False),
        sa.Column("component_kind", ENUM, nullable=False),
        sa.Column("event", ENUM, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("kind", ENUM, nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("base", sa.BigInteger(), nullable=True),
        sa.Column("rate", sa.Text(), nullable=True),
        sa.Column("status", ENUM, nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commission_lines")),
        _fk("commission_lines", "run_id", "commission_runs"),
        _fk("commission_lines", "agreement_id", "agreements"),
        _fk("commission_lines", "introduction_id", "introductions"),
        _fk("commission_lines", "engagement_id", "engagements"),
        _fk("commission_lines", "corrects_id", "commission_lines"),
        _one_of("commission_lines", "component_kind", "component_kind", COMPONENT_KINDS),
        _one_of(
            "commission_lines",
            "event",
            "line_event",
            ["revenue", "qualified", "signature", "contract_value"],
        ),
        _one_of("commission_lines", "kind", "line_kind", ["regular", "adjustment", "clawback"]),
        _one_of(
            "commission_lines", "status", "line_status", ["due", "invoiced", "paid", "cancelled"]
        ),
    )
    op.create_index(
        op.f("ix_commission_lines_agreement_id_period"),
        "commission_lines",
        ["agreement_id", "period"],
    )
    op.create_index(
        op.f("ix_commission_lines_introduction_id"), "commission_lines", ["introduction_id"]
    )
    op.create_index(op.f("ix_commission_lines_status"), "commission_lines", ["status"])
    op.create_index(op.f("ix_commission_lines_period"), "commission_lines", ["period"])


def downgrade() -> None:
    # Children before parents, so foreign keys never point at a dropped table.
    for table in (
        "commission_lines",
        "commission_runs",
        "revenue_revisions",
        "engagements",
        "introduction_steps",
        "introductions",
        "tiers",
        "components",
        "agreement_terms",
        "agreements",
        "ledger_state",
        "business_identity",
        "parties",
    ):
        op.drop_table(table)
