"""Reads and writes of a commission run: the engine's inputs, what already stands, new lines.

The big reads (revenue, saved lines) skip the ORM and the column types: a month-end run
must not pay for objects it does not need, and a full run reads every revenue row once.
They are plain SQL with named parameters, which SQLite and PostgreSQL both accept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session, selectinload

from apporteur_desktop.domain.agreements import Agreement
from apporteur_desktop.domain.commissions import CommissionLine, LineKey, SavedLine
from apporteur_desktop.domain.enums import (
    ComponentKind,
    EngagementKind,
    IntroductionStatus,
    LineEvent,
    LineKind,
    LineStatus,
    RevenueStatus,
)
from apporteur_desktop.domain.money import from_cents
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import Engagement, Introduction, StatusChange

from .bulk import insert_rows
from .explanations import explanation_to_json
from .mapping import agreement_from_row
from .models import (
    AgreementRow,
    CommissionLineRow,
    CommissionRunRow,
    ComponentRow,
    EngagementRow,
    IntroductionRow,
    RevenueRevisionRow,
    TermsRow,
)

_CONFIRMED = RevenueStatus.CONFIRMED.value
_ESTIMATED = RevenueStatus.ESTIMATED.value


@lru_cache(maxsize=4096)
def _period(text: str) -> Period:
    return Period.parse(text)


_money = from_cents


@dataclass(frozen=True, slots=True)
class RunHistory:
    """What earlier saved runs covered, and the change counter the latest one had seen."""

    watermark: int | None
    ranges: tuple[tuple[Period, Period], ...]

    def covered(self) -> tuple[Period, Period] | None:
        """The stretch of months, ending with the latest saved month, with no gap in it."""
        if not self.ranges:
            return None
        merged: list[list[Period]] = []
        for first, last in sorted(self.ranges):
            if merged and first.index <= merged[-1][1].index + 1:
                merged[-1][1] = max(merged[-1][1], last)
            else:
                merged.append([first, last])
        return merged[-1][0], merged[-1][1]


def run_history(session: Session) -> RunHistory:
    rows = session.execute(
        select(
            CommissionRunRow.period_from,
            CommissionRunRow.period_to,
            CommissionRunRow.change_seq_watermark,
        )
    ).all()
    if not rows:
        return RunHistory(None, ())
    return RunHistory(max(r[2] for r in rows), tuple((r[0], r[1]) for r in rows))


def changed_since(session: Session, watermark: int) -> dict[int, Period]:
    """Per agreement, the earliest month that inputs changed after ``watermark`` touch."""
    earliest: dict[int, Period] = {}

    def touch(agreement_id: int, period: Period) -> None:
        if agreement_id not in earliest or period < earliest[agreement_id]:
            earliest[agreement_id] = period

    revenue = (
        select(IntroductionRow.agreement_id, func.min(RevenueRevisionRow.period))
        .join(EngagementRow, EngagementRow.id == RevenueRevisionRow.engagement_id)
        .join(IntroductionRow, IntroductionRow.id == EngagementRow.introduction_id)
        .where(RevenueRevisionRow.change_seq > watermark)
        .group_by(IntroductionRow.agreement_id)
    )
    for agreement_id, period in session.execute(revenue):
        touch(agreement_id, period)
    # A changed engagement or introduction may move the rights' clock: redo its whole life.
    engagements = (
        select(IntroductionRow.agreement_id, func.min(IntroductionRow.introduced_on))
        .join(EngagementRow, EngagementRow.introduction_id == IntroductionRow.id)
        .where(EngagementRow.change_seq > watermark)
        .group_by(IntroductionRow.agreement_id)
    )
    introductions = (
        select(IntroductionRow.agreement_id, func.min(IntroductionRow.introduced_on))
        .where(IntroductionRow.change_seq > watermark)
        .group_by(IntroductionRow.agreement_id)
    )
    for query in (engagements, introductions):
        for agreement_id, day in session.execute(query):
            touch(agreement_id, Period.of(day))
    for agreement_id, day in session.execute(
        select(IntroductionRow.agreement_id, func.min(EngagementRow.start))
        .join(EngagementRow, EngagementRow.introduction_id == IntroductionRow.id)
        .where(EngagementRow.change_seq > watermark)
        .group_by(IntroductionRow.agreement_id)
    ):
        touch(agreement_id, Period.of(day))
    for agreement_id, valid_from in session.execute(
        select(AgreementRow.id, AgreementRow.valid_from).where(AgreementRow.change_seq > watermark)
    ):
        touch(agreement_id, Period.of(valid_from))
    for agreement_id, effective_on, valid_from in session.execute(
        select(TermsRow.agreement_id, TermsRow.effective_on, AgreementRow.valid_from)
        .join(AgreementRow, AgreementRow.id == TermsRow.agreement_id)
        .where(TermsRow.change_seq > watermark)
    ):
        touch(agreement_id, Period.of(effective_on or valid_from))
    return earliest


def load_agreements(session: Session) -> list[Agreement]:
    rows = session.scalars(
        select(AgreementRow)
        .options(
            selectinload(AgreementRow.versions)
            .selectinload(TermsRow.components)
            .selectinload(ComponentRow.tiers)
        )
        .order_by(AgreementRow.id)
    ).all()
    return [agreement_from_row(row) for row in rows]


def load_introductions(session: Session) -> list[Introduction]:
    statuses = {member.value: member for member in IntroductionStatus}
    steps: dict[int, list[StatusChange]] = defaultdict(list)
    for introduction_id, status, on in _raw_rows(
        session,
        'SELECT introduction_id, status, "on" FROM introduction_steps '
        "ORDER BY introduction_id, position",
        {},
    ):
        steps[introduction_id].append(StatusChange(statuses[status], _date(on)))
    rows = _raw_rows(
        session,
        "SELECT id, agreement_id, client_id, introduced_on FROM introductions ORDER BY id",
        {},
    )
    return [
        Introduction(id_, agreement_id, client_id, _date(on), tuple(steps.get(id_, ())))
        for id_, agreement_id, client_id, on in rows
    ]


def load_engagements(session: Session) -> list[Engagement]:
    kinds = {member.value: member for member in EngagementKind}
    rows = _raw_rows(
        session,
        'SELECT id, introduction_id, kind, start, "end", amount, signed_on, '
        "converts_trial_id, terminated_on, label FROM engagements ORDER BY id",
        {},
    )
    return [
        Engagement(
            r[0],
            r[1],
            kinds[r[2]],
            _date(r[3]),
            _date(r[4]),
            None if r[5] is None else _money(r[5]),
            _date(r[6]),
            r[7],
            _date(r[8]),
            r[9],
        )
        for r in rows
    ]


@lru_cache(maxsize=16384)
def _date(text: str | None) -> date | None:
    # Dates are stored as ISO text (SQLAlchemy's Date on SQLite); the same days recur.
    return None if text is None else date.fromisoformat(text)


def load_standing_revenue(
    session: Session, starts: Mapping[Period | None, Sequence[int]], *, every: bool = False
) -> dict[int, dict[Period, Decimal]]:
    """Per engagement, the revenue that stands each month: the latest revision, except that
    an estimate never replaces a confirmed figure.

    ``starts`` groups agreement ids by the first month their run needs (None: all of it),
    so a month-end run reads one month of most agreements and a year of tiered ones.
    ``every``: the groups hold every agreement of the ledger, so no need to name them.
    """
    cents: dict[int, dict[str, int]] = defaultdict(dict)
    estimates: dict[int, dict[str, int]] = defaultdict(dict)
    for since, agreement_ids in starts.items():
        named = _named(starts, agreement_ids, every)
        # Confirmed figures first, then estimates where a month has no confirmed one: the
        # latest of each kind stands, as rows come in recording order.
        for engagement_id, period, amount in _revenue_rows(session, since, named, _CONFIRMED):
            cents[engagement_id][period] = amount
        for engagement_id, period, amount in _revenue_rows(session, since, named, _ESTIMATED):
            estimates[engagement_id][period] = amount
    for engagement_id, months in estimates.items():
        confirmed = cents[engagement_id]
        for period, amount in months.items():
            confirmed.setdefault(period, amount)
    return {
        engagement_id: {_period(p): _money(amount) for p, amount in months.items()}
        for engagement_id, months in cents.items()
    }


def _revenue_rows(
    session: Session, since: Period | None, agreement_ids: Sequence[int] | None, status: str
) -> list[tuple[int, str, int]]:
    sql = "SELECT r.engagement_id, r.period, r.amount FROM revenue_revisions r"
    if agreement_ids is not None:
        sql += (
            " JOIN engagements e ON e.id = r.engagement_id"
            " JOIN introductions i ON i.id = e.introduction_id"
        )
    conditions, params = _filters("i.agreement_id", "r.period", since, agreement_ids)
    conditions.append("r.status = :status")
    params["status"] = status
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    # Each month's revisions must come in recording order; the index gives that order
    # for free when the read goes through it, and the table itself is in id order.
    order = (
        " ORDER BY r.id" if agreement_ids is None else " ORDER BY r.engagement_id, r.period, r.id"
    )
    return _raw_rows(session, sql + order, params)


def _raw_rows(session: Session, sql: str, params: Mapping[str, object]) -> list[Any]:
    """Rows straight from the database driver, as plain tuples.

    The two big reads of a run go this way: going through SQLAlchemy's result rows costs
    several times the query itself on a million rows. Named ``:name`` parameters, which
    the SQLite driver takes as they are.
    """
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, dict(params))
        return cursor.fetchall()
    finally:
        cursor.close()


def load_saved_lines(
    session: Session, starts: Mapping[Period | None, Sequence[int]], *, every: bool = False
) -> dict[int, list[SavedLine]]:
    """Per agreement, the saved lines from its start on (``starts`` as for revenue)."""
    lines: dict[int, list[SavedLine]] = defaultdict(list)
    kinds, statuses, events, components = (
        {member.value: member for member in enum}
        for enum in (LineKind, LineStatus, LineEvent, ComponentKind)
    )
    for since, agreement_ids in starts.items():
        sql, params = _lines_query(since, _named(starts, agreement_ids, every))
        for row in _raw_rows(session, sql, params):
            key = LineKey(row[1], row[2], _period(row[3]), events[row[4]], row[5] or 0, row[6])
            lines[row[1]].append(
                SavedLine(
                    row[0],
                    key,
                    kinds[row[7]],
                    _money(row[8]),
                    statuses[row[9]],
                    components[row[10]],
                    row[11],
                )
            )
    return lines


def _lines_query(
    since: Period | None, agreement_ids: Sequence[int] | None
) -> tuple[str, dict[str, object]]:
    sql = (
        "SELECT id, agreement_id, introduction_id, period, event, engagement_id, "
        "component_slot, kind, amount, status, component_kind, corrects_id "
        "FROM commission_lines"
    )
    conditions, params = _filters("agreement_id", "period", since, agreement_ids)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    return sql + " ORDER BY id", params


def _named(
    starts: Mapping[Period | None, Sequence[int]], agreement_ids: Sequence[int], every: bool
) -> Sequence[int] | None:
    """The agreements a read must name, or None when it covers the whole ledger."""
    return None if every and len(starts) == 1 else agreement_ids


def _filters(
    agreement_column: str,
    period_column: str,
    since: Period | None,
    agreement_ids: Sequence[int] | None,
) -> tuple[list[str], dict[str, object]]:
    conditions: list[str] = []
    params: dict[str, object] = {}
    if agreement_ids is not None:
        names = [f"a{n}" for n in range(len(agreement_ids))]
        conditions.append(f"{agreement_column} IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, agreement_ids, strict=True))
    if since is not None:
        conditions.append(f"{period_column} >= :since")
        params["since"] = str(since)
    return conditions, params


def standing_before(
    session: Session, agreement_id: int, start: Period
) -> tuple[dict[int, Decimal], Decimal]:
    """What stands before ``start``: per introduction, and in ``start``'s year."""
    sql = (
        "SELECT introduction_id, SUM(amount), "
        "SUM(CASE WHEN period >= :january THEN amount ELSE 0 END) "
        "FROM commission_lines WHERE agreement_id = :agreement AND period < :start "
        "AND status != :cancelled GROUP BY introduction_id"
    )
    params = {
        "january": str(start.january()),
        "agreement": agreement_id,
        "start": str(start),
        "cancelled": LineStatus.CANCELLED.value,
    }
    by_introduction: dict[int, Decimal] = {}
    in_year = 0
    for introduction_id, total, year_total in session.execute(text(sql), params):
        by_introduction[introduction_id] = _money(int(total))
        in_year += int(year_total)
    return by_introduction, _money(in_year)


def save_run(
    session: Session,
    *,
    ran_at: datetime,
    first: Period,
    last: Period,
    watermark: int,
    lines: Iterable[CommissionLine],
) -> list[int]:
    """Record a run and its new lines, all due; returns the new lines' ids in order."""
    chosen = list(lines)
    run_id = session.scalar(
        insert(CommissionRunRow)
        .values(
            ran_at=ran_at,
            period_from=first,
            period_to=last,
            change_seq_watermark=watermark,
            line_count=len(chosen),
        )
        .returning(CommissionRunRow.id)
    )
    ids: list[int] = []
    # In slices: a run over years of history must not hold every row's values at once.
    for offset in range(0, len(chosen), _SLICE):
        rows = [_line_values(run_id, line) for line in chosen[offset : offset + _SLICE]]
        ids.extend(insert_rows(session, CommissionLineRow, rows))
    return ids


_SLICE = 5000


def _line_values(run_id: int | None, line: CommissionLine) -> dict[str, object]:
    key = line.key
    explanation = line.explanation
    return {
        "run_id": run_id,
        "agreement_id": key.agreement_id,
        "introduction_id": key.introduction_id,
        "engagement_id": key.engagement_id or None,
        "component_slot": key.component_slot,
        "component_kind": explanation.component,
        "event": key.event,
        "period": key.period,
        "event_date": line.event_date,
        "kind": line.kind,
        "amount": line.amount,
        "base": explanation.base,
        "rate": explanation.rate,
        "status": LineStatus.DUE,
        "corrects_id": line.corrects_id,
        "explanation": explanation_to_json(explanation),
    }
