"""From due commission lines to issued invoices: drafts, their edits, and issuing.

A draft gathers one counterparty's due lines up to a month (corrections of earlier months
included) and has no number. Issuing gives it the next number of its series, freezes it,
writes its Factur-X file into the archive and records the file's SHA-256 — all in one
transaction, with the file removed again if that transaction does not commit, so the
numbering never has a gap and the archive never holds a document the ledger does not.

Who issues: in the earned direction I invoice the provider, unless the agreement is
self-billing (the provider then writes the invoice; see ``received``); in the owed direction
I issue only for self-billing agreements, in the introducer's name and its own series.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ..documents.invoice_file import facturx_invoice
from ..documents.invoice_pdf import render_invoice
from ..domain.enums import Direction, LineStatus, PartyKind
from ..domain.invoices import (
    CitedInvoice,
    DocumentKind,
    DocumentOrigin,
    InvoiceDocument,
    InvoiceStatus,
)
from ..domain.money import ZERO
from ..domain.numbering import render_number
from ..domain.periods import Period
from ..domain.problems import Notice, Problem, Refused
from ..storage import invoice_store, repository
from ..storage.document_json import document_to_json
from ..storage.invoice_store import DueLine, NewLine, StoredInvoice, StoredInvoiceLine
from ..validation.invoicing import check_mentions
from .context import AppContext
from .errors import UserError
from .invoice_parts import (
    Sides,
    archive_name,
    describe,
    due_on,
    last_day,
    new_line,
    sha256_of,
    sides_for,
    write_archive,
)
from .invoice_settings import InvoicingSettings, load_logo, load_settings
from .invoice_views import InvoiceView, view_of


@dataclass(frozen=True, slots=True)
class Drafts:
    drafts: tuple[InvoiceView, ...]
    # Counterparties whose due lines add up to zero: nothing to invoice, the lines wait.
    balanced: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DraftEdits:
    """What the user may change on a draft; None leaves a field as it is."""

    buyer_reference: str | None = None
    purchase_order: str | None = None
    notes: str | None = None
    line_descriptions: Mapping[int, str] | None = None  # by line position, from 1


@dataclass(frozen=True, slots=True)
class Issued:
    documents: tuple[InvoiceView, ...]
    notices: tuple[Notice, ...] = ()


def issues_for_me(line: DueLine) -> bool:
    """Whether this ledger numbers the document for a line (see the module's docstring)."""
    if line.direction is Direction.EARNED:
        return not line.self_billing
    return line.self_billing


# --- drafts ---------------------------------------------------------------------------------------


def prepare_drafts(ctx: AppContext, through: Period, counterparty: str | None = None) -> Drafts:
    """One draft per counterparty with due lines up to ``through`` (an invoice, or a credit
    note when they add up to less than zero). Drafts prepared before for the same
    counterparties are replaced, keeping what the user typed into them."""
    with ctx.ledger.transaction() as session:
        wanted = _counterparty_ids(session, counterparty)
        kept = _discard_drafts(session, wanted)
        groups: dict[tuple[Direction, int], list[DueLine]] = defaultdict(list)
        for line in invoice_store.due_lines(session, through):
            if issues_for_me(line) and (wanted is None or line.counterparty_id in wanted):
                groups[line.direction, line.counterparty_id].append(line)
        names = {p.id: p.name for p in repository.list_parties(session)}
        settings = load_settings(session, ctx.translator.language)
        drafts, balanced = [], []
        for (direction, counterparty_id), lines in groups.items():
            if sum((line.amount for line in lines), ZERO) == ZERO:
                balanced.append(names[counterparty_id])
                continue
            draft_id = _add_draft(ctx, session, settings, direction, counterparty_id, lines, names)
            _restore_edits(session, draft_id, kept.get((direction, counterparty_id)))
            drafts.append(view_of(session, ctx, invoice_store.get_invoice(session, draft_id)))
        return Drafts(tuple(drafts), tuple(sorted(balanced)))


def _counterparty_ids(session: Session, name: str | None) -> set[int] | None:
    if name is None:
        return None
    found = {
        party.id
        for kind in (PartyKind.PROVIDER, PartyKind.INTRODUCER)
        if (party := repository.find_party(session, kind, name)) is not None
    }
    if not found:
        raise UserError.of("not_found", what="party", key=name)
    return {party_id for party_id in found if party_id is not None}


def _discard_drafts(
    session: Session, wanted: set[int] | None
) -> dict[tuple[Direction, int], StoredInvoice]:
    kept = {}
    for draft in invoice_store.list_invoices(session, statuses=[InvoiceStatus.DRAFT]):
        if wanted is None or draft.counterparty_id in wanted:
            kept[draft.direction, draft.counterparty_id] = draft
            invoice_store.delete_draft(session, draft.id)
    return kept


def _add_draft(
    ctx: AppContext,
    session: Session,
    settings: InvoicingSettings,
    direction: Direction,
    counterparty_id: int,
    lines: Sequence[DueLine],
    names: Mapping[int, str],
) -> int:
    total = sum((line.amount for line in lines), ZERO)
    kind = DocumentKind.INVOICE if total > ZERO else DocumentKind.CREDIT_NOTE
    sign = 1 if kind is DocumentKind.INVOICE else -1
    self_billed = direction is Direction.OWED
    series, _pattern = settings.numbering.series_for(
        credit_note=kind is DocumentKind.CREDIT_NOTE, self_billed=self_billed
    )
    client_names = {line.client_id: names.get(line.client_id, "") for line in lines}
    new_lines = [
        new_line(line, describe(ctx.translator, line), client_names[line.client_id], sign)
        for line in lines
    ]
    sides = sides_for(session, direction, counterparty_id)
    document = _document(sides, kind, new_lines, settings, self_billed)
    return invoice_store.add_invoice(
        session,
        {
            "kind": kind,
            "status": InvoiceStatus.DRAFT,
            "direction": direction,
            "origin": DocumentOrigin.ISSUED,
            "counterparty_id": counterparty_id,
            "self_billed": self_billed,
            "series": series,
            "service_first": min(line.period for line in lines).first_day(),
            "service_last": last_day(max(line.period for line in lines)),
            "buyer_reference": "",
            "purchase_order": "",
            "notes": "",
            "net_total": document.net_total,
            "vat_total": document.vat_amount,
            "gross_total": document.gross_total,
        },
        new_lines,
    )


def _document(
    sides: Sides,
    kind: DocumentKind,
    lines: Iterable[NewLine | StoredInvoiceLine],
    settings: InvoicingSettings,
    self_billed: bool,
) -> InvoiceDocument:
    """The document without its number and dates yet: enough to work out its totals."""
    today = date.min
    return InvoiceDocument(
        kind=kind,
        number="",
        issued_on=today,
        due_on=today,
        service_first=today,
        service_last=today,
        seller=sides.seller,
        buyer=sides.buyer,
        lines=tuple(item.line for item in lines),
        wordings=settings.wordings,
        self_billed=self_billed,
    )


def _restore_edits(session: Session, draft_id: int, before: StoredInvoice | None) -> None:
    if before is None:
        return
    invoice_store.update_invoice(
        session,
        draft_id,
        buyer_reference=before.buyer_reference,
        purchase_order=before.purchase_order,
        notes=before.notes,
    )


def edit_draft(ctx: AppContext, draft_id: int, edits: DraftEdits) -> InvoiceView:
    """Change a draft's references, notes or line texts; an issued document cannot be edited."""
    with ctx.ledger.transaction() as session:
        draft = _draft(session, draft_id)
        changes = {
            name: value.strip()
            for name in ("buyer_reference", "purchase_order", "notes")
            if (value := getattr(edits, name)) is not None
        }
        if changes:
            invoice_store.update_invoice(session, draft.id, **changes)
        problems = []
        for position, text in (edits.line_descriptions or {}).items():
            if not text.strip():
                problems.append(Problem.of(f"lines[{position}].description", text, "required"))
            elif not invoice_store.set_line_description(session, draft.id, position, text.strip()):
                problems.append(Problem.of(f"lines[{position}]", position, "unknown_line"))
        if problems:
            raise Refused(problems)
        return view_of(session, ctx, invoice_store.get_invoice(session, draft.id))


def discard_draft(ctx: AppContext, draft_id: int) -> None:
    """Forget a draft: its commission lines stay due, for the next draft."""
    with ctx.ledger.transaction() as session:
        invoice_store.delete_draft(session, _draft(session, draft_id).id)


def _draft(session: Session, draft_id: int) -> StoredInvoice:
    draft = invoice_store.get_invoice(session, draft_id)
    if draft.status is not InvoiceStatus.DRAFT:
        raise UserError.of("not_a_draft", number=draft.reference)
    return draft


def list_drafts(ctx: AppContext) -> list[InvoiceView]:
    with ctx.ledger.transaction(write=False) as session:
        drafts = invoice_store.list_invoices(session, statuses=[InvoiceStatus.DRAFT])
        return [view_of(session, ctx, draft) for draft in drafts]


def preview_draft(ctx: AppContext, draft_id: int) -> bytes:
    """The draft's PDF as it would be issued today, marked as a draft instead of a number."""
    with ctx.ledger.transaction(write=False) as session:
        draft = _draft(session, draft_id)
        document = build_document(session, draft, ctx.clock.today(), ctx.translator.language)
        logo = load_logo(session)
    number = ctx.translator.gettext("DRAFT")
    return render_invoice(replace(document, number=number), ctx.translator, logo=logo)


# --- issuing --------------------------------------------------------------------------------------


def build_document(
    session: Session, stored: StoredInvoice, issued_on: date, language: str
) -> InvoiceDocument:
    """The document a draft would be if issued on ``issued_on`` (its number still empty)."""
    settings = load_settings(session, language)
    lines = invoice_store.lines_of(session, stored.id)
    commission_ids = [line.commission_line_id for line in lines if line.commission_line_id]
    agreements, corrected = invoice_store.agreements_and_corrections(session, commission_ids)
    credit_note = stored.kind is DocumentKind.CREDIT_NOTE
    cites = tuple(
        CitedInvoice(cited.reference, cited.issued_on)
        for cited in invoice_store.documents_billing(session, corrected)
        if cited.issued_on is not None
    )
    last = Period.of(stored.service_last)
    document = _document(
        sides_for(session, stored.direction, stored.counterparty_id),
        stored.kind,
        lines,
        settings,
        stored.self_billed,
    )
    return replace(
        document,
        issued_on=issued_on,
        due_on=issued_on if credit_note else due_on(session, issued_on, agreements, last),
        service_first=stored.service_first,
        service_last=stored.service_last,
        buyer_reference=stored.buyer_reference,
        purchase_order=stored.purchase_order,
        notes=stored.notes,
        cites=cites if credit_note else (),
    )


@contextmanager
def archiving(ctx: AppContext) -> Iterator[tuple[Session, list[Path]]]:
    """One write transaction, and the list :func:`finalise` adds its archived files to: they
    are removed again if the transaction does not commit, so the archive never holds a
    document the ledger does not."""
    written: list[Path] = []
    try:
        with ctx.ledger.transaction() as session:
            yield session, written
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def issue_drafts(ctx: AppContext, draft_ids: Sequence[int]) -> Issued:
    """Issue these drafts together: all of them, or — if any mention is missing on any of
    them, or anything fails — none, with every problem listed."""
    today = ctx.clock.today()
    with archiving(ctx) as (session, written):
        drafts = [_draft(session, draft_id) for draft_id in draft_ids]
        documents = [
            build_document(session, draft, today, ctx.translator.language) for draft in drafts
        ]
        notices = _check_all(session, drafts, documents)
        views = []
        for draft, document in zip(drafts, documents, strict=True):
            finalise(ctx, session, draft, document, written)
            views.append(view_of(session, ctx, invoice_store.get_invoice(session, draft.id)))
    return Issued(tuple(views), tuple(notices))


def _check_all(
    session: Session, drafts: Sequence[StoredInvoice], documents: Sequence[InvoiceDocument]
) -> list[Notice]:
    problems, notices = [], []
    for draft, document in zip(drafts, documents, strict=True):
        found, warned = check_mentions(replace(document, number="0"))
        name = repository.get_party(session, draft.counterparty_id).name
        problems += [Problem(f"{name} — {p.field}", p.value, p.code, p.params) for p in found]
        notices += [
            Notice.of(w.code, **{**w.params, "field": f"{name} — buyer.siren"}) for w in warned
        ]
    if problems:
        raise Refused(problems)
    return notices


def finalise(
    ctx: AppContext,
    session: Session,
    stored: StoredInvoice,
    document: InvoiceDocument,
    written: list[Path],
    *,
    cancels_id: int | None = None,
) -> InvoiceDocument:
    """Number the document, write its file, freeze its row and mark its commission lines.

    Runs inside the caller's transaction; ``written`` collects the files to remove if that
    transaction does not commit.
    """
    settings = load_settings(session, ctx.translator.language)
    series, pattern = settings.numbering.series_for(
        credit_note=document.kind is DocumentKind.CREDIT_NOTE, self_billed=document.self_billed
    )
    latest = invoice_store.last_issue_date(session, series)
    if latest is not None and latest > document.issued_on:
        raise UserError.of("not_chronological", series=series, latest=latest)
    year = document.issued_on.year
    seq = invoice_store.next_number(session, series, pattern, year)
    document = replace(document, number=render_number(pattern, year, seq))
    content = facturx_invoice(document, ctx.translator, logo=load_logo(session))
    name = archive_name(document)
    written.append(write_archive(ctx.paths.archive_dir, name, content))
    invoice_store.update_invoice(
        session,
        stored.id,
        status=InvoiceStatus.ISSUED,
        series=series,
        number=document.number,
        year=year,
        seq=seq,
        issued_on=document.issued_on,
        due_on=document.due_on,
        net_total=document.net_total,
        vat_total=document.vat_amount,
        gross_total=document.gross_total,
        document=document_to_json(document),
        file_name=name,
        sha256=sha256_of(content),
        cancels_id=cancels_id,
    )
    invoice_store.set_commission_status(
        session, invoice_store.commission_lines_of(session, stored.id), LineStatus.INVOICED
    )
    return document


def issue_for_period(
    ctx: AppContext, through: Period, counterparty: str | None = None
) -> tuple[Drafts, Issued]:
    """Prepare the period's drafts and issue them all (the command's ``invoice issue``)."""
    drafts = prepare_drafts(ctx, through, counterparty)
    if not drafts.drafts:
        return drafts, Issued(())
    return drafts, issue_drafts(ctx, [draft.id for draft in drafts.drafts])
