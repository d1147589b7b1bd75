"""Trial coverage, conversions and the rights' clock: which engagement earns which months.

PRODUCT.md "Trial coverage": a long-term engagement converts a trial of the same
introduction when it starts within the conversion window after the trial ends. The
engagement that starts the rights' clock depends on the coverage; an engagement the
agreement does not cover gets a reason code, which the services word as a warning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from dateutil.relativedelta import relativedelta

from ..domain.agreements import Agreement, Terms
from ..domain.enums import EngagementKind, RightsKind, TrialCoverage
from ..domain.periods import Period
from ..domain.pipeline import Engagement, Introduction

# Reason codes: why an engagement earns nothing (the empty string: it earns).
EARNS = ""
INTRODUCTION_OUTSIDE_VALIDITY = "introduction_outside_validity"
SIGNED_AFTER_AGREEMENT = "signed_after_agreement"
TRIAL_NOT_COVERED = "trial_not_covered"
CONVERSION_NOT_COVERED = "conversion_not_covered"
OUTSIDE_CONVERSION_WINDOW = "outside_conversion_window"
NO_RIGHTS_CLOCK = "no_rights_clock"
ONE_OFF_RIGHTS = "one_off_rights"
BEFORE_RIGHTS = "before_rights"
AFTER_RIGHTS = "after_rights"


@dataclass(frozen=True, slots=True)
class RightsPlan:
    """How one introduction's engagements are covered."""

    introduction_id: int
    clock_engagement_id: int | None
    clock_start: Period | None
    last_period: Period | None  # None: no calendar end (while the client stays, one-off)
    month_count: int | None
    reasons: Mapping[int, str]  # engagement id -> reason code ("" when it earns)
    conversions: Mapping[int, int]  # long-term engagement id -> the trial it converts
    clawed_back: frozenset[int]

    def earns(self, engagement_id: int) -> bool:
        return self.reasons.get(engagement_id, NO_RIGHTS_CLOCK) == EARNS

    def covers(self, period: Period) -> bool:
        """Whether a month lies inside the rights (the engagement must earn too)."""
        if self.clock_start is None or period < self.clock_start:
            return False
        return self.last_period is None or period <= self.last_period

    def month_number(self, period: Period) -> int | None:
        return None if self.clock_start is None else period - self.clock_start + 1


def in_order(engagements: Sequence[Engagement]) -> list[Engagement]:
    """Engagements by start, then by recording: the order caps and brackets fill in."""
    return sorted(engagements, key=lambda e: (e.start, e.id or 0))


def find_conversions(engagements: Sequence[Engagement], window_days: int) -> dict[int, int]:
    """Long-term engagement id -> the trial it converts, when it starts inside the window."""
    trials = [e for e in engagements if e.kind is EngagementKind.TRIAL]
    found: dict[int, int] = {}
    for long_term in engagements:
        if long_term.kind is not EngagementKind.LONG_TERM or long_term.id is None:
            continue
        trial = _trial_for(long_term, trials)
        if trial is None or trial.id is None:
            continue
        gap = (long_term.start - trial.trial_end).days
        if gap <= window_days and long_term.start >= trial.start:
            found[long_term.id] = trial.id
    return found


def _trial_for(long_term: Engagement, trials: list[Engagement]) -> Engagement | None:
    if long_term.converts_trial_id is not None:
        return next((t for t in trials if t.id == long_term.converts_trial_id), None)
    earlier = [t for t in trials if t.start <= long_term.start]
    return max(earlier, key=lambda t: (t.start, t.id or 0)) if earlier else None


def coverage_terms(agreement: Agreement, engagements: Sequence[Engagement]) -> Terms:
    """Coverage is decided once per introduction, by the terms in force when its first
    engagement starts (or the original terms when it has none yet)."""
    if not engagements:
        return agreement.original_terms
    return agreement.terms_for(Period.of(engagements[0].start))


def plan_rights(
    agreement: Agreement, introduction: Introduction, engagements: Sequence[Engagement]
) -> RightsPlan:
    """Decide the rights' clock and which engagements earn, for one introduction."""
    ordered = in_order(engagements)
    terms = coverage_terms(agreement, ordered)
    conversions = find_conversions(ordered, terms.conversion_window_days)
    clawed = _clawed_back(agreement, ordered)
    if not agreement.is_valid_on(introduction.introduced_on):
        return _no_clock(introduction, ordered, conversions, clawed, INTRODUCTION_OUTSIDE_VALIDITY)
    clock, reasons = _clock_engagement(ordered, conversions, terms.trial_coverage)
    if clock is None:
        return _plan(introduction, None, reasons, conversions, clawed, terms)
    if not _signed_in_time(agreement, terms, clock):
        return _no_clock(introduction, ordered, conversions, clawed, SIGNED_AFTER_AGREEMENT)
    start = Period.of(clock.start)
    for engagement in ordered:
        reasons.setdefault(
            _id(engagement), _later_reason(engagement, clock, conversions, terms, start)
        )
    return _plan(introduction, clock, reasons, conversions, clawed, terms)


def _clock_engagement(
    ordered: list[Engagement], conversions: Mapping[int, int], coverage: TrialCoverage
) -> tuple[Engagement | None, dict[int, str]]:
    """The engagement whose start starts the rights' clock, and the reasons already known."""
    reasons: dict[int, str] = {}
    has_trial = any(e.kind is EngagementKind.TRIAL for e in ordered)
    if not ordered:
        return None, reasons
    if not has_trial or coverage is not TrialCoverage.CONVERSION_ONLY:
        return ordered[0], reasons
    for engagement in ordered:
        if engagement.kind is EngagementKind.TRIAL:
            reasons[_id(engagement)] = TRIAL_NOT_COVERED
    clock = next((e for e in ordered if _id(e) in conversions), None)
    if clock is None:
        for engagement in ordered:
            if engagement.kind is EngagementKind.LONG_TERM:
                reasons[_id(engagement)] = OUTSIDE_CONVERSION_WINDOW
            reasons.setdefault(_id(engagement), NO_RIGHTS_CLOCK)
    return clock, reasons


def _later_reason(
    engagement: Engagement,
    clock: Engagement,
    conversions: Mapping[int, int],
    terms: Terms,
    start: Period,
) -> str:
    coverage = terms.trial_coverage
    if _id(engagement) in conversions and coverage is TrialCoverage.TRIAL_ONLY:
        return CONVERSION_NOT_COVERED
    if engagement is clock:
        return EARNS
    if terms.rights.kind is RightsKind.ONE_OFF:
        # One-off rights cover the engagement that started the clock, and its conversion
        # where the coverage includes conversions: a trial and its conversion are one deal.
        return EARNS if conversions.get(_id(engagement)) == clock.id else ONE_OFF_RIGHTS
    if Period.of(engagement.start) < start:
        return BEFORE_RIGHTS
    last = terms.rights.last_period(start)
    if last is not None and Period.of(engagement.start) > last:
        return AFTER_RIGHTS
    return EARNS


def _signed_in_time(agreement: Agreement, terms: Terms, clock: Engagement) -> bool:
    """Only an engagement signed before the agreement's end plus its tail starts a clock."""
    if agreement.valid_until is None:
        return True
    latest = agreement.valid_until + relativedelta(months=terms.tail_months)
    return clock.signature_date <= latest


def _clawed_back(agreement: Agreement, ordered: list[Engagement]) -> frozenset[int]:
    """Engagements whose client left within the clawback window after signature."""
    clawed = set()
    for engagement in ordered:
        if engagement.terminated_on is None:
            continue
        days = agreement.terms_for(Period.of(engagement.signature_date)).clawback_days
        if days > 0 and (engagement.terminated_on - engagement.signature_date).days <= days:
            clawed.add(_id(engagement))
    return frozenset(clawed)


def _no_clock(
    introduction: Introduction,
    ordered: list[Engagement],
    conversions: Mapping[int, int],
    clawed: frozenset[int],
    reason: str,
) -> RightsPlan:
    reasons = {_id(e): reason for e in ordered}
    return RightsPlan(
        _id(introduction),
        None,
        None,
        None,
        None,
        MappingProxyType(reasons),
        MappingProxyType(dict(conversions)),
        clawed,
    )


def _plan(
    introduction: Introduction,
    clock: Engagement | None,
    reasons: dict[int, str],
    conversions: Mapping[int, int],
    clawed: frozenset[int],
    terms: Terms,
) -> RightsPlan:
    start = None if clock is None else Period.of(clock.start)
    last = None if start is None else terms.rights.last_period(start)
    count = None if start is None else terms.rights.month_count(start)
    return RightsPlan(
        _id(introduction),
        None if clock is None else clock.id,
        start,
        last,
        count,
        MappingProxyType(reasons),
        MappingProxyType(dict(conversions)),
        clawed,
    )


def _id(item: Engagement | Introduction) -> int:
    if item.id is None:
        raise ValueError("the engine needs saved values with ids")
    return item.id
