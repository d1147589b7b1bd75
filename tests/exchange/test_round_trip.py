"""write → read → write over generated ledgers: the file loses nothing and never drifts."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from apporteur_desktop.exchange import read_ledger, write_ledger
from apporteur_desktop.validation.ledger import name_key
from tests.validation.builders import IBAN, SIREN, SIRET, VAT_NUMBER

from .snapshots import renumbered

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
names = texts.filter(lambda t: t.strip())
money = st.integers(0, 10**9).map(lambda cents: Decimal(cents).scaleb(-2))
rates = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False)
days = st.dates(date(2024, 1, 1), date(2028, 12, 31))


def after(day: date, most: int = 400) -> st.SearchStrategy[date]:
    return st.integers(0, most).map(lambda n: day + timedelta(days=n))


@st.composite
def identities(draw, name: str) -> LegalIdentity:
    registered = draw(st.booleans())
    address = draw(
        st.one_of(
            st.just(Address()),
            st.builds(Address, texts, texts, texts, st.sampled_from(["FR", "BE"])),
        )
    )
    return LegalIdentity(
        name=name,
        sole_trader=draw(st.booleans()),
        legal_form=draw(texts),
        siren=SIREN if registered else "",
        siret=SIRET if registered and draw(st.booleans()) else "",
        vat_number=VAT_NUMBER if registered and draw(st.booleans()) else "",
        registration=draw(texts),
        share_capital=draw(st.none() | money),
        address=address,
        email=draw(st.sampled_from(["", "camille@exemple.fr"])),
    )


@st.composite
def components(draw) -> Component:
    kind = draw(st.sampled_from(ComponentKind))
    label = draw(texts)
    if kind is ComponentKind.TIERED:
        bounds = sorted(draw(st.sets(money.filter(lambda m: m > 0), min_size=0, max_size=3)))
        tiers = [Tier(bound, draw(rates)) for bound in bounds]
        if not tiers or draw(st.booleans()):
            tiers.append(Tier(None, draw(rates)))
        mode = draw(st.sampled_from(TierMode))
        return Component(kind, tiers=tuple(tiers), tier_mode=mode, label=label)
    if kind in (ComponentKind.QUALIFIED_FEE, ComponentKind.SIGNATURE_FEE):
        return Component(kind, amount=draw(money), label=label)
    return Component(kind, rate=draw(rates), label=label)


@st.composite
def terms(draw, valid_from: date) -> Terms:
    rights_kind = draw(st.sampled_from(RightsKind))
    rights = RightsDuration(
        rights_kind,
        months=draw(st.integers(1, 36)) if rights_kind is RightsKind.MONTHS else None,
        until=draw(after(valid_from, 900)) if rights_kind is RightsKind.UNTIL_DATE else None,
    )
    payment_kind = draw(st.sampled_from(PaymentTermsKind))
    limit = 60 if payment_kind is PaymentTermsKind.NET else 45
    return Terms(
        components=tuple(draw(st.lists(components(), min_size=1, max_size=3))),
        rights=rights,
        trial_coverage=draw(st.sampled_from(TrialCoverage)),
        conversion_window_days=draw(st.integers(0, 120)),
        cap_per_introduction=draw(st.none() | money),
        cap_per_year=draw(st.none() | money),
        clawback_days=draw(st.integers(0, 90)),
        tail_months=draw(st.integers(0, 12)),
        payment_terms=PaymentTerms(payment_kind, draw(st.integers(0, limit))),
    )


@st.composite
def ledgers(draw) -> LedgerSnapshot:
    ids = itertools.count(draw(st.integers(1, 50)), draw(st.integers(1, 7)))  # any ids will do
    parties: list[Party] = []
    for kind in PartyKind:
        for name in draw(st.lists(names, min_size=1, max_size=3, unique_by=name_key)):
            parties.append(Party(next(ids), kind, draw(identities(name)), draw(texts)))
    by_kind = {kind: [p for p in parties if p.kind is kind] for kind in PartyKind}
    identity = None
    if draw(st.booleans()):
        regime = draw(st.sampled_from(VatRegime))
        identity = BusinessIdentity(
            draw(identities("Camille Durand")),
            regime,
            draw(st.none() | rates),
            draw(st.booleans()),
            draw(st.sampled_from(["", IBAN])),
            draw(st.sampled_from(["", "BNPAFRPPXXX"])),
        )
    agreements, introductions, engagements, revenue = [], [], [], []
    for name in draw(st.lists(names, max_size=3, unique_by=name_key)):
        direction = draw(st.sampled_from(Direction))
        kind = PartyKind.PROVIDER if direction is Direction.EARNED else PartyKind.INTRODUCER
        valid_from = draw(days)
        versions = [TermsVersion(None, draw(terms(valid_from)), draw(texts), next(ids))]
        effective = valid_from
        for _ in range(draw(st.integers(0, 2))):
            effective = draw(after(effective + timedelta(days=1), 200))
            versions.append(
                TermsVersion(effective, draw(terms(valid_from)), draw(texts), next(ids))
            )
        agreement = Agreement(
            id=next(ids),
            name=name,
            direction=direction,
            counterparty_id=draw(st.sampled_from(by_kind[kind])).id or 0,
            valid_from=valid_from,
            versions=tuple(versions),
            signed_on=draw(st.none() | days),
            valid_until=draw(st.none() | after(valid_from, 900)),
            self_billing=draw(st.booleans()),
            qualification_criteria=draw(texts),
            exclusivity=draw(texts),
            territory=draw(texts),
            notes=draw(texts),
        )
        agreements.append(agreement)
        for _ in range(draw(st.integers(0, 2))):
            introduced_on = draw(days)
            history, on = [], introduced_on
            for status in draw(st.lists(st.sampled_from(IntroductionStatus), max_size=3)):
                if history and history[-1].status is IntroductionStatus.LOST:
                    break
                on = draw(after(on, 60))
                history.append(StatusChange(status, on))
            introduction = Introduction(
                next(ids),
                agreement.id or 0,
                draw(st.sampled_from(by_kind[PartyKind.CLIENT])).id or 0,
                introduced_on,
                tuple(history),
                draw(texts),
            )
            introductions.append(introduction)
            labels = draw(st.lists(names, max_size=3, unique_by=name_key))
            trials: list[int] = []
            for label in labels:
                kind_of = draw(st.sampled_from(EngagementKind))
                start = draw(days)
                engagement = Engagement(
                    id=next(ids),
                    introduction_id=introduction.id or 0,
                    kind=kind_of,
                    start=start,
                    end=draw(st.none() | after(start)),
                    amount=draw(st.none() | money),
                    signed_on=draw(st.none() | days),
                    converts_trial_id=(
                        draw(st.none() | st.sampled_from(trials))
                        if kind_of is EngagementKind.LONG_TERM and trials
                        else None
                    ),
                    terminated_on=draw(st.none() | after(start)),
                    label=label,
                )
                engagements.append(engagement)
                if kind_of is EngagementKind.TRIAL:
                    trials.append(engagement.id or 0)
                confirmed: set[Period] = set()
                for _ in range(draw(st.integers(0, 3))):
                    period = Period.of(draw(after(start, 90)))
                    status = draw(st.sampled_from(RevenueStatus))
                    if period in confirmed:
                        status = RevenueStatus.CONFIRMED
                    if status is RevenueStatus.CONFIRMED:
                        confirmed.add(period)
                    revenue.append(
                        RevenueRevision(
                            next(ids), engagement.id or 0, period, draw(money), status, draw(texts)
                        )
                    )
    return LedgerSnapshot(
        identity=identity,
        parties=tuple(parties),
        agreements=tuple(agreements),
        introductions=tuple(introductions),
        engagements=tuple(engagements),
        revenue=tuple(revenue),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers())
def test_a_written_ledger_reads_back_the_same_up_to_ids(snapshot):
    text = write_ledger(snapshot)
    back = read_ledger(text)
    assert back == renumbered(snapshot)
    assert write_ledger(back) == text
