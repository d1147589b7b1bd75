"""Saving a whole snapshot gives it database ids; loading gives it back, equal modulo ids."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.problems import NotFound
from apporteur_desktop.storage.db import Ledger, open_ledger
from apporteur_desktop.storage.repository import (
    add_party,
    count_entities,
    load_snapshot,
    next_change_seq,
    save_snapshot,
)

from .samples import ACME, BETA, CONVERSION, TRIAL, renumbered, small_snapshot


def save(ledger: Ledger, snapshot: LedgerSnapshot) -> LedgerSnapshot:
    with ledger.transaction() as session:
        return save_snapshot(session, snapshot, next_change_seq(session))


def load(ledger: Ledger) -> LedgerSnapshot:
    with ledger.transaction(write=False) as session:
        return load_snapshot(session)


def test_a_saved_snapshot_loads_back_equal_modulo_ids(ledger: Ledger) -> None:
    original = small_snapshot()
    saved = save(ledger, original)
    loaded = load(ledger)
    assert loaded == saved  # the saved snapshot already carries the database ids
    assert renumbered(loaded) == renumbered(original)
    # References follow the new ids.
    trial, conversion = loaded.engagements
    assert conversion.converts_trial_id == trial.id
    assert {r.engagement_id for r in loaded.revenue} == {trial.id, conversion.id}
    assert loaded.agreements[0].counterparty_id == loaded.parties[0].id
    assert loaded.introductions[0].client_id == loaded.parties[2].id


def test_revenue_keeps_its_recording_order_and_corrections(ledger: Ledger) -> None:
    save(ledger, small_snapshot())
    revenue = load(ledger).revenue
    march = [r for r in revenue if str(r.period) == "2026-03"]
    assert [str(r.amount) for r in march] == ["1200.00", "1150.50"]
    assert [r.id for r in revenue] == sorted(r.id for r in revenue)  # type: ignore[type-var]


def test_save_load_save_is_stable(ledger: Ledger, tmp_path: Path) -> None:
    first = load_after_save(ledger, small_snapshot())
    other = open_ledger(tmp_path / "other.sqlite3", backups_dir=tmp_path, now=datetime(2026, 1, 1))
    try:
        second = load_after_save(other, first)
    finally:
        other.close()
    assert second == first


def load_after_save(ledger: Ledger, snapshot: LedgerSnapshot) -> LedgerSnapshot:
    save(ledger, snapshot)
    return load(ledger)


def test_a_snapshot_goes_in_beside_what_the_ledger_holds(ledger: Ledger) -> None:
    with ledger.transaction() as session:
        add_party(session, replace(BETA, identity=replace(BETA.identity, name="Already here")))
    saved = save(ledger, small_snapshot())
    assert [p.id for p in saved.parties] == [2, 3, 4]
    loaded = load(ledger)
    assert loaded.parties[1:] == saved.parties
    assert renumbered(replace(loaded, parties=loaded.parties[1:])) == renumbered(small_snapshot())


def test_a_conversion_listed_before_its_trial_still_links_to_it(ledger: Ledger) -> None:
    snapshot = replace(small_snapshot(), engagements=(CONVERSION, TRIAL))
    saved = save(ledger, snapshot)
    conversion, trial = load(ledger).engagements
    assert conversion.converts_trial_id == trial.id
    assert saved.engagements == (conversion, trial)


def test_a_reference_outside_the_snapshot_writes_nothing(ledger: Ledger) -> None:
    dangling = replace(small_snapshot(), parties=(ACME, BETA))  # the client is missing
    with pytest.raises(NotFound) as missing:
        save(ledger, dangling)
    assert (missing.value.what, missing.value.key) == ("party", 103)
    with ledger.transaction(write=False) as session:
        assert set(count_entities(session).values()) == {0}
        assert session.execute(text("SELECT change_seq FROM ledger_state")).scalar() == 0
        assert load_snapshot(session) == LedgerSnapshot(identity=None)


def test_an_empty_snapshot_saves_nothing(ledger: Ledger) -> None:
    assert save(ledger, LedgerSnapshot(identity=None)) == LedgerSnapshot(identity=None)
    assert load(ledger) == LedgerSnapshot(identity=None)


def test_every_row_carries_the_change_number(ledger: Ledger) -> None:
    save(ledger, small_snapshot())
    with ledger.transaction(write=False) as session:
        for table in ("agreements", "agreement_terms", "introductions", "engagements"):
            stamps = session.execute(text(f"SELECT DISTINCT change_seq FROM {table}")).scalars()
            assert list(stamps) == [1], table
        revenue = session.execute(text("SELECT DISTINCT change_seq FROM revenue_revisions"))
        assert list(revenue.scalars()) == [1]
