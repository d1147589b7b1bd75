"""The declarative base and the column types that keep money, rates and months exact.

SQLite's ``Numeric`` goes through float, so no amount or rate ever uses it: money is stored as
integer cents, rates as their exact decimal text, months as ``YYYY-MM`` text (which sorts like the
months themselves).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, Dialect, Enum, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, MappedColumn, mapped_column
from sqlalchemy.types import TypeDecorator

from apporteur_desktop.domain.money import from_cents, to_cents
from apporteur_desktop.domain.periods import Period

# Every constraint and index gets a predictable name: Alembic's batch mode on SQLite rebuilds
# tables and can only drop or alter a constraint it can name.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Room for any enum value we may add later without a column change (the longest today is 22).
ENUM_LENGTH = 32


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _exact(value: object, what: str) -> Decimal:
    # Floats are refused here too: a float that reached storage has already lost exactness.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal, got {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{what} must be finite, got {number}")
    return number


class Money(TypeDecorator[Decimal]):
    """Euros as a ``Decimal`` with two places, stored as integer cents.

    A value that is not a whole number of cents is refused, never rounded: rounding belongs to
    ``domain.money`` and happens once per line, before storage.
    """

    # BIGINT: 32-bit integers would stop at 21 million euros on PostgreSQL.
    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if type(value) is not Decimal:  # the common case skips the checks (imports are big)
            value = _exact(value, "money")
        return to_cents(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else from_cents(int(value))


class Rate(TypeDecorator[Decimal]):
    """A percentage kept exactly as entered (``12.5`` is 12.5 %), stored as decimal text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        # "f" never writes an exponent, so 1E+1 is stored as "10" and reads back equal.
        return format(_exact(value, "rate"), "f")

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class PeriodColumn(TypeDecorator[Period]):
    """A calendar month as ``YYYY-MM`` text: zero-padded, so text order is month order."""

    impl = String(7)
    cache_ok = True

    def process_bind_param(self, value: Period | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        # Text is accepted so queries can compare with "2026-01", but only a valid month.
        period = Period.parse(value) if isinstance(value, str) else value
        if not isinstance(period, Period):
            raise TypeError(f"period must be a Period, got {type(value).__name__}")
        return _period_text(period)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Period | None:
        return None if value is None else _period_from_text(value)


# A ledger holds a few hundred distinct months and reads them a million times: Periods are
# immutable, so one object per month text serves every row.
@lru_cache(maxsize=4096)
def _period_from_text(text: str) -> Period:
    return Period.parse(text)


@lru_cache(maxsize=4096)
def _period_text(period: Period) -> str:
    return str(period)


class Timestamp(TypeDecorator[datetime]):
    """A moment as ISO 8601 text, offset included when the caller gave one.

    SQLite's DATETIME silently drops the offset; text keeps exactly what the caller passed.
    """

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"timestamp must be a datetime, got {type(value).__name__}")
        return value.isoformat(sep=" ")

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


def enum_type(enum_class: type[StrEnum]) -> Enum:
    """A StrEnum stored as its value in a short VARCHAR with a CHECK listing the values.

    Not a native enum: PostgreSQL enum types and SQLite alike are then altered the same way,
    by a batch migration that rewrites the CHECK.
    """
    return Enum(
        enum_class,
        name=_snake(enum_class.__name__),
        native_enum=False,
        create_constraint=True,
        length=ENUM_LENGTH,
        validate_strings=True,
        values_callable=_enum_values,
    )


def _enum_values(enum_class: type[StrEnum]) -> list[str]:
    return [member.value for member in enum_class]


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def enum_column(enum_class: type[StrEnum], **kwargs: Any) -> MappedColumn[Any]:
    """``mapped_column`` of :func:`enum_type`; keyword arguments go to ``mapped_column``."""
    return mapped_column(enum_type(enum_class), **kwargs)
