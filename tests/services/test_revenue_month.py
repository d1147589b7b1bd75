"""The month's revenue sheet: what it lists, how lines are pre-filled, saving all at once."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from apporteur_desktop.domain.enums import Direction, RevenueStatus
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.engine.coverage import CONVERSION_NOT_COVERED
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.revenue_month import (
    ExpectationSource,
    SheetEntry,
    SheetLine,
    entry_problems,
    month_sheet,
    save_month,
)
from apporteur_desktop.services.wording import word_notice
from apporteur_desktop.storage import repository
from tests.services.revenue_ledgers import MARCH, engagement_of, month_ledger

CONFIRMED, ESTIMATED = RevenueStatus.CONFIRMED, RevenueStatus.ESTIMATED


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with month_ledger(tmp_path) as context:
        yield context


def _lines(ctx: AppContext, period: Period = MARCH) -> dict[str, SheetLine]:
    return {line.client: line for line in month_sheet(ctx, period).lines}


def _revisions(ctx: AppContext, engagement_id: int, period: Period = MARCH) -> list[tuple]:
    with ctx.ledger.transaction(write=False) as session:
        return [
            (r.amount, r.status)
            for r in repository.list_revenue(session, engagement_id)
            if r.period == period
        ]


def _revision_count(ctx: AppContext) -> int:
    with ctx.ledger.transaction(write=False) as session:
        return repository.count_entities(session)["revenue_entries"]


def test_the_sheet_lists_the_engagements_billed_monthly_that_run_in_the_month(
    ctx: AppContext,
) -> None:
    sheet = month_sheet(ctx, MARCH)
    # By counterparty, then client; no one-off project, no trial of February without an
    # end, no retainer ended in February, nothing starting in April.
    assert [(line.counterparty, line.client) for line in sheet.lines] == [
        ("Atelier Numérique SAS", "Boulangerie Dupont"),
        ("Atelier Numérique SAS", "Cabinet Leroy"),
        ("Nantes Conseil SARL", "Garage Moreau"),
        ("Paul Girard", "Librairie Petit"),
    ]
    lines = _lines(ctx)
    assert lines["Librairie Petit"].direction is Direction.OWED
    assert lines["Boulangerie Dupont"].agreement == "Example A"
    assert lines["Boulangerie Dupont"].label == "retainer"
    assert sheet.recorded_total == Decimal("1250.00")


def test_each_line_is_pre_filled_from_the_best_source(ctx: AppContext) -> None:
    lines = _lines(ctx)
    recorded = lines["Boulangerie Dupont"]
    assert (recorded.expected, recorded.source) == (Decimal("1250.00"), ExpectationSource.RECORDED)
    assert (recorded.recorded, recorded.recorded_status) == (Decimal("1250.00"), CONFIRMED)
    previous = lines["Cabinet Leroy"]
    assert (previous.expected, previous.source) == (
        Decimal("1200.00"),
        ExpectationSource.PREVIOUS_MONTH,
    )
    assert previous.recorded is None and previous.recorded_status is None
    contract = lines["Garage Moreau"]
    assert (contract.expected, contract.source) == (
        Decimal("950.00"),
        ExpectationSource.CONTRACT_AMOUNT,
    )
    nothing = lines["Librairie Petit"]
    assert (nothing.expected, nothing.source) == (None, ExpectationSource.NONE)


def test_the_previous_month_gives_its_latest_standing_figure(
    ctx: AppContext,
) -> None:
    leroy = engagement_of(ctx, "Cabinet Leroy")
    february = Period(2026, 2)
    # February was 1,200.00 confirmed; a later estimate can never replace it.
    save_month(ctx, february, [SheetEntry(leroy, Decimal("1300.00"), CONFIRMED)])
    with pytest.raises(Refused):
        save_month(ctx, february, [SheetEntry(leroy, Decimal("1400.00"), ESTIMATED)])
    assert _lines(ctx)["Cabinet Leroy"].expected == Decimal("1300.00")


def test_example_b_the_long_term_engagement_is_flagged_as_not_covered(ctx: AppContext) -> None:
    lines = _lines(ctx)
    assert lines["Cabinet Leroy"].coverage_warning == CONVERSION_NOT_COVERED
    assert {client for client, line in lines.items() if line.coverage_warning} == {"Cabinet Leroy"}


def test_saving_records_every_line_in_one_go(ctx: AppContext) -> None:
    leroy, moreau, petit = (
        engagement_of(ctx, name) for name in ("Cabinet Leroy", "Garage Moreau", "Librairie Petit")
    )
    before = _revision_count(ctx)
    saved = save_month(
        ctx,
        MARCH,
        [
            SheetEntry(leroy, Decimal("1200.00"), CONFIRMED),
            SheetEntry(moreau, Decimal("975.50"), ESTIMATED),
            SheetEntry(petit, Decimal("600"), CONFIRMED),
        ],
    )
    assert (saved.saved, saved.unchanged) == (3, 0)
    assert _revision_count(ctx) == before + 3
    assert _revisions(ctx, moreau) == [(Decimal("975.50"), ESTIMATED)]
    lines = _lines(ctx)
    assert lines["Garage Moreau"].source is ExpectationSource.RECORDED
    assert lines["Librairie Petit"].recorded == Decimal("600.00")
    # The figure saved on Example B's long-term engagement earns nothing: the user is told why.
    (notice,) = saved.notices
    assert notice.code == CONVERSION_NOT_COVERED
    assert word_notice(ctx.translator, notice).startswith("Example B / Cabinet Leroy: ")


def test_a_bad_line_refuses_the_whole_month(ctx: AppContext) -> None:
    leroy, moreau, petit = (
        engagement_of(ctx, name) for name in ("Cabinet Leroy", "Garage Moreau", "Librairie Petit")
    )
    before = _revision_count(ctx)
    with pytest.raises(Refused) as refused:
        save_month(
            ctx,
            MARCH,
            [
                SheetEntry(leroy, Decimal("1200.00")),
                SheetEntry(moreau, Decimal("-5.00")),
                SheetEntry(petit, Decimal("10.005")),
            ],
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("lines[1].amount", "below_minimum"),
        ("lines[2].amount", "too_many_decimals"),
    ]
    assert _revision_count(ctx) == before


def test_unknown_and_repeated_engagements_are_refused(ctx: AppContext) -> None:
    leroy = engagement_of(ctx, "Cabinet Leroy")
    with pytest.raises(Refused) as refused:
        save_month(
            ctx,
            MARCH,
            [
                SheetEntry(leroy, Decimal(1)),
                SheetEntry(leroy, Decimal(2)),
                SheetEntry(999_999, Decimal(3)),
            ],
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("lines[1].engagement_id", "duplicate_key"),
        ("lines[2].engagement_id", "unknown_engagement"),
    ]


def test_a_correction_adds_a_revision_and_unchanged_figures_are_not_recorded_again(
    ctx: AppContext,
) -> None:
    dupont, moreau = engagement_of(ctx, "Boulangerie Dupont"), engagement_of(ctx, "Garage Moreau")
    save_month(ctx, MARCH, [SheetEntry(moreau, Decimal("950.00"), ESTIMATED)])
    saved = save_month(
        ctx,
        MARCH,
        [
            SheetEntry(dupont, Decimal("1250.00"), CONFIRMED),  # as recorded: left alone
            SheetEntry(moreau, Decimal("950.00"), CONFIRMED),  # the estimate confirmed
        ],
    )
    assert (saved.saved, saved.unchanged) == (1, 1)
    assert _revisions(ctx, dupont) == [(Decimal("1250.00"), CONFIRMED)]
    corrected = save_month(ctx, MARCH, [SheetEntry(dupont, Decimal("1100.00"), CONFIRMED)])
    assert corrected.saved == 1
    # The old value stays in the ledger; the new one stands.
    assert _revisions(ctx, dupont) == [
        (Decimal("1250.00"), CONFIRMED),
        (Decimal("1100.00"), CONFIRMED),
    ]
    assert _lines(ctx)["Boulangerie Dupont"].recorded == Decimal("1100.00")


def test_an_estimate_cannot_replace_a_confirmed_figure(ctx: AppContext) -> None:
    dupont = engagement_of(ctx, "Boulangerie Dupont")
    with pytest.raises(Refused) as refused:
        save_month(ctx, MARCH, [SheetEntry(dupont, Decimal("1300.00"), ESTIMATED)])
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("lines[0].status", "estimate_after_confirmed")
    ]


def test_nothing_to_save_writes_nothing(ctx: AppContext) -> None:
    before = _revision_count(ctx)
    assert save_month(ctx, MARCH, []).saved == 0
    assert _revision_count(ctx) == before


def test_entry_problems_say_what_an_amount_may_be() -> None:
    assert entry_problems(Decimal("12.50")) == []
    assert [p.code for p in entry_problems(Decimal("-1"))] == ["below_minimum"]
    assert [p.code for p in entry_problems(Decimal("1.234"))] == ["too_many_decimals"]
