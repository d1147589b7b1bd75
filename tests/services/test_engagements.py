"""Engagements through the services: each recording saves the engagement and its pipeline step
together or nothing at all, and says when the agreement does not cover it (example B)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from apporteur_desktop.domain.enums import EngagementKind, IntroductionStatus
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.engagements import (
    KIND_FILTER,
    STATE_FILTER,
    convert_to_long_term,
    list_engagements,
    record_long_term,
    record_one_off,
    record_trial,
)
from apporteur_desktop.services.introductions import (
    introduction_details,
    list_introductions,
    take_step,
)
from apporteur_desktop.services.listing import ListQuery
from apporteur_desktop.services.pipeline import record_client_left
from apporteur_desktop.services.summary import ledger_summary
from apporteur_desktop.services.wording import word_notice
from tests.services.pipeline_ledgers import pipeline_ledger


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with pipeline_ledger(tmp_path) as context:
        yield context


def introduction_of(ctx: AppContext, client: str) -> int:
    return next(r.id for r in list_introductions(ctx, ListQuery(text=client), 0, 5).rows)


def garage_trial(ctx: AppContext) -> int:
    rows = list_engagements(ctx, ListQuery(text="Garage"), 0, 5).rows
    return next(row.id for row in rows if row.kind is EngagementKind.TRIAL)


def steps(ctx: AppContext, introduction_id: int) -> list[tuple[IntroductionStatus, date]]:
    return [(c.status, c.on) for c in introduction_details(ctx, introduction_id).history]


def test_a_trial_is_recorded_with_its_step_on_its_start(ctx: AppContext) -> None:
    dupont = introduction_of(ctx, "Boulangerie Dupont")
    take_step(ctx, dupont, IntroductionStatus.QUALIFIED, date(2026, 1, 20))

    recorded = record_trial(ctx, dupont, date(2026, 3, 1), None, Decimal("900.00"), " essai ")

    assert recorded.notices == ()
    assert (recorded.engagement.kind, recorded.engagement.amount, recorded.engagement.label) == (
        EngagementKind.TRIAL, Decimal("900.00"), "essai"
    )  # fmt: skip
    assert steps(ctx, dupont)[-1] == (IntroductionStatus.TRIAL, date(2026, 3, 1))


def test_a_refused_trial_step_leaves_nothing_behind(ctx: AppContext) -> None:
    """The engagement is valid, its step is not (it would come before the qualification):
    neither is saved."""
    dupont = introduction_of(ctx, "Boulangerie Dupont")
    take_step(ctx, dupont, IntroductionStatus.QUALIFIED, date(2026, 2, 20))
    before = ledger_summary(ctx).counts

    with pytest.raises(Refused) as refused:
        record_trial(ctx, dupont, date(2026, 2, 1), None, Decimal(800))

    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("start", "date_before_previous")
    ]
    assert ledger_summary(ctx).counts == before
    assert [s for s, _ in steps(ctx, dupont)] == [IntroductionStatus.QUALIFIED]


def test_every_problem_of_the_engagement_and_its_step_comes_at_once(ctx: AppContext) -> None:
    dupont = introduction_of(ctx, "Boulangerie Dupont")

    with pytest.raises(Refused) as refused:
        record_trial(ctx, dupont, date(2026, 1, 5), date(2026, 1, 1), Decimal("-5"))

    assert sorted((p.field, p.code) for p in refused.value.problems) == [
        ("amount", "below_minimum"),
        ("end", "date_before_minimum"),
        ("start", "date_before_minimum"),  # before the introduction (10 January)
    ]


def test_example_b_the_conversion_is_recorded_won_and_said_to_earn_nothing(
    ctx: AppContext,
) -> None:
    trial_id = garage_trial(ctx)
    garage = introduction_of(ctx, "Garage Lefèvre")

    recorded = convert_to_long_term(ctx, trial_id, date(2026, 2, 1), Decimal(1200), label="contrat")

    assert recorded.engagement.converts_trial_id == trial_id
    assert [n.code for n in recorded.notices] == ["conversion_not_covered"]
    assert "covers the trial only" in word_notice(ctx.translator, recorded.notices[0])
    assert steps(ctx, garage)[-1] == (IntroductionStatus.WON, date(2026, 2, 1))
    rows = {r.label: r for r in list_engagements(ctx, ListQuery(text="Garage"), 0, 5).rows}
    assert rows["contrat"].not_covered == "conversion_not_covered"
    assert rows["essai"].not_covered == "" and rows["essai"].converted
    assert not rows["essai"].can_convert


def test_a_trial_is_converted_once_and_not_before_it_starts(ctx: AppContext) -> None:
    trial_id = garage_trial(ctx)
    before = ledger_summary(ctx).counts

    with pytest.raises(Refused) as early:
        convert_to_long_term(ctx, trial_id, date(2025, 12, 1), Decimal(1200))
    assert [(p.field, p.code) for p in early.value.problems] == [
        ("start", "date_before_minimum"),  # before the trial
        ("start", "date_before_previous"),  # the « won » step before the « trial » step
    ]
    assert ledger_summary(ctx).counts == before

    convert_to_long_term(
        ctx, trial_id, date(2026, 2, 1), Decimal(1200), signed_on=date(2026, 1, 28)
    )
    with pytest.raises(Refused) as twice:
        convert_to_long_term(ctx, trial_id, date(2026, 3, 1), Decimal(1200))
    assert [(p.field, p.code) for p in twice.value.problems] == [("trial", "already_converted")]
    garage = introduction_of(ctx, "Garage Lefèvre")
    assert steps(ctx, garage)[-1] == (IntroductionStatus.WON, date(2026, 1, 28))


def test_a_one_off_needs_its_contract_value_and_wins_the_introduction(ctx: AppContext) -> None:
    martin = introduction_of(ctx, "Fleuriste Martin")
    with pytest.raises(Refused) as refused:
        record_one_off(ctx, martin, date(2026, 3, 1), None)
    assert [(p.field, p.code) for p in refused.value.problems] == [("amount", "required")]

    recorded = record_one_off(ctx, martin, date(2026, 3, 1), Decimal("50000.00"), label="site")

    assert recorded.engagement.contract_value == Decimal("50000.00")
    assert steps(ctx, martin)[-1] == (IntroductionStatus.WON, date(2026, 3, 1))


def test_a_long_term_engagement_without_trial_wins_once(ctx: AppContext) -> None:
    dupont = introduction_of(ctx, "Boulangerie Dupont")
    record_long_term(ctx, dupont, date(2026, 2, 1), Decimal(1500))
    record_long_term(ctx, dupont, date(2026, 3, 1), Decimal(300), label="extension")

    assert [s for s, _ in steps(ctx, dupont)] == [IntroductionStatus.WON]


def test_no_contract_is_recorded_on_a_lost_introduction(ctx: AppContext) -> None:
    martin = introduction_of(ctx, "Fleuriste Martin")
    take_step(ctx, martin, IntroductionStatus.LOST, date(2026, 2, 15))
    before = ledger_summary(ctx).counts

    with pytest.raises(Refused) as refused:
        record_long_term(ctx, martin, date(2026, 3, 1), Decimal(1000))

    assert [(p.field, p.code) for p in refused.value.problems] == [("status", "after_final_status")]
    assert ledger_summary(ctx).counts == before


def test_the_list_filters_by_kind_state_and_text(ctx: AppContext) -> None:
    dupont = introduction_of(ctx, "Boulangerie Dupont")
    record_long_term(ctx, dupont, date(2026, 2, 1), Decimal(1500), label="retainer")
    record_one_off(ctx, introduction_of(ctx, "Fleuriste Martin"), date(2026, 4, 1), Decimal(9000))

    def clients(**filters: str) -> list[str]:
        page = list_engagements(ctx, ListQuery(filters=filters), 0, 50)
        assert page.total == len(page.rows)
        return [row.client for row in page.rows]

    assert clients() == ["Fleuriste Martin", "Boulangerie Dupont", "Garage Lefèvre"]
    assert clients(**{KIND_FILTER: "trial"}) == ["Garage Lefèvre"]
    assert clients(**{STATE_FILTER: "active"}) == ["Boulangerie Dupont"]
    assert clients(**{STATE_FILTER: "upcoming"}) == ["Fleuriste Martin"]
    assert clients(**{STATE_FILTER: "ended"}) == ["Garage Lefèvre"]
    found = list_engagements(ctx, ListQuery(text="retain"), 0, 50).rows
    assert [(r.client, r.state, r.amount) for r in found] == [
        ("Boulangerie Dupont", "active", Decimal("1500.00"))
    ]
    with pytest.raises(Refused):
        list_engagements(ctx, ListQuery(filters={STATE_FILTER: "paused"}), 0, 50)


def test_a_client_who_left_shows_as_left(ctx: AppContext) -> None:
    dupont = introduction_of(ctx, "Boulangerie Dupont")
    recorded = record_long_term(ctx, dupont, date(2026, 2, 1), Decimal(1500))
    assert recorded.engagement.id is not None

    record_client_left(ctx, recorded.engagement.id, date(2026, 2, 20))

    row = list_engagements(ctx, ListQuery(text="Boulangerie"), 0, 5).rows[0]
    assert (row.state, row.end, row.can_end) == ("left", date(2026, 2, 20), False)


def test_the_client_of_a_converted_trial_can_leave(ctx: AppContext) -> None:
    recorded = convert_to_long_term(ctx, garage_trial(ctx), date(2026, 2, 1), Decimal(1200))
    assert recorded.engagement.id is not None

    record_client_left(ctx, recorded.engagement.id, date(2026, 2, 20))

    rows = list_engagements(ctx, ListQuery(filters={KIND_FILTER: "long_term"}), 0, 5).rows
    assert [(r.terminated_on, r.state) for r in rows] == [(date(2026, 2, 20), "left")]
