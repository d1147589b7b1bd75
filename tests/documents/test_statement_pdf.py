"""The commission statement PDF (owed direction), read back with pypdf.

Conseil Durand SARL owes Jeanne Martin EI, who introduced clients to it, commissions under two
agreements for January to March 2026: some paid, some invoiced by her, some still due, with a
correction and a clawback among them.

The labels that only the statement uses are looked up in the French catalogue rather than written
here, so these tests hold whether or not the catalogue has their translation yet; everything else
(identities, shared labels, numbers, months, statuses) is checked as the reader sees it.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader

from apporteur_desktop.documents.statement_pdf import render_statement
from apporteur_desktop.domain.enums import LineStatus
from apporteur_desktop.domain.money import money, to_decimal
from apporteur_desktop.domain.statements import Statement, StatementLine
from apporteur_desktop.i18n import Translator

from .fixtures import CONSEIL_DURAND, JEANNE_MARTIN
from .pdf_text import flat, pdf_pages

FRENCH = Translator("fr")
ENGLISH = Translator("en")

DUE, INVOICED, PAID = LineStatus.DUE, LineStatus.INVOICED, LineStatus.PAID
RETAINER = "Apport clients 2026"
PROJECTS = "Projets ponctuels"
COOPERATIVE = "Coopérative des Boulangers du Grand Lyon"


def percent(
    period: str, client: str, agreement: str, rate: str, base: str, amount: str, status: LineStatus
) -> StatementLine:
    """A percentage of a month's revenue (the amount as the engine rounded it)."""
    return StatementLine(
        period,
        None,
        client,
        agreement,
        f"{rate} du CA HT",
        money(base),
        to_decimal(rate),
        money(amount),
        status,
    )


def fee(
    on: str, client: str, agreement: str, description: str, amount: str, status: LineStatus
) -> StatementLine:
    """A fixed fee (or its reversal), due on a day."""
    day = date.fromisoformat(on)
    return StatementLine(
        on[:7], day, client, agreement, description, None, None, money(amount), status
    )


LINES = (
    percent("2026-01", "Boulangerie Dupont", RETAINER, "15 %", "1200", "180.00", PAID),
    fee("2026-01-20", "Garage Lefèvre", RETAINER, "Rendez-vous qualifié", "150", PAID),
    percent("2026-01", COOPERATIVE, RETAINER, "15 %", "2345.67", "351.85", PAID),
    percent("2026-02", "Boulangerie Dupont", RETAINER, "15 %", "1200", "180.00", PAID),
    percent("2026-02", COOPERATIVE, RETAINER, "15 %", "2345.67", "351.85", INVOICED),
    StatementLine(
        "2026-02",
        date(2026, 2, 12),
        "Hôtel Bellevue",
        PROJECTS,
        "7 % de la valeur du contrat",
        money("8000"),
        Decimal("7"),
        money("560.00"),
        INVOICED,
    ),
    fee("2026-02-03", "Imprimerie Rousseau", RETAINER, "Rendez-vous qualifié", "150", INVOICED),
    # February's revenue corrected from 1,200 to 1,080: 15 % of −120.
    StatementLine(
        "2026-02",
        None,
        "Boulangerie Dupont",
        RETAINER,
        "Régularisation de février 2026",
        None,
        None,
        money("-18.00"),
        DUE,
    ),
    percent("2026-03", "Boulangerie Dupont", RETAINER, "15 %", "1080", "162.00", DUE),
    percent("2026-03", COOPERATIVE, RETAINER, "15 %", "2500", "375.00", DUE),
    StatementLine(
        "2026-03",
        date(2026, 3, 2),
        "Cabinet Morel",
        PROJECTS,
        "7 % de la valeur du contrat",
        money("12000"),
        Decimal("7"),
        money("840.00"),
        DUE,
    ),
    # The hotel left within the 30-day clawback window.
    fee(
        "2026-03-05",
        "Hôtel Bellevue",
        PROJECTS,
        "Reprise : client parti sous 30 jours",
        "-560",
        DUE,
    ),
)


def statement(**changes: Any) -> Statement:
    """What Conseil Durand owes Jeanne Martin for January to March 2026, issued on 5 April."""
    document = Statement(
        payer=CONSEIL_DURAND,
        introducer=JEANNE_MARTIN.identity,
        first=date(2026, 1, 1),
        last=date(2026, 3, 31),
        issued_on=date(2026, 4, 5),
        lines=LINES,
    )
    return replace(document, **changes)


def _text(document: Statement, tr: Translator = FRENCH) -> str:
    return " ".join(pdf_pages(render_statement(document, tr)))


def _months(tr: Translator, first: str, last: str) -> str:
    return tr.gettext("from {first} to {last}").format(first=first, last=last)


# --- what the statement says ------------------------------------------------------------------


def test_the_payer_the_introducer_the_title_and_the_date() -> None:
    text = _text(statement())
    for mention in (
        # me, top left
        "Conseil Durand SARL",
        "SARL au capital de 10 000,00 €",
        "8 quai Saint-Vincent 69001 Lyon",
        "SIRET : 732 829 320 00017",
        "N° TVA : FR44732829320",
        # the introducer, named as a sole trader
        "Jeanne Martin EI",
        "12 rue Mercière 69002 Lyon",
        "SIREN : 123 456 782",
        # the title, the months it covers, the day it was issued
        FRENCH.gettext("Commission statement"),
        _months(FRENCH, "janvier 2026", "mars 2026"),
        "Date : 05/04/2026",
        "Page 1/1",
    ):
        assert mention in text, mention
    assert FRENCH.gettext("Introducer").upper() in text


def test_a_single_month_is_named_alone() -> None:
    text = _text(statement(first=date(2026, 3, 1), last=date(2026, 3, 31)), ENGLISH)
    assert "Commission statement for March 2026" in text


def test_french_elides_de_before_a_vowel() -> None:
    text = _text(statement(first=date(2026, 4, 1), last=date(2026, 6, 30)))
    assert "avril 2026" in text
    assert "de avril" not in text  # « d’avril 2026 »


def test_each_line_shows_its_period_client_agreement_figures_and_status() -> None:
    text = _text(statement())
    assert "Période Client Contrat d’apport Désignation Base HT Taux Montant HT Statut" in text
    for row in (
        "janvier 2026 Boulangerie Dupont Apport clients 2026 15 % du CA HT 1 200,00 € 15 % "
        "180,00 € payée",
        # a fee is dated the day it fell due, and has neither base nor rate
        "20/01/2026 Garage Lefèvre Apport clients 2026 Rendez-vous qualifié — — 150,00 € payée",
        "12/02/2026 Hôtel Bellevue Projets ponctuels 7 % de la valeur du contrat 8 000,00 € 7 % "
        "560,00 € facturée",
        "février 2026 Boulangerie Dupont Apport clients 2026 Régularisation de février 2026 — — "
        "-18,00 € due",
        "05/03/2026 Hôtel Bellevue Projets ponctuels Reprise : client parti sous 30 jours — — "
        "-560,00 € due",
        "02/03/2026 Cabinet Morel Projets ponctuels 7 % de la valeur du contrat 12 000,00 € 7 % "
        "840,00 € due",
    ):
        assert row in text, row
    for amount in ("351,85 €", "375,00 €", "162,00 €"):
        assert amount in text


def test_long_names_wrap_within_their_column() -> None:
    page = PdfReader(io.BytesIO(render_statement(statement(), FRENCH))).pages[0]
    lines = [flat(line) for line in page.extract_text().splitlines()]
    assert not any(COOPERATIVE in line for line in lines)  # never on one line…
    assert COOPERATIVE in flat(page.extract_text())  # …but all of it, in order


def test_the_totals_count_corrections_and_clawbacks() -> None:
    document = statement()
    # Paid: 180 + 150 + 351.85 + 180. Invoiced: 351.85 + 560 + 150.
    # Due: −18 + 162 + 375 + 840 − 560.
    assert document.totals_by_status == {
        PAID: Decimal("861.85"),
        INVOICED: Decimal("1061.85"),
        DUE: Decimal("799.00"),
    }
    assert (document.total, document.paid, document.outstanding) == (
        Decimal("2722.70"),
        Decimal("861.85"),
        Decimal("1860.85"),
    )
    text = _text(document)
    for label, amount in (
        ("Total owed for the period", "2 722,70 €"),
        ("Already paid", "861,85 €"),
        ("Remaining to pay", "1 860,85 €"),
    ):
        assert f"{FRENCH.gettext(label)} {amount}" in text, label


def test_it_says_it_is_not_an_invoice() -> None:
    text = _text(statement(), ENGLISH)
    assert "This statement is not an invoice" in text
    assert "excluding VAT" in text


def test_a_statement_without_lines_says_so() -> None:
    text = _text(statement(lines=()))
    assert "Aucune ligne de commission sur cette période." in text
    assert "Période Client" not in text
    assert f"{FRENCH.gettext('Remaining to pay')} 0,00 €" in text


def test_a_cancelled_line_cannot_be_on_a_statement() -> None:
    with pytest.raises(ValueError, match="cancelled"):
        replace(LINES[0], status=LineStatus.CANCELLED)


# --- long statements --------------------------------------------------------------------------


def test_three_hundred_lines_run_over_pages_each_headed_and_numbered() -> None:
    lines = tuple(
        percent(
            "2026-02",
            f"Client n° {n}",
            RETAINER,
            "10 %",
            f"{1000 + n}",
            str(Decimal(1000 + n) / 10),
            DUE,
        )
        for n in range(300)
    )
    pages = pdf_pages(render_statement(statement(lines=lines), FRENCH))
    count = len(pages)
    assert count >= 4
    heading = "Période Client Contrat d’apport Désignation Base HT Taux Montant HT Statut"
    running_head = FRENCH.gettext("Commission statement {range}").format(
        range=_months(FRENCH, "janvier 2026", "mars 2026")
    )
    with_lines = [page for page in pages if "Client n°" in page]
    assert pages[: count - 1] == with_lines[: count - 1]  # only the totals may go on alone
    for number, page in enumerate(pages, start=1):
        if page in with_lines:
            assert heading in page, number
        assert f"Page {number}/{count}" in page
        if number > 1:
            assert f"{running_head} — Jeanne Martin EI" in page
    text = " ".join(pages)
    assert all(f"Client n° {n} " in text for n in (0, 150, 299))
    # 300 × 100 + (0 + 0.1 + … + 29.9) = 30,000 + 4,485
    assert f"{FRENCH.gettext('Total owed for the period')} 34 485,00 €" in pages[-1]


# --- English ----------------------------------------------------------------------------------


def test_english_labels_and_formatting() -> None:
    text = _text(statement(), ENGLISH)
    for mention in (
        "Commission statement",
        "from January 2026 to March 2026",
        "Date: 05/04/2026",
        "INTRODUCER",
        "SARL with a share capital of €10,000.00",
        "Period Client Agreement Description Base excl. VAT Rate Amount excl. VAT Status",
        "January 2026 Boulangerie Dupont Apport clients 2026 15 % du CA HT €1,200.00 15% "
        "€180.00 paid",
        "12/02/2026 Hôtel Bellevue Projets ponctuels 7 % de la valeur du contrat €8,000.00 7% "
        "€560.00 invoiced",
        "-€560.00 due",
        "Total owed for the period €2,722.70",
        "Already paid €861.85",
        "Remaining to pay €1,860.85",
        "Page 1/1",
    ):
        assert mention in text, mention
    for french in ("janvier", "payée", "facturée", "Montant HT", "Contrat d’apport"):
        assert french not in text, french


# --- the file itself --------------------------------------------------------------------------


def test_rendering_twice_gives_the_same_bytes() -> None:
    assert render_statement(statement(), FRENCH) == render_statement(statement(), FRENCH)


def test_metadata_come_from_the_statement() -> None:
    reader = PdfReader(io.BytesIO(render_statement(statement(), ENGLISH)))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": "Commission statement from January 2026 to March 2026"}
    assert xmp.dc_creator == ["Conseil Durand SARL"]
    assert xmp.dc_description == {"x-default": "Commissions owed to Jeanne Martin EI"}
    assert xmp.xmp_create_date == datetime(2026, 4, 5)  # the issue date, not the clock's
