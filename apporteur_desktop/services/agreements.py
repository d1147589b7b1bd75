"""Agreements (contrats d'apport d'affaires): list, open, create, change and amend them.

One function per user action, each one transaction. An agreement is saved whole or not at
all: every problem is found before anything is written, and the refusal lists them all, each
naming its field as ``check_agreement`` does (``versions[0].terms.components[0].rate``).
Warnings (a rate above the usual 30 %) never refuse: they come back with what was saved.

Terms change by amendment (« avenant »), dated, so that earlier months keep the terms they
were computed under. One exception: while no commission line has been saved under an
agreement, nothing was ever computed from its signed terms, so correcting them (and the
direction, counterparty and start date, which decide what they apply to) rewrites no
history; :func:`update_agreement_details` allows it then, and refuses it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from ..domain.agreements import Agreement, Terms, TermsVersion
from ..domain.enums import Direction
from ..domain.problems import NotFound, Notice, Problem, Refused
from ..storage import agreement_queries, party_queries, repository
from ..storage.pipeline_queries import Choice
from ..validation.agreements import check_agreement
from ..validation.ledger import counterparty_kind, name_key
from ..validation.places import notice_field
from .context import AppContext
from .listing import ListQuery, Page

DIRECTION_FILTER = "direction"  # ListQuery.filters key: "earned" or "owed"
SORT_KEYS = agreement_queries.SORT_KEYS
# What only an unused agreement may change: what its signed terms say and what they apply to.
FIXED_ONCE_USED = ("direction", "counterparty_id", "valid_from")


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """One line of the agreements list."""

    id: int
    name: str
    direction: Direction
    counterparty: str
    valid_from: date
    valid_until: date | None
    introductions: int


@dataclass(frozen=True, slots=True)
class AgreementDetail:
    """An agreement as the form shows it."""

    agreement: Agreement
    counterparty: str
    introductions: int
    terms_locked: bool  # a commission line was saved: the signed terms change by amendment only


@dataclass(frozen=True, slots=True)
class Saved:
    """The agreement as stored, and the warnings worth telling the user about it."""

    agreement: Agreement
    notices: tuple[Notice, ...] = ()


# --- reading ------------------------------------------------------------------------------------


def list_agreements(
    ctx: AppContext, query: ListQuery, offset: int, limit: int
) -> Page[AgreementRow]:
    """A page of agreements: of one direction when ``query.filters["direction"]`` says so,
    the text found in the name or the counterparty's, sorted by ``name`` (default),
    ``counterparty`` or ``valid_from``."""
    direction = _direction_filter(query)
    sort = query.sort if query.sort in SORT_KEYS else "name"
    with ctx.ledger.transaction(write=False) as session:
        rows, total = agreement_queries.page_agreements(
            session,
            direction=direction,
            like=query.like() if query.text.strip() else None,
            sort=sort,
            descending=query.descending,
            offset=max(offset, 0),
            limit=max(limit, 0),
        )
    return Page(tuple(_row(listing) for listing in rows), total)


def get_agreement(ctx: AppContext, agreement_id: int) -> Agreement:
    with ctx.ledger.transaction(write=False) as session:
        return repository.get_agreement(session, agreement_id)


def open_agreement(ctx: AppContext, agreement_id: int) -> AgreementDetail:
    """The agreement, its counterparty's name, its introductions and whether its signed
    terms are fixed by the commissions computed under them."""
    with ctx.ledger.transaction(write=False) as session:
        return _detail(session, repository.get_agreement(session, agreement_id))


def counterparties(ctx: AppContext, direction: Direction) -> list[Choice]:
    """Who an agreement of ``direction`` may be with: the providers when I earn, the
    introducers when I owe; by name. Their ids and names only, which is all a choice shows:
    the agreements view builds its form with them, on the UI thread."""
    with ctx.ledger.transaction(write=False) as session:
        names = party_queries.party_names(session, counterparty_kind(direction))
    choices = [Choice(id=party_id, name=name) for party_id, name in names]
    return sorted(choices, key=lambda choice: (choice.name.casefold(), choice.id))


def contract_pdf(ctx: AppContext, agreement_id: int) -> bytes:
    """The draft « contrat d'apport d'affaires » of the agreement, as a PDF."""
    # Imported here: the PDF libraries (fpdf2, fontTools, Pillow) serve the draft alone, and
    # the agreements view, which imports this module, would otherwise load them on its first
    # showing (over a quarter of a second before it paints).
    from .contracts import contract_draft_pdf

    return contract_draft_pdf(ctx, get_agreement(ctx, agreement_id).name)


# --- writing ------------------------------------------------------------------------------------


def create_agreement(ctx: AppContext, agreement: Agreement) -> Saved:
    """Add an agreement with its signed terms (ids are ignored); returns it as stored."""
    agreement = _tidied(replace(agreement, id=None))
    with ctx.ledger.transaction() as session:
        problems, notices = check_agreement(agreement)
        problems += _name_taken(session, agreement) + _counterparty(session, agreement)
        if problems:
            raise Refused(problems)
        stored = repository.add_agreement(session, agreement, repository.next_change_seq(session))
    return Saved(stored, tuple(notices))


def update_agreement_details(ctx: AppContext, agreement: Agreement) -> Saved:
    """Store the agreement's own fields (name, dates, self-billing, the texts) over the
    agreement with its id. Its amendments are never touched; its signed terms, direction,
    counterparty and start only while no commission line was saved under it (see above)."""
    if agreement.id is None:
        raise NotFound("agreement", None)
    agreement = _tidied(agreement)
    with ctx.ledger.transaction() as session:
        before = repository.get_agreement(session, agreement.id)
        locked = agreement_queries.has_commission_lines(session, agreement.id)
        wanted = _merged(before, agreement)
        terms_changed = wanted.original_terms != before.original_terms
        problems = _locked_changes(before, wanted) if locked else []
        found, notices = check_agreement(wanted)
        problems += found + _name_taken(session, wanted) + _counterparty(session, wanted)
        if problems:
            raise Refused(problems)
        stored = agreement_queries.update_agreement(
            session,
            wanted,
            repository.next_change_seq(session),
            original_terms=terms_changed,
        )
    # Warnings are about terms: a change of name or dates has nothing new to warn about.
    return Saved(stored, tuple(notices) if terms_changed else ())


def amend_agreement(
    ctx: AppContext, agreement_id: int, effective_on: date, terms: Terms, note: str
) -> Saved:
    """Record an amendment: ``terms`` govern the whole month of ``effective_on`` and every
    month after it; earlier months keep the terms they had. It comes after every earlier
    amendment. Problems name ``effective_on``, ``note`` or ``terms.<field>``."""
    version = TermsVersion(effective_on, terms, note.strip())
    with ctx.ledger.transaction() as session:
        before = repository.get_agreement(session, agreement_id)
        place = f"versions[{len(before.versions)}]"
        amended = replace(before, versions=(*before.versions, version))
        found, notices = check_agreement(amended)
        problems = [_relative(problem, place) for problem in found]
        if not problems and terms == before.versions[-1].terms:
            problems.append(Problem.of("terms", None, "same_terms"))
        if problems:
            raise Refused(problems)
        stored = repository.add_amendment(
            session, agreement_id, version, repository.next_change_seq(session)
        )
    mine = [n for n in notices if notice_field(n).startswith(place)]
    return Saved(stored, tuple(_relative_notice(n, place) for n in mine))


# --- the rules around the checks -----------------------------------------------------------------


def _detail(session: Session, agreement: Agreement) -> AgreementDetail:
    assert agreement.id is not None  # stored agreements always have one
    return AgreementDetail(
        agreement=agreement,
        counterparty=agreement_queries.counterparty_name(session, agreement.id),
        introductions=agreement_queries.introduction_count(session, agreement.id),
        terms_locked=agreement_queries.has_commission_lines(session, agreement.id),
    )


def _merged(before: Agreement, asked: Agreement) -> Agreement:
    """What is stored after the change: the asked fields over ``before``, whose amendments
    stay as they are whatever ``asked`` holds."""
    if not asked.versions:
        return replace(asked, id=before.id, versions=before.versions)
    original = replace(before.versions[0], terms=asked.original_terms)
    return replace(asked, id=before.id, versions=(original, *before.amendments))


def _locked_changes(before: Agreement, wanted: Agreement) -> list[Problem]:
    """Once commissions were computed, the signed terms and what they apply to stay."""
    problems = [
        Problem.of(name, getattr(wanted, name), "fixed_after_commissions")
        for name in FIXED_ONCE_USED
        if getattr(wanted, name) != getattr(before, name)
    ]
    if wanted.original_terms != before.original_terms:
        problems.append(Problem.of("versions[0].terms", None, "fixed_after_commissions"))
    return problems


def _tidied(agreement: Agreement) -> Agreement:
    """No stray spaces around what was typed: a trailing space would make a second name."""
    return replace(
        agreement,
        name=agreement.name.strip(),
        qualification_criteria=agreement.qualification_criteria.strip(),
        exclusivity=agreement.exclusivity.strip(),
        territory=agreement.territory.strip(),
        notes=agreement.notes.strip(),
    )


def _name_taken(session: Session, agreement: Agreement) -> list[Problem]:
    """Names are unique as the import compares them: the command finds agreements by name."""
    key = name_key(agreement.name)
    if not key:
        return []  # « required » already says what is wrong
    for other_id, other_name in agreement_queries.agreement_names(session):
        if other_id != agreement.id and name_key(other_name) == key:
            return [Problem.of("name", agreement.name, "already_in_ledger")]
    return []


def _counterparty(session: Session, agreement: Agreement) -> list[Problem]:
    """A provider when I earn, an introducer when I owe."""
    expected = counterparty_kind(agreement.direction)
    field, party_id = "counterparty_id", agreement.counterparty_id
    try:
        party = repository.get_party(session, party_id)
    except NotFound:
        return [Problem.of(field, party_id, "unknown_party", kind=expected)]
    if party.kind is not expected:
        return [
            Problem.of(field, party.name, "unknown_party", kind=expected, found_kind=party.kind)
        ]
    return []


def _relative(problem: Problem, place: str) -> Problem:
    """``versions[2].terms.x`` → ``terms.x`` and ``versions[2].effective_on`` →
    ``effective_on``: an amendment's fields, as its dialog names them."""
    prefix = place + "."
    if problem.field.startswith(prefix):
        return replace(problem, field=problem.field[len(prefix) :])
    return problem


def _relative_notice(notice: Notice, place: str) -> Notice:
    params = dict(notice.params)
    params["field"] = notice_field(notice)[len(place) + 1 :]
    return Notice.of(notice.code, **params)


def _direction_filter(query: ListQuery) -> Direction | None:
    value = query.filters.get(DIRECTION_FILTER, "")
    if not value:
        return None
    try:
        return Direction(value)
    except ValueError:
        allowed = [direction.value for direction in Direction]
        raise Refused(
            [Problem.of(DIRECTION_FILTER, value, "not_one_of", allowed=allowed)]
        ) from None


def _row(listing: agreement_queries.AgreementListing) -> AgreementRow:
    return AgreementRow(
        id=listing.id,
        name=listing.name,
        direction=listing.direction,
        counterparty=listing.counterparty,
        valid_from=listing.valid_from,
        valid_until=listing.valid_until,
        introductions=listing.introductions,
    )
