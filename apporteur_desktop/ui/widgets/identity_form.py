"""The editors of my business identity, shared by the Settings view and the onboarding.

Each editor is keyed by the name ``set_identity`` takes (``name``, ``siret``, ``street``…), so
a form's values go to the service as they are and a refusal's problems come back to the right
field. The identifiers (SIREN, SIRET, VAT number, IBAN, BIC) are checked as typed, a moment
after the user stops typing, with the same checks the service runs on save: the message is
the core's, only shown sooner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...domain.enums import VatRegime
from ...i18n import N_, Translator
from ...validation.identifiers import (
    Checked,
    check_bic,
    check_iban,
    check_siren,
    check_siret,
    check_vat_number,
)
from .field_errors import FieldErrors, problem_text

# Long enough not to flash a message at every keystroke, short enough to feel immediate.
CHECK_DELAY_MS = 400

LABELS: Mapping[str, str] = {
    "name": N_("Name or company name"),
    "sole_trader": N_("Sole trader (EI)"),
    "legal_form": N_("Legal form"),
    "share_capital": N_("Share capital (€)"),
    "siren": N_("SIREN"),
    "siret": N_("SIRET"),
    "vat_number": N_("VAT number (intra-EU)"),
    "registration": N_("Registration (RCS/RM)"),
    "street": N_("Street address"),
    "postcode": N_("Postcode"),
    "city": N_("City"),
    "country": N_("Country code"),
    "email": N_("E-mail"),
    "vat_regime": N_("VAT regime"),
    "vat_rate": N_("VAT rate (%)"),
    "vat_on_debits": N_("Option for VAT on debits"),
    "iban": N_("IBAN"),
    "bic": N_("BIC"),
}

PLACEHOLDERS: Mapping[str, str] = {
    "legal_form": N_("SAS, SARL, EURL… (empty for a sole trader)"),
    "siren": "123 456 789",
    "siret": "123 456 789 00012",
    "vat_number": "FR12 123456789",
    "registration": N_("RCS Lyon 123 456 789"),
    "country": "FR",
    "email": N_("name@example.fr"),
    "iban": "FR76 3000 6000 0112 3456 7890 189",
}

TOOLTIPS: Mapping[str, str] = {
    "sole_trader": N_("Adds « EI » after your name on invoices, as the law requires."),
    "siret": N_("14 digits: your SIREN followed by the number of your establishment."),
    "registration": N_("Where you are registered: trade register (RCS) or trades (RM)."),
    "vat_on_debits": N_("Printed on invoices when you opted to pay VAT on debits."),
}

REGIMES: Mapping[VatRegime, str] = {
    VatRegime.FRANCHISE: N_("VAT franchise (no VAT charged)"),
    VatRegime.REGISTERED: N_("Registered for VAT"),
}

FLAGS = ("sole_trader", "vat_on_debits")
SHORT = {"postcode": 110, "country": 60, "vat_rate": 90, "share_capital": 160}
ALL_KEYS = tuple(LABELS)


class IdentityFields(QObject):
    """The editors of the identity fields in ``keys``, their error lines and live checks."""

    def __init__(
        self, tr: Translator, keys: Iterable[str] = ALL_KEYS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.tr = tr
        self.keys = tuple(keys)
        self.errors = FieldErrors()
        self.editors: dict[str, QWidget] = {key: self._editor(key) for key in self.keys}
        self._timers: dict[str, QTimer] = {}
        for key in self.keys:
            if key in IDENTIFIER_CHECKS:
                self._check_as_typed(key)
        if "vat_regime" in self.editors:
            self.regime.currentIndexChanged.connect(self._regime_changed)
            self._regime_changed()

    # --- layout -----------------------------------------------------------------------------------

    def form(self, keys: Iterable[str]) -> QFormLayout:
        """A form with a row for each of ``keys``, each field above its error line."""
        layout = QFormLayout()
        _ = self.tr.gettext
        for key in keys:
            editor = self.editors[key]
            wrapped = self.errors.wrap(key, editor)
            if key in FLAGS:
                layout.addRow("", wrapped)  # the box carries its own text
            else:
                layout.addRow(_(LABELS[key]), wrapped)
        return layout

    # --- values -----------------------------------------------------------------------------------

    @property
    def regime(self) -> QComboBox:
        editor = self.editors["vat_regime"]
        assert isinstance(editor, QComboBox)
        return editor

    def load(self, texts: Mapping[str, str]) -> None:
        """Show ``texts`` (as :func:`identity_texts` gives them) and clear every message."""
        for key, editor in self.editors.items():
            text = texts.get(key, "")
            if isinstance(editor, QCheckBox):
                editor.setChecked(text == "yes")
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(text), 0))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(text)
            elif isinstance(editor, QLineEdit):
                editor.setText(text)
        for timer in self._timers.values():
            timer.stop()
        self.errors.clear_all()

    def values(self) -> dict[str, str]:
        """Every field of the form as text, by its ``set_identity`` key."""
        return {key: _text_of(editor) for key, editor in self.editors.items()}

    # --- editors ----------------------------------------------------------------------------------

    def _editor(self, key: str) -> QWidget:
        _ = self.tr.gettext
        editor: QWidget
        if key in FLAGS:
            editor = QCheckBox(_(LABELS[key]))
        elif key == "vat_regime":
            editor = QComboBox()
            for regime, label in REGIMES.items():
                editor.addItem(_(label), regime.value)
        elif key == "street":
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)  # Tab moves on, as in every other field
            # Three lines: a street, a building, a locality; more would crowd the form.
            lines = editor.fontMetrics().lineSpacing() * 3
            editor.setFixedHeight(lines + 2 * editor.frameWidth() + 8)
        else:
            editor = QLineEdit()
            if key in PLACEHOLDERS:
                editor.setPlaceholderText(_(PLACEHOLDERS[key]))
            if key in SHORT:
                editor.setMaximumWidth(SHORT[key])
        if key in TOOLTIPS:
            editor.setToolTip(_(TOOLTIPS[key]))
        editor.setObjectName(f"identity_{key}")
        editor.setAccessibleName(_(LABELS[key]))
        return editor

    def _regime_changed(self) -> None:
        # A rate and the VAT-on-debits option mean something only to a registered business.
        registered = self.regime.currentData() == VatRegime.REGISTERED.value
        for key in ("vat_rate", "vat_on_debits"):
            if key in self.editors:
                self.editors[key].setEnabled(registered)

    # --- identifiers as typed ---------------------------------------------------------------------

    def _check_as_typed(self, key: str) -> None:
        editor = self.editors[key]
        assert isinstance(editor, QLineEdit)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(CHECK_DELAY_MS)
        timer.timeout.connect(partial(self.check_identifier, key))
        editor.textEdited.connect(timer.start)
        # Leaving the field shows the verdict at once rather than after the delay.
        editor.editingFinished.connect(partial(self._check_if_pending, key))
        self._timers[key] = timer

    def _check_if_pending(self, key: str) -> None:
        if self._timers[key].isActive():
            self._timers[key].stop()
            self.check_identifier(key)

    def check_identifier(self, key: str) -> None:
        """Run the core's check of identifier ``key`` on its text now, and show the verdict."""
        siren = _text_of(self.editors["siren"]) if "siren" in self.editors else ""
        checked = IDENTIFIER_CHECKS[key](_text_of(self.editors[key]), siren)
        if checked.problems:
            self.errors.show(key, problem_text(self.tr, checked.problems[0]))
        else:
            self.errors.clear(key)
        if key == "siren":
            # The SIRET and the VAT number must contain the SIREN: check them against the new one.
            for dependent in ("siret", "vat_number"):
                if dependent in self.editors and _text_of(self.editors[dependent]):
                    self.check_identifier(dependent)


IDENTIFIER_CHECKS: Mapping[str, Callable[[str, str], Checked]] = {
    "siren": lambda value, _siren: check_siren(value),
    "siret": check_siret,
    "vat_number": check_vat_number,
    "iban": lambda value, _siren: check_iban(value),
    "bic": lambda value, _siren: check_bic(value),
}


def _text_of(editor: QWidget) -> str:
    if isinstance(editor, QCheckBox):
        return "yes" if editor.isChecked() else "no"
    if isinstance(editor, QComboBox):
        return str(editor.currentData())
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QLineEdit):
        return editor.text()
    raise TypeError(f"no text for {type(editor).__name__}")
