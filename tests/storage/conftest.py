"""A fresh ledger file in each test's own folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from apporteur_desktop.storage.db import Ledger, open_ledger

NOW = datetime(2026, 3, 14, 15, 9, 26)


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "ledger.sqlite3"


@pytest.fixture
def backups_dir(tmp_path: Path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def ledger(ledger_path: Path, backups_dir: Path) -> Iterator[Ledger]:
    opened = open_ledger(ledger_path, backups_dir=backups_dir, now=NOW)
    yield opened
    opened.close()
