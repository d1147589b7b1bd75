"""Builders that read like PRODUCT.md: ``agreement(rate="20 %", months=12, trial="trial only")``.

A ``Deal`` holds one agreement with its introductions, engagements and revenue as plain
domain values, runs the engine over it, and keeps the lines a run would save — so a test
can say "March was invoiced, then the provider corrected March" in a few lines.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from apporteur_desktop.domain.agreements import (
    Agreement,
    Component,
    PaymentTerms,
    RightsDuration,
    Terms,
    TermsVersion,
    Tier,
)
from apporteur_desktop.domain.commissions import CommissionLine, SavedLine
from apporteur_desktop.domain.enums import (
    ComponentKind,
    Direction,
    EngagementKind,
    IntroductionStatus,
    LineStatus,
    RightsKind,
    TierMode,
    TrialCoverage,
)
from apporteur_desktop.domain.money import to_decimal
from apporteur_desktop.domain.periods import Period, periods_between
from apporteur_desktop.domain.pipeline import (
    Engagement,
    Introduction,
    RevenueRevision,
    StatusChange,
    standing_revenue,
)
from apporteur_desktop.engine.facts import AgreementFacts, RunWindow
from apporteur_desktop.engine.run import AgreementRun, run_agreement

COVERAGE = {
    "trial only": TrialCoverage.TRIAL_ONLY,
    "trial and conversion": TrialCoverage.TRIAL_AND_CONVERSION,
    "conversion only": TrialCoverage.CONVERSION_ONLY,
}


def d(text: str) -> date:
    return date.fromisoformat(text)


def money(text: str | int) -> Decimal:
    return to_decimal(str(text).replace("€", "").strip())


def percent(text: str) -> Decimal:
    return to_decimal(text.replace("%", "").strip())


def revenue_share(rate: str) -> Component:
    return Component(ComponentKind.REVENUE_PERCENT, rate=percent(rate))


def fee_per_qualified_introduction(amount: str | int) -> Component:
    return Component(ComponentKind.QUALIFIED_FEE, amount=money(amount))


def fee_at_signature(amount: str | int) -> Component:
    return Component(ComponentKind.SIGNATURE_FEE, amount=money(amount))


def share_of_contract_value(rate: str) -> Component:
    return Component(ComponentKind.CONTRACT_VALUE_PERCENT, rate=percent(rate))


def tiered(*brackets: tuple[str | int | None, str], mode: str = "marginal") -> Component:
    tiers = tuple(Tier(None if up is None else money(up), percent(r)) for up, r in brackets)
    return Component(ComponentKind.TIERED, tiers=tiers, tier_mode=TierMode(mode))


def rights(
    months: int | None = 12, until: str | None = None, kind: str | None = None
) -> RightsDuration:
    if kind is not None:
        return RightsDuration(RightsKind(kind))
    if until is not None:
        return RightsDuration(RightsKind.UNTIL_DATE, until=d(until))
    return RightsDuration(RightsKind.MONTHS, months=months)


def terms(
    *components: Component,
    rate: str | None = None,
    months: int | None = 12,
    rights_kind: str | None = None,
    until: str | None = None,
    trial: str = "trial and conversion",
    window: int = 60,
    cap: str | int | None = None,
    yearly_cap: str | int | None = None,
    clawback_days: int = 0,
    tail_months: int = 0,
) -> Terms:
    parts = list(components)
    if rate is not None:
        parts.insert(0, revenue_share(rate))
    return Terms(
        components=tuple(parts),
        rights=rights(months, until, rights_kind),
        trial_coverage=COVERAGE[trial],
        conversion_window_days=window,
        cap_per_introduction=None if cap is None else money(cap),
        cap_per_year=None if yearly_cap is None else money(yearly_cap),
        clawback_days=clawback_days,
        tail_months=tail_months,
        payment_terms=PaymentTerms(),
    )


def agreement(
    *components: Component,
    name: str = "Example",
    direction: str = "earned",
    valid_from: str = "2025-01-01",
    valid_until: str | None = None,
    **terms_args: object,
) -> Agreement:
    return Agreement(
        id=1,
        name=name,
        direction=Direction(direction),
        counterparty_id=1,
        valid_from=d(valid_from),
        valid_until=None if valid_until is None else d(valid_until),
        versions=(TermsVersion(None, terms(*components, **terms_args)),),  # type: ignore[arg-type]
    )


def months(first: str, last: str) -> list[Period]:
    return periods_between(Period.parse(first), Period.parse(last))


@dataclass
class Deal:
    """One agreement and everything recorded under it, plus the lines saved so far."""

    agreement: Agreement
    introductions: list[Introduction] = field(default_factory=list)
    engagements: list[Engagement] = field(default_factory=list)
    revisions: list[RevenueRevision] = field(default_factory=list)
    saved: list[SavedLine] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    # --- recording -----------------------------------------------------------------
    def introduce(
        self, on: str = "2026-01-02", client: int = 1, qualified: str | None = None
    ) -> Introduction:
        history = ()
        if qualified is not None:
            history = (StatusChange(IntroductionStatus.QUALIFIED, d(qualified)),)
        introduction = Introduction(next(self._ids), self.agreement.id or 1, client, d(on), history)
        self.introductions.append(introduction)
        return introduction

    def engage(
        self,
        introduction: Introduction,
        kind: str,
        start: str,
        end: str | None = None,
        amount: str | int | None = None,
        signed: str | None = None,
        converts: Engagement | None = None,
    ) -> Engagement:
        engagement = Engagement(
            next(self._ids),
            introduction.id or 0,
            EngagementKind(kind),
            d(start),
            None if end is None else d(end),
            None if amount is None else money(amount),
            None if signed is None else d(signed),
            None if converts is None else converts.id,
        )
        self.engagements.append(engagement)
        return engagement

    def trial(
        self, introduction: Introduction, start: str, end: str | None = None, **kw: object
    ) -> Engagement:
        return self.engage(introduction, "trial", start, end, **kw)  # type: ignore[arg-type]

    def long_term(self, introduction: Introduction, start: str, **kw: object) -> Engagement:
        return self.engage(introduction, "long_term", start, **kw)  # type: ignore[arg-type]

    def one_off(self, introduction: Introduction, start: str, **kw: object) -> Engagement:
        return self.engage(introduction, "one_off", start, **kw)  # type: ignore[arg-type]

    def client_left(self, engagement: Engagement, on: str) -> None:
        index = self.engagements.index(engagement)
        self.engagements[index] = replace(engagement, terminated_on=d(on), end=d(on))

    def revenue(
        self,
        engagement: Engagement,
        first: str,
        last: str | None = None,
        amount: str | int = 0,
        status: str = "confirmed",
    ) -> None:
        from apporteur_desktop.domain.enums import RevenueStatus

        for period in months(first, last or first):
            self.revisions.append(
                RevenueRevision(
                    next(self._ids),
                    engagement.id or 0,
                    period,
                    money(amount),
                    RevenueStatus(status),
                )
            )

    def amend(self, effective: str, *components: Component, **terms_args: object) -> None:
        version = TermsVersion(d(effective), terms(*components, **terms_args))  # type: ignore[arg-type]
        self.agreement = replace(self.agreement, versions=(*self.agreement.versions, version))

    # --- running -------------------------------------------------------------------
    def facts(self) -> AgreementFacts:
        grouped: dict[tuple[int, Period], list[RevenueRevision]] = {}
        for revision in self.revisions:
            grouped.setdefault((revision.engagement_id, revision.period), []).append(revision)
        revenue: dict[int, dict[Period, Decimal]] = {}
        for (engagement_id, period), revisions in sorted(grouped.items(), key=lambda kv: kv[0][1]):
            stands = standing_revenue(revisions)
            if stands is not None:
                revenue.setdefault(engagement_id, {})[period] = stands.amount
        return AgreementFacts(
            self.agreement, tuple(self.introductions), tuple(self.engagements), revenue
        )

    def preview(self, first: str, last: str) -> AgreementRun:
        window = RunWindow(Period.parse(first), Period.parse(last))
        return run_agreement(self.facts(), window, tuple(self.saved))

    def run(self, first: str, last: str) -> list[CommissionLine]:
        """Run and save, as ``apporteur commissions`` does without --preview."""
        added = list(self.preview(first, last).added)
        for line in added:
            self.saved.append(
                SavedLine(
                    next(self._ids),
                    line.key,
                    line.kind,
                    line.amount,
                    LineStatus.DUE,
                    line.explanation.component,
                    line.corrects_id,
                )
            )
        return added

    def invoice_everything(self) -> None:
        self.saved = [s._replace(status=LineStatus.INVOICED) for s in self.saved]


def amounts(lines: list[CommissionLine]) -> list[str]:
    return [str(line.amount) for line in lines]


def by_month(lines: list[CommissionLine]) -> dict[str, str]:
    """Month -> amount, for lines that are one a month."""
    result: dict[str, Decimal] = {}
    for line in lines:
        key = str(line.key.period)
        result[key] = result.get(key, Decimal("0.00")) + line.amount
    return {k: str(v) for k, v in sorted(result.items())}


def total(lines: list[CommissionLine]) -> Decimal:
    return sum((line.amount for line in lines), Decimal("0.00"))
