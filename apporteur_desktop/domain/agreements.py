"""Agreements (contrats d'apport d'affaires), their terms, components and amendments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .enums import (
    ComponentKind,
    Direction,
    PaymentTermsKind,
    RightsKind,
    TierMode,
    TrialCoverage,
)
from .periods import Period

DEFAULT_CONVERSION_WINDOW_DAYS = 60


@dataclass(frozen=True, slots=True)
class Tier:
    """A bracket of yearly revenue; ``up_to`` None is the open top bracket.

    A bound belongs to the bracket below it: "up to 10,000" includes 10,000.
    """

    up_to: Decimal | None
    rate: Decimal  # percent


@dataclass(frozen=True, slots=True)
class Component:
    """One way the agreement pays; an agreement with several components is a hybrid."""

    kind: ComponentKind
    rate: Decimal | None = None  # percent: revenue_percent, contract_value_percent
    amount: Decimal | None = None  # euros: qualified_fee, signature_fee
    tiers: tuple[Tier, ...] = ()
    tier_mode: TierMode = TierMode.MARGINAL
    label: str = ""

    @property
    def uses_revenue(self) -> bool:
        return self.kind in (ComponentKind.REVENUE_PERCENT, ComponentKind.TIERED)


@dataclass(frozen=True, slots=True)
class RightsDuration:
    """How long commission rights last, counted from the month the rights' clock starts."""

    kind: RightsKind
    months: int | None = None  # for MONTHS
    until: date | None = None  # for UNTIL_DATE (its month included)

    def last_period(self, clock_start: Period) -> Period | None:
        """The last month of rights, or None when they have no calendar end."""
        if self.kind is RightsKind.MONTHS:
            return clock_start + ((self.months or 0) - 1)
        if self.kind is RightsKind.UNTIL_DATE and self.until is not None:
            return Period.of(self.until)
        return None

    def month_count(self, clock_start: Period) -> int | None:
        last = self.last_period(clock_start)
        return None if last is None else last - clock_start + 1


@dataclass(frozen=True, slots=True)
class PaymentTerms:
    kind: PaymentTermsKind = PaymentTermsKind.NET
    days: int = 30


@dataclass(frozen=True, slots=True)
class Terms:
    """Everything an amendment can change. The first version holds the signed terms."""

    components: tuple[Component, ...]
    rights: RightsDuration = field(default_factory=lambda: RightsDuration(RightsKind.MONTHS, 12))
    trial_coverage: TrialCoverage = TrialCoverage.TRIAL_AND_CONVERSION
    conversion_window_days: int = DEFAULT_CONVERSION_WINDOW_DAYS
    cap_per_introduction: Decimal | None = None
    cap_per_year: Decimal | None = None
    clawback_days: int = 0
    tail_months: int = 0
    payment_terms: PaymentTerms = field(default_factory=PaymentTerms)
    # The components that take revenue, with their places: worked out once, read per month.
    revenue_components: tuple[tuple[int, Component], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        chosen = tuple((slot, c) for slot, c in enumerate(self.components) if c.uses_revenue)
        object.__setattr__(self, "revenue_components", chosen)

    @property
    def has_caps(self) -> bool:
        return self.cap_per_introduction is not None or self.cap_per_year is not None

    @property
    def has_tiers(self) -> bool:
        return any(c.kind is ComponentKind.TIERED for c in self.components)


@dataclass(frozen=True, slots=True)
class TermsVersion:
    """Terms in force from ``effective_on`` (None: the original terms, from the start)."""

    effective_on: date | None
    terms: Terms
    note: str = ""
    id: int | None = None

    @property
    def is_amendment(self) -> bool:
        return self.effective_on is not None


@dataclass(frozen=True, slots=True)
class Agreement:
    id: int | None
    name: str
    direction: Direction
    counterparty_id: int  # the provider when earned, the introducer when owed
    valid_from: date
    versions: tuple[TermsVersion, ...]  # the original first, then amendments by date
    signed_on: date | None = None
    valid_until: date | None = None  # None: open-ended
    self_billing: bool = False
    qualification_criteria: str = ""
    exclusivity: str = ""
    territory: str = ""
    notes: str = ""

    @property
    def original_terms(self) -> Terms:
        return self.versions[0].terms

    @property
    def amendments(self) -> tuple[TermsVersion, ...]:
        return self.versions[1:]

    def terms_for(self, period: Period) -> Terms:
        """Terms in force for a month: an amendment governs the whole month of its date."""
        current = self.versions[0].terms
        for version in self.versions[1:]:
            if version.effective_on is not None and Period.of(version.effective_on) <= period:
                current = version.terms
        return current

    def all_terms(self) -> tuple[Terms, ...]:
        return tuple(v.terms for v in self.versions)

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
