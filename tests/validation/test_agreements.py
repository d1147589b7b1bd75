from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from apporteur_desktop.domain.agreements import Component, RightsDuration, Tier
from apporteur_desktop.domain.enums import ComponentKind, RightsKind
from apporteur_desktop.validation.agreements import (
    check_agreement,
    check_component,
    check_payment_terms,
    check_rights,
    check_terms,
)

from .builders import (
    agreement,
    amended,
    d,
    fee_at_signature,
    fee_per_qualified_introduction,
    revenue_share,
    share_of_contract_value,
    terms,
    tiered,
    warned,
    where,
)

# --- components --------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", ["0", "5", "12.5", "30", "100"])
def test_a_revenue_share_between_0_and_100_percent(rate):
    assert check_component(revenue_share(rate))[0] == []


def test_a_rate_above_100_percent_is_refused_with_the_maximum():
    problems, _ = check_component(revenue_share("130"))
    assert where(problems) == [("rate", "above_maximum")]
    assert problems[0].value == Decimal("130")
    assert problems[0].params == {"maximum": 100}


def test_a_negative_rate_is_refused_with_the_minimum():
    problems, _ = check_component(share_of_contract_value("-1"))
    assert where(problems) == [("rate", "below_minimum")]
    assert problems[0].params == {"minimum": 0}


def test_a_rate_above_30_percent_is_only_a_warning():
    problems, notices = check_component(revenue_share("35"))
    assert problems == []
    assert warned(notices) == [("rate", "rate_above_usual")]
    assert notices[0].params["rate"] == Decimal("35")
    assert notices[0].params["usual_maximum"] == 30


@pytest.mark.parametrize(
    "kind", [ComponentKind.REVENUE_PERCENT, ComponentKind.CONTRACT_VALUE_PERCENT]
)
def test_a_percentage_needs_its_rate(kind):
    assert where(check_component(Component(kind))[0]) == [("rate", "required")]


@pytest.mark.parametrize("kind", [ComponentKind.QUALIFIED_FEE, ComponentKind.SIGNATURE_FEE])
def test_a_fee_needs_its_amount(kind):
    assert where(check_component(Component(kind))[0]) == [("amount", "required")]


def test_a_fee_of_150_euros_is_fine_and_a_negative_one_is_not():
    assert check_component(fee_per_qualified_introduction(150)) == ([], [])
    assert where(check_component(fee_at_signature(-150))[0]) == [("amount", "below_minimum")]


def test_a_fee_in_fractions_of_a_cent_is_refused():
    problems, _ = check_component(fee_at_signature("150.005"))
    assert where(problems) == [("amount", "too_many_decimals")]
    assert problems[0].params == {"places": 2}


def test_fields_a_kind_does_not_use_are_refused():
    fee_with_rate = Component(ComponentKind.QUALIFIED_FEE, rate=Decimal(10), amount=Decimal(150))
    share_with_amount = Component(
        ComponentKind.REVENUE_PERCENT, rate=Decimal(10), amount=Decimal(1)
    )
    share_with_tiers = replace(revenue_share("10"), tiers=(Tier(None, Decimal(10)),))
    assert where(check_component(fee_with_rate)[0]) == [("rate", "not_applicable")]
    assert where(check_component(share_with_amount)[0]) == [("amount", "not_applicable")]
    assert where(check_component(share_with_tiers)[0]) == [("tiers", "not_applicable")]
    assert check_component(fee_with_rate)[0][0].params == {"kind": ComponentKind.QUALIFIED_FEE}


# --- tiers -------------------------------------------------------------------------------------


def test_worked_example_f_brackets_are_fine():
    assert check_component(tiered((10000, 10), (None, 15))) == ([], [])


def test_a_tiered_component_needs_a_bracket():
    assert where(check_component(Component(ComponentKind.TIERED))[0]) == [("tiers", "required")]


def test_bounds_must_go_up():
    problems, _ = check_component(tiered((10000, 10), (5000, 12), (None, 15)))
    assert where(problems) == [("tiers[1].up_to", "not_ascending")]
    assert problems[0].params == {"previous": Decimal(10000)}


def test_only_the_last_bracket_may_be_open():
    problems, _ = check_component(tiered((None, 10), (10000, 15)))
    assert where(problems) == [("tiers[0].up_to", "open_tier_not_last")]


def test_a_last_bracket_with_a_bound_is_allowed():
    assert check_component(tiered((10000, 10), (20000, 15))) == ([], [])


def test_every_bracket_rate_is_checked():
    problems, notices = check_component(tiered((10000, 40), (None, 150)))
    assert where(problems) == [("tiers[1].rate", "above_maximum")]
    assert warned(notices) == [("tiers[0].rate", "rate_above_usual")]


# --- rights, payment, caps ---------------------------------------------------------------------


def test_rights_for_n_months_need_at_least_one_month():
    assert check_rights(RightsDuration(RightsKind.MONTHS, 12)) == []
    assert where(check_rights(RightsDuration(RightsKind.MONTHS, 0))) == [
        ("months", "below_minimum")
    ]
    assert where(check_rights(RightsDuration(RightsKind.MONTHS))) == [("months", "required")]


def test_rights_until_a_date_need_the_date():
    assert check_rights(RightsDuration(RightsKind.UNTIL_DATE, until=d("2026-12-31"))) == []
    assert where(check_rights(RightsDuration(RightsKind.UNTIL_DATE))) == [("until", "required")]


def test_one_off_rights_take_no_months():
    assert check_rights(RightsDuration(RightsKind.ONE_OFF)) == []
    assert where(check_rights(RightsDuration(RightsKind.WHILE_CLIENT_STAYS, months=3))) == [
        ("months", "not_applicable")
    ]


@pytest.mark.parametrize(
    ("payment", "days", "maximum"),
    [
        ("net", 60, None),
        ("net", 61, 60),
        ("days end of month", 45, None),
        ("days end of month", 46, 45),
        ("end of month, then days", 46, 45),
    ],
)
def test_payment_terms_within_the_legal_limits(payment, days, maximum):
    problems = check_payment_terms(
        terms(revenue_share(10), payment=payment, payment_days=days).payment_terms
    )
    if maximum is None:
        assert problems == []
    else:
        assert where(problems) == [("days", "above_maximum")]
        assert problems[0].params["maximum"] == maximum


def test_negative_counts_and_caps_are_refused():
    problems, _ = check_terms(
        terms(
            revenue_share(10), window=-1, cap=-1, yearly_cap=-5, clawback_days=-30, tail_months=-1
        )
    )
    assert where(problems) == [
        ("conversion_window_days", "below_minimum"),
        ("cap_per_introduction", "below_minimum"),
        ("cap_per_year", "below_minimum"),
        ("clawback_days", "below_minimum"),
        ("tail_months", "below_minimum"),
    ]


def test_terms_need_a_component():
    assert where(check_terms(terms())[0]) == [("components", "required")]


def test_every_component_is_named_by_its_place():
    problems, _ = check_terms(terms(fee_per_qualified_introduction(200), revenue_share(130)))
    assert where(problems) == [("components[1].rate", "above_maximum")]


# --- agreements and amendments -----------------------------------------------------------------


def test_worked_example_d_hybrid_is_fine():
    hybrid = agreement(fee_per_qualified_introduction(200), revenue_share(10), cap=1000)
    assert check_agreement(hybrid) == ([], [])


def test_an_agreement_needs_a_name():
    assert where(check_agreement(agreement(name=" "))[0]) == [("name", "required")]


def test_validity_cannot_end_before_it_starts():
    problems, _ = check_agreement(agreement(valid_from="2026-01-01", valid_until="2025-12-31"))
    assert where(problems) == [("valid_until", "date_before_minimum")]
    assert problems[0].params == {"minimum": d("2026-01-01"), "reference": "valid_from"}


def test_an_unsigned_draft_is_allowed():
    assert check_agreement(agreement(signed_on=None)) == ([], [])


def test_rights_until_a_date_before_the_agreement_starts():
    rights = RightsDuration(RightsKind.UNTIL_DATE, until=d("2025-06-30"))
    problems, _ = check_agreement(agreement(rights=rights))
    assert where(problems) == [("versions[0].terms.rights.until", "date_before_minimum")]


def test_worked_example_i_amendment_is_fine():
    ten_percent = agreement(rate="10 %")
    amendment = amended(ten_percent, "2026-04-01", components=(revenue_share(12),))
    assert check_agreement(amendment) == ([], [])


def test_an_amendment_cannot_take_effect_before_the_agreement():
    problems, _ = check_agreement(amended(agreement(), "2025-12-01", cap_per_year=Decimal(5000)))
    assert where(problems) == [("versions[1].effective_on", "date_before_minimum")]


def test_amendments_follow_each_other_in_date_order():
    twice = amended(
        amended(agreement(), "2026-04-01", clawback_days=30), "2026-04-01", clawback_days=15
    )
    earlier = amended(
        amended(agreement(), "2026-06-01", clawback_days=30), "2026-03-01", clawback_days=15
    )
    assert where(check_agreement(twice)[0]) == [("versions[2].effective_on", "not_after_previous")]
    problems, _ = check_agreement(earlier)
    assert where(problems) == [("versions[2].effective_on", "not_after_previous")]
    assert problems[0].params == {"previous": d("2026-06-01")}


def test_an_amendment_without_a_date():
    base = amended(agreement(), "2026-04-01", clawback_days=30)
    undated = replace(
        base, versions=(base.versions[0], replace(base.versions[1], effective_on=None))
    )
    assert where(check_agreement(undated)[0]) == [("versions[1].effective_on", "required")]


def test_an_amendment_reports_only_what_it_changes():
    # The 130 % is reported once, on the terms that introduced it, not again on the amendment
    # that inherits it; the amendment's own mistake is reported on the amendment.
    base = agreement(revenue_share(130), fee_at_signature(100))
    problems, _ = check_agreement(amended(base, "2026-04-01", cap_per_year=Decimal(-1)))
    assert where(problems) == [
        ("versions[0].terms.components[0].rate", "above_maximum"),
        ("versions[1].terms.cap_per_year", "below_minimum"),
    ]


def test_an_amendment_raising_the_rate_above_30_percent_warns_once():
    problems, notices = check_agreement(
        amended(agreement(rate="10 %"), "2026-04-01", components=(revenue_share(35),))
    )
    assert problems == []
    assert warned(notices) == [("versions[1].terms.components[0].rate", "rate_above_usual")]
