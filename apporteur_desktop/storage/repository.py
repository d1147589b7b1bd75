"""Reading and writing ledger entities, one domain value at a time.

Every function takes the caller's ``Session`` and never commits: the service owns the
transaction (``ledger.transaction()``). Functions that change inputs take the transaction's
``change_seq`` (from :func:`next_change_seq`) and stamp it on the rows they write.
Whole-ledger imports and exports are in ``storage.snapshots`` (re-exported here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select, union, update
from sqlalchemy.orm import Session, selectinload

from apporteur_desktop.domain.agreements import Agreement, Component, TermsVersion
from apporteur_desktop.domain.enums import PartyKind
from apporteur_desktop.domain.parties import BusinessIdentity, Party
from apporteur_desktop.domain.pipeline import (
    Engagement,
    Introduction,
    RevenueRevision,
    StatusChange,
)
from apporteur_desktop.domain.problems import NotFound

from .mapping import (
    agreement_from_row,
    agreement_values,
    business_identity_from_row,
    business_identity_values,
    component_from_row,
    component_values,
    engagement_from_row,
    engagement_values,
    introduction_from_row,
    introduction_values,
    party_from_row,
    party_values,
    revenue_from_row,
    revenue_values,
    step_values,
    terms_values,
    terms_version_from_row,
    tier_values,
)
from .models import (
    AgreementRow,
    BusinessIdentityRow,
    CommissionLineRow,
    ComponentRow,
    EngagementRow,
    IntroductionRow,
    IntroductionStepRow,
    LedgerStateRow,
    PartyRow,
    RevenueRevisionRow,
    TermsRow,
    TierRow,
)
from .snapshots import load_snapshot, save_snapshot

__all__ = [
    "add_agreement",
    "add_amendment",
    "add_engagement",
    "add_introduction",
    "add_party",
    "add_revenue_revision",
    "add_status_change",
    "agreements_changed_since",
    "count_entities",
    "current_change_seq",
    "find_agreement_by_name",
    "find_party",
    "get_agreement",
    "get_engagement",
    "get_identity",
    "get_introduction",
    "get_party",
    "list_agreements",
    "list_engagements",
    "list_introductions",
    "list_parties",
    "list_revenue",
    "load_snapshot",
    "next_change_seq",
    "save_snapshot",
    "set_identity",
    "update_engagement",
]

_CHANGE_SEQ_KEY = "apporteur_change_seq"

# --- the ledger-wide change counter ----------------------------------------------------------


def next_change_seq(session: Session) -> int:
    """The change number of this transaction: the next one the first time it is asked for,
    the same one after that, so every row a service writes carries one number."""
    transaction = session.get_transaction()
    cached = session.info.get(_CHANGE_SEQ_KEY)
    if cached is not None and transaction is not None and cached[0] is transaction:
        return int(cached[1])
    # One UPDATE … RETURNING: the increment and the read cannot be split by another writer.
    seq = session.execute(
        update(LedgerStateRow)
        .where(LedgerStateRow.id == 1)
        .values(change_seq=LedgerStateRow.change_seq + 1)
        .returning(LedgerStateRow.change_seq)
    ).scalar_one()
    session.info[_CHANGE_SEQ_KEY] = (transaction, seq)
    return int(seq)


def current_change_seq(session: Session) -> int:
    """The last change number handed out: a commission run's watermark."""
    return int(session.execute(select(LedgerStateRow.change_seq)).scalar_one())


def agreements_changed_since(session: Session, change_seq: int) -> set[int]:
    """Ids of agreements whose inputs (terms, introductions, engagements, revenue) were
    written after ``change_seq``: what a commission run must look at again."""
    intro = IntroductionRow
    engagement = EngagementRow
    revenue = RevenueRevisionRow
    query = union(
        select(AgreementRow.id).where(AgreementRow.change_seq > change_seq),
        select(TermsRow.agreement_id).where(TermsRow.change_seq > change_seq),
        select(intro.agreement_id).where(intro.change_seq > change_seq),
        select(intro.agreement_id)
        .join(engagement, engagement.introduction_id == intro.id)
        .where(engagement.change_seq > change_seq),
        select(intro.agreement_id)
        .join(engagement, engagement.introduction_id == intro.id)
        .join(revenue, revenue.engagement_id == engagement.id)
        .where(revenue.change_seq > change_seq),
    )
    return {int(agreement_id) for agreement_id in session.execute(query).scalars()}


# --- parties and my own identity -------------------------------------------------------------


def add_party(session: Session, party: Party) -> Party:
    """Insert a party (its ``id`` is ignored) and return it with its id."""
    row = PartyRow(**party_values(party))
    session.add(row)
    session.flush()
    return party_from_row(row)


def get_party(session: Session, party_id: int) -> Party:
    row = session.get(PartyRow, party_id)
    if row is None:
        raise NotFound("party", party_id)
    return party_from_row(row)


def find_party(session: Session, kind: PartyKind, name: str) -> Party | None:
    row = session.execute(
        select(PartyRow).where(PartyRow.kind == kind, PartyRow.name == name)
    ).scalar_one_or_none()
    return None if row is None else party_from_row(row)


def list_parties(session: Session, kind: PartyKind | None = None) -> list[Party]:
    query = select(PartyRow).order_by(PartyRow.id)
    if kind is not None:
        query = query.where(PartyRow.kind == kind)
    return [party_from_row(row) for row in session.execute(query).scalars()]


def get_identity(session: Session) -> BusinessIdentity | None:
    row = session.get(BusinessIdentityRow, 1)
    return None if row is None else business_identity_from_row(row)


def set_identity(session: Session, identity: BusinessIdentity) -> None:
    """Create or replace my business identity (there is only ever one)."""
    values = business_identity_values(identity)
    row = session.get(BusinessIdentityRow, 1)
    if row is None:
        session.add(BusinessIdentityRow(id=1, **values))
    else:
        for name, value in values.items():
            setattr(row, name, value)
    session.flush()


# --- agreements ------------------------------------------------------------------------------


def _with_terms() -> Any:
    return (
        selectinload(AgreementRow.versions)
        .selectinload(TermsRow.components)
        .selectinload(ComponentRow.tiers)
    )


def _terms_row(version: TermsVersion, change_seq: int) -> TermsRow:
    row = TermsRow(**terms_values(version, change_seq))
    row.components = [
        ComponentRow(
            **component_values(component, position),
            tiers=[TierRow(**tier_values(tier, n)) for n, tier in enumerate(component.tiers)],
        )
        for position, component in enumerate(version.terms.components)
    ]
    return row


def add_agreement(session: Session, agreement: Agreement, change_seq: int) -> Agreement:
    """Insert an agreement with all its versions; ids in ``agreement`` are ignored."""
    row = AgreementRow(**agreement_values(agreement, change_seq))
    row.versions = [_terms_row(version, change_seq) for version in agreement.versions]
    session.add(row)
    session.flush()
    return agreement_from_row(row)


def _agreement_row(session: Session, agreement_id: int) -> AgreementRow:
    row = session.execute(
        select(AgreementRow).where(AgreementRow.id == agreement_id).options(_with_terms())
    ).scalar_one_or_none()
    if row is None:
        raise NotFound("agreement", agreement_id)
    return row


def get_agreement(session: Session, agreement_id: int) -> Agreement:
    return agreement_from_row(_agreement_row(session, agreement_id))


def get_agreements(session: Session, agreement_ids: Iterable[int]) -> dict[int, Agreement]:
    """These agreements by id, with their terms; ids that name no agreement are left out.

    Four reads of plain rows for them all, not ORM objects: the engagements list reads the
    agreements of a page of 200 rows on the UI thread, and building (then collecting) a
    thousand ORM objects each time made scrolling it stall.
    """
    ids = sorted(set(agreement_ids))
    if not ids:
        return {}
    terms = TermsRow.__table__
    components = ComponentRow.__table__
    tiers = TierRow.__table__
    of_these = terms.c.agreement_id.in_(ids)
    tiers_of: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(
        select(tiers)
        .join(components, components.c.id == tiers.c.component_id)
        .join(terms, terms.c.id == components.c.terms_id)
        .where(of_these)
        .order_by(tiers.c.component_id, tiers.c.position)
    ):
        tiers_of[row.component_id].append(row)
    components_of: dict[int, list[Component]] = defaultdict(list)
    for row in session.execute(
        select(components)
        .join(terms, terms.c.id == components.c.terms_id)
        .where(of_these)
        .order_by(components.c.terms_id, components.c.position)
    ):
        components_of[row.terms_id].append(component_from_row(row, tiers_of[row.id]))
    versions_of: dict[int, list[TermsVersion]] = defaultdict(list)
    # The original terms first, then amendments by date: the order of AgreementRow.versions.
    for row in session.execute(
        select(terms)
        .where(of_these)
        .order_by(terms.c.agreement_id, terms.c.effective_on.nulls_first(), terms.c.id)
    ):
        versions_of[row.agreement_id].append(terms_version_from_row(row, components_of[row.id]))
    agreements = AgreementRow.__table__
    rows = session.execute(select(agreements).where(agreements.c.id.in_(ids)))
    return {row.id: agreement_from_row(row, versions_of[row.id]) for row in rows}


def find_agreement_by_name(session: Session, name: str) -> Agreement | None:
    row = session.execute(
        select(AgreementRow).where(AgreementRow.name == name).options(_with_terms())
    ).scalar_one_or_none()
    return None if row is None else agreement_from_row(row)


def list_agreements(session: Session) -> list[Agreement]:
    query = select(AgreementRow).order_by(AgreementRow.id).options(_with_terms())
    return [agreement_from_row(row) for row in session.execute(query).scalars()]


def add_amendment(
    session: Session, agreement_id: int, version: TermsVersion, change_seq: int
) -> Agreement:
    """Add a dated terms version to an agreement; returns the agreement, versions in order."""
    row = _agreement_row(session, agreement_id)
    row.versions.append(_terms_row(version, change_seq))
    row.change_seq = change_seq
    session.flush()
    # Reload so the new version takes its place by date, not at the end of the list.
    session.expire(row, ["versions"])
    return agreement_from_row(row)


# --- introductions ---------------------------------------------------------------------------


def add_introduction(session: Session, introduction: Introduction, change_seq: int) -> Introduction:
    row = IntroductionRow(**introduction_values(introduction, change_seq))
    row.steps = [
        IntroductionStepRow(**step_values(change, position))
        for position, change in enumerate(introduction.history)
    ]
    session.add(row)
    session.flush()
    return introduction_from_row(row)


def _introduction_row(session: Session, introduction_id: int) -> IntroductionRow:
    row = session.get(
        IntroductionRow, introduction_id, options=[selectinload(IntroductionRow.steps)]
    )
    if row is None:
        raise NotFound("introduction", introduction_id)
    return row


def get_introduction(session: Session, introduction_id: int) -> Introduction:
    return introduction_from_row(_introduction_row(session, introduction_id))


def list_introductions(session: Session, agreement_id: int | None = None) -> list[Introduction]:
    query = (
        select(IntroductionRow)
        .order_by(IntroductionRow.id)
        .options(selectinload(IntroductionRow.steps))
    )
    if agreement_id is not None:
        query = query.where(IntroductionRow.agreement_id == agreement_id)
    return [introduction_from_row(row) for row in session.execute(query).scalars()]


def add_status_change(
    session: Session, introduction_id: int, change: StatusChange, change_seq: int
) -> Introduction:
    """Append a step to an introduction's history; returns the introduction."""
    row = _introduction_row(session, introduction_id)
    row.steps.append(IntroductionStepRow(**step_values(change, len(row.steps))))
    row.change_seq = change_seq
    session.flush()
    return introduction_from_row(row)


# --- engagements and revenue -----------------------------------------------------------------


def add_engagement(session: Session, engagement: Engagement, change_seq: int) -> Engagement:
    row = EngagementRow(**engagement_values(engagement, change_seq))
    session.add(row)
    session.flush()
    return engagement_from_row(row)


def _engagement_row(session: Session, engagement_id: int) -> EngagementRow:
    row = session.get(EngagementRow, engagement_id)
    if row is None:
        raise NotFound("engagement", engagement_id)
    return row


def get_engagement(session: Session, engagement_id: int) -> Engagement:
    return engagement_from_row(_engagement_row(session, engagement_id))


def list_engagements(session: Session, introduction_id: int | None = None) -> list[Engagement]:
    query = select(EngagementRow).order_by(EngagementRow.id)
    if introduction_id is not None:
        query = query.where(EngagementRow.introduction_id == introduction_id)
    return [engagement_from_row(row) for row in session.execute(query).scalars()]


def update_engagement(session: Session, engagement: Engagement, change_seq: int) -> Engagement:
    """Store every field of ``engagement`` over the row with its id (e.g. a termination)."""
    if engagement.id is None:
        raise NotFound("engagement", None)
    row = _engagement_row(session, engagement.id)
    for name, value in engagement_values(engagement, change_seq).items():
        setattr(row, name, value)
    session.flush()
    return engagement_from_row(row)


def add_revenue_revision(
    session: Session, revision: RevenueRevision, change_seq: int
) -> RevenueRevision:
    """Record a revision; its id gives its place in the recording order."""
    row = RevenueRevisionRow(**revenue_values(revision, change_seq))
    session.add(row)
    session.flush()
    return revenue_from_row(row)


def list_revenue(session: Session, engagement_id: int | None = None) -> list[RevenueRevision]:
    """Revisions in recording order."""
    query = select(RevenueRevisionRow).order_by(RevenueRevisionRow.id)
    if engagement_id is not None:
        query = query.where(RevenueRevisionRow.engagement_id == engagement_id)
    return [revenue_from_row(row) for row in session.execute(query).scalars()]


# --- counts ----------------------------------------------------------------------------------


def count_entities(session: Session) -> dict[str, int]:
    """How many of each: providers, clients, introducers, agreements, introductions,
    engagements, revenue_entries, commission_lines (every key present, zeros included)."""
    counts = {kind.value + "s": 0 for kind in PartyKind}
    by_kind = session.execute(select(PartyRow.kind, func.count()).group_by(PartyRow.kind))
    for kind, count in by_kind:
        counts[PartyKind(kind).value + "s"] = int(count)
    for key, model in (
        ("agreements", AgreementRow),
        ("introductions", IntroductionRow),
        ("engagements", EngagementRow),
        ("revenue_entries", RevenueRevisionRow),
        ("commission_lines", CommissionLineRow),
    ):
        counts[key] = int(session.execute(select(func.count()).select_from(model)).scalar_one())
    return counts
