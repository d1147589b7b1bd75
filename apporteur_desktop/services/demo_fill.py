"""``apporteur demo``: fill an empty ledger with the sample data of ``services.demo``."""

from __future__ import annotations

from ..storage import repository
from ..storage.snapshots import save_snapshot
from .context import AppContext
from .demo import build_demo
from .errors import UserError


def fill_demo(ctx: AppContext, scale: int, months: int = 18) -> dict[str, int]:
    """Write the demo ledger in one transaction; refuses a ledger that already holds data."""
    snapshot = build_demo(ctx.clock.today(), scale=scale, months=months)
    with ctx.ledger.transaction() as session:
        if any(count for count in repository.count_entities(session).values()):
            raise UserError.of("ledger_not_empty")
        save_snapshot(session, snapshot, repository.next_change_seq(session))
    return {
        "agreements": len(snapshot.agreements),
        "engagements": len(snapshot.engagements),
        "revenue": len(snapshot.revenue),
    }
