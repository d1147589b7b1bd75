"""Comparing snapshots "up to ids": the reader numbers every kind 1, 2, … in file order."""

from __future__ import annotations

import itertools
from dataclasses import replace

from apporteur_desktop.domain.ledger import LedgerSnapshot


def renumbered(snapshot: LedgerSnapshot) -> LedgerSnapshot:
    """The snapshot as the reader would number and order it: parties, then each agreement with
    its versions, its introductions, their engagements and their revenue, in nesting order."""
    party_ids = {p.id: n for n, p in enumerate(snapshot.parties, 1)}
    parties = tuple(replace(p, id=party_ids[p.id]) for p in snapshot.parties)
    version_ids = itertools.count(1)
    agreements, introductions, engagements, revenue = [], [], [], []
    engagement_ids: dict[int | None, int] = {}
    for number, agreement in enumerate(snapshot.agreements, 1):
        versions = tuple(replace(v, id=next(version_ids)) for v in agreement.versions)
        agreements.append(
            replace(
                agreement,
                id=number,
                counterparty_id=party_ids[agreement.counterparty_id],
                versions=versions,
            )
        )
        for introduction in (i for i in snapshot.introductions if i.agreement_id == agreement.id):
            introductions.append(
                replace(
                    introduction,
                    id=len(introductions) + 1,
                    agreement_id=number,
                    client_id=party_ids[introduction.client_id],
                )
            )
            own = [e for e in snapshot.engagements if e.introduction_id == introduction.id]
            first = len(engagements) + 1
            for offset, engagement in enumerate(own):
                engagement_ids[engagement.id] = first + offset
            for engagement in own:
                engagements.append(
                    replace(
                        engagement,
                        id=engagement_ids[engagement.id],
                        introduction_id=len(introductions),
                        converts_trial_id=engagement_ids.get(engagement.converts_trial_id),
                    )
                )
                for figure in (r for r in snapshot.revenue if r.engagement_id == engagement.id):
                    revenue.append(
                        replace(
                            figure, id=len(revenue) + 1, engagement_id=engagement_ids[engagement.id]
                        )
                    )
    return replace(
        snapshot,
        parties=parties,
        agreements=tuple(agreements),
        introductions=tuple(introductions),
        engagements=tuple(engagements),
        revenue=tuple(revenue),
    )
