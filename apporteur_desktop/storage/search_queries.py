"""The global search's reads: a few matches of each kind for a text, never a whole table.

Each query takes an SQL LIKE pattern escaped with ``\\`` (``ListQuery.like()``) and a limit.
SQLite's LIKE ignores case for ASCII letters. Matches whose text starts with what was typed
come first, then the rest by name: « Dup » finds « Dupont » before « Boulangerie Dupuis ».
A search is a scan of the searched columns (a LIKE with a leading ``%`` cannot use an index),
which stays a few milliseconds at tens of thousands of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, or_, select
from sqlalchemy.orm import Session

from apporteur_desktop.domain.enums import Direction, PartyKind
from apporteur_desktop.domain.invoices import DocumentKind, InvoiceStatus

from .models import AgreementRow, IntroductionRow, InvoiceRow, PartyRow

ESCAPE = "\\"


@dataclass(frozen=True, slots=True)
class ContactMatch:
    id: int
    name: str
    kind: PartyKind
    city: str
    siret: str
    email: str


@dataclass(frozen=True, slots=True)
class IntroductionMatch:
    id: int
    client: str
    agreement: str
    introduced_on: date
    notes: str


@dataclass(frozen=True, slots=True)
class AgreementMatch:
    id: int
    name: str
    counterparty: str
    direction: Direction


@dataclass(frozen=True, slots=True)
class InvoiceMatch:
    id: int
    kind: DocumentKind
    number: str | None  # None: a draft
    their_number: str | None
    counterparty: str
    status: InvoiceStatus
    issued_on: date | None
    due_on: date | None
    gross_total: Decimal


def _like(column: Any, pattern: str) -> ColumnElement[bool]:
    return column.like(pattern, escape=ESCAPE)


def _starts_first(column: Any, pattern: str) -> ColumnElement[int]:
    """0 when ``column`` starts with the searched text, 1 otherwise: the first sort key."""
    starts = pattern[1:] if pattern.startswith("%") else pattern
    return case((_like(column, starts), 0), else_=1)


def _compact(pattern: str) -> str:
    # SIRETs are stored without spaces: « 987 654 » typed as on paper must still match.
    return pattern.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")


def find_contacts(session: Session, pattern: str, limit: int) -> list[ContactMatch]:
    """Parties whose name, SIRET or e-mail matches."""
    query = (
        select(PartyRow.id, PartyRow.name, PartyRow.kind, PartyRow.city)
        .add_columns(PartyRow.siret, PartyRow.email)
        .where(
            or_(
                _like(PartyRow.name, pattern),
                _like(PartyRow.email, pattern),
                _like(PartyRow.siret, _compact(pattern)),
            )
        )
        .order_by(_starts_first(PartyRow.name, pattern), PartyRow.name.collate("NOCASE"))
        .limit(limit)
    )
    return [ContactMatch(*row) for row in session.execute(query)]


def find_introductions(session: Session, pattern: str, limit: int) -> list[IntroductionMatch]:
    """Introductions whose client's name or notes match, the latest first after the names
    that start with the text."""
    client = PartyRow.__table__.alias("client")
    query = (
        select(
            IntroductionRow.id,
            client.c.name,
            AgreementRow.name,
            IntroductionRow.introduced_on,
            IntroductionRow.notes,
        )
        .join(client, client.c.id == IntroductionRow.client_id)
        .join(AgreementRow, AgreementRow.id == IntroductionRow.agreement_id)
        .where(or_(_like(client.c.name, pattern), _like(IntroductionRow.notes, pattern)))
        .order_by(
            _starts_first(client.c.name, pattern),
            IntroductionRow.introduced_on.desc(),
            IntroductionRow.id.desc(),
        )
        .limit(limit)
    )
    return [IntroductionMatch(*row) for row in session.execute(query)]


def find_agreements(session: Session, pattern: str, limit: int) -> list[AgreementMatch]:
    """Agreements whose name or counterparty's name matches."""
    query = (
        select(AgreementRow.id, AgreementRow.name, PartyRow.name, AgreementRow.direction)
        .join(PartyRow, PartyRow.id == AgreementRow.counterparty_id)
        .where(or_(_like(AgreementRow.name, pattern), _like(PartyRow.name, pattern)))
        .order_by(_starts_first(AgreementRow.name, pattern), AgreementRow.name.collate("NOCASE"))
        .limit(limit)
    )
    return [AgreementMatch(*row) for row in session.execute(query)]


def find_invoices(session: Session, pattern: str, limit: int) -> list[InvoiceMatch]:
    """Invoices and credit notes whose number, the other side's number or counterparty's
    name matches; the latest first."""
    query = (
        select(
            InvoiceRow.id,
            InvoiceRow.kind,
            InvoiceRow.number,
            InvoiceRow.their_number,
            PartyRow.name,
            InvoiceRow.status,
            InvoiceRow.issued_on,
            InvoiceRow.due_on,
            InvoiceRow.gross_total,
        )
        .join(PartyRow, PartyRow.id == InvoiceRow.counterparty_id)
        .where(
            or_(
                _like(InvoiceRow.number, pattern),
                _like(InvoiceRow.their_number, pattern),
                _like(PartyRow.name, pattern),
            )
        )
        .order_by(
            _starts_first(InvoiceRow.number, pattern),
            InvoiceRow.issued_on.desc().nulls_first(),
            InvoiceRow.id.desc(),
        )
        .limit(limit)
    )
    return [InvoiceMatch(*row) for row in session.execute(query)]
