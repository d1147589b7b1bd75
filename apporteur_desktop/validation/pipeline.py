"""Introductions, engagements and revenue.

Fields are relative to the value checked: ``history[1].on`` for an ``Introduction``; ``end`` or
``converts_trial_id`` for an ``Engagement``; ``[3].status`` for one engagement's revenue revisions.
"""

from __future__ import annotations

from collections.abc import Sequence

from apporteur_desktop.domain.enums import EngagementKind, IntroductionStatus, RevenueStatus
from apporteur_desktop.domain.periods import BadPeriod, Period
from apporteur_desktop.domain.pipeline import Engagement, Introduction, RevenueRevision
from apporteur_desktop.domain.problems import Problem

from .bounds import check_amount, check_not_before

PERIOD_FORMAT = "YYYY-MM"
FINAL_STATUSES = frozenset({IntroductionStatus.LOST})


def check_period_text(text: str) -> tuple[Period | None, list[Problem]]:
    """A month written ``YYYY-MM``; the month itself, or None with the problem."""
    try:
        return Period.parse(text), []
    except BadPeriod:
        return None, [Problem.of("", text, "invalid_period", expected_format=PERIOD_FORMAT)]


def check_introduction(introduction: Introduction) -> list[Problem]:
    """Steps of the pipeline in date order, none before the introduction, none after "lost"."""
    problems: list[Problem] = []
    previous = None
    final: IntroductionStatus | None = None
    for index, change in enumerate(introduction.history):
        place = f"history[{index}]"
        if final is not None:
            problems.append(
                Problem.of(f"{place}.status", change.status, "after_final_status", final=final)
            )
        if previous is not None and change.on < previous:
            problems.append(
                Problem.of(f"{place}.on", change.on, "date_before_previous", previous=previous)
            )
        else:
            problems += check_not_before(
                f"{place}.on", change.on, introduction.introduced_on, "introduced_on"
            )
        previous = max(previous, change.on) if previous is not None else change.on
        if change.status in FINAL_STATUSES and final is None:
            final = change.status
    return problems


def check_engagement(engagement: Engagement, siblings: Sequence[Engagement] = ()) -> list[Problem]:
    """Dates in order and a conversion that names a trial of the same introduction.

    ``siblings`` are the other engagements of the introduction (the engagement itself may be
    among them); they are needed to check ``converts_trial_id``.
    """
    problems = check_not_before("end", engagement.end, engagement.start, "start")
    problems += check_not_before(
        "terminated_on", engagement.terminated_on, engagement.start, "start"
    )
    problems += check_amount("amount", engagement.amount)
    trial_id = engagement.converts_trial_id
    if trial_id is None:
        return problems
    if engagement.kind is not EngagementKind.LONG_TERM:
        problems.append(
            Problem.of("converts_trial_id", trial_id, "not_applicable", kind=engagement.kind)
        )
        return problems
    trial = next(
        (
            other
            for other in siblings
            if other.id == trial_id and other.introduction_id == engagement.introduction_id
        ),
        None,
    )
    if trial is None:
        problems.append(Problem.of("converts_trial_id", trial_id, "unknown_trial"))
    elif trial.kind is not EngagementKind.TRIAL:
        problems.append(Problem.of("converts_trial_id", trial_id, "not_a_trial", kind=trial.kind))
    return problems


def check_revenue_revision(revision: RevenueRevision) -> list[Problem]:
    return check_amount("amount", revision.amount)


def check_revenue(revisions: Sequence[RevenueRevision]) -> list[Problem]:
    """One engagement's revisions in recording order: a confirmed figure is never followed by
    an estimate for the same month (the estimate could never stand)."""
    problems: list[Problem] = []
    confirmed: set[tuple[int, Period]] = set()
    for index, revision in enumerate(revisions):
        place = f"[{index}]"
        problems += [p.at(place) for p in check_revenue_revision(revision)]
        key = (revision.engagement_id, revision.period)
        if revision.status is RevenueStatus.CONFIRMED:
            confirmed.add(key)
        elif key in confirmed:
            problems.append(
                Problem.of(
                    f"{place}.status",
                    revision.status,
                    "estimate_after_confirmed",
                    period=str(revision.period),
                )
            )
    return problems
