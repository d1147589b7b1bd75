"""What the month's revenue sheet reads: the engagements running in a month, the figures
recorded for it and for the month before, and what deciding their coverage needs.

A handful of queries per month whatever the size of the ledger: revisions are read through
the ``period`` index (two months of them, never the whole table), engagements in one pass
joined to their names, and the coverage inputs only for the introductions concerned.
Like every storage function, these take the caller's ``Session`` and never commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from apporteur_desktop.domain.agreements import Agreement
from apporteur_desktop.domain.enums import Direction, EngagementKind
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import Engagement, Introduction, RevenueRevision

from .mapping import (
    REVENUE_COLUMNS,
    agreement_from_row,
    engagement_from_row,
    revenue_from_row,
)
from .models import (
    AgreementRow,
    ComponentRow,
    EngagementRow,
    IntroductionRow,
    PartyRow,
    RevenueRevisionRow,
    TermsRow,
)

Eng = EngagementRow
Intro = IntroductionRow
Agr = AgreementRow
Rev = RevenueRevisionRow

# The columns ``engagement_from_row`` reads: Core rows skip building ORM objects.
ENGAGEMENT_COLUMNS = (
    Eng.id,
    Eng.introduction_id,
    Eng.kind,
    Eng.start,
    Eng.end,
    Eng.amount,
    Eng.signed_on,
    Eng.converts_trial_id,
    Eng.terminated_on,
    Eng.label,
)


@dataclass(frozen=True, slots=True)
class RunningEngagement:
    """An engagement running in a month, with the names the sheet shows beside it."""

    engagement: Engagement
    agreement_id: int
    agreement: str
    direction: Direction
    client: str
    counterparty: str


@dataclass(frozen=True, slots=True)
class CoverageInputs:
    """What ``engine.coverage.plan_rights`` needs for some introductions: each one (its date,
    not its steps), its agreement, and all its engagements (not only those of the month: a
    trial months ago decides whether today's long-term engagement is a conversion)."""

    agreements: dict[int, Agreement]
    introductions: dict[int, Introduction]
    engagements: dict[int, list[Engagement]]  # by introduction id


def running_in(period: Period) -> ColumnElement[bool]:
    """Engagements billed monthly that run at some point of ``period``.

    One-off engagements are left out (their base is the contract value, not a month's
    revenue); a trial without an end runs in the month it starts only, as its domain value
    says (``Engagement.trial_end``); a client who left before the month no longer counts.
    """
    first, after = period.first_day(), (period + 1).first_day()
    return and_(
        Eng.kind != EngagementKind.ONE_OFF,
        Eng.start < after,
        or_(Eng.end.is_(None), Eng.end >= first),
        or_(Eng.terminated_on.is_(None), Eng.terminated_on >= first),
        or_(Eng.kind != EngagementKind.TRIAL, Eng.end.is_not(None), Eng.start >= first),
    )


def running_engagements(session: Session, period: Period) -> list[RunningEngagement]:
    """Every engagement running in ``period``, with client, counterparty and agreement."""
    return _with_names(session, running_in(period))


def named_engagements(session: Session, ids: Collection[int]) -> list[RunningEngagement]:
    """The engagements ``ids`` (whatever their months), with their names."""
    return _with_names(session, Eng.id.in_(list(ids)))


def _with_names(session: Session, condition: ColumnElement[bool]) -> list[RunningEngagement]:
    client = PartyRow.__table__.alias("client")
    counterparty = PartyRow.__table__.alias("counterparty")
    query = (
        select(
            *ENGAGEMENT_COLUMNS,
            Agr.id.label("agreement_id"),
            Agr.name.label("agreement"),
            Agr.direction,
            client.c.name.label("client"),
            counterparty.c.name.label("counterparty"),
        )
        .join(Intro, Intro.id == Eng.introduction_id)
        .join(Agr, Agr.id == Intro.agreement_id)
        .join(client, client.c.id == Intro.client_id)
        .join(counterparty, counterparty.c.id == Agr.counterparty_id)
        .where(condition)
        .order_by(Eng.id)
    )
    return [
        RunningEngagement(
            engagement_from_row(row),
            row.agreement_id,
            row.agreement,
            row.direction,
            row.client,
            row.counterparty,
        )
        for row in session.execute(query)
    ]


def month_revisions(
    session: Session, periods: Collection[Period], engagement_ids: Select[Any] | Collection[int]
) -> dict[int, dict[Period, list[RevenueRevision]]]:
    """The revisions of ``periods`` for the engagements ``engagement_ids`` (ids, or a select
    of ids), by engagement then month, each list in recording order."""
    query = (
        select(*REVENUE_COLUMNS)
        .where(Rev.period.in_(list(periods)), Rev.engagement_id.in_(engagement_ids))
        .order_by(Rev.id)
    )
    found: dict[int, dict[Period, list[RevenueRevision]]] = defaultdict(lambda: defaultdict(list))
    for row in session.execute(query):
        revision = revenue_from_row(row)
        found[revision.engagement_id][revision.period].append(revision)
    return found


def running_ids(period: Period) -> Select[Any]:
    """The ids of the engagements running in ``period``, as a subquery for ``IN``."""
    return select(Eng.id).where(running_in(period))


def existing_engagements(session: Session, ids: Collection[int]) -> dict[int, Engagement]:
    query = select(*ENGAGEMENT_COLUMNS).where(Eng.id.in_(list(ids)))
    return {row.id: engagement_from_row(row) for row in session.execute(query)}


def coverage_inputs(
    session: Session, engagement_ids: Select[Any] | Collection[int]
) -> CoverageInputs:
    """Everything needed to decide the coverage of the engagements ``engagement_ids``."""
    introduction_ids = select(Eng.introduction_id).where(Eng.id.in_(engagement_ids))
    # Core rows, not ORM objects: a month may concern thousands of introductions. Coverage
    # reads an introduction's date, never its steps, so the history is left out.
    introductions = {
        row.id: Introduction(row.id, row.agreement_id, row.client_id, row.introduced_on)
        for row in session.execute(
            select(Intro.id, Intro.agreement_id, Intro.client_id, Intro.introduced_on).where(
                Intro.id.in_(introduction_ids)
            )
        )
    }
    agreement_ids = select(Intro.agreement_id).where(Intro.id.in_(introduction_ids))
    with_terms = (
        selectinload(Agr.versions)
        .selectinload(TermsRow.components)
        .selectinload(ComponentRow.tiers)
    )
    agreements = {
        row.id: agreement_from_row(row)
        for row in session.execute(
            select(Agr).where(Agr.id.in_(agreement_ids)).options(with_terms)
        ).scalars()
    }
    engagements: dict[int, list[Engagement]] = defaultdict(list)
    query = (
        select(*ENGAGEMENT_COLUMNS)
        .where(Eng.introduction_id.in_(introduction_ids))
        .order_by(Eng.id)
    )
    for row in session.execute(query):
        engagements[row.introduction_id].append(engagement_from_row(row))
    return CoverageInputs(agreements, introductions, dict(engagements))
