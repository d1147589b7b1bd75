"""The dialogs whose OK button records something: one service call, run off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from ...domain.problems import Problem, Refused
from ...i18n import N_
from ...services.context import AppContext
from ..feedback import show_failure
from ..tasks import TaskRunner

Dialog = TypeVar("Dialog", bound=QDialog)
BUSY = N_("Another task is running; try again when it ends.")


def open_modal(dialog: Dialog, accepted: Callable[[], None]) -> Dialog:
    """Open ``dialog`` window-modal; ``accepted()`` once the user's action has succeeded. The
    dialog deletes itself when closed."""
    dialog.accepted.connect(accepted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class ServiceDialog(QDialog):
    """``run(work)`` calls the service through the task runner. Meanwhile the buttons wait and
    the dialog cannot be closed (that would hide whether it was recorded). On success
    ``recorded`` holds the result and the dialog is accepted; a refusal goes to ``refused``
    and the dialog stays open to be corrected; any other failure is shown in a message box.

    A subclass builds ``buttons``, and shows messages (``say``) and a refusal's problems
    (``refused``) in its own widgets.
    """

    buttons: QDialogButtonBox

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.recorded: Any = None
        self._running = False

    def run(self, work: Callable[[], Any]) -> None:
        if self.tasks.start(work, self._done, self._failed):
            self.set_running(True)
        else:
            self.say(self.ctx.translator.gettext(BUSY))

    def set_running(self, running: bool) -> None:
        self._running = running
        self.buttons.setEnabled(not running)

    def say(self, text: str) -> None:
        """Tell why nothing was recorded; the dialogs show it under their fields."""
        QMessageBox.information(self, self.windowTitle(), text)

    def refused(self, problems: list[Problem]) -> None:
        """Show a refusal's problems; the dialogs put each one next to its field."""
        show_failure(self, self.ctx.translator, Refused(problems))

    def failed(self, failure: BaseException) -> None:
        if isinstance(failure, Refused):
            self.refused(failure.problems)
        else:
            show_failure(self, self.ctx.translator, failure)

    def _done(self, result: Any) -> None:
        self.set_running(False)
        self.recorded = result
        self.accept()

    def _failed(self, failure: BaseException) -> None:
        self.set_running(False)
        self.failed(failure)

    def reject(self) -> None:
        if not self._running:
            super().reject()
