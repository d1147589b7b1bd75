"""One component of an agreement's terms, as a form: its kind, then its rate, fee or brackets.

Fields are keyed relative to the component, as ``check_component`` names them (``rate``,
``amount``, ``tiers``, ``tiers[0].up_to``); the terms editor puts ``components[n].`` before
them. Rates and amounts are typed the way the user writes them (« 12,5 » in French).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.agreements import Component, Tier
from ...domain.enums import ComponentKind, TierMode
from ...domain.problems import Problem
from ...i18n import N_, Translator
from ...services.wording import COMPONENT_NAMES
from ..dialogs.payment import parse_amount
from .field_errors import FieldErrors
from .form_columns import align_labels

TIER_MODE_NAMES = {
    TierMode.MARGINAL: N_("Marginal: each rate on its bracket"),
    TierMode.WHOLE_VOLUME: N_("Whole volume: the rate reached on all"),
}
_RATE_KINDS = (ComponentKind.REVENUE_PERCENT, ComponentKind.CONTRACT_VALUE_PERCENT)
_FEE_KINDS = (ComponentKind.QUALIFIED_FEE, ComponentKind.SIGNATURE_FEE)
PLACE = re.compile(r"^(components|tiers)\[(\d+)\]\.?(.*)$")


def parse_number(text: str, language: str) -> Decimal | None:
    """A rate or an amount as typed (« 12,5 », « 12,5 % », « 1 500 € »), or None."""
    return parse_amount(text.replace("%", ""), language)


def number_input(value: Decimal | None, language: str) -> str:
    """A number as the user would type it: « 12,5 » in French, no trailing zeros."""
    if value is None:
        return ""
    text = format(value.normalize(), "f") if value == value else str(value)
    return text.replace(".", ",") if language == "fr" else text


class FormPart(QWidget):
    """A piece of the form with its own fields and error lines, keyed relative to it."""

    changed = Signal()

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tr = tr
        self.errors = FieldErrors()

    def _line(self, name: str, tip: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self, objectName=name, toolTip=self.tr.gettext(tip))
        edit.setPlaceholderText(self.tr.gettext(placeholder) if placeholder else "")
        edit.textChanged.connect(self.changed)
        return edit

    def _combo(self, name: str, names: Mapping[str, str], tip: str) -> QComboBox:
        combo = QComboBox(self, objectName=name, toolTip=self.tr.gettext(tip))
        shrink(combo)
        for value, label in names.items():
            word = self.tr.gettext(label)
            combo.addItem(word[:1].upper() + word[1:], value)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _spin(self, key: str, name: str, maximum: int, months: bool, tip: str) -> QSpinBox:
        """A whole number of days (or ``months``), its unit after it in the right number."""
        spin = QSpinBox(self, objectName=name, toolTip=self.tr.gettext(tip))
        spin.setRange(0, maximum)

        def unit(value: int) -> None:
            if months:
                spin.setSuffix(self.tr.ngettext(" month", " months", value))
            else:
                spin.setSuffix(self.tr.ngettext(" day", " days", value))

        unit(0)
        spin.valueChanged.connect(unit)
        spin.valueChanged.connect(self.changed)
        spin.valueChanged.connect(lambda: self.errors.clear(key))
        return spin

    def error_text(self, key: str) -> str:
        try:
            return self.errors.message(key)
        except KeyError:
            return ""


def shrink(combo: QComboBox) -> None:
    """Let a combo of long French choices be narrower than its longest one: the form must
    fit beside the list."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)


def select_data(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


class TierRow(FormPart):
    """One bracket: « up to [10 000] € → [10] % »; an empty bound is the open top bracket."""

    removed = Signal(object)

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(tr, parent)
        self.up_to = self._line(
            "tierUpTo",
            N_("Yearly revenue up to which this rate applies; empty: no limit"),
            N_("no limit"),
        )
        self.rate = self._line("tierRate", N_("Rate of this bracket, in %"), N_("rate"))
        self.remove_button = QToolButton(self, objectName="removeTier", text="✕")
        self.remove_button.setToolTip(tr.gettext("Remove this bracket"))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr.gettext("up to"), self))
        layout.addWidget(self.errors.wrap("up_to", self.up_to), 3)
        layout.addWidget(QLabel("€ →", self))
        layout.addWidget(self.errors.wrap("rate", self.rate), 2)
        layout.addWidget(QLabel("%", self))
        layout.addWidget(self.remove_button)

    def set_tier(self, tier: Tier) -> None:
        self.up_to.setText(number_input(tier.up_to, self.tr.language))
        self.rate.setText(number_input(tier.rate, self.tr.language))


class ComponentEditor(FormPart):
    """One component: its kind, then the rate, the fee or the brackets that kind takes.
    ``rows_changed``: a bracket was added or removed (the tab order must follow)."""

    removed = Signal(object)
    rows_changed = Signal()

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(tr, parent)
        _ = tr.gettext
        self.title = QLabel(self, objectName="componentTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.remove_button = QToolButton(self, objectName="removeComponent", text=_("Remove"))
        self.remove_button.setToolTip(_("Remove this component from the terms"))
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        self.kind = self._combo("componentKind", COMPONENT_NAMES, N_("How this component pays"))
        self.kind.currentIndexChanged.connect(self._show_kind)
        self.rate = self._line("componentRate", N_("A percentage, e.g. 12.5"), N_("e.g. 12.5"))
        self.amount = self._line("componentAmount", N_("An amount in euros, excluding VAT"))
        self.label = self._line(
            "componentLabel", N_("Optional: a name for this component, shown in the summary")
        )
        self.tier_mode = self._combo(
            "tierMode", TIER_MODE_NAMES, N_("How the brackets apply to the year's revenue")
        )
        self.tier_rows: list[TierRow] = []
        self.tiers_box = QVBoxLayout()
        self.tiers_box.setContentsMargins(0, 0, 0, 0)
        self.add_tier_button = QPushButton(_("Add a bracket"), self, objectName="addTier")
        self.add_tier_button.setToolTip(_("Add a bracket of yearly revenue with its rate"))
        self.add_tier_button.clicked.connect(
            lambda: self.add_tier(Tier(None, Decimal(0)), empty=True).up_to.setFocus()
        )
        tiers = QWidget(self)
        tiers_layout = QVBoxLayout(tiers)
        tiers_layout.setContentsMargins(0, 0, 0, 0)
        tiers_layout.addLayout(self.tiers_box)
        tiers_layout.addWidget(self.add_tier_button)
        self.form = QFormLayout()
        self.form.addRow(_("Kind"), self.kind)
        self.form.addRow(_("Rate (%)"), self.errors.wrap("rate", self.rate))
        self.form.addRow(_("Amount (€ excl. VAT)"), self.errors.wrap("amount", self.amount))
        self.form.addRow(_("Brackets"), self.errors.wrap("tiers", tiers))
        self.form.addRow(_("Tiers apply"), self.tier_mode)
        self.form.addRow(_("Label"), self.errors.wrap("label", self.label))
        align_labels(self.form)  # hidden rows too: every component lines up the same
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.remove_button)
        frame = QFrame(self, objectName="componentFrame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.addLayout(head)
        inner.addLayout(self.form)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self._show_kind()

    def focus_chain(self) -> list[QWidget]:
        """The editors in the order they read, for Tab."""
        rows = [w for row in self.tier_rows for w in (row.up_to, row.rate, row.remove_button)]
        chain: list[QWidget] = [self.kind, self.rate, self.amount, *rows]
        return [*chain, self.add_tier_button, self.tier_mode, self.label, self.remove_button]

    def selected_kind(self) -> ComponentKind:
        return ComponentKind(self.kind.currentData())

    def _show_kind(self) -> None:
        kind = self.selected_kind()
        self.form.setRowVisible(1, kind in _RATE_KINDS)
        self.form.setRowVisible(2, kind in _FEE_KINDS)
        self.form.setRowVisible(3, kind is ComponentKind.TIERED)
        self.form.setRowVisible(4, kind is ComponentKind.TIERED)
        if kind is ComponentKind.TIERED and not self.tier_rows:
            self.add_tier(Tier(None, Decimal(0)), empty=True)

    def add_tier(self, tier: Tier, *, empty: bool = False) -> TierRow:
        row = TierRow(self.tr, self)
        if not empty:
            row.set_tier(tier)
        row.changed.connect(self.changed)
        row.removed.connect(self._remove_tier)
        self.tier_rows.append(row)
        self.tiers_box.addWidget(row)
        self.rows_changed.emit()
        self.changed.emit()
        return row

    def _remove_tier(self, row: TierRow) -> None:
        self.tier_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.rows_changed.emit()
        self.changed.emit()

    def set_component(self, component: Component) -> None:
        language = self.tr.language
        for row in list(self.tier_rows):
            self._remove_tier(row)
        for tier in component.tiers:
            self.add_tier(tier)
        select_data(self.kind, component.kind)
        self.rate.setText(number_input(component.rate, language))
        self.amount.setText(number_input(component.amount, language))
        self.label.setText(component.label)
        select_data(self.tier_mode, component.tier_mode)

    def read(self, problems: list[Problem]) -> Component:
        """The component as typed; what cannot be read is None, with a problem in
        ``problems`` (fields relative to the component)."""
        kind, language = self.selected_kind(), self.tr.language
        rate = read_number(self.rate, "rate", language, problems) if kind in _RATE_KINDS else None
        amount = (
            read_number(self.amount, "amount", language, problems) if kind in _FEE_KINDS else None
        )
        tiers: tuple[Tier, ...] = ()
        if kind is ComponentKind.TIERED:
            tiers = tuple(
                Tier(
                    read_number(row.up_to, f"tiers[{n}].up_to", language, problems),
                    read_number(row.rate, f"tiers[{n}].rate", language, problems),  # type: ignore[arg-type]
                )
                for n, row in enumerate(self.tier_rows)
            )
        mode = TierMode(self.tier_mode.currentData())
        return Component(kind, rate, amount, tiers, mode, self.label.text().strip())

    def show_problem(self, field: str, message: str) -> bool:
        place = PLACE.match(field)
        if place is not None and 0 <= int(place[2]) < len(self.tier_rows):
            return self.tier_rows[int(place[2])].errors.show(place[3], message)
        return self.errors.show(field, message)

    def clear_problems(self) -> None:
        self.errors.clear_all()
        for row in self.tier_rows:
            row.errors.clear_all()

    def error_text(self, key: str) -> str:
        place = PLACE.match(key)
        if place is not None and 0 <= int(place[2]) < len(self.tier_rows):
            return self.tier_rows[int(place[2])].error_text(place[3])
        return super().error_text(key)


def read_number(
    edit: QLineEdit, field: str, language: str, problems: list[Problem]
) -> Decimal | None:
    """The number in ``edit`` (None when empty); one that cannot be read is None too, with an
    ``invalid_number`` problem at ``field`` added to ``problems``."""
    text = edit.text().strip()
    if not text:
        return None
    value = parse_number(text, language)
    if value is None:
        problems.append(Problem.of(field, text, "invalid_number"))
    return value
