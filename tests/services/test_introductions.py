"""Introductions through the services: the paged list, the board's counts, recording one
(with its new client, all or nothing) and moving it along the pipeline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from apporteur_desktop.domain.enums import IntroductionStatus
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.services.contacts import list_contacts
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.introductions import (
    DIRECTION_FILTER,
    STATUS_FILTER,
    NewIntroduction,
    introduction_choices,
    introduction_details,
    list_introductions,
    next_steps,
    pipeline_board,
    record_introduction,
    status_counts,
    take_step,
)
from apporteur_desktop.services.listing import ListQuery
from apporteur_desktop.services.summary import ledger_summary
from tests.services.pipeline_ledgers import ROUND, pipeline_ledger

MANY = 498  # with the three named introductions: about 500


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with pipeline_ledger(tmp_path) as context:
        yield context


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """About 500 introductions; read only, so shared by the module's tests."""
    with pipeline_ledger(tmp_path_factory.mktemp("big"), many=MANY) as context:
        yield context


def agreement_id(ctx: AppContext, name: str) -> int:
    return next(a.id for a in introduction_choices(ctx).agreements if a.name == name)


def client_id(ctx: AppContext, name: str) -> int:
    return next(c.id for c in introduction_choices(ctx).clients if c.name == name)


def introduction_of(ctx: AppContext, client: str) -> int:
    rows = list_introductions(ctx, ListQuery(text=client), 0, 10).rows
    return next(row.id for row in rows if row.client == client)


# --- the list and the board ---------------------------------------------------------------------


def test_the_list_shows_names_status_and_last_step_newest_first(ctx: AppContext) -> None:
    page = list_introductions(ctx, ListQuery(), 0, 50)

    assert page.total == 3
    assert [(r.client, r.counterparty, r.agreement) for r in page.rows] == [
        ("Fleuriste Martin", "Paul Girard", "Girard"),
        ("Boulangerie Dupont", "Atelier Numérique SAS", "Atelier"),
        ("Garage Lefèvre", "Studio Lumière SARL", "Essai seul"),
    ]
    assert [(r.status, r.status_on) for r in page.rows] == [
        (IntroductionStatus.QUALIFIED, date(2026, 2, 10)),
        (IntroductionStatus.INTRODUCED, date(2026, 1, 10)),
        (IntroductionStatus.TRIAL, date(2026, 1, 1)),
    ]


def test_pages_follow_each_other_without_gap_or_repeat(big: AppContext) -> None:
    first = list_introductions(big, ListQuery(sort="client"), 0, 200)
    second = list_introductions(big, ListQuery(sort="client"), 200, 200)
    last = list_introductions(big, ListQuery(sort="client"), 400, 200)

    assert first.total == MANY + 3
    names = [row.client for page in (first, second, last) for row in page.rows]
    assert len(names) == MANY + 3 and len(set(names)) == MANY + 3
    assert names == sorted(names, key=str.casefold)


def test_filters_by_status_direction_and_text(big: AppContext) -> None:
    won = list_introductions(big, ListQuery(filters={STATUS_FILTER: "won"}), 0, 500)
    expected_won = sum(1 for i in range(MANY) if ROUND[i % len(ROUND)][-1:] == ["won"])
    assert won.total == expected_won == len(won.rows)
    assert {row.status for row in won.rows} == {IntroductionStatus.WON}

    owed = list_introductions(big, ListQuery(filters={DIRECTION_FILTER: "owed"}), 0, 50)
    assert [row.client for row in owed.rows] == ["Fleuriste Martin"]

    by_note = list_introductions(big, ListQuery(text="salon"), 0, 500)
    assert by_note.total == 1 + len(range(0, MANY, 10))
    by_agreement = list_introductions(big, ListQuery(text="essai"), 0, 50)
    assert [row.client for row in by_agreement.rows] == ["Garage Lefèvre"]
    # LIKE wildcards typed by the user are taken literally.
    assert list_introductions(big, ListQuery(text="%"), 0, 50).total == 0


def test_an_unknown_filter_value_is_refused(ctx: AppContext) -> None:
    with pytest.raises(Refused) as refused:
        list_introductions(ctx, ListQuery(filters={STATUS_FILTER: "signed"}), 0, 10)
    assert [(p.field, p.code) for p in refused.value.problems] == [(STATUS_FILTER, "not_one_of")]


def test_status_counts_match_the_statuses_of_every_introduction(big: AppContext) -> None:
    every = list_introductions(big, ListQuery(), 0, 1000).rows
    expected = Counter(row.status for row in every)

    counts = status_counts(big, ListQuery(filters={STATUS_FILTER: "won"}))

    assert counts == {status: expected.get(status, 0) for status in IntroductionStatus}
    assert sum(counts.values()) == MANY + 3
    earned_only = status_counts(big, ListQuery(filters={DIRECTION_FILTER: "earned"}))
    assert earned_only[IntroductionStatus.QUALIFIED] == counts[IntroductionStatus.QUALIFIED] - 1


def test_the_board_reads_a_few_cards_per_status_and_counts_the_rest(big: AppContext) -> None:
    board = pipeline_board(big, ListQuery(), per_status=20)

    for status in IntroductionStatus:
        assert len(board.cards[status]) == min(20, board.counts[status])
        assert {card.status for card in board.cards[status]} <= {status}
        assert board.more(status) == board.counts[status] - len(board.cards[status])
    assert board.more(IntroductionStatus.INTRODUCED) > 0


def test_the_details_hold_the_history_and_the_engagements(ctx: AppContext) -> None:
    details = introduction_details(ctx, introduction_of(ctx, "Garage Lefèvre"))

    assert [(c.status, c.on) for c in details.history] == [
        (IntroductionStatus.QUALIFIED, date(2025, 12, 15)),
        (IntroductionStatus.MEETING, date(2025, 12, 20)),
        (IntroductionStatus.TRIAL, date(2026, 1, 1)),
    ]
    assert [(e.label, e.state, e.not_covered) for e in details.engagements] == [
        ("essai", "ended", "")
    ]
    assert details.row.agreement == "Essai seul"


# --- recording ----------------------------------------------------------------------------------


def test_an_introduction_with_a_new_client_creates_both(ctx: AppContext) -> None:
    atelier = agreement_id(ctx, "Atelier")
    new = NewIntroduction(atelier, date(2026, 3, 1), None, "  Café  du Port ", notes="Ami")

    introduction = record_introduction(ctx, new)

    assert introduction.id is not None and introduction.status is IntroductionStatus.INTRODUCED
    clients = list_contacts(ctx, ListQuery(text="Café du Port"), 0, 10).rows
    assert [c.name for c in clients] == ["Café du Port"]
    row = list_introductions(ctx, ListQuery(text="Café"), 0, 10).rows[0]
    assert (row.client, row.agreement, row.notes) == ("Café du Port", "Atelier", "Ami")


def test_an_existing_client_is_named_by_its_id(ctx: AppContext) -> None:
    new = NewIntroduction(
        agreement_id(ctx, "Girard"), date(2026, 3, 1), client_id(ctx, "Boulangerie Dupont")
    )

    record_introduction(ctx, new)

    rows = list_introductions(ctx, ListQuery(text="Boulangerie"), 0, 10).rows
    assert sorted(row.agreement for row in rows) == ["Atelier", "Girard"]


def test_every_problem_is_named_and_nothing_is_saved(ctx: AppContext) -> None:
    before = ledger_summary(ctx).counts
    atelier, day = agreement_id(ctx, "Atelier"), date(2026, 3, 1)
    provider = list_contacts(ctx, ListQuery(text="Atelier Numérique"), 0, 5).rows[0]
    cases = [
        (NewIntroduction(None, None), [
            ("agreement", "required"), ("introduced_on", "required"), ("client", "required")
        ]),
        (NewIntroduction(999, day, client_id(ctx, "Garage Lefèvre"), "Neuf"), [
            ("agreement", "unknown_agreement"), ("client", "client_given_twice")
        ]),
        (NewIntroduction(atelier, day, new_client_name="boulangerie dupont"), [
            ("client", "already_in_ledger")
        ]),
        (NewIntroduction(atelier, day, provider.id), [("client", "unknown_party")]),
    ]  # fmt: skip
    for new, expected in cases:
        with pytest.raises(Refused) as refused:
            record_introduction(ctx, new)
        assert [(p.field, p.code) for p in refused.value.problems] == expected
    assert ledger_summary(ctx).counts == before


def test_the_new_client_is_not_created_when_the_introduction_is_refused(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apporteur_desktop.storage import repository

    before = ledger_summary(ctx).counts

    def broken(*args: object, **kwargs: object) -> None:
        raise Refused([])  # the introduction cannot be written after the client was

    monkeypatch.setattr(repository, "add_introduction", broken)
    new = NewIntroduction(
        agreement_id(ctx, "Atelier"), date(2026, 3, 1), new_client_name="Éphémère"
    )
    with pytest.raises(Refused):
        record_introduction(ctx, new)

    assert ledger_summary(ctx).counts == before
    assert list_contacts(ctx, ListQuery(text="Éphémère"), 0, 5).total == 0


# --- steps --------------------------------------------------------------------------------------


def test_steps_are_recorded_on_the_users_dates(ctx: AppContext) -> None:
    introduction_id = introduction_of(ctx, "Boulangerie Dupont")

    take_step(ctx, introduction_id, IntroductionStatus.QUALIFIED, date(2026, 1, 15))
    moved = take_step(ctx, introduction_id, IntroductionStatus.MEETING, date(2026, 2, 3))

    assert [(c.status, c.on) for c in moved.history] == [
        (IntroductionStatus.QUALIFIED, date(2026, 1, 15)),
        (IntroductionStatus.MEETING, date(2026, 2, 3)),
    ]
    assert status_counts(ctx, ListQuery())[IntroductionStatus.MEETING] == 1


def test_a_step_before_the_previous_one_names_its_date_and_saves_nothing(ctx: AppContext) -> None:
    introduction_id = introduction_of(ctx, "Fleuriste Martin")

    with pytest.raises(Refused) as refused:
        take_step(ctx, introduction_id, IntroductionStatus.MEETING, date(2026, 2, 5))

    assert [(p.field, p.code) for p in refused.value.problems] == [("on", "date_before_previous")]
    assert len(introduction_details(ctx, introduction_id).history) == 1


def test_nothing_follows_lost(ctx: AppContext) -> None:
    introduction_id = introduction_of(ctx, "Fleuriste Martin")
    take_step(ctx, introduction_id, IntroductionStatus.LOST, date(2026, 2, 20))

    with pytest.raises(Refused) as refused:
        take_step(ctx, introduction_id, IntroductionStatus.WON, date(2026, 2, 25))

    assert [(p.field, p.code) for p in refused.value.problems] == [("status", "after_final_status")]
    assert next_steps(IntroductionStatus.LOST) == ()
    assert next_steps(IntroductionStatus.MEETING) == (
        IntroductionStatus.TRIAL, IntroductionStatus.WON, IntroductionStatus.LOST
    )  # fmt: skip
