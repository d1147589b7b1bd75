"""Field types of the exchange file: exact decimals, ISO dates, closed vocabularies.

Every type refuses what it cannot read with a ``PydanticCustomError`` whose type is one of our
problem codes and whose context holds the params, so a pydantic error converts to a ``Problem``
without a lookup table. Amounts and rates go through ``money.to_decimal``, the one way numbers
become Decimals; a float is refused outright (the reader parses JSON numbers as Decimals).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from apporteur_desktop.domain.money import CENT, NotANumber, to_decimal
from apporteur_desktop.validation.pipeline import PERIOD_FORMAT, check_period_text

DATE_FORMAT = "YYYY-MM-DD"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


def _refuse(code: str, **params: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, params)


def _decimal(value: object) -> Decimal:
    try:
        return to_decimal(value)
    except NotANumber:
        raise _refuse("invalid_number") from None


def money_text(amount: Decimal) -> str:
    """``240`` → ``"240.00"``; an amount with more places keeps them (never rounded here)."""
    if amount == 0:
        return "0.00"
    try:
        cents = amount.quantize(CENT)
    except InvalidOperation:
        return format(amount, "f")
    return str(cents) if cents == amount else format(amount.normalize(), "f")


def rate_text(rate: Decimal) -> str:
    """``12.50`` → ``"12.5"``, ``20.0`` → ``"20"``."""
    return "0" if rate == 0 else format(rate.normalize(), "f")


def _iso_date(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _refuse("invalid_date", expected_format=DATE_FORMAT)


def _whole(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Decimal | str) and not isinstance(value, bool):
        try:
            number = to_decimal(value)
        except NotANumber:
            number = None
        if number is not None and number == number.to_integral_value():
            return int(number)
    raise _refuse("not_a_whole_number")


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _refuse("not_a_boolean")


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    raise _refuse("not_a_text")


def _period(text: str) -> str:
    period, problems = check_period_text(text)
    if period is None:
        raise _refuse(problems[0].code, **problems[0].params)
    return str(period)


_DECIMAL_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"},
        {"type": "number"},
    ]
}

Money = Annotated[
    Decimal,
    BeforeValidator(_decimal),
    PlainSerializer(money_text, return_type=str),
    WithJsonSchema({**_DECIMAL_SCHEMA, "description": 'euros, e.g. "240.00"'}),
]
Rate = Annotated[
    Decimal,
    BeforeValidator(_decimal),
    PlainSerializer(rate_text, return_type=str),
    WithJsonSchema({**_DECIMAL_SCHEMA, "description": 'a percentage, e.g. "12.5" for 12.5 %'}),
]
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "description": DATE_FORMAT}),
]
Whole = Annotated[int, BeforeValidator(_whole), WithJsonSchema({"type": "integer"})]
Flag = Annotated[bool, BeforeValidator(_flag), WithJsonSchema({"type": "boolean"})]
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": "string"})]
PeriodText = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_period),
    WithJsonSchema({"type": "string", "pattern": _PERIOD_PATTERN, "description": PERIOD_FORMAT}),
]

E = TypeVar("E", bound=StrEnum)


def read_choice(enum: type[E]) -> Callable[[object], E]:
    """A reader of one of an enum's values; spaces, hyphens and case are forgiven in a
    hand-written file ("trial and conversion" reads as ``trial_and_conversion``)."""
    allowed = [member.value for member in enum]

    def read(value: object) -> E:
        if isinstance(value, enum):
            return value
        if isinstance(value, str):
            key = re.sub(r"[\s\-]+", "_", value.strip()).casefold()
            if key in allowed:
                return enum(key)
        raise _refuse("not_one_of", allowed=allowed)

    return read


def choice_schema(enum: type[StrEnum]) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": [member.value for member in enum]})
