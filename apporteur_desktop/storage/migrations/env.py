"""Alembic environment of the ledger, shipped inside the package.

``storage.db`` runs it with an open connection (``config.attributes["connection"]``) inside the
one transaction that also checks foreign keys, so a failed upgrade leaves the file as it was.
Without a connection (a developer's ``alembic`` command), it opens ``sqlalchemy.url`` itself.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from apporteur_desktop.storage import models  # noqa: F401  (registers every table)
from apporteur_desktop.storage.base import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds tables, using the naming
        # convention to find constraints by name.
        render_as_batch=True,
        compare_type=True,
        # Our engine emits BEGIN itself, so SQLite DDL really is transactional.
        transactional_ddl=True,
    )


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection: Connection | None = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from apporteur_desktop.storage.db import create_ledger_engine

    engine = create_ledger_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as own_connection:
            _configure(own_connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
