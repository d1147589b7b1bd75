"""Agreements a page at a time (the agreements list), and changing an agreement in place.

A page is one ``COUNT`` and one ``ORDER BY … LIMIT/OFFSET`` select over the agreements joined
to their counterparty, with the number of introductions of each from a grouped subquery: a
ledger with hundreds of agreements never loads them, nor their terms, to list them. Like every
storage function, these take the caller's ``Session`` and never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from apporteur_desktop.domain.agreements import Agreement
from apporteur_desktop.domain.enums import Direction
from apporteur_desktop.domain.problems import NotFound

from .mapping import (
    agreement_from_row,
    agreement_values,
    component_values,
    terms_values,
    tier_values,
)
from .models import (
    AgreementRow,
    CommissionLineRow,
    ComponentRow,
    IntroductionRow,
    PartyRow,
    TierRow,
)

SORT_KEYS = ("name", "counterparty", "valid_from")


@dataclass(frozen=True, slots=True)
class AgreementListing:
    """What the list shows of one agreement."""

    id: int
    name: str
    direction: Direction
    counterparty: str
    valid_from: date
    valid_until: date | None
    introductions: int


def page_agreements(
    session: Session,
    *,
    direction: Direction | None = None,
    like: str | None = None,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> tuple[list[AgreementListing], int]:
    """The agreements of ``direction`` (both when None) whose name or counterparty's name
    matches the SQL LIKE pattern ``like`` (escaped with ``\\``), in ``sort`` order, from
    ``offset``; and how many match in all."""
    counts = (
        select(IntroductionRow.agreement_id, func.count().label("n"))
        .group_by(IntroductionRow.agreement_id)
        .subquery()
    )
    query: Select[Any] = (
        select(
            AgreementRow.id,
            AgreementRow.name,
            AgreementRow.direction,
            PartyRow.name.label("counterparty"),
            AgreementRow.valid_from,
            AgreementRow.valid_until,
            func.coalesce(counts.c.n, 0).label("introductions"),
        )
        .join(PartyRow, PartyRow.id == AgreementRow.counterparty_id)
        .outerjoin(counts, counts.c.agreement_id == AgreementRow.id)
    )
    if direction is not None:
        query = query.where(AgreementRow.direction == direction)
    if like is not None and like.strip("%"):
        query = query.where(
            or_(AgreementRow.name.like(like, escape="\\"), PartyRow.name.like(like, escape="\\"))
        )
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    ordered = query.order_by(*_order(sort, descending)).offset(offset).limit(limit)
    rows = [AgreementListing(*row) for row in session.execute(ordered)]
    return rows, int(total)


def _order(sort: str, descending: bool) -> list[Any]:
    name = AgreementRow.name.collate("NOCASE")
    columns: dict[str, Any] = {
        "name": name,
        "counterparty": PartyRow.name.collate("NOCASE"),
        "valid_from": AgreementRow.valid_from,
    }
    column = columns.get(sort, name)
    return [column.desc() if descending else column.asc(), name.asc(), AgreementRow.id.asc()]


def agreement_names(session: Session) -> list[tuple[int, str]]:
    """Every agreement's id and name (two columns only): names are compared the way the
    import compares them (spacing and case ignored), which SQL ``lower`` cannot do for
    accented letters."""
    rows = session.execute(select(AgreementRow.id, AgreementRow.name))
    return [(int(agreement_id), str(name)) for agreement_id, name in rows]


def counterparty_name(session: Session, agreement_id: int) -> str:
    name = session.execute(
        select(PartyRow.name)
        .join(AgreementRow, AgreementRow.counterparty_id == PartyRow.id)
        .where(AgreementRow.id == agreement_id)
    ).scalar_one_or_none()
    if name is None:
        raise NotFound("agreement", agreement_id)
    return str(name)


def introduction_count(session: Session, agreement_id: int) -> int:
    query = select(func.count()).where(IntroductionRow.agreement_id == agreement_id)
    return int(session.execute(query).scalar_one())


def has_commission_lines(session: Session, agreement_id: int) -> bool:
    """Whether a commission line was ever saved under the agreement (invoiced or not)."""
    test = exists().where(CommissionLineRow.agreement_id == agreement_id)
    return bool(session.execute(select(test)).scalar_one())


def update_agreement(
    session: Session, agreement: Agreement, change_seq: int, *, original_terms: bool = False
) -> Agreement:
    """Store the agreement's own columns over the row with its id; with ``original_terms``,
    its first version's terms over the stored original terms too (amendments are untouched).

    The change is stamped with ``change_seq``, so the next commission run looks at the
    agreement again (a new end date can leave introductions uncovered).
    """
    if agreement.id is None:
        raise NotFound("agreement", None)
    row = session.get(AgreementRow, agreement.id)
    if row is None:
        raise NotFound("agreement", agreement.id)
    for name, value in agreement_values(agreement, change_seq).items():
        setattr(row, name, value)
    if original_terms:
        _replace_terms(session, row, agreement, change_seq)
    session.flush()
    session.expire(row, ["versions"])
    return agreement_from_row(row)


def _replace_terms(
    session: Session, row: AgreementRow, agreement: Agreement, change_seq: int
) -> None:
    original, version = row.versions[0], agreement.versions[0]
    for name, value in terms_values(version, change_seq).items():
        if name not in ("effective_on", "note"):
            setattr(original, name, value)
    # Components are numbered by position, unique per terms: the old ones go first, in a flush
    # of their own, before the new ones take the same positions.
    original.components.clear()
    session.flush()
    original.components.extend(
        ComponentRow(
            **component_values(component, position),
            tiers=[TierRow(**tier_values(tier, n)) for n, tier in enumerate(component.tiers)],
        )
        for position, component in enumerate(version.terms.components)
    )
