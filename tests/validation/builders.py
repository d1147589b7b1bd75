"""Builders that read like PRODUCT.md, for the rules' tests: ``agreement(rate="20 %")``,
``trial("2026-01-01")``, ``provider("Atelier Léa", siren="732 829 320")``.

Unlike ``tests/builders.py`` these need nothing but the domain: the rules do not run the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from apporteur_desktop.domain.agreements import (
    Agreement,
    Component,
    PaymentTerms,
    RightsDuration,
    Terms,
    TermsVersion,
    Tier,
)
from apporteur_desktop.domain.enums import (
    ComponentKind,
    Direction,
    EngagementKind,
    IntroductionStatus,
    PartyKind,
    PaymentTermsKind,
    RevenueStatus,
    RightsKind,
)
from apporteur_desktop.domain.money import to_decimal
from apporteur_desktop.domain.parties import Address, BusinessIdentity, LegalIdentity, Party
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import (
    Engagement,
    Introduction,
    RevenueRevision,
    StatusChange,
)
from apporteur_desktop.domain.problems import Notice, Problem

# A real, valid set of identifiers of one company (they must agree with each other).
SIREN = "732829320"
SIRET = "73282932000074"
VAT_NUMBER = "FR44732829320"
IBAN = "FR7630006000011234567890189"
BIC = "BNPAFRPPXXX"


def d(text: str) -> date:
    return date.fromisoformat(text)


def eur(text: str | int) -> Decimal:
    return to_decimal(str(text))


def pct(text: str | int) -> Decimal:
    return to_decimal(str(text))


# --- parties -----------------------------------------------------------------------------------


def identity(name: str = "Atelier Léa", **fields: Any) -> LegalIdentity:
    if "share_capital" in fields and fields["share_capital"] is not None:
        fields["share_capital"] = eur(fields["share_capital"])
    if "country" in fields:
        fields["address"] = Address("1 rue de la Paix", "75002", "Paris", fields.pop("country"))
    return LegalIdentity(name=name, **fields)


def party(kind: str, name: str, party_id: int, **fields: Any) -> Party:
    return Party(party_id, PartyKind(kind), identity(name, **fields))


def provider(name: str = "Atelier Léa", party_id: int = 1, **fields: Any) -> Party:
    return party("provider", name, party_id, **fields)


def client(name: str = "Boulangerie Petit", party_id: int = 2, **fields: Any) -> Party:
    return party("client", name, party_id, **fields)


def introducer(name: str = "Marc Colin", party_id: int = 3, **fields: Any) -> Party:
    return party("introducer", name, party_id, **fields)


def my_business(vat_rate: str | None = None, iban: str = "", bic: str = "", **fields: Any):
    return BusinessIdentity(
        identity=identity("Camille Durand", **fields),
        vat_rate=None if vat_rate is None else pct(vat_rate),
        iban=iban,
        bic=bic,
    )


# --- agreements --------------------------------------------------------------------------------


def revenue_share(rate: str | int) -> Component:
    return Component(ComponentKind.REVENUE_PERCENT, rate=pct(rate))


def share_of_contract_value(rate: str | int) -> Component:
    return Component(ComponentKind.CONTRACT_VALUE_PERCENT, rate=pct(rate))


def fee_per_qualified_introduction(amount: str | int) -> Component:
    return Component(ComponentKind.QUALIFIED_FEE, amount=eur(amount))


def fee_at_signature(amount: str | int) -> Component:
    return Component(ComponentKind.SIGNATURE_FEE, amount=eur(amount))


def tiered(*brackets: tuple[str | int | None, str | int]) -> Component:
    tiers = tuple(Tier(None if up is None else eur(up), pct(rate)) for up, rate in brackets)
    return Component(ComponentKind.TIERED, tiers=tiers)


PAYMENT = {
    "net": PaymentTermsKind.NET,
    "days end of month": PaymentTermsKind.DAYS_END_OF_MONTH,
    "end of month, then days": PaymentTermsKind.END_OF_MONTH_DAYS,
}


def terms(
    *components: Component,
    months: int | None = 12,
    rights: RightsDuration | None = None,
    window: int = 60,
    cap: str | int | None = None,
    yearly_cap: str | int | None = None,
    clawback_days: int = 0,
    tail_months: int = 0,
    payment: str = "net",
    payment_days: int = 30,
) -> Terms:
    return Terms(
        components=components,
        rights=rights or RightsDuration(RightsKind.MONTHS, months),
        conversion_window_days=window,
        cap_per_introduction=None if cap is None else eur(cap),
        cap_per_year=None if yearly_cap is None else eur(yearly_cap),
        clawback_days=clawback_days,
        tail_months=tail_months,
        payment_terms=PaymentTerms(PAYMENT[payment], payment_days),
    )


def agreement(
    *components: Component,
    rate: str | None = "20 %",
    name: str = "Atelier Léa — 20 %",
    direction: str = "earned",
    counterparty: int = 1,
    valid_from: str = "2026-01-01",
    valid_until: str | None = None,
    signed_on: str | None = "2025-12-15",
    agreement_id: int = 1,
    **terms_args: Any,
) -> Agreement:
    parts = list(components)
    if not parts and rate is not None:
        parts = [revenue_share(rate)]
    return Agreement(
        id=agreement_id,
        name=name,
        direction=Direction(direction),
        counterparty_id=counterparty,
        valid_from=d(valid_from),
        versions=(TermsVersion(None, terms(*parts, **terms_args)),),
        signed_on=None if signed_on is None else d(signed_on),
        valid_until=None if valid_until is None else d(valid_until),
    )


def amended(base: Agreement, effective: str, **changes: Any) -> Agreement:
    """``base`` with an amendment from ``effective`` changing the given ``Terms`` fields."""
    before = base.versions[-1].terms
    version = TermsVersion(d(effective), replace(before, **changes))
    return replace(base, versions=(*base.versions, version))


# --- the pipeline ------------------------------------------------------------------------------


def introduction(
    on: str = "2026-01-02",
    *steps: tuple[str, str],
    introduction_id: int = 1,
    agreement_id: int = 1,
    client_id: int = 2,
) -> Introduction:
    history = tuple(StatusChange(IntroductionStatus(status), d(day)) for status, day in steps)
    return Introduction(introduction_id, agreement_id, client_id, d(on), history)


def engagement(kind: str, start: str, engagement_id: int = 1, **fields: Any) -> Engagement:
    for name in ("end", "signed_on", "terminated_on"):
        if fields.get(name) is not None:
            fields[name] = d(fields[name])
    if fields.get("amount") is not None:
        fields["amount"] = eur(fields["amount"])
    fields.setdefault("introduction_id", 1)
    return Engagement(engagement_id, kind=EngagementKind(kind), start=d(start), **fields)


def trial(start: str = "2026-01-01", engagement_id: int = 1, **fields: Any) -> Engagement:
    return engagement("trial", start, engagement_id, **fields)


def long_term(start: str = "2026-02-01", engagement_id: int = 2, **fields: Any) -> Engagement:
    return engagement("long_term", start, engagement_id, **fields)


def one_off(start: str = "2026-06-10", engagement_id: int = 3, **fields: Any) -> Engagement:
    return engagement("one_off", start, engagement_id, **fields)


def revenue(
    period: str, amount: str | int, status: str = "confirmed", engagement_id: int = 1
) -> RevenueRevision:
    return RevenueRevision(
        None, engagement_id, Period.parse(period), eur(amount), RevenueStatus(status)
    )


# --- reading results ---------------------------------------------------------------------------


def where(problems: Iterable[Problem]) -> list[tuple[str, str]]:
    """Each problem as (field, code): what a test usually asserts."""
    return [(p.field, p.code) for p in problems]


def warned(notices: Iterable[Notice]) -> list[tuple[str, str]]:
    return [(str(n.params.get("field", "")), n.code) for n in notices]
