"""Opening a ledger: pragmas, one real transaction per call, migrations and backups."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from apporteur_desktop.domain.enums import EngagementKind, PartyKind
from apporteur_desktop.domain.parties import LegalIdentity, Party
from apporteur_desktop.domain.pipeline import Engagement
from apporteur_desktop.storage.db import (
    SCHEMA_HEAD,
    Ledger,
    LedgerTooNew,
    backup_path,
    current_revision,
    downgrade,
    head_revision,
    open_ledger,
    open_ledger_url,
)
from apporteur_desktop.storage.repository import (
    add_engagement,
    add_party,
    count_entities,
    list_parties,
    next_change_seq,
)

from .conftest import NOW


def provider(name: str) -> Party:
    return Party(None, PartyKind.PROVIDER, LegalIdentity(name))


def test_every_connection_gets_the_pragmas(ledger: Ledger) -> None:
    for write in (True, False):
        with ledger.transaction(write=write) as session:
            pragma = session.connection().exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() >= 1000


def test_foreign_keys_are_enforced(ledger: Ledger) -> None:
    unknown_introduction = Engagement(None, 999, EngagementKind.TRIAL, date(2026, 1, 5))
    with pytest.raises(IntegrityError), ledger.transaction() as session:
        add_engagement(session, unknown_introduction, change_seq=1)


def test_the_schema_head_named_in_code_is_alembics_head() -> None:
    # A ledger at SCHEMA_HEAD opens without Alembic: a new migration must move it.
    assert head_revision() == SCHEMA_HEAD


def test_a_ledger_at_the_newest_schema_opens_without_importing_sqlalchemy_or_alembic(
    ledger_path: Path, backups_dir: Path
) -> None:
    open_ledger(ledger_path, backups_dir=backups_dir, now=NOW).close()
    script = (
        "import sys; from datetime import datetime; from pathlib import Path;"
        "from apporteur_desktop.storage.db import has_business_identity, open_ledger, "
        "stored_revision;"
        f"ledger = open_ledger(Path({str(ledger_path)!r}), backups_dir=Path({str(backups_dir)!r}),"
        " now=datetime(2026, 1, 1));"
        "print(has_business_identity(ledger), 'sqlalchemy' in sys.modules);"
        "print(stored_revision(ledger.engine), 'alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    # Nothing loaded until the first query; even then, Alembic stays out.
    assert done.stdout.split() == ["False", "False", SCHEMA_HEAD, "False"]


def test_a_new_file_is_created_at_the_newest_schema_without_backup(
    ledger_path: Path, backups_dir: Path
) -> None:
    assert not ledger_path.parent.exists()
    ledger = open_ledger(ledger_path, backups_dir=backups_dir, now=NOW)
    try:
        assert ledger_path.exists()
        assert current_revision(ledger.engine) == head_revision()
        with ledger.transaction() as session:
            state = session.execute(text("SELECT id, change_seq FROM ledger_state")).all()
            assert state == [(1, 0)]
            assert count_entities(session)["providers"] == 0
    finally:
        ledger.close()
    assert not backups_dir.exists() or not any(backups_dir.iterdir())


def test_reopening_an_up_to_date_ledger_makes_no_backup(
    ledger: Ledger, ledger_path: Path, backups_dir: Path
) -> None:
    with ledger.transaction() as session:
        add_party(session, provider("ACME"))
    again = open_ledger(ledger_path, backups_dir=backups_dir, now=NOW)
    with again.transaction(write=False) as session:
        assert [p.name for p in list_parties(session)] == ["ACME"]
    again.close()
    assert not backups_dir.exists() or not any(backups_dir.iterdir())


def test_an_older_ledger_is_copied_aside_before_it_is_upgraded(
    ledger: Ledger, ledger_path: Path, backups_dir: Path
) -> None:
    # An "older" file: the schema taken back to base, with something of the user's in it.
    downgrade(ledger.engine, "base")
    with ledger.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE keepsake (what TEXT)")
        connection.exec_driver_sql("INSERT INTO keepsake VALUES ('before the upgrade')")
    ledger.close()

    upgraded = open_ledger(ledger_path, backups_dir=backups_dir, now=NOW)
    assert current_revision(upgraded.engine) == head_revision()
    upgraded.close()

    backup = backups_dir / "ledger-20260314-150926-before-base.sqlite3"
    assert sorted(backups_dir.iterdir()) == [backup]
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("SELECT what FROM keepsake").fetchall() == [("before the upgrade",)]
        # The copy is self-contained (no -wal file needed) and has no ledger tables yet.
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        assert "parties" not in tables


def test_backup_names_never_overwrite_an_earlier_copy(tmp_path: Path) -> None:
    first = backup_path(tmp_path, datetime(2026, 1, 2, 3, 4, 5), "0001")
    assert first.name == "ledger-20260102-030405-before-0001.sqlite3"
    first.touch()
    second = backup_path(tmp_path, datetime(2026, 1, 2, 3, 4, 5), "0001")
    assert second.name == "ledger-20260102-030405-before-0001-2.sqlite3"


def test_a_ledger_from_a_newer_app_is_refused_untouched(
    ledger: Ledger, ledger_path: Path, backups_dir: Path
) -> None:
    with ledger.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    ledger.close()
    with pytest.raises(LedgerTooNew) as refused:
        open_ledger(ledger_path, backups_dir=backups_dir, now=NOW)
    assert refused.value.revision == "9999_future"
    assert not backups_dir.exists()


def test_a_transaction_that_raises_leaves_nothing_written(ledger: Ledger) -> None:
    with pytest.raises(RuntimeError), ledger.transaction() as session:
        seq = next_change_seq(session)
        add_party(session, provider("ACME"))
        assert seq == 1
        raise RuntimeError("the user cancelled")
    with ledger.transaction(write=False) as session:
        assert list_parties(session) == []
        assert session.execute(text("SELECT change_seq FROM ledger_state")).scalar() == 0


def test_a_writer_holds_the_write_lock_from_its_first_statement(
    ledger: Ledger, ledger_path: Path
) -> None:
    with ledger.transaction() as session:
        session.execute(text("SELECT 1"))  # a read only, yet the transaction is a writer
        with closing(sqlite3.connect(ledger_path, timeout=0)) as other:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            # WAL: another process can still read while we write.
            assert other.execute("SELECT count(*) FROM parties").fetchone() == (0,)


def test_a_reader_does_not_block_another_writer(ledger: Ledger, ledger_path: Path) -> None:
    with ledger.transaction(write=False) as session:
        session.execute(text("SELECT count(*) FROM parties"))
        with closing(sqlite3.connect(ledger_path, timeout=0, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE ledger_state SET schema_note = 'other process'")
            other.execute("COMMIT")
        # Still our snapshot: a transaction really began before the first SELECT.
        assert session.execute(text("SELECT schema_note FROM ledger_state")).scalar() == ""


def test_two_processes_writing_at_once_wait_for_each_other(
    ledger: Ledger, ledger_path: Path, backups_dir: Path
) -> None:
    # Two Ledgers on one file stand for two running copies of the app.
    other = open_ledger(ledger_path, backups_dir=backups_dir, now=NOW)
    seqs: list[int] = []
    failures: list[BaseException] = []

    def work(which: Ledger, prefix: str) -> None:
        try:
            for n in range(25):
                with which.transaction() as session:
                    seqs.append(next_change_seq(session))
                    add_party(session, provider(f"{prefix} {n}"))
        except BaseException as failure:  # reported below, in the test's own thread
            failures.append(failure)

    threads = [
        threading.Thread(target=work, args=(ledger, "one")),
        threading.Thread(target=work, args=(other, "two")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert failures == []
    assert sorted(seqs) == list(range(1, 51))
    with ledger.transaction(write=False) as session:
        assert count_entities(session)["providers"] == 50
        assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_sqlite_urls_go_through_open_ledger(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        open_ledger_url(f"sqlite:///{tmp_path / 'x.sqlite3'}")


def test_a_closed_ledger_leaves_a_checkpointed_file(ledger: Ledger, ledger_path: Path) -> None:
    with ledger.transaction() as session:
        add_party(session, provider("ACME"))
    ledger.close()
    assert not Path(f"{ledger_path}-wal").exists()
    with closing(sqlite3.connect(ledger_path)) as plain:
        assert plain.execute("SELECT name FROM parties").fetchall() == [("ACME",)]


def test_an_operational_error_is_not_swallowed(ledger: Ledger) -> None:
    with pytest.raises(OperationalError), ledger.transaction() as session:
        session.execute(text("SELECT * FROM no_such_table"))
