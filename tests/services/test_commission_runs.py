"""Saved commission runs through the services, over a real ledger file.

How a user splits the runs (month by month at each month end, or one run over a year) must not
change what is owed; a corrected revenue figure is settled by one adjustment line the next month
(worked example J); and a run that fails halfway leaves the ledger as it was.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from apporteur_desktop.domain.enums import Direction, LineKind
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import RevenueRevision
from apporteur_desktop.i18n import Translator
from apporteur_desktop.infra.clock import FixedClock
from apporteur_desktop.services import commissions
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.demo_fill import fill_demo
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.services.summary import ledger_summary
from apporteur_desktop.storage import commission_queries, line_reports, repository
from apporteur_desktop.storage.line_reports import StoredLine

NOW = datetime(2026, 11, 22, 18, 30, tzinfo=UTC)
EVER = (Period(1990, 1), Period(2199, 12))

# Worked example J: 20 % of revenue; March revenue 1,000.
EXAMPLE_J = {
    "format": "apporteur-ledger",
    "version": 1,
    "parties": [
        {"kind": "provider", "name": "Atelier Numérique SAS"},
        {"kind": "client", "name": "Boulangerie Dupont"},
    ],
    "agreements": [
        {
            "name": "Example J",
            "direction": "earned",
            "counterparty": "Atelier Numérique SAS",
            "signed_on": "2026-01-05",
            "valid_from": "2026-01-05",
            "terms": {
                "components": [{"kind": "revenue_percent", "rate": "20"}],
                "rights": {"kind": "months", "months": 12},
            },
            "introductions": [
                {
                    "client": "Boulangerie Dupont",
                    "introduced_on": "2026-01-20",
                    "engagements": [
                        {
                            "label": "retainer",
                            "kind": "long_term",
                            "start": "2026-03-01",
                            "revenue": [{"period": "2026-03", "amount": "1000.00"}],
                        }
                    ],
                }
            ],
        }
    ],
}


@contextmanager
def ledger(folder: Path) -> Iterator[AppContext]:
    with open_context(str(folder), {}, Translator("en"), FixedClock(NOW)) as ctx:
        yield ctx


def run(ctx: AppContext, first: Period, last: Period | None = None) -> None:
    commissions.run_commissions(ctx, first, last or first, preview=False)


def saved_lines(ctx: AppContext) -> list[StoredLine]:
    with ctx.ledger.transaction(write=False) as session:
        return line_reports.lines_between(session, *EVER)


def saved_runs(ctx: AppContext) -> tuple[Any, ...]:
    with ctx.ledger.transaction(write=False) as session:
        return commission_queries.run_history(session).ranges


def per_agreement(lines: list[StoredLine]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        totals[line.key.agreement_id] += line.amount
    return dict(totals)


def per_month(lines: list[StoredLine]) -> dict[tuple[int, Period], Decimal]:
    totals: dict[tuple[int, Period], Decimal] = defaultdict(Decimal)
    for line in lines:
        totals[(line.key.agreement_id, line.key.period)] += line.amount
    return {key: amount for key, amount in totals.items()}


def demo_months(ctx: AppContext) -> tuple[Period, Period]:
    """From the month the oldest agreement starts to the month before today."""
    with ctx.ledger.transaction(write=False) as session:
        agreements = repository.list_agreements(session)
    first = min(Period.of(agreement.valid_from) for agreement in agreements)
    return first, Period.of(NOW.date()) + -1


# --- splitting the runs -----------------------------------------------------------------------


def test_month_by_month_runs_owe_what_one_run_over_the_whole_range_owes(tmp_path: Path) -> None:
    with ledger(tmp_path / "monthly") as monthly, ledger(tmp_path / "whole") as whole:
        fill_demo(monthly, 1)
        fill_demo(whole, 1)
        first, last = demo_months(monthly)
        assert last - first + 1 > 18  # agreements older than the revenue history
        for index in range(first.index, last.index + 1):
            run(monthly, Period.from_index(index))
        run(whole, first, last)
        by_month, at_once = saved_lines(monthly), saved_lines(whole)
        assert per_agreement(by_month) == per_agreement(at_once)
        assert per_month(by_month) == per_month(at_once)
        # Something was owed in both directions, and every agreement earned.
        with whole.ledger.transaction(write=False) as session:
            agreements = repository.list_agreements(session)
        totals = per_agreement(at_once)
        assert {a.id for a in agreements} == set(totals)
        for direction in Direction:
            assert sum(totals[a.id] for a in agreements if a.direction is direction) > 0
        # Month-end runs leave no month of the range without its run.
        assert len(saved_runs(monthly)) == last - first + 1


def test_running_the_same_months_again_adds_nothing(tmp_path: Path) -> None:
    with ledger(tmp_path / "ledger") as ctx:
        fill_demo(ctx, 1)
        first, last = demo_months(ctx)
        run(ctx, first, last)
        before = saved_lines(ctx)
        assert before
        run(ctx, first, last)
        run(ctx, last)
        assert saved_lines(ctx) == before


# --- worked example J: revenue corrected after the run ------------------------------------------


def test_a_corrected_month_gets_one_adjustment_line_in_the_next_run(tmp_path: Path) -> None:
    with ledger(tmp_path / "ledger") as ctx:
        import_ledger(ctx, json.dumps(EXAMPLE_J))
        run(ctx, Period(2026, 3))
        (march,) = saved_lines(ctx)
        assert (march.key.period, march.amount, march.kind) == (
            Period(2026, 3),
            Decimal("200.00"),
            LineKind.REGULAR,
        )

        # The provider corrects March to 900.
        with ctx.ledger.transaction() as session:
            (engagement,) = repository.list_engagements(session)
            assert engagement.id is not None
            repository.add_revenue_revision(
                session,
                RevenueRevision(None, engagement.id, Period(2026, 3), Decimal("900.00")),
                repository.next_change_seq(session),
            )

        run(ctx, Period(2026, 4))
        added = [line for line in saved_lines(ctx) if line.id != march.id]
        assert len(added) == 1
        (adjustment,) = added
        assert adjustment.amount == Decimal("-20.00")
        assert adjustment.kind is LineKind.ADJUSTMENT
        assert adjustment.key.period == Period(2026, 3)
        assert adjustment.corrects_id == march.id
        # The March line itself is never edited.
        assert saved_lines(ctx)[0] == march

        # Nothing more to settle.
        run(ctx, Period(2026, 5))
        assert len(saved_lines(ctx)) == 2


# --- a run that fails ---------------------------------------------------------------------------


def test_a_run_that_fails_halfway_saves_no_line_and_no_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ledger(tmp_path / "ledger") as ctx:
        fill_demo(ctx, 1)
        first, last = demo_months(ctx)
        inserted: list[int] = []
        save_run = commission_queries.save_run

        def save_then_fail(*args: Any, **kwargs: Any) -> list[int]:
            inserted.extend(save_run(*args, **kwargs))
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(commission_queries, "save_run", save_then_fail)
        with pytest.raises(RuntimeError, match="disk is full"):
            run(ctx, first, last)
        assert inserted  # the lines were written before the failure…
        assert saved_lines(ctx) == []  # …and rolled back with the run
        assert saved_runs(ctx) == ()
        assert ledger_summary(ctx).counts["commission_lines"] == 0

        # The next run, once the disk is fine, saves everything.
        monkeypatch.setattr(commission_queries, "save_run", save_run)
        run(ctx, first, last)
        assert len(saved_lines(ctx)) == len(inserted)
        assert len(saved_runs(ctx)) == 1
