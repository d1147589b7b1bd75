"""Month end: the revenue of every running engagement, on one sheet, saved all at once.

PRODUCT.md: « at month end, enter or confirm the revenue each provider billed each introduced
client ». The sheet lists the engagements billed monthly that run in the month, each with the
figure expected for it — the one already recorded, else last month's, else the engagement's
monthly amount — and says which ones their agreement does not cover (worked example B), since
revenue entered there earns nothing. Saving checks every line as ``record_revenue`` does and
writes them in one transaction: one refused line and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from ..domain.enums import Direction, EngagementKind, RevenueStatus
from ..domain.periods import Period
from ..domain.pipeline import RevenueRevision, standing_revenue
from ..domain.problems import Notice, Problem, Refused
from ..engine.coverage import NO_RIGHTS_CLOCK, plan_rights
from ..storage import repository
from ..storage import revenue_queries as queries
from ..validation.bounds import check_amount
from ..validation.pipeline import check_revenue
from .context import AppContext


class ExpectationSource(StrEnum):
    """Where the figure a line is pre-filled with comes from."""

    RECORDED = "recorded"  # the month already has a figure
    PREVIOUS_MONTH = "previous_month"  # last month's standing figure
    CONTRACT_AMOUNT = "contract_amount"  # the engagement's monthly fee
    NONE = "none"  # nothing to go by: the user types it


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One engagement running in the month, as the sheet shows it."""

    engagement_id: int
    client: str
    counterparty: str  # the provider (earned) or the introducer (owed)
    agreement: str
    direction: Direction
    kind: EngagementKind
    expected: Decimal | None
    recorded: Decimal | None  # the standing figure of the month, if any
    recorded_status: RevenueStatus | None
    source: ExpectationSource
    coverage_warning: str = ""  # an engine.coverage reason code: why it earns nothing
    label: str = ""  # the engagement's own name (« retainer »), may be empty


@dataclass(frozen=True, slots=True)
class MonthSheet:
    period: Period
    lines: tuple[SheetLine, ...]

    @property
    def recorded_total(self) -> Decimal:
        return sum((line.recorded for line in self.lines if line.recorded is not None), Decimal(0))


@dataclass(frozen=True, slots=True)
class SheetEntry:
    """What the user enters on one line: the month's figure and whether it is final."""

    engagement_id: int
    amount: Decimal
    status: RevenueStatus = RevenueStatus.CONFIRMED


@dataclass(frozen=True, slots=True)
class SavedMonth:
    saved: int  # lines that got a new revision
    unchanged: int  # lines whose figure and status were already the standing ones
    notices: tuple[Notice, ...] = ()  # figures saved on engagements that earn nothing
    revisions: tuple[RevenueRevision, ...] = ()


def month_sheet(ctx: AppContext, period: Period) -> MonthSheet:
    """Every engagement running in ``period`` with its expected figure, by counterparty then
    client."""
    with ctx.ledger.transaction(write=False) as session:
        running = queries.running_engagements(session, period)
        ids = queries.running_ids(period)
        revisions = queries.month_revisions(session, (period + -1, period), ids)
        reasons = _coverage_reasons(session, ids)
    lines = [
        _line(item, revisions.get(item.engagement.id or 0, {}), period, reasons) for item in running
    ]
    lines.sort(
        key=lambda line: (
            line.counterparty.casefold(),
            line.client.casefold(),
            line.agreement.casefold(),
            line.engagement_id,
        )
    )
    return MonthSheet(period, tuple(lines))


def entry_problems(amount: Decimal) -> list[Problem]:
    """What is wrong with one line's amount, field ``amount``: the rule ``save_month``
    applies, for a form that wants to say it as soon as the amount is typed."""
    return check_amount("amount", amount, required=True)


def save_month(ctx: AppContext, period: Period, entries: Sequence[SheetEntry]) -> SavedMonth:
    """Record every entry for ``period`` in one transaction; refuse them all, each problem
    named ``lines[i].amount`` (or ``.status``, ``.engagement_id``), if any line is wrong.

    A line whose figure and status already stand is left alone; any other adds a revision
    (a correction never overwrites: the earlier figure stays in the ledger)."""
    with ctx.ledger.transaction() as session:
        ids = [entry.engagement_id for entry in entries]
        known = queries.existing_engagements(session, ids)
        earlier = queries.month_revisions(session, (period,), ids)
        problems: list[Problem] = []
        to_record: list[RevenueRevision] = []
        unchanged = 0
        seen: set[int] = set()
        for index, entry in enumerate(entries):
            place = f"lines[{index}]"
            if entry.engagement_id not in known:
                problems.append(
                    Problem.of(f"{place}.engagement_id", entry.engagement_id, "unknown_engagement")
                )
                continue
            if entry.engagement_id in seen:
                problems.append(
                    Problem.of(
                        f"{place}.engagement_id",
                        entry.engagement_id,
                        "duplicate_key",
                        key=entry.engagement_id,
                    )
                )
                continue
            seen.add(entry.engagement_id)
            own = earlier.get(entry.engagement_id, {}).get(period, [])
            revision = RevenueRevision(
                None, entry.engagement_id, period, entry.amount, entry.status
            )
            found = _new_revision_problems(own, revision, place)
            if found:
                problems += found
                continue
            standing = standing_revenue(own)
            if standing is not None and (standing.amount, standing.status) == (
                entry.amount,
                entry.status,
            ):
                unchanged += 1
            else:
                to_record.append(revision)
        if problems:
            raise Refused(problems)
        if not to_record:
            return SavedMonth(0, unchanged)
        seq = repository.next_change_seq(session)
        saved = tuple(repository.add_revenue_revision(session, r, seq) for r in to_record)
        notices = _notices(session, [r.engagement_id for r in saved])
    return SavedMonth(len(saved), unchanged, notices, saved)


# --- the parts ----------------------------------------------------------------------------------


def _line(
    item: queries.RunningEngagement,
    revisions: Mapping[Period, list[RevenueRevision]],
    period: Period,
    reasons: Mapping[int, str],
) -> SheetLine:
    engagement = item.engagement
    engagement_id = engagement.id or 0
    standing = standing_revenue(revisions.get(period, []))
    previous = standing_revenue(revisions.get(period + -1, []))
    if standing is not None:
        expected, source = standing.amount, ExpectationSource.RECORDED
    elif previous is not None:
        expected, source = previous.amount, ExpectationSource.PREVIOUS_MONTH
    elif engagement.amount is not None:
        expected, source = engagement.amount, ExpectationSource.CONTRACT_AMOUNT
    else:
        expected, source = None, ExpectationSource.NONE
    return SheetLine(
        engagement_id=engagement_id,
        client=item.client,
        counterparty=item.counterparty,
        agreement=item.agreement,
        direction=item.direction,
        kind=engagement.kind,
        expected=expected,
        recorded=None if standing is None else standing.amount,
        recorded_status=None if standing is None else standing.status,
        source=source,
        coverage_warning=reasons.get(engagement_id, ""),
        label=engagement.label,
    )


def _new_revision_problems(
    earlier: list[RevenueRevision], revision: RevenueRevision, place: str
) -> list[Problem]:
    """``check_revenue``'s problems with the new revision, named after the sheet's line."""
    own = f"[{len(earlier)}]"
    return [
        replace(problem, field=place + problem.field[len(own) :])
        for problem in check_revenue([*earlier, revision])
        # Only the new revision can be wrong: the earlier ones were checked when saved.
        if problem.field.startswith(own)
    ]


def _coverage_reasons(session: Session, engagement_ids: Select[Any] | list[int]) -> dict[int, str]:
    """Engagement id -> why its agreement does not cover it ("" when it earns)."""
    inputs = queries.coverage_inputs(session, engagement_ids)
    reasons: dict[int, str] = {}
    for introduction_id, engagements in inputs.engagements.items():
        introduction = inputs.introductions[introduction_id]
        agreement = inputs.agreements[introduction.agreement_id]
        plan = plan_rights(agreement, introduction, engagements)
        for engagement in engagements:
            engagement_id = engagement.id or 0
            reasons[engagement_id] = plan.reasons.get(engagement_id, NO_RIGHTS_CLOCK)
    return reasons


def _notices(session: Session, engagement_ids: list[int]) -> tuple[Notice, ...]:
    """One warning per saved figure that earns nothing, saying why (as when the engagement
    was recorded: the user may have forgotten since)."""
    reasons = _coverage_reasons(session, engagement_ids)
    uncovered = {i for i in engagement_ids if reasons.get(i)}
    if not uncovered:
        return ()
    names = {
        item.engagement.id: f"{item.agreement} / {item.client}"
        for item in queries.named_engagements(session, uncovered)
    }
    return tuple(
        Notice.of(reasons[engagement_id], subject=names.get(engagement_id, ""))
        for engagement_id in engagement_ids
        if engagement_id in uncovered
    )
