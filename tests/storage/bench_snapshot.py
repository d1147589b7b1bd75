"""Time saving and loading a big snapshot: 10,000 engagements × 100 months of revenue.

Not collected by pytest (it takes a while); run it by hand:

    .venv/bin/python tests/storage/bench_snapshot.py [engagements] [months]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from apporteur_desktop.domain.agreements import Agreement, Component, Terms, TermsVersion
from apporteur_desktop.domain.enums import (
    ComponentKind,
    Direction,
    EngagementKind,
    PartyKind,
    RevenueStatus,
)
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.parties import LegalIdentity, Party
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import Engagement, Introduction, RevenueRevision
from apporteur_desktop.storage.db import open_ledger
from apporteur_desktop.storage.repository import load_snapshot, next_change_seq, save_snapshot

PROVIDERS = 20


def big_snapshot(engagements: int, months: int) -> LedgerSnapshot:
    providers = [
        Party(i, PartyKind.PROVIDER, LegalIdentity(f"Provider {i}")) for i in range(PROVIDERS)
    ]
    clients = [
        Party(PROVIDERS + i, PartyKind.CLIENT, LegalIdentity(f"Client {i}"))
        for i in range(engagements)
    ]
    terms = Terms(components=(Component(ComponentKind.REVENUE_PERCENT, rate=Decimal("12.5")),))
    agreements = [
        Agreement(
            i, f"Agreement {i}", Direction.EARNED, i, date(2020, 1, 1), (TermsVersion(None, terms),)
        )
        for i in range(PROVIDERS)
    ]
    introductions = [
        Introduction(i, i % PROVIDERS, PROVIDERS + i, date(2020, 1, 1)) for i in range(engagements)
    ]
    engagement_values = [
        Engagement(i, i, EngagementKind.LONG_TERM, date(2020, 2, 1), amount=Decimal("1200.00"))
        for i in range(engagements)
    ]
    first = Period(2020, 2)
    revenue = [
        RevenueRevision(
            e * months + m,
            e,
            first + m,
            Decimal(1000 + (e + m) % 500) + Decimal("0.25"),
            RevenueStatus.CONFIRMED,
        )
        for e in range(engagements)
        for m in range(months)
    ]
    return LedgerSnapshot(
        None,
        tuple(providers + clients),
        tuple(agreements),
        tuple(introductions),
        tuple(engagement_values),
        tuple(revenue),
    )


def main() -> None:
    engagements = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    months = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    started = time.perf_counter()
    snapshot = big_snapshot(engagements, months)
    print(f"built {len(snapshot.revenue):,} revenue rows in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        ledger = open_ledger(
            Path(folder) / "ledger.sqlite3", backups_dir=Path(folder), now=datetime(2026, 1, 1)
        )
        started = time.perf_counter()
        with ledger.transaction() as session:
            save_snapshot(session, snapshot, next_change_seq(session))
        print(f"save_snapshot + commit: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with ledger.transaction(write=False) as session:
            loaded = load_snapshot(session)
        print(
            f"load_snapshot: {time.perf_counter() - started:.1f} s ({len(loaded.revenue):,} rows)"
        )
        size = (Path(folder) / "ledger.sqlite3").stat().st_size
        ledger.close()
        size = (Path(folder) / "ledger.sqlite3").stat().st_size
        print(f"file size: {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
