"""One entity at a time: what goes in comes back as the same domain value, with its id."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from apporteur_desktop.domain.agreements import TermsVersion
from apporteur_desktop.domain.enums import IntroductionStatus, PartyKind, RevenueStatus
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import RevenueRevision, StatusChange
from apporteur_desktop.domain.problems import NotFound
from apporteur_desktop.storage.db import Ledger
from apporteur_desktop.storage.repository import (
    add_agreement,
    add_amendment,
    add_engagement,
    add_introduction,
    add_party,
    add_revenue_revision,
    add_status_change,
    agreements_changed_since,
    count_entities,
    current_change_seq,
    find_agreement_by_name,
    find_party,
    get_agreement,
    get_agreements,
    get_engagement,
    get_identity,
    get_introduction,
    get_party,
    list_agreements,
    list_engagements,
    list_introductions,
    list_parties,
    list_revenue,
    next_change_seq,
    set_identity,
    update_engagement,
)

from .samples import (
    ACME,
    AGREEMENT,
    AMENDED,
    BETA,
    CONVERSION,
    DUPONT,
    INTRODUCTION,
    ME,
    ORIGINAL,
    TRIAL,
    d,
)


def test_parties_come_back_with_their_ids(ledger: Ledger) -> None:
    with ledger.transaction() as session:
        acme = add_party(session, ACME)
        beta = add_party(session, BETA)
        dupont = add_party(session, DUPONT)
    assert acme == replace(ACME, id=acme.id)
    assert acme.identity.share_capital == Decimal("10000.00")
    with ledger.transaction(write=False) as session:
        assert get_party(session, beta.id or 0) == beta
        assert find_party(session, PartyKind.PROVIDER, "ACME SAS") == acme
        assert find_party(session, PartyKind.CLIENT, "ACME SAS") is None
        assert list_parties(session) == [acme, beta, dupont]
        assert list_parties(session, PartyKind.CLIENT) == [dupont]
        with pytest.raises(NotFound):
            get_party(session, 999)


def test_one_name_per_kind_of_party(ledger: Ledger) -> None:
    with ledger.transaction() as session:
        add_party(session, ACME)
        add_party(session, replace(ACME, kind=PartyKind.CLIENT))
    with pytest.raises(IntegrityError), ledger.transaction() as session:
        add_party(session, ACME)


def test_my_identity_is_set_then_replaced(ledger: Ledger) -> None:
    with ledger.transaction() as session:
        assert get_identity(session) is None
        set_identity(session, ME)
    registered = replace(ME, vat_rate=Decimal("20"), vat_on_debits=True, bic="AGRIFRPP")
    with ledger.transaction() as session:
        assert get_identity(session) == ME
        set_identity(session, registered)
    with ledger.transaction(write=False) as session:
        assert get_identity(session) == registered
        assert str(get_identity(session).vat_rate) == "20"  # type: ignore[union-attr]


def test_an_agreement_keeps_its_versions_components_and_tiers(ledger: Ledger) -> None:
    with ledger.transaction() as session:
        acme = add_party(session, ACME)
        saved = add_agreement(session, replace(AGREEMENT, counterparty_id=acme.id), change_seq=1)
    assert saved.id is not None
    assert all(v.id is not None for v in saved.versions)
    expected = replace(
        AGREEMENT,
        id=saved.id,
        counterparty_id=acme.id,
        versions=tuple(
            replace(v, id=s.id) for v, s in zip(AGREEMENT.versions, saved.versions, strict=True)
        ),
    )
    assert saved == expected
    with ledger.transaction(write=False) as session:
        assert get_agreement(session, saved.id) == expected
        assert find_agreement_by_name(session, "ACME / Camille") == expected
        assert find_agreement_by_name(session, "nobody") is None
        assert list_agreements(session) == [expected]
        # Read as plain rows for a list's page: the same agreement; unknown ids left out.
        assert get_agreements(session, [saved.id, saved.id + 1]) == {saved.id: expected}
        assert get_agreements(session, []) == {}


def test_an_amendment_takes_its_place_by_date(ledger: Ledger) -> None:
    original_only = replace(AGREEMENT, versions=(TermsVersion(None, ORIGINAL),))
    with ledger.transaction() as session:
        acme = add_party(session, ACME)
        agreement = add_agreement(session, replace(original_only, counterparty_id=acme.id), 1)
    assert agreement.id is not None
    with ledger.transaction() as session:
        add_amendment(session, agreement.id, TermsVersion(d("2026-09-01"), ORIGINAL), 2)
        amended = add_amendment(session, agreement.id, TermsVersion(d("2026-04-01"), AMENDED), 2)
    dates = [v.effective_on for v in amended.versions]
    assert dates == [None, d("2026-04-01"), d("2026-09-01")]
    assert amended.terms_for(Period(2026, 5)) == AMENDED
    with ledger.transaction(write=False) as session:
        assert get_agreements(session, [agreement.id]) == {agreement.id: amended}
    with pytest.raises(IntegrityError), ledger.transaction() as session:
        add_amendment(session, agreement.id, TermsVersion(d("2026-04-01"), ORIGINAL), 3)


def test_only_one_original_version_per_agreement(ledger: Ledger) -> None:
    with ledger.transaction() as session:
        acme = add_party(session, ACME)
        agreement = add_agreement(session, replace(AGREEMENT, counterparty_id=acme.id), 1)
    with pytest.raises(IntegrityError), ledger.transaction() as session:
        add_amendment(session, agreement.id or 0, TermsVersion(None, AMENDED), 2)


def pipeline(ledger: Ledger) -> dict[str, int]:
    """ACME's agreement with Dupont introduced: the ids, for the tests below."""
    with ledger.transaction() as session:
        seq = next_change_seq(session)
        acme = add_party(session, ACME)
        dupont = add_party(session, DUPONT)
        agreement = add_agreement(session, replace(AGREEMENT, counterparty_id=acme.id), seq)
        introduction = add_introduction(
            session,
            replace(INTRODUCTION, agreement_id=agreement.id, client_id=dupont.id),
            seq,
        )
    assert agreement.id is not None and introduction.id is not None
    return {"agreement": agreement.id, "introduction": introduction.id}


def test_an_introduction_keeps_its_history_in_order(ledger: Ledger) -> None:
    ids = pipeline(ledger)
    with ledger.transaction() as session:
        lost = StatusChange(IntroductionStatus.LOST, d("2026-06-01"))
        after = add_status_change(session, ids["introduction"], lost, next_change_seq(session))
    assert after.history == (*INTRODUCTION.history, lost)
    assert after.status is IntroductionStatus.LOST
    assert after.qualified_on == d("2026-01-15")
    with ledger.transaction(write=False) as session:
        assert get_introduction(session, ids["introduction"]) == after
        assert list_introductions(session, agreement_id=ids["agreement"]) == [after]
        assert list_introductions(session, agreement_id=999) == []


def test_engagements_trial_conversion_and_termination(ledger: Ledger) -> None:
    ids = pipeline(ledger)
    with ledger.transaction() as session:
        seq = next_change_seq(session)
        trial = add_engagement(session, replace(TRIAL, introduction_id=ids["introduction"]), seq)
        conversion = add_engagement(
            session,
            replace(
                CONVERSION,
                introduction_id=ids["introduction"],
                converts_trial_id=trial.id,
                terminated_on=None,
            ),
            seq,
        )
    assert conversion.converts_trial_id == trial.id
    with ledger.transaction() as session:
        ended = update_engagement(
            session, replace(conversion, terminated_on=date(2026, 3, 20)), next_change_seq(session)
        )
    with ledger.transaction(write=False) as session:
        assert get_engagement(session, conversion.id or 0) == ended
        assert ended.terminated_on == date(2026, 3, 20)
        assert list_engagements(session, introduction_id=ids["introduction"]) == [trial, ended]
    with pytest.raises(IntegrityError), ledger.transaction() as session:
        add_engagement(session, replace(trial, id=None, end=date(2025, 1, 1)), 9)


def test_revenue_revisions_keep_the_recording_order(ledger: Ledger) -> None:
    ids = pipeline(ledger)
    with ledger.transaction() as session:
        engagement = add_engagement(session, replace(TRIAL, introduction_id=ids["introduction"]), 1)
        march = Period(2026, 3)
        first = add_revenue_revision(
            session,
            RevenueRevision(None, engagement.id or 0, march, Decimal("1000.00")),
            next_change_seq(session),
        )
    with ledger.transaction() as session:
        second = add_revenue_revision(
            session,
            RevenueRevision(
                None, engagement.id or 0, march, Decimal("900.00"), RevenueStatus.ESTIMATED
            ),
            next_change_seq(session),
        )
    with ledger.transaction(write=False) as session:
        assert list_revenue(session, engagement.id) == [first, second]
        assert list_revenue(session) == [first, second]
    assert second.amount == Decimal("900.00")


def test_one_change_number_per_transaction(ledger: Ledger) -> None:
    with ledger.transaction() as session:
        assert current_change_seq(session) == 0
        assert next_change_seq(session) == 1
        assert next_change_seq(session) == 1
        assert current_change_seq(session) == 1
    with ledger.transaction() as session:
        assert next_change_seq(session) == 2


def test_what_changed_since_a_watermark(ledger: Ledger) -> None:
    ids = pipeline(ledger)  # change 1
    with ledger.transaction() as session:
        watermark = current_change_seq(session)
        assert agreements_changed_since(session, 0) == {ids["agreement"]}
        assert agreements_changed_since(session, watermark) == set()
    with ledger.transaction() as session:
        engagement = add_engagement(
            session,
            replace(TRIAL, introduction_id=ids["introduction"]),
            next_change_seq(session),
        )
    with ledger.transaction() as session:
        assert agreements_changed_since(session, watermark) == {ids["agreement"]}
        watermark = current_change_seq(session)
        add_revenue_revision(
            session,
            RevenueRevision(None, engagement.id or 0, Period(2026, 2), Decimal("10.00")),
            next_change_seq(session),
        )
    with ledger.transaction(write=False) as session:
        assert agreements_changed_since(session, watermark) == {ids["agreement"]}


def test_counting_everything(ledger: Ledger) -> None:
    pipeline(ledger)
    with ledger.transaction() as session:
        add_party(session, BETA)
        assert count_entities(session) == {
            "providers": 2,
            "clients": 1,
            "introducers": 0,
            "agreements": 1,
            "introductions": 1,
            "engagements": 0,
            "revenue_entries": 0,
            "commission_lines": 0,
        }
