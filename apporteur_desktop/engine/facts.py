"""What the engine is given: one agreement's facts, the window of a run, the opening state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from ..domain.agreements import Agreement
from ..domain.periods import Period
from ..domain.pipeline import Engagement, Introduction

RevenueByMonth = Mapping[Period, Decimal]


def _empty() -> Mapping[int, Decimal]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class AgreementFacts:
    """One agreement with its introductions, their engagements and the standing revenue.

    ``revenue`` maps an engagement id to its standing revenue per month (one figure a month:
    the revision that stands, see ``domain.pipeline.standing_revenue``). It may hold only the
    months from ``Opening.start`` on.
    """

    agreement: Agreement
    introductions: tuple[Introduction, ...]
    engagements: tuple[Engagement, ...]
    revenue: Mapping[int, RevenueByMonth]


@dataclass(frozen=True, slots=True)
class Opening:
    """Where an incremental computation starts, and what already stands before it.

    With ``start`` None the agreement is computed from its very beginning and the
    amounts are zero. Otherwise only months from ``start`` on are computed, and the caps
    start from what stands before: per introduction over its whole life, and for the
    agreement in ``start``'s calendar year. A tiered agreement must start in January,
    since its brackets fill with the year's revenue.
    """

    start: Period | None = None
    used_by_introduction: Mapping[int, Decimal] = field(default_factory=_empty)
    used_in_year: Decimal = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class RunWindow:
    """A run prints and saves the lines of ``first``..``last``; corrections of saved lines
    of earlier months are produced too, since those months cannot be run again."""

    first: Period
    last: Period

    def __contains__(self, period: Period) -> bool:
        return self.first <= period <= self.last
