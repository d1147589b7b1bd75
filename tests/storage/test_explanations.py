"""A line's explanation survives the trip through JSON exactly, Decimals included."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from apporteur_desktop.domain.commissions import Explanation
from apporteur_desktop.domain.enums import ComponentKind
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.storage.explanations import explanation_from_json, explanation_to_json


def test_a_full_explanation_round_trips_exactly() -> None:
    explanation = Explanation(
        component=ComponentKind.TIERED,
        base=Decimal("12000.00"),
        rate=Decimal("12.5"),
        month_number=3,
        month_count=12,
        cap_left=Decimal("0.00"),
        uncapped=Decimal("500.10"),
        reason="cap_introduction",
        previous=Decimal("-90.00"),
        details=MappingProxyType(
            {
                "brackets": (
                    MappingProxyType({"base": Decimal("2000.00"), "rate": Decimal("10")}),
                    MappingProxyType({"base": Decimal("2000.00"), "rate": Decimal("15")}),
                ),
                "month": Period(2026, 3),
                "signed_on": date(2026, 3, 1),
                "count": 2,
                "whole_volume": False,
                "note": "text stays text",
                "nothing": None,
            }
        ),
    )
    text = explanation_to_json(explanation)
    back = explanation_from_json(text)
    assert back == explanation
    assert str(back.rate) == "12.5"
    assert str(back.details["brackets"][0]["base"]) == "2000.00"
    # Decimals are strings in the JSON: a reader that knows nothing of Python loses nothing.
    assert json.loads(text)["base"] == "12000.00"


def test_a_plain_explanation_stays_small() -> None:
    explanation = Explanation(ComponentKind.QUALIFIED_FEE)
    text = explanation_to_json(explanation)
    assert text == '{"component":"qualified_fee"}'
    assert explanation_from_json(text) == explanation


def test_the_same_explanation_is_always_the_same_text() -> None:
    one = Explanation(ComponentKind.REVENUE_PERCENT, details=MappingProxyType({"b": 1, "a": 2}))
    two = Explanation(ComponentKind.REVENUE_PERCENT, details=MappingProxyType({"a": 2, "b": 1}))
    assert explanation_to_json(one) == explanation_to_json(two)
