"""The demo ledger: deterministic, complete, valid, and something the engine can run."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from functools import cache

import pytest
from stdnum import bic, iban
from stdnum.fr import siren, siret, tva

from apporteur_desktop.domain.agreements import Agreement, Terms
from apporteur_desktop.domain.enums import (
    ComponentKind,
    Direction,
    EngagementKind,
    IntroductionStatus,
    PartyKind,
    PaymentTermsKind,
    RevenueStatus,
    RightsKind,
    TierMode,
    TrialCoverage,
)
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import RevenueRevision, standing_revenue
from apporteur_desktop.engine import coverage
from apporteur_desktop.engine.facts import AgreementFacts, RunWindow
from apporteur_desktop.engine.run import AgreementRun, run_agreement
from apporteur_desktop.services.demo import build_demo
from apporteur_desktop.validation.ledger import validate_snapshot

TODAY = date(2026, 11, 22)
LAST_MONTH = Period(2026, 10)


@cache
def demo(scale: int = 1, seed: int = 2026, months: int = 18) -> LedgerSnapshot:
    return build_demo(TODAY, scale=scale, seed=seed, months=months)


def all_terms(snapshot: LedgerSnapshot) -> list[Terms]:
    return [version.terms for a in snapshot.agreements for version in a.versions]


def facts(snapshot: LedgerSnapshot, agreement: Agreement) -> AgreementFacts:
    """One agreement's facts, with the standing revenue, as ``tests/builders.Deal`` builds them."""
    introductions = tuple(i for i in snapshot.introductions if i.agreement_id == agreement.id)
    introduction_ids = {i.id for i in introductions}
    engagements = tuple(e for e in snapshot.engagements if e.introduction_id in introduction_ids)
    engagement_ids = {e.id for e in engagements}
    grouped: dict[tuple[int, Period], list[RevenueRevision]] = defaultdict(list)
    for revision in snapshot.revenue:
        if revision.engagement_id in engagement_ids:
            grouped[(revision.engagement_id, revision.period)].append(revision)
    revenue: dict[int, dict[Period, Decimal]] = {}
    for (engagement_id, period), revisions in sorted(grouped.items(), key=lambda kv: kv[0][1]):
        stands = standing_revenue(revisions)
        assert stands is not None
        revenue.setdefault(engagement_id, {})[period] = stands.amount
    return AgreementFacts(agreement, introductions, engagements, revenue)


def run_all(snapshot: LedgerSnapshot) -> dict[str, AgreementRun]:
    first = min(Period.of(a.valid_from) for a in snapshot.agreements)
    window = RunWindow(first, LAST_MONTH)
    return {a.name: run_agreement(facts(snapshot, a), window) for a in snapshot.agreements}


# --- determinism and size ---------------------------------------------------------------------


def test_the_same_seed_gives_the_same_ledger_and_another_seed_another() -> None:
    assert build_demo(TODAY) == build_demo(TODAY)
    assert build_demo(TODAY, seed=7) == build_demo(TODAY, seed=7)
    assert build_demo(TODAY, seed=7) != build_demo(TODAY)


def test_scale_one_is_a_few_hundred_revenue_rows_and_scale_ten_about_ten_times_that() -> None:
    one, ten = demo(), demo(scale=10)
    assert 150 <= len(one.revenue) <= 800
    assert 12 <= len(one.agreements) <= 16
    assert 8 * len(one.revenue) <= len(ten.revenue) <= 12 * len(one.revenue)
    assert len(ten.agreements) == 10 * len(one.agreements)
    assert len(ten.parties) == 10 * len(one.parties)
    assert 8 * len(one.engagements) <= len(ten.engagements) <= 12 * len(one.engagements)


def test_months_set_the_history_ending_with_the_month_before_today() -> None:
    for months in (18, 100):
        snapshot = demo(months=months)
        periods = {r.period for r in snapshot.revenue}
        assert max(periods) == LAST_MONTH
        assert min(periods) >= LAST_MONTH + (1 - months)
        assert min(i.introduced_on for i in snapshot.introductions) >= (
            (LAST_MONTH + (1 - months)).first_day()
        )
    assert len(demo(months=100).revenue) > 5 * len(demo().revenue)


# --- what the ledger holds --------------------------------------------------------------------


def test_ids_count_from_one_and_every_reference_stays_inside_the_snapshot() -> None:
    snapshot = demo(scale=2)
    for items in (
        snapshot.parties,
        snapshot.agreements,
        snapshot.introductions,
        snapshot.engagements,
        snapshot.revenue,
    ):
        assert [item.id for item in items] == list(range(1, len(items) + 1))
    parties = {p.id: p for p in snapshot.parties}
    engagements = {e.id: e for e in snapshot.engagements}
    agreements = {a.id: a for a in snapshot.agreements}
    for agreement in snapshot.agreements:
        expected = (
            PartyKind.PROVIDER
            if agreement.direction is Direction.EARNED
            else (PartyKind.INTRODUCER)
        )
        assert parties[agreement.counterparty_id].kind is expected
    introductions = {i.id: i for i in snapshot.introductions}
    for introduction in snapshot.introductions:
        assert introduction.agreement_id in agreements
        assert parties[introduction.client_id].kind is PartyKind.CLIENT
    for engagement in snapshot.engagements:
        assert engagement.introduction_id in introductions
        if engagement.converts_trial_id is not None:
            trial = engagements[engagement.converts_trial_id]
            assert engagement.kind is EngagementKind.LONG_TERM
            assert trial.kind is EngagementKind.TRIAL
            assert trial.introduction_id == engagement.introduction_id
    assert all(r.engagement_id in engagements for r in snapshot.revenue)


def test_every_component_kind_trial_coverage_and_rights_kind_is_used() -> None:
    snapshot = demo()
    terms = all_terms(snapshot)
    components = [c for t in terms for c in t.components]
    assert {c.kind for c in components} == set(ComponentKind)
    tiered = [c for c in components if c.kind is ComponentKind.TIERED]
    assert {c.tier_mode for c in tiered} == set(TierMode)
    assert {t.trial_coverage for t in terms} == set(TrialCoverage)
    assert {t.rights.kind for t in terms} == set(RightsKind)
    assert any(t.cap_per_introduction for t in terms)
    assert any(t.cap_per_year for t in terms)
    assert any(t.clawback_days for t in terms)
    assert any(t.tail_months == 3 for t in terms)
    assert {t.payment_terms.kind for t in terms} >= {
        PaymentTermsKind.NET,
        PaymentTermsKind.DAYS_END_OF_MONTH,
    }
    assert {a.direction for a in snapshot.agreements} == set(Direction)
    assert sum(a.self_billing for a in snapshot.agreements) == 1
    assert all(a.qualification_criteria for a in snapshot.agreements)


def test_an_amendment_raises_the_rate_from_ten_to_twelve_percent() -> None:
    amended = [a for a in demo().agreements if a.amendments]
    assert len(amended) == 1
    agreement = amended[0]
    amendment = agreement.amendments[0]
    assert amendment.effective_on is not None and amendment.effective_on > agreement.valid_from
    assert amendment.note
    assert agreement.original_terms.components[0].rate == Decimal(10)
    assert amendment.terms.components[0].rate == Decimal(12)


def test_one_agreement_has_ended_and_keeps_a_three_month_tail() -> None:
    ended = [a for a in demo().agreements if a.valid_until and a.valid_until < TODAY]
    assert len(ended) == 1
    assert ended[0].original_terms.tail_months == 3


def test_rates_amounts_and_payment_terms_stay_inside_the_rules_without_warnings() -> None:
    for terms in all_terms(demo()):
        for component in terms.components:
            rates = [component.rate] if component.rate is not None else []
            rates += [tier.rate for tier in component.tiers]
            assert all(isinstance(r, Decimal) and 0 < r <= 30 for r in rates)
            if component.amount is not None:
                assert isinstance(component.amount, Decimal) and component.amount > 0
        pay = terms.payment_terms
        limit = 60 if pay.kind is PaymentTermsKind.NET else 45
        assert 0 < pay.days <= limit


def test_identifiers_are_valid() -> None:
    snapshot = demo(scale=3)
    assert snapshot.identity is not None
    mine = snapshot.identity.identity
    assert mine.sole_trader and not mine.vat_number
    assert iban.is_valid(snapshot.identity.iban) and snapshot.identity.iban.startswith("FR")
    assert bic.is_valid(snapshot.identity.bic)
    for identity in [mine, *(p.identity for p in snapshot.parties)]:
        assert siren.is_valid(identity.siren), identity.name
        assert siret.is_valid(identity.siret), identity.name
        assert identity.siret.startswith(identity.siren)
        assert identity.address.street and identity.address.postcode and identity.address.city
        assert "@" in identity.email
        if identity.legal_form:  # a registered company
            assert tva.is_valid(identity.vat_number) and identity.vat_number[4:] == identity.siren


def test_names_are_unique_per_kind_and_agreement_names_unique() -> None:
    snapshot = demo(scale=5)
    for kind in PartyKind:
        names = [p.name for p in snapshot.parties if p.kind is kind]
        assert len(names) == len(set(names))
    assert len({p.name for p in snapshot.parties if p.kind is PartyKind.INTRODUCER}) == 10
    names = [a.name for a in snapshot.agreements]
    assert len(names) == len(set(names))


def test_introductions_move_forward_through_the_pipeline_inside_their_agreement() -> None:
    snapshot = demo(scale=2)
    agreements = {a.id: a for a in snapshot.agreements}
    for introduction in snapshot.introductions:
        assert agreements[introduction.agreement_id].is_valid_on(introduction.introduced_on)
        days = [change.on for change in introduction.history]
        assert days == sorted(days)
        assert days[0] == introduction.introduced_on
        assert days[-1] < TODAY
    statuses = {i.status for i in snapshot.introductions}
    assert {IntroductionStatus.WON, IntroductionStatus.LOST} <= statuses
    assert statuses & {IntroductionStatus.INTRODUCED, IntroductionStatus.MEETING}


def test_engagements_start_after_their_introduction_and_end_after_they_start() -> None:
    snapshot = demo(scale=2)
    introductions = {i.id: i for i in snapshot.introductions}
    for engagement in snapshot.engagements:
        introduced = introductions[engagement.introduction_id].introduced_on
        assert introduced < engagement.signature_date <= engagement.start < TODAY
        assert engagement.end is None or engagement.end >= engagement.start
        assert engagement.amount is not None and engagement.amount > 0
        if engagement.terminated_on is not None:
            assert engagement.start <= engagement.terminated_on < TODAY
    kinds = {e.kind for e in snapshot.engagements}
    assert kinds == set(EngagementKind)
    one_offs = [e.amount for e in snapshot.engagements if e.kind is EngagementKind.ONE_OFF]
    assert all(Decimal(8000) <= v <= Decimal(60000) for v in one_offs if v is not None)
    trials = [e for e in snapshot.engagements if e.kind is EngagementKind.TRIAL]
    lengths = {Period.of(e.trial_end) - Period.of(e.start) + 1 for e in trials}
    assert lengths == {1, 2}  # one month, some extended to two


def test_revenue_stays_inside_its_engagement_and_only_last_month_is_estimated() -> None:
    snapshot = demo()
    engagements = {e.id: e for e in snapshot.engagements}
    seen: dict[tuple[int, Period], list[RevenueRevision]] = defaultdict(list)
    for revision in snapshot.revenue:
        engagement = engagements[revision.engagement_id]
        stop = engagement.terminated_on or engagement.end
        assert Period.of(engagement.start) <= revision.period <= LAST_MONTH
        assert stop is None or revision.period <= Period.of(stop)
        assert isinstance(revision.amount, Decimal) and revision.amount >= 0
        assert revision.amount.as_tuple().exponent == -2
        seen[(revision.engagement_id, revision.period)].append(revision)
    standing = {key: standing_revenue(revisions) for key, revisions in seen.items()}
    for (_, period), stands in standing.items():
        assert stands is not None
        expected = RevenueStatus.ESTIMATED if period == LAST_MONTH else RevenueStatus.CONFIRMED
        assert stands.status is expected
    corrections = [revisions for revisions in seen.values() if len(revisions) > 1]
    assert corrections
    assert all(revisions[0].id < revisions[1].id for revisions in corrections)
    # Every month of every engagement active in the history has a figure.
    for engagement in snapshot.engagements:
        stop = engagement.terminated_on or engagement.end
        last = min(LAST_MONTH, Period.of(stop)) if stop else LAST_MONTH
        for index in range(Period.of(engagement.start).index, last.index + 1):
            assert (engagement.id, Period.from_index(index)) in seen


def test_the_ledger_passes_validation_without_a_problem_or_a_warning() -> None:
    assert validate_snapshot(demo()) == ([], [])
    assert validate_snapshot(demo(scale=3, seed=11, months=40)) == ([], [])


# --- the engine over the demo ---------------------------------------------------------------


@pytest.mark.parametrize("seed", [2026, 1, 99])
def test_every_agreement_earns_and_the_engine_meets_a_clawback_and_an_uncovered_engagement(
    seed: int,
) -> None:
    runs = run_all(demo(seed=seed))
    for name, run in runs.items():
        total = sum((line.amount for line in run.added), Decimal("0.00"))
        assert run.added and total > 0, name
    plans = [plan for run in runs.values() for plan in run.plans.values()]
    reasons = {reason for plan in plans for reason in plan.reasons.values()}
    assert any(plan.clawed_back for plan in plans)
    assert coverage.CONVERSION_NOT_COVERED in reasons  # trial only, then a long-term
    assert coverage.OUTSIDE_CONVERSION_WINDOW in reasons  # conversion only, signed too late
    assert coverage.TRIAL_NOT_COVERED in reasons


def test_the_engine_runs_over_a_long_history_and_every_direction() -> None:
    snapshot = demo(scale=2, months=100)
    runs = run_all(snapshot)
    by_direction: dict[Direction, Decimal] = defaultdict(Decimal)
    for agreement in snapshot.agreements:
        lines = runs[agreement.name].added
        by_direction[agreement.direction] += sum((line.amount for line in lines), Decimal(0))
    assert by_direction[Direction.EARNED] > 0 and by_direction[Direction.OWED] > 0
