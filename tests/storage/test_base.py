"""Column types: money and rates come back exactly as they went in, never through float."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, StatementError

from apporteur_desktop.domain.enums import PartyKind
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.storage.base import (
    NAMING_CONVENTION,
    Money,
    PeriodColumn,
    Rate,
    Timestamp,
    enum_type,
)

scratch = MetaData(naming_convention=NAMING_CONVENTION)
values = Table(
    "values_",
    scratch,
    Column("id", Integer, primary_key=True),
    Column("money", Money),
    Column("rate", Rate),
    Column("period", PeriodColumn),
    Column("moment", Timestamp),
    Column("kind", enum_type(PartyKind)),
)

EXACT = ["0.10", "12.5", "999999999.99", "0.01", "-90.00"]


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    scratch.create_all(engine)
    yield engine
    engine.dispose()


def store(engine: Engine, **row: object) -> int:
    with engine.begin() as connection:
        return int(connection.execute(insert(values).values(**row)).inserted_primary_key[0])


def load(engine: Engine, row_id: int, column: str) -> object:
    with engine.connect() as connection:
        return connection.execute(select(values.c[column]).where(values.c.id == row_id)).scalar()


@pytest.mark.parametrize("text_value", EXACT)
def test_a_rate_comes_back_exactly_as_entered(engine: Engine, text_value: str) -> None:
    row_id = store(engine, rate=Decimal(text_value))
    loaded = load(engine, row_id, "rate")
    assert loaded == Decimal(text_value)
    assert str(loaded) == text_value


@pytest.mark.parametrize("text_value", [v for v in EXACT if v != "12.5"] + ["12.50"])
def test_money_comes_back_to_the_cent_as_integer_cents(engine: Engine, text_value: str) -> None:
    row_id = store(engine, money=Decimal(text_value))
    loaded = load(engine, row_id, "money")
    assert loaded == Decimal(text_value)
    assert str(loaded) == text_value
    with engine.connect() as connection:
        kind, stored = connection.execute(
            text("SELECT typeof(money), money FROM values_ WHERE id = :id"), {"id": row_id}
        ).one()
    assert kind == "integer"
    assert stored == int(Decimal(text_value) * 100)


def test_money_reads_back_with_two_places(engine: Engine) -> None:
    loaded = load(engine, store(engine, money=Decimal("12.5")), "money")
    assert str(loaded) == "12.50"


@pytest.mark.parametrize("bad", [Decimal("1.234"), Decimal("0.001"), Decimal("NaN")])
def test_money_with_more_than_two_places_is_refused_not_rounded(
    engine: Engine, bad: Decimal
) -> None:
    with pytest.raises(StatementError) as caught:
        store(engine, money=bad)
    assert isinstance(caught.value.orig, ValueError)
    with engine.connect() as connection:
        assert connection.execute(select(values)).all() == []


@pytest.mark.parametrize("column", ["money", "rate"])
def test_floats_are_refused(engine: Engine, column: str) -> None:
    with pytest.raises(StatementError) as caught:
        store(engine, **{column: 0.1})
    assert isinstance(caught.value.orig, TypeError)


def test_a_rate_never_stores_an_exponent(engine: Engine) -> None:
    row_id = store(engine, rate=Decimal("1E+1"))
    with engine.connect() as connection:
        raw = connection.execute(text("SELECT rate FROM values_")).scalar()
    assert raw == "10"
    assert load(engine, row_id, "rate") == Decimal(10)


def test_months_are_stored_as_text_that_sorts_like_the_months(engine: Engine) -> None:
    months = [Period(2026, 10), Period(2026, 2), Period(999, 12), Period(2027, 1)]
    for month in months:
        store(engine, period=month)
    with engine.connect() as connection:
        raw = connection.execute(text("SELECT period FROM values_ ORDER BY period")).scalars()
        assert list(raw) == ["0999-12", "2026-02", "2026-10", "2027-01"]
        read = connection.execute(select(values.c.period).order_by(values.c.period)).scalars()
        assert list(read) == sorted(months)
        since = select(values.c.period).where(values.c.period >= "2026-10")
        assert set(connection.execute(since).scalars()) == {Period(2026, 10), Period(2027, 1)}


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 3, 14, 15, 9, 26, 535897),
        datetime(2026, 3, 14, 15, 9, 26, tzinfo=UTC),
        datetime(2026, 3, 14, 15, 9, 26, tzinfo=timezone(timedelta(hours=1))),
    ],
)
def test_a_timestamp_keeps_its_offset(engine: Engine, moment: datetime) -> None:
    loaded = load(engine, store(engine, moment=moment), "moment")
    assert loaded == moment
    assert isinstance(loaded, datetime)
    assert loaded.utcoffset() == moment.utcoffset()


def test_an_enum_is_stored_as_its_value_and_checked(engine: Engine) -> None:
    row_id = store(engine, kind=PartyKind.INTRODUCER)
    assert load(engine, row_id, "kind") is PartyKind.INTRODUCER
    with engine.connect() as connection:
        assert connection.execute(text("SELECT kind FROM values_")).scalar() == "introducer"
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("INSERT INTO values_ (kind) VALUES ('supplier')"))
