"""Long work behind a progress dialog whose Cancel asks the task to stop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from .tasks import TaskRunner

# A quick task should not flash a dialog; a slow one shows it after this long.
PROGRESS_DELAY_MS = 300


def start_with_progress(
    parent: QWidget,
    tasks: TaskRunner,
    label: str,
    work: Callable[[], Any],
    done: Callable[[Any], None],
    error: Callable[[BaseException], None],
) -> QProgressDialog | None:
    """Run ``work`` through the task runner behind an indeterminate progress dialog whose
    Cancel asks the task to stop. None when another task is running."""
    progress = QProgressDialog(parent)
    progress.setObjectName("taskProgress")
    progress.setLabelText(label)
    progress.setRange(0, 0)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.canceled.connect(tasks.cancel)
    # QProgressDialog shows itself only as setValue advances, which a busy one never does.
    QTimer.singleShot(PROGRESS_DELAY_MS, progress, lambda: tasks.busy and progress.show())

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        # The window may have closed while the task ran: its widgets are gone, so is the news.
        if shiboken6.isValid(progress):
            progress.hide()
            progress.deleteLater()
            callback(value)

    if not tasks.start(work, lambda r: finish(done, r), lambda p: finish(error, p)):
        progress.deleteLater()
        return None
    return progress
