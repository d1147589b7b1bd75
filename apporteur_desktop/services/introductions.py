"""« Mises en relation »: the introductions, where each stands in the pipeline, and recording
a new one or its next step.

Lists are read a page at a time; the board asks for a few cards per status and the count of
each, so a ledger of 10,000 introductions stays quick. Recording an introduction may create
its client in the same transaction: the client exists only if the introduction is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..domain.enums import Direction, IntroductionStatus, PartyKind
from ..domain.parties import LegalIdentity, Party
from ..domain.pipeline import Introduction, StatusChange
from ..domain.problems import NotFound, Problem, Refused
from ..storage import pipeline_queries, repository
from ..storage.pipeline_queries import Choice, IntroductionLine
from ..validation.parties import check_party
from .context import AppContext
from .engagements import EngagementRow, coverage_reasons, engagement_row
from .listing import ListQuery, Page
from .pipeline import record_step

STATUS_FILTER = "status"  # ListQuery.filters key: an IntroductionStatus value
DIRECTION_FILTER = "direction"  # "earned" or "owed"
SORT_KEYS = pipeline_queries.INTRODUCTION_SORT_KEYS
PIPELINE = pipeline_queries.PIPELINE_ORDER
BOARD_CARDS = 50  # cards per column of the board; the rest are counted, not read

IntroductionRow = IntroductionLine  # one line of the list, with the names it shows

# The steps an introduction may take from where it stands, forward only. Any step may follow
# the last one in date order (the services check the dates); nothing follows « lost ».
_FORWARD: dict[IntroductionStatus, tuple[IntroductionStatus, ...]] = {
    IntroductionStatus.INTRODUCED: PIPELINE[1:],
    IntroductionStatus.QUALIFIED: PIPELINE[2:],
    IntroductionStatus.MEETING: PIPELINE[3:],
    IntroductionStatus.TRIAL: PIPELINE[4:],
    IntroductionStatus.WON: (IntroductionStatus.LOST,),
    IntroductionStatus.LOST: (),
}


def next_steps(status: IntroductionStatus) -> tuple[IntroductionStatus, ...]:
    """The steps the pipeline offers after ``status``."""
    return _FORWARD[status]


@dataclass(frozen=True, slots=True)
class NewIntroduction:
    """What the user gives for a new introduction: an existing client, or the name of a new
    one to create with it (one or the other)."""

    agreement_id: int | None
    introduced_on: date | None
    client_id: int | None = None
    new_client_name: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class IntroductionDetails:
    """One introduction with its names, its history and its engagements."""

    row: IntroductionRow
    introduction: Introduction
    engagements: tuple[EngagementRow, ...]

    @property
    def history(self) -> tuple[StatusChange, ...]:
        return self.introduction.history


@dataclass(frozen=True, slots=True)
class Board:
    """The pipeline as columns: the first cards of each status, and how many each holds."""

    cards: dict[IntroductionStatus, tuple[IntroductionRow, ...]]
    counts: dict[IntroductionStatus, int]

    def more(self, status: IntroductionStatus) -> int:
        """How many introductions of ``status`` the board does not show."""
        return self.counts[status] - len(self.cards[status])


@dataclass(frozen=True, slots=True)
class Choices:
    """What the form of a new introduction offers."""

    agreements: tuple[Choice, ...]
    clients: tuple[Choice, ...]


# --- reading ------------------------------------------------------------------------------------


def list_introductions(
    ctx: AppContext, query: ListQuery, offset: int, limit: int
) -> Page[IntroductionRow]:
    """A page of introductions at one status and in one direction when the filters say so,
    the text found in the client, counterparty, agreement or notes; newest first unless
    sorted by ``date``, ``client``, ``counterparty``, ``agreement``, ``status`` or
    ``last_step``."""
    status, direction = _filters(query)
    sort = query.sort if query.sort in SORT_KEYS else "date"
    descending = query.descending if query.sort in SORT_KEYS else True
    with ctx.ledger.transaction(write=False) as session:
        lines, total = pipeline_queries.page_introductions(
            session,
            status=status,
            direction=direction,
            like=_like(query),
            sort=sort,
            descending=descending,
            offset=max(offset, 0),
            limit=max(limit, 0),
        )
    return Page(tuple(lines), total)


def status_counts(ctx: AppContext, query: ListQuery) -> dict[IntroductionStatus, int]:
    """How many introductions stand at each status, under the query's direction and text
    (its status filter aside: the counts are what each status would show)."""
    _status, direction = _filters(query)
    with ctx.ledger.transaction(write=False) as session:
        return pipeline_queries.count_by_status(session, direction=direction, like=_like(query))


def pipeline_board(ctx: AppContext, query: ListQuery, per_status: int = BOARD_CARDS) -> Board:
    """The board: for each status its ``per_status`` most recent introductions, and counts."""
    _status, direction = _filters(query)
    like = _like(query)
    cards: dict[IntroductionStatus, tuple[IntroductionRow, ...]] = {}
    with ctx.ledger.transaction(write=False) as session:
        counts = pipeline_queries.count_by_status(session, direction=direction, like=like)
        for status in PIPELINE:
            lines, _total = pipeline_queries.page_introductions(
                session,
                status=status,
                direction=direction,
                like=like,
                sort="last_step",
                limit=per_status if counts[status] else 0,
            )
            cards[status] = tuple(lines)
    return Board(cards, counts)


def introduction_details(ctx: AppContext, introduction_id: int) -> IntroductionDetails:
    with ctx.ledger.transaction(write=False) as session:
        row = pipeline_queries.introduction_line(session, introduction_id)
        introduction = repository.get_introduction(session, introduction_id)
        lines = pipeline_queries.engagements_of(session, [introduction_id])
        reasons = coverage_reasons(session, [introduction_id])
    today = ctx.clock.today()
    engagements = tuple(engagement_row(line, today, reasons) for line in lines)
    return IntroductionDetails(row, introduction, engagements)


def introduction_choices(ctx: AppContext) -> Choices:
    """The agreements and the clients a new introduction can name."""
    with ctx.ledger.transaction(write=False) as session:
        agreements = pipeline_queries.agreement_choices(session)
        clients = pipeline_queries.client_choices(session)
    return Choices(tuple(agreements), tuple(clients))


# --- recording ----------------------------------------------------------------------------------


def record_introduction(ctx: AppContext, new: NewIntroduction) -> Introduction:
    """Save a new introduction (and its new client, when named): all or nothing.

    Refusals name ``agreement``, ``client``, ``introduced_on`` or ``notes``.
    """
    name = " ".join(new.new_client_name.split())
    with ctx.ledger.transaction() as session:
        problems = _introduction_problems(session, new, name)
        if problems:
            raise Refused(problems)
        client_id = new.client_id
        if client_id is None:
            client = Party(None, PartyKind.CLIENT, LegalIdentity(name=name))
            problems = [p.at("client") for p in check_party(client)]
            if problems:
                raise Refused(problems)
            client_id = repository.add_party(session, client).id
        assert client_id is not None and new.agreement_id is not None and new.introduced_on
        introduction = Introduction(
            None, new.agreement_id, client_id, new.introduced_on, notes=new.notes.strip()
        )
        return repository.add_introduction(
            session, introduction, repository.next_change_seq(session)
        )


def _introduction_problems(session: Session, new: NewIntroduction, name: str) -> list[Problem]:
    problems: list[Problem] = []
    if new.agreement_id is None:
        problems.append(Problem.of("agreement", None, "required"))
    elif not pipeline_queries.agreement_ids(session, [new.agreement_id]):
        problems.append(Problem.of("agreement", new.agreement_id, "unknown_agreement"))
    if new.introduced_on is None:
        problems.append(Problem.of("introduced_on", None, "required"))
    if new.client_id is not None and name:
        problems.append(Problem.of("client", name, "client_given_twice"))
    elif new.client_id is not None and not _is_client(session, new.client_id):
        problems.append(Problem.of("client", new.client_id, "unknown_party", kind="client"))
    elif new.client_id is None and not name:
        problems.append(Problem.of("client", "", "required"))
    elif new.client_id is None and pipeline_queries.client_named(session, name) is not None:
        problems.append(Problem.of("client", name, "already_in_ledger"))
    return problems


def _is_client(session: Session, party_id: int) -> bool:
    try:
        return repository.get_party(session, party_id).kind is PartyKind.CLIENT
    except NotFound:
        return False


def take_step(
    ctx: AppContext, introduction_id: int, status: IntroductionStatus, on: date
) -> Introduction:
    """Move an introduction to ``status`` on the day ``on`` the user gives. A refusal names
    ``on`` (a date before the previous step or the introduction) or ``status``."""
    try:
        return record_step(ctx, introduction_id, StatusChange(status, on))
    except Refused as refused:
        raise Refused([_step_field(problem) for problem in refused.problems]) from None


def _step_field(problem: Problem) -> Problem:
    field = "on" if problem.field.endswith(".on") else "status"
    return Problem(field, problem.value, problem.code, problem.params)


def _filters(query: ListQuery) -> tuple[IntroductionStatus | None, Direction | None]:
    """The status and direction filters of ``query``; an unknown value is refused."""
    problems: list[Problem] = []
    status = query.filters.get(STATUS_FILTER, "")
    direction = query.filters.get(DIRECTION_FILTER, "")
    if status and status not in IntroductionStatus.__members__.values():
        allowed = [member.value for member in IntroductionStatus]
        problems.append(Problem.of(STATUS_FILTER, status, "not_one_of", allowed=allowed))
    if direction and direction not in Direction.__members__.values():
        allowed = [member.value for member in Direction]
        problems.append(Problem.of(DIRECTION_FILTER, direction, "not_one_of", allowed=allowed))
    if problems:
        raise Refused(problems)
    return (
        IntroductionStatus(status) if status else None,
        Direction(direction) if direction else None,
    )


def _like(query: ListQuery) -> str | None:
    return query.like() if query.text.strip() else None
