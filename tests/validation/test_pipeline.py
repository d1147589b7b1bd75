from __future__ import annotations

from decimal import Decimal

from apporteur_desktop.domain.enums import IntroductionStatus
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.validation.pipeline import (
    check_engagement,
    check_introduction,
    check_period_text,
    check_revenue,
)

from .builders import d, introduction, long_term, one_off, revenue, trial, where

# --- introductions -----------------------------------------------------------------------------


def test_a_pipeline_moving_forward_is_fine():
    steps = [
        ("qualified", "2026-01-05"),
        ("meeting", "2026-01-12"),
        ("trial", "2026-01-12"),
        ("won", "2026-02-01"),
    ]
    assert check_introduction(introduction("2026-01-02", *steps)) == []


def test_a_step_cannot_go_back_in_time():
    problems = check_introduction(
        introduction("2026-01-02", ("qualified", "2026-01-10"), ("meeting", "2026-01-08"))
    )
    assert where(problems) == [("history[1].on", "date_before_previous")]
    assert problems[0].params == {"previous": d("2026-01-10")}


def test_a_step_cannot_come_before_the_introduction():
    problems = check_introduction(introduction("2026-01-02", ("qualified", "2025-12-30")))
    assert where(problems) == [("history[0].on", "date_before_minimum")]
    assert problems[0].params == {"minimum": d("2026-01-02"), "reference": "introduced_on"}


def test_lost_is_final():
    problems = check_introduction(
        introduction("2026-01-02", ("lost", "2026-01-05"), ("won", "2026-02-01"))
    )
    assert where(problems) == [("history[1].status", "after_final_status")]
    assert problems[0].params == {"final": IntroductionStatus.LOST}


# --- engagements -------------------------------------------------------------------------------


def test_worked_example_a_trial_then_its_conversion():
    january = trial("2026-01-01", end="2026-01-31", amount=800)
    retainer = long_term("2026-02-01", amount=1200, converts_trial_id=january.id)
    assert check_engagement(january, [january, retainer]) == []
    assert check_engagement(retainer, [january, retainer]) == []


def test_an_engagement_cannot_end_before_it_starts():
    problems = check_engagement(trial("2026-01-15", end="2026-01-14"))
    assert where(problems) == [("end", "date_before_minimum")]
    assert problems[0].params == {"minimum": d("2026-01-15"), "reference": "start"}


def test_a_client_cannot_leave_before_the_start():
    assert where(check_engagement(long_term("2026-03-01", terminated_on="2026-02-20"))) == [
        ("terminated_on", "date_before_minimum")
    ]


def test_an_engagement_amount_is_never_negative():
    assert where(check_engagement(one_off(amount=-50000))) == [("amount", "below_minimum")]
    assert check_engagement(one_off(amount=50000)) == []


def test_a_conversion_must_name_a_trial_of_the_same_introduction():
    elsewhere = trial("2026-01-01", engagement_id=7, introduction_id=2)
    retainer = long_term(converts_trial_id=7)
    assert where(check_engagement(retainer, [elsewhere, retainer])) == [
        ("converts_trial_id", "unknown_trial")
    ]


def test_a_conversion_of_something_that_is_not_a_trial():
    first = long_term("2026-01-01", engagement_id=1)
    second = long_term("2026-06-01", engagement_id=2, converts_trial_id=1)
    problems = check_engagement(second, [first, second])
    assert where(problems) == [("converts_trial_id", "not_a_trial")]


def test_only_a_long_term_engagement_converts_a_trial():
    problems = check_engagement(one_off(converts_trial_id=1), [trial()])
    assert where(problems) == [("converts_trial_id", "not_applicable")]


# --- revenue -----------------------------------------------------------------------------------


def test_a_month_is_written_year_dash_month():
    assert check_period_text("2026-03") == (Period(2026, 3), [])
    for wrong in ("2026-13", "2026-3", "03/2026", "2026-03-01", ""):
        period, problems = check_period_text(wrong)
        assert period is None
        assert where(problems) == [("", "invalid_period")]
        assert problems[0].params == {"expected_format": "YYYY-MM"}


def test_an_estimate_then_its_confirmation_is_fine():
    assert check_revenue([revenue("2026-03", 1000, "estimated"), revenue("2026-03", 900)]) == []


def test_an_estimate_after_a_confirmed_figure_is_refused():
    problems = check_revenue(
        [
            revenue("2026-03", 1000),
            revenue("2026-04", 1000, "estimated"),
            revenue("2026-03", 950, "estimated"),
        ]
    )
    assert where(problems) == [("[2].status", "estimate_after_confirmed")]
    assert problems[0].params == {"period": "2026-03"}


def test_a_correction_after_a_confirmed_figure_is_fine():
    # Worked example J: March corrected from 1,000 to 900.
    assert check_revenue([revenue("2026-03", 1000), revenue("2026-03", 900)]) == []


def test_revenue_is_never_negative_nor_in_fractions_of_a_cent():
    problems = check_revenue([revenue("2026-03", -1), revenue("2026-04", "1000.001")])
    assert where(problems) == [("[0].amount", "below_minimum"), ("[1].amount", "too_many_decimals")]
    assert problems[1].value == Decimal("1000.001")
