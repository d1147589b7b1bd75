"""Problems shown where they are: a red line of text right under the field it names.

A form wraps each field with :meth:`FieldErrors.wrap` under a key of its choosing (usually the
name the service puts in ``Problem.field``), adds the returned container to its layout, and
later shows or clears messages by key. A refusal from a service goes through
:meth:`FieldErrors.show_problems`, which places each problem under its field and hands back
those no field claims, for a message box.

Editing a field clears its message: the user has started to fix it, and a stale message next
to a corrected value would be worse than none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.problems import Problem
from ...i18n import Translator
from ...services.wording import word_problem

# Two reds, so the message stays readable on a light and on a dark palette.
_RED_ON_LIGHT = "#b3261e"
_RED_ON_DARK = "#ff8a80"


def problem_text(tr: Translator, problem: Problem) -> str:
    """The problem in the user's words, without the leading « field: » place: next to the
    field, the place is where the message stands."""
    text = word_problem(tr, problem)
    place = f"{problem.field}: "
    return text[len(place) :] if problem.field and text.startswith(place) else text


class FieldErrors:
    """The error lines of one form, by key."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}

    def wrap(self, key: str, field: QWidget, *, clear_on_edit: bool = True) -> QWidget:
        """A container holding ``field`` with its (hidden until needed) error line under it;
        put the container in the layout where the field would go."""
        box = QWidget(field.parentWidget())
        # The container takes the field's own policy: a fixed-height editor must not be
        # stretched by the form around it (its label would float above empty space).
        box.setSizePolicy(field.sizePolicy())
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        label = QLabel(box)
        label.setObjectName(f"error_{key}")
        label.setWordWrap(True)
        label.setVisible(False)
        layout.addWidget(label)
        self._labels[key] = label
        self._fields[key] = field
        if clear_on_edit:
            _on_edit(field, lambda: self.clear(key))
        return box

    def keys(self) -> tuple[str, ...]:
        return tuple(self._labels)

    def field(self, key: str) -> QWidget:
        return self._fields[key]

    def label(self, key: str) -> QLabel:
        return self._labels[key]

    def message(self, key: str) -> str:
        """The message shown under ``key``'s field, or "" when there is none."""
        label = self._labels[key]
        return label.text() if not label.isHidden() else ""

    def shown(self) -> dict[str, str]:
        """Every message on screen, by key."""
        return {key: self.message(key) for key in self._labels if self.message(key)}

    def show(self, key: str, message: str) -> bool:
        """Show ``message`` under ``key``'s field; False when no field has that key."""
        label = self._labels.get(key)
        if label is None:
            return False
        label.setStyleSheet(f"color: {_red_for(label.palette())};")
        label.setText(message)
        label.setVisible(True)
        self._fields[key].setAccessibleDescription(message)
        return True

    def clear(self, key: str) -> None:
        label = self._labels.get(key)
        if label is not None and not label.isHidden():
            label.clear()
            label.setVisible(False)
            self._fields[key].setAccessibleDescription("")

    def clear_all(self) -> None:
        for key in self._labels:
            self.clear(key)

    def show_problems(
        self,
        tr: Translator,
        problems: Iterable[Problem],
        key_of: Callable[[str], str] = str,
    ) -> list[Problem]:
        """Place each problem under the field ``key_of(problem.field)`` names; the problems no
        field claims come back. Several problems of one field are shown together."""
        placed: dict[str, list[str]] = {}
        left: list[Problem] = []
        for problem in problems:
            key = key_of(problem.field)
            if key in self._labels:
                placed.setdefault(key, []).append(problem_text(tr, problem))
            else:
                left.append(problem)
        for key, messages in placed.items():
            self.show(key, "\n".join(messages))
        return left

    def focus_first(self) -> bool:
        """Put the keyboard on the first field (in wrapping order) showing a message."""
        for key in self._labels:
            if self.message(key):
                self._fields[key].setFocus()
                return True
        return False


def _red_for(palette: QPalette) -> str:
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return _RED_ON_DARK if dark else _RED_ON_LIGHT


def _on_edit(field: QWidget, clear: Callable[[], None]) -> None:
    # Only what the user does: textEdited (not textChanged) on a line edit, so that a form
    # loading its values does not wipe the messages it has just placed.
    if isinstance(field, QLineEdit):
        field.textEdited.connect(clear)
    elif isinstance(field, QPlainTextEdit):
        field.textChanged.connect(clear)
    elif isinstance(field, QAbstractButton):
        field.clicked.connect(clear)
    elif isinstance(field, QComboBox):
        field.activated.connect(clear)
