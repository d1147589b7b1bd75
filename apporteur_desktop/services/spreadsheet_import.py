"""Importing contacts, introductions, engagements or monthly revenue from a spreadsheet.

The user maps the file's columns to what we need (``guess_mapping`` proposes a mapping from the
headings), sees every row as it will be imported with every problem at its row and column
(``preview_import``), then imports all the rows or none (``apply_import``).

The rows become domain values and are checked by the ledger's own rules (``validate_snapshot``
over the new values and what they refer to); what is checked here is only what a spreadsheet
adds: cells that do not read, names that refer to nothing, rows already recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from ..domain.agreements import Agreement
from ..domain.enums import PartyKind
from ..domain.ledger import LedgerSnapshot
from ..domain.parties import LegalIdentity, Party
from ..domain.pipeline import Engagement, Introduction, RevenueRevision
from ..domain.problems import Notice, Problem, Refused
from ..engine.coverage import plan_rights
from ..exchange.spreadsheet import Table, words
from ..i18n import Translator
from ..storage import repository
from ..validation.ledger import validate_snapshot
from ..validation.places import top_field
from .context import AppContext
from .spreadsheet_fields import TARGET_FIELDS, TARGETS, TargetField, guess_mapping
from .spreadsheet_rows import (
    LedgerNames,
    Row,
    Sheet,
    contact_identity,
    new_engagement,
    new_introduction,
    revenue_revision,
)
from .wording import word_notice, word_problem

__all__ = [
    "TARGETS",
    "TARGET_FIELDS",
    "ImportDone",
    "ImportPreview",
    "PreviewRow",
    "TargetField",
    "apply_import",
    "guess_mapping",
    "preview_import",
    "problem_place",
    "word_import_done",
    "word_row_notice",
    "word_row_problem",
]

ColumnMapping = dict[str, int | None]


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One row as it will be imported: its number in the file and a text per shown field."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportPreview:
    target: str
    fields: tuple[TargetField, ...]  # the preview's columns: mapped fields and defaulted ones
    rows: tuple[PreviewRow, ...]
    problems: tuple[Problem, ...]  # in row order; ``problem_place`` says where each one is
    notices: tuple[Notice, ...]

    @property
    def ready(self) -> bool:
        return bool(self.rows) and not self.problems


@dataclass(frozen=True, slots=True)
class ImportDone:
    counts: dict[str, int]  # contacts, clients, introductions, engagements, revenue
    notices: tuple[Notice, ...]


def preview_import(
    ctx: AppContext, target: str, table: Table, mapping: ColumnMapping
) -> ImportPreview:
    """Every row read, checked against the ledger, and shown as it would be imported."""
    with ctx.ledger.transaction(write=False) as session:
        plan = _Plan(session, target, table, mapping, ctx.translator)
    return plan.preview()


def apply_import(ctx: AppContext, target: str, table: Table, mapping: ColumnMapping) -> ImportDone:
    """Check everything again inside one write transaction, then write every row; raises
    ``Refused`` with every problem and writes nothing when any row is wrong."""
    with ctx.ledger.transaction() as session:
        plan = _Plan(session, target, table, mapping, ctx.translator)
        if plan.sheet.problems or not plan.sheet.rows:
            raise Refused(plan.sheet.sorted_problems() or [Problem.of("", None, "no_rows")])
        return plan.write()


# --- where a problem is, in the user's words ----------------------------------------------------

_ROW_PLACE = re.compile(r"^rows\[(\d+)\]\.?(\w*)$")


def problem_place(problem: Problem) -> tuple[int | None, str]:
    """(row number in the file or None, target field key or "") of an import problem."""
    match = _ROW_PLACE.match(problem.field)
    if match:
        return int(match.group(1)), match.group(2)
    return None, problem.field


def word_row_problem(tr: Translator, target: str, problem: Problem) -> str:
    """« Row 4, column « Amount »: 12,x is not a number », in the user's language."""
    message = word_problem(tr, replace(problem, field=""))
    row, key = problem_place(problem)
    column = problem.params.get("column", "")
    if row is not None and column:
        return tr.gettext("Row {row}, column « {column} »: {message}").format(
            row=row, column=column, message=message
        )
    if row is not None:
        return tr.gettext("Row {row}: {message}").format(row=row, message=message)
    labels = {field.key: field.label for field in TARGET_FIELDS.get(target, ())}
    if key in labels:
        return tr.gettext("{field}: {message}").format(
            field=tr.gettext(labels[key]), message=message
        )
    return message


def word_row_notice(tr: Translator, notice: Notice) -> str:
    message = word_notice(tr, notice)
    row = notice.params.get("row")
    if row is None:
        return message
    return tr.gettext("Row {row}: {message}").format(row=row, message=message)


def word_import_done(tr: Translator, counts: dict[str, int]) -> str:
    """« Imported: 3 introductions, 1 new client. » from an import's counts."""
    parts = []
    if n := counts.get("contacts", 0):
        parts.append(tr.ngettext("{n} contact", "{n} contacts", n).format(n=n))
    if n := counts.get("introductions", 0):
        parts.append(tr.ngettext("{n} introduction", "{n} introductions", n).format(n=n))
    if n := counts.get("clients", 0):
        parts.append(tr.ngettext("{n} new client", "{n} new clients", n).format(n=n))
    if n := counts.get("engagements", 0):
        parts.append(tr.ngettext("{n} client engagement", "{n} client engagements", n).format(n=n))
    if n := counts.get("revenue", 0):
        parts.append(tr.ngettext("{n} month of revenue", "{n} months of revenue", n).format(n=n))
    return tr.gettext("Imported: {what}.").format(what=", ".join(parts))


# --- reading the rows into new ledger values ----------------------------------------------------

_SNAPSHOT_PLACE = re.compile(r"^(\w+)\[(\d+)\]\.?(.*)$")
# Where the ledger's rules put a problem (entity, field) → the spreadsheet field it comes from.
_ALIASES = {
    ("introductions", "parties", "name"): "client",
    ("introductions", "introductions", "introduced_on"): "date",
    ("introductions", "introductions", "history"): "status_on",
    ("revenue", "revenue", "engagement_id"): "engagement",
}


class _Plan:
    """The rows of one import as new ledger values, with every problem they have."""

    def __init__(
        self, session: Session, target: str, table: Table, mapping: ColumnMapping, tr: Translator
    ) -> None:
        self.session, self.target, self.tr = session, target, tr
        self.sheet = Sheet(target, table, mapping, tr)
        self.names = LedgerNames(session, self.sheet)
        self.parties: list[tuple[Row, Party]] = []
        self.introductions: list[tuple[Row, Introduction]] = []
        self.engagements: list[tuple[Row, Engagement]] = []
        self.revenue: list[tuple[Row, RevenueRevision]] = []
        self.notices: list[Notice] = []
        getattr(self, f"_read_{target}")()

    # one reader per target

    def _read_contacts(self) -> None:
        for row in self.sheet.rows:
            identity = contact_identity(row.values)
            # The preview shows identifiers and postcodes as they will be kept.
            address = identity.address
            for key, value in (("siren", identity.siren), ("siret", identity.siret)):
                row.values[key] = value or None
            row.values["vat_number"] = identity.vat_number or None
            row.values["postcode"] = address.postcode or None
            kind = row.values["kind"] or PartyKind.CLIENT  # an unreadable kind is reported
            if identity.name and self.names.party(kind, identity.name) is not None:
                self.sheet.problem(row, "name", identity.name, "already_in_ledger")
            party = Party(-1 - len(self.parties), kind, identity, row.values["notes"] or "")
            self.parties.append((row, party))
        self._check(LedgerSnapshot(None, parties=tuple(p for _, p in self.parties)))

    def _read_introductions(self) -> None:
        new_clients: dict[str, Party] = {}
        seen: dict[tuple[int, str, Any], Row] = {}
        agreements: dict[int | None, Agreement] = {}
        for row in self.sheet.rows:
            agreement, name = self.names.agreement(row), row.values["client"]
            day = row.values["date"]
            if agreement is None or not name or day is None:
                continue
            agreements[agreement.id] = agreement
            client = self.names.party(PartyKind.CLIENT, name) or new_clients.get(words(name))
            if client is None:
                client = Party(-1 - len(new_clients), PartyKind.CLIENT, LegalIdentity(name=name))
                new_clients[words(name)] = client
                self.parties.append((row, client))
                self.notices.append(Notice.of("client_created", name=name, row=row.number))
            introduction = new_introduction(row, agreement.id or 0, client.id or 0, day)
            key = (agreement.id or 0, words(name), day)
            if key in seen:
                self.sheet.problem(row, "client", name, "same_as_row", other=seen[key].number)
            elif self.names.introduction_recorded(introduction):
                self.sheet.problem(
                    row, "client", name, "introduction_recorded", agreement=agreement.name, date=day
                )
            seen.setdefault(key, row)
            provisional = replace(introduction, id=-1 - len(self.introductions))
            self.introductions.append((row, provisional))
        known = {i.client_id: self.names.client(i.client_id) for _, i in self.introductions}
        self._check(
            LedgerSnapshot(
                None,
                parties=(*(p for _, p in self.parties), *(p for p in known.values() if p)),
                agreements=tuple(agreements.values()),
                introductions=tuple(i for _, i in self.introductions),
            )
        )

    def _read_engagements(self) -> None:
        seen: dict[tuple[int, Any, Any], Row] = {}
        introductions: dict[int, Introduction] = {}
        for row in self.sheet.rows:
            introduction = self.names.introduction(row)
            kind, start = row.values["kind"], row.values["start"]
            if introduction is None or introduction.id is None or kind is None or start is None:
                continue
            introductions[introduction.id] = introduction
            engagement = new_engagement(row, introduction.id, -1 - len(self.engagements))
            key = (introduction.id, kind, start)
            if key in seen:
                other = seen[key].number
                self.sheet.problem(row, "start", row.texts["start"], "same_as_row", other=other)
            elif self.names.engagement_recorded(engagement):
                text = row.texts["start"]
                self.sheet.problem(row, "start", text, "engagement_recorded", kind=kind, date=start)
            seen.setdefault(key, row)
            self.engagements.append((row, engagement))
        # The ledger's engagements first: a label already there is the one a new row repeats.
        siblings = [e for i in introductions for e in self.names.engagements(i)]
        self._check(
            LedgerSnapshot(
                None,
                introductions=tuple(introductions.values()),
                engagements=(*siblings, *(e for _, e in self.engagements)),
            ),
            offset={"engagements": len(siblings)},
        )
        self.notices += self._coverage(introductions.values())

    def _read_revenue(self) -> None:
        engagements: dict[int, Engagement] = {}
        for row in self.sheet.rows:
            engagement = self.names.engagement(row)
            if engagement is None or engagement.id is None:
                continue
            engagements[engagement.id] = engagement
            revision = revenue_revision(row, engagement.id)
            if revision is not None:
                self.revenue.append((row, revision))
        # Revisions in recording order: the ledger's first, so a new estimate cannot hide
        # behind a confirmed figure already recorded.
        earlier = [r for e in engagements for r in self.names.revenue(e)]
        self._check(
            LedgerSnapshot(
                None,
                engagements=tuple(engagements.values()),
                revenue=(*earlier, *(r for _, r in self.revenue)),
            ),
            offset={"revenue": len(earlier)},
        )

    # the ledger's rules over the new values

    def _check(self, snapshot: LedgerSnapshot, offset: dict[str, int] | None = None) -> None:
        offset = offset or {}
        places: dict[tuple[str, int], Row] = {}
        for entity, rows in (
            ("parties", [r for r, _ in self.parties]),
            ("introductions", [r for r, _ in self.introductions]),
            ("engagements", [r for r, _ in self.engagements]),
            ("revenue", [r for r, _ in self.revenue]),
        ):
            for index, row in enumerate(rows):
                places[(entity, index + offset.get(entity, 0))] = row
        problems, notices = validate_snapshot(snapshot)
        for problem in problems:
            self._place(problem, places)
        for notice in notices:
            match = _SNAPSHOT_PLACE.match(str(notice.params.get("field", "")))
            row = places.get((match.group(1), int(match.group(2)))) if match else None
            if row is not None:  # the ledger's own values were checked when they were saved
                self.notices.append(Notice.of(notice.code, **{**notice.params, "row": row.number}))

    def _place(self, problem: Problem, places: dict[tuple[str, int], Row]) -> None:
        match = _SNAPSHOT_PLACE.match(problem.field)
        row = places.get((match.group(1), int(match.group(2)))) if match else None
        if match is None or row is None:
            return  # about a value already in the ledger, checked when it was saved
        rest = match.group(3).removeprefix("identity.").removeprefix("address.")
        top = top_field(rest)
        key = _ALIASES.get((self.target, match.group(1), top), top)
        value = row.texts.get(key) or problem.value
        self.sheet.problem(row, key, value, problem.code, **problem.params)

    def _coverage(self, introductions: Any) -> list[Notice]:
        """What the agreement will not pay for, as recording one engagement would say."""
        rows = {e.id: row for row, e in self.engagements}
        notices = []
        for introduction in introductions:
            agreement = self.names.agreement_of(introduction)
            own = [*self.names.engagements(introduction.id), *(e for _, e in self.engagements)]
            own = [e for e in own if e.introduction_id == introduction.id]
            plan = plan_rights(agreement, introduction, own)
            for engagement in own:
                reason = plan.reasons.get(engagement.id or 0, "")
                if reason and engagement.id in rows:
                    subject = f"{agreement.name} / {engagement.label or engagement.kind.value}"
                    notices.append(
                        Notice.of(reason, subject=subject, row=rows[engagement.id].number)
                    )
        return notices

    # the result

    def preview(self) -> ImportPreview:
        fields = self.sheet.shown_fields()
        rows = tuple(
            PreviewRow(row.number, tuple(self.sheet.display(row, f) for f in fields))
            for row in self.sheet.rows
        )
        problems = tuple(self.sheet.sorted_problems())
        if not self.sheet.rows and not problems:
            problems = (Problem.of("", None, "no_rows"),)
        notices = tuple(sorted(self.notices, key=lambda n: n.params.get("row", 0)))
        return ImportPreview(self.target, fields, rows, problems, notices)

    def write(self) -> ImportDone:
        session, seq = self.session, repository.next_change_seq(self.session)
        party_ids = {}
        for _, party in self.parties:
            party_ids[party.id] = repository.add_party(session, party).id
        for _, introduction in self.introductions:
            client_id = party_ids.get(introduction.client_id, introduction.client_id)
            repository.add_introduction(session, replace(introduction, client_id=client_id), seq)
        saved = [repository.add_engagement(session, e, seq) for _, e in self.engagements]
        for _, revision in self.revenue:
            repository.add_revenue_revision(session, revision, seq)
        # The rows keep their numbers in the notices: the user can still find them.
        notices = tuple(n for n in self.notices if n.code != "client_created")
        counts = {
            "contacts": len(self.parties) if self.target == "contacts" else 0,
            "clients": len(self.parties) if self.target == "introductions" else 0,
            "introductions": len(self.introductions),
            "engagements": len(saved),
            "revenue": len(self.revenue),
        }
        return ImportDone(counts, notices)
