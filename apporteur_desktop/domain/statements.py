"""Commission statements (« relevés de commissions ») in the owed direction.

Someone introduced clients to me and I owe them commissions. I do not invoice them: I give them a
statement of what I owe over a range of months, line by line, with what is already paid and what
remains (PRODUCT.md "Two directions"). A ``Statement`` holds it as the document says it; the PDF
is made from it and from nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from .enums import LineStatus
from .money import ZERO
from .parties import BusinessIdentity, LegalIdentity

# The statuses a statement shows, in the order a line moves through them.
STATEMENT_STATUSES = (LineStatus.DUE, LineStatus.INVOICED, LineStatus.PAID)


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One commission line I owe, already worded for the reader."""

    period: str  # « 2026-03 »: the month of the revenue or of the event
    event_date: date | None  # the day a fee fell due (qualification, signature), if any
    client: str
    agreement: str
    description: str  # « 20 % du CA HT », « Régularisation de mars 2026 »
    base: Decimal | None
    rate: Decimal | None  # percent
    amount: Decimal  # excluding VAT; negative for a correction or a clawback
    status: LineStatus

    def __post_init__(self) -> None:
        # A cancelled line is owed by nobody: counting it would make every total wrong.
        if self.status not in STATEMENT_STATUSES:
            raise ValueError(f"a statement line cannot be {self.status.value}")


@dataclass(frozen=True, slots=True)
class Statement:
    """What I owe one introducer over whole months, ``first`` to ``last`` included."""

    payer: BusinessIdentity  # me
    introducer: LegalIdentity
    first: date  # the first day of the first month
    last: date  # the last day of the last month
    issued_on: date
    lines: tuple[StatementLine, ...]  # in the order they are printed
    currency: str = "EUR"

    @property
    def total(self) -> Decimal:
        """Everything owed over the range, corrections and clawbacks included."""
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def paid(self) -> Decimal:
        return self.totals_by_status[LineStatus.PAID]

    @property
    def outstanding(self) -> Decimal:
        """What remains to pay: invoiced by the introducer or not yet."""
        return self.total - self.paid

    @property
    def totals_by_status(self) -> Mapping[LineStatus, Decimal]:
        """The sum of each status's amounts; every status of a statement has an entry."""
        totals = dict.fromkeys(STATEMENT_STATUSES, ZERO)
        for line in self.lines:
            totals[line.status] += line.amount
        return MappingProxyType(totals)
