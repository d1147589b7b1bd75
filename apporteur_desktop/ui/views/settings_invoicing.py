"""The « Facturation » tab of the Settings view: numbering patterns and legal wordings.

Its values are keyed as ``update_settings`` takes them (``numbering.invoice_pattern``,
``wordings.franchise``…), so they go to the service unchanged and its problems come back here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.problems import Problem
from ...formatting import date_text
from ...i18n import N_, Translator
from ..widgets.field_errors import FieldErrors
from ..widgets.form_columns import align_labels
from ..widgets.pattern_field import PatternField

PATTERNS: Mapping[str, str] = {
    "numbering.invoice_pattern": N_("Invoices"),
    "numbering.credit_note_pattern": N_("Credit notes"),
    "numbering.self_billing_pattern": N_("Self-billed invoices"),
}

WORDINGS: Mapping[str, str] = {
    "wordings.late_penalties": N_("Late-payment penalties"),
    "wordings.recovery_indemnity": N_("Recovery indemnity"),
    "wordings.early_payment_discount": N_("Early-payment discount"),
    "wordings.franchise": N_("VAT franchise"),
    "wordings.operation_category": N_("Category of operation"),
    "wordings.vat_on_debits": N_("VAT on debits"),
    "wordings.self_billing": N_("Self-billing"),
}

PATTERN_HINT = N_(
    "{year} stands for the year and {seq:04d} for the number within the year, on four "
    "digits. Letters, digits and + - _ / only; at most 35 characters."
)


class InvoicingSection(QWidget):
    """Editors for every invoicing setting, with the numbers each pattern gives."""

    def __init__(self, tr: Translator, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tr = tr
        _ = tr.gettext
        self.errors = FieldErrors()
        self.patterns = {
            key: PatternField(
                tr,
                key,
                year,
                self.errors,
                empty_means=(
                    _("Empty: credit notes are numbered with the invoices")
                    if key == "numbering.credit_note_pattern"
                    else None
                ),
            )
            for key in PATTERNS
        }
        self.wordings = {key: _wording_editor(key) for key in WORDINGS}
        self.checked_on = QLabel()
        self.checked_on.setObjectName("wordingsCheckedOn")
        numbering, numbering_form = self._numbering_box()
        wordings, wordings_form = self._wordings_box()
        align_labels(numbering_form, wordings_form)
        layout = QVBoxLayout(self)
        layout.addWidget(numbering)
        layout.addWidget(wordings)
        layout.addStretch(1)

    def _numbering_box(self) -> tuple[QGroupBox, QFormLayout]:
        _ = self.tr.gettext
        box = QGroupBox(_("Numbering"))
        form = QFormLayout(box)
        hint = QLabel(_(PATTERN_HINT))
        hint.setWordWrap(True)
        form.addRow(hint)
        for key, label in PATTERNS.items():
            form.addRow(_(label), self.patterns[key])
        return box, form

    def _wordings_box(self) -> tuple[QGroupBox, QFormLayout]:
        _ = self.tr.gettext
        box = QGroupBox(_("Legal wordings"))
        form = QFormLayout(box)
        intro = QLabel(
            _(
                "Printed on your invoices. The defaults follow the law on the date below; "
                "check them when the law changes."
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow(self.checked_on)
        for key, label in WORDINGS.items():
            form.addRow(_(label), self.errors.wrap(key, self.wordings[key]))
        return box, form

    def load(self, values: Mapping[str, str], checked_on: date) -> None:
        """Show the settings (as ``setting_values`` gives them) and clear every message."""
        self.errors.clear_all()
        for key, field in self.patterns.items():
            field.set_text(values[key])
        for key, editor in self.wordings.items():
            editor.setPlainText(values[key])
        self.checked_on.setText(
            self.tr.gettext("Last checked: {date}").format(
                date=date_text(checked_on, self.tr.language)
            )
        )

    def values(self) -> dict[str, str]:
        shown = {key: field.text() for key, field in self.patterns.items()}
        shown.update({key: editor.toPlainText() for key, editor in self.wordings.items()})
        return shown

    def show_problems(self, problems: Iterable[Problem]) -> list[Problem]:
        """Place each problem under its field; those no field claims come back."""
        return self.errors.show_problems(self.tr, [self._named(p) for p in problems])

    def _named(self, problem: Problem) -> Problem:
        # « same numbers as numbering.invoice_pattern » names the other field by its key;
        # the user knows it by its label.
        other = problem.params.get("other")
        if other in PATTERNS:
            label = f"«\u00a0{self.tr.gettext(PATTERNS[other])}\u00a0»"
            return Problem.of(
                problem.field, problem.value, problem.code, **{**problem.params, "other": label}
            )
        return problem


def _wording_editor(key: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setObjectName(f"wording_{key.rpartition('.')[2]}")
    editor.setTabChangesFocus(True)  # Tab moves to the next field instead of typing a tab
    # Three lines show the longest default (the late-payment penalties) whole at usual widths.
    lines = editor.fontMetrics().lineSpacing() * 3
    editor.setFixedHeight(lines + 2 * editor.frameWidth() + 8)
    return editor
