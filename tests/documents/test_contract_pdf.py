"""The contract draft states every clause of PRODUCT.md "Contract drafts", read back with pypdf.

Most tests read the English draft: its wording is the message ids, so it does not change when the
French catalogue is rebuilt. Text is compared with every run of white space (no-break and narrow
no-break spaces, line breaks) made one plain space.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.xmp import XmpInformation

from apporteur_desktop.documents.contract_pdf import render_contract
from apporteur_desktop.domain.agreements import Component, PaymentTerms, TermsVersion
from apporteur_desktop.domain.contracts import ContractDraft
from apporteur_desktop.domain.enums import PaymentTermsKind
from apporteur_desktop.domain.parties import LegalIdentity
from apporteur_desktop.i18n import Translator
from tests.builders import (
    agreement,
    fee_at_signature,
    fee_per_qualified_introduction,
    revenue_share,
    share_of_contract_value,
    terms,
    tiered,
)

from .fixtures import ATELIER_NUMERIQUE, JEANNE_MARTIN

ENGLISH = Translator("en")
FRENCH = Translator("fr")
JEANNE = JEANNE_MARTIN.identity
NAME = "Atelier Numérique — assistanat"
RUNNING_HEAD = f"Draft — to be reviewed by a lawyer · {NAME}"
BANNER = "DRAFT — TO BE REVIEWED BY A LAWYER BEFORE SIGNING"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pages(pdf: bytes) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _draft(
    *components: Component,
    direction: str = "earned",
    franchise: bool = True,
    changes: dict[str, Any] | None = None,
    **terms_args: Any,
) -> ContractDraft:
    """A draft between Jeanne Martin (introducer when earned) and Atelier Numérique."""
    deal = agreement(
        *(components or (revenue_share("20 %"),)),
        name=NAME,
        direction=direction,
        valid_from="2026-01-01",
        **terms_args,
    )
    deal = replace(deal, **(changes or {}))
    me, them = JEANNE, ATELIER_NUMERIQUE
    introducer, provider = (me, them) if direction == "earned" else (them, me)
    return ContractDraft(deal, introducer, provider, franchise, date(2026, 1, 5))


def _xmp(pdf: bytes) -> XmpInformation:
    xmp = PdfReader(io.BytesIO(pdf)).xmp_metadata
    assert xmp is not None
    return xmp


def _text(draft: ContractDraft, tr: Translator = ENGLISH) -> str:
    return " ".join(_pages(render_contract(draft, tr)))


def _with_terms(draft: ContractDraft, **changes: Any) -> ContractDraft:
    """The same draft with its original terms changed (payment terms, rights…)."""
    original = draft.agreement.versions[0]
    version = replace(original, terms=replace(original.terms, **changes))
    versions = (version, *draft.agreement.versions[1:])
    return replace(draft, agreement=replace(draft.agreement, versions=versions))


def _hybrid(**terms_args: Any) -> ContractDraft:
    """PRODUCT.md's hybrid: 200 € per qualified introduction + 20 % of revenue for 12 months."""
    return _draft(
        fee_per_qualified_introduction(200),
        revenue_share("20 %"),
        months=12,
        trial="trial and conversion",
        **terms_args,
    )


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    """Every optional clause: caps, clawback, tail and an amendment."""
    draft = _hybrid(cap=5000, yearly_cap=20000, clawback_days=30, tail_months=6)
    amendment = TermsVersion(
        date(2026, 4, 1),
        terms(fee_per_qualified_introduction(200), rate="25 %"),
        note="revenue share raised to 25 %",
    )
    versions = (*draft.agreement.versions, amendment)
    return render_contract(
        replace(draft, agreement=replace(draft.agreement, versions=versions)), ENGLISH
    )


@pytest.fixture(scope="module")
def full_text(full_pdf: bytes) -> str:
    return " ".join(_pages(full_pdf))


@pytest.fixture(scope="module")
def bare_text() -> str:
    """No cap, no clawback, no tail, no amendment."""
    return _text(_hybrid())


# --- the clauses ------------------------------------------------------------------------------


FULL_HEADINGS = [
    "Parties",
    "Object",
    "Independence of the Introducer",
    "Status of the Introducer and VAT",
    "Qualified introduction",
    "Commission",
    "Basis and reporting",
    "Duration of commission rights",
    "Caps",
    "Client leaving early",
    "After the agreement ends",
    "Invoicing and payment",
    "Exclusivity and territory",
    "Confidentiality",
    "Personal data",
    "Fair introductions",
    "Term and termination",
    "Limits of liability",
    "Disputes",
    "Amendments",
]


def test_every_clause_heading_is_present_numbered_in_order(full_text: str) -> None:
    positions = []
    for number, title in enumerate(FULL_HEADINGS, start=1):
        heading = f"Article {number} — {title}"
        assert heading in full_text, heading
        positions.append(full_text.index(heading))
    assert positions == sorted(positions)


def test_without_caps_clawback_tail_or_amendments_those_articles_are_left_out(
    bare_text: str,
) -> None:
    for title in ("Caps", "Client leaving early", "After the agreement ends", "Amendments"):
        assert f"— {title}" not in bare_text, title
    assert "capped at" not in bare_text
    # The numbering closes up: payment comes right after the duration of rights.
    assert "Article 8 — Duration of commission rights" in bare_text
    assert "Article 9 — Invoicing and payment" in bare_text
    assert "Article 16 — Disputes" in bare_text


def test_caps_clawback_and_tail_state_their_figures(full_text: str) -> None:
    for sentence in (
        "capped at €5,000.00 in all, over its whole life",
        "for one calendar year are capped at €20,000.00",
        "ends a contract within 30 days of signing it",
        "Fees for qualified introductions remain due.",
        "For 6 months after this agreement ends, a contract signed with a client introduced",
    ):
        assert sentence in full_text, sentence


def test_a_single_day_or_month_is_worded_in_the_singular() -> None:
    text = _text(_hybrid(clawback_days=1, tail_months=1, window=1))
    assert "within 1 day of signing it" in text
    assert "For 1 month after this agreement ends" in text
    assert "starts at most 1 day after the trial ends" in text


def test_the_amendments_are_listed_but_the_original_terms_are_stated(full_text: str) -> None:
    assert "From 01/04/2026: revenue share raised to 25 %" in full_text
    assert "20% of the monthly revenue" in full_text
    assert "25% of the monthly revenue" not in full_text


def test_an_amendment_without_a_note_still_shows_its_date() -> None:
    draft = _hybrid()
    versions = (*draft.agreement.versions, TermsVersion(date(2026, 7, 1), terms(rate="15 %")))
    text = _text(replace(draft, agreement=replace(draft.agreement, versions=versions)))
    assert "From 01/07/2026: terms changed, as set out in the signed amendment." in text


# --- the commission, in words and figures --------------------------------------------------


@pytest.mark.parametrize(
    ("component", "expected"),
    [
        pytest.param(
            revenue_share("20 %"),
            [
                "20% of the monthly revenue, excluding VAT, that the Provider bills",
                "Example: for €1,000.00 billed in a month, the commission for that month is "
                "€200.00.",
            ],
            id="revenue_percent",
        ),
        pytest.param(
            fee_per_qualified_introduction(150),
            [
                "A fixed fee of €150.00 for each qualified introduction",
                "Example: for three introductions qualified in the same month, €450.00 is due.",
            ],
            id="qualified_fee",
        ),
        pytest.param(
            fee_at_signature(500),
            ["A fixed fee of €500.00 when an introduced client signs their first contract"],
            id="signature_fee",
        ),
        pytest.param(
            share_of_contract_value("7 %"),
            [
                "7% of the value, excluding VAT, of each contract signed",
                "Example: for a contract worth €20,000.00, the commission is €1,400.00.",
            ],
            id="contract_value_percent",
        ),
        pytest.param(
            tiered((10000, "10 %"), (None, "15 %")),
            [
                "up to €10,000.00 included: 10%",
                "above €10,000.00: 15%",
                "Each rate applies only to the part of the year’s revenue within its bracket.",
                # Example F's brackets: 12,000 in a year is 10 % of 10,000 + 15 % of 2,000.
                "Example: for €12,000.00 of revenue in a year, the commission is "
                "10% × €10,000.00 + 15% × €2,000.00 = €1,300.00.",
            ],
            id="tiered_marginal",
        ),
        pytest.param(
            tiered((10000, "10 %"), (None, "15 %"), mode="whole_volume"),
            [
                "up to €10,000.00 included: 10%",
                "above €10,000.00: 15%",
                "that bracket’s rate applies to the whole of the year’s revenue",
                "Example: for €12,000.00 of revenue in a year, the commission is "
                "15% × €12,000.00 = €1,800.00.",
            ],
            id="tiered_whole_volume",
        ),
        pytest.param(
            tiered((5000, "5 %"), (20000, "8 %"), (None, "12.5 %")),
            [
                "up to €5,000.00 included: 5%",
                "above €5,000.00 and up to €20,000.00 included: 8%",
                "above €20,000.00: 12.5%",
                "Example: for €24,000.00 of revenue in a year, the commission is "
                "5% × €5,000.00 + 8% × €15,000.00 + 12.5% × €4,000.00 = €1,950.00.",
            ],
            id="tiered_three_brackets",
        ),
    ],
)
def test_each_component_kind_is_stated_with_its_example(
    component: Component, expected: list[str]
) -> None:
    text = _text(_draft(component))
    missing = [sentence for sentence in expected if sentence not in text]
    assert not missing, f"missing {missing} from:\n{text}"
    assert "6.1 " in text
    assert "6.2 " not in text  # one component, one numbered clause


def test_a_hybrid_numbers_each_component_and_says_they_add_up(bare_text: str) -> None:
    assert "the following commissions, excluding VAT, which add up:" in bare_text
    assert "6.1 A fixed fee of €200.00 for each qualified introduction" in bare_text
    assert "6.2 20% of the monthly revenue" in bare_text
    assert "Example: for three introductions qualified in the same month, €600.00 is due." in (
        bare_text
    )


def test_a_component_label_leads_its_clause() -> None:
    text = _text(_draft(replace(fee_per_qualified_introduction(200), label="Qualified meeting")))
    assert "Qualified meeting: A fixed fee of €200.00" in text


@settings(max_examples=15, deadline=None)
@given(rate=st.decimals(min_value="0.5", max_value="60", places=2))
def test_the_revenue_example_is_the_rate_of_1000_rounded_half_up(rate: Decimal) -> None:
    text = _text(_draft(revenue_share(str(rate))))
    expected = (rate * 10).quantize(Decimal("0.01"))  # rate % of 1,000.00, to the cent
    assert f"the commission for that month is €{expected:,.2f}." in text


# --- rights, trial coverage, reporting -----------------------------------------------------

COVERAGE_SENTENCES = {
    "trial only": "Trial period: only the trial earns commission.",
    "trial and conversion": "Trial period: the trial and the long-term contract that follows it "
    "both earn commission.",
    "conversion only": "Trial period: only the long-term contract that follows a trial earns "
    "commission. The trial months earn nothing",
}


@pytest.mark.parametrize("coverage", list(COVERAGE_SENTENCES))
def test_trial_coverage_is_spelled_out_for_each_setting(coverage: str) -> None:
    text = _text(_draft(trial=coverage, window=45))
    assert COVERAGE_SENTENCES[coverage] in text
    for other, sentence in COVERAGE_SENTENCES.items():
        if other != coverage:
            assert sentence not in text, other
    assert "starts at most 45 days after the trial ends" in text
    # Under "conversion only" a late long-term contract starts no rights at all.
    late = "A long-term contract that starts later does not follow the trial"
    assert (late in text) is (coverage == "conversion only")


@pytest.mark.parametrize(
    ("rights", "sentence"),
    [
        ({"months": 12}, "Percentage commissions are due for 12 months, counted in calendar"),
        ({"months": 1}, "Percentage commissions are due for 1 month, counted in calendar"),
        (
            {"until": "2027-06-30"},
            "Percentage commissions are due until 30/06/2027, the month of that date included.",
        ),
        (
            {"rights_kind": "while_client_stays"},
            "due for as long as the introduced client remains a client of the Provider.",
        ),
        ({"rights_kind": "one_off"}, "due on the contract that starts the rights only"),
    ],
)
def test_the_duration_of_rights(rights: dict[str, Any], sentence: str) -> None:
    assert sentence in _text(_draft(**rights))


def test_revenue_is_reported_monthly_excluding_vat_by_a_date(bare_text: str) -> None:
    assert "computed on the revenue, excluding VAT, that the Provider bills" in bare_text
    assert "By the 10th of each month, the Provider reports to the Introducer the revenue" in (
        bare_text
    )
    assert "It also says which introductions became qualified" in bare_text


def test_fees_alone_report_events_not_revenue() -> None:
    text = _text(_draft(fee_per_qualified_introduction(150)))
    assert "the Provider tells the Introducer which introductions became qualified" in text
    assert "reports to the Introducer the revenue" not in text
    assert "estimate" not in text


# --- the other clauses ------------------------------------------------------------------------


def test_vat_franchise_or_registration_is_stated() -> None:
    franchise = _text(_draft(franchise=True))
    registered = _text(_draft(franchise=False))
    assert "The Introducer is under the VAT franchise: commissions are invoiced without" in (
        franchise
    )
    assert "registered for VAT" not in franchise
    assert "The Introducer is registered for VAT" in registered
    assert "is under the VAT franchise:" not in registered
    for text in (franchise, registered):
        assert "registered as a business" in text


def test_independence_rules_out_a_mandate(bare_text: str) -> None:
    assert "The Introducer holds no mandate from the Provider" in bare_text
    assert "commercial agency contract or an employment contract" in bare_text


def test_qualification_criteria_replace_the_default_sentence(bare_text: str) -> None:
    criteria = "- A meeting with a decision maker\n- A budget confirmed in writing"
    text = _text(_draft(changes={"qualification_criteria": criteria}))
    assert (
        "meets the following criteria: • A meeting with a decision maker "
        "• A budget confirmed in writing"
    ) in text
    assert "who agreed to be contacted" not in text
    assert "who agreed to be contacted" in bare_text


def test_exclusivity_and_territory_are_quoted_or_said_to_be_none(bare_text: str) -> None:
    text = _text(
        _draft(changes={"exclusivity": "Sole introducer for bakeries", "territory": "Rhône"})
    )
    assert "Exclusivity: Sole introducer for bakeries" in text
    assert "Territory: Rhône" in text
    assert "No exclusivity: each party remains free" in bare_text
    assert "This agreement is not limited to a territory." in bare_text


@pytest.mark.parametrize(
    ("kind", "days", "sentence"),
    [
        (PaymentTermsKind.NET, 30, "payable by bank transfer within 30 days of their date."),
        (
            PaymentTermsKind.DAYS_END_OF_MONTH,
            45,
            "at 45 days end of month: 45 days after their date, then the end of that month.",
        ),
        (
            PaymentTermsKind.END_OF_MONTH_DAYS,
            10,
            "at the end of the month of their date, then 10 days later.",
        ),
    ],
)
def test_payment_terms_and_late_penalties(kind: PaymentTermsKind, days: int, sentence: str) -> None:
    text = _text(_with_terms(_draft(), payment_terms=PaymentTerms(kind, days)))
    assert sentence in text
    assert "refinancing operation plus 10 percentage points" in text
    assert "a fixed indemnity of €40.00 for recovery costs" in text


def test_self_billing_gives_the_provider_a_mandate_to_invoice(bare_text: str) -> None:
    text = _text(_draft(changes={"self_billing": True}))
    assert "The Provider draws up the Introducer’s invoices each month" in text
    assert "“Autofacturation”" in text
    assert "The Provider draws up" not in bare_text
    assert "The Introducer invoices the commissions due each month" in bare_text


def test_every_standard_clause_has_its_substance(bare_text: str) -> None:
    for sentence in (
        "keeps confidential what it learns from the other",
        "General Data Protection Regulation (EU 2016/679)",
        "The Introducer may not introduce themselves",
        "were generated automatically",
        "with one month’s notice",
        "liable only for the direct harm",
        "first seek an amicable settlement",
        "brought before the competent courts",
    ):
        assert sentence in bare_text, sentence


def test_the_term_is_fixed_or_open_ended(bare_text: str) -> None:
    fixed = _text(_draft(valid_until="2027-12-31"))
    assert "This agreement takes effect on 01/01/2026 and ends on 31/12/2027." in fixed
    assert "This agreement takes effect on 01/01/2026 for an indefinite term." in bare_text


# --- parties, signatures, draft marks --------------------------------------------------------


def _party_box(text: str, role: str, next_role: str) -> str:
    return text[text.index(role) : text.index(next_role)]


def test_the_parties_with_their_legal_identities(bare_text: str) -> None:
    introducer = _party_box(bare_text, "THE INTRODUCER", "THE PROVIDER")
    for mention in (
        "Jeanne Martin EI",
        "Sole trader (entrepreneur individuel)",
        "SIRET: 123 456 782 00010",
        "12 rue Mercière 69002 Lyon",
    ):
        assert mention in introducer, mention
    provider = _party_box(bare_text, "THE PROVIDER", "Each party is called below")
    for mention in (
        "Atelier Numérique SAS",
        "SAS with a share capital of €50,000.00",
        "SIRET: 987 654 324 00019",
        "RCS Paris 987 654 324",
        "VAT number: FR14987654324",
        "5 avenue Foch 75008 Paris",
    ):
        assert mention in provider, mention


def test_an_owed_agreement_puts_the_ledger_owner_on_the_provider_side() -> None:
    pdf = render_contract(_draft(direction="owed"), ENGLISH)
    text = " ".join(_pages(pdf))
    assert "Atelier Numérique SAS" in _party_box(text, "THE INTRODUCER", "THE PROVIDER")
    assert "Jeanne Martin EI" in _party_box(text, "THE PROVIDER", "Each party is called below")
    signatures = text[text.index("Made in two originals") :]
    assert signatures.index("Atelier Numérique SAS") < signatures.index("Jeanne Martin EI")
    # The ledger's owner drafts the contract and is the PDF's author: the provider here.
    assert _xmp(pdf).dc_creator == ["Jeanne Martin EI"]


@pytest.mark.parametrize(
    ("direction", "author"), [("earned", "Jeanne Martin EI"), ("owed", "Atelier Numérique SAS")]
)
def test_the_author_is_the_introducer_when_earned_and_the_provider_when_owed(
    direction: str, author: str
) -> None:
    draft = replace(_draft(direction=direction), introducer=JEANNE, provider=ATELIER_NUMERIQUE)
    assert _xmp(render_contract(draft, ENGLISH)).dc_creator == [author]


def test_a_party_without_a_siret_gets_a_blank_to_fill_in() -> None:
    unregistered = LegalIdentity("Paul Girard", sole_trader=True)
    draft = replace(_draft(), introducer=unregistered)
    text = _text(draft)
    assert "Paul Girard EI" in text
    introducer = _party_box(text, "THE INTRODUCER", "THE PROVIDER")
    assert "SIRET: ____" in introducer
    assert "Address: ____" in introducer
    assert "Address:" not in _party_box(text, "THE PROVIDER", "Each party is called below")


def test_signature_blocks_for_both_parties(full_pdf: bytes) -> None:
    last = _pages(full_pdf)[-1]
    signatures = last[last.index("Made in two originals") :]
    assert signatures.count("Write “Read and approved” by hand, then sign:") == 2
    assert signatures.count("At: ____") == 2
    assert signatures.count("On: ____") == 2
    for name in ("Jeanne Martin EI", "Atelier Numérique SAS"):
        assert name in signatures
    # The signatures share their page with the end of the last article.
    assert "Article 20 — Amendments" in last


def test_a_signed_date_fills_in_the_signature_date() -> None:
    text = _text(_draft(changes={"signed_on": date(2026, 1, 12)}))
    assert text.count("On: 12/01/2026") == 2


def test_the_draft_banner_is_on_page_one_and_the_running_head_on_the_others(
    full_pdf: bytes,
) -> None:
    pages = _pages(full_pdf)
    assert len(pages) >= 3
    assert pages[0].startswith(BANNER)
    assert "not legal advice: have a lawyer check it" in pages[0]
    assert RUNNING_HEAD not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert RUNNING_HEAD in page, f"page {number}"
        assert BANNER not in page
    assert f"Page {len(pages)}/{len(pages)}" in pages[-1]


def test_same_draft_same_bytes_dated_by_the_draft() -> None:
    first = render_contract(_hybrid(cap=5000), ENGLISH)
    assert render_contract(_hybrid(cap=5000), ENGLISH) == first
    xmp = _xmp(first)
    assert xmp.xmp_create_date == datetime(2026, 1, 5)
    assert xmp.dc_title == {"x-default": f"Business introduction agreement — {NAME}"}


def test_french_figures_follow_the_french_conventions() -> None:
    text = _text(_hybrid(cap=5000), FRENCH)
    for figure in ("200,00 €", "1 000,00 €", "5 000,00 €", "20 %", "05/01/2026"):
        assert figure in text, figure
    assert "SIRET : 123 456 782 00010" in text  # a label the catalogue already has
