"""Agreements: components, terms, amendments.

Fields are relative to the value checked: ``components[0].rate`` for ``Terms``;
``versions[1].terms.components[0].rate`` or ``versions[1].effective_on`` for an ``Agreement``
(``versions[0]`` is the signed terms, the others are the amendments in order).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from apporteur_desktop.domain.agreements import (
    Agreement,
    Component,
    PaymentTerms,
    RightsDuration,
    Terms,
    Tier,
)
from apporteur_desktop.domain.enums import ComponentKind, PaymentTermsKind, RightsKind
from apporteur_desktop.domain.problems import Notice, Problem

from .bounds import check_amount, check_not_before, check_rate, check_whole, required_text
from .places import join, notice_field, notices_at, problems_at, top_field

# PRODUCT.md "Invoices (France)": at most 60 days from the invoice date, or 45 days end of month.
PAYMENT_NET_MAXIMUM_DAYS = 60
PAYMENT_END_OF_MONTH_MAXIMUM_DAYS = 45

_RATE_KINDS = frozenset({ComponentKind.REVENUE_PERCENT, ComponentKind.CONTRACT_VALUE_PERCENT})
_FEE_KINDS = frozenset({ComponentKind.QUALIFIED_FEE, ComponentKind.SIGNATURE_FEE})

Checked = tuple[list[Problem], list[Notice]]


def _not_applicable(field: str, value: object, kind: str) -> Problem:
    return Problem.of(field, value, "not_applicable", kind=kind)


def check_tiers(tiers: Sequence[Tier]) -> Checked:
    """Brackets with ascending bounds; only the last may be open (``up_to`` None)."""
    problems: list[Problem] = []
    notices: list[Notice] = []
    if not tiers:
        return [Problem.of("", (), "required")], []
    previous: Decimal | None = None
    for index, tier in enumerate(tiers):
        place = f"[{index}]"
        if tier.up_to is None:
            if index != len(tiers) - 1:
                problems.append(Problem.of(f"{place}.up_to", None, "open_tier_not_last"))
        else:
            bound_problems = check_amount(f"{place}.up_to", tier.up_to)
            problems += bound_problems
            if not bound_problems and previous is not None and tier.up_to <= previous:
                problems.append(
                    Problem.of(f"{place}.up_to", tier.up_to, "not_ascending", previous=previous)
                )
            if not bound_problems:
                previous = tier.up_to
        rate_problems, rate_notices = check_rate(f"{place}.rate", tier.rate)
        problems += rate_problems
        notices += rate_notices
    return problems, notices


def check_component(component: Component) -> Checked:
    """The fields each kind needs, and none that it does not use."""
    kind = component.kind
    problems: list[Problem] = []
    notices: list[Notice] = []
    if kind in _RATE_KINDS:
        problems, notices = check_rate("rate", component.rate)
    elif component.rate is not None:
        problems.append(_not_applicable("rate", component.rate, kind))
    if kind in _FEE_KINDS:
        problems += check_amount("amount", component.amount, required=True)
    elif component.amount is not None:
        problems.append(_not_applicable("amount", component.amount, kind))
    if kind is ComponentKind.TIERED:
        tier_problems, tier_notices = check_tiers(component.tiers)
        problems += problems_at("tiers", tier_problems)
        notices += notices_at("tiers", tier_notices)
    elif component.tiers:
        problems.append(_not_applicable("tiers", component.tiers, kind))
    return problems, notices


def check_rights(rights: RightsDuration) -> list[Problem]:
    problems: list[Problem] = []
    if rights.kind is RightsKind.MONTHS:
        problems += check_whole("months", rights.months, minimum=1, required=True)
    elif rights.months is not None:
        problems.append(_not_applicable("months", rights.months, rights.kind))
    if rights.kind is RightsKind.UNTIL_DATE:
        if rights.until is None:
            problems.append(Problem.of("until", None, "required"))
    elif rights.until is not None:
        problems.append(_not_applicable("until", rights.until, rights.kind))
    return problems


def check_payment_terms(terms: PaymentTerms) -> list[Problem]:
    maximum = (
        PAYMENT_NET_MAXIMUM_DAYS
        if terms.kind is PaymentTermsKind.NET
        else PAYMENT_END_OF_MONTH_MAXIMUM_DAYS
    )
    return check_whole("days", terms.days, minimum=0, maximum=maximum, kind=terms.kind)


def check_terms(terms: Terms) -> Checked:
    problems: list[Problem] = []
    notices: list[Notice] = []
    if not terms.components:
        problems.append(Problem.of("components", (), "required"))
    for index, component in enumerate(terms.components):
        component_problems, component_notices = check_component(component)
        problems += problems_at(f"components[{index}]", component_problems)
        notices += notices_at(f"components[{index}]", component_notices)
    problems += problems_at("rights", check_rights(terms.rights))
    problems += check_whole("conversion_window_days", terms.conversion_window_days)
    problems += check_amount("cap_per_introduction", terms.cap_per_introduction)
    problems += check_amount("cap_per_year", terms.cap_per_year)
    problems += check_whole("clawback_days", terms.clawback_days)
    problems += check_whole("tail_months", terms.tail_months)
    problems += problems_at("payment_terms", check_payment_terms(terms.payment_terms))
    return problems, notices


def _terms_in_agreement(agreement: Agreement, terms: Terms) -> Checked:
    problems, notices = check_terms(terms)
    rights = terms.rights
    if rights.kind is RightsKind.UNTIL_DATE:
        problems += check_not_before(
            "rights.until", rights.until, agreement.valid_from, "valid_from"
        )
    return problems, notices


def check_agreement(agreement: Agreement) -> Checked:
    """Every version's terms, the validity dates and the order of the amendments.

    An amendment repeats the problems and warnings of the terms before it only for the
    fields it changes: what it inherits unchanged was reported on the version it comes from.
    """
    problems = required_text("name", agreement.name)
    notices: list[Notice] = []
    problems += check_not_before(
        "valid_until", agreement.valid_until, agreement.valid_from, "valid_from"
    )
    if not agreement.versions:
        problems.append(Problem.of("versions", (), "required"))
    previous: Terms | None = None
    previous_date = None
    for index, version in enumerate(agreement.versions):
        place = f"versions[{index}]"
        if index == 0:
            if version.effective_on is not None:
                problems.append(
                    Problem.of(
                        f"{place}.effective_on",
                        version.effective_on,
                        "not_applicable",
                        kind="original_terms",
                    )
                )
        elif version.effective_on is None:
            problems.append(Problem.of(f"{place}.effective_on", None, "required"))
        else:
            problems += check_not_before(
                f"{place}.effective_on", version.effective_on, agreement.valid_from, "valid_from"
            )
            if previous_date is not None and version.effective_on <= previous_date:
                problems.append(
                    Problem.of(
                        f"{place}.effective_on",
                        version.effective_on,
                        "not_after_previous",
                        previous=previous_date,
                    )
                )
            previous_date = version.effective_on
        terms_problems, terms_notices = _terms_in_agreement(agreement, version.terms)
        if previous is not None:
            changed = _changed_fields(previous, version.terms)
            terms_problems = [p for p in terms_problems if top_field(p.field) in changed]
            terms_notices = [n for n in terms_notices if top_field(notice_field(n)) in changed]
        problems += problems_at(join(place, "terms"), terms_problems)
        notices += notices_at(join(place, "terms"), terms_notices)
        previous = version.terms
    return problems, notices


def _changed_fields(before: Terms, after: Terms) -> set[str]:
    return {
        name for name in Terms.__dataclass_fields__ if getattr(before, name) != getattr(after, name)
    }
