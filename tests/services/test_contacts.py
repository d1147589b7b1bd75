"""Contacts: saved whole or not at all, one name per kind, listed a page at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum import luhn

from apporteur_desktop.domain.enums import PartyKind
from apporteur_desktop.domain.parties import Address, LegalIdentity, Party
from apporteur_desktop.domain.problems import NotFound, Refused
from apporteur_desktop.services.contacts import (
    ContactRow,
    create_contact,
    get_contact,
    list_contacts,
    update_contact,
)
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.services.listing import ListQuery
from apporteur_desktop.storage import repository
from tests.services.invoicing_ledgers import ready_ledger

KINDS = (PartyKind.PROVIDER, PartyKind.CLIENT, PartyKind.INTRODUCER)
CITIES = ("Lyon", "Paris", "Toulouse", "Nantes", "")


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """Atelier Numérique SAS (provider, in an agreement), Paul Girard (introducer), two clients."""
    with ready_ledger(tmp_path, run_through=None) as context:
        yield context


def siret_of(number: int) -> str:
    """A valid SIRET (SIREN and SIRET check digits right) made from ``number``."""
    siren = f"{number:08d}"
    siren += luhn.calc_check_digit(siren)
    establishment = f"{siren}0001"
    return establishment + luhn.calc_check_digit(establishment)


def provider(name: str, **identity: object) -> Party:
    return Party(None, PartyKind.PROVIDER, LegalIdentity(name, **identity))  # type: ignore[arg-type]


def stored_parties(ctx: AppContext) -> list[Party]:
    with ctx.ledger.transaction(write=False) as session:
        return repository.list_parties(session)


def refusal(action: object) -> list[tuple[str, str]]:
    with pytest.raises(Refused) as refused:
        action()  # type: ignore[operator]
    return [(p.field, p.code) for p in refused.value.problems]


# --- creating -----------------------------------------------------------------------------------


def test_a_new_provider_is_stored_with_its_identifiers_in_compact_form(ctx: AppContext) -> None:
    typed = provider(
        "  Studio Lumière SARL ",
        legal_form="SARL",
        siren="732 829 320",
        siret="732 829 320 00017",
        vat_number="FR 44 732829320",
        share_capital=Decimal("5000.00"),
        address=Address("4 rue de la Paix", "44000", "Nantes", "fr"),
        email=" contact@lumiere.fr ",
    )
    created = create_contact(ctx, replace(typed, notes="Met at the Nantes fair"))
    assert created.id is not None
    assert get_contact(ctx, created.id) == created
    identity = created.identity
    assert (identity.name, identity.siren, identity.siret) == (
        "Studio Lumière SARL",
        "732829320",
        "73282932000017",
    )
    assert identity.vat_number == "FR44732829320"
    assert (identity.address.city, identity.address.country) == ("Nantes", "FR")
    assert (identity.email, identity.share_capital) == ("contact@lumiere.fr", Decimal("5000.00"))
    assert created.notes == "Met at the Nantes fair"


def test_a_name_already_used_by_the_same_kind_is_refused_not_by_another_kind(
    ctx: AppContext,
) -> None:
    before = stored_parties(ctx)
    assert refusal(lambda: create_contact(ctx, provider("Atelier Numérique SAS "))) == [
        ("name", "already_in_ledger")
    ]
    assert stored_parties(ctx) == before
    as_client = Party(None, PartyKind.CLIENT, LegalIdentity("Atelier Numérique SAS"))
    assert create_contact(ctx, as_client).kind is PartyKind.CLIENT


def test_every_problem_is_given_at_once_with_its_field_and_nothing_is_written(
    ctx: AppContext,
) -> None:
    before = stored_parties(ctx)
    bad = provider(
        "",
        siret="12345678900000",
        email="not an address",
        address=Address(country="France"),
    )
    assert sorted(refusal(lambda: create_contact(ctx, bad))) == [
        ("identity.address.country", "invalid_country"),
        ("identity.email", "invalid_email"),
        ("identity.name", "required"),
        ("identity.siret", "invalid_checksum"),
    ]
    assert stored_parties(ctx) == before


# --- changing -----------------------------------------------------------------------------------


def find(ctx: AppContext, kind: PartyKind, name: str) -> Party:
    with ctx.ledger.transaction(write=False) as session:
        party = repository.find_party(session, kind, name)
    assert party is not None
    return party


def test_a_client_moves_to_another_city(ctx: AppContext) -> None:
    client = find(ctx, PartyKind.CLIENT, "Garage Lefèvre")
    moved = replace(client.identity, address=Address("9 cours Lafayette", "69003", "Lyon"))
    saved = update_contact(ctx, replace(client, identity=moved))
    assert saved.id == client.id
    assert get_contact(ctx, client.id).identity.address.city == "Lyon"  # type: ignore[arg-type]
    assert len(stored_parties(ctx)) == 4


def test_a_change_is_refused_whole_when_one_field_is_wrong(ctx: AppContext) -> None:
    client = find(ctx, PartyKind.CLIENT, "Garage Lefèvre")
    changed = replace(
        client,
        identity=replace(client.identity, name="Boulangerie Dupont", siret="98765432400018"),
        notes="new notes",
    )
    assert sorted(refusal(lambda: update_contact(ctx, changed))) == [
        ("identity.siret", "invalid_checksum"),
        ("name", "already_in_ledger"),
    ]
    assert get_contact(ctx, client.id) == client  # type: ignore[arg-type]
    # Keeping its own name is no clash.
    assert update_contact(ctx, replace(client, notes="pays late")).notes == "pays late"


def test_the_kind_changes_only_while_nothing_uses_the_contact(ctx: AppContext) -> None:
    unused = find(ctx, PartyKind.CLIENT, "Garage Lefèvre")
    assert update_contact(ctx, replace(unused, kind=PartyKind.PROVIDER)).kind is PartyKind.PROVIDER
    used = find(ctx, PartyKind.PROVIDER, "Atelier Numérique SAS")  # the agreement's provider
    assert refusal(lambda: update_contact(ctx, replace(used, kind=PartyKind.CLIENT))) == [
        ("kind", "kind_locked")
    ]
    client = find(ctx, PartyKind.CLIENT, "Boulangerie Dupont")  # an introduction's client
    assert refusal(lambda: update_contact(ctx, replace(client, kind=PartyKind.INTRODUCER))) == [
        ("kind", "kind_locked")
    ]
    assert get_contact(ctx, used.id).kind is PartyKind.PROVIDER  # type: ignore[arg-type]


def test_an_unknown_contact_cannot_be_changed(ctx: AppContext) -> None:
    with pytest.raises(NotFound):
        update_contact(ctx, replace(provider("Nobody"), id=9999))
    with pytest.raises(NotFound):
        update_contact(ctx, provider("Nobody"))  # never saved: no id
    with pytest.raises(NotFound):
        get_contact(ctx, 9999)


# --- listing ------------------------------------------------------------------------------------


@pytest.fixture
def crowded(ctx: AppContext) -> AppContext:
    """300 more contacts: kinds and cities in turn, every third one without a SIRET."""
    parties = []
    for n in range(300):
        party: dict[str, object] = {
            "kind": KINDS[n % 3].value,
            "name": f"Contact {n:03d}",
            "address": {"city": CITIES[n % 5]},
            "email": f"contact{n:03d}@example.fr",
        }
        if n % 3 != 2:
            party["siret"] = siret_of(10_000_000 + n)
        parties.append(party)
    content = {"format": "apporteur-ledger", "version": 1, "parties": parties, "agreements": []}
    import_ledger(ctx, json.dumps(content))
    return ctx


def names(rows: tuple[ContactRow, ...]) -> list[str]:
    return [row.name for row in rows]


def test_pages_follow_one_another_without_gaps_or_repeats(crowded: AppContext) -> None:
    query = ListQuery()
    pages = [list_contacts(crowded, query, offset, 100) for offset in (0, 100, 200, 300)]
    assert {page.total for page in pages} == {304}
    listed = [name for page in pages for name in names(page.rows)]
    assert len(listed) == 304 and len(set(listed)) == 304
    assert listed == sorted(listed, key=str.casefold)  # by name, by default
    assert list_contacts(crowded, query, 400, 100).rows == ()


def test_the_kind_filter_and_the_text_filter_narrow_the_list(crowded: AppContext) -> None:
    providers = list_contacts(crowded, ListQuery(filters={"kind": "provider"}), 0, 500)
    assert providers.total == 101  # 100 made here and Atelier Numérique SAS
    assert {row.kind for row in providers.rows} == {PartyKind.PROVIDER}
    toulouse = list_contacts(crowded, ListQuery(text="toulouse"), 0, 500)
    assert toulouse.total == 61  # 60 made here and Paul Girard
    assert {row.city for row in toulouse.rows} == {"Toulouse"}
    both = ListQuery(text="TOULOUSE", filters={"kind": "client"})
    assert list_contacts(crowded, both, 0, 500).total == 20
    by_mail = list_contacts(crowded, ListQuery(text="contact042@"), 0, 10)
    assert names(by_mail.rows) == ["Contact 042"]
    spaced = siret_of(10_000_007)
    typed = f"{spaced[:3]} {spaced[3:6]} {spaced[6:9]} {spaced[9:]}"
    assert names(list_contacts(crowded, ListQuery(text=typed), 0, 10).rows) == ["Contact 007"]


def test_like_wildcards_typed_in_the_filter_are_taken_literally(crowded: AppContext) -> None:
    assert list_contacts(crowded, ListQuery(text="%"), 0, 10).total == 0
    assert list_contacts(crowded, ListQuery(text="Contact_0"), 0, 10).total == 0


def test_the_list_sorts_by_each_column_both_ways(crowded: AppContext) -> None:
    down = list_contacts(crowded, ListQuery(sort="name", descending=True), 0, 3)
    assert names(down.rows) == ["Paul Girard", "Garage Lefèvre", "Contact 299"]
    by_kind = list_contacts(crowded, ListQuery(sort="kind"), 0, 400).rows
    assert [row.kind.value for row in by_kind] == sorted(row.kind.value for row in by_kind)
    by_city = list_contacts(crowded, ListQuery(sort="city"), 0, 400).rows
    cities = [row.city for row in by_city]
    assert cities[0] == "Lyon" and cities[-1] == ""  # the contacts without a city come last
    filled = [city for city in cities if city]
    assert filled == sorted(filled)
    down_query = ListQuery(sort="city", descending=True)
    city_down = [row.city for row in list_contacts(crowded, down_query, 0, 400).rows]
    assert city_down[0] == "Toulouse" and city_down[-1] == ""
    by_siret = list_contacts(crowded, ListQuery(sort="siret"), 0, 400).rows
    sirets = [row.siret for row in by_siret]
    assert sirets[-1] == "" and sirets.index("") == 202  # 200 made here, Atelier, Girard
    assert sirets[:202] == sorted(sirets[:202])


def test_an_unknown_kind_filter_is_refused(crowded: AppContext) -> None:
    assert refusal(
        lambda: list_contacts(crowded, ListQuery(filters={"kind": "supplier"}), 0, 10)
    ) == [("kind", "not_one_of")]
