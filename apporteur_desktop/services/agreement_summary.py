"""An agreement in plain words: what the user agrees to, sentence by sentence, in their language.

The form shows these sentences as the user types, so they must read well for terms that are
not finished yet: a rate not given yet reads « ? », an agreement with no component says so.
Pure: no database, no clock; the numbers go through ``formatting`` like everywhere else.

« 20 % du chiffre d'affaires mensuel HT pendant 12 mois à compter du début de l'essai ; le
contrat long terme est couvert. »
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal

from ..domain.agreements import Agreement, Component, PaymentTerms, RightsDuration, Terms, Tier
from ..domain.enums import (
    ComponentKind,
    Direction,
    PaymentTermsKind,
    RightsKind,
    TierMode,
    TrialCoverage,
)
from ..formatting import date_text, money_text, rate_text
from ..i18n import Translator

UNKNOWN = "?"  # a number the user has not given (or not given readably) yet


def summarise(
    tr: Translator, agreement: Agreement | None, terms: Terms, counterparty: str = ""
) -> list[str]:
    """Sentences saying who pays whom, each commission, how long and on what the rights run,
    the limits and the payment. ``agreement`` gives the direction, the validity and
    self-billing (None: the terms alone, as in an amendment being typed)."""
    words = _Words(tr)
    sentences: list[str] = []
    if agreement is not None:
        sentences.append(_who_pays(words, agreement.direction, counterparty))
    if not terms.components:
        sentences.append(words.gettext("No commission yet: add at least one component."))
    sentences += [_component(words, c, terms) for c in terms.components]
    criteria = agreement.qualification_criteria.strip() if agreement is not None else ""
    if criteria and any(c.kind is ComponentKind.QUALIFIED_FEE for c in terms.components):
        sentences.append(
            words.gettext("An introduction is qualified when: {criteria}").format(criteria=criteria)
        )
    sentences += list(_coverage_details(words, terms))
    sentences += list(_limits(words, terms))
    sentences.append(_payment(words, terms.payment_terms))
    if agreement is not None:
        sentences += list(_agreement_facts(words, agreement, counterparty))
    return sentences


class _Words:
    """The translator and the formats of its language, in one place."""

    def __init__(self, tr: Translator) -> None:
        self.gettext, self.ngettext, self.language = tr.gettext, tr.ngettext, tr.language

    def rate(self, value: Decimal | None) -> str:
        return UNKNOWN if value is None else rate_text(value, self.language)

    def money(self, value: Decimal | None) -> str:
        return UNKNOWN if value is None else money_text(value, self.language)

    def date(self, value: date | None) -> str:
        return UNKNOWN if value is None else date_text(value, self.language)


# --- who pays whom ------------------------------------------------------------------------------


def _who_pays(words: _Words, direction: Direction, counterparty: str) -> str:
    _ = words.gettext
    if direction is Direction.EARNED:
        if counterparty:
            return _(
                "You introduce clients to {provider}, who pays you commissions on them."
            ).format(provider=counterparty)
        return _("You introduce clients to a provider, who pays you commissions on them.")
    if counterparty:
        return _("{introducer} introduces clients to you, and you pay them commissions.").format(
            introducer=counterparty
        )
    return _("An introducer brings clients to you, and you pay them commissions.")


# --- the components -----------------------------------------------------------------------------


def _component(words: _Words, component: Component, terms: Terms) -> str:
    text = _COMPONENTS[component.kind](words, component, terms)
    if component.label.strip():
        # TRANSLATORS: a component's own name, then what it pays.
        text = words.gettext("{label}: {text}").format(label=component.label.strip(), text=text)
    return text


def _revenue_percent(words: _Words, component: Component, terms: Terms) -> str:
    commission = words.gettext("{rate} of the monthly revenue excluding VAT").format(
        rate=words.rate(component.rate)
    )
    return _with_rights(words, commission, terms)


def _tiered(words: _Words, component: Component, terms: Terms) -> str:
    _ = words.gettext
    brackets = _brackets(words, component.tiers) or UNKNOWN
    if component.tier_mode is TierMode.WHOLE_VOLUME:
        commission = _(
            "Tiered rates on the revenue of each calendar year ({brackets}; the rate reached "
            "applies to the whole year's revenue)"
        )
    else:
        commission = _(
            "Tiered rates on the revenue of each calendar year ({brackets}; each rate on its "
            "own bracket only)"
        )
    return _with_rights(words, commission.format(brackets=brackets), terms)


def _brackets(words: _Words, tiers: tuple[Tier, ...]) -> str:
    _ = words.gettext
    parts: list[str] = []
    floor: Decimal | None = None
    for tier in tiers:
        rate = words.rate(tier.rate)
        if tier.up_to is None and floor is None:
            parts.append(_("{rate} of all of it").format(rate=rate))
        elif tier.up_to is None:
            parts.append(_("{rate} above {floor}").format(rate=rate, floor=words.money(floor)))
        else:
            parts.append(_("{rate} up to {bound}").format(rate=rate, bound=words.money(tier.up_to)))
            floor = tier.up_to
    # TRANSLATORS: the separator between the brackets of a tiered commission.
    return _(", ").join(parts)


def _qualified_fee(words: _Words, component: Component, terms: Terms) -> str:
    return words.gettext(
        "{amount} per qualified introduction, once, in the month it is qualified."
    ).format(amount=words.money(component.amount))


def _signature_fee(words: _Words, component: Component, terms: Terms) -> str:
    return words.gettext(
        "{amount} when the introduction's first engagement (a trial included) is signed."
    ).format(amount=words.money(component.amount))


def _contract_value(words: _Words, component: Component, terms: Terms) -> str:
    return words.gettext(
        "{rate} of the contract value of each engagement signed while the rights run, "
        "in the month of signature."
    ).format(rate=words.rate(component.rate))


_COMPONENTS: dict[ComponentKind, Callable[[_Words, Component, Terms], str]] = {
    ComponentKind.REVENUE_PERCENT: _revenue_percent,
    ComponentKind.TIERED: _tiered,
    ComponentKind.QUALIFIED_FEE: _qualified_fee,
    ComponentKind.SIGNATURE_FEE: _signature_fee,
    ComponentKind.CONTRACT_VALUE_PERCENT: _contract_value,
}


# --- rights and trial coverage ------------------------------------------------------------------


def _with_rights(words: _Words, commission: str, terms: Terms) -> str:
    """A revenue commission, how long it runs from when, and which engagements earn it."""
    return words.gettext("{commission} {rights}; {coverage}.").format(
        commission=commission,
        rights=_rights(words, terms.rights, terms.trial_coverage),
        coverage=_coverage(words, terms.trial_coverage),
    )


def _rights(words: _Words, rights: RightsDuration, coverage: TrialCoverage) -> str:
    _ = words.gettext
    from_trial = coverage is not TrialCoverage.CONVERSION_ONLY
    if rights.kind is RightsKind.MONTHS:
        months = rights.months or 0
        if from_trial:
            text = words.ngettext(
                "for {n} month from the start of the trial",
                "for {n} months from the start of the trial",
                months,
            )
        else:
            text = words.ngettext(
                "for {n} month from the start of the long-term contract",
                "for {n} months from the start of the long-term contract",
                months,
            )
        return text.format(n=months if rights.months is not None else UNKNOWN)
    if rights.kind is RightsKind.UNTIL_DATE:
        if from_trial:
            text = _("from the start of the trial until {date} (that month included)")
        else:
            text = _("from the start of the long-term contract until {date} (that month included)")
        return text.format(date=words.date(rights.until))
    if rights.kind is RightsKind.WHILE_CLIENT_STAYS:
        if from_trial:
            return _("from the start of the trial, for as long as the client stays")
        return _("from the start of the long-term contract, for as long as the client stays")
    if from_trial:
        return _("for every month of the engagement that starts the rights (the trial), only")
    return _("for every month of the long-term contract that starts the rights, only")


def _coverage(words: _Words, coverage: TrialCoverage) -> str:
    _ = words.gettext
    if coverage is TrialCoverage.TRIAL_ONLY:
        return _("only the trial is covered: the long-term contract that follows earns nothing")
    if coverage is TrialCoverage.CONVERSION_ONLY:
        return _("the trial earns nothing, the long-term contract that follows is covered")
    return _("the long-term contract that follows the trial is covered")


def _coverage_details(words: _Words, terms: Terms) -> Iterator[str]:
    """When a long-term contract counts as the trial's conversion (it matters only when a
    revenue commission covers conversions)."""
    takes_revenue = any(c.uses_revenue for c in terms.components)
    if takes_revenue and terms.trial_coverage is not TrialCoverage.TRIAL_ONLY:
        days = terms.conversion_window_days
        yield words.ngettext(
            "A long-term contract is a conversion of the trial when it starts at most {days} "
            "day after the trial ends.",
            "A long-term contract is a conversion of the trial when it starts at most {days} "
            "days after the trial ends.",
            days,
        ).format(days=days)


# --- limits and payment --------------------------------------------------------------------------


def _limits(words: _Words, terms: Terms) -> Iterator[str]:
    _ = words.gettext
    if terms.cap_per_introduction is not None:
        yield _("At most {amount} per introduction, over its whole life.").format(
            amount=words.money(terms.cap_per_introduction)
        )
    if terms.cap_per_year is not None:
        yield _("At most {amount} per calendar year under this agreement.").format(
            amount=words.money(terms.cap_per_year)
        )
    if terms.clawback_days > 0:
        yield words.ngettext(
            "If the client leaves within {days} day of signing, what that engagement earned "
            "is paid back.",
            "If the client leaves within {days} days of signing, what that engagement earned "
            "is paid back.",
            terms.clawback_days,
        ).format(days=terms.clawback_days)
    if terms.tail_months > 0:
        yield words.ngettext(
            "An engagement signed up to {months} month after the agreement ends still starts "
            "the rights.",
            "An engagement signed up to {months} months after the agreement ends still starts "
            "the rights.",
            terms.tail_months,
        ).format(months=terms.tail_months)


def _payment(words: _Words, payment: PaymentTerms) -> str:
    _ = words.gettext
    days = payment.days
    if payment.kind is PaymentTermsKind.NET and days == 0:
        return _("Payment is due on receipt of the invoice.")
    if payment.kind is PaymentTermsKind.NET:
        text = words.ngettext(
            "Payment is due {days} day after the invoice date.",
            "Payment is due {days} days after the invoice date.",
            days,
        )
    elif payment.kind is PaymentTermsKind.DAYS_END_OF_MONTH:
        text = words.ngettext(
            "Payment is due {days} day after the invoice date, then at the end of that month.",
            "Payment is due {days} days after the invoice date, then at the end of that month.",
            days,
        )
    else:
        text = words.ngettext(
            "Payment is due at the end of the invoice's month, then {days} day later.",
            "Payment is due at the end of the invoice's month, then {days} days later.",
            days,
        )
    return text.format(days=days)


def _agreement_facts(words: _Words, agreement: Agreement, counterparty: str) -> Iterator[str]:
    _ = words.gettext
    if agreement.valid_until is None:
        yield _("Introductions made from {start} on are covered, with no end date.").format(
            start=words.date(agreement.valid_from)
        )
    else:
        yield _("Introductions made from {start} to {end} are covered.").format(
            start=words.date(agreement.valid_from), end=words.date(agreement.valid_until)
        )
    if agreement.self_billing:
        other = counterparty or (
            _("the provider") if agreement.direction is Direction.EARNED else _("the introducer")
        )
        if agreement.direction is Direction.EARNED:
            yield _("Self-billing: {provider} issues the invoices in your name.").format(
                provider=other
            )
        else:
            yield _("Self-billing: you issue the invoices in the name of {introducer}.").format(
                introducer=other
            )
