"""Saved commission lines as reports show them, with the names they need."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from apporteur_desktop.domain.commissions import Explanation, LineKey
from apporteur_desktop.domain.enums import LineKind, LineStatus
from apporteur_desktop.domain.periods import Period

from .explanations import explanation_from_json
from .models import (
    AgreementRow,
    BusinessIdentityRow,
    CommissionLineRow,
    IntroductionRow,
    PartyRow,
)


@dataclass(frozen=True, slots=True)
class StoredLine:
    """A line as a report shows it: saved, or (no id, no status) only previewed."""

    id: int | None
    key: LineKey
    kind: LineKind
    amount: Decimal
    status: LineStatus | None
    explanation: Explanation
    event_date: date | None
    corrects_id: int | None


def lines_between(session: Session, first: Period, last: Period) -> list[StoredLine]:
    rows = session.scalars(
        select(CommissionLineRow)
        .where(CommissionLineRow.period >= first, CommissionLineRow.period <= last)
        .order_by(CommissionLineRow.period, CommissionLineRow.id)
    )
    return [_stored(row) for row in rows]


def lines_by_id(session: Session, ids: Iterable[int]) -> list[StoredLine]:
    wanted = list(ids)
    if not wanted:
        return []
    rows = session.scalars(select(CommissionLineRow).where(CommissionLineRow.id.in_(wanted)))
    return [_stored(row) for row in rows]


def _stored(row: CommissionLineRow) -> StoredLine:
    key = LineKey(
        row.agreement_id,
        row.introduction_id,
        row.period,
        row.event,
        row.engagement_id or 0,
        row.component_slot,
    )
    return StoredLine(
        row.id,
        key,
        row.kind,
        row.amount,
        row.status,
        explanation_from_json(row.explanation),
        row.event_date,
        row.corrects_id,
    )


def names_for(session: Session) -> dict[str, Any]:
    """Names a report needs: agreements (name, direction, counterparty), parties, introductions."""
    agreements = {
        r.id: (r.name, r.direction, r.counterparty_id)
        for r in session.execute(
            select(
                AgreementRow.id,
                AgreementRow.name,
                AgreementRow.direction,
                AgreementRow.counterparty_id,
            )
        )
    }
    parties = {r.id: r.name for r in session.execute(select(PartyRow.id, PartyRow.name))}
    introductions = {
        r.id: (r.client_id, r.introduced_on)
        for r in session.execute(
            select(IntroductionRow.id, IntroductionRow.client_id, IntroductionRow.introduced_on)
        )
    }
    me = session.scalar(select(BusinessIdentityRow.name)) or ""
    return {"agreements": agreements, "parties": parties, "introductions": introductions, "me": me}
