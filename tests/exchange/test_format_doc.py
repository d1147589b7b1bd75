"""The example in docs/ledger-format.md must itself be a good file."""

from __future__ import annotations

import re
from pathlib import Path

from apporteur_desktop.exchange import read_ledger, read_ledger_with_notices, write_ledger

DOC = Path(__file__).parents[2] / "docs" / "ledger-format.md"


def example() -> str:
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1, "the format description has one complete example"
    return blocks[0]


def test_the_documented_example_reads_cleanly():
    snapshot, notices = read_ledger_with_notices(example())
    assert notices == []
    assert [a.name for a in snapshot.agreements] == ["Atelier Léa — 20 %", "Marc Colin — 15 %"]
    assert len(snapshot.agreements[0].versions) == 2
    assert [e.label for e in snapshot.engagements] == ["essai", "contrat annuel", "engagement 1"]


def test_the_documented_example_survives_a_round_trip():
    snapshot = read_ledger(example())
    text = write_ledger(snapshot)
    assert read_ledger(text) == snapshot
    assert write_ledger(read_ledger(text)) == text
