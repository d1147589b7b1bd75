"""A whole ledger's inputs in one go: save an imported snapshot, load everything back.

A snapshot's ids only agree among themselves (an import file numbers its own entities), so
saving gives every entity its database id and rewrites every reference to match. Rows go in
with bulk ``INSERT … RETURNING`` statements, not one ORM object each: an import can hold a
million revenue revisions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from apporteur_desktop.domain.agreements import Agreement, TermsVersion
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.pipeline import Engagement, Introduction, RevenueRevision
from apporteur_desktop.domain.problems import NotFound

from .bulk import insert_rows
from .mapping import (
    REVENUE_COLUMNS,
    agreement_from_row,
    agreement_values,
    business_identity_from_row,
    business_identity_values,
    component_values,
    engagement_from_row,
    engagement_values,
    introduction_from_row,
    introduction_values,
    party_from_row,
    party_values,
    revenue_values,
    step_values,
    terms_values,
    tier_values,
)
from .models import (
    AgreementRow,
    BusinessIdentityRow,
    ComponentRow,
    EngagementRow,
    IntroductionRow,
    IntroductionStepRow,
    PartyRow,
    RevenueRevisionRow,
    TermsRow,
    TierRow,
)

Values = dict[str, Any]


def _remap(ids: Mapping[int | None, int], what: str, old: int | None) -> int:
    try:
        return ids[old]
    except KeyError:
        raise NotFound(what, old) from None


def _id_map(entities: Sequence[Any], new_ids: Sequence[int]) -> dict[int | None, int]:
    # Entities without an id cannot be referred to, so they need no entry.
    return {e.id: new for e, new in zip(entities, new_ids, strict=True) if e.id is not None}


def save_snapshot(session: Session, snapshot: LedgerSnapshot, change_seq: int) -> LedgerSnapshot:
    """Insert every entity of ``snapshot`` (beside what the ledger already holds) and return
    the snapshot as saved: database ids, references rewritten to them.

    A reference to an id the snapshot does not hold raises ``NotFound``; the caller's
    transaction then rolls everything back.
    """
    if snapshot.identity is not None:
        session.merge(BusinessIdentityRow(id=1, **business_identity_values(snapshot.identity)))

    party_ids = insert_rows(session, PartyRow, [party_values(p) for p in snapshot.parties])
    parties = tuple(replace(p, id=new) for p, new in zip(snapshot.parties, party_ids, strict=True))
    party_map = _id_map(snapshot.parties, party_ids)

    agreements, agreement_map = _save_agreements(
        session, snapshot.agreements, party_map, change_seq
    )
    introductions, introduction_map = _save_introductions(
        session, snapshot.introductions, agreement_map, party_map, change_seq
    )
    engagements, engagement_map = _save_engagements(
        session, snapshot.engagements, introduction_map, change_seq
    )

    revenue_rows = [
        {
            **revenue_values(r, change_seq),
            "engagement_id": _remap(engagement_map, "engagement", r.engagement_id),
        }
        for r in snapshot.revenue
    ]
    revenue_ids = insert_rows(session, RevenueRevisionRow, revenue_rows)
    revenue = tuple(
        RevenueRevision(new_id, row["engagement_id"], r.period, r.amount, r.status, r.note)
        for r, row, new_id in zip(snapshot.revenue, revenue_rows, revenue_ids, strict=True)
    )
    return LedgerSnapshot(
        identity=snapshot.identity,
        parties=parties,
        agreements=agreements,
        introductions=introductions,
        engagements=engagements,
        revenue=revenue,
    )


def _save_agreements(
    session: Session,
    agreements: Sequence[Agreement],
    party_map: Mapping[int | None, int],
    change_seq: int,
) -> tuple[tuple[Agreement, ...], dict[int | None, int]]:
    counterparties = [_remap(party_map, "party", a.counterparty_id) for a in agreements]
    agreement_ids = insert_rows(
        session,
        AgreementRow,
        [
            {**agreement_values(a, change_seq), "counterparty_id": counterparty}
            for a, counterparty in zip(agreements, counterparties, strict=True)
        ],
    )
    # Versions, then components, then tiers: each level needs the ids of the one above.
    versions = [
        (aid, v) for a, aid in zip(agreements, agreement_ids, strict=True) for v in a.versions
    ]
    terms_ids = insert_rows(
        session,
        TermsRow,
        [{**terms_values(v, change_seq), "agreement_id": aid} for aid, v in versions],
    )
    components = [
        (tid, position, c)
        for (_, v), tid in zip(versions, terms_ids, strict=True)
        for position, c in enumerate(v.terms.components)
    ]
    component_ids = insert_rows(
        session,
        ComponentRow,
        [{**component_values(c, position), "terms_id": tid} for tid, position, c in components],
    )
    insert_rows(
        session,
        TierRow,
        [
            {**tier_values(tier, position), "component_id": cid}
            for (_, _, c), cid in zip(components, component_ids, strict=True)
            for position, tier in enumerate(c.tiers)
        ],
    )

    saved_versions = iter(terms_ids)
    saved = tuple(
        replace(
            a,
            id=aid,
            counterparty_id=counterparty,
            versions=tuple(_with_id(v, next(saved_versions)) for v in a.versions),
        )
        for a, aid, counterparty in zip(agreements, agreement_ids, counterparties, strict=True)
    )
    return saved, _id_map(agreements, agreement_ids)


def _with_id(version: TermsVersion, new_id: int) -> TermsVersion:
    return replace(version, id=new_id)


def _save_introductions(
    session: Session,
    introductions: Sequence[Introduction],
    agreement_map: Mapping[int | None, int],
    party_map: Mapping[int | None, int],
    change_seq: int,
) -> tuple[tuple[Introduction, ...], dict[int | None, int]]:
    saved = tuple(
        replace(
            i,
            agreement_id=_remap(agreement_map, "agreement", i.agreement_id),
            client_id=_remap(party_map, "party", i.client_id),
        )
        for i in introductions
    )
    new_ids = insert_rows(
        session, IntroductionRow, [introduction_values(i, change_seq) for i in saved]
    )
    insert_rows(
        session,
        IntroductionStepRow,
        [
            {**step_values(change, position), "introduction_id": new_id}
            for i, new_id in zip(saved, new_ids, strict=True)
            for position, change in enumerate(i.history)
        ],
    )
    saved = tuple(replace(i, id=new_id) for i, new_id in zip(saved, new_ids, strict=True))
    return saved, _id_map(introductions, new_ids)


def _save_engagements(
    session: Session,
    engagements: Sequence[Engagement],
    introduction_map: Mapping[int | None, int],
    change_seq: int,
) -> tuple[tuple[Engagement, ...], dict[int | None, int]]:
    # Trials are written first with no link: a conversion may come before its trial in the
    # snapshot, and its new id is only known once every engagement has one.
    rows = [
        {
            **engagement_values(e, change_seq),
            "introduction_id": _remap(introduction_map, "introduction", e.introduction_id),
            "converts_trial_id": None,
        }
        for e in engagements
    ]
    new_ids = insert_rows(session, EngagementRow, rows)
    engagement_map = _id_map(engagements, new_ids)
    links = {
        new_id: _remap(engagement_map, "engagement", e.converts_trial_id)
        for e, new_id in zip(engagements, new_ids, strict=True)
        if e.converts_trial_id is not None
    }
    if links:
        session.execute(
            update(EngagementRow),
            [{"id": new_id, "converts_trial_id": trial} for new_id, trial in links.items()],
        )
    saved = tuple(
        replace(
            e,
            id=new_id,
            introduction_id=row["introduction_id"],
            converts_trial_id=links.get(new_id),
        )
        for e, row, new_id in zip(engagements, rows, new_ids, strict=True)
    )
    return saved, engagement_map


def load_snapshot(session: Session) -> LedgerSnapshot:
    """Every input of the ledger, each kind in id order (revenue in recording order)."""
    identity_row = session.get(BusinessIdentityRow, 1)
    parties = tuple(
        party_from_row(row)
        for row in session.execute(select(PartyRow).order_by(PartyRow.id)).scalars()
    )
    agreements = tuple(
        agreement_from_row(row)
        for row in session.execute(
            select(AgreementRow)
            .order_by(AgreementRow.id)
            .options(
                selectinload(AgreementRow.versions)
                .selectinload(TermsRow.components)
                .selectinload(ComponentRow.tiers)
            )
        ).scalars()
    )
    introductions = tuple(
        introduction_from_row(row)
        for row in session.execute(
            select(IntroductionRow)
            .order_by(IntroductionRow.id)
            .options(selectinload(IntroductionRow.steps))
        ).scalars()
    )
    engagements = tuple(
        engagement_from_row(row)
        for row in session.execute(select(EngagementRow).order_by(EngagementRow.id)).scalars()
    )
    # Plain rows rather than ORM objects: a million revenue objects in the identity map would
    # cost memory and time for nothing. REVENUE_COLUMNS are in RevenueRevision's field order.
    revenue = tuple(
        RevenueRevision(*row)
        for row in session.execute(select(*REVENUE_COLUMNS).order_by(RevenueRevisionRow.id))
    )
    return LedgerSnapshot(
        identity=None if identity_row is None else business_identity_from_row(identity_row),
        parties=parties,
        agreements=agreements,
        introductions=introductions,
        engagements=engagements,
        revenue=revenue,
    )


def add_revenue_revisions(
    session: Session, revisions: Sequence[RevenueRevision], change_seq: int
) -> list[int]:
    """Record many revisions at once (a month end, a spreadsheet import); their new ids."""
    return insert_rows(
        session, RevenueRevisionRow, [revenue_values(r, change_seq) for r in revisions]
    )
