"""A ledger for the month's revenue sheet: one engagement for each way a line is pre-filled.

In March 2026 (the month closed on 2 April, ``today``):

- Boulangerie Dupont (Example A, Atelier): March already recorded, 1,250.00 confirmed;
- Cabinet Leroy (Example B, Atelier, trial only): February's 1,200.00 is the expectation, and
  the agreement does not cover this long-term engagement (worked example B);
- Garage Moreau (Nantes, Nantes Conseil): no figure yet, its monthly fee is 950.00;
- Librairie Petit (Girard, owed to Paul Girard): no figure, no fee: nothing to go by.

Not in March's sheet: a one-off project, a trial of February with no end date, a retainer
that ended on 28 February, an engagement starting in April.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.storage import repository
from tests.services.invoicing_ledgers import IDENTITY, INTRODUCER, PROVIDER, MovableClock, on

MARCH = Period(2026, 3)
CLIENTS = (
    "Boulangerie Dupont",
    "Cabinet Leroy",
    "Garage Moreau",
    "Librairie Petit",
    "Hôtel Rousseau",
    "Ferme Girard",
)


def _terms(coverage: str = "trial_and_conversion") -> dict[str, Any]:
    return {
        "components": [{"kind": "revenue_percent", "rate": "20"}],
        "rights": {"kind": "months", "months": 12},
        "trial_coverage": coverage,
        "payment_terms": {"kind": "net", "days": 30},
    }


def _agreement(
    name: str, counterparty: str, introductions: list[dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "direction": extra.pop("direction", "earned"),
        "counterparty": counterparty,
        "valid_from": "2025-12-01",
        "terms": _terms(extra.pop("coverage", "trial_and_conversion")),
        "introductions": introductions,
    }


def _trial_then_retainer(client: str, march: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "client": client,
        "introduced_on": "2025-12-10",
        "engagements": [
            {
                "label": "trial",
                "kind": "trial",
                "start": "2026-01-01",
                "end": "2026-01-31",
                "amount": "800.00",
                "revenue": [{"period": "2026-01", "amount": "800.00"}],
            },
            {
                "label": "retainer",
                "kind": "long_term",
                "start": "2026-02-01",
                "amount": "1200.00",
                "converts_trial": "trial",
                "revenue": [{"period": "2026-02", "amount": "1200.00"}, *march],
            },
        ],
    }


def _one(client: str, *engagements: dict[str, Any]) -> dict[str, Any]:
    return {"client": client, "introduced_on": "2025-12-15", "engagements": list(engagements)}


def month_ledger_file() -> dict[str, Any]:
    nantes = {**PROVIDER, "name": "Nantes Conseil SARL", "siren": "732829320"}
    nantes["siret"] = "73282932000017"
    return {
        "format": "apporteur-ledger",
        "version": 1,
        "identity": IDENTITY,
        "parties": [
            PROVIDER,
            nantes,
            INTRODUCER,
            *({"kind": "client", "name": name} for name in CLIENTS),
        ],
        "agreements": [
            _agreement(
                "Example A",
                "Atelier Numérique SAS",
                [
                    _trial_then_retainer(
                        "Boulangerie Dupont",
                        [{"period": "2026-03", "amount": "1250.00", "status": "confirmed"}],
                    )
                ],
            ),
            _agreement(
                "Example B",
                "Atelier Numérique SAS",
                [_trial_then_retainer("Cabinet Leroy", [])],
                coverage="trial_only",
            ),
            _agreement(
                "Nantes",
                "Nantes Conseil SARL",
                [
                    _one(
                        "Garage Moreau",
                        {"kind": "long_term", "start": "2026-03-01", "amount": "950.00"},
                    ),
                    _one(
                        "Hôtel Rousseau",
                        {"kind": "one_off", "start": "2026-03-10", "amount": "50000.00"},
                    ),
                    _one(
                        "Ferme Girard",
                        {"label": "trial", "kind": "trial", "start": "2026-02-01"},
                        {
                            "label": "old retainer",
                            "kind": "long_term",
                            "start": "2025-12-01",
                            "end": "2026-02-28",
                        },
                        {"label": "next", "kind": "long_term", "start": "2026-04-01"},
                    ),
                ],
            ),
            _agreement(
                "Girard",
                "Paul Girard",
                [_one("Librairie Petit", {"kind": "long_term", "start": "2026-02-01"})],
                direction="owed",
            ),
        ],
    }


@contextmanager
def month_ledger(
    folder: Path, *, language: str = "en", today: date = date(2026, 4, 2)
) -> Iterator[AppContext]:
    clock = MovableClock(on(today))
    with open_context(str(folder / "data"), {}, Translator(language), clock) as ctx:
        import_ledger(ctx, json.dumps(month_ledger_file()))
        yield ctx


def engagement_of(ctx: AppContext, client: str) -> int:
    """The id of the engagement of ``client`` that runs in March (the last one recorded)."""
    with ctx.ledger.transaction(write=False) as session:
        parties = {p.id: p.name for p in repository.list_parties(session)}
        for introduction in repository.list_introductions(session):
            if parties[introduction.client_id] == client:
                engagements = repository.list_engagements(session, introduction.id)
                return engagements[-1].id or 0
    raise LookupError(client)
