"""A small ledger written by hand: the cases a snapshot must carry across intact."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from apporteur_desktop.domain.agreements import (
    Agreement,
    Component,
    PaymentTerms,
    RightsDuration,
    Terms,
    TermsVersion,
    Tier,
)
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
    VatRegime,
)
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.parties import Address, BusinessIdentity, LegalIdentity, Party
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import (
    Engagement,
    Introduction,
    RevenueRevision,
    StatusChange,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


def m(text: str) -> Decimal:
    return Decimal(text)


ME = BusinessIdentity(
    identity=LegalIdentity(
        "Camille Durand",
        sole_trader=True,
        siren="123456782",
        siret="12345678200011",
        address=Address("3 rue des Lilas", "69003", "Lyon"),
        email="camille@example.fr",
    ),
    vat_regime=VatRegime.FRANCHISE,
    iban="FR7630006000011234567890189",
)

ACME = Party(
    101,
    PartyKind.PROVIDER,
    LegalIdentity(
        "ACME SAS",
        legal_form="SAS",
        siren="987654324",
        vat_number="FR32987654324",
        registration="RCS Paris 987 654 324",
        share_capital=m("10000.00"),
        address=Address("5 av. Foch", "75008", "Paris"),
    ),
    notes="integrator",
)
BETA = Party(102, PartyKind.PROVIDER, LegalIdentity("Beta Conseil"))
DUPONT = Party(103, PartyKind.CLIENT, LegalIdentity("Dupont SARL", legal_form="SARL"))

ORIGINAL = Terms(
    components=(
        Component(ComponentKind.QUALIFIED_FEE, amount=m("200.00"), label="meeting"),
        Component(
            ComponentKind.TIERED,
            tiers=(Tier(m("10000.00"), m("10")), Tier(None, m("15"))),
            tier_mode=TierMode.MARGINAL,
        ),
    ),
    rights=RightsDuration(RightsKind.MONTHS, 12),
    trial_coverage=TrialCoverage.TRIAL_AND_CONVERSION,
    cap_per_introduction=m("1000.00"),
    clawback_days=30,
    payment_terms=PaymentTerms(PaymentTermsKind.DAYS_END_OF_MONTH, 45),
)
AMENDED = replace(
    ORIGINAL,
    components=(Component(ComponentKind.REVENUE_PERCENT, rate=m("12.5")),),
    rights=RightsDuration(RightsKind.UNTIL_DATE, until=d("2027-06-30")),
    cap_per_year=m("5000.00"),
    tail_months=6,
)

AGREEMENT = Agreement(
    7,
    "ACME / Camille",
    Direction.EARNED,
    counterparty_id=101,
    valid_from=d("2026-01-01"),
    versions=(
        TermsVersion(None, ORIGINAL, id=70),
        TermsVersion(d("2026-04-01"), AMENDED, note="avenant n° 1", id=71),
    ),
    signed_on=d("2025-12-20"),
    valid_until=d("2027-12-31"),
    qualification_criteria="un rendez-vous tenu",
    territory="France",
)
OWED = Agreement(
    8,
    "Beta → me",
    Direction.OWED,
    counterparty_id=102,
    valid_from=d("2026-02-01"),
    versions=(
        TermsVersion(
            None,
            Terms(
                (Component(ComponentKind.CONTRACT_VALUE_PERCENT, rate=m("7")),),
                rights=RightsDuration(RightsKind.ONE_OFF),
            ),
        ),
    ),
    self_billing=True,
)

INTRODUCTION = Introduction(
    31,
    agreement_id=7,
    client_id=103,
    introduced_on=d("2026-01-10"),
    history=(
        StatusChange(IntroductionStatus.QUALIFIED, d("2026-01-15")),
        StatusChange(IntroductionStatus.TRIAL, d("2026-01-20")),
        StatusChange(IntroductionStatus.WON, d("2026-02-01")),
    ),
    notes="met at a fair",
)
TRIAL = Engagement(
    41, 31, EngagementKind.TRIAL, d("2026-01-20"), end=d("2026-02-19"), amount=m("800.00")
)
CONVERSION = Engagement(
    42,
    31,
    EngagementKind.LONG_TERM,
    d("2026-03-01"),
    amount=m("1200.00"),
    signed_on=d("2026-02-25"),
    converts_trial_id=41,
    terminated_on=d("2026-12-31"),
    label="retainer",
)

REVENUE = (
    RevenueRevision(51, 41, Period(2026, 1), m("800.00")),
    RevenueRevision(52, 42, Period(2026, 3), m("1200.00"), RevenueStatus.ESTIMATED),
    RevenueRevision(53, 42, Period(2026, 4), m("1200.00")),
    RevenueRevision(54, 42, Period(2026, 3), m("1150.50"), note="corrected by ACME"),
)


def small_snapshot() -> LedgerSnapshot:
    return LedgerSnapshot(
        identity=ME,
        parties=(ACME, BETA, DUPONT),
        agreements=(AGREEMENT, OWED),
        introductions=(INTRODUCTION,),
        engagements=(TRIAL, CONVERSION),
        revenue=REVENUE,
    )


def renumbered(snapshot: LedgerSnapshot) -> LedgerSnapshot:
    """The same snapshot with every id replaced by its position: equal "modulo ids"."""
    parties = {p.id: n for n, p in enumerate(snapshot.parties)}
    agreements = {a.id: n for n, a in enumerate(snapshot.agreements)}
    introductions = {i.id: n for n, i in enumerate(snapshot.introductions)}
    engagements = {e.id: n for n, e in enumerate(snapshot.engagements)}
    return LedgerSnapshot(
        identity=snapshot.identity,
        parties=tuple(replace(p, id=parties[p.id]) for p in snapshot.parties),
        agreements=tuple(
            replace(
                a,
                id=agreements[a.id],
                counterparty_id=parties[a.counterparty_id],
                versions=tuple(replace(v, id=None) for v in a.versions),
            )
            for a in snapshot.agreements
        ),
        introductions=tuple(
            replace(
                i,
                id=introductions[i.id],
                agreement_id=agreements[i.agreement_id],
                client_id=parties[i.client_id],
            )
            for i in snapshot.introductions
        ),
        engagements=tuple(
            replace(
                e,
                id=engagements[e.id],
                introduction_id=introductions[e.introduction_id],
                converts_trial_id=(
                    None if e.converts_trial_id is None else engagements[e.converts_trial_id]
                ),
            )
            for e in snapshot.engagements
        ),
        revenue=tuple(
            replace(r, id=n, engagement_id=engagements[r.engagement_id])
            for n, r in enumerate(snapshot.revenue)
        ),
    )
