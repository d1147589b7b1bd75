"""What should stand for one agreement: every line, after caps, from the opening on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from ..domain.agreements import Agreement, Terms
from ..domain.commissions import CommissionLine
from ..domain.periods import Period
from ..domain.pipeline import Engagement, Introduction
from .caps import CapState, apply_caps
from .coverage import RightsPlan, in_order, plan_rights
from .events import event_lines
from .facts import AgreementFacts, Opening
from .ordering import cap_order
from .revenue import TierMonth, revenue_lines, tiered_lines


@dataclass(frozen=True, slots=True)
class Targets:
    """The lines that should stand, and how each introduction is covered."""

    lines: tuple[CommissionLine, ...]
    plans: dict[int, RightsPlan]

    @property
    def clawed_back(self) -> frozenset[int]:
        return frozenset().union(*(p.clawed_back for p in self.plans.values()))


def compute_targets(
    facts: AgreementFacts, through: Period, opening: Opening | None = None
) -> Targets:
    """Every line of the agreement from ``opening.start`` (or its beginning) to ``through``."""
    opening = opening or Opening()
    agreement = facts.agreement
    agreement_id = agreement.id or 0
    direction = agreement.direction
    terms_for = _terms_lookup(agreement)
    first = opening.start
    by_introduction = _engagements_by_introduction(facts.engagements)
    plans: dict[int, RightsPlan] = {}
    lines: list[CommissionLine] = []
    tiered: list[TierMonth] = []
    for introduction in facts.introductions:
        introduction_id = introduction.id or 0
        engagements = in_order(by_introduction.get(introduction_id, []))
        if first is not None and _settled(introduction, engagements, facts.revenue, first):
            continue
        plan = plan_rights(agreement, introduction, engagements)
        plans[introduction_id] = plan
        lines.extend(
            revenue_lines(
                agreement_id,
                direction,
                plan,
                engagements,
                facts.revenue,
                terms_for,
                first,
                through,
                tiered,
            )
        )
        if agreement.is_valid_on(introduction.introduced_on):
            for line in event_lines(
                agreement_id, direction, introduction, plan, engagements, terms_for
            ):
                if line.key.period <= through and (first is None or line.key.period >= first):
                    lines.append(line)
    starts = {e.id or 0: e.start for e in facts.engagements}
    if tiered:
        lines.extend(tiered_lines(tiered, direction, starts))
    return Targets(tuple(_capped(agreement, lines, opening, starts, terms_for)), plans)


def _settled(
    introduction: Introduction,
    engagements: list[Engagement],
    revenue: Mapping[int, Mapping[Period, object]],
    first: Period,
) -> bool:
    """Nothing of this introduction falls from ``first`` on: no revenue, no fee date.

    Its earlier months stand as saved, so an incremental run can pass it by.
    """
    if any(revenue.get(e.id or 0) for e in engagements):
        return False
    days = [e.signature_date for e in engagements]
    if introduction.qualified_on is not None:
        days.append(introduction.qualified_on)
    return all(Period.of(day) < first for day in days)


def _terms_lookup(agreement: Agreement) -> Callable[[Period], Terms]:
    """``agreement.terms_for``, remembered per month: a run asks for the same months often."""
    if len(agreement.versions) == 1:
        only = agreement.versions[0].terms
        return lambda _period: only
    known: dict[Period, Terms] = {}

    def terms_for(period: Period) -> Terms:
        terms = known.get(period)
        if terms is None:
            terms = known[period] = agreement.terms_for(period)
        return terms

    return terms_for


def _capped(
    agreement: Agreement,
    lines: list[CommissionLine],
    opening: Opening,
    starts: dict[int, date],
    terms_for: Callable[[Period], Terms],
) -> list[CommissionLine]:
    if not any(terms.has_caps for terms in agreement.all_terms()):
        return lines
    order = cap_order(starts)
    lines.sort(key=lambda line: order(line.key, line.event_date))
    years = {opening.start.year: opening.used_in_year} if opening.start else {}
    state = CapState(dict(opening.used_by_introduction), years)
    return list(apply_caps(lines, terms_for, state))


def _engagements_by_introduction(
    engagements: tuple[Engagement, ...],
) -> dict[int, list[Engagement]]:
    grouped: dict[int, list[Engagement]] = defaultdict(list)
    for engagement in engagements:
        grouped[engagement.introduction_id].append(engagement)
    return grouped
