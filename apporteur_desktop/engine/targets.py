"""What should stand for one agreement: every line, after caps, from the opening on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..domain.commissions import CommissionLine, Explanation
from ..domain.enums import ComponentKind, Direction, LineKind
from ..domain.periods import Period
from ..domain.pipeline import Engagement
from .caps import CapInput, CapState, apply_caps
from .coverage import RightsPlan, in_order, plan_rights
from .events import event_lines
from .facts import AgreementFacts, Opening
from .raw import RawLine
from .revenue import EarningMonth, earning_months, percentage_line, tiered_lines


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
    by_introduction = _engagements_by_introduction(facts.engagements)
    plans: dict[int, RightsPlan] = {}
    raw: list[RawLine] = []
    tiered: list[EarningMonth] = []
    for introduction in facts.introductions:
        introduction_id = introduction.id or 0
        engagements = in_order(by_introduction.get(introduction_id, []))
        plan = plan_rights(agreement, introduction, engagements)
        plans[introduction_id] = plan
        for month in earning_months(
            agreement_id,
            plan,
            engagements,
            facts.revenue,
            agreement.terms_for,
            opening.start,
            through,
        ):
            if month.component.kind is ComponentKind.TIERED:
                tiered.append(month)
            else:
                raw.append(percentage_line(month))
        valid = agreement.is_valid_on(introduction.introduced_on)
        for line in event_lines(
            agreement_id, introduction, plan, engagements, agreement.terms_for, valid
        ):
            if line.key.period <= through and (
                opening.start is None or line.key.period >= opening.start
            ):
                raw.append(line)
    raw.extend(tiered_lines(tiered))
    return Targets(tuple(_capped(facts, raw, opening)), plans)


def _capped(facts: AgreementFacts, raw: list[RawLine], opening: Opening) -> list[CommissionLine]:
    agreement = facts.agreement
    direction = agreement.direction
    if not any(terms.has_caps for terms in agreement.all_terms()):
        return [_line(direction, r, r.amount, r.explanation) for r in raw]
    raw.sort(key=lambda r: r.order)
    years = {opening.start.year: opening.used_in_year} if opening.start else {}
    state = CapState(dict(opening.used_by_introduction), years)
    inputs = (CapInput(r.key.introduction_id, r.key.period, r.amount, r.explanation) for r in raw)
    capped = apply_caps(inputs, agreement.terms_for, state)
    return [
        _line(direction, r, amount, explanation)
        for r, (amount, explanation) in zip(raw, capped, strict=True)
    ]


def _line(
    direction: Direction, raw: RawLine, amount: Decimal, explanation: Explanation
) -> CommissionLine:
    return CommissionLine(
        key=raw.key,
        direction=direction,
        kind=LineKind.REGULAR,
        amount=amount,
        explanation=explanation,
        event_date=raw.event_date,
    )


def _engagements_by_introduction(
    engagements: tuple[Engagement, ...],
) -> dict[int, list[Engagement]]:
    grouped: dict[int, list[Engagement]] = defaultdict(list)
    for engagement in engagements:
        grouped[engagement.introduction_id].append(engagement)
    return grouped
