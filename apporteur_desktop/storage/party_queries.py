"""Parties a page at a time (the contacts list), and changing a party in place.

A page is one ``COUNT`` and one ``ORDER BY … LIMIT/OFFSET`` select: a ledger with thousands
of contacts never loads them all. Like every storage function, these take the caller's
``Session`` and never commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, case, exists, func, or_, select
from sqlalchemy.orm import Session

from apporteur_desktop.domain.enums import PartyKind
from apporteur_desktop.domain.parties import Party
from apporteur_desktop.domain.problems import NotFound

from .mapping import party_from_row, party_values
from .models import AgreementRow, IntroductionRow, InvoiceRow, PartyRow

# The orders a list can ask for. Texts compare without case; an empty city, SIRET or e-mail
# goes last, so the contacts that have one come first whichever way the user sorts.
SORT_KEYS = ("name", "kind", "city", "siret", "email")


def page_parties(
    session: Session,
    *,
    kind: PartyKind | None = None,
    like: str | None = None,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> tuple[list[Party], int]:
    """The parties of ``kind`` (all when None) whose name, SIRET, city or e-mail matches the
    SQL LIKE pattern ``like`` (escaped with ``\\``), in ``sort`` order, from ``offset``; and
    how many match in all."""
    query: Select[Any] = select(PartyRow)
    if kind is not None:
        query = query.where(PartyRow.kind == kind)
    if like is not None and like.strip("%"):
        query = query.where(_matches(like))
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    ordered = query.order_by(*_order(sort, descending)).offset(offset).limit(limit)
    rows = session.execute(ordered).scalars()
    return [party_from_row(row) for row in rows], int(total)


def party_names(session: Session, kind: PartyKind) -> list[tuple[int, str]]:
    """The id and name of every party of ``kind``, unordered: what a choice among them shows.
    Whole parties are not read: a form offers them all, over a thousand in a large ledger."""
    query = select(PartyRow.id, PartyRow.name).where(PartyRow.kind == kind)
    return [(party_id, name) for party_id, name in session.execute(query)]


def _matches(like: str) -> Any:
    # SIRETs are stored compact: « 987 654 » typed as the paper shows it must still find one.
    compact = like.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    return or_(
        PartyRow.name.like(like, escape="\\"),
        PartyRow.city.like(like, escape="\\"),
        PartyRow.email.like(like, escape="\\"),
        PartyRow.siret.like(compact, escape="\\"),
    )


def _order(sort: str, descending: bool) -> list[Any]:
    name = PartyRow.name.collate("NOCASE")
    columns: dict[str, Any] = {
        "name": name,
        "kind": PartyRow.kind,
        "city": PartyRow.city.collate("NOCASE"),
        "siret": PartyRow.siret,
        "email": PartyRow.email.collate("NOCASE"),
    }
    column = columns.get(sort, name)
    first = column.desc() if descending else column.asc()
    order = [first, name.asc(), PartyRow.id.asc()]
    if sort in ("city", "siret", "email"):
        order.insert(0, case((column == "", 1), else_=0))
    return order


def update_party(session: Session, party: Party) -> Party:
    """Store every field of ``party`` over the row with its id."""
    row = session.get(PartyRow, party.id) if party.id is not None else None
    if row is None:
        raise NotFound("party", party.id)
    for name, value in party_values(party).items():
        setattr(row, name, value)
    session.flush()
    return party_from_row(row)


def party_in_use(session: Session, party_id: int) -> bool:
    """Whether an agreement, an introduction or an invoice names the party: its kind is then
    part of what those say (the provider of an agreement, the client of an introduction)."""
    used = (
        exists().where(AgreementRow.counterparty_id == party_id),
        exists().where(IntroductionRow.client_id == party_id),
        exists().where(InvoiceRow.counterparty_id == party_id),
    )
    return any(session.execute(select(test)).scalar_one() for test in used)
