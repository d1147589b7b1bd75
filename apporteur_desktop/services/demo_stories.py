"""The calendar of a demo book and what becomes of each introduction in it.

Part of the demo ledger (``services.demo``): each story is one introduction's life — a trial
that converts or not, a one-off project, a client who leaves early, a lost lead.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ..domain.enums import (
    EngagementKind,
    IntroductionStatus,
)
from ..domain.money import from_cents
from ..domain.periods import Period
from ..domain.pipeline import Engagement, StatusChange
from . import demo_people as words

# --- the calendar -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Calendar:
    today: date
    first: Period  # the first month of the history
    last: Period  # the month before today: nothing happens after it
    months: int

    @property
    def last_day(self) -> date:
        return end_of_month(self.last)


def end_of_month(period: Period) -> date:
    return (period + 1).first_day() - timedelta(days=1)


def _next_month(day: date) -> date:
    return (Period.of(day) + 1).first_day()


def _euros(rng: random.Random, low: int, high: int, step: int = 50) -> Decimal:
    return from_cents(rng.randint(low // step, high // step) * step * 100)


# --- what becomes of an introduction ----------------------------------------------------------

CONVERTED = "converted"  # a one-month trial, then a long-term engagement
EXTENDED = "extended"  # the trial extended by a second month, then a long-term one
DIRECT = "direct"  # a long-term engagement without a trial
TRIAL_LOST = "trial_lost"  # a trial that was not converted
LATE = "late"  # a long-term engagement signed well after the 60-day conversion window
CLAWBACK = "clawback"  # a long-term engagement the client left within a few weeks
ONE_OFF = "one_off"  # a project with a contract value
LOST = "lost"  # lost before any engagement
OPEN = "open"  # still being discussed

RETAINERS = ((CONVERTED, 5), (EXTENDED, 1), (DIRECT, 2), (TRIAL_LOST, 1), (LOST, 2), (OPEN, 1))
PROJECTS = ((ONE_OFF, 5), (LOST, 2), (OPEN, 1))


@dataclass(frozen=True, slots=True)
class Shape:
    """The engagements an agreement brings: monthly fees in euros, its clawback window."""

    low: int
    high: int
    clawback_days: int = 0


@dataclass
class Draft:
    """An engagement before the ledger numbers it."""

    kind: EngagementKind
    start: date
    end: date | None
    amount: Decimal
    signed: date
    label: str
    converts: Draft | None = None
    terminated: date | None = None
    id: int = 0
    introduction_id: int = 0

    def engagement(self) -> Engagement:
        converts = None if self.converts is None else self.converts.id
        return Engagement(
            self.id, self.introduction_id, self.kind, self.start, self.end, self.amount,
            self.signed, converts, self.terminated, self.label,
        )  # fmt: skip


class Story:
    """The status history and engagements of one introduction; nothing happens after
    ``cutoff``, so a recent introduction stops wherever the calendar catches it."""

    def __init__(self, rng: random.Random, cutoff: date, shape: Shape, introduced: date) -> None:
        self.rng = rng
        self.cutoff = cutoff
        self.shape = shape
        self.history = [StatusChange(IntroductionStatus.INTRODUCED, introduced)]
        self.drafts: list[Draft] = []

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, high))

    def reach(self, status: IntroductionStatus, day: date) -> bool:
        if day > self.cutoff:
            return False
        self.history.append(StatusChange(status, day))
        return True

    def tell(self, story: str) -> Story:
        qualified = self.history[0].on + self.days(1, 8)
        meeting = qualified + self.days(3, 15)
        signed = meeting + self.days(3, 15)
        if not self.reach(IntroductionStatus.QUALIFIED, qualified):
            return self
        if story == LOST and self.rng.randint(0, 2) == 0:
            self.reach(IntroductionStatus.LOST, meeting)  # lost without a meeting
        elif not self.reach(IntroductionStatus.MEETING, meeting) or story == OPEN:
            pass
        elif story == LOST:
            self.reach(IntroductionStatus.LOST, signed)
        elif signed <= self.cutoff:
            monthly = _euros(self.rng, self.shape.low, self.shape.high)
            if story == ONE_OFF:
                self.one_off(signed)
            elif story in (DIRECT, CLAWBACK):
                self.direct(story, signed, monthly)
            else:
                self.trial(story, signed, monthly)
        return self

    def one_off(self, signed: date) -> None:
        start = signed + self.days(0, 14)
        end = end_of_month(Period.of(start) + self.rng.randint(0, 5))
        value = _euros(self.rng, 8_000, 60_000, 500)
        label = self.rng.choice(words.PROJECT_LABELS)
        if start <= self.cutoff and self.reach(IntroductionStatus.WON, signed):
            self.drafts.append(Draft(EngagementKind.ONE_OFF, start, end, value, signed, label))

    def direct(self, story: str, signed: date, monthly: Decimal) -> None:
        if story == CLAWBACK:
            start = signed + self.days(2, 6)
        elif self.rng.randint(0, 3):
            start = _next_month(signed)
        else:
            start = signed + self.days(3, 12)
        if start > self.cutoff or not self.reach(IntroductionStatus.WON, signed):
            return
        window = self.shape.clawback_days
        if story == CLAWBACK and window >= 16:
            left = max(signed + self.days(14, window - 2), start + timedelta(days=7))
            if left <= self.cutoff and (left - signed).days <= window:
                self.drafts.append(
                    Draft(EngagementKind.LONG_TERM, start, left, monthly, signed,
                          words.CLIENT_LEFT_LABEL, terminated=left)
                )  # fmt: skip
                return
        self.drafts.append(self.long_term(start, signed, monthly, None))

    def trial(self, story: str, signed: date, monthly: Decimal) -> None:
        start = _next_month(signed)
        if start > self.cutoff or not self.reach(IntroductionStatus.TRIAL, signed):
            return
        share = self.rng.choice((60, 70, 80, 100))
        fee = from_cents(int(monthly) * share // 100 // 50 * 50 * 100)
        extended = story == EXTENDED
        end = end_of_month(Period.of(start) + (1 if extended else 0))
        label = words.EXTENDED_TRIAL_LABEL if extended else words.TRIAL_LABEL
        trial = Draft(EngagementKind.TRIAL, start, end, fee, signed, label)
        self.drafts.append(trial)
        if story == TRIAL_LOST:
            self.reach(IntroductionStatus.LOST, end + self.days(1, 10))
            return
        if story == LATE:
            long_start = _next_month(end + self.days(70, 100))
            long_signed = long_start - self.days(5, 15)
        else:
            long_start = end + timedelta(days=1)
            long_signed = end - self.days(2, 8)
        if long_start <= self.cutoff and self.reach(IntroductionStatus.WON, long_signed):
            self.drafts.append(self.long_term(long_start, long_signed, monthly, trial))

    def long_term(self, start: date, signed: date, monthly: Decimal, trial: Draft | None) -> Draft:
        """A retainer: open-ended, or for a fixed number of months, or until the client left."""
        label = self.rng.choice(words.RETAINER_LABELS)
        roll = self.rng.randint(1, 20)
        if roll <= 9:
            return Draft(EngagementKind.LONG_TERM, start, None, monthly, signed, label, trial)
        end = end_of_month(Period.of(start) + self.rng.randint(3, 29))
        left = end if end <= self.cutoff and roll > 16 else None
        return Draft(EngagementKind.LONG_TERM, start, end, monthly, signed, label, trial, left)
