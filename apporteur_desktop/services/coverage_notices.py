"""Warnings for engagements their agreement does not cover (worked example B and the like)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..domain.ledger import LedgerSnapshot
from ..domain.pipeline import Engagement
from ..domain.problems import Notice
from ..engine.coverage import NO_RIGHTS_CLOCK, plan_rights


def uncovered_engagements(snapshot: LedgerSnapshot) -> Iterator[Notice]:
    """One notice per engagement that earns nothing under its agreement, saying why."""
    agreements = {a.id: a for a in snapshot.agreements}
    parties = {p.id: p.name for p in snapshot.parties}
    engagements: dict[int, list[Engagement]] = defaultdict(list)
    for engagement in snapshot.engagements:
        engagements[engagement.introduction_id].append(engagement)
    for introduction in snapshot.introductions:
        agreement = agreements[introduction.agreement_id]
        own = engagements.get(introduction.id or 0, [])
        plan = plan_rights(agreement, introduction, own)
        for engagement in own:
            reason = plan.reasons.get(engagement.id or 0, NO_RIGHTS_CLOCK)
            if reason:
                yield Notice.of(
                    reason,
                    subject=_subject(
                        agreement.name, parties.get(introduction.client_id, ""), engagement
                    ),
                )


def _subject(agreement: str, client: str, engagement: Engagement) -> str:
    label = engagement.label or engagement.kind.value
    return f"{agreement} / {client} / {label} ({engagement.start.isoformat()})"
