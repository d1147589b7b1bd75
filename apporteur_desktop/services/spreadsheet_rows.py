"""The rows of a spreadsheet read through a column mapping, and the ledger names they refer to.

``Sheet`` reads every cell of the mapped columns and notes each problem at its row and column;
``LedgerNames`` finds the agreements, clients, introductions and engagements the rows name,
looking each one up once per import.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ..domain.agreements import Agreement
from ..domain.enums import EngagementKind, IntroductionStatus, PartyKind
from ..domain.parties import Address, LegalIdentity, Party
from ..domain.periods import Period
from ..domain.pipeline import (
    Engagement,
    Introduction,
    RevenueRevision,
    StatusChange,
)
from ..domain.problems import Problem
from ..exchange.spreadsheet import ENGAGEMENT_KINDS, Table, parse_choice
from ..formatting import date_text
from ..i18n import Translator
from ..storage import repository
from ..validation.ledger import name_key
from ..validation.parties import normalised_identity
from .spreadsheet_fields import PARSERS, TARGET_FIELDS, UNREADABLE, TargetField, display


@dataclass(slots=True)
class Row:
    number: int  # as the spreadsheet numbers it (the heading row is 1)
    texts: dict[str, str]  # what each mapped field's cell holds
    values: dict[str, Any]  # what it reads as (the field's default when empty, None if unreadable)


class Sheet:
    """The table's rows as the mapping reads them, and every problem found on the way."""

    def __init__(
        self, target: str, table: Table, mapping: dict[str, int | None], tr: Translator
    ) -> None:
        self.tr = tr
        self.table = table
        self.fields = TARGET_FIELDS[target]
        self.columns = {
            field.key: index
            for field in self.fields
            if (index := mapping.get(field.key)) is not None and 0 <= index < len(table.headers)
        }
        self.problems: list[Problem] = []
        self._said: set[tuple[str, str]] = set()
        self._required = {field.key for field in self.fields if field.required}
        for field in self.fields:
            if field.required and field.key not in self.columns:
                self._add(Problem.of(field.key, None, "no_column"))
        self.rows = [row for i, cells in enumerate(table.rows) if (row := self._read(i, cells))]

    def _read(self, index: int, cells: tuple[str, ...]) -> Row | None:
        texts = {key: cells[column] for key, column in self.columns.items()}
        if not any(texts.values()):
            return None  # a blank line between blocks of rows
        row = Row(self.table.row_number(index), texts, {})
        for field in self.fields:
            text = texts.get(field.key, "")
            value = PARSERS[field.kind](text) if text else field.default
            if text and value is None:
                code, params = UNREADABLE[field.kind]
                self.problem(row, field.key, text, code, **params)
            elif not text and field.required and field.key in self.columns:
                self.problem(row, field.key, "", "required")
            row.values[field.key] = value
        return row

    def problem(self, row: Row, key: str, value: Any, code: str, **params: Any) -> None:
        """A problem of ``row``, at the column of field ``key`` (the row itself if unmapped)."""
        column = self.columns.get(key)
        if column is None and code == "required" and key in self._required:
            return  # already said once for the whole file: the field has no column
        header = self.table.headers[column] if column is not None else ""
        params = {
            k: date_text(v, self.tr.language) if isinstance(v, date) else v
            for k, v in params.items()
        }
        place = f"rows[{row.number}].{key}" if column is not None else f"rows[{row.number}]"
        self._add(Problem.of(place, value, code, **params, row=row.number, column=header))

    def _add(self, problem: Problem) -> None:
        # The file's reading and the ledger's rules may both find one missing name: say it once.
        said = (problem.field, problem.code)
        if said not in self._said:
            self._said.add(said)
            self.problems.append(problem)

    def sorted_problems(self) -> list[Problem]:
        """The file's problems first, then row by row, left to right as the user reads."""

        def place(problem: Problem) -> tuple[int, int]:
            row = problem.params.get("row", 0)
            key = problem.field.rpartition(".")[2] if "." in problem.field else problem.field
            return (row if isinstance(row, int) else 0, self.columns.get(key, -1))

        return sorted(self.problems, key=place)

    def shown_fields(self) -> tuple[TargetField, ...]:
        """The fields the preview shows: those with a column, and those given by default."""
        return tuple(f for f in self.fields if f.key in self.columns or f.default is not None)

    def display(self, row: Row, field: TargetField) -> str:
        value = row.values.get(field.key)
        if value is None:
            return row.texts.get(field.key, "")  # what could not be read, as written
        return display(self.tr, value)


def contact_identity(values: dict[str, Any]) -> LegalIdentity:
    text = {key: value or "" for key, value in values.items()}
    postcode = text["postcode"]
    if values["country"] == "FR" and postcode.isdigit() and len(postcode) == 4:
        postcode = "0" + postcode  # a workbook that took « 01000 » for a number
    return normalised_identity(
        LegalIdentity(
            name=text["name"],
            sole_trader=bool(values["sole_trader"]),
            legal_form=text["legal_form"],
            siren=text["siren"],
            siret=text["siret"],
            vat_number=text["vat_number"],
            address=Address(text["street"], postcode, text["city"], text["country"]),
            email=text["email"],
        )
    )


def new_introduction(row: Row, agreement_id: int, client_id: int, day: date) -> Introduction:
    status = row.values["status"]
    history = ()
    if status is not None and status is not IntroductionStatus.INTRODUCED:
        history = (StatusChange(status, row.values["status_on"] or day),)
    return Introduction(None, agreement_id, client_id, day, history, row.values["notes"] or "")


def new_engagement(row: Row, introduction_id: int, provisional_id: int) -> Engagement:
    values = row.values
    return Engagement(
        id=provisional_id,
        introduction_id=introduction_id,
        kind=values["kind"],
        start=values["start"],
        end=values["end"],
        amount=values["amount"],
        signed_on=values["signed_on"],
        label=values["label"] or "",
    )


def revenue_revision(row: Row, engagement_id: int) -> RevenueRevision | None:
    month, amount = row.values["month"], row.values["amount"]
    if month is None or amount is None:
        return None
    note = row.values["note"] or ""
    return RevenueRevision(None, engagement_id, month, amount, row.values["status"], note)


class LedgerNames:
    """The ledger's agreements, parties, introductions and engagements the rows name."""

    def __init__(self, session: Session, sheet: Sheet) -> None:
        self.session, self.sheet = session, sheet
        self._agreements: dict[str, Agreement] | None = None
        self._parties: dict[PartyKind, dict[str, Party]] = {}
        self._introductions: dict[int, list[Introduction]] = {}
        self._engagements: dict[int, list[Engagement]] = {}

    def agreement(self, row: Row) -> Agreement | None:
        """The agreement the row names, or None (with the problem) when there is none."""
        name = row.values["agreement"]
        if not name:
            return None
        if self._agreements is None:
            agreements = repository.list_agreements(self.session)
            self._agreements = {name_key(a.name): a for a in agreements}
        found = self._agreements.get(name_key(name))
        if found is None:
            names = [a.name for a in self._agreements.values()]
            close = difflib.get_close_matches(name, names, n=1)
            extra = {"suggestion": close[0]} if close else {}
            self.sheet.problem(row, "agreement", name, "unknown_agreement", **extra)
        return found

    def agreement_of(self, introduction: Introduction) -> Agreement:
        assert self._agreements is not None  # the introduction was found through its agreement
        return next(a for a in self._agreements.values() if a.id == introduction.agreement_id)

    def party(self, kind: PartyKind, name: str) -> Party | None:
        if kind not in self._parties:
            parties = repository.list_parties(self.session, kind)
            self._parties[kind] = {name_key(p.name): p for p in parties}
        return self._parties[kind].get(name_key(name))

    def client(self, party_id: int) -> Party | None:
        clients = self._parties.get(PartyKind.CLIENT, {})
        return next((p for p in clients.values() if p.id == party_id), None)

    def introductions(self, agreement_id: int) -> list[Introduction]:
        if agreement_id not in self._introductions:
            found = repository.list_introductions(self.session, agreement_id)
            self._introductions[agreement_id] = found
        return self._introductions[agreement_id]

    def introduction(self, row: Row) -> Introduction | None:
        """The introduction of the row's client under its agreement: the one of the row's
        introduction date when given, else the latest; None (with the problem) if none."""
        agreement, name = self.agreement(row), row.values["client"]
        if agreement is None or agreement.id is None or not name:
            return None
        client = self.party(PartyKind.CLIENT, name)
        if client is None:
            self.sheet.problem(row, "client", name, "unknown_client")
            return None
        own = [i for i in self.introductions(agreement.id) if i.client_id == client.id]
        day = row.values["introduced_on"]
        if day is not None:
            own = [i for i in own if i.introduced_on == day]
        if not own:
            code, extra = ("no_introduction_on", {"date": day}) if day else ("no_introduction", {})
            self.sheet.problem(row, "client", name, code, agreement=agreement.name, **extra)
            return None
        return max(own, key=lambda i: (i.introduced_on, i.id or 0))

    def introduction_recorded(self, introduction: Introduction) -> bool:
        return any(
            i.client_id == introduction.client_id and i.introduced_on == introduction.introduced_on
            for i in self.introductions(introduction.agreement_id)
        )

    def engagements(self, introduction_id: int | None) -> list[Engagement]:
        if introduction_id is None:
            return []
        if introduction_id not in self._engagements:
            found = repository.list_engagements(self.session, introduction_id)
            self._engagements[introduction_id] = found
        return self._engagements[introduction_id]

    def engagement_recorded(self, engagement: Engagement) -> bool:
        return any(
            e.kind is engagement.kind and e.start == engagement.start
            for e in self.engagements(engagement.introduction_id)
        )

    def engagement(self, row: Row) -> Engagement | None:
        """The engagement the row's revenue belongs to: named by its label or kind, or the
        only one (of those) running in the row's month; None (with the problem) otherwise."""
        introduction = self.introduction(row)
        if introduction is None:
            return None
        candidates = self.engagements(introduction.id)
        wanted = row.values["engagement"]
        if wanted:
            by_label = [e for e in candidates if name_key(e.label) == name_key(wanted)]
            kind = parse_choice(wanted, ENGAGEMENT_KINDS)
            candidates = by_label or [e for e in candidates if e.kind is kind]
        month = row.values["month"]
        running = [e for e in candidates if month is not None and _runs_in(e, month)]
        if len(candidates) > 1 and running:
            candidates = running
        if len(candidates) == 1:
            return candidates[0]
        client = row.values["client"]
        if not candidates:
            self.sheet.problem(row, "engagement", wanted or "", "no_engagement", client=client)
        else:
            names = [_engagement_name(self.sheet.tr, e) for e in candidates]
            self.sheet.problem(
                row, "engagement", wanted or "", "ambiguous_engagement", client=client, names=names
            )
        return None

    def revenue(self, engagement_id: int) -> list[RevenueRevision]:
        return repository.list_revenue(self.session, engagement_id)


def _runs_in(engagement: Engagement, month: Period) -> bool:
    end = engagement.end or engagement.terminated_on
    return Period.of(engagement.start) <= month and (end is None or month <= Period.of(end))


def _engagement_name(tr: Translator, engagement: Engagement) -> str:
    if engagement.label:
        return engagement.label
    kind = EngagementKind(engagement.kind)
    return f"{display(tr, kind)} ({date_text(engagement.start, tr.language)})"
