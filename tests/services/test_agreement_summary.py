"""The plain-words summary of an agreement: each component kind, each trial coverage, the
limits and the payment, in English (read word for word) and in French (numbers as a French
reader writes them, sentences from the catalogue)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

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
    PaymentTermsKind,
    RightsKind,
    TierMode,
    TrialCoverage,
)
from apporteur_desktop.formatting import money_text, rate_text
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.agreement_summary import summarise

EN, FR = Translator("en"), Translator("fr")
REVENUE_20 = Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(20))


def terms(*components: Component, **options: object) -> Terms:
    return Terms(components or (REVENUE_20,), **options)  # type: ignore[arg-type]


def agreement(t: Terms, direction: Direction = Direction.EARNED, **fields: object) -> Agreement:
    return Agreement(
        None,
        "Atelier",
        direction,
        1,
        date(2026, 1, 5),
        (TermsVersion(None, t),),
        **fields,  # type: ignore[arg-type]
    )


def said(tr: Translator, t: Terms, a: Agreement | None = None, who: str = "Atelier") -> str:
    return "\n".join(summarise(tr, a, t, who))


# --- percentages of revenue and trial coverage ---------------------------------------------------

COVERAGE_EN = {
    TrialCoverage.TRIAL_AND_CONVERSION: (
        "20% of the monthly revenue excluding VAT for 12 months from the start of the trial; "
        "the long-term contract that follows the trial is covered."
    ),
    TrialCoverage.TRIAL_ONLY: (
        "20% of the monthly revenue excluding VAT for 12 months from the start of the trial; "
        "only the trial is covered: the long-term contract that follows earns nothing."
    ),
    TrialCoverage.CONVERSION_ONLY: (
        "20% of the monthly revenue excluding VAT for 12 months from the start of the "
        "long-term contract; the trial earns nothing, the long-term contract that follows is "
        "covered."
    ),
}


@pytest.mark.parametrize("coverage", list(TrialCoverage))
def test_each_trial_coverage_is_said_in_english(coverage: TrialCoverage) -> None:
    sentences = summarise(EN, None, terms(trial_coverage=coverage))
    assert sentences[0] == COVERAGE_EN[coverage]
    window = "A long-term contract is a conversion of the trial when it starts at most 60 days"
    assert any(s.startswith(window) for s in sentences) == (
        coverage is not TrialCoverage.TRIAL_ONLY
    )


@pytest.mark.parametrize(
    ("coverage", "words"),
    [
        (
            TrialCoverage.TRIAL_AND_CONVERSION,
            "the long-term contract that follows the trial is covered",
        ),
        (
            TrialCoverage.TRIAL_ONLY,
            "only the trial is covered: the long-term contract that follows earns nothing",
        ),
        (
            TrialCoverage.CONVERSION_ONLY,
            "the trial earns nothing, the long-term contract that follows is covered",
        ),
    ],
)
def test_each_trial_coverage_is_said_in_french(coverage: TrialCoverage, words: str) -> None:
    first = summarise(FR, None, terms(trial_coverage=coverage))[0]
    assert first.startswith(rate_text(Decimal(20), "fr"))  # « 20 % », narrow no-break space
    assert FR.gettext(words) in first
    start = "trial" if coverage is not TrialCoverage.CONVERSION_ONLY else "long-term contract"
    months = FR.ngettext(
        f"for {{n}} month from the start of the {start}",
        f"for {{n}} months from the start of the {start}",
        12,
    ).format(n=12)
    assert months in first


@pytest.mark.parametrize(
    ("rights", "words"),
    [
        (RightsDuration(RightsKind.MONTHS, 1), "for 1 month from the start of the trial"),
        (
            RightsDuration(RightsKind.UNTIL_DATE, until=date(2027, 6, 30)),
            "from the start of the trial until 30/06/2027 (that month included)",
        ),
        (
            RightsDuration(RightsKind.WHILE_CLIENT_STAYS),
            "from the start of the trial, for as long as the client stays",
        ),
        (
            RightsDuration(RightsKind.ONE_OFF),
            "for every month of the engagement that starts the rights (the trial), only",
        ),
    ],
)
def test_each_duration_of_rights_is_said(rights: RightsDuration, words: str) -> None:
    assert words in summarise(EN, None, terms(rights=rights))[0]


# --- the other components -----------------------------------------------------------------------


def test_a_fee_per_qualified_introduction_with_its_criteria() -> None:
    fee = Component(ComponentKind.QUALIFIED_FEE, amount=Decimal(150), label="Meeting")
    t = terms(fee)
    a = agreement(t, qualification_criteria="a meeting with a decision-maker")
    sentences = summarise(EN, a, t, "Atelier")
    assert "Meeting: €150.00 per qualified introduction, once, in the month it is qualified." in (
        sentences
    )
    assert "An introduction is qualified when: a meeting with a decision-maker" in sentences
    # No revenue is taken: nothing to say about conversions.
    assert not any("conversion" in s for s in sentences)
    french = said(FR, t, a)
    assert money_text(Decimal(150), "fr") in french  # « 150,00 € »


def test_a_fee_at_signature() -> None:
    t = terms(Component(ComponentKind.SIGNATURE_FEE, amount=Decimal(500)))
    assert (
        "€500.00 when the introduction's first engagement (a trial included) is signed."
        in summarise(EN, None, t)
    )
    assert money_text(Decimal(500), "fr") in said(FR, t)


def test_a_percentage_of_contract_value() -> None:
    t = terms(Component(ComponentKind.CONTRACT_VALUE_PERCENT, rate=Decimal(7)))
    assert summarise(EN, None, t)[0] == (
        "7% of the contract value of each engagement signed while the rights run, in the "
        "month of signature."
    )
    assert summarise(FR, None, t)[0].startswith(rate_text(Decimal(7), "fr"))


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        (TierMode.MARGINAL, "each rate on its own bracket only"),
        (TierMode.WHOLE_VOLUME, "the rate reached applies to the whole year's revenue"),
    ],
)
def test_tiers_list_their_brackets_in_their_mode(mode: TierMode, words: str) -> None:
    tiers = (Tier(Decimal(10000), Decimal(10)), Tier(None, Decimal(15)))
    t = terms(Component(ComponentKind.TIERED, tiers=tiers, tier_mode=mode))
    first = summarise(EN, None, t)[0]
    assert first.startswith(
        "Tiered rates on the revenue of each calendar year (10% up to €10,000.00, 15% above "
        "€10,000.00; "
    )
    assert words in first and "for 12 months from the start of the trial" in first
    assert money_text(Decimal(10000), "fr") in summarise(FR, None, t)[0]


def test_a_hybrid_says_each_component_and_an_unfinished_one_says_what_is_missing() -> None:
    t = terms(
        Component(ComponentKind.QUALIFIED_FEE, amount=Decimal(200)),
        Component(ComponentKind.REVENUE_PERCENT),  # no rate typed yet
    )
    sentences = summarise(EN, None, t)
    assert sentences[0].startswith("€200.00 per qualified introduction")
    assert sentences[1].startswith("? of the monthly revenue")
    assert summarise(EN, None, Terms(()))[0] == "No commission yet: add at least one component."


# --- limits, payment, direction -----------------------------------------------------------------


def test_caps_clawback_and_tail() -> None:
    t = terms(
        cap_per_introduction=Decimal(1000),
        cap_per_year=Decimal(5000),
        clawback_days=30,
        tail_months=1,
    )
    sentences = summarise(EN, None, t)
    assert "At most €1,000.00 per introduction, over its whole life." in sentences
    assert "At most €5,000.00 per calendar year under this agreement." in sentences
    assert (
        "If the client leaves within 30 days of signing, what that engagement earned is paid "
        "back." in sentences
    )
    assert (
        "An engagement signed up to 1 month after the agreement ends still starts the rights."
        in sentences
    )
    french = said(FR, t)
    assert money_text(Decimal(1000), "fr") in french and money_text(Decimal(5000), "fr") in french
    # Nothing about what the terms leave out.
    assert not any("At most" in s or "leaves" in s for s in summarise(EN, None, terms()))


@pytest.mark.parametrize(
    ("payment", "words"),
    [
        (PaymentTerms(PaymentTermsKind.NET, 30), "Payment is due 30 days after the invoice date."),
        (PaymentTerms(PaymentTermsKind.NET, 0), "Payment is due on receipt of the invoice."),
        (
            PaymentTerms(PaymentTermsKind.DAYS_END_OF_MONTH, 45),
            "Payment is due 45 days after the invoice date, then at the end of that month.",
        ),
        (
            PaymentTerms(PaymentTermsKind.END_OF_MONTH_DAYS, 10),
            "Payment is due at the end of the invoice's month, then 10 days later.",
        ),
    ],
)
def test_payment_terms(payment: PaymentTerms, words: str) -> None:
    assert words in summarise(EN, None, terms(payment_terms=payment))


def test_who_pays_whom_validity_and_self_billing() -> None:
    t = terms()
    earned = summarise(EN, agreement(t, self_billing=True), t, "Atelier")
    assert earned[0] == "You introduce clients to Atelier, who pays you commissions on them."
    assert "Introductions made from 05/01/2026 on are covered, with no end date." in earned
    assert "Self-billing: Atelier issues the invoices in your name." in earned
    owed_agreement = agreement(t, Direction.OWED, self_billing=True, valid_until=date(2026, 12, 31))
    owed = summarise(EN, owed_agreement, t, "Paul Girard")
    assert owed[0] == "Paul Girard introduces clients to you, and you pay them commissions."
    assert "Introductions made from 05/01/2026 to 31/12/2026 are covered." in owed
    assert "Self-billing: you issue the invoices in the name of Paul Girard." in owed
    unnamed = summarise(EN, agreement(t), t, "")
    assert unnamed[0] == "You introduce clients to a provider, who pays you commissions on them."
    french = summarise(FR, agreement(t), t, "Atelier")
    assert french[0] == FR.gettext(
        "You introduce clients to {provider}, who pays you commissions on them."
    ).format(provider="Atelier")
