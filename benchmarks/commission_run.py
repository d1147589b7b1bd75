"""How long a commission run takes on a big ledger, against one SQL aggregate over the same rows.

    .venv/bin/python benchmarks/commission_run.py

Builds once (and then reuses) a ledger of 10,000 engagements × 100 months of revenue, then
prints, in one run: one SQL GROUP BY sum over the revenue rows; a full commission preview
over the whole history; the saved run of that history; a month-end run after one new month
of revenue; peak memory; and the ratios against the targets (full preview within 5× the
aggregate, month-end run within 0.5×, peak memory under 500 MB).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from decimal import Decimal

from sqlalchemy import text

from apporteur_desktop.domain.enums import RevenueStatus
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import RevenueRevision
from apporteur_desktop.engine.facts import RunWindow
from apporteur_desktop.i18n import Translator
from apporteur_desktop.infra.clock import FixedClock
from apporteur_desktop.services.commissions import compute_run, run_commissions
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.storage import repository
from apporteur_desktop.storage.snapshots import add_revenue_revisions, save_snapshot
from benchmarks.ledger_10k import FIRST_ACTIVITY, FIRST_MONTH, MONTHS, build_snapshot

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "commission_run"
BASE = DATA / "base"
WORK = DATA / "work"
CLOCK = FixedClock(datetime(2026, 6, 2, 9, 0, tzinfo=UTC))
T = TypeVar("T")


def build_base() -> None:
    """Write the base ledger (in a child process, so its memory is not counted here)."""
    snapshot = build_snapshot()
    with (
        open_context(str(BASE), {}, Translator("en"), CLOCK) as ctx,
        ctx.ledger.transaction() as session,
    ):
        save_snapshot(session, snapshot, repository.next_change_seq(session))


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    if not (BASE / "ledger.sqlite3").exists():
        print("building the benchmark ledger (once)…", flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--build"], check=True, cwd=HERE.parent)
        print(f"  built in {time.perf_counter() - started:.1f} s\n")
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    shutil.copy(BASE / "ledger.sqlite3", WORK / "ledger.sqlite3")
    last = FIRST_MONTH + (MONTHS - 1)
    new_month = last + 1
    with open_context(str(WORK), {}, Translator("en"), CLOCK) as ctx:
        rows = _scalar(ctx, "SELECT COUNT(*) FROM revenue_revisions")
        sql = median(timed(lambda: _aggregate(ctx))[0] for _ in range(3))
        full, lines = timed(lambda: _preview(ctx, RunWindow(FIRST_ACTIVITY, last)))
        saved, _ = timed(lambda: run_commissions(ctx, FIRST_ACTIVITY, last, preview=False))
        recorded, _ = timed(lambda: _record_month(ctx, new_month))
        month_end, outcome = timed(
            lambda: run_commissions(ctx, new_month, new_month, preview=False)
        )
        again, rerun = timed(lambda: run_commissions(ctx, new_month, new_month, preview=False))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"revenue rows                          {rows:>12,}")
    print(f"SQL GROUP BY sum over them            {sql:>10.3f} s")
    print(f"full preview over the history         {full:>10.3f} s   {lines:,} lines")
    print(f"saved run of the whole history        {saved:>10.3f} s")
    print(f"recording one new month (10,000)      {recorded:>10.3f} s")
    print(
        f"month-end run (one new month)         {month_end:>10.3f} s   {len(outcome.added):,} lines"
    )
    print(f"the same run again                    {again:>10.3f} s   {len(rerun.added):,} lines")
    print(f"peak memory (resident)                {peak:>10.0f} MB")
    print()
    print(f"full preview / aggregate              {full / sql:>10.2f} ×   target ≤ 5")
    print(f"month-end run / aggregate             {month_end / sql:>10.2f} ×   target ≤ 0.5")
    print(f"peak memory                           {peak:>10.0f} MB  target < 500")


def _scalar(ctx: AppContext, sql: str) -> int:
    with ctx.ledger.transaction(write=False) as session:
        return int(session.execute(text(sql)).scalar_one())


def _aggregate(ctx: AppContext) -> None:
    with ctx.ledger.transaction(write=False) as session:
        session.execute(
            text("SELECT engagement_id, SUM(amount) FROM revenue_revisions GROUP BY engagement_id")
        ).all()


def _preview(ctx: AppContext, window: RunWindow) -> int:
    with ctx.ledger.transaction(write=False) as session:
        return len(compute_run(session, window))


def _record_month(ctx: AppContext, period: Period) -> None:
    """A month end: one confirmed figure per engagement, in one transaction."""
    with ctx.ledger.transaction() as session:
        seq = repository.next_change_seq(session)
        ids = session.execute(text("SELECT id FROM engagements ORDER BY id")).scalars()
        add_revenue_revisions(
            session,
            [RevenueRevision(None, i, period, Decimal(900), RevenueStatus.CONFIRMED) for i in ids],
            seq,
        )


if __name__ == "__main__":
    if "--build" in sys.argv:
        build_base()
    else:
        main()
