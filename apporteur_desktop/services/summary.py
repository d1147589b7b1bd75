"""What the ledger holds, at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from ..storage import repository
from .context import AppContext


@dataclass(frozen=True, slots=True)
class LedgerSummary:
    path: str
    counts: dict[str, int]


def ledger_summary(ctx: AppContext) -> LedgerSummary:
    with ctx.ledger.transaction(write=False) as session:
        counts = repository.count_entities(session)
    return LedgerSummary(str(ctx.paths.ledger_file), counts)
