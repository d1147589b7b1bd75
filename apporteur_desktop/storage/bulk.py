"""Many rows at once: imports, demo data and commission runs insert thousands of rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.orm import Session

from .base import Base

Values = dict[str, Any]


def insert_rows(session: Session, model: type[Base], rows: list[Values]) -> list[int]:
    """Insert many rows at once (Core executemany, no ORM objects); their new ids, in the
    order of ``rows``. The row dicts are the caller's scratch: their ``id`` gets filled in."""
    if not rows:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name != "sqlite":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [int(new_id) for new_id in session.execute(statement, rows).scalars()]
    # SQLite returns ids in parameter order only one statement per row (ten times slower on a
    # big import), so the ids are given here instead: the next ones after the highest. A
    # writer holds SQLite's write lock from BEGIN IMMEDIATE, so no one else takes them
    # meanwhile; were it not so, the primary key would refuse the insert, never mix rows up.
    first = int(session.execute(select(func.max(table.c.id))).scalar() or 0) + 1
    new_ids = list(range(first, first + len(rows)))
    for row, new_id in zip(rows, new_ids, strict=True):
        row["id"] = new_id
    _executemany(session.connection(), table, rows)
    return new_ids


def _executemany(connection: Connection, table: Table, rows: list[Values]) -> None:
    """``INSERT`` every row through one DBAPI ``executemany``.

    The same statement and the same column types (so Money, Rate and Period still convert and
    refuse exactly as everywhere else), without SQLAlchemy's per-row parameter bookkeeping,
    which costs three times the insert itself on a million rows.
    """
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    keys = list(compiled.positiontup or ())
    convert = [table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys]
    pairs = list(zip(keys, convert, strict=True))
    parameters = [
        tuple(row[key] if process is None else process(row[key]) for key, process in pairs)
        for row in rows
    ]
    connection.exec_driver_sql(str(compiled), parameters)
