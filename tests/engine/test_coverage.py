"""Trial coverage, conversion window, rights duration, validity and tail."""

from __future__ import annotations

from decimal import Decimal

from apporteur_desktop.engine import coverage

from ..builders import Deal, agreement, by_month, fee_at_signature, total


def test_a_long_term_after_the_conversion_window_under_conversion_only_earns_nothing() -> None:
    deal = Deal(agreement(rate="20 %", trial="conversion only", window=60))
    intro = deal.introduce("2025-12-01")
    trial = deal.trial(intro, "2026-01-01", "2026-01-31")
    late = deal.long_term(intro, "2026-04-02")  # 61 days after the trial ended
    deal.revenue(trial, "2026-01", amount=800)
    deal.revenue(late, "2026-04", "2026-06", amount=1200)

    run = deal.preview("2026-01", "2026-12")

    assert run.added == ()
    assert run.plans[intro.id].reasons[late.id] == coverage.OUTSIDE_CONVERSION_WINDOW
    assert run.plans[intro.id].reasons[trial.id] == coverage.TRIAL_NOT_COVERED


def test_the_conversion_window_is_inclusive() -> None:
    deal = Deal(agreement(rate="20 %", trial="conversion only", window=60))
    intro = deal.introduce("2025-12-01")
    deal.trial(intro, "2026-01-01", "2026-01-31")
    on_the_last_day = deal.long_term(intro, "2026-04-01")  # exactly 60 days
    deal.revenue(on_the_last_day, "2026-04", amount=1000)

    assert by_month(deal.run("2026-01", "2026-12")) == {"2026-04": "200.00"}


def test_an_extended_trial_is_still_the_trial_and_the_window_counts_from_its_last_month() -> None:
    deal = Deal(agreement(rate="10 %", months=12, trial="trial and conversion", window=30))
    intro = deal.introduce("2025-12-01")
    trial = deal.trial(intro, "2026-01-01", "2026-02-28")
    retainer = deal.long_term(intro, "2026-03-20")
    deal.revenue(trial, "2026-01", "2026-02", amount=500)
    deal.revenue(retainer, "2026-03", "2027-03", amount=1000)

    months = by_month(deal.run("2026-01", "2027-12"))

    assert months["2026-01"] == months["2026-02"] == "50.00"
    assert list(months)[-1] == "2026-12"  # month 12 counted from the trial's start


def test_a_second_mission_earns_only_the_months_left_in_the_rights() -> None:
    deal = Deal(agreement(rate="10 %", months=6))
    intro = deal.introduce("2025-12-01")
    first = deal.one_off(intro, "2026-01-01", amount=1000)
    second = deal.one_off(intro, "2026-05-01", amount=1000)
    deal.revenue(first, "2026-01", amount=1000)
    deal.revenue(second, "2026-05", "2026-09", amount=1000)

    assert by_month(deal.run("2026-01", "2026-12")) == {
        "2026-01": "100.00",
        "2026-05": "100.00",
        "2026-06": "100.00",
    }


def test_rights_until_a_date_include_its_month() -> None:
    deal = Deal(agreement(rate="10 %", until="2026-03-15"))
    retainer = deal.long_term(deal.introduce("2025-12-01"), "2026-01-10")
    deal.revenue(retainer, "2026-01", "2026-06", amount=1000)

    assert list(by_month(deal.run("2026-01", "2026-12"))) == ["2026-01", "2026-02", "2026-03"]


def test_while_the_client_stays_has_no_end() -> None:
    deal = Deal(agreement(rate="10 %", rights_kind="while_client_stays", valid_from="2020-01-01"))
    retainer = deal.long_term(deal.introduce("2020-12-01"), "2021-01-01")
    deal.revenue(retainer, "2021-01", "2026-12", amount=100)

    lines = deal.run("2021-01", "2026-12")

    assert len(lines) == 72
    assert lines[-1].explanation.month_number == 72
    assert lines[-1].explanation.month_count is None


def test_an_introduction_made_outside_the_validity_earns_nothing() -> None:
    deal = Deal(agreement(rate="10 %", valid_from="2026-01-01", valid_until="2026-06-30"))
    retainer = deal.long_term(deal.introduce("2026-07-01"), "2026-07-15")
    deal.revenue(retainer, "2026-07", amount=1000)

    run = deal.preview("2026-01", "2026-12")

    assert run.added == ()
    assert set(next(iter(run.plans.values())).reasons.values()) == {
        coverage.INTRODUCTION_OUTSIDE_VALIDITY
    }


def test_rights_started_in_the_tail_run_their_full_length() -> None:
    deal = Deal(agreement(rate="10 %", months=12, valid_until="2026-03-31", tail_months=3))
    signed_in_tail = deal.long_term(deal.introduce("2026-03-01"), "2026-06-30")
    deal.revenue(signed_in_tail, "2026-06", "2027-12", amount=1000)

    months = by_month(deal.run("2026-01", "2027-12"))

    assert (min(months), max(months)) == ("2026-06", "2027-05")


def test_an_engagement_signed_after_the_tail_starts_no_clock() -> None:
    deal = Deal(agreement(rate="10 %", valid_until="2026-03-31", tail_months=3))
    intro = deal.introduce("2026-03-01")
    too_late = deal.long_term(intro, "2026-07-01")
    deal.revenue(too_late, "2026-07", amount=1000)

    run = deal.preview("2026-01", "2026-12")

    assert run.added == ()
    assert run.plans[intro.id].reasons[too_late.id] == coverage.SIGNED_AFTER_AGREEMENT


def test_rights_running_when_the_agreement_ends_continue_to_their_own_end() -> None:
    deal = Deal(agreement(rate="10 %", months=6, valid_until="2026-02-28"))
    retainer = deal.long_term(deal.introduce("2026-01-05"), "2026-02-01")
    deal.revenue(retainer, "2026-02", "2026-12", amount=1000)

    assert len(deal.run("2026-01", "2026-12")) == 6


def test_one_off_rights_cover_the_trial_and_its_conversion_only() -> None:
    deal = Deal(agreement(rate="10 %", rights_kind="one_off"))
    intro = deal.introduce("2025-12-01")
    trial = deal.trial(intro, "2026-01-01", "2026-01-31")
    conversion = deal.long_term(intro, "2026-02-01")
    other = deal.one_off(intro, "2026-08-01")
    for engagement, first, last in (
        (trial, "2026-01", "2026-01"),
        (conversion, "2026-02", "2027-12"),
        (other, "2026-08", "2026-08"),
    ):
        deal.revenue(engagement, first, last, amount=100)

    run = deal.preview("2026-01", "2027-12")

    assert total(list(run.added)) == Decimal("240.00")  # 24 months at 10.00
    assert run.plans[intro.id].reasons[other.id] == coverage.ONE_OFF_RIGHTS


def test_fee_at_signature_is_due_when_the_first_engagement_trial_included_is_signed() -> None:
    deal = Deal(agreement(fee_at_signature(300)))
    intro = deal.introduce("2026-01-02")
    deal.trial(intro, "2026-02-01", signed="2026-01-25")
    deal.long_term(intro, "2026-03-01")

    lines = deal.run("2026-01", "2026-12")

    assert [(str(line.key.period), str(line.amount)) for line in lines] == [("2026-01", "300.00")]
