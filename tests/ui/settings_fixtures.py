"""Ledgers, a task runner and typing helpers for the Settings view and onboarding tests.

Imported by those test modules (not a conftest: other UI tests have fixtures of their own).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from apporteur_desktop.services.context import AppContext
from apporteur_desktop.ui.tasks import TaskRunner
from tests.services.invoicing_ledgers import ledger_file, ready_ledger


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """Jeanne Martin EI, under the VAT franchise, in French (the clock on 2 April 2026)."""
    with ready_ledger(tmp_path, run_through=None) as context:
        yield context


@pytest.fixture
def english_ctx(tmp_path: Path) -> Iterator[AppContext]:
    """The same ledger in English, for tests that read a message's words."""
    with ready_ledger(tmp_path, run_through=None, language="en") as context:
        yield context


@pytest.fixture
def new_ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A ledger with no identity yet: the first run."""
    with ready_ledger(tmp_path, ledger_file(identity=None), run_through=None) as context:
        yield context


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


def type_over(qtbot: QtBot, editor: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Replace the editor's text by typing, as a user would (so textEdited fires)."""
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(editor, text)


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a check box or radio button on its indicator: the widget spans the whole form
    column, and a click in its middle lands on empty space, as it would for a user."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def finish_tasks(qtbot: QtBot, runner: TaskRunner) -> None:
    """Wait until the task started by the last click has run and its answer been shown."""
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
