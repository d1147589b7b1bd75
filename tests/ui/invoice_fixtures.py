"""Ledgers for the invoices view, built through the services as a user would build them.

``ledger_in_every_state`` holds one document in each state the list can show (draft, issued,
partly paid, paid, overdue, cancelled, a credit note, an invoice received from an introducer);
``ledger_with_drafts`` holds many drafts, cheap to make (no PDF), for paging.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from apporteur_desktop.domain.enums import Direction
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.services import commissions, credit_notes, invoicing, payments
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.invoice_views import InvoiceView
from apporteur_desktop.services.received import TheirInvoice, record_their_invoice
from tests.services.invoicing_ledgers import (
    INTRODUCER,
    MARCH,
    PROVIDER,
    MovableClock,
    agreement,
    ledger_file,
    on,
    ready_ledger,
)

APRIL = Period(2026, 4)
# The day the list is looked at: the March invoices (due 2 May) are overdue by then.
TODAY = date(2026, 5, 10)

# Provider → (month of its revenue, revenue excl. VAT); 20 % of it is invoiced.
REVENUE = {
    "Atelier Numérique SAS": ("2026-03", "1000.00"),  # paid
    "Studio Lumière SARL": ("2026-03", "1450.00"),  # cancelled by a credit note
    "Cabinet Verdier": ("2026-03", "2200.00"),  # overdue
    "Web Artisans SAS": ("2026-04", "1800.00"),  # issued, not yet due
    "Agence Horizon": ("2026-04", "3100.00"),  # partly paid
    "Imprimerie Moreau": ("2026-04", "900.00"),  # still a draft
}
CLIENTS = ("Boulangerie Dupont", "Garage Lefèvre")


@dataclass(frozen=True, slots=True)
class EveryState:
    paid: InvoiceView
    cancelled: InvoiceView
    credit_note: InvoiceView
    overdue: InvoiceView
    issued: InvoiceView
    partly_paid: InvoiceView
    draft: InvoiceView
    received: InvoiceView  # Paul Girard's invoice to me (owed direction), overdue too


def _provider(name: str) -> dict[str, object]:
    return {**PROVIDER, "name": name}


@contextmanager
def ledger_in_every_state(
    folder: Path, language: str = "fr"
) -> Iterator[tuple[AppContext, EveryState]]:
    agreements = [
        agreement(name, counterparty=name, revenue=(period_and_amount,))
        for name, period_and_amount in REVENUE.items()
    ]
    agreements.append(
        agreement(
            "Girard",
            direction="owed",
            counterparty="Paul Girard",
            client="Garage Lefèvre",
            revenue=(("2026-03", "1500.00"),),
        )
    )
    parties = [_provider(name) for name in REVENUE]
    parties += [INTRODUCER, *({"kind": "client", "name": c} for c in CLIENTS)]
    content = ledger_file(agreements, parties=parties)
    with ready_ledger(folder, content, language=language) as ctx:  # today: 2 April 2026
        names = list(REVENUE)
        march = _issue(ctx, MARCH, names[:3])
        paid = payments.record_payment(ctx, march[0].number, march[0].gross_total, date(2026, 4, 2))
        credit_note = credit_notes.cancel_invoice(ctx, march[1].number, "Wrong client")
        received = record_their_invoice(
            ctx,
            Direction.OWED,
            "Paul Girard",
            TheirInvoice("PG-2026-07", date(2026, 4, 1), Decimal("300.00")),
            MARCH,
        )
        assert isinstance(ctx.clock, MovableClock)
        ctx.clock.moment = on(TODAY)
        commissions.run_commissions(ctx, APRIL, APRIL, preview=False)
        april = _issue(ctx, APRIL, names[3:5])
        partly = payments.record_payment(ctx, april[1].number, Decimal("100.00"), TODAY)
        (draft,) = invoicing.prepare_drafts(ctx, APRIL, names[5]).drafts
        yield (
            ctx,
            EveryState(
                paid=paid,
                cancelled=march[1],
                credit_note=credit_note,
                overdue=march[2],
                issued=april[0],
                partly_paid=partly,
                draft=draft,
                received=received,
            ),
        )


def _issue(ctx: AppContext, period: Period, providers: list[str]) -> list[InvoiceView]:
    """One invoice per provider, in the order given (so numbers follow that order)."""
    issued = []
    for name in providers:
        _drafts, done = invoicing.issue_for_period(ctx, period, name)
        issued += done.documents
    return issued


def draft_provider(index: int) -> str:
    return f"Prestataire {index:03d}"


@contextmanager
def ledger_with_drafts(folder: Path, count: int) -> Iterator[AppContext]:
    """``count`` drafts, one per provider; provider ``i`` is owed 20 % of (1,000 + i) €."""
    names = [draft_provider(i) for i in range(count)]
    agreements = [
        agreement(f"A{i}", counterparty=name, revenue=(("2026-03", f"{1000 + i}.00"),))
        for i, name in enumerate(names)
    ]
    parties = [_provider(name) for name in names] + [{"kind": "client", "name": CLIENTS[0]}]
    with ready_ledger(folder, ledger_file(agreements, parties=parties)) as ctx:
        assert len(invoicing.prepare_drafts(ctx, MARCH).drafts) == count
        yield ctx
