"""« Contrats clients »: the engagements born of the introductions, and recording new ones.

Each recording is one user action and one transaction: the engagement and the pipeline step it
means (a trial puts the introduction at « trial », a signed contract at « won ») are saved
together or not at all. The checks and the coverage warnings are those of
``services.pipeline`` (worked example B: a long-term engagement under an agreement that covers
the trial only is recorded, and the warning says it earns nothing and why).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from ..domain.enums import EngagementKind, IntroductionStatus
from ..domain.pipeline import Engagement, StatusChange
from ..domain.problems import Problem, Refused
from ..engine.coverage import plan_rights
from ..storage import pipeline_queries, repository
from ..storage.pipeline_queries import EngagementLine
from ..validation.bounds import check_amount
from .context import AppContext
from .listing import ListQuery, Page
from .pipeline import Recorded, save_engagement, save_step

KIND_FILTER = "kind"  # ListQuery.filters key: "trial", "long_term" or "one_off"
STATE_FILTER = "state"  # "active", "upcoming" or "ended" (on the clock's day)
STATES = ("active", "upcoming", "ended")
SORT_KEYS = pipeline_queries.ENGAGEMENT_SORT_KEYS

# Where the introduction stands once a contract is signed: a trial moves it to « trial »
# unless it is already there or won; a signed contract to « won ». Nothing follows « lost »,
# so a contract on a lost introduction is refused: a client who comes back is a new introduction.
AT_TRIAL_OR_LATER = frozenset({IntroductionStatus.TRIAL, IntroductionStatus.WON})
WON = frozenset({IntroductionStatus.WON})


@dataclass(frozen=True, slots=True)
class EngagementRow:
    """One line of the engagements list."""

    id: int
    introduction_id: int
    agreement_id: int
    agreement: str
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
    state: str  # "upcoming", "active", "ended" or "left" (the client left), on the clock's day
    not_covered: str  # why the agreement pays nothing on it (a coverage reason code), or ""

    @property
    def can_convert(self) -> bool:
        return self.kind is EngagementKind.TRIAL and not self.converted and self.state != "left"

    @property
    def can_end(self) -> bool:
        return self.state in ("upcoming", "active")


def list_engagements(
    ctx: AppContext, query: ListQuery, offset: int, limit: int
) -> Page[EngagementRow]:
    """A page of engagements: of one kind, in one state on the clock's day, the text found in
    the client, counterparty, agreement or label; newest start first unless sorted otherwise.
    Each row says whether its agreement pays anything on it."""
    kind = _choice(query, KIND_FILTER, [k.value for k in EngagementKind])
    state = _choice(query, STATE_FILTER, list(STATES)) or ""
    sort = query.sort if query.sort in SORT_KEYS else "start"
    descending = query.descending if query.sort in SORT_KEYS else True
    today = ctx.clock.today()
    with ctx.ledger.transaction(write=False) as session:
        lines, total = pipeline_queries.page_engagements(
            session,
            day=today,
            kind=None if kind is None else EngagementKind(kind),
            state=state,
            like=query.like() if query.text.strip() else None,
            sort=sort,
            descending=descending,
            offset=max(offset, 0),
            limit=max(limit, 0),
        )
        reasons = coverage_reasons(session, {line.introduction_id for line in lines})
    return Page(tuple(engagement_row(line, today, reasons) for line in lines), total)


def coverage_reasons(session: Session, introduction_ids: Iterable[int]) -> dict[int, str]:
    """Engagement id → why its agreement pays nothing on it ("" when it earns), for every
    engagement of these introductions: a few reads for a whole page, not one per row."""
    introductions, engagements = pipeline_queries.introductions_with_engagements(
        session, introduction_ids
    )
    by_introduction: dict[int, list[Engagement]] = defaultdict(list)
    for engagement in engagements:
        by_introduction[engagement.introduction_id].append(engagement)
    agreements = repository.get_agreements(
        session, {introduction.agreement_id for introduction in introductions}
    )
    reasons: dict[int, str] = {}
    for introduction in introductions:
        own = by_introduction[introduction.id or 0]
        plan = plan_rights(agreements[introduction.agreement_id], introduction, own)
        reasons.update({e.id or 0: plan.reasons.get(e.id or 0, "") for e in own})
    return reasons


def engagement_row(line: EngagementLine, today: date, reasons: dict[int, str]) -> EngagementRow:
    return EngagementRow(
        id=line.id,
        introduction_id=line.introduction_id,
        agreement_id=line.agreement_id,
        agreement=line.agreement,
        client=line.client,
        counterparty=line.counterparty,
        kind=line.kind,
        start=line.start,
        end=line.end,
        amount=line.amount,
        signed_on=line.signed_on,
        terminated_on=line.terminated_on,
        converts_trial_id=line.converts_trial_id,
        converted=line.converted,
        label=line.label,
        state=_state(line, today),
        not_covered=reasons.get(line.id, ""),
    )


def _state(line: EngagementLine, today: date) -> str:
    if line.terminated_on is not None and line.terminated_on <= today:
        return "left"
    if line.start > today:
        return "upcoming"
    if line.end is not None and line.end < today:
        return "ended"
    return "active"


# --- recording ----------------------------------------------------------------------------------


def record_trial(
    ctx: AppContext,
    introduction_id: int,
    start: date,
    end: date | None,
    monthly_amount: Decimal | None,
    label: str = "",
) -> Recorded:
    """The trial engagement, and the « trial » step on its start when the introduction is not
    yet at trial or further: one transaction."""
    trial = Engagement(
        None,
        introduction_id,
        EngagementKind.TRIAL,
        start,
        end=end,
        amount=monthly_amount,
        label=label.strip(),
    )
    with ctx.ledger.transaction() as session:
        return _record(session, trial, IntroductionStatus.TRIAL, AT_TRIAL_OR_LATER)


def convert_to_long_term(
    ctx: AppContext,
    trial_id: int,
    start: date,
    monthly_amount: Decimal | None,
    signed_on: date | None = None,
    label: str = "",
) -> Recorded:
    """The long-term engagement that converts the trial ``trial_id``, and the « won » step
    unless the introduction is already won: one transaction. Under an agreement that covers
    the trial only, it is recorded and the notice says it earns nothing (worked example B)."""
    with ctx.ledger.transaction() as session:
        trial = repository.get_engagement(session, trial_id)
        problems = _conversion_problems(session, trial, start)
        long_term = Engagement(
            None,
            trial.introduction_id,
            EngagementKind.LONG_TERM,
            start,
            amount=monthly_amount,
            signed_on=signed_on,
            converts_trial_id=trial_id,
            label=label.strip(),
        )
        return _record(session, long_term, IntroductionStatus.WON, WON, problems)


def record_long_term(
    ctx: AppContext,
    introduction_id: int,
    start: date,
    monthly_amount: Decimal | None,
    signed_on: date | None = None,
    label: str = "",
) -> Recorded:
    """A long-term engagement without a trial before it, and the « won » step."""
    engagement = Engagement(
        None,
        introduction_id,
        EngagementKind.LONG_TERM,
        start,
        amount=monthly_amount,
        signed_on=signed_on,
        label=label.strip(),
    )
    with ctx.ledger.transaction() as session:
        return _record(session, engagement, IntroductionStatus.WON, WON)


def record_one_off(
    ctx: AppContext,
    introduction_id: int,
    start: date,
    contract_value: Decimal | None,
    signed_on: date | None = None,
    label: str = "",
) -> Recorded:
    """A one-off engagement (a project at a contract value), and the « won » step."""
    engagement = Engagement(
        None,
        introduction_id,
        EngagementKind.ONE_OFF,
        start,
        amount=contract_value,
        signed_on=signed_on,
        label=label.strip(),
    )
    problems = check_amount("amount", contract_value, required=True)
    with ctx.ledger.transaction() as session:
        return _record(session, engagement, IntroductionStatus.WON, WON, problems)


def _conversion_problems(session: Session, trial: Engagement, start: date) -> list[Problem]:
    problems: list[Problem] = []
    if trial.kind is EngagementKind.TRIAL:
        converting = pipeline_queries.engagements_of(session, [trial.introduction_id])
        if any(line.converts_trial_id == trial.id for line in converting):
            problems.append(Problem.of("trial", trial.label or trial.id, "already_converted"))
        if start < trial.start:
            problems.append(
                Problem.of(
                    "start",
                    start,
                    "date_before_minimum",
                    reference="trial_start",
                    minimum=trial.start,
                )
            )
    return problems


def _record(
    session: Session,
    engagement: Engagement,
    step: IntroductionStatus,
    already: frozenset[IntroductionStatus],
    problems: list[Problem] | None = None,
) -> Recorded:
    """Save the engagement and, unless the introduction already stands at one of ``already``,
    the step ``step`` dated the day of signature. Every problem of both comes back at once,
    each under the field of the engagement the user typed (a step dated before the previous
    one is the signature date's fault)."""
    problems = list(problems or [])
    recorded: Recorded | None = None
    try:
        recorded = save_engagement(session, engagement)
    except Refused as refused:
        problems += refused.problems
    introduction = repository.get_introduction(session, engagement.introduction_id)
    if introduction.status not in already:
        change = StatusChange(step, engagement.signature_date)
        try:
            save_step(session, engagement.introduction_id, change)
        except Refused as refused:
            date_field = "signed_on" if engagement.signed_on is not None else "start"
            problems += [_step_problem(p, date_field) for p in refused.problems]
    if problems or recorded is None:
        raise Refused(problems)  # the transaction is rolled back: nothing is saved
    return recorded


def _step_problem(problem: Problem, date_field: str) -> Problem:
    if problem.field.endswith(".on"):
        return Problem(date_field, problem.value, problem.code, problem.params)
    return Problem("status", problem.value, problem.code, problem.params)


def _choice(query: ListQuery, key: str, allowed: list[str]) -> str | None:
    value = query.filters.get(key, "")
    if not value:
        return None
    if value not in allowed:
        raise Refused([Problem.of(key, value, "not_one_of", allowed=allowed)])
    return value
