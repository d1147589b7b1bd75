"""Worked examples A–J of PRODUCT.md, to the cent, in the product's words."""

from __future__ import annotations

from decimal import Decimal

from apporteur_desktop.domain.enums import LineKind
from apporteur_desktop.engine.coverage import CONVERSION_NOT_COVERED

from ..builders import (
    Deal,
    agreement,
    by_month,
    fee_per_qualified_introduction,
    revenue_share,
    share_of_contract_value,
    tiered,
    total,
)

TWELVE_TIMES_240 = {f"2026-{m:02d}": "240.00" for m in range(2, 13)}


def test_a_trial_and_conversion_earns_the_trial_and_eleven_long_term_months() -> None:
    deal = Deal(agreement(rate="20 %", months=12, trial="trial and conversion"))
    intro = deal.introduce("2025-12-10")
    trial = deal.trial(intro, "2026-01-01", "2026-01-31", amount=800)
    retainer = deal.long_term(intro, "2026-02-01", amount=1200)
    deal.revenue(trial, "2026-01", amount=800)
    deal.revenue(retainer, "2026-02", "2027-06", amount=1200)

    lines = deal.run("2026-01", "2027-12")

    assert by_month(lines) == {"2026-01": "160.00", **TWELVE_TIMES_240}
    assert total(lines) == Decimal("2800.00")


def test_b_trial_only_earns_january_and_says_the_long_term_is_not_covered() -> None:
    deal = Deal(agreement(rate="20 %", months=12, trial="trial only"))
    intro = deal.introduce("2025-12-10")
    trial = deal.trial(intro, "2026-01-01", "2026-01-31", amount=800)
    retainer = deal.long_term(intro, "2026-02-01", amount=1200)
    deal.revenue(trial, "2026-01", amount=800)
    deal.revenue(retainer, "2026-02", "2026-12", amount=1200)

    run = deal.preview("2026-01", "2027-12")

    assert by_month(list(run.added)) == {"2026-01": "160.00"}
    assert run.plans[intro.id].reasons[retainer.id] == CONVERSION_NOT_COVERED


def test_c_conversion_only_earns_twelve_months_from_the_long_term_start() -> None:
    deal = Deal(agreement(rate="20 %", months=12, trial="conversion only"))
    intro = deal.introduce("2025-12-10")
    trial = deal.trial(intro, "2026-01-01", "2026-01-31", amount=800)
    retainer = deal.long_term(intro, "2026-02-01", amount=1200)
    deal.revenue(trial, "2026-01", amount=800)
    deal.revenue(retainer, "2026-02", "2027-06", amount=1200)

    lines = deal.run("2026-01", "2027-12")

    assert by_month(lines) == {**TWELVE_TIMES_240, "2027-01": "240.00"}
    assert len(lines) == 12
    assert total(lines) == Decimal("2880.00")


def test_d_hybrid_pays_each_qualified_meeting_and_ten_percent_for_twelve_months() -> None:
    deal = Deal(agreement(fee_per_qualified_introduction(200), revenue_share("10 %"), months=12))
    won = deal.introduce("2026-02-20", client=1, qualified="2026-03-05")
    deal.introduce("2026-02-21", client=2, qualified="2026-03-12")
    deal.introduce("2026-02-22", client=3, qualified="2026-03-26")
    retainer = deal.long_term(won, "2026-04-01", amount=500)
    deal.revenue(retainer, "2026-04", "2027-12", amount=500)

    lines = deal.run("2026-01", "2027-12")

    assert by_month(lines)["2026-03"] == "600.00"
    monthly = [
        line for line in lines if line.key.period.year * 100 + line.key.period.month >= 202604
    ]
    assert [str(line.amount) for line in monthly] == ["50.00"] * 12
    assert str(monthly[-1].key.period) == "2027-03"
    assert total(lines) == Decimal("1200.00")


def test_e_seven_percent_of_contract_value_is_due_in_the_month_of_signature() -> None:
    deal = Deal(agreement(share_of_contract_value("7 %")))
    intro = deal.introduce("2026-05-02")
    deal.one_off(intro, "2026-07-01", amount=50000, signed="2026-06-10")

    lines = deal.run("2026-06", "2026-06")

    assert [(str(line.key.period), str(line.amount)) for line in lines] == [("2026-06", "3500.00")]
    assert str(lines[0].event_date) == "2026-06-10"


def test_f_marginal_tiers_split_the_crossing_month_and_start_again_in_january() -> None:
    deal = Deal(
        agreement(tiered((10000, "10 %"), (None, "15 %")), rights_kind="while_client_stays")
    )
    intro = deal.introduce("2025-12-01")
    retainer = deal.long_term(intro, "2026-01-01", amount=4000)
    deal.revenue(retainer, "2026-01", "2027-03", amount=4000)

    months = by_month(deal.run("2026-01", "2027-03"))

    assert [months["2026-01"], months["2026-02"], months["2026-03"]] == [
        "400.00",
        "400.00",
        "500.00",
    ]
    assert {months[f"2026-{m:02d}"] for m in range(4, 13)} == {"600.00"}
    assert [months["2027-01"], months["2027-02"], months["2027-03"]] == [
        "400.00",
        "400.00",
        "500.00",
    ]


def test_f_with_whole_volume_the_crossing_month_carries_the_catch_up() -> None:
    deal = Deal(
        agreement(
            tiered((10000, "10 %"), (None, "15 %"), mode="whole_volume"),
            rights_kind="while_client_stays",
        )
    )
    retainer = deal.long_term(deal.introduce("2025-12-01"), "2026-01-01", amount=4000)
    deal.revenue(retainer, "2026-01", "2026-06", amount=4000)

    assert list(by_month(deal.run("2026-01", "2026-06")).values()) == [
        "400.00",
        "400.00",
        "1000.00",
        "600.00",
        "600.00",
        "600.00",
    ]


def test_g_client_leaving_inside_the_clawback_window_reverses_the_invoiced_march() -> None:
    deal = Deal(agreement(rate="10 %", clawback_days=30))
    intro = deal.introduce("2026-02-10")
    retainer = deal.long_term(intro, "2026-03-01", amount=900)
    deal.revenue(retainer, "2026-03", amount=900)
    march = deal.run("2026-03", "2026-03")
    assert [str(line.amount) for line in march] == ["90.00"]
    deal.invoice_everything()

    deal.client_left(retainer, "2026-03-20")
    april = deal.run("2026-04", "2026-04")

    assert [(line.kind, str(line.amount), str(line.key.period)) for line in april] == [
        (LineKind.CLAWBACK, "-90.00", "2026-03")
    ]
    assert april[0].corrects_id == deal.saved[0].id


def test_h_cap_per_introduction_cuts_the_fourth_month_and_zeroes_the_rest() -> None:
    deal = Deal(agreement(rate="15 %", cap=1000))
    retainer = deal.long_term(deal.introduce("2026-01-01"), "2026-01-01", amount=2000)
    deal.revenue(retainer, "2026-01", "2026-06", amount=2000)

    lines = deal.run("2026-01", "2026-06")

    assert [str(line.amount) for line in lines] == [
        "300.00",
        "300.00",
        "300.00",
        "100.00",
        "0.00",
        "0.00",
    ]
    assert lines[4].explanation.reason == "cap_introduction"
    assert lines[4].explanation.uncapped == Decimal("300.00")
    assert lines[3].explanation.cap_left == Decimal("0.00")


def test_i_amendment_applies_from_its_month_and_never_recomputes_earlier_months() -> None:
    deal = Deal(agreement(rate="10 %", months=12))
    retainer = deal.long_term(deal.introduce("2025-12-15"), "2026-01-01", amount=1000)
    deal.revenue(retainer, "2026-01", "2026-12", amount=1000)
    first_quarter = deal.run("2026-01", "2026-03")
    deal.invoice_everything()

    deal.amend("2026-04-01", rate="12 %", months=12)
    rest = deal.run("2026-04", "2026-12")

    assert [str(line.amount) for line in first_quarter] == ["100.00"] * 3
    assert [str(line.amount) for line in rest] == ["120.00"] * 9
    assert total(first_quarter + rest) == Decimal("1380.00")


def test_i_amendment_recorded_after_its_months_were_saved_adds_adjustments() -> None:
    deal = Deal(agreement(rate="10 %", months=12))
    retainer = deal.long_term(deal.introduce("2025-12-15"), "2026-01-01", amount=1000)
    deal.revenue(retainer, "2026-01", "2026-05", amount=1000)
    deal.run("2026-01", "2026-05")

    deal.amend("2026-04-15", rate="12 %", months=12)
    later = deal.run("2026-06", "2026-06")

    assert [(line.kind, str(line.key.period), str(line.amount)) for line in later] == [
        (LineKind.ADJUSTMENT, "2026-04", "20.00"),
        (LineKind.ADJUSTMENT, "2026-05", "20.00"),
    ]


def test_j_revenue_corrected_after_invoicing_adds_a_referenced_adjustment() -> None:
    deal = Deal(agreement(rate="20 %"))
    retainer = deal.long_term(deal.introduce("2026-02-01"), "2026-03-01", amount=1000)
    deal.revenue(retainer, "2026-03", amount=1000)
    march = deal.run("2026-03", "2026-03")
    deal.invoice_everything()

    deal.revenue(retainer, "2026-03", amount=900)
    april = deal.run("2026-04", "2026-04")

    assert [str(line.amount) for line in march] == ["200.00"]
    assert len(april) == 1
    adjustment = april[0]
    assert (adjustment.kind, str(adjustment.amount), str(adjustment.key.period)) == (
        LineKind.ADJUSTMENT,
        "-20.00",
        "2026-03",
    )
    assert adjustment.corrects_id == deal.saved[0].id
    assert adjustment.explanation.previous == Decimal("200.00")
