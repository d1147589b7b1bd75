"""Invoice numbers as e-invoicing accepts them."""

from __future__ import annotations

import pytest

from apporteur_desktop.domain.numbering import DEFAULT_PATTERN, BadPattern, render_number


def test_the_default_pattern_gives_the_year_and_four_digits() -> None:
    assert render_number(DEFAULT_PATTERN, 2026, 42) == "2026-0042"


def test_a_separate_prefixed_series_for_credit_notes() -> None:
    assert render_number("AV{year}/{seq:03d}", 2027, 1) == "AV2027/001"


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("{year}", "pattern_without_seq"),
        ("{year}-{seq}-{client}", "pattern_unknown_field"),
        ("{year}-{seq:04q}", "pattern_unreadable"),
        ("F-{seq:05d}", "pattern_without_year"),
        ("{year}-{seq:0", "pattern_unreadable"),
        ("F{year} {seq:04d}", "number_bad_characters"),
        ("FACTURE-COMMISSIONS-APPORT-{year}-{seq:06d}", "number_too_long"),
    ],
)
def test_patterns_that_would_give_unacceptable_numbers_are_refused(pattern: str, code: str) -> None:
    with pytest.raises(BadPattern) as refused:
        render_number(pattern, 2026, 1)
    assert refused.value.code == code
