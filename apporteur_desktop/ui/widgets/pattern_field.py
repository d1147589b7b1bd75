"""A numbering pattern's editor with, under it, a number it gives, updated as typed.

The example is the domain's own ``render_number``; when the pattern cannot give valid numbers
the example gives way to the reason, worded like the service's refusal on save.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from ...domain.numbering import BadPattern, render_number
from ...domain.problems import Problem
from ...i18n import Translator
from .field_errors import FieldErrors, problem_text


class PatternField(QWidget):
    """The editor of setting ``key`` (``numbering.invoice_pattern``…) and its example.

    ``empty_means``, when given, is what an empty pattern stands for (credit notes numbered
    in the invoices' series); without it an empty pattern is checked like any other.
    """

    def __init__(
        self,
        tr: Translator,
        key: str,
        year: int,
        errors: FieldErrors,
        *,
        empty_means: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tr, self.key, self.year, self.errors = tr, key, year, errors
        self.empty_means = empty_means
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"pattern_{key.rpartition('.')[2]}")
        self.edit.setPlaceholderText("{year}-{seq:04d}")
        self.edit.setMaximumWidth(320)
        self.example = QLabel(self)
        self.example.setObjectName(f"example_{key.rpartition('.')[2]}")
        self.example.setEnabled(False)  # greyed: an illustration, not a value to edit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        # The check below owns the error line: clearing it on each edit would hide its verdict.
        layout.addWidget(errors.wrap(key, self.edit, clear_on_edit=False))
        layout.addWidget(self.example)
        self.edit.textChanged.connect(self.update_example)
        self.update_example()

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, pattern: str) -> None:
        self.edit.setText(pattern)  # textChanged updates the example

    def update_example(self) -> None:
        _ = self.tr.gettext
        pattern = self.edit.text()
        if not pattern and self.empty_means is not None:
            self.errors.clear(self.key)
            self.example.setText(self.empty_means)
            self.example.setVisible(True)
            return
        try:
            number = render_number(pattern, self.year, 1)
        except ValueError as bad:
            # render_number lets the format parser's own ValueError out for a half-typed
            # pattern (« {year}-{seq:0 »): it is the same verdict as an unreadable pattern.
            code = bad.code if isinstance(bad, BadPattern) else "pattern_unreadable"
            self.example.setVisible(False)
            self.errors.show(self.key, problem_text(self.tr, Problem.of(self.key, pattern, code)))
            return
        self.errors.clear(self.key)
        self.example.setText(
            _("First number of {year}: {number}").format(year=self.year, number=number)
        )
        self.example.setVisible(True)
