"""Caps, clawbacks freeing room, estimates confirmed later, reruns, and the owed direction."""

from __future__ import annotations

from decimal import Decimal

from apporteur_desktop.domain.enums import Direction, LineKind

from ..builders import Deal, agreement, by_month, fee_per_qualified_introduction, total


def test_yearly_cap_covers_every_introduction_and_starts_again_in_january() -> None:
    deal = Deal(agreement(rate="10 %", yearly_cap=250, rights_kind="while_client_stays"))
    first = deal.long_term(deal.introduce("2025-12-01", client=1), "2026-01-01")
    second = deal.long_term(deal.introduce("2025-12-02", client=2), "2026-01-15")
    deal.revenue(first, "2026-11", "2027-01", amount=1000)
    deal.revenue(second, "2026-11", "2027-01", amount=1000)

    lines = deal.run("2026-11", "2027-01")

    assert [str(line.amount) for line in lines] == [
        "100.00",
        "100.00",
        "50.00",
        "0.00",
        "100.00",
        "100.00",
    ]
    assert lines[2].explanation.reason == "cap_year"


def test_lines_of_one_month_cross_the_cap_in_order_of_engagement_start() -> None:
    deal = Deal(agreement(rate="10 %", yearly_cap=150))
    later = deal.long_term(deal.introduce("2025-12-01", client=1), "2026-01-20")
    earlier = deal.long_term(deal.introduce("2025-12-02", client=2), "2026-01-05")
    deal.revenue(later, "2026-01", amount=1000)
    deal.revenue(earlier, "2026-01", amount=1000)

    lines = deal.run("2026-01", "2026-01")

    assert {line.key.engagement_id: str(line.amount) for line in lines} == {
        earlier.id: "100.00",
        later.id: "50.00",
    }


def test_room_freed_by_a_clawback_can_be_earned_again() -> None:
    deal = Deal(agreement(rate="10 %", cap=150, clawback_days=30))
    intro = deal.introduce("2026-01-01")
    churned = deal.one_off(intro, "2026-01-01", amount=1000)
    kept = deal.one_off(intro, "2026-02-01", amount=1000)
    deal.revenue(churned, "2026-01", amount=1000)
    deal.revenue(kept, "2026-02", amount=1000)
    deal.run("2026-01", "2026-02")  # 100.00 then 50.00 (capped)

    deal.client_left(churned, "2026-01-20")
    march = deal.run("2026-03", "2026-03")

    assert sorted((line.kind, str(line.amount)) for line in march) == [
        (LineKind.ADJUSTMENT, "50.00"),
        (LineKind.CLAWBACK, "-100.00"),
    ]


def test_a_clawback_keeps_the_fee_for_the_qualified_introduction() -> None:
    deal = Deal(agreement(fee_per_qualified_introduction(150), rate="10 %", clawback_days=30))
    intro = deal.introduce("2026-01-02", qualified="2026-01-10")
    retainer = deal.long_term(intro, "2026-02-01")
    deal.revenue(retainer, "2026-02", amount=1000)
    deal.client_left(retainer, "2026-02-15")

    assert by_month(deal.run("2026-01", "2026-02")) == {"2026-01": "150.00"}


def test_leaving_after_the_clawback_window_reverses_nothing() -> None:
    deal = Deal(agreement(rate="10 %", clawback_days=30))
    retainer = deal.long_term(deal.introduce("2026-01-02"), "2026-02-01")
    deal.revenue(retainer, "2026-02", "2026-03", amount=1000)
    deal.run("2026-02", "2026-03")
    deal.client_left(retainer, "2026-03-31")

    assert deal.run("2026-04", "2026-04") == []


def test_a_confirmed_figure_that_differs_from_the_estimate_adds_an_adjustment() -> None:
    deal = Deal(agreement(rate="10 %"))
    retainer = deal.long_term(deal.introduce("2026-01-02"), "2026-02-01")
    deal.revenue(retainer, "2026-02", amount=1000, status="estimated")
    deal.run("2026-02", "2026-02")

    deal.revenue(retainer, "2026-02", amount=1100, status="confirmed")
    deal.revenue(retainer, "2026-02", amount=5000, status="estimated")  # never replaces it
    adjustment = deal.run("2026-03", "2026-03")

    assert [(line.kind, str(line.amount)) for line in adjustment] == [
        (LineKind.ADJUSTMENT, "10.00")
    ]


def test_previewing_twice_is_identical_and_a_run_after_a_saved_run_adds_nothing() -> None:
    deal = Deal(agreement(rate="12.5 %", cap=1000))
    retainer = deal.long_term(deal.introduce("2026-01-02"), "2026-01-01")
    deal.revenue(retainer, "2026-01", "2026-12", amount="1234.56")

    assert deal.preview("2026-01", "2026-12") == deal.preview("2026-01", "2026-12")
    first = deal.run("2026-01", "2026-12")
    assert total(first) == Decimal("1000.00")
    assert deal.run("2026-01", "2026-12") == []
    assert deal.run("2025-01", "2027-12") == []


def test_owed_lines_carry_their_direction_with_positive_amounts() -> None:
    deal = Deal(agreement(rate="15 %", months=6, direction="owed"))
    retainer = deal.long_term(deal.introduce("2026-01-02"), "2026-01-01")
    deal.revenue(retainer, "2026-01", "2026-12", amount=2000)

    lines = deal.run("2026-01", "2026-12")

    assert {line.direction for line in lines} == {Direction.OWED}
    assert [str(line.amount) for line in lines] == ["300.00"] * 6


def test_deleting_the_only_component_withdraws_what_was_saved_for_later_months() -> None:
    deal = Deal(agreement(rate="10 %", months=12))
    retainer = deal.long_term(deal.introduce("2026-01-02"), "2026-01-01")
    deal.revenue(retainer, "2026-01", "2026-04", amount=1000)
    deal.run("2026-01", "2026-04")

    deal.amend("2026-03-01", fee_per_qualified_introduction(0), months=12)
    withdrawn = deal.run("2026-05", "2026-05")

    assert [
        (line.kind, str(line.key.period), str(line.amount), line.explanation.reason)
        for line in withdrawn
    ] == [
        (LineKind.ADJUSTMENT, "2026-03", "-100.00", "not_covered"),
        (LineKind.ADJUSTMENT, "2026-04", "-100.00", "not_covered"),
    ]
