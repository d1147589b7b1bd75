"""Telling the user why an action failed, in the words the command uses too; asking what to do
with unsaved changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from ..i18n import Translator
from ..services.wording import word_failure


def show_failure(parent: QWidget, tr: Translator, failure: BaseException) -> None:
    """A refusal or a user mistake becomes a message box listing every problem; anything
    else is a bug and is raised again, so it is never hidden behind a vague message."""
    lines = word_failure(tr, failure)
    if lines is None:
        raise failure
    box = QMessageBox(
        QMessageBox.Icon.Warning, tr.gettext("Apporteur Desktop"), lines[0], parent=parent
    )
    if len(lines) > 1:
        box.setText(tr.gettext("This cannot be done as it is:"))
        box.setInformativeText("\n".join(f"• {line}" for line in lines))
    box.setObjectName("failureMessage")
    box.open()


Answer = QMessageBox.StandardButton
# The question the views ask before unsaved changes would be lost; tests pass their own.
AskUnsaved = Callable[[QWidget, str, str], Answer]


def ask_unsaved(parent: QWidget, title: str, text: str) -> Answer:
    """Save, Discard or Cancel: what to do with the changes of what is being left."""
    buttons = Answer.Save | Answer.Discard | Answer.Cancel
    return QMessageBox.question(parent, title, text, buttons, Answer.Save)
