"""Introductions, the engagements they lead to, and the revenue those engagements bring."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .enums import QUALIFIED_STAGES, EngagementKind, IntroductionStatus, RevenueStatus
from .periods import Period


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: IntroductionStatus
    on: date


@dataclass(frozen=True, slots=True)
class Introduction:
    """One introduction of a client to a provider under an agreement, on a date."""

    id: int | None
    agreement_id: int
    client_id: int
    introduced_on: date
    history: tuple[StatusChange, ...] = ()  # in the order the steps happened
    notes: str = ""

    @property
    def status(self) -> IntroductionStatus:
        return self.history[-1].status if self.history else IntroductionStatus.INTRODUCED

    @property
    def qualified_on(self) -> date | None:
        """The first day it reached "qualified" or any later stage of the pipeline."""
        for change in self.history:
            if change.status in QUALIFIED_STAGES:
                return change.on
        return None


@dataclass(frozen=True, slots=True)
class Engagement:
    """A contract between the provider and the introduced client."""

    id: int | None
    introduction_id: int
    kind: EngagementKind
    start: date
    end: date | None = None
    amount: Decimal | None = None  # a month's fee, or a one-off engagement's contract value
    signed_on: date | None = None  # defaults to the start
    converts_trial_id: int | None = None  # for a long-term engagement: the trial it converts
    terminated_on: date | None = None  # the client left on that day (for clawbacks)
    label: str = ""

    @property
    def signature_date(self) -> date:
        return self.signed_on or self.start

    @property
    def trial_end(self) -> date:
        """When a trial ends: its end, or the last day of its first month if none was set."""
        if self.end is not None:
            return self.end
        last_day = calendar.monthrange(self.start.year, self.start.month)[1]
        return date(self.start.year, self.start.month, last_day)

    @property
    def contract_value(self) -> Decimal | None:
        return self.amount if self.kind is EngagementKind.ONE_OFF else None


@dataclass(frozen=True, slots=True)
class RevenueRevision:
    """One figure of revenue for an engagement and a month; a correction adds a revision."""

    id: int | None
    engagement_id: int
    period: Period
    amount: Decimal
    status: RevenueStatus = RevenueStatus.CONFIRMED
    note: str = ""


def standing_revenue(revisions: list[RevenueRevision]) -> RevenueRevision | None:
    """The revision that stands for one month: the latest one, except that a confirmed
    figure is never replaced by an estimate. ``revisions`` are in recording order."""
    standing: RevenueRevision | None = None
    for revision in revisions:
        if (
            standing is not None
            and standing.status is RevenueStatus.CONFIRMED
            and revision.status is RevenueStatus.ESTIMATED
        ):
            continue
        standing = revision
    return standing
