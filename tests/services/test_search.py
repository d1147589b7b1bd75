"""The global search: contacts, introductions, agreements and invoices matching a text."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from apporteur_desktop.domain.enums import PartyKind
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.parties import LegalIdentity, Party
from apporteur_desktop.domain.pipeline import Introduction
from apporteur_desktop.services import invoicing
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.search import SearchHit, search
from apporteur_desktop.storage import repository
from apporteur_desktop.storage.snapshots import save_snapshot
from tests.services.invoicing_ledgers import (
    MARCH,
    PROVIDER,
    agreement,
    ledger_file,
    ready_ledger,
)


def _content() -> dict[str, Any]:
    atelier = agreement("Atelier")
    atelier["introductions"][0]["notes"] = "Met at the Lyon fair; wants 100% remote_work"
    studio = agreement(
        "Studio 50% Lumière", counterparty="Studio Lumière SARL", client="Garage Lefèvre"
    )
    parties = [
        {**PROVIDER, "email": "contact@atelier-numerique.fr"},
        {**PROVIDER, "name": "Studio Lumière SARL", "siren": "732829320"}
        | {"siret": "73282932000017"},
        {"kind": "client", "name": "Boulangerie Dupont", "address": {"city": "Lyon"}},
        {"kind": "client", "name": "Garage Lefèvre"},
        {"kind": "client", "name": "Pâtisserie Dupontel"},
    ]
    return ledger_file([atelier, studio], parties=parties)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with ready_ledger(tmp_path, _content(), language="en") as context:
        invoicing.issue_for_period(context, MARCH, "Atelier Numérique SAS")
        yield context


def _found(hits: list[SearchHit]) -> list[tuple[str, str]]:
    return [(hit.view_key, hit.title) for hit in hits]


def _id_of_party(ctx: AppContext, name: str) -> int:
    with ctx.ledger.transaction(write=False) as session:
        return next(p.id or 0 for p in repository.list_parties(session) if p.name == name)


def test_a_name_finds_the_contact_its_introductions_agreements_and_invoices(
    ctx: AppContext,
) -> None:
    hits = search(ctx, "atelier")  # any case
    assert _found(hits) == [
        ("contacts", "Atelier Numérique SAS"),
        ("agreements", "Atelier"),
        ("invoices", "2026-0001"),
    ]
    contact, agreement_hit, invoice = hits
    assert contact.item_id == _id_of_party(ctx, "Atelier Numérique SAS")
    assert (
        contact.detail
        == "Provider · Paris · contact@atelier-numerique.fr · SIRET 987 654 324 00019"
    )
    assert agreement_hit.detail == "Atelier Numérique SAS · Earned (owed to me)"
    assert invoice.detail.startswith("Invoice · Atelier Numérique SAS · issued · €200.00")


def test_clients_lead_to_their_introductions(ctx: AppContext) -> None:
    hits = search(ctx, "DUPONT")
    # Names that start with the text come first.
    assert _found(hits) == [
        ("contacts", "Boulangerie Dupont"),
        ("contacts", "Pâtisserie Dupontel"),
        ("introductions", "Boulangerie Dupont"),
    ]
    introduction = hits[2]
    assert introduction.detail == "Atelier · introduced on 20/01/2026"
    with ctx.ledger.transaction(write=False) as session:
        (dupont,) = [
            i
            for i in repository.list_introductions(session)
            if i.client_id == _id_of_party(ctx, "Boulangerie Dupont")
        ]
    assert introduction.item_id == dupont.id


def test_notes_siret_email_and_numbers_are_searched(ctx: AppContext) -> None:
    (note,) = search(ctx, "lyon fair")
    assert note.view_key == "introductions"
    assert "Met at the Lyon fair" in note.detail
    assert _found(search(ctx, "732 829")) == [("contacts", "Studio Lumière SARL")]
    assert _found(search(ctx, "@atelier-num")) == [("contacts", "Atelier Numérique SAS")]
    assert _found(search(ctx, "2026-00")) == [("invoices", "2026-0001")]


def test_like_wildcards_are_taken_literally(ctx: AppContext) -> None:
    assert _found(search(ctx, "50%")) == [("agreements", "Studio 50% Lumière")]
    assert _found(search(ctx, "100%")) == [("introductions", "Boulangerie Dupont")]
    assert _found(search(ctx, "e_w")) == [("introductions", "Boulangerie Dupont")]
    assert search(ctx, "%_") == []
    assert search(ctx, "   ") == []


def test_the_kinds_share_the_room(ctx: AppContext) -> None:
    hits = search(ctx, "e", limit=4)
    assert len(hits) == 4
    assert {hit.view_key for hit in hits} == {"contacts", "introductions", "agreements", "invoices"}
    # What a kind leaves unused goes to the others.
    assert [hit.view_key for hit in search(ctx, "Dupont", limit=4)] == [
        "contacts",
        "contacts",
        "introductions",
    ]
    assert [hit.view_key for hit in search(ctx, "Dupont", limit=2)] == [
        "contacts",
        "introductions",
    ]


def test_it_stays_fast_with_ten_thousand_introductions(tmp_path: Path) -> None:
    with ready_ledger(tmp_path, run_through=None) as ctx:
        with ctx.ledger.transaction() as session:
            atelier = repository.find_agreement_by_name(session, "Atelier")
            assert atelier is not None and atelier.id is not None
            clients = [
                Party(n + 100, PartyKind.CLIENT, LegalIdentity(name=f"Client {n:05d}"))
                for n in range(2000)
            ]
            introductions = [
                Introduction(
                    n + 100,
                    atelier.id,
                    clients[n % 2000].id or 0,
                    date(2026, 1, 1),
                    notes=f"note {n}",
                )
                for n in range(10_000)
            ]
            # The snapshot's own provider and agreement: ids in a snapshot are its own.
            provider = Party(99, PartyKind.PROVIDER, LegalIdentity(name="Bulk Provider"))
            bulk = replace(atelier, name="Bulk", counterparty_id=99)
            snapshot = LedgerSnapshot(
                None,
                parties=(provider, *clients),
                agreements=(bulk,),
                introductions=tuple(introductions),
            )
            save_snapshot(session, snapshot, repository.next_change_seq(session))
        started = time.perf_counter()
        hits = search(ctx, "client 0199")
        elapsed = time.perf_counter() - started
        assert ("contacts", "Client 01999") in _found(hits)
        assert len(hits) == 30
        assert elapsed < 0.5, elapsed
        assert json.dumps([hit.title for hit in hits])  # plain values, ready for any front end
