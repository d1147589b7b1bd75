"""What the dashboard shows, as plain values: its figures, its reminders and their wording.

Kept apart from the reads in :mod:`.dashboard` so that the desktop view can lay itself out and
paint before the storage layer (SQLAlchemy's ORM) is imported: the figures arrive after.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..domain.enums import Direction
from ..domain.money import ZERO
from ..domain.periods import Period
from ..formatting import date_text, money_text, month_text, rate_text
from ..i18n import N_, Translator

if TYPE_CHECKING:
    from ..engine.forecast import ForecastMonth
    from ..storage.dashboard_queries import Dormant


@dataclass(frozen=True, slots=True)
class Ratio:
    """``part`` out of ``whole``; no percentage when there is nothing to divide by."""

    part: int
    whole: int

    @property
    def percent(self) -> Decimal | None:
        """Exact (rounded only for display); None for an empty whole."""
        return None if not self.whole else Decimal(self.part) * 100 / self.whole


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Introductions made in the range, what became of them, and the signatures of the range."""

    introductions: int
    qualification: Ratio  # qualified / introduced
    conversion: Ratio  # won / introduced
    trials: Ratio  # trials started in the range that converted into a long-term engagement
    signatures: int  # introductions whose first engagement was signed in the range
    median_days: Decimal | None  # from introduction to first signature


@dataclass(frozen=True, slots=True)
class PartyTotal:
    """One provider (earned) or introducer (owed) over the range, excluding VAT."""

    party_id: int
    name: str
    revenue: Decimal  # what the provider billed the introduced clients
    commission: Decimal  # saved commission lines, corrections included
    paid: Decimal  # payments of the range on its documents


@dataclass(frozen=True, slots=True)
class MonthTotals:
    """One month of the earned direction: commissions earned, invoiced and paid."""

    period: Period
    earned: Decimal
    invoiced: Decimal
    paid: Decimal


@dataclass(frozen=True, slots=True)
class Dashboard:
    first: Period
    last: Period
    today: date
    pipeline: Pipeline  # my introductions (earned direction)
    received: Pipeline  # introductions made to me (owed direction)
    providers: tuple[PartyTotal, ...]  # by commission, largest first
    introducers: tuple[PartyTotal, ...]
    months: tuple[MonthTotals, ...]
    overdue: Decimal  # left to pay today on earned invoices past due, excluding VAT
    overdue_count: int
    forecast: tuple[ForecastMonth, ...]  # from the month of ``today``
    dormant: tuple[Dormant, ...]

    @property
    def earned(self) -> Decimal:
        return sum((m.earned for m in self.months), ZERO)

    @property
    def invoiced(self) -> Decimal:
        return sum((m.invoiced for m in self.months), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((m.paid for m in self.months), ZERO)

    @property
    def revenue(self) -> Decimal:
        return sum((p.revenue for p in self.providers), ZERO)

    @property
    def owed(self) -> Decimal:
        return sum((p.commission for p in self.introducers), ZERO)

    @property
    def owed_paid(self) -> Decimal:
        return sum((p.paid for p in self.introducers), ZERO)

    @property
    def forecast_earned(self) -> Decimal:
        return sum((m.earned for m in self.forecast), ZERO)


# --- reminders ----------------------------------------------------------------------------------

TRIAL_ENDING = "trial_ending"
REVENUE_MISSING = "revenue_missing"
INVOICE_OVERDUE = "invoice_overdue"
AGREEMENT_ENDING = "agreement_ending"

# What each kind of reminder opens: a view key and, as the subject, one of its items.
REMINDER_VIEWS: Mapping[str, str] = {
    TRIAL_ENDING: "engagements",
    REVENUE_MISSING: "revenue",
    INVOICE_OVERDUE: "invoices",
    AGREEMENT_ENDING: "agreements",
}

REMINDER_KINDS: Mapping[str, str] = {
    TRIAL_ENDING: N_("Trial ending"),
    REVENUE_MISSING: N_("Revenue to enter"),
    INVOICE_OVERDUE: N_("Invoice overdue"),
    AGREEMENT_ENDING: N_("Agreement ending"),
}

# By kind and direction: in the owed direction I am the provider, the other side introduced.
REMINDER_MESSAGES: Mapping[tuple[str, Direction], str] = {
    (TRIAL_ENDING, Direction.EARNED): N_("Trial of {client} with {counterparty} ends on {date}"),
    (TRIAL_ENDING, Direction.OWED): N_(
        "Trial of {client} (introduced by {counterparty}) ends on {date}"
    ),
    (REVENUE_MISSING, Direction.EARNED): N_(
        "Revenue of {month} not entered: {client} with {counterparty}"
    ),
    (REVENUE_MISSING, Direction.OWED): N_(
        "Revenue of {month} not entered: {client} (introduced by {counterparty})"
    ),
    (INVOICE_OVERDUE, Direction.EARNED): N_(
        "Invoice {number} to {counterparty}, due on {date}: {amount} to collect"
    ),
    (INVOICE_OVERDUE, Direction.OWED): N_(
        "Invoice {number} from {counterparty}, due on {date}: {amount} to pay"
    ),
    (AGREEMENT_ENDING, Direction.EARNED): N_("Agreement « {agreement} » ends on {date}"),
    (AGREEMENT_ENDING, Direction.OWED): N_("Agreement « {agreement} » ends on {date}"),
}


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something to act on. ``title`` is data (a client, an invoice number, an agreement's
    name), never words; ``reminder_text`` words the whole reminder."""

    kind: str
    subject_view: str  # the view that shows the subject
    subject_id: int  # the engagement, invoice or agreement
    title: str
    due_on: date | None  # the trial's or agreement's end, the invoice's due date
    direction: Direction
    counterparty: str = ""
    period: Period | None = None  # the month whose revenue is missing
    amount: Decimal | None = None  # left to pay on an overdue invoice, VAT included


def reminder_text(tr: Translator, reminder: Reminder) -> str:
    """The reminder in the user's words and formats."""
    language = tr.language
    message = tr.gettext(REMINDER_MESSAGES[(reminder.kind, reminder.direction)])
    day, period, amount = reminder.due_on, reminder.period, reminder.amount
    return message.format(
        client=reminder.title,
        counterparty=reminder.counterparty,
        number=reminder.title,
        agreement=reminder.title,
        date="" if day is None else date_text(day, language),
        month="" if period is None else month_text(period.first_day(), language),
        amount="" if amount is None else money_text(amount, language),
    )


def percent_text(value: Decimal | None, language: str) -> str:
    """A rate rounded to one decimal for display, « — » when there was nothing to divide."""
    if value is None:
        return "—"
    return rate_text(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), language)
