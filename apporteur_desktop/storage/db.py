"""Opening the ledger: engine, sessions, SQLite pragmas, backups and schema upgrades.

Everything SQLite-specific (pragmas, BEGIN handling, the online backup) lives here, so that a
PostgreSQL URL could later serve a shared ledger through :func:`open_ledger_url`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session, sessionmaker

# The newest migration's revision. A ledger already at it opens without importing Alembic
# (about a tenth of a second at start-up); tests/storage/test_db.py checks that it is
# Alembic's head, so a new migration cannot be forgotten here.
SCHEMA_HEAD = "0003"

# Within the package, so an installed (non-editable) copy can migrate its own ledger.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# How long a connection waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 10_000

# The execution option our BEGIN listener reads; see _sqlite_begin.
_BEGIN_MODE = "apporteur_sqlite_begin"


class LedgerTooNew(Exception):
    """The file was written by a newer version of the app: its schema is unknown here."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.code = "ledger_too_new"
        self.revision = revision


class ForeignKeyViolation(Exception):
    """A migration left rows pointing at nothing; the upgrade was rolled back."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        super().__init__(f"{len(rows)} row(s)")
        self.code = "foreign_key_violation"
        self.rows = rows


class LedgerUnreadable(Exception):
    """The file is not a ledger SQLite can read (not a database, damaged, locked away)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.code = "ledger_unreadable"
        self.reason = reason


class Ledger:
    """An open ledger: the engine and its session factories. Pass it around explicitly.

    Both are made at first use, so SQLAlchemy (a quarter of a second to import, the ORM
    included) loads with the first query and not before: the desktop app paints its window
    first and runs its queries after, off the UI thread.
    """

    def __init__(self, make_engine: Callable[[], Engine], sqlite_file: Path | None = None) -> None:
        self._make_engine = make_engine
        self.sqlite_file = sqlite_file  # None on a database server
        self._engine: Engine | None = None
        self._factories: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None
        # The UI thread and the task thread may both ask first; reentrant, as the session
        # factories ask for the engine while holding it.
        self._lock = threading.RLock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = self._make_engine()
            return self._engine

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Session]:
        """The one place sessions are opened: one real database transaction per call.

        Commits when the block ends, rolls everything back if it raises. ``write=False`` is for
        reading only: on SQLite it does not take the write lock, so it never waits for a writer.
        """
        writer, reader = self._session_factories()
        with (writer if write else reader).begin() as session:
            yield session

    def _session_factories(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        with self._lock:
            if self._factories is None:
                from sqlalchemy.orm import sessionmaker

                # Writers announce themselves at BEGIN (see _sqlite_begin); readers do not.
                writer = self.engine.execution_options(**{_BEGIN_MODE: "IMMEDIATE"})
                self._factories = (
                    sessionmaker(writer, expire_on_commit=False),
                    sessionmaker(self.engine, expire_on_commit=False),
                )
            return self._factories

    def close(self) -> None:
        # Closing the last connection also checkpoints the WAL back into the file.
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()


def open_ledger(path: Path, *, backups_dir: Path, now: datetime) -> Ledger:
    """Open (creating it if needed) the SQLite ledger at ``path`` and bring it to the newest
    schema, copying an existing older file into ``backups_dir`` first.

    ``now`` names the backup; storage never reads the clock. A file already at the newest
    schema is checked with the sqlite3 module alone: SQLAlchemy loads at the first query.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    current = _sqlite_revision(path) if existed else None
    if current == SCHEMA_HEAD:
        return Ledger(lambda: create_sqlite_engine(path), path)
    engine = create_sqlite_engine(path)
    try:
        _refuse_unknown(current)
        if existed:
            backup_sqlite(path, backup_path(backups_dir, now, current))
        upgrade(engine)
    except BaseException as failure:
        engine.dispose()
        from sqlalchemy.exc import DatabaseError

        if isinstance(failure, DatabaseError):
            raise LedgerUnreadable(str(failure.orig)) from failure
        raise
    return Ledger(lambda: engine, path)


def _sqlite_revision(path: Path) -> str | None:
    """The revision in Alembic's version table, None when there is none."""
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
            found = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
            if found is None:
                return None
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as broken:
        raise LedgerUnreadable(str(broken)) from broken
    return rows[0][0] if len(rows) == 1 else None


def has_business_identity(ledger: Ledger) -> bool:
    """Whether the ledger names its owner yet. The desktop app asks before its first paint,
    so a SQLite file is read with the sqlite3 module, before SQLAlchemy is loaded."""
    query = "SELECT 1 FROM business_identity LIMIT 1"
    if ledger.sqlite_file is not None:
        with closing(sqlite3.connect(ledger.sqlite_file, timeout=BUSY_TIMEOUT_MS / 1000)) as db:
            return db.execute(query).fetchone() is not None
    with ledger.engine.connect() as connection:
        return connection.exec_driver_sql(query).first() is not None


def open_ledger_url(url: str | URL) -> Ledger:
    """Open a ledger on a database server and bring it to the newest schema.

    No file copy is made: a server is backed up by its own tools. SQLite files go through
    :func:`open_ledger`, which does back them up.
    """
    from sqlalchemy import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        raise ValueError("SQLite ledgers are opened with open_ledger(path, ...)")
    engine = create_ledger_engine(parsed)
    try:
        if current_revision(engine) != head_revision():
            _refuse_unknown(current_revision(engine))
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Ledger(lambda: engine)


def create_sqlite_engine(path: Path) -> Engine:
    from sqlalchemy.engine import URL

    return create_ledger_engine(URL.create("sqlite+pysqlite", database=str(path)))


def create_ledger_engine(url: str | URL) -> Engine:
    """An engine with the ledger's connection settings (pragmas and BEGIN on SQLite)."""
    from sqlalchemy import create_engine, event

    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: sqlite3.Connection, connection_record: object) -> None:
    # Take BEGIN away from the sqlite3 module (which skips it before SELECT and DDL) so that
    # _sqlite_begin can emit it: each transaction() is then one real SQLite transaction.
    dbapi_connection.isolation_level = None
    with closing(dbapi_connection.cursor()) as cursor:
        # Off by default in SQLite, and per connection: without it FKs are decoration.
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets a second process read while one writes, and survives a crash mid-commit.
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed transaction is on disk even if the power goes right after.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA cache_size=-65536")


def _sqlite_begin(connection: Connection) -> None:
    # A writer takes the write lock at BEGIN (IMMEDIATE), where busy_timeout can wait for it;
    # a deferred transaction that reads and then writes could fail with "database is locked"
    # instead of waiting when another process wrote in between.
    mode = connection.get_execution_options().get(_BEGIN_MODE, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


# --- schema versions -------------------------------------------------------------------------


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code: no alembic.ini to find or ship."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships no migration"
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def stored_revision(engine: Engine) -> str | None:
    """The revision in Alembic's version table, read with plain SQL; None when there is none."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return rows[0][0] if len(rows) == 1 else None


def _refuse_unknown(current: str | None) -> None:
    if current is None:
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if current not in {rev.revision for rev in script.walk_revisions()}:
        raise LedgerTooNew(current)


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run the migrations up to ``target`` in one transaction (see :func:`_migrating`)."""
    from alembic import command

    with _migrating(engine) as connection:
        command.upgrade(alembic_config(connection), target)


def downgrade(engine: Engine, target: str) -> None:
    """Run migrations down to ``target`` ("base" empties the database). For tests and repairs."""
    from alembic import command

    with _migrating(engine) as connection:
        command.downgrade(alembic_config(connection), target)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, with SQLite's foreign keys paused meanwhile.

    Batch migrations rebuild a table by copy, drop and rename; with foreign keys on, dropping
    a parent table would cascade into (or be refused by) its children. SQLite only lets the
    pragma change outside a transaction, so it is set on the raw connection before BEGIN, and
    ``foreign_key_check`` stands in for it before the commit.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            _raw_execute(connection, "PRAGMA foreign_keys=OFF")
        try:
            writer = connection.execution_options(**{_BEGIN_MODE: "IMMEDIATE"})
            with writer.begin():
                yield writer
                if sqlite:
                    broken = writer.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise ForeignKeyViolation([tuple(row) for row in broken])
        finally:
            if sqlite:
                _raw_execute(connection, "PRAGMA foreign_keys=ON")


def _raw_execute(connection: Connection, sql: str) -> None:
    # Through the DBAPI connection: SQLAlchemy would BEGIN first, and these pragmas are
    # no-ops inside a transaction.
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


# --- backups ---------------------------------------------------------------------------------


def backup_path(backups_dir: Path, now: datetime, revision: str | None) -> Path:
    """``ledger-<YYYYmmdd-HHMMSS>-before-<rev>.sqlite3``, never overwriting an earlier copy."""
    stem = f"ledger-{now:%Y%m%d-%H%M%S}-before-{revision or 'base'}"
    candidate = Path(backups_dir) / f"{stem}.sqlite3"
    number = 2
    while candidate.exists():
        candidate = Path(backups_dir) / f"{stem}-{number}.sqlite3"
        number += 1
    return candidate


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy a live SQLite file with the online backup API: consistent even while another
    connection writes, WAL content included (a plain file copy could tear a page)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)) as src,
        closing(sqlite3.connect(destination)) as dst,
    ):
        src.backup(dst)
        # A self-contained single file: no -wal companion needed to open the copy.
        dst.execute("PRAGMA journal_mode=DELETE")
    return destination
