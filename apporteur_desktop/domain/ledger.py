"""A whole ledger's inputs as plain values: what is imported, exported and fed to the engine."""

from __future__ import annotations

from dataclasses import dataclass

from .agreements import Agreement
from .parties import BusinessIdentity, Party
from .pipeline import Engagement, Introduction, RevenueRevision


@dataclass(frozen=True, slots=True)
class LedgerSnapshot:
    """Ids inside a snapshot only need to agree with each other: an imported file numbers
    its entities itself and storage gives them their real ids when it saves them.

    Revenue revisions are in recording order; so are the other tuples.
    """

    identity: BusinessIdentity | None
    parties: tuple[Party, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    introductions: tuple[Introduction, ...] = ()
    engagements: tuple[Engagement, ...] = ()
    revenue: tuple[RevenueRevision, ...] = ()
