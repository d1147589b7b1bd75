"""The clauses of a contract draft about money: commission, reporting, rights, limits, payment.

Each commission component is stated in words, then shown at work on a round figure with the
domain's money rules (``percent_of``, ``round_cents``), so the parties can check what they sign:
« 20 % du chiffre d'affaires HT mensuel : pour 1 000,00 € facturés, la commission est de
200,00 € ». Tiered components list their brackets and work an example in their own mode.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from apporteur_desktop.domain.agreements import Component, RightsDuration, Tier
from apporteur_desktop.domain.contracts import ContractDraft
from apporteur_desktop.domain.enums import (
    ComponentKind,
    PaymentTermsKind,
    RightsKind,
    TierMode,
    TrialCoverage,
)
from apporteur_desktop.domain.legal import RECOVERY_INDEMNITY_EUROS
from apporteur_desktop.domain.money import money, percent_of, round_cents

from .contract_clauses import Article, ArticleBuilder, Block, BlockKind, Words, article_of

# Round figures for the examples: easy to check by hand, and of the size these deals have.
_EXAMPLE_REVENUE = Decimal("1000.00")
_EXAMPLE_CONTRACT_VALUE = Decimal("20000.00")
_EXAMPLE_QUALIFIED_COUNT = 3  # worded "three" in the example's sentence


def _commission(draft: ContractDraft, words: Words) -> Article:
    components = draft.terms.components
    opening = words.ngettext(
        "For the business introduced, the Provider pays the Introducer the following "
        "commission, excluding VAT:",
        "For the business introduced, the Provider pays the Introducer the following "
        "commissions, excluding VAT, which add up:",
        len(components),
    )
    blocks = [Block(opening)]
    for component in components:
        blocks.extend(_component_blocks(component, words))
    return Article(words.gettext("Commission"), tuple(blocks))


def _component_blocks(component: Component, words: Words) -> Iterator[Block]:
    """The component in words, numbered, then its brackets and its worked example."""
    if component.kind is ComponentKind.TIERED:
        yield from _tiered_blocks(component, words)
        return
    text, example = _STATEMENTS[component.kind](component, words)
    yield Block(_labelled(component, text, words), BlockKind.CLAUSE)
    if example:
        yield Block(example, BlockKind.EXAMPLE)


def _revenue_percent(component: Component, words: Words) -> tuple[str, str]:
    _ = words.gettext
    rate = _required(component.rate, component.kind)
    amount = round_cents(percent_of(_EXAMPLE_REVENUE, rate))
    text = _(
        "{rate} of the monthly revenue, excluding VAT, that the Provider bills each "
        "introduced client."
    ).format(rate=words.rate(rate))
    example = _(
        "Example: for {base} billed in a month, the commission for that month is {amount}."
    ).format(base=words.money(_EXAMPLE_REVENUE), amount=words.money(amount))
    return text, example


def _qualified_fee(component: Component, words: Words) -> tuple[str, str]:
    _ = words.gettext
    fee = _required(component.amount, component.kind)
    text = _(
        "A fixed fee of {amount} for each qualified introduction, due once per "
        "introduction, in the month it becomes qualified."
    ).format(amount=words.money(fee))
    example = _(
        "Example: for three introductions qualified in the same month, {total} is due."
    ).format(total=words.money(round_cents(fee * _EXAMPLE_QUALIFIED_COUNT)))
    return text, example


def _signature_fee(component: Component, words: Words) -> tuple[str, str]:
    # One fee per introduction: an example would only repeat the amount.
    fee = _required(component.amount, component.kind)
    text = words.gettext(
        "A fixed fee of {amount} when an introduced client signs their first contract with "
        "the Provider (a trial included), due once per introduction, in the month of "
        "signature."
    ).format(amount=words.money(fee))
    return text, ""


def _contract_value_percent(component: Component, words: Words) -> tuple[str, str]:
    _ = words.gettext
    rate = _required(component.rate, component.kind)
    amount = round_cents(percent_of(_EXAMPLE_CONTRACT_VALUE, rate))
    text = _(
        "{rate} of the value, excluding VAT, of each contract signed with an introduced "
        "client while the commission rights run, due in the month of signature."
    ).format(rate=words.rate(rate))
    example = _("Example: for a contract worth {base}, the commission is {amount}.").format(
        base=words.money(_EXAMPLE_CONTRACT_VALUE), amount=words.money(amount)
    )
    return text, example


# Each component that is not tiered: its clause and its example (empty when it needs none).
_STATEMENTS = {
    ComponentKind.REVENUE_PERCENT: _revenue_percent,
    ComponentKind.QUALIFIED_FEE: _qualified_fee,
    ComponentKind.SIGNATURE_FEE: _signature_fee,
    ComponentKind.CONTRACT_VALUE_PERCENT: _contract_value_percent,
}


def _tiered_blocks(component: Component, words: Words) -> Iterator[Block]:
    _ = words.gettext
    tiers = component.tiers
    if not tiers:
        raise ValueError("a tiered component needs at least one bracket")
    opening = _(
        "A percentage of the revenue, excluding VAT, billed to the introduced clients, by "
        "brackets of the revenue accumulated under this agreement over each calendar year; "
        "the brackets start again every 1 January."
    )
    if component.tier_mode is TierMode.WHOLE_VOLUME:
        mode = _(
            "Once the year’s revenue reaches a bracket, that bracket’s rate applies to the "
            "whole of the year’s revenue; the month that crosses into a bracket carries the "
            "catch-up."
        )
    else:
        mode = _("Each rate applies only to the part of the year’s revenue within its bracket.")
    yield Block(_labelled(component, f"{opening} {mode}", words), BlockKind.CLAUSE)
    for floor, tier in _brackets(tiers):
        yield Block(_bracket_text(floor, tier, len(tiers), words), BlockKind.ITEM)
    yield Block(_tier_example(component, words), BlockKind.EXAMPLE)


def _brackets(tiers: tuple[Tier, ...]) -> Iterator[tuple[Decimal, Tier]]:
    """Each bracket with the bound it starts above."""
    floor = Decimal(0)
    for tier in tiers:
        yield floor, tier
        if tier.up_to is not None:
            floor = tier.up_to


def _bracket_text(floor: Decimal, tier: Tier, count: int, words: Words) -> str:
    # A bound belongs to the bracket below it: "up to 10,000 included".
    _ = words.gettext
    rate = words.rate(tier.rate)
    if tier.up_to is None and count == 1:
        return _("on all revenue: {rate}").format(rate=rate)
    if tier.up_to is None:
        return _("above {low}: {rate}").format(low=words.money(floor), rate=rate)
    if floor == 0:
        return _("up to {high} included: {rate}").format(high=words.money(tier.up_to), rate=rate)
    return _("above {low} and up to {high} included: {rate}").format(
        low=words.money(floor), high=words.money(tier.up_to), rate=rate
    )


def _example_volume(tiers: tuple[Tier, ...]) -> Decimal:
    """A year's revenue that reaches the top bracket, so the example shows every rate at work."""
    bounds = [tier.up_to for tier in tiers if tier.up_to is not None]
    if tiers[-1].up_to is None:
        return money(bounds[-1] * Decimal("1.2")) if bounds else Decimal("10000.00")
    floor = bounds[-2] if len(bounds) > 1 else Decimal(0)
    return money((floor + bounds[-1]) / 2)


def _tier_example(component: Component, words: Words) -> str:
    """The commission on a year's revenue under the component's mode, with its working."""
    _ = words.gettext
    volume = _example_volume(component.tiers)
    if component.tier_mode is TierMode.WHOLE_VOLUME:
        # The rate of the bracket the year reached, as engine.tiers.bracket_rate finds it
        # (documents do not import the engine).
        rate = next(
            (t.rate for t in component.tiers if t.up_to is None or volume <= t.up_to),
            component.tiers[-1].rate,
        )
        parts = [(volume, rate)]
    else:
        parts = [
            ((volume if tier.up_to is None else min(volume, tier.up_to)) - floor, tier.rate)
            for floor, tier in _brackets(component.tiers)
            if floor < volume
        ]
    amount = round_cents(sum((percent_of(base, rate) for base, rate in parts), Decimal(0)))
    working = " + ".join(f"{words.rate(rate)} × {words.money(base)}" for base, rate in parts)
    return _(
        "Example: for {volume} of revenue in a year, the commission is {working} = {amount}."
    ).format(volume=words.money(volume), working=working, amount=words.money(amount))


def _labelled(component: Component, text: str, words: Words) -> str:
    if not component.label.strip():
        return text
    return words.gettext("{label}: {text}").format(label=component.label.strip(), text=text)


def _required(value: Decimal | None, kind: ComponentKind) -> Decimal:
    """A component's figure; an agreement missing one fails validation before it gets here."""
    if value is None:
        raise ValueError(f"a {kind.value} component has no figure to state")
    return value


def _reporting(draft: ContractDraft, words: Words) -> Article:
    """What the commissions are computed on, and what the provider reports each month."""
    _ = words.gettext
    kinds = {component.kind for component in draft.terms.components}
    revenue = bool(kinds & {ComponentKind.REVENUE_PERCENT, ComponentKind.TIERED})
    value = ComponentKind.CONTRACT_VALUE_PERCENT in kinds
    fees = bool(kinds & {ComponentKind.QUALIFIED_FEE, ComponentKind.SIGNATURE_FEE})
    texts = []
    if revenue:
        texts.append(
            _(
                "Percentage commissions are computed on the revenue, excluding VAT, that the "
                "Provider bills each introduced client, month by month."
            )
        )
    texts.extend(_monthly_report(revenue, value, fees, words))
    if revenue:
        texts.append(
            _(
                "A figure reported as an estimate is confirmed once known. Any difference, like "
                "any later correction, is settled on the next statement by an adjustment, "
                "never by changing an invoice already issued."
            )
        )
    texts.append(
        _("Once a year, the Introducer may ask for the documents that support these figures.")
    )
    return article_of(_("Basis and reporting"), *texts)


def _monthly_report(revenue: bool, value: bool, fees: bool, words: Words) -> Iterator[str]:
    """The figures the commissions need, by a day of the following month.

    The agreement records no reporting day; the 10th leaves the provider time to close its
    month and the introducer time to invoice within that month.
    """
    _ = words.gettext
    if revenue and value:
        yield _(
            "By the 10th of each month, the Provider reports to the Introducer the revenue "
            "billed to each introduced client in the previous month, and the value of each "
            "contract signed with one of them."
        )
    elif revenue:
        yield _(
            "By the 10th of each month, the Provider reports to the Introducer the revenue "
            "billed to each introduced client in the previous month."
        )
    elif value:
        yield _(
            "By the 10th of each month, the Provider reports to the Introducer the value, "
            "excluding VAT, of each contract signed with an introduced client in the previous "
            "month."
        )
    if fees and (revenue or value):
        yield _("It also says which introductions became qualified or led to a signed contract.")
    elif fees:
        yield _(
            "By the 10th of each month, the Provider tells the Introducer which introductions "
            "became qualified or led to a signed contract in the previous month."
        )


def _rights(draft: ContractDraft, words: Words) -> Article:
    """How long percentage commissions run, and which of a trial and its sequel earn them."""
    terms = draft.terms
    return article_of(
        words.gettext("Duration of commission rights"),
        _duration(terms.rights, words),
        *_trial_coverage(terms.trial_coverage, terms.conversion_window_days, words),
    )


def _duration(rights: RightsDuration, words: Words) -> str:
    _ = words.gettext
    if rights.kind is RightsKind.MONTHS:
        count = rights.months or 0
        return words.ngettext(
            "Percentage commissions are due for {count} month, counted in calendar months from "
            "the month in which the rights start; that month counts in full, whatever the day.",
            "Percentage commissions are due for {count} months, counted in calendar months from "
            "the month in which the rights start; that month counts in full, whatever the day.",
            count,
        ).format(count=count)
    if rights.kind is RightsKind.UNTIL_DATE and rights.until is not None:
        return _(
            "Percentage commissions are due until {date}, the month of that date included."
        ).format(date=words.day(rights.until))
    if rights.kind is RightsKind.WHILE_CLIENT_STAYS:
        return _(
            "Percentage commissions are due for as long as the introduced client remains a "
            "client of the Provider."
        )
    return _(
        "Percentage commissions are due on the contract that starts the rights only, for "
        "all its months; a later contract with the same client earns nothing."
    )


def _trial_coverage(coverage: TrialCoverage, window_days: int, words: Words) -> list[str]:
    """The coverage in plain words, since it decides most of what a trial client earns."""
    _ = words.gettext
    if coverage is TrialCoverage.TRIAL_ONLY:
        stated = _(
            "Trial period: only the trial earns commission. When an introduced client starts "
            "with a trial, the rights start with the trial’s first month and cover the trial "
            "alone; the long-term contract that follows it earns no commission under this "
            "agreement."
        )
    elif coverage is TrialCoverage.TRIAL_AND_CONVERSION:
        stated = _(
            "Trial period: the trial and the long-term contract that follows it both earn "
            "commission. The rights start with the trial’s first month and run for the "
            "duration above, the long-term months included."
        )
    else:
        stated = _(
            "Trial period: only the long-term contract that follows a trial earns commission. "
            "The trial months earn nothing; the rights start with the first month of the "
            "long-term contract and run for the duration above."
        )
    window = words.ngettext(
        "A long-term contract follows a trial when it is made with the same client and starts "
        "at most {days} day after the trial ends; a trial extended by a further month remains "
        "the trial.",
        "A long-term contract follows a trial when it is made with the same client and starts "
        "at most {days} days after the trial ends; a trial extended by a further month remains "
        "the trial.",
        window_days,
    ).format(days=window_days)
    if coverage is TrialCoverage.CONVERSION_ONLY:
        later = _(
            "A long-term contract that starts later does not follow the trial: it starts no "
            "rights and earns nothing."
        )
    else:
        later = _(
            "A later contract that does not follow a trial earns only for the months still "
            "inside the rights."
        )
    without = _("When a client signs no trial, their first contract starts the rights.")
    return [stated, window, later, without]


def _caps(draft: ContractDraft, words: Words) -> Article | None:
    _ = words.gettext
    terms = draft.terms
    if not terms.has_caps:
        return None
    texts = []
    if terms.cap_per_introduction is not None:
        texts.append(
            _(
                "The commissions due for one introduction are capped at {amount} in all, over "
                "its whole life and across every contract born of it."
            ).format(amount=words.money(terms.cap_per_introduction))
        )
    if terms.cap_per_year is not None:
        texts.append(
            _(
                "The commissions due under this agreement for one calendar year are capped at "
                "{amount}; a commission counts in the year of the revenue or event it pays for."
            ).format(amount=words.money(terms.cap_per_year))
        )
    texts.append(
        _(
            "Caps count every kind of commission and apply to what remains due after "
            "cancellations and corrections."
        )
    )
    return article_of(_("Caps"), *texts)


def _clawback(draft: ContractDraft, words: Words) -> Article | None:
    days = draft.terms.clawback_days
    if days <= 0:
        return None
    text = words.ngettext(
        "If an introduced client ends a contract within {days} day of signing it, the "
        "commissions earned on that contract (percentages and fee at signature) are "
        "cancelled: those already paid are deducted from the next payments, or refunded by the "
        "Introducer when nothing more is due.",
        "If an introduced client ends a contract within {days} days of signing it, the "
        "commissions earned on that contract (percentages and fee at signature) are "
        "cancelled: those already paid are deducted from the next payments, or refunded by the "
        "Introducer when nothing more is due.",
        days,
    ).format(days=days)
    kept = words.gettext("Fees for qualified introductions remain due.")
    return article_of(words.gettext("Client leaving early"), text, kept)


def _tail(draft: ContractDraft, words: Words) -> Article | None:
    months = draft.terms.tail_months
    if months <= 0:
        return None
    text = words.ngettext(
        "For {count} month after this agreement ends, a contract signed with a client "
        "introduced while it was in force still starts commission rights, which then run "
        "their full length.",
        "For {count} months after this agreement ends, a contract signed with a client "
        "introduced while it was in force still starts commission rights, which then run "
        "their full length.",
        months,
    ).format(count=months)
    return article_of(words.gettext("After the agreement ends"), text)


def _payment(draft: ContractDraft, words: Words) -> Article:
    _ = words.gettext
    terms = draft.terms.payment_terms
    if draft.agreement.self_billing:
        invoicing = _(
            "The Provider draws up the Introducer’s invoices each month, in the Introducer’s "
            "name and on their behalf, under the mandate this clause gives it; each invoice "
            "says “Autofacturation” (self-billing), and the Introducer reports any error in it "
            "without delay."
        )
    else:
        invoicing = _(
            "The Introducer invoices the commissions due each month, once the Provider has "
            "reported the figures for that month."
        )
    due = _due_terms(terms.kind, terms.days, words)
    late = _(
        "No discount is given for early payment. An amount unpaid when due bears, without any "
        "reminder, penalties at the rate of the European Central Bank’s most recent "
        "refinancing operation plus 10 percentage points, and a fixed indemnity of {amount} "
        "for recovery costs (French Commercial Code, article L441-10)."
    ).format(amount=words.money(Decimal(RECOVERY_INDEMNITY_EUROS)))
    return article_of(_("Invoicing and payment"), invoicing, due, late)


def _due_terms(kind: PaymentTermsKind, days: int, words: Words) -> str:
    if kind is PaymentTermsKind.NET:
        text = words.ngettext(
            "Invoices are payable by bank transfer within {days} day of their date.",
            "Invoices are payable by bank transfer within {days} days of their date.",
            days,
        )
    elif kind is PaymentTermsKind.DAYS_END_OF_MONTH:
        text = words.ngettext(
            "Invoices are payable by bank transfer at {days} day end of month: {days} day after "
            "their date, then the end of that month.",
            "Invoices are payable by bank transfer at {days} days end of month: {days} days "
            "after their date, then the end of that month.",
            days,
        )
    else:
        text = words.ngettext(
            "Invoices are payable by bank transfer at the end of the month of their date, then "
            "{days} day later.",
            "Invoices are payable by bank transfer at the end of the month of their date, then "
            "{days} days later.",
            days,
        )
    return text.format(days=days)


MONEY_TERMS: tuple[ArticleBuilder, ...] = (
    _commission,
    _reporting,
    _rights,
    _caps,
    _clawback,
    _tail,
    _payment,
)
