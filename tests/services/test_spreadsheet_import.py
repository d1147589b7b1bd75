"""Importing a spreadsheet: each target, every problem at its row and column, all or nothing.

The ledger is the invoicing one (``ready_ledger``): the agreement « Atelier » with Atelier
Numérique SAS, the client Boulangerie Dupont introduced on 20 January 2026 with a long-term
engagement « retainer » from 1 March and 1,000 € of confirmed March revenue; Garage Lefèvre is
a client never introduced.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from apporteur_desktop.domain.enums import (
    EngagementKind,
    IntroductionStatus,
    PartyKind,
    RevenueStatus,
)
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.pipeline import Engagement
from apporteur_desktop.domain.problems import Problem, Refused
from apporteur_desktop.exchange.spreadsheet import Table
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.pipeline import record_engagement
from apporteur_desktop.services.spreadsheet_import import (
    apply_import,
    guess_mapping,
    preview_import,
    problem_place,
    word_import_done,
    word_row_problem,
)
from apporteur_desktop.storage import repository
from tests.services.invoicing_ledgers import ready_ledger


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with ready_ledger(tmp_path, run_through=None, language="en") as context:
        yield context


def table(text: str) -> Table:
    """A table written as a semicolon CSV, one line per row, the headings first."""
    lines = [line.split(";") for line in text.strip().splitlines()]
    width = len(lines[0])
    return Table(tuple(lines[0]), tuple(tuple((r + [""] * width)[:width]) for r in lines[1:]))


def guessed(target: str, sheet: Table) -> dict[str, int | None]:
    return guess_mapping(target, sheet.headers)


def counts(ctx: AppContext) -> dict[str, int]:
    with ctx.ledger.transaction(write=False) as session:
        return repository.count_entities(session)


def places(problems: tuple[Problem, ...] | list[Problem]) -> list[tuple[int | None, str, str]]:
    """(row, column heading, code) of each problem, in the order given."""
    return [(problem_place(p)[0], p.params.get("column", ""), p.code) for p in problems]


def refused(ctx: AppContext, target: str, sheet: Table) -> list[Problem]:
    before = counts(ctx)
    with pytest.raises(Refused) as refusal:
        apply_import(ctx, target, sheet, guessed(target, sheet))
    assert counts(ctx) == before  # nothing written
    return refusal.value.problems


# --- the mapping -----------------------------------------------------------------------------


def test_the_mapping_is_guessed_from_french_headings():
    headers = (
        "Raison sociale",
        "N° SIRET",
        "Adresse e-mail",
        "Adresse",
        "Code postal",
        "Pays",
        "EI",
    )
    mapping = guess_mapping("contacts", headers)
    assert mapping["name"] == 0
    assert mapping["siret"] == 1
    assert (mapping["email"], mapping["street"], mapping["postcode"]) == (2, 3, 4)
    assert (mapping["country"], mapping["sole_trader"]) == (5, 6)
    assert mapping["siren"] is None and mapping["kind"] is None

    revenue = ("Client", "Contrat d'apport", "Contrat client", "Mois", "Chiffre d'affaires HT")
    assert guess_mapping("revenue", revenue) == {
        "client": 0,
        "agreement": 1,
        "introduced_on": None,
        "engagement": 2,
        "month": 3,
        "amount": 4,
        "status": None,
        "note": None,
    }
    engagements = ("Nom du client", "Contrat", "Type", "Date de début", "Date de fin", "Montant HT")
    mapping = guess_mapping("engagements", engagements)
    assert [mapping[k] for k in ("client", "agreement", "kind", "start", "end", "amount")] == [
        0,
        1,
        2,
        3,
        4,
        5,
    ]


def test_a_required_field_without_a_column_is_a_problem_of_the_mapping(ctx: AppContext):
    sheet = table("Nom;Ville\nStudio Nord;Lyon")
    mapping = guessed("contacts", sheet) | {"name": None}
    preview = preview_import(ctx, "contacts", sheet, mapping)
    assert not preview.ready
    assert [(p.field, p.code) for p in preview.problems] == [("name", "no_column")]
    assert word_row_problem(ctx.translator, "contacts", preview.problems[0]) == (
        "Name: choose the column that holds it"
    )
    with pytest.raises(Refused):
        apply_import(ctx, "contacts", sheet, mapping)


def test_a_sheet_with_headings_only_has_nothing_to_import(ctx: AppContext):
    sheet = table("Nom;Ville")
    preview = preview_import(ctx, "contacts", sheet, guessed("contacts", sheet))
    assert [p.code for p in preview.problems] == ["no_rows"]
    assert refused(ctx, "contacts", sheet)[0].code == "no_rows"


# --- contacts --------------------------------------------------------------------------------

CONTACTS = """
Type;Raison sociale;EI;SIRET;Adresse;Code postal;Ville;Pays;Courriel
prestataire;Studio Nord;non;987 654 324 00019;2 rue Neuve;1000;Bourg;France;contact@studio.fr
;Marie Petit;oui;;;;;;
"""


def test_contacts_are_imported_with_their_identity_and_address(ctx: AppContext):
    sheet = table(CONTACTS)
    preview = preview_import(ctx, "contacts", sheet, guessed("contacts", sheet))
    assert preview.ready, preview.problems
    assert [row.number for row in preview.rows] == [2, 3]
    shown = dict(zip((f.key for f in preview.fields), preview.rows[0].cells, strict=True))
    assert shown["kind"] == "provider"
    assert shown["postcode"] == "01000"  # the zero a spreadsheet drops, put back
    assert preview.rows[1].cells[0] == "client"  # the kind when none is given

    done = apply_import(ctx, "contacts", sheet, guessed("contacts", sheet))
    assert done.counts["contacts"] == 2
    with ctx.ledger.transaction(write=False) as session:
        studio = repository.find_party(session, PartyKind.PROVIDER, "Studio Nord")
        marie = repository.find_party(session, PartyKind.CLIENT, "Marie Petit")
    assert studio is not None and marie is not None
    assert studio.identity.siret == "98765432400019"
    assert studio.identity.address.postcode == "01000"
    assert studio.identity.address.country == "FR"
    assert studio.identity.email == "contact@studio.fr"
    assert (studio.identity.sole_trader, marie.identity.sole_trader) == (False, True)


def test_one_bad_contact_row_imports_nothing_and_every_problem_names_its_row_and_column(
    ctx: AppContext,
):
    sheet = table(
        """
Nom;SIRET;Courriel;EI;Type
Studio Nord;;;;prestataire
Boulangerie Dupont;;;;client
Atelier Sud;123;pas-un-mail;peut-être;
;;;;
Studio Nord;;;;Prestataire
Cabinet;;;;fournisseur de rêves
"""
    )
    problems = refused(ctx, "contacts", sheet)
    assert places(problems) == [
        (3, "Nom", "already_in_ledger"),
        (4, "SIRET", "invalid_length"),
        (4, "Courriel", "invalid_email"),
        (4, "EI", "not_yes_no"),
        (6, "Nom", "duplicate_name"),  # the ledger's own rule: one provider of that name
        (7, "Type", "not_one_of"),
    ]
    words = [word_row_problem(ctx.translator, "contacts", p) for p in problems]
    assert words[1] == "Row 4, column « SIRET »: 123 has the wrong length for a SIRET"
    assert words[3] == "Row 4, column « EI »: peut-être is neither yes nor no"


# --- introductions ---------------------------------------------------------------------------


def test_introductions_create_the_clients_they_name_once(ctx: AppContext):
    sheet = table(
        """
Client;Contrat;Date de mise en relation;Statut;Commentaire
Fleuriste Rose;atelier;15/02/2026;qualifiée;salon de février
Garage Lefèvre;Atelier;2026-02-20;;
fleuriste  rose;Atelier;01/03/2026;perdu;
"""
    )
    preview = preview_import(ctx, "introductions", sheet, guessed("introductions", sheet))
    assert preview.ready, preview.problems
    assert [n.code for n in preview.notices] == ["client_created"]

    done = apply_import(ctx, "introductions", sheet, guessed("introductions", sheet))
    assert (done.counts["introductions"], done.counts["clients"]) == (3, 1)
    with ctx.ledger.transaction(write=False) as session:
        rose = repository.find_party(session, PartyKind.CLIENT, "Fleuriste Rose")
        assert rose is not None
        introductions = repository.list_introductions(session)[-3:]
    first, garage, again = introductions
    assert first.client_id == again.client_id == rose.id
    assert (first.introduced_on, first.status, first.qualified_on) == (
        date(2026, 2, 15),
        IntroductionStatus.QUALIFIED,
        date(2026, 2, 15),
    )
    assert first.notes == "salon de février"
    assert garage.status is IntroductionStatus.INTRODUCED and garage.history == ()
    assert again.status is IntroductionStatus.LOST


def test_bad_introduction_rows_are_all_listed_and_nothing_is_created(ctx: AppContext):
    sheet = table(
        """
Client;Contrat;Date;Statut;Date du statut
Fleuriste Rose;Ateleir;15/02/2026;;
Garage Lefèvre;Atelier;12/x;;
Boulangerie Dupont;Atelier;20/01/2026;;
Garage Lefèvre;Atelier;01/03/2026;qualifié;01/02/2026
Garage Lefèvre;Atelier;01/03/2026;;
"""
    )
    problems = refused(ctx, "introductions", sheet)
    assert places(problems) == [
        (2, "Contrat", "unknown_agreement"),
        (3, "Date", "invalid_date"),
        (4, "Client", "introduction_recorded"),
        (5, "Date du statut", "date_before_minimum"),  # the ledger's rule on steps
        (6, "Client", "same_as_row"),
    ]
    assert problems[0].params["suggestion"] == "Atelier"
    with ctx.ledger.transaction(write=False) as session:
        assert repository.find_party(session, PartyKind.CLIENT, "Fleuriste Rose") is None


# --- engagements -----------------------------------------------------------------------------


def test_engagements_go_to_the_clients_latest_introduction_under_the_agreement(ctx: AppContext):
    intros = table(
        "Client;Contrat;Date\nGarage Lefèvre;Atelier;01/02/2026\nGarage Lefèvre;Atelier;01/04/2026"
    )
    apply_import(ctx, "introductions", intros, guessed("introductions", intros))
    sheet = table(
        """
Client;Contrat;Date de mise en relation;Type;Début;Fin;Montant;Libellé
Garage Lefèvre;Atelier;;essai;01/04/2026;30/04/2026;800;essai avril
Garage Lefèvre;Atelier;01/02/2026;ponctuel;10/02/2026;;5 000,00 €;audit
Boulangerie Dupont;Atelier;;ponctuel;10/06/2026;;50000;site web
"""
    )
    done = apply_import(ctx, "engagements", sheet, guessed("engagements", sheet))
    assert done.counts["engagements"] == 3
    with ctx.ledger.transaction(write=False) as session:
        garage = repository.find_party(session, PartyKind.CLIENT, "Garage Lefèvre")
        by_date = {
            i.introduced_on: i
            for i in repository.list_introductions(session)
            if garage and i.client_id == garage.id
        }
        april = repository.list_engagements(session, by_date[date(2026, 4, 1)].id)
        february = repository.list_engagements(session, by_date[date(2026, 2, 1)].id)
        dupont = repository.list_engagements(session, 1)
    assert [(e.kind, e.start, e.end, e.amount, e.label) for e in april] == [
        (EngagementKind.TRIAL, date(2026, 4, 1), date(2026, 4, 30), Decimal("800"), "essai avril")
    ]
    assert [(e.kind, e.amount) for e in february] == [(EngagementKind.ONE_OFF, Decimal("5000.00"))]
    assert [e.label for e in dupont] == ["retainer", "site web"]


def test_bad_engagement_rows_are_refused_by_the_ledgers_own_rules_too(ctx: AppContext):
    sheet = table(
        """
Client;Contrat;Type;Début;Fin;Montant;Libellé
Boulangerie Dupont;Atelier;ponctuel;01/05/2026;01/04/2026;100;audit
Boulangerie Dupont;Atelier;ponctuel;01/06/2026;;12,345;retainer
Boulangerie Dupont;Atelier;long terme;01/03/2026;;1200;
Garage Lefèvre;Atelier;essai;01/03/2026;;;
Inconnu SARL;Atelier;abonnement;01/03/2026;;;
Boulangerie Dupont;Atelier;mensuel;01/05/2026;;;
"""
    )
    problems = refused(ctx, "engagements", sheet)
    assert places(problems) == [
        (2, "Fin", "date_before_minimum"),
        (3, "Montant", "too_many_decimals"),
        (3, "Libellé", "duplicate_label"),  # « retainer » is already an engagement of it
        (4, "Début", "engagement_recorded"),
        (5, "Client", "no_introduction"),
        (6, "Client", "unknown_client"),
    ]


def test_a_long_term_engagement_the_agreement_does_not_cover_comes_with_a_warning(
    tmp_path: Path,
):
    with ready_ledger(tmp_path, run_through=None, language="en") as ctx:
        intros = table("Client;Contrat;Date\nGarage Lefèvre;Atelier;01/02/2026")
        apply_import(ctx, "introductions", intros, guessed("introductions", intros))
        # Four months after the trial: too late to be its conversion, and the rights' clock
        # started with the trial, so it earns only inside those months (a warning, no refusal).
        sheet = table(
            "Client;Contrat;Type;Début;Fin\n"
            "Garage Lefèvre;Atelier;essai;01/02/2026;28/02/2026\n"
            "Garage Lefèvre;Atelier;long terme;01/03/2027;"
        )
        preview = preview_import(ctx, "engagements", sheet, guessed("engagements", sheet))
        assert preview.ready
        assert [(n.code, n.params["row"]) for n in preview.notices] == [("after_rights", 3)]
        done = apply_import(ctx, "engagements", sheet, guessed("engagements", sheet))
        assert [n.code for n in done.notices] == ["after_rights"]


# --- revenue ---------------------------------------------------------------------------------


def test_monthly_revenue_goes_to_the_engagement_running_that_month(ctx: AppContext):
    sheet = table(
        """
Client;Contrat;Mois;CA HT;Statut
Boulangerie Dupont;Atelier;avril 2026;1 100,00 €;
Boulangerie Dupont;Atelier;05/2026;1200;estimé
Boulangerie Dupont;Atelier;2026-03;950;confirmé
"""
    )
    done = apply_import(ctx, "revenue", sheet, guessed("revenue", sheet))
    assert done.counts["revenue"] == 3
    with ctx.ledger.transaction(write=False) as session:
        revenue = repository.list_revenue(session, 1)
    assert [(r.period, r.amount, r.status) for r in revenue[1:]] == [
        (Period(2026, 4), Decimal("1100.00"), RevenueStatus.CONFIRMED),
        (Period(2026, 5), Decimal("1200"), RevenueStatus.ESTIMATED),
        (Period(2026, 3), Decimal("950"), RevenueStatus.CONFIRMED),
    ]


def test_revenue_rows_that_fit_no_engagement_or_several_are_refused(ctx: AppContext):
    record_engagement(
        ctx,
        Engagement(None, 1, EngagementKind.ONE_OFF, date(2026, 4, 1), label="site web"),
    )
    sheet = table(
        """
Client;Contrat;Contrat client;Mois;Montant;Statut
Boulangerie Dupont;Atelier;retainer;04/2026;1000;
Boulangerie Dupont;Atelier;;04/2026;500;
Boulangerie Dupont;Atelier;formation;04/2026;500;
Boulangerie Dupont;Atelier;retainer;03/2026;900;estimé
Boulangerie Dupont;Atelier;site web;13/2026;12,x;
"""
    )
    problems = refused(ctx, "revenue", sheet)
    assert places(problems) == [
        (3, "Contrat client", "ambiguous_engagement"),
        (4, "Contrat client", "no_engagement"),
        (5, "Statut", "estimate_after_confirmed"),  # the ledger's rule on revisions
        (6, "Mois", "invalid_period"),
        (6, "Montant", "invalid_number"),
    ]
    assert word_row_problem(ctx.translator, "revenue", problems[0]) == (
        "Row 3, column « Contrat client »: several engagements of « Boulangerie Dupont » fit: "
        "name one of retainer, site web"
    )


def test_the_import_checks_again_when_it_writes(ctx: AppContext):
    sheet = table("Nom;Type\nStudio Nord;prestataire")
    mapping = guessed("contacts", sheet)
    assert preview_import(ctx, "contacts", sheet, mapping).ready
    apply_import(ctx, "contacts", sheet, mapping)  # someone imports it meanwhile
    problems = refused(ctx, "contacts", sheet)
    assert places(problems) == [(2, "Nom", "already_in_ledger")]


def test_what_was_imported_is_said_with_its_counts():
    tr = Translator("en")
    assert word_import_done(tr, {"introductions": 3, "clients": 1, "contacts": 0}) == (
        "Imported: 3 introductions, 1 new client."
    )
    assert word_import_done(tr, {"revenue": 1}) == "Imported: 1 month of revenue."
