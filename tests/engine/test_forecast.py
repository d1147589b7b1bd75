"""The 12-month forecast of recurring commissions: the agreement's rules over expected revenue."""

from __future__ import annotations

from decimal import Decimal

from apporteur_desktop.domain.money import ZERO
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.engine.forecast import (
    ForecastFacts,
    ForecastMonth,
    expected_revenue,
    forecast,
    forecast_agreement,
    runs_in,
)

from ..builders import Deal, agreement, d, fee_per_qualified_introduction, money, tiered


def facts_of(
    deal: Deal, first: str, used_before: dict[int, Decimal] | None = None
) -> ForecastFacts:
    """What the services would read: the year's known figures and each engagement's last one."""
    january = Period.parse(first).january()
    revenue = deal.facts().revenue
    known = {e: {p: a for p, a in months.items() if p >= january} for e, months in revenue.items()}
    last_known = {e: max(months.items()) for e, months in revenue.items() if months}
    return ForecastFacts(
        deal.agreement,
        tuple(deal.introductions),
        tuple(deal.engagements),
        known,
        last_known,
        used_before or {},
    )


def by_month(totals: dict[Period, Decimal]) -> dict[str, str]:
    """The months that earn something, as text."""
    return {str(p): str(amount) for p, amount in totals.items() if amount}


def test_a_the_retainer_goes_on_earning_until_the_rights_end() -> None:
    """Worked example A seen from May 2026: 240.00 a month to December, nothing after."""
    deal = Deal(agreement(rate="20 %", months=12, trial="trial and conversion"))
    intro = deal.introduce("2025-12-10")
    trial = deal.trial(intro, "2026-01-01", "2026-01-31", amount=800)
    retainer = deal.long_term(intro, "2026-02-01", amount=1200)
    deal.revenue(trial, "2026-01", amount=800)
    deal.revenue(retainer, "2026-02", "2026-04", amount=1200)

    totals = forecast_agreement(facts_of(deal, "2026-05"), Period(2026, 5))

    assert list(totals) == [Period(2026, 5) + n for n in range(12)]
    assert by_month(totals) == {f"2026-{m:02d}": "240.00" for m in range(5, 13)}
    assert sum(totals.values()) == Decimal("1920.00")


def test_the_last_known_figure_is_expected_not_the_fee() -> None:
    deal = Deal(agreement(rate="10 %", months=24))
    intro = deal.introduce("2026-01-05")
    retainer = deal.long_term(intro, "2026-02-01", amount=1000)
    deal.revenue(retainer, "2026-02", "2026-03", amount=1000)
    deal.revenue(retainer, "2026-04", amount=1300)  # a busier month, the latest known

    totals = forecast_agreement(facts_of(deal, "2026-05"), Period(2026, 5))

    assert set(by_month(totals).values()) == {"130.00"}
    assert len(by_month(totals)) == 12


def test_without_any_figure_the_monthly_fee_is_expected() -> None:
    deal = Deal(agreement(rate="10 %", months=12))
    intro = deal.introduce("2026-04-02")
    deal.long_term(intro, "2026-05-01", amount=1000)

    totals = forecast_agreement(facts_of(deal, "2026-05"), Period(2026, 5))

    assert by_month(totals) == {str(Period(2026, 5) + n): "100.00" for n in range(12)}


def test_a_figure_already_entered_for_a_coming_month_is_used() -> None:
    deal = Deal(agreement(rate="20 %", months=12))
    intro = deal.introduce("2026-01-05")
    retainer = deal.long_term(intro, "2026-02-01", amount=1200)
    deal.revenue(retainer, "2026-02", "2026-04", amount=1200)
    deal.revenue(retainer, "2026-05", amount=1500, status="estimated")

    totals = forecast_agreement(facts_of(deal, "2026-05"), Period(2026, 5))

    # May is known (1,500), and being the latest figure it is expected afterwards too.
    assert by_month(totals)["2026-05"] == "300.00"
    assert by_month(totals)["2026-06"] == "300.00"
    assert "2027-02" not in by_month(totals)  # twelve months of rights: February to January


def test_an_engagement_stops_earning_after_its_end() -> None:
    deal = Deal(agreement(rate="10 %", months=24))
    intro = deal.introduce("2026-01-05")
    retainer = deal.long_term(intro, "2026-02-01", end="2026-07-31", amount=1000)
    deal.revenue(retainer, "2026-02", "2026-04", amount=1000)

    totals = forecast_agreement(facts_of(deal, "2026-05"), Period(2026, 5))

    assert by_month(totals) == {"2026-05": "100.00", "2026-06": "100.00", "2026-07": "100.00"}


def test_b_trial_only_forecasts_nothing_for_the_long_term_engagement() -> None:
    deal = Deal(agreement(rate="20 %", months=12, trial="trial only"))
    intro = deal.introduce("2025-12-10")
    trial = deal.trial(intro, "2026-01-01", "2026-01-31", amount=800)
    retainer = deal.long_term(intro, "2026-02-01", amount=1200)
    deal.revenue(trial, "2026-01", amount=800)
    deal.revenue(retainer, "2026-02", "2026-04", amount=1200)

    assert by_month(forecast_agreement(facts_of(deal, "2026-05"), Period(2026, 5))) == {}


def test_h_the_cap_per_introduction_counts_what_stood_before_the_year() -> None:
    """Worked example H (15 %, cap 1,000, 2,000 a month) from November 2025: 300 and 300
    stood at the end of 2025, so January earns 300, February the last 100, then nothing."""
    deal = Deal(agreement(rate="15 %", months=12, cap=1000))
    intro = deal.introduce("2025-10-20")
    retainer = deal.long_term(intro, "2025-11-01", amount=2000)
    deal.revenue(retainer, "2025-11", "2025-12", amount=2000)

    facts = facts_of(deal, "2026-01", used_before={intro.id or 0: money("600.00")})
    totals = forecast_agreement(facts, Period(2026, 1))

    assert by_month(totals) == {"2026-01": "300.00", "2026-02": "100.00"}


def test_h_fees_earned_this_year_fill_the_cap_too() -> None:
    deal = Deal(agreement(fee_per_qualified_introduction(900), rate="10 %", months=12, cap=1000))
    intro = deal.introduce("2026-01-05", qualified="2026-01-10")
    retainer = deal.long_term(intro, "2026-02-01", amount=500)
    deal.revenue(retainer, "2026-02", amount=500)  # 900 + 50 stand by the end of February

    totals = forecast_agreement(facts_of(deal, "2026-03"), Period(2026, 3))

    assert by_month(totals) == {"2026-03": "50.00"}


def test_f_tier_brackets_fill_with_the_year_known_and_start_again_in_january() -> None:
    """Worked example F seen from March 2026: January and February (8,000) are known."""
    deal = Deal(
        agreement(tiered((10000, "10 %"), (None, "15 %")), rights_kind="while_client_stays")
    )
    intro = deal.introduce("2025-12-10")
    retainer = deal.long_term(intro, "2026-01-01", amount=4000)
    deal.revenue(retainer, "2026-01", "2026-02", amount=4000)

    totals = by_month(forecast_agreement(facts_of(deal, "2026-03"), Period(2026, 3)))

    assert totals["2026-03"] == "500.00"
    assert {totals[f"2026-{m:02d}"] for m in range(4, 13)} == {"600.00"}
    assert totals["2027-01"] == totals["2027-02"] == "400.00"


def test_the_forecast_adds_agreements_up_apart_by_direction() -> None:
    mine = Deal(agreement(rate="10 %", months=12))
    retainer = mine.long_term(mine.introduce("2026-04-01"), "2026-05-01", amount=1000)
    owed = Deal(agreement(rate="15 %", months=3, direction="owed"))
    owed_retainer = owed.long_term(owed.introduce("2026-04-01"), "2026-05-01", amount=2000)
    assert retainer.id == owed_retainer.id  # each deal numbers its own: ids may repeat

    months = forecast([facts_of(mine, "2026-05"), facts_of(owed, "2026-05")], Period(2026, 5))

    assert len(months) == 12
    assert months[0] == ForecastMonth(Period(2026, 5), money("100.00"), money("300.00"))
    assert months[3] == ForecastMonth(Period(2026, 8), money("100.00"), ZERO)


def test_no_agreement_forecasts_twelve_empty_months() -> None:
    months = forecast([], Period(2026, 11))
    assert [str(m.period) for m in (months[0], months[-1])] == ["2026-11", "2027-10"]
    assert all(m.earned == m.owed == ZERO for m in months)


def test_expected_revenue_and_the_months_an_engagement_runs_in() -> None:
    deal = Deal(agreement(rate="10 %"))
    intro = deal.introduce("2026-01-05")
    project = deal.one_off(intro, "2026-02-01", amount=50000)
    trial = deal.trial(intro, "2026-03-10", amount=800)  # no end: it lasts its first month
    retainer = deal.long_term(intro, "2026-04-01", amount=1200)
    deal.client_left(retainer, "2026-06-15")
    left = deal.engagements[-1]

    assert expected_revenue(project, None) is None  # a contract value, not a month's revenue
    assert expected_revenue(project, money("8000.00")) == money("8000.00")
    assert expected_revenue(retainer, None) == money("1200.00")
    assert [runs_in(trial, Period(2026, m)) for m in (2, 3, 4)] == [False, True, False]
    assert [runs_in(left, Period(2026, m)) for m in (3, 4, 6, 7)] == [False, True, True, False]
    assert d("2026-06-15") == left.terminated_on
