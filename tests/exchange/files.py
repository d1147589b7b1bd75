"""Small ledger files written the way a person would write them, for the exchange tests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from apporteur_desktop.domain.problems import Problem, Refused
from apporteur_desktop.exchange import read_ledger

LEA = {"kind": "provider", "name": "Atelier Léa"}
PETIT = {"kind": "client", "name": "Boulangerie Petit"}
MARC = {"kind": "introducer", "name": "Marc Colin"}


def twenty_percent(name: str = "Atelier Léa — 20 %", **fields: Any) -> dict[str, Any]:
    """Worked example A's agreement: 20 % of revenue, 12 months, trial and conversion."""
    return {
        "name": name,
        "direction": "earned",
        "counterparty": "Atelier Léa",
        "valid_from": "2026-01-01",
        "terms": {"components": [{"kind": "revenue_percent", "rate": "20"}]},
    } | fields


def trial_then_retainer() -> dict[str, Any]:
    """Worked example A's introduction: a trial in January at 800, then 1,200 a month."""
    return {
        "client": "Boulangerie Petit",
        "introduced_on": "2026-01-02",
        "engagements": [
            {
                "label": "essai",
                "kind": "trial",
                "start": "2026-01-05",
                "end": "2026-01-31",
                "amount": "800",
                "revenue": [{"period": "2026-01", "amount": "800"}],
            },
            {
                "label": "retainer",
                "kind": "long_term",
                "start": "2026-02-01",
                "amount": "1200",
                "converts_trial": "essai",
                "revenue": [{"period": "2026-02", "amount": "1200"}],
            },
        ],
    }


def ledger(*agreements: dict[str, Any], parties: list[dict] | None = None, **top: Any) -> str:
    document = {
        "format": "apporteur-ledger",
        "version": 1,
        "parties": [LEA, PETIT, MARC] if parties is None else parties,
        "agreements": list(agreements),
    } | top
    return json.dumps(document, ensure_ascii=False, indent=2)


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(Refused) as refused:
        read_ledger(text)
    return refused.value.problems


def refused(text: str) -> list[tuple[str, str]]:
    """Every (path in the file, code) the reader refuses the text with."""
    return [(p.field, p.code) for p in problems_of(text)]
