"""A small ledger whose dashboard figures can be worked out by hand, built as a user would.

Looked at on 2 June 2026, over January–May 2026 (all amounts excluding VAT, franchise):

- « Atelier » (earned, Atelier Numérique SAS): worked example A — 20 %, 12 months, trial and
  conversion. Boulangerie Dupont, introduced 10 Dec 2025: trial January at 800 (signed 20 Dec),
  long-term from 1 February at 1,200 (signed 25 Jan). Lines: January 160, Feb–May 240 each.
  Invoiced 400 on 2 March (paid in full on 20 March) and 240 on 2 April (unpaid, due 2 May).
- « Studio » (earned, Studio Lumière SARL): 10 %, 12 months, ends 20 June 2026.
  Garage Lefèvre, introduced 3 Feb, signed 20 Feb, long-term from 1 March at 1,000: March and
  April entered, May not. Lines: March 100, April 100; March invoiced on 2 April (100, due
  2 May), 40 paid on 15 April. Fleurs Martin, introduced 5 March, qualified, lost. Pressing
  Léa, introduced 1 April, a trial signed 25 May for 1–7 June at 300.
- « Verdier » (earned, Cabinet Verdier): in force since January 2025, nothing ever signed.
- « Girard » (owed, Paul Girard): 15 %, 6 months. Café Bleu, introduced 1 March, signed
  15 March, long-term from 1 April at 2,000: April and May entered (300 owed each). Paul's
  invoice PG-2026-05 of 300 for April, dated 1 May, due 31 May, unpaid.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from apporteur_desktop.domain.enums import Direction
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services import commissions, invoicing, payments
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.services.received import TheirInvoice, record_their_invoice

from .invoicing_ledgers import IDENTITY, INTRODUCER, PROVIDER, MovableClock, on

TODAY = date(2026, 6, 2)
FIRST, LAST = Period(2026, 1), Period(2026, 5)
CLIENTS = ("Boulangerie Dupont", "Garage Lefèvre", "Fleurs Martin", "Pressing Léa", "Café Bleu")
PROVIDERS = ("Atelier Numérique SAS", "Studio Lumière SARL", "Cabinet Verdier")


def _revenue(*months: tuple[str, str]) -> list[dict[str, str]]:
    return [{"period": period, "amount": amount} for period, amount in months]


def _steps(*steps: tuple[str, str]) -> list[dict[str, str]]:
    return [{"status": status, "on": day} for status, day in steps]


def _terms(rate: str, months: int) -> dict[str, Any]:
    return {
        "components": [{"kind": "revenue_percent", "rate": rate}],
        "rights": {"kind": "months", "months": months},
        "payment_terms": {"kind": "net", "days": 30},
    }


ATELIER = {
    "name": "Atelier",
    "direction": "earned",
    "counterparty": PROVIDERS[0],
    "signed_on": "2025-11-28",
    "valid_from": "2025-12-01",
    "terms": _terms("20", 12),
    "introductions": [
        {
            "client": "Boulangerie Dupont",
            "introduced_on": "2025-12-10",
            "steps": _steps(
                ("qualified", "2025-12-15"), ("trial", "2025-12-20"), ("won", "2026-01-25")
            ),
            "engagements": [
                {
                    "label": "essai",
                    "kind": "trial",
                    "start": "2026-01-01",
                    "end": "2026-01-31",
                    "amount": "800.00",
                    "signed_on": "2025-12-20",
                    "revenue": _revenue(("2026-01", "800.00")),
                },
                {
                    "label": "forfait",
                    "kind": "long_term",
                    "start": "2026-02-01",
                    "amount": "1200.00",
                    "signed_on": "2026-01-25",
                    "converts_trial": "essai",
                    "revenue": _revenue(*((f"2026-0{m}", "1200.00") for m in range(2, 6))),
                },
            ],
        }
    ],
}

STUDIO = {
    "name": "Studio",
    "direction": "earned",
    "counterparty": PROVIDERS[1],
    "valid_from": "2026-01-05",
    "valid_until": "2026-06-20",
    "terms": _terms("10", 12),
    "introductions": [
        {
            "client": "Garage Lefèvre",
            "introduced_on": "2026-02-03",
            "steps": _steps(("qualified", "2026-02-10"), ("won", "2026-02-20")),
            "engagements": [
                {
                    "label": "forfait",
                    "kind": "long_term",
                    "start": "2026-03-01",
                    "amount": "1000.00",
                    "signed_on": "2026-02-20",
                    "revenue": _revenue(("2026-03", "1000.00"), ("2026-04", "1000.00")),
                }
            ],
        },
        {
            "client": "Fleurs Martin",
            "introduced_on": "2026-03-05",
            "steps": _steps(("qualified", "2026-03-10"), ("lost", "2026-03-20")),
        },
        {
            "client": "Pressing Léa",
            "introduced_on": "2026-04-01",
            "steps": _steps(("qualified", "2026-04-05"), ("trial", "2026-05-25")),
            "engagements": [
                {
                    "label": "essai",
                    "kind": "trial",
                    "start": "2026-06-01",
                    "end": "2026-06-07",
                    "amount": "300.00",
                    "signed_on": "2026-05-25",
                }
            ],
        },
    ],
}

VERDIER = {
    "name": "Verdier",
    "direction": "earned",
    "counterparty": PROVIDERS[2],
    "valid_from": "2025-01-01",
    "terms": _terms("10", 12),
}

GIRARD = {
    "name": "Girard",
    "direction": "owed",
    "counterparty": "Paul Girard",
    "signed_on": "2026-02-20",
    "valid_from": "2026-02-25",
    "terms": _terms("15", 6),
    "introductions": [
        {
            "client": "Café Bleu",
            "introduced_on": "2026-03-01",
            "engagements": [
                {
                    "label": "forfait",
                    "kind": "long_term",
                    "start": "2026-04-01",
                    "amount": "2000.00",
                    "signed_on": "2026-03-15",
                    "revenue": _revenue(("2026-04", "2000.00"), ("2026-05", "2000.00")),
                }
            ],
        }
    ],
}


def ledger_content() -> dict[str, Any]:
    parties = [{**PROVIDER, "name": name} for name in PROVIDERS]
    parties += [INTRODUCER, *({"kind": "client", "name": client} for client in CLIENTS)]
    return {
        "format": "apporteur-ledger",
        "version": 1,
        "identity": IDENTITY,
        "parties": parties,
        "agreements": [ATELIER, STUDIO, VERDIER, GIRARD],
    }


@contextmanager
def dashboard_ledger(folder: Path, language: str = "fr") -> Iterator[AppContext]:
    """The ledger above, its months run and invoiced as they went by; the clock on 2 June."""
    clock = MovableClock(on(date(2026, 3, 2)))
    with open_context(str(folder / "data"), {}, Translator(language), clock) as ctx:
        import_ledger(ctx, json.dumps(ledger_content()))
        commissions.run_commissions(ctx, Period(2026, 1), Period(2026, 2), preview=False)
        (first,) = invoicing.issue_for_period(ctx, Period(2026, 2), PROVIDERS[0])[1].documents
        payments.record_payment(ctx, first.number, Decimal("400.00"), date(2026, 3, 20))
        clock.moment = on(date(2026, 4, 2))
        commissions.run_commissions(ctx, Period(2026, 3), Period(2026, 3), preview=False)
        invoicing.issue_for_period(ctx, Period(2026, 3), PROVIDERS[0])
        (studio,) = invoicing.issue_for_period(ctx, Period(2026, 3), PROVIDERS[1])[1].documents
        payments.record_payment(ctx, studio.number, Decimal("40.00"), date(2026, 4, 15))
        clock.moment = on(date(2026, 5, 2))
        commissions.run_commissions(ctx, Period(2026, 4), Period(2026, 4), preview=False)
        received = TheirInvoice("PG-2026-05", date(2026, 5, 1), Decimal("300.00"))
        record_their_invoice(ctx, Direction.OWED, "Paul Girard", received, Period(2026, 4))
        clock.moment = on(TODAY)
        commissions.run_commissions(ctx, Period(2026, 5), Period(2026, 5), preview=False)
        yield ctx


@contextmanager
def empty_ledger(folder: Path, language: str = "fr") -> Iterator[AppContext]:
    """Nothing but my identity."""
    content = {"format": "apporteur-ledger", "version": 1, "identity": IDENTITY}
    with open_context(
        str(folder / "data"), {}, Translator(language), MovableClock(on(TODAY))
    ) as ctx:
        import_ledger(ctx, json.dumps(content))
        yield ctx
