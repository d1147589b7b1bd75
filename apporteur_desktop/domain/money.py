"""The one place where numbers become money or rates, and where rounding happens.

Money is a ``Decimal`` with two places, rounded half-up to the cent per line; rates are
percentages kept exactly as entered (12.5 means 12.5 %). Nothing here ever goes through float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


class NotANumber(ValueError):
    """Raised when a text or value cannot be read as an exact decimal number."""


def to_decimal(value: object) -> Decimal:
    """Read an exact decimal from a Decimal, an int or a text; floats are refused."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool | float):
        raise NotANumber(repr(value))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        text = text.rstrip("%€").strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise NotANumber(value) from exc
        if not number.is_finite():
            raise NotANumber(value)
        return number
    raise NotANumber(repr(value))


def round_cents(amount: Decimal) -> Decimal:
    """Round half-up to the cent: the rounding of every commission line."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: object) -> Decimal:
    """An amount of euros with exactly two places."""
    return round_cents(to_decimal(value))


def percent_of(base: Decimal, rate_percent: Decimal) -> Decimal:
    """``rate_percent`` % of ``base``, unrounded (callers round once per line)."""
    return base * rate_percent / HUNDRED


def to_cents(amount: Decimal) -> int:
    """Integer cents of an amount that already has at most two places."""
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} has more than two decimal places")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    """Exact: 12345 cents are Decimal("123.45"), always with two places."""
    return Decimal(cents).scaleb(-2)
