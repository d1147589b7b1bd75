"""Properties that hold for any agreement, introduction and revenue the user may enter."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from apporteur_desktop.domain.agreements import Tier
from apporteur_desktop.domain.enums import TierMode
from apporteur_desktop.domain.money import percent_of
from apporteur_desktop.engine.tiers import year_to_date_commission

from ..builders import COVERAGE, Deal, agreement, tiered, total

rates = st.decimals(min_value=0, max_value=100, places=2)
amounts = st.decimals(min_value=0, max_value=20000, places=2)
coverages = st.sampled_from(sorted(COVERAGE))


@st.composite
def deals(draw: st.DrawFn) -> Deal:
    cap = draw(st.none() | st.integers(min_value=0, max_value=5000))
    yearly = draw(st.none() | st.integers(min_value=0, max_value=8000))
    components = ()
    rate = None
    if draw(st.booleans()):
        rate = f"{draw(rates)}"
    else:
        low, high = draw(rates), draw(rates)
        bound = draw(st.integers(min_value=1, max_value=30000))
        components = (
            tiered(
                (bound, f"{low}"),
                (None, f"{high}"),
                mode=draw(st.sampled_from(["marginal", "whole_volume"])),
            ),
        )
    deal = Deal(
        agreement(
            *components,
            rate=rate,
            months=draw(st.integers(min_value=1, max_value=24)),
            trial=draw(coverages),
            cap=cap,
            yearly_cap=yearly,
            clawback_days=draw(st.sampled_from([0, 30])),
        )
    )
    for client in range(draw(st.integers(min_value=1, max_value=3))):
        intro = deal.introduce("2025-06-01", client=client)
        start_month = draw(st.integers(min_value=1, max_value=6))
        if draw(st.booleans()):
            trial = deal.trial(intro, f"2025-{start_month:02d}-01")
            deal.revenue(trial, f"2025-{start_month:02d}", amount=draw(amounts))
            start_month += draw(st.integers(min_value=1, max_value=4))
        retainer = deal.long_term(intro, f"2025-{start_month:02d}-10")
        for month in range(start_month, start_month + draw(st.integers(min_value=1, max_value=18))):
            year, m = 2025 + (month - 1) // 12, (month - 1) % 12 + 1
            deal.revenue(retainer, f"{year}-{m:02d}", amount=draw(amounts))
        if draw(st.booleans()):
            deal.client_left(retainer, f"2025-{start_month:02d}-25")
    return deal


@settings(max_examples=60, deadline=None)
@given(deals())
def test_no_introduction_ever_exceeds_its_cap(deal: Deal) -> None:
    lines = deal.run("2025-01", "2027-12")
    cap = deal.agreement.original_terms.cap_per_introduction
    per_introduction: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        per_introduction[line.key.introduction_id] += line.amount
    if cap is not None:
        assert all(amount <= cap for amount in per_introduction.values())
    yearly = deal.agreement.original_terms.cap_per_year
    per_year: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        per_year[line.key.period.year] += line.amount
    if yearly is not None:
        assert all(amount <= yearly for amount in per_year.values())


@settings(max_examples=40, deadline=None)
@given(deals())
def test_a_range_total_equals_the_sum_of_its_months(deal: Deal) -> None:
    month_by_month = Deal(deal.agreement, deal.introductions, deal.engagements, deal.revisions)
    by_range = deal.run("2025-01", "2027-06")
    monthly = []
    for index in range(30):
        period = f"{2025 + index // 12}-{index % 12 + 1:02d}"
        monthly += month_by_month.run(period, period)
    assert total(by_range) == total(monthly)


@settings(max_examples=40, deadline=None)
@given(deals())
def test_rerunning_adds_nothing_and_previews_are_identical(deal: Deal) -> None:
    assert deal.preview("2025-01", "2027-12") == deal.preview("2025-01", "2027-12")
    deal.run("2025-01", "2027-12")
    assert deal.run("2025-01", "2027-12") == []


@settings(max_examples=40, deadline=None)
@given(deals())
def test_every_amount_is_a_decimal_with_two_places(deal: Deal) -> None:
    for line in deal.run("2025-01", "2027-12"):
        assert isinstance(line.amount, Decimal)
        assert line.amount.as_tuple().exponent == -2


@given(
    low=rates,
    high=rates,
    bound=st.decimals(min_value=1, max_value=100000, places=2),
    cumulative=st.decimals(min_value=0, max_value=500000, places=2),
)
def test_marginal_tiers_never_pay_less_than_the_lower_rate_on_the_whole_base(
    low: Decimal, high: Decimal, bound: Decimal, cumulative: Decimal
) -> None:
    lower, upper = sorted((low, high))
    tiers = (Tier(bound, lower), Tier(None, upper))
    commission = year_to_date_commission(cumulative, tiers, TierMode.MARGINAL)
    assert commission >= percent_of(cumulative, lower)
    assert commission <= year_to_date_commission(cumulative, tiers, TierMode.WHOLE_VOLUME)
