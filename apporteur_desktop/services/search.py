"""The global search (Ctrl+K): contacts, introductions, agreements and invoices matching a text.

A few hits of each kind, grouped by kind, each with the view that shows it and the item's id,
so the window can open it. Matching is the SQL LIKE of ``storage.search_queries``: anywhere
in the searched columns, ignoring the case of ASCII letters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil
from typing import Any

from ..domain.enums import Direction
from ..domain.invoices import DocumentKind, state_of
from ..formatting import date_text, money_text
from ..i18n import N_, Translator
from ..storage import search_queries as queries
from .context import AppContext
from .invoice_views import STATE_NAMES
from .listing import ListQuery
from .wording import name_of

# The kinds in the order the results show them, with the word that labels each hit.
KIND_LABELS: Mapping[str, str] = {
    "contacts": N_("Contact"),
    "introductions": N_("Introduction"),
    "agreements": N_("Agreement"),
    "invoices": N_("Invoice"),
}
DIRECTION_NAMES: Mapping[Direction, str] = {
    Direction.EARNED: N_("Earned (owed to me)"),
    Direction.OWED: N_("Owed (I pay)"),
}
DOCUMENT_NAMES: Mapping[DocumentKind, str] = {
    DocumentKind.INVOICE: N_("invoice"),
    DocumentKind.CREDIT_NOTE: N_("credit note"),
}
SEPARATOR = " · "
EXCERPT = 60  # characters of the notes shown around what matched


@dataclass(frozen=True, slots=True)
class SearchHit:
    view_key: str  # "contacts", "introductions", "agreements" or "invoices"
    item_id: int
    title: str
    detail: str


def search(ctx: AppContext, text: str, limit: int = 30) -> list[SearchHit]:
    """At most ``limit`` hits for ``text``, grouped by kind; the kinds share the room, and
    what one kind leaves unused goes to the others."""
    wanted = text.strip()
    if not wanted or limit <= 0:
        return []
    pattern = ListQuery(wanted).like()
    finders: Sequence[Callable[[Any, str, int], list[Any]]] = (
        queries.find_contacts,
        queries.find_introductions,
        queries.find_agreements,
        queries.find_invoices,
    )
    with ctx.ledger.transaction(write=False) as session:
        found = [find(session, pattern, limit) for find in finders]
    counts = _share(limit, [len(matches) for matches in found])
    tr, today = ctx.translator, ctx.clock.today()
    hits: list[SearchHit] = []
    for matches, count in zip(found, counts, strict=True):
        hits += [_hit(tr, match, wanted, today) for match in matches[:count]]
    return hits


def _share(limit: int, available: list[int]) -> list[int]:
    """How many hits of each kind to show: an equal share first, then the room left over
    to the kinds that have more, in their order."""
    share = ceil(limit / len(available))
    counts = [min(share, n) for n in available]
    room = limit - sum(counts)
    for index, n in enumerate(available):
        extra = min(room, n - counts[index])
        counts[index] += extra
        room -= extra
    return counts


Match = (
    queries.ContactMatch | queries.IntroductionMatch | queries.AgreementMatch | queries.InvoiceMatch
)


def _hit(tr: Translator, match: Match, wanted: str, today: date) -> SearchHit:
    if isinstance(match, queries.ContactMatch):
        return _contact(tr, match)
    if isinstance(match, queries.IntroductionMatch):
        return _introduction(tr, match, wanted)
    if isinstance(match, queries.AgreementMatch):
        return SearchHit(
            "agreements",
            match.id,
            match.name,
            SEPARATOR.join([match.counterparty, tr.gettext(DIRECTION_NAMES[match.direction])]),
        )
    return _invoice(tr, match, today)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _contact(tr: Translator, match: queries.ContactMatch) -> SearchHit:
    parts = [_capital(name_of(tr, match.kind.value)), match.city, match.email]
    if match.siret:
        parts.append(f"SIRET {_spaced_siret(match.siret)}")
    return SearchHit("contacts", match.id, match.name, SEPARATOR.join(p for p in parts if p))


def _spaced_siret(siret: str) -> str:
    """« 123 456 789 00012 », as on a Kbis; anything else as stored."""
    if len(siret) != 14 or not siret.isdigit():
        return siret
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


def _introduction(tr: Translator, match: queries.IntroductionMatch, wanted: str) -> SearchHit:
    parts = [
        match.agreement,
        tr.gettext("introduced on {date}").format(date=date_text(match.introduced_on, tr.language)),
    ]
    at = match.notes.casefold().find(wanted.casefold())
    if at >= 0:
        parts.append(_excerpt(match.notes, at, len(wanted)))
    return SearchHit("introductions", match.id, match.client, SEPARATOR.join(parts))


def _excerpt(notes: str, at: int, length: int) -> str:
    """The part of the notes around what matched, on one line."""
    start = max(0, at - (EXCERPT - length) // 2)
    if start > 0:  # from the start of a word
        space = notes.find(" ", start, at)
        start = space + 1 if space >= 0 else at
    piece = " ".join(notes[start : start + EXCERPT].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + EXCERPT < len(notes) else "")


def _invoice(tr: Translator, match: queries.InvoiceMatch, today: date) -> SearchHit:
    state = tr.gettext(STATE_NAMES[state_of(match.status, match.due_on, today)])
    title = match.number or match.their_number or _capital(state)
    parts = [
        _capital(tr.gettext(DOCUMENT_NAMES[match.kind])),
        match.counterparty,
        state,
        money_text(match.gross_total, tr.language),
    ]
    if match.issued_on is not None:
        parts.append(date_text(match.issued_on, tr.language))
    return SearchHit("invoices", match.id, title, SEPARATOR.join(parts))
