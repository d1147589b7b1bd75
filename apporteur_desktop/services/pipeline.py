"""Recording the pipeline as it happens: engagements, revenue, steps, a client leaving.

Each function is one user action and one transaction. What the agreement does not cover is
not refused — the contract may simply say so — but comes back as a warning that says why
(worked example B: a long-term engagement under an agreement that covers the trial only).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from ..domain.pipeline import Engagement, Introduction, RevenueRevision, StatusChange
from ..domain.problems import Notice, Refused
from ..engine.coverage import plan_rights
from ..storage import repository
from ..validation.pipeline import check_engagement, check_introduction, check_revenue
from .context import AppContext


@dataclass(frozen=True, slots=True)
class Recorded:
    """An engagement as saved, with what the user should know about it."""

    engagement: Engagement
    notices: tuple[Notice, ...] = ()


def record_engagement(ctx: AppContext, engagement: Engagement) -> Recorded:
    """Save a new engagement; warn when its agreement does not cover it."""
    with ctx.ledger.transaction() as session:
        return save_engagement(session, engagement)


def save_engagement(session: Session, engagement: Engagement) -> Recorded:
    """``record_engagement`` inside the caller's transaction, for actions that record more
    than the engagement (a trial and its pipeline step) all or nothing."""
    siblings = repository.list_engagements(session, engagement.introduction_id)
    problems = check_engagement(engagement, [*siblings, engagement])
    if problems:
        raise Refused(problems)
    saved = repository.add_engagement(session, engagement, repository.next_change_seq(session))
    return Recorded(saved, _coverage_notices(session, saved))


def record_client_left(ctx: AppContext, engagement_id: int, on: date) -> Recorded:
    """The client ended the engagement on ``on``: inside the clawback window, the next run
    reverses what it earned."""
    with ctx.ledger.transaction() as session:
        engagement = repository.get_engagement(session, engagement_id)
        left = replace(engagement, terminated_on=on, end=min(engagement.end or on, on))
        # The siblings: a long-term engagement that converts a trial is checked against it.
        siblings = repository.list_engagements(session, engagement.introduction_id)
        problems = check_engagement(left, siblings)
        if problems:
            raise Refused(problems)
        saved = repository.update_engagement(session, left, repository.next_change_seq(session))
        return Recorded(saved, ())


def record_revenue(ctx: AppContext, revision: RevenueRevision) -> RevenueRevision:
    """Add a month's figure; a correction is a new revision, the old value stays."""
    with ctx.ledger.transaction() as session:
        earlier = repository.list_revenue(session, revision.engagement_id)
        problems = check_revenue([*earlier, revision])
        if problems:
            # Only the new revision can be wrong: the earlier ones were checked when saved.
            raise Refused([p for p in problems if p.field.startswith(f"[{len(earlier)}]")])
        return repository.add_revenue_revision(
            session, revision, repository.next_change_seq(session)
        )


def record_step(ctx: AppContext, introduction_id: int, change: StatusChange) -> Introduction:
    """Move an introduction along the pipeline (qualified, meeting, trial, won, lost)."""
    with ctx.ledger.transaction() as session:
        return save_step(session, introduction_id, change)


def save_step(session: Session, introduction_id: int, change: StatusChange) -> Introduction:
    """``record_step`` inside the caller's transaction."""
    introduction = repository.get_introduction(session, introduction_id)
    moved = replace(introduction, history=(*introduction.history, change))
    problems = check_introduction(moved)
    if problems:
        raise Refused(problems)
    return repository.add_status_change(
        session, introduction_id, change, repository.next_change_seq(session)
    )


def _coverage_notices(session: Session, engagement: Engagement) -> tuple[Notice, ...]:
    introduction = repository.get_introduction(session, engagement.introduction_id)
    agreement = repository.get_agreement(session, introduction.agreement_id)
    siblings = repository.list_engagements(session, introduction.id)
    plan = plan_rights(agreement, introduction, siblings)
    reason = plan.reasons.get(engagement.id or 0, "")
    if not reason:
        return ()
    subject = f"{agreement.name} / {engagement.label or engagement.kind.value}"
    return (Notice.of(reason, subject=subject),)
