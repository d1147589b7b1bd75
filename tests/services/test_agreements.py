"""Agreements as the « Accords » view uses them: list, create, change, amend, contract draft.

The ledger of ``ready_ledger`` holds « Atelier » (earned, 20 %, with a client whose March
revenue was computed when ``run_through`` is March) and the parties the agreements may name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from apporteur_desktop.domain.agreements import (
    Agreement,
    Component,
    RightsDuration,
    Terms,
    TermsVersion,
)
from apporteur_desktop.domain.enums import ComponentKind, Direction, PartyKind, RightsKind
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.services import agreements, commissions
from apporteur_desktop.services.agreements import DIRECTION_FILTER
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.listing import ListQuery
from apporteur_desktop.storage import repository
from tests.documents.pdf_text import flat, pdf_pages
from tests.services.invoicing_ledgers import ready_ledger

TWENTY = Terms((Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(20)),))


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """« Atelier » has commission lines (January to March 2026 computed and saved)."""
    with ready_ledger(tmp_path) as context:
        yield context


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[AppContext]:
    """The same ledger, no commission computed yet."""
    with ready_ledger(tmp_path, run_through=None) as context:
        yield context


def party_id(ctx: AppContext, kind: PartyKind, name: str) -> int:
    with ctx.ledger.transaction(write=False) as session:
        party = repository.find_party(session, kind, name)
    assert party is not None and party.id is not None
    return party.id


def provider(ctx: AppContext) -> int:
    return party_id(ctx, PartyKind.PROVIDER, "Atelier Numérique SAS")


def new_agreement(
    ctx: AppContext,
    name: str = "Atelier bis",
    terms: Terms = TWENTY,
    *,
    direction: Direction = Direction.EARNED,
    counterparty: int | None = None,
) -> Agreement:
    return Agreement(
        id=None,
        name=name,
        direction=direction,
        counterparty_id=provider(ctx) if counterparty is None else counterparty,
        valid_from=date(2026, 2, 1),
        versions=(TermsVersion(None, terms),),
    )


def fields(refused: pytest.ExceptionInfo[Refused]) -> dict[str, str]:
    return {problem.field: problem.code for problem in refused.value.problems}


# --- listing ------------------------------------------------------------------------------------


def test_the_list_names_the_counterparty_and_counts_introductions(ctx: AppContext) -> None:
    girard = party_id(ctx, PartyKind.INTRODUCER, "Paul Girard")
    agreements.create_agreement(
        ctx, new_agreement(ctx, "Girard", direction=Direction.OWED, counterparty=girard)
    )
    agreements.create_agreement(ctx, new_agreement(ctx, "Zèbre"))
    page = agreements.list_agreements(ctx, ListQuery(), 0, 50)
    assert page.total == 3
    assert [(r.name, r.counterparty, r.introductions) for r in page.rows] == [
        ("Atelier", "Atelier Numérique SAS", 1),
        ("Girard", "Paul Girard", 0),
        ("Zèbre", "Atelier Numérique SAS", 0),
    ]
    owed = agreements.list_agreements(ctx, ListQuery(filters={DIRECTION_FILTER: "owed"}), 0, 50)
    assert [r.name for r in owed.rows] == ["Girard"] and owed.total == 1
    by_counterparty = agreements.list_agreements(ctx, ListQuery(text="girard"), 0, 50)
    assert [r.name for r in by_counterparty.rows] == ["Girard"]
    newest_first = ListQuery(sort="valid_from", descending=True)
    assert agreements.list_agreements(ctx, newest_first, 0, 1).rows[0].name == "Girard"
    second_page = agreements.list_agreements(ctx, ListQuery(), 2, 10)
    assert [r.name for r in second_page.rows] == ["Zèbre"] and second_page.total == 3


def test_a_filter_text_is_matched_literally(ctx: AppContext) -> None:
    agreements.create_agreement(ctx, new_agreement(ctx, "100% Atelier"))
    assert [r.name for r in agreements.list_agreements(ctx, ListQuery(text="0%"), 0, 9).rows] == [
        "100% Atelier"
    ]


def test_an_unknown_direction_filter_is_refused(ctx: AppContext) -> None:
    with pytest.raises(Refused) as refused:
        agreements.list_agreements(ctx, ListQuery(filters={DIRECTION_FILTER: "both"}), 0, 9)
    assert fields(refused) == {DIRECTION_FILTER: "not_one_of"}


def test_counterparties_are_providers_when_earned_and_introducers_when_owed(
    ctx: AppContext,
) -> None:
    assert [p.name for p in agreements.counterparties(ctx, Direction.EARNED)] == [
        "Atelier Numérique SAS"
    ]
    assert [p.name for p in agreements.counterparties(ctx, Direction.OWED)] == ["Paul Girard"]


# --- creating -----------------------------------------------------------------------------------


def test_an_agreement_is_created_with_its_terms(ctx: AppContext) -> None:
    saved = agreements.create_agreement(ctx, new_agreement(ctx, "  Atelier bis  "))
    assert saved.notices == ()
    assert saved.agreement.id is not None and saved.agreement.name == "Atelier bis"
    stored = agreements.get_agreement(ctx, saved.agreement.id)
    assert stored.original_terms == TWENTY and stored.amendments == ()


def test_a_rate_above_30_percent_is_saved_with_a_warning(ctx: AppContext) -> None:
    high = Terms((Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(35)),))
    saved = agreements.create_agreement(ctx, new_agreement(ctx, terms=high))
    assert [n.code for n in saved.notices] == ["rate_above_usual"]
    assert saved.notices[0].params["field"] == "versions[0].terms.components[0].rate"
    assert saved.agreement.id is not None
    assert agreements.get_agreement(ctx, saved.agreement.id).original_terms == high


def test_every_problem_is_refused_at_once_and_nothing_is_written(ctx: AppContext) -> None:
    client = party_id(ctx, PartyKind.CLIENT, "Boulangerie Dupont")
    bad = Terms((Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(-5)),))
    asked = replace(
        new_agreement(ctx, " atelier ", bad, counterparty=client), valid_until=date(2026, 1, 1)
    )
    with pytest.raises(Refused) as refused:
        agreements.create_agreement(ctx, asked)
    assert fields(refused) == {
        "name": "already_in_ledger",  # « Atelier », spacing and case aside
        "counterparty_id": "unknown_party",  # a client, not a provider
        "valid_until": "date_before_minimum",
        "versions[0].terms.components[0].rate": "below_minimum",
    }
    assert agreements.list_agreements(ctx, ListQuery(), 0, 9).total == 1


# --- changing -----------------------------------------------------------------------------------


def test_the_details_change_and_the_terms_stay(ctx: AppContext) -> None:
    before = agreements.get_agreement(ctx, 1)
    changed = replace(
        before,
        name="Atelier 2026",
        signed_on=date(2026, 1, 6),
        valid_until=date(2026, 12, 31),
        self_billing=True,
        qualification_criteria="a meeting took place",
        exclusivity="none",
        territory="Auvergne-Rhône-Alpes",
        notes="met at the fair",
    )
    saved = agreements.update_agreement_details(ctx, changed)
    assert saved.agreement == changed and saved.notices == ()
    assert agreements.get_agreement(ctx, 1) == changed


def test_once_commissions_were_computed_the_signed_terms_change_only_by_amendment(
    ctx: AppContext,
) -> None:
    before = agreements.get_agreement(ctx, 1)
    assert agreements.open_agreement(ctx, 1).terms_locked
    twelve = Terms((Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(12)),))
    asked = replace(before, valid_from=date(2026, 1, 1), versions=(TermsVersion(None, twelve),))
    with pytest.raises(Refused) as refused:
        agreements.update_agreement_details(ctx, asked)
    assert fields(refused) == {
        "valid_from": "fixed_after_commissions",
        "versions[0].terms": "fixed_after_commissions",
    }
    assert agreements.get_agreement(ctx, 1) == before


def test_before_any_commission_the_signed_terms_may_be_corrected(fresh: AppContext) -> None:
    detail = agreements.open_agreement(fresh, 1)
    assert not detail.terms_locked and detail.introductions == 1
    assert detail.counterparty == "Atelier Numérique SAS"
    high = Terms(
        (
            Component(ComponentKind.QUALIFIED_FEE, amount=Decimal(150)),
            Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(40)),
        ),
        rights=RightsDuration(RightsKind.MONTHS, 6),
    )
    asked = replace(detail.agreement, versions=(TermsVersion(None, high),))
    saved = agreements.update_agreement_details(fresh, asked)
    assert [n.params["field"] for n in saved.notices] == ["versions[0].terms.components[1].rate"]
    assert agreements.get_agreement(fresh, 1).original_terms == high
    # The next run computes with the corrected terms: 40 % of March's 1,000.
    run = commissions.run_commissions(fresh, Period(2026, 1), Period(2026, 3), preview=True)
    assert [line.amount for line in run.added] == [Decimal("400.00")]


def test_a_name_taken_by_another_agreement_is_refused_on_change(ctx: AppContext) -> None:
    other = agreements.create_agreement(ctx, new_agreement(ctx, "Autre")).agreement
    with pytest.raises(Refused) as refused:
        agreements.update_agreement_details(ctx, replace(other, name="ATELIER"))
    assert fields(refused) == {"name": "already_in_ledger"}
    assert (
        agreements.update_agreement_details(ctx, replace(other, notes="x")).agreement.notes == "x"
    )


# --- amending -----------------------------------------------------------------------------------


def test_an_amendment_adds_a_dated_version(ctx: AppContext) -> None:
    twelve = Terms((Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(12)),))
    saved = agreements.amend_agreement(ctx, 1, date(2026, 4, 1), twelve, "  rate lowered ")
    assert saved.notices == ()
    stored = agreements.get_agreement(ctx, 1)
    assert [(v.effective_on, v.note) for v in stored.versions] == [
        (None, ""),
        (date(2026, 4, 1), "rate lowered"),
    ]
    assert stored.versions[1].terms == twelve and stored.original_terms.components == (
        Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(20)),
    )


def test_an_amendment_names_its_own_fields_when_refused(ctx: AppContext) -> None:
    bad = Terms((Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(120)),))
    with pytest.raises(Refused) as refused:
        agreements.amend_agreement(ctx, 1, date(2025, 12, 1), bad, "")
    assert fields(refused) == {
        "effective_on": "date_before_minimum",
        "terms.components[0].rate": "above_maximum",
    }
    assert agreements.get_agreement(ctx, 1).amendments == ()


def test_an_amendment_comes_after_the_previous_one_and_changes_something(
    ctx: AppContext,
) -> None:
    before = agreements.get_agreement(ctx, 1).original_terms
    with pytest.raises(Refused) as refused:
        agreements.amend_agreement(ctx, 1, date(2026, 5, 1), before, "")
    assert fields(refused) == {"terms": "same_terms"}
    high = Terms((Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(35)),))
    saved = agreements.amend_agreement(ctx, 1, date(2026, 5, 1), high, "")
    assert [n.params["field"] for n in saved.notices] == ["terms.components[0].rate"]
    with pytest.raises(Refused) as refused:
        agreements.amend_agreement(ctx, 1, date(2026, 5, 1), TWENTY, "")
    assert fields(refused) == {"effective_on": "not_after_previous"}


# --- the contract draft -------------------------------------------------------------------------


def test_the_contract_draft_is_a_pdf_of_the_agreement(ctx: AppContext) -> None:
    content = agreements.contract_pdf(ctx, 1)
    assert content.startswith(b"%PDF")
    text = " ".join(pdf_pages(content))
    assert "Atelier Numérique SAS" in text and "Jeanne Martin" in text
    reference = ctx.translator.gettext("Reference: {name}").format(name="Atelier")
    assert flat(reference) in text
