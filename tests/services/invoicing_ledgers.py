"""Ledgers ready to invoice, for the invoicing tests: my identity, a provider, an agreement.

``ready_ledger(folder, ...)`` imports one earned agreement (20 % of revenue, 12 months,
30-day clawback) with one client whose March 2026 revenue is 1,000 €, and returns an open
context whose clock the test can move with ``ctx.clock.moment = ...``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services import commissions
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.exchange import import_ledger

MARCH = Period(2026, 3)

IDENTITY = {
    "name": "Jeanne Martin",
    "sole_trader": True,
    "siren": "123456782",
    "siret": "12345678200010",
    "address": {"street": "12 rue Mercière", "postcode": "69002", "city": "Lyon"},
    "vat_regime": "franchise",
    "iban": "FR7630006000011234567890189",
    "bic": "AGRIFRPP882",
}

REGISTERED = {
    "name": "Conseil Durand SARL",
    "legal_form": "SARL",
    "share_capital": "10000.00",
    "siren": "732829320",
    "siret": "73282932000017",
    "vat_number": "FR44732829320",
    "registration": "RCS Lyon 732 829 320",
    "address": {"street": "8 quai Saint-Vincent", "postcode": "69001", "city": "Lyon"},
    "vat_regime": "registered",
    "vat_rate": "20",
    "iban": "FR7630006000011234567890189",
}

PROVIDER = {
    "kind": "provider",
    "name": "Atelier Numérique SAS",
    "legal_form": "SAS",
    "siren": "987654324",
    "siret": "98765432400019",
    "address": {"street": "5 avenue Foch", "postcode": "75008", "city": "Paris"},
}

INTRODUCER = {
    "kind": "introducer",
    "name": "Paul Girard",
    "sole_trader": True,
    "siren": "443061841",
    "siret": "44306184100013",
    "address": {"street": "3 place du Capitole", "postcode": "31000", "city": "Toulouse"},
}


def agreement(
    name: str = "Atelier",
    *,
    direction: str = "earned",
    counterparty: str = "Atelier Numérique SAS",
    self_billing: bool = False,
    client: str = "Boulangerie Dupont",
    revenue: tuple[tuple[str, str], ...] = (("2026-03", "1000.00"),),
) -> dict[str, Any]:
    return {
        "name": name,
        "direction": direction,
        "counterparty": counterparty,
        "self_billing": self_billing,
        "signed_on": "2026-01-05",
        "valid_from": "2026-01-05",
        "terms": {
            "components": [{"kind": "revenue_percent", "rate": "20"}],
            "rights": {"kind": "months", "months": 12},
            "clawback_days": 30,
            "payment_terms": {"kind": "net", "days": 30},
        },
        "introductions": [
            {
                "client": client,
                "introduced_on": "2026-01-20",
                "engagements": [
                    {
                        "label": "retainer",
                        "kind": "long_term",
                        "start": "2026-03-01",
                        "revenue": [{"period": p, "amount": a} for p, a in revenue],
                    }
                ],
            }
        ],
    }


def ledger_file(
    agreements: list[dict[str, Any]] | None = None,
    identity: dict[str, Any] | None = IDENTITY,
    parties: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    content: dict[str, Any] = {
        "format": "apporteur-ledger",
        "version": 1,
        "parties": copy.deepcopy(
            parties
            or [
                PROVIDER,
                INTRODUCER,
                {"kind": "client", "name": "Boulangerie Dupont"},
                {"kind": "client", "name": "Garage Lefèvre"},
            ]
        ),
        "agreements": agreements or [agreement()],
    }
    if identity is not None:
        content["identity"] = identity
    return content


class MovableClock:
    """A clock the test moves forward, as the months go by."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.date()


def on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


@contextmanager
def ready_ledger(
    folder: Path,
    content: dict[str, Any] | None = None,
    *,
    today: date = date(2026, 4, 2),
    language: str = "fr",
    run_through: Period | None = MARCH,
) -> Iterator[AppContext]:
    """A ledger imported from ``content``, with commissions saved up to ``run_through``."""
    with open_context(
        str(folder / "data"), {}, Translator(language), MovableClock(on(today))
    ) as ctx:
        import_ledger(ctx, json.dumps(content or ledger_file()))
        if run_through is not None:
            commissions.run_commissions(ctx, Period(2026, 1), run_through, preview=False)
        yield ctx
