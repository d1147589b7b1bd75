"""Introductions and engagements a page at a time, with the names the lists show.

An introduction's current status is the last step of its history (``introduced`` while it has
none): a correlated subquery over the ``(introduction_id, position)`` index, so a page, a
status filter or the board's counts stay one indexed read even with 10,000 introductions.
Like every storage function, these take the caller's ``Session`` and never commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from apporteur_desktop.domain.enums import Direction, EngagementKind, IntroductionStatus, PartyKind
from apporteur_desktop.domain.pipeline import Engagement, Introduction, StatusChange
from apporteur_desktop.domain.problems import NotFound

from .models import AgreementRow, EngagementRow, IntroductionRow, IntroductionStepRow, PartyRow

INTRODUCTION_SORT_KEYS = ("date", "client", "counterparty", "agreement", "status", "last_step")
ENGAGEMENT_SORT_KEYS = ("start", "client", "counterparty", "agreement", "kind", "end", "amount")

# The statuses in the order of the pipeline: the board's columns, the sort by status.
PIPELINE_ORDER = tuple(IntroductionStatus)

Client = aliased(PartyRow, name="client")
Counterparty = aliased(PartyRow, name="counterparty")
Trial = aliased(EngagementRow, name="converting")


@dataclass(frozen=True, slots=True)
class IntroductionLine:
    """One introduction as a list shows it."""

    id: int
    agreement_id: int
    agreement: str
    direction: Direction
    client_id: int
    client: str
    counterparty: str  # the provider (earned) or the introducer (owed)
    introduced_on: date
    status: IntroductionStatus  # the last step of its history
    status_on: date  # the day of that step (the introduction's own date while it has none)
    notes: str


@dataclass(frozen=True, slots=True)
class EngagementLine:
    """One engagement as a list shows it."""

    id: int
    introduction_id: int
    agreement_id: int
    agreement: str
    direction: Direction
    client: str
    counterparty: str
    kind: EngagementKind
    start: date
    end: date | None
    amount: Decimal | None  # a month's fee, or a one-off engagement's contract value
    signed_on: date | None
    terminated_on: date | None
    converts_trial_id: int | None
    converted: bool  # a trial that a long-term engagement already converts
    label: str


@dataclass(frozen=True, slots=True)
class Choice:
    """Something to pick in a form: its id and the words that name it."""

    id: int
    name: str
    detail: str = ""  # e.g. an agreement's counterparty
    direction: Direction | None = None


# --- introductions ------------------------------------------------------------------------------


def _last_step(column: Any) -> Any:
    return (
        select(column)
        .where(IntroductionStepRow.introduction_id == IntroductionRow.id)
        .order_by(IntroductionStepRow.position.desc())
        .limit(1)
        .correlate(IntroductionRow)
        .scalar_subquery()
    )


def current_status() -> Any:
    """SQL for an introduction's status: its last step's, ``introduced`` without steps."""
    return func.coalesce(
        _last_step(IntroductionStepRow.status), IntroductionStatus.INTRODUCED.value
    )


def _introductions(
    status: IntroductionStatus | None, direction: Direction | None, like: str | None
) -> tuple[Select[Any], Any]:
    status_sql = current_status().label("status")
    status_on = func.coalesce(_last_step(IntroductionStepRow.on), IntroductionRow.introduced_on)
    query = (
        select(
            IntroductionRow.id,
            IntroductionRow.agreement_id,
            AgreementRow.name,
            AgreementRow.direction,
            IntroductionRow.client_id,
            Client.name,
            Counterparty.name,
            IntroductionRow.introduced_on,
            status_sql,
            status_on.label("status_on"),
            IntroductionRow.notes,
        )
        .join(AgreementRow, AgreementRow.id == IntroductionRow.agreement_id)
        .join(Client, Client.id == IntroductionRow.client_id)
        .join(Counterparty, Counterparty.id == AgreementRow.counterparty_id)
    )
    if direction is not None:
        query = query.where(AgreementRow.direction == direction)
    if like is not None and like.strip("%"):
        query = query.where(
            or_(
                Client.name.like(like, escape="\\"),
                Counterparty.name.like(like, escape="\\"),
                AgreementRow.name.like(like, escape="\\"),
                IntroductionRow.notes.like(like, escape="\\"),
            )
        )
    if status is not None:
        query = query.where(current_status() == status.value)
    return query, status_on


def page_introductions(
    session: Session,
    *,
    status: IntroductionStatus | None = None,
    direction: Direction | None = None,
    like: str | None = None,
    sort: str = "date",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> tuple[list[IntroductionLine], int]:
    """The introductions matching the filters (``like``: an SQL LIKE pattern escaped with
    ``\\``, over the client, counterparty, agreement and notes), in ``sort`` order, from
    ``offset``; and how many match in all."""
    query, status_on = _introductions(status, direction, like)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pipeline_rank = case(
        {value.value: rank for rank, value in enumerate(PIPELINE_ORDER)}, value=current_status()
    )
    columns: dict[str, Any] = {
        "date": IntroductionRow.introduced_on,
        "client": Client.name.collate("NOCASE"),
        "counterparty": Counterparty.name.collate("NOCASE"),
        "agreement": AgreementRow.name.collate("NOCASE"),
        "status": pipeline_rank,
        "last_step": status_on,
    }
    column = columns.get(sort, IntroductionRow.introduced_on)
    first = column.desc() if descending else column.asc()
    tie = IntroductionRow.id.desc() if descending else IntroductionRow.id.asc()
    rows = session.execute(query.order_by(first, tie).offset(offset).limit(limit))
    return [_introduction_line(row) for row in rows], int(total)


def count_by_status(
    session: Session, *, direction: Direction | None = None, like: str | None = None
) -> dict[IntroductionStatus, int]:
    """How many introductions stand at each status (every status present, zeros included)."""
    query, _on = _introductions(None, direction, like)
    inner = query.subquery()
    counts = dict.fromkeys(PIPELINE_ORDER, 0)
    grouped = session.execute(select(inner.c.status, func.count()).group_by(inner.c.status))
    for value, count in grouped:
        counts[IntroductionStatus(value)] = int(count)
    return counts


def introduction_line(session: Session, introduction_id: int) -> IntroductionLine:
    query, _on = _introductions(None, None, None)
    row = session.execute(query.where(IntroductionRow.id == introduction_id)).one_or_none()
    if row is None:
        raise NotFound("introduction", introduction_id)
    return _introduction_line(row)


def _introduction_line(row: Any) -> IntroductionLine:
    return IntroductionLine(
        id=row[0],
        agreement_id=row[1],
        agreement=row[2],
        direction=Direction(row[3]),
        client_id=row[4],
        client=row[5],
        counterparty=row[6],
        introduced_on=row[7],
        status=IntroductionStatus(row[8]),
        status_on=row[9] if isinstance(row[9], date) else date.fromisoformat(str(row[9])),
        notes=row[10],
    )


# --- engagements --------------------------------------------------------------------------------


# An Engagement's fields, in order. Lists read them as plain values, never as ORM objects: a
# page builds hundreds of engagements on the UI thread, and ORM objects cost several times as
# much to build, then to collect.
_ENGAGEMENT = (
    EngagementRow.id,
    EngagementRow.introduction_id,
    EngagementRow.kind,
    EngagementRow.start,
    EngagementRow.end,
    EngagementRow.amount,
    EngagementRow.signed_on,
    EngagementRow.converts_trial_id,
    EngagementRow.terminated_on,
    EngagementRow.label,
)


def _engagements(
    kind: EngagementKind | None, state: str, day: date, like: str | None
) -> Select[Any]:
    # Whether a trial is converted is read for the rows kept only (``_engagement_lines``): as
    # a column here, SQLite would test it on every engagement before sorting and paging, and
    # ``converts_trial_id`` has no index: each page of 6,000 engagements took over a second.
    query = (
        select(
            *_ENGAGEMENT,
            IntroductionRow.agreement_id,
            AgreementRow.name,
            AgreementRow.direction,
            Client.name,
            Counterparty.name,
        )
        .join(IntroductionRow, IntroductionRow.id == EngagementRow.introduction_id)
        .join(AgreementRow, AgreementRow.id == IntroductionRow.agreement_id)
        .join(Client, Client.id == IntroductionRow.client_id)
        .join(Counterparty, Counterparty.id == AgreementRow.counterparty_id)
    )
    if kind is not None:
        query = query.where(EngagementRow.kind == kind)
    ended = and_(EngagementRow.end.is_not(None), EngagementRow.end < day)
    if state == "active":
        query = query.where(EngagementRow.start <= day, ~ended)
    elif state == "upcoming":
        query = query.where(EngagementRow.start > day)
    elif state == "ended":
        query = query.where(ended)
    if like is not None and like.strip("%"):
        query = query.where(
            or_(
                Client.name.like(like, escape="\\"),
                Counterparty.name.like(like, escape="\\"),
                AgreementRow.name.like(like, escape="\\"),
                EngagementRow.label.like(like, escape="\\"),
            )
        )
    return query


def page_engagements(
    session: Session,
    *,
    day: date,
    kind: EngagementKind | None = None,
    state: str = "",
    like: str | None = None,
    sort: str = "start",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> tuple[list[EngagementLine], int]:
    """Engagements of ``kind`` in ``state`` on ``day`` (``active``: started and not ended,
    ``upcoming``: not started, ``ended``: ended before ``day``, ``""``: all), ``like`` over the
    client, counterparty, agreement and label; and how many match in all."""
    query = _engagements(kind, state, day, like)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    columns: dict[str, Any] = {
        "start": EngagementRow.start,
        "client": Client.name.collate("NOCASE"),
        "counterparty": Counterparty.name.collate("NOCASE"),
        "agreement": AgreementRow.name.collate("NOCASE"),
        "kind": EngagementRow.kind,
        "end": EngagementRow.end,
        "amount": EngagementRow.amount,
    }
    column = columns.get(sort, EngagementRow.start)
    first = column.desc() if descending else column.asc()
    tie = EngagementRow.id.desc() if descending else EngagementRow.id.asc()
    rows = session.execute(query.order_by(first, tie).offset(offset).limit(limit))
    return _engagement_lines(session, rows.all()), int(total)


def engagements_of(session: Session, introduction_ids: Iterable[int]) -> list[EngagementLine]:
    """Every engagement of these introductions, by start then recording."""
    ids = list(introduction_ids)
    if not ids:
        return []
    query = _engagements(None, "", date.min, None).where(EngagementRow.introduction_id.in_(ids))
    rows = session.execute(query.order_by(EngagementRow.start, EngagementRow.id))
    return _engagement_lines(session, rows.all())


def _engagement_lines(session: Session, rows: Sequence[Any]) -> list[EngagementLine]:
    """The lines of these rows, with which of them a long-term engagement converts: one read
    of the engagements for the whole page."""
    ids = [row[0] for row in rows]
    converted: set[int] = set()
    if ids:
        query = select(Trial.converts_trial_id).where(Trial.converts_trial_id.in_(ids))
        converted = set(session.execute(query).scalars())
    return [_engagement_line(row, row[0] in converted) for row in rows]


def _engagement_line(row: Any, converted: bool) -> EngagementLine:
    engagement = Engagement(*row[: len(_ENGAGEMENT)])
    agreement_id, agreement, direction, client, counterparty = row[len(_ENGAGEMENT) :]
    return EngagementLine(
        id=engagement.id or 0,
        introduction_id=engagement.introduction_id,
        agreement_id=agreement_id,
        agreement=agreement,
        direction=Direction(direction),
        client=client,
        counterparty=counterparty,
        kind=EngagementKind(engagement.kind),
        start=engagement.start,
        end=engagement.end,
        amount=engagement.amount,
        signed_on=engagement.signed_on,
        terminated_on=engagement.terminated_on,
        converts_trial_id=engagement.converts_trial_id,
        converted=converted,
        label=engagement.label,
    )


# --- what a form offers -------------------------------------------------------------------------


def agreement_choices(session: Session) -> list[Choice]:
    """Every agreement, by name, with its counterparty and direction (not its terms)."""
    query = (
        select(AgreementRow.id, AgreementRow.name, Counterparty.name, AgreementRow.direction)
        .join(Counterparty, Counterparty.id == AgreementRow.counterparty_id)
        .order_by(AgreementRow.name.collate("NOCASE"), AgreementRow.id)
    )
    return [
        Choice(id=row[0], name=row[1], detail=row[2], direction=Direction(row[3]))
        for row in session.execute(query)
    ]


def client_choices(session: Session) -> list[Choice]:
    """Every client, by name."""
    query = (
        select(PartyRow.id, PartyRow.name)
        .where(PartyRow.kind == PartyKind.CLIENT)
        .order_by(PartyRow.name.collate("NOCASE"), PartyRow.id)
    )
    return [Choice(id=row[0], name=row[1]) for row in session.execute(query)]


def client_named(session: Session, name: str) -> int | None:
    """The id of the client called ``name`` (case aside), or None."""
    query = select(PartyRow.id).where(
        PartyRow.kind == PartyKind.CLIENT, PartyRow.name.collate("NOCASE") == name
    )
    return session.execute(query.limit(1)).scalar_one_or_none()


def agreement_ids(session: Session, ids: Sequence[int]) -> set[int]:
    """Which of ``ids`` are agreements of the ledger."""
    if not ids:
        return set()
    query = select(AgreementRow.id).where(AgreementRow.id.in_(list(ids)))
    return set(session.execute(query).scalars())


# --- what the coverage of a page needs ----------------------------------------------------------


def introductions_with_engagements(
    session: Session, introduction_ids: Iterable[int]
) -> tuple[list[Introduction], list[Engagement]]:
    """These introductions (with their history) and all their engagements, in three reads:
    what the rights' plan of each needs, for a page of rows at once. Plain values, not ORM
    objects, as for the lists (``_ENGAGEMENT``)."""
    ids = sorted(set(introduction_ids))
    if not ids:
        return [], []
    steps: dict[int, list[StatusChange]] = defaultdict(list)
    for introduction_id, status, on in session.execute(
        select(
            IntroductionStepRow.introduction_id, IntroductionStepRow.status, IntroductionStepRow.on
        )
        .where(IntroductionStepRow.introduction_id.in_(ids))
        .order_by(IntroductionStepRow.introduction_id, IntroductionStepRow.position)
    ):
        steps[introduction_id].append(StatusChange(status, on))
    introductions = session.execute(
        select(
            IntroductionRow.id,
            IntroductionRow.agreement_id,
            IntroductionRow.client_id,
            IntroductionRow.introduced_on,
            IntroductionRow.notes,
        )
        .where(IntroductionRow.id.in_(ids))
        .order_by(IntroductionRow.id)
    )
    engagements = session.execute(
        select(*_ENGAGEMENT)
        .where(EngagementRow.introduction_id.in_(ids))
        .order_by(EngagementRow.id)
    )
    return (
        [
            Introduction(id_, agreement_id, client_id, on, tuple(steps[id_]), notes)
            for id_, agreement_id, client_id, on, notes in introductions
        ],
        [Engagement(*row) for row in engagements],
    )
