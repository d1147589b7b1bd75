"""The ledger window: where the ledger is and what it holds, painted offscreen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from apporteur_desktop.i18n import Translator
from apporteur_desktop.infra.clock import FixedClock
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.ui.app import LedgerWindow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "worked-examples.json"


def expected_counts() -> dict[str, int]:
    """What the worked examples file holds, counted from the file itself."""
    data = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    introductions = [i for a in data["agreements"] for i in a.get("introductions", [])]
    engagements = [e for i in introductions for e in i.get("engagements", [])]
    return {
        "providers": sum(p["kind"] == "provider" for p in data["parties"]),
        "clients": sum(p["kind"] == "client" for p in data["parties"]),
        "introducers": sum(p["kind"] == "introducer" for p in data["parties"]),
        "agreements": len(data["agreements"]),
        "introductions": len(introductions),
        "engagements": len(engagements),
        "revenue_entries": sum(len(e.get("revenue", [])) for e in engagements),
        "commission_lines": 0,
    }


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
    with open_context(str(tmp_path / "ledger"), {}, Translator("fr"), clock) as context:
        import_ledger(context, EXAMPLES.read_text(encoding="utf-8"))
        yield context


def label(window: LedgerWindow, name: str) -> str:
    found = window.findChild(QLabel, name)
    assert found is not None, f"no label named {name}"
    return found.text()


def test_the_window_shows_the_ledger_path_and_what_it_holds(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    window = LedgerWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert label(window, "ledgerPath") == str(tmp_path / "ledger" / "ledger.sqlite3")
    counts = expected_counts()
    assert counts["agreements"] == 8 and counts["providers"] == 3  # the file as PRODUCT.md has it
    for key, count in counts.items():
        assert label(window, f"count_{key}") == str(count), key


def test_the_window_paints(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    window = LedgerWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shot = tmp_path / "w.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 0
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 100 and image.height() > 100
    # Not a blank rectangle: the labels drew something.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, 120, 2)}
    assert len(colours) > 2
