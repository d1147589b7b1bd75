"""The shipped migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Engine, Integer, MetaData, create_engine, inspect

from apporteur_desktop.storage import models
from apporteur_desktop.storage.base import Base
from apporteur_desktop.storage.db import (
    MIGRATIONS_DIR,
    Ledger,
    alembic_config,
    current_revision,
    downgrade,
    head_revision,
    upgrade,
)


def differences(ledger: Ledger, metadata: MetaData) -> list[object]:
    with ledger.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_the_migrated_schema_is_the_models_schema(ledger: Ledger) -> None:
    assert differences(ledger, Base.metadata) == []


def test_the_comparison_would_see_a_difference(ledger: Ledger) -> None:
    # Guards the test above against comparing nothing with nothing.
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["parties"].append_column(Column("nickname", Integer))
    assert differences(ledger, changed) != []


def schema_of(engine: Engine) -> dict[str, Any]:
    """Everything SQLite says about each table, CHECK constraints and FK actions included
    (which Alembic's comparison leaves out)."""
    inspector = inspect(engine)
    schema: dict[str, Any] = {}
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        schema[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)
            ],
            "pk": inspector.get_pk_constraint(table),
            "fks": sorted(map(repr, inspector.get_foreign_keys(table))),
            "unique": sorted(map(repr, inspector.get_unique_constraints(table))),
            "checks": sorted(map(repr, inspector.get_check_constraints(table))),
            "indexes": sorted(
                (
                    i["name"],
                    tuple(i["column_names"]),
                    bool(i["unique"]),
                    repr({k: str(v) for k, v in i.get("dialect_options", {}).items()}),
                )
                for i in inspector.get_indexes(table)
            ),
        }
    return schema


def test_the_migration_says_what_create_all_would_say(ledger: Ledger, tmp_path: Path) -> None:
    reference = create_engine(f"sqlite:///{tmp_path / 'reference.sqlite3'}")
    Base.metadata.create_all(reference)
    try:
        assert schema_of(ledger.engine) == schema_of(reference)
    finally:
        reference.dispose()


def test_the_partial_unique_index_exists(ledger: Ledger) -> None:
    indexes = inspect(ledger.engine).get_indexes("agreement_terms")
    original = next(i for i in indexes if i["name"] == "uq_agreement_terms_one_original")
    assert original["unique"]
    assert original["column_names"] == ["agreement_id"]
    assert "effective_on IS NULL" in str(original.get("dialect_options", {}).get("sqlite_where"))


def test_down_to_nothing_and_up_again(ledger: Ledger) -> None:
    downgrade(ledger.engine, "base")
    assert current_revision(ledger.engine) is None
    assert set(inspect(ledger.engine).get_table_names()) == {"alembic_version"}
    upgrade(ledger.engine)
    assert current_revision(ledger.engine) == head_revision()
    assert differences(ledger, Base.metadata) == []


def test_the_migrations_ship_inside_the_package() -> None:
    package = Path(models.__file__).resolve().parent.parent
    assert package / "migrations" == MIGRATIONS_DIR
    script = ScriptDirectory.from_config(alembic_config())
    assert [rev.revision for rev in script.walk_revisions()][-1] == "0001"
    assert script.get_current_head() == head_revision()
