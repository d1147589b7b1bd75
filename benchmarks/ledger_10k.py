"""The benchmark ledger: 10,000 engagements with 100 months of revenue each (1,000,000 rows).

A hundred agreements of eight everyday shapes (N-month rights, while the client stays, caps,
tiers, a fee per qualified introduction, rights until a date), a hundred introductions each,
one long-term engagement per introduction, revenue every month from January 2018 on.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from apporteur_desktop.domain.agreements import (
    Agreement,
    Component,
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
    RevenueStatus,
    RightsKind,
    TierMode,
)
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.parties import LegalIdentity, Party
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import (
    Engagement,
    Introduction,
    RevenueRevision,
    StatusChange,
)

FIRST_MONTH = Period(2018, 1)
FIRST_ACTIVITY = Period(2017, 11)  # the introductions, and the fees of their qualification
MONTHS = 100
AGREEMENTS = 100
INTRODUCTIONS_PER_AGREEMENT = 100


def _percent(rate: str) -> Component:
    return Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(rate))


def _shapes() -> list[Terms]:
    months = RightsKind.MONTHS
    stays = RightsDuration(RightsKind.WHILE_CLIENT_STAYS)
    brackets = (Tier(Decimal("10000"), Decimal("10")), Tier(None, Decimal("15")))
    return [
        Terms((_percent("10"),), RightsDuration(months, 12)),
        Terms((_percent("15"),), RightsDuration(months, 24), cap_per_introduction=Decimal(2000)),
        Terms((_percent("8"),), stays),
        Terms((Component(ComponentKind.TIERED, tiers=brackets),), stays),
        Terms(
            (Component(ComponentKind.QUALIFIED_FEE, amount=Decimal(150)), _percent("10")),
            RightsDuration(months, 12),
        ),
        Terms((_percent("12"),), RightsDuration(months, 36), cap_per_year=Decimal(20000)),
        Terms((_percent("5"),), RightsDuration(RightsKind.UNTIL_DATE, until=date(2022, 12, 31))),
        Terms(
            (Component(ComponentKind.TIERED, tiers=brackets, tier_mode=TierMode.WHOLE_VOLUME),),
            RightsDuration(months, 24),
        ),
    ]


def build_snapshot() -> LedgerSnapshot:
    shapes = _shapes()
    providers = [
        Party(i + 1, PartyKind.PROVIDER, LegalIdentity(f"Prestataire {i + 1:03d}"))
        for i in range(AGREEMENTS)
    ]
    clients_total = AGREEMENTS * INTRODUCTIONS_PER_AGREEMENT
    clients = [
        Party(AGREEMENTS + i + 1, PartyKind.CLIENT, LegalIdentity(f"Client {i + 1:05d}"))
        for i in range(clients_total)
    ]
    agreements, introductions, engagements, revenue = [], [], [], []
    start_day = FIRST_MONTH.first_day()
    for a in range(AGREEMENTS):
        agreement_id = a + 1
        agreements.append(
            Agreement(
                agreement_id,
                f"Accord {agreement_id:03d}",
                Direction.EARNED if a % 10 else Direction.OWED,
                providers[a].id or 0,
                date(2017, 1, 1),
                (TermsVersion(None, shapes[a % len(shapes)]),),
            )
        )
        for n in range(INTRODUCTIONS_PER_AGREEMENT):
            number = a * INTRODUCTIONS_PER_AGREEMENT + n + 1
            history = (StatusChange(IntroductionStatus.QUALIFIED, date(2017, 12, 1 + n % 28)),)
            introductions.append(
                Introduction(
                    number, agreement_id, clients[number - 1].id or 0, date(2017, 11, 1), history
                )
            )
            fee = Decimal(800 + (number * 37) % 900)
            engagements.append(
                Engagement(number, number, EngagementKind.LONG_TERM, start_day, amount=fee)
            )
            for month in range(MONTHS):
                revenue.append(
                    RevenueRevision(
                        None, number, FIRST_MONTH + month, fee + month % 7, RevenueStatus.CONFIRMED
                    )
                )
    revenue = [
        RevenueRevision(i + 1, r.engagement_id, r.period, r.amount, r.status)
        for i, r in enumerate(revenue)
    ]
    return LedgerSnapshot(
        None,
        tuple(providers + clients),
        tuple(agreements),
        tuple(introductions),
        tuple(engagements),
        tuple(revenue),
    )
