"""Ledgers for the pipeline tests: introductions at every stage, under three agreements.

- « Atelier » (earned, Atelier Numérique SAS): 20 % for 12 months, trial and conversion.
  Boulangerie Dupont was introduced on 10 January 2026 and has taken no step yet.
- « Essai seul » (earned, Studio Lumière SARL): 20 %, trial only — worked example B.
  Garage Lefèvre was introduced on 10 December 2025, qualified, met, and has been on a
  one-month trial at 800 € since 1 January 2026.
- « Girard » (owed, Paul Girard introduced a client to me): Fleuriste Martin, introduced on
  1 February 2026 and qualified on the 10th.

``many`` adds that many introductions under « Atelier » (clients « Client 0001»…), their
statuses going round the pipeline, for paging and counting. The clock reads 2 March 2026.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.exchange import import_ledger
from tests.services.invoicing_ledgers import IDENTITY, INTRODUCER, PROVIDER, MovableClock, on

TODAY = date(2026, 3, 2)
STUDIO = {**PROVIDER, "name": "Studio Lumière SARL", "siren": "", "siret": ""}
# The statuses the generated introductions go round: introduced, qualified, meeting, trial,
# won, lost (each list is the steps taken).
ROUND = (
    [],
    ["qualified"],
    ["qualified", "meeting"],
    ["qualified", "meeting", "trial"],
    ["qualified", "meeting", "trial", "won"],
    ["qualified", "lost"],
)


def _terms(coverage: str) -> dict[str, Any]:
    return {
        "components": [{"kind": "revenue_percent", "rate": "20"}],
        "rights": {"kind": "months", "months": 12},
        "trial_coverage": coverage,
        "clawback_days": 30,
    }


def client_name(index: int) -> str:
    return f"Client {index:04d}"


def _generated(count: int) -> list[dict[str, Any]]:
    introductions = []
    for index in range(count):
        steps = ROUND[index % len(ROUND)]
        introduced = date(2025, 7, 1 + index % 28)
        introductions.append(
            {
                "client": client_name(index),
                "introduced_on": introduced.isoformat(),
                "notes": "salon" if index % 10 == 0 else "",
                "steps": [
                    {"status": status, "on": date(2025, 8 + n, 1 + index % 28).isoformat()}
                    for n, status in enumerate(steps)
                ],
            }
        )
    return introductions


def pipeline_file(many: int = 0) -> dict[str, Any]:
    parties = [
        PROVIDER,
        STUDIO,
        INTRODUCER,
        *({"kind": "client", "name": name} for name in CLIENTS),
        *({"kind": "client", "name": client_name(i)} for i in range(many)),
    ]
    atelier = {
        "name": "Atelier",
        "direction": "earned",
        "counterparty": PROVIDER["name"],
        "valid_from": "2025-06-01",
        "terms": _terms("trial_and_conversion"),
        "introductions": [
            {"client": "Boulangerie Dupont", "introduced_on": "2026-01-10", "notes": "salon"},
            *_generated(many),
        ],
    }
    trial_only = {
        "name": "Essai seul",
        "direction": "earned",
        "counterparty": STUDIO["name"],
        "valid_from": "2025-06-01",
        "terms": _terms("trial_only"),
        "introductions": [
            {
                "client": "Garage Lefèvre",
                "introduced_on": "2025-12-10",
                "steps": [
                    {"status": "qualified", "on": "2025-12-15"},
                    {"status": "meeting", "on": "2025-12-20"},
                    {"status": "trial", "on": "2026-01-01"},
                ],
                "engagements": [
                    {
                        "label": "essai",
                        "kind": "trial",
                        "start": "2026-01-01",
                        "end": "2026-01-31",
                        "amount": "800.00",
                    }
                ],
            }
        ],
    }
    owed = {
        "name": "Girard",
        "direction": "owed",
        "counterparty": INTRODUCER["name"],
        "valid_from": "2025-06-01",
        "terms": _terms("trial_and_conversion"),
        "introductions": [
            {
                "client": "Fleuriste Martin",
                "introduced_on": "2026-02-01",
                "steps": [{"status": "qualified", "on": "2026-02-10"}],
            }
        ],
    }
    return {
        "format": "apporteur-ledger",
        "version": 1,
        "identity": IDENTITY,
        "parties": parties,
        "agreements": [atelier, trial_only, owed],
    }


CLIENTS = ("Boulangerie Dupont", "Garage Lefèvre", "Fleuriste Martin")


@contextmanager
def pipeline_ledger(folder: Path, many: int = 0, language: str = "en") -> Iterator[AppContext]:
    with open_context(
        str(folder / "data"), {}, Translator(language), MovableClock(on(TODAY))
    ) as ctx:
        import_ledger(ctx, json.dumps(pipeline_file(many)))
        yield ctx
