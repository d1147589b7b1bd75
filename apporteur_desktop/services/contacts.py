"""Contacts: the providers, clients and introducers of the ledger, with their legal fields.

One function per user action, each one transaction. A contact is saved whole or not at all:
every problem is found before anything is written (identifiers, e-mail, country, a name the
same kind already uses), and the refusal lists them all.

A contact's kind is part of what its agreements, introductions and invoices say (the provider
of an agreement, the client of an introduction), so it may change only while nothing uses
the contact yet; afterwards the refusal names the field ``kind``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from ..domain.enums import PartyKind
from ..domain.parties import Party
from ..domain.problems import NotFound, Problem, Refused
from ..storage import party_queries, repository
from ..validation.parties import check_party, normalised_identity
from .context import AppContext
from .listing import ListQuery, Page

KIND_FILTER = "kind"  # ListQuery.filters key: "provider", "client" or "introducer"
SORT_KEYS = party_queries.SORT_KEYS


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One line of the contacts list."""

    id: int
    kind: PartyKind
    name: str
    siret: str
    city: str
    email: str


def list_contacts(ctx: AppContext, query: ListQuery, offset: int, limit: int) -> Page[ContactRow]:
    """A page of contacts: of one kind when ``query.filters["kind"]`` says so, the text found
    in the name, SIRET, city or e-mail, sorted by ``name`` (default), ``kind``, ``city``,
    ``siret`` or ``email``."""
    kind = _kind_filter(query)
    sort = query.sort if query.sort in SORT_KEYS else "name"
    with ctx.ledger.transaction(write=False) as session:
        parties, total = party_queries.page_parties(
            session,
            kind=kind,
            like=query.like() if query.text.strip() else None,
            sort=sort,
            descending=query.descending,
            offset=max(offset, 0),
            limit=max(limit, 0),
        )
    return Page(tuple(_row(party) for party in parties), total)


def get_contact(ctx: AppContext, contact_id: int) -> Party:
    with ctx.ledger.transaction(write=False) as session:
        return repository.get_party(session, contact_id)


def create_contact(ctx: AppContext, party: Party) -> Party:
    """Add a contact (``party.id`` is ignored); returns it with its id, as stored."""
    party = _tidied(replace(party, id=None))
    with ctx.ledger.transaction() as session:
        problems = check_party(party) + _name_taken(session, party)
        if problems:
            raise Refused(problems)
        return repository.add_party(session, party)


def update_contact(ctx: AppContext, party: Party) -> Party:
    """Store every field of ``party`` over the contact with its id; returns it as stored.

    Issued invoices keep the buyer as it was when they were issued: they are never edited.
    """
    if party.id is None:
        raise NotFound("party", None)
    party = _tidied(party)
    with ctx.ledger.transaction() as session:
        before = repository.get_party(session, party.id)
        problems = check_party(party) + _name_taken(session, party)
        if party.kind != before.kind and party_queries.party_in_use(session, party.id):
            problems.append(
                Problem.of("kind", party.kind.value, "kind_locked", kind=before.kind.value)
            )
        if problems:
            raise Refused(problems)
        return party_queries.update_party(session, party)


def _kind_filter(query: ListQuery) -> PartyKind | None:
    value = query.filters.get(KIND_FILTER, "")
    if not value:
        return None
    try:
        return PartyKind(value)
    except ValueError:
        allowed = [kind.value for kind in PartyKind]
        raise Refused([Problem.of(KIND_FILTER, value, "not_one_of", allowed=allowed)]) from None


def _tidied(party: Party) -> Party:
    """The party as it should be stored: no stray spaces around what was typed (a trailing
    space would make a second « Dupont »), the country code in capitals, identifiers in
    compact form when they are valid."""
    identity = party.identity
    address = identity.address
    identity = replace(
        identity,
        name=identity.name.strip(),
        legal_form=identity.legal_form.strip(),
        registration=identity.registration.strip(),
        email=identity.email.strip(),
        address=replace(
            address,
            street=address.street.strip(),
            postcode=address.postcode.strip(),
            city=address.city.strip(),
            country=address.country.strip().upper(),
        ),
    )
    return replace(party, identity=normalised_identity(identity), notes=party.notes.strip())


def _name_taken(session: Session, party: Party) -> list[Problem]:
    """Two contacts of one kind never share a name: imports and the command find them by it."""
    if not party.name:
        return []  # « required » already says what is wrong
    other = repository.find_party(session, party.kind, party.name)
    if other is None or other.id == party.id:
        return []
    return [Problem.of("name", party.name, "already_in_ledger")]


def _row(party: Party) -> ContactRow:
    assert party.id is not None  # stored parties always have one
    return ContactRow(
        id=party.id,
        kind=party.kind,
        name=party.name,
        siret=party.identity.siret,
        city=party.identity.address.city,
        email=party.identity.email,
    )
