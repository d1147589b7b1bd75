"""Checks of single values against bounds: rates, amounts of money, whole numbers, dates.

Each returns problems with ``field`` as given (relative to the value the caller checks).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from apporteur_desktop.domain.problems import Notice, Problem

from .places import field_notice

RATE_MINIMUM = Decimal(0)
RATE_MAXIMUM = Decimal(100)
# PRODUCT.md: 5–15 % is usual, no law caps it; warn above 30 %, never block.
RATE_USUAL_MAXIMUM = Decimal(30)
MONEY_PLACES = 2


def required_text(field: str, value: str) -> list[Problem]:
    if not value or not value.strip():
        return [Problem.of(field, value, "required")]
    return []


def _finite(field: str, value: Decimal) -> list[Problem]:
    if not value.is_finite():
        return [Problem.of(field, value, "invalid_number")]
    return []


def check_rate(
    field: str, value: Decimal | None, *, required: bool = True, warn_above_usual: bool = True
) -> tuple[list[Problem], list[Notice]]:
    """A percentage between 0 and 100 inclusive; a notice above the usual 30 %."""
    if value is None:
        return ([Problem.of(field, None, "required")] if required else []), []
    problems = _finite(field, value)
    if problems:
        return problems, []
    if value < RATE_MINIMUM:
        return [Problem.of(field, value, "below_minimum", minimum=RATE_MINIMUM)], []
    if value > RATE_MAXIMUM:
        return [Problem.of(field, value, "above_maximum", maximum=RATE_MAXIMUM)], []
    if warn_above_usual and value > RATE_USUAL_MAXIMUM:
        notice = field_notice(
            field, "rate_above_usual", rate=value, usual_maximum=RATE_USUAL_MAXIMUM
        )
        return [], [notice]
    return [], []


def has_at_most_cents(value: Decimal) -> bool:
    exponent = value.normalize().as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -MONEY_PLACES


def check_amount(
    field: str,
    value: Decimal | None,
    *,
    required: bool = False,
    minimum: Decimal = Decimal(0),
) -> list[Problem]:
    """An amount of euros: at least ``minimum`` (0 by default), at most two decimal places."""
    if value is None:
        return [Problem.of(field, None, "required")] if required else []
    problems = _finite(field, value)
    if problems:
        return problems
    if value < minimum:
        return [Problem.of(field, value, "below_minimum", minimum=minimum)]
    if not has_at_most_cents(value):
        return [Problem.of(field, value, "too_many_decimals", places=MONEY_PLACES)]
    return []


def check_whole(
    field: str,
    value: int | None,
    *,
    minimum: int | None = 0,
    maximum: int | None = None,
    required: bool = False,
    **params: Any,
) -> list[Problem]:
    """A whole number of days or months within bounds; extra ``params`` go with an overflow."""
    if value is None:
        return [Problem.of(field, None, "required")] if required else []
    if minimum is not None and value < minimum:
        return [Problem.of(field, value, "below_minimum", minimum=minimum)]
    if maximum is not None and value > maximum:
        return [Problem.of(field, value, "above_maximum", maximum=maximum, **params)]
    return []


def check_not_before(
    field: str, value: date | None, minimum: date | None, reference: str
) -> list[Problem]:
    """``value`` on or after ``minimum`` (the date in the field named ``reference``)."""
    if value is None or minimum is None or value >= minimum:
        return []
    return [Problem.of(field, value, "date_before_minimum", minimum=minimum, reference=reference)]
