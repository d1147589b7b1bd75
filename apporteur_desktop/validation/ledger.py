"""A whole ledger snapshot: every entity's own rules, plus references and unique names.

Fields are relative to the snapshot: ``parties[0].identity.siret``,
``agreements[1].versions[0].terms.components[0].rate``, ``introductions[2].client_id``,
``engagements[3].converts_trial_id``, ``revenue[4].amount`` (indexes into the snapshot's tuples).
"""

from __future__ import annotations

from collections import defaultdict

from apporteur_desktop.domain.enums import Direction, PartyKind
from apporteur_desktop.domain.ledger import LedgerSnapshot
from apporteur_desktop.domain.parties import Party
from apporteur_desktop.domain.problems import Notice, Problem

from .agreements import check_agreement
from .parties import check_business_identity, check_party
from .pipeline import check_engagement, check_introduction, check_revenue
from .places import field_notice, notices_at, problems_at


def name_key(name: str) -> str:
    """How names are compared for uniqueness and references: spacing and case ignored."""
    return " ".join(name.split()).casefold()


def counterparty_kind(direction: Direction) -> PartyKind:
    """The provider owes me when earned; I owe the introducer when owed."""
    return PartyKind.PROVIDER if direction is Direction.EARNED else PartyKind.INTRODUCER


def _party_reference(
    field: str, party_id: int, expected: PartyKind, parties: dict[int | None, Party]
) -> list[Problem]:
    party = parties.get(party_id)
    if party is None:
        return [Problem.of(field, party_id, "unknown_party", kind=expected)]
    if party.kind is not expected:
        return [Problem.of(field, party_id, "unknown_party", kind=expected, found_kind=party.kind)]
    return []


def _parties(snapshot: LedgerSnapshot) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[PartyKind, str]] = set()
    for index, party in enumerate(snapshot.parties):
        place = f"parties[{index}]"
        problems += problems_at(place, check_party(party))
        key = (party.kind, name_key(party.name))
        if key[1] and key in seen:
            problems.append(
                Problem.of(f"{place}.identity.name", party.name, "duplicate_name", kind=party.kind)
            )
        seen.add(key)
    return problems


def _agreements(
    snapshot: LedgerSnapshot, parties: dict[int | None, Party]
) -> tuple[list[Problem], list[Notice]]:
    problems: list[Problem] = []
    notices: list[Notice] = []
    seen: set[str] = set()
    for index, agreement in enumerate(snapshot.agreements):
        place = f"agreements[{index}]"
        own_problems, own_notices = check_agreement(agreement)
        problems += problems_at(place, own_problems)
        notices += notices_at(place, own_notices)
        problems += _party_reference(
            f"{place}.counterparty_id",
            agreement.counterparty_id,
            counterparty_kind(agreement.direction),
            parties,
        )
        key = name_key(agreement.name)
        if key and key in seen:
            problems.append(Problem.of(f"{place}.name", agreement.name, "duplicate_name"))
        seen.add(key)
    return problems, notices


def _introductions(
    snapshot: LedgerSnapshot, parties: dict[int | None, Party]
) -> tuple[list[Problem], list[Notice]]:
    problems: list[Problem] = []
    notices: list[Notice] = []
    agreements = {a.id: a for a in snapshot.agreements}
    for index, introduction in enumerate(snapshot.introductions):
        place = f"introductions[{index}]"
        problems += problems_at(place, check_introduction(introduction))
        problems += _party_reference(
            f"{place}.client_id", introduction.client_id, PartyKind.CLIENT, parties
        )
        agreement = agreements.get(introduction.agreement_id)
        if agreement is None:
            problems.append(
                Problem.of(f"{place}.agreement_id", introduction.agreement_id, "unknown_agreement")
            )
        elif not agreement.is_valid_on(introduction.introduced_on):
            # PRODUCT.md: an introduction made outside the validity earns nothing.
            notices.append(
                field_notice(
                    f"{place}.introduced_on",
                    "introduction_outside_validity",
                    introduced_on=introduction.introduced_on,
                    valid_from=agreement.valid_from,
                    valid_until=agreement.valid_until,
                )
            )
    return problems, notices


def _engagements(snapshot: LedgerSnapshot) -> list[Problem]:
    problems: list[Problem] = []
    introduction_ids = {i.id for i in snapshot.introductions}
    by_introduction = defaultdict(list)
    for engagement in snapshot.engagements:
        by_introduction[engagement.introduction_id].append(engagement)
    labels: set[tuple[int, str]] = set()
    for index, engagement in enumerate(snapshot.engagements):
        place = f"engagements[{index}]"
        if engagement.introduction_id not in introduction_ids:
            problems.append(
                Problem.of(
                    f"{place}.introduction_id", engagement.introduction_id, "unknown_introduction"
                )
            )
        siblings = by_introduction[engagement.introduction_id]
        problems += problems_at(place, check_engagement(engagement, siblings))
        key = (engagement.introduction_id, name_key(engagement.label))
        if key[1] and key in labels:
            problems.append(Problem.of(f"{place}.label", engagement.label, "duplicate_label"))
        labels.add(key)
    return problems


def _revenue(snapshot: LedgerSnapshot) -> list[Problem]:
    problems: list[Problem] = []
    engagement_ids = {e.id for e in snapshot.engagements}
    by_engagement: dict[int, list[int]] = defaultdict(list)
    for index, revision in enumerate(snapshot.revenue):
        if revision.engagement_id not in engagement_ids:
            problems.append(
                Problem.of(
                    f"revenue[{index}].engagement_id", revision.engagement_id, "unknown_engagement"
                )
            )
        by_engagement[revision.engagement_id].append(index)
    for indexes in by_engagement.values():
        revisions = [snapshot.revenue[i] for i in indexes]
        for problem in check_revenue(revisions):
            # "[j].amount" is relative to this engagement's list: put it back at its place.
            position, _, rest = problem.field[1:].partition("]")
            field = f"revenue[{indexes[int(position)]}]{rest}"
            problems.append(Problem(field, problem.value, problem.code, problem.params))
    return problems


def validate_snapshot(snapshot: LedgerSnapshot) -> tuple[list[Problem], list[Notice]]:
    """Every problem and warning of the snapshot, in the order of its tuples."""
    problems: list[Problem] = []
    notices: list[Notice] = []
    if snapshot.identity is not None:
        problems += problems_at("identity", check_business_identity(snapshot.identity))
    parties = {p.id: p for p in snapshot.parties}
    problems += _parties(snapshot)
    agreement_problems, agreement_notices = _agreements(snapshot, parties)
    problems += agreement_problems
    notices += agreement_notices
    introduction_problems, introduction_notices = _introductions(snapshot, parties)
    problems += introduction_problems
    notices += introduction_notices
    problems += _engagements(snapshot)
    problems += _revenue(snapshot)
    return problems, notices
