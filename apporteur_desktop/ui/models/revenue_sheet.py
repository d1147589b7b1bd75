"""The month's revenue sheet as an editable Qt table: one row per running engagement, and the
table view that edits it from the keyboard.

Each row starts with the figure expected for it (recorded, last month's, or the monthly fee).
The amount and the status can be edited; a row the user has changed (or confirmed with
« Confirm all ») is what a save sends. What the user typed is kept as typed until it reads
as an amount: a row whose amount is not one shows red and says why, and the whole month waits
until it is fixed. The service still checks everything again when saving.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ...domain.enums import Direction, RevenueStatus
from ...domain.periods import Period
from ...domain.problems import Problem
from ...formatting import money_text
from ...i18n import N_, Translator
from ...services.revenue_month import (
    ExpectationSource,
    MonthSheet,
    SheetEntry,
    SheetLine,
    entry_problems,
)
from ...services.wording import coverage_reason, name_of
from ..dialogs.payment import amount_input, parse_amount
from ..widgets.field_errors import problem_text

# (key, heading); the keys name the columns for the view and the tests.
COLUMNS = (
    ("mark", ""),
    ("client", N_("Client")),
    ("counterparty", N_("Provider or introducer")),
    ("agreement", N_("Agreement")),
    ("engagement", N_("Engagement")),
    ("expected", N_("Expected")),
    ("amount", N_("Amount")),
    ("status", N_("Status")),
)
KEYS = [key for key, _heading in COLUMNS]
MARK, CLIENT, COUNTERPARTY, AGREEMENT, ENGAGEMENT, EXPECTED, AMOUNT, STATUS = range(len(KEYS))

STATUS_NAMES: Mapping[RevenueStatus, str] = {
    RevenueStatus.CONFIRMED: N_("confirmed"),
    RevenueStatus.ESTIMATED: N_("estimated"),
}
SOURCE_NAMES: Mapping[ExpectationSource, str] = {
    ExpectationSource.RECORDED: N_("Expected: the figure recorded for this month"),
    ExpectationSource.PREVIOUS_MONTH: N_("Expected: last month's figure"),
    ExpectationSource.CONTRACT_AMOUNT: N_("Expected: the engagement's monthly amount"),
    ExpectationSource.NONE: N_("Nothing to go by: type the amount billed"),
}
DIRECTION_TIPS: Mapping[Direction, str] = {
    Direction.EARNED: N_("Provider: I earn a commission on what it billed this client"),
    Direction.OWED: N_("Introducer: I owe a commission on what I billed this client"),
}

LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's SheetLine
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class _Row:
    line: SheetLine
    amount: Decimal | None  # what the row holds, when it reads as an amount
    typed: str | None  # what the user typed, while it does not read as one
    status: RevenueStatus
    touched: bool = False  # to be saved
    status_chosen: bool = False  # the user picked the status: typing leaves it alone
    error: str = ""  # why the row cannot be saved as it is


@dataclass(frozen=True, slots=True)
class Collected:
    """What a save would send: ``entries[i]`` comes from row ``rows[i]``; ``bad_rows`` are the
    rows that cannot be sent as they are (nothing is sent then)."""

    entries: tuple[SheetEntry, ...]
    rows: tuple[int, ...]
    bad_rows: tuple[int, ...]


def _new_row(line: SheetLine) -> _Row:
    # An expectation not yet recorded is a guess: an estimate until the user says otherwise.
    status = line.recorded_status or RevenueStatus.ESTIMATED
    return _Row(line, line.expected, None, status)


class RevenueSheetModel(QAbstractTableModel):
    def __init__(self, tr: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._rows: list[_Row] = []
        self.period: Period | None = None
        self._icons: dict[str, QIcon] = {}
        self._colours: dict[str, QColor] = {}

    # --- what the view sets -----------------------------------------------------------------------

    def set_sheet(self, sheet: MonthSheet) -> None:
        self.beginResetModel()
        self.period = sheet.period
        self._rows = [_new_row(line) for line in sheet.lines]
        self.endResetModel()

    def set_look(self, palette: QPalette, warning: QIcon, recorded: QIcon) -> None:
        """Colours from the palette (light or dark) and the two markers' icons."""
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self._colours = {
            "error_text": QColor.fromHsl(2, 190, 170 if dark else 90),
            "error_back": QColor.fromHsl(2, 120, 60 if dark else 235),
            "muted": palette.color(QPalette.ColorRole.PlaceholderText),
        }
        self._icons = {"warning": warning, "recorded": recorded}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, STATUS))

    def error_colour(self) -> QColor:
        return self._colours["error_text"]

    # --- reading ----------------------------------------------------------------------------------

    def line(self, row: int) -> SheetLine:
        return self._rows[row].line

    def lines(self) -> list[SheetLine]:
        return [row.line for row in self._rows]

    def row_of(self, engagement_id: int) -> int | None:
        return next(
            (n for n, row in enumerate(self._rows) if row.line.engagement_id == engagement_id),
            None,
        )

    def is_modified(self) -> bool:
        """Whether any row holds something not saved yet."""
        return any(row.touched for row in self._rows)

    def total(self) -> Decimal:
        """The sum of the amounts the sheet shows (recorded, expected or typed)."""
        return sum((row.amount for row in self._rows if row.amount is not None), Decimal(0))

    def errors(self) -> list[tuple[int, str]]:
        return [(n, row.error) for n, row in enumerate(self._rows) if row.error]

    # --- what the user does -----------------------------------------------------------------------

    def confirm_all(self) -> int:
        """Mark every row that has an amount confirmed, to be saved; returns how many change
        (a figure already recorded as confirmed stays as it is)."""
        changed = 0
        for row in self._rows:
            if row.amount is None or row.error:
                continue
            line = row.line
            if line.recorded_status is RevenueStatus.CONFIRMED and row.amount == line.recorded:
                continue
            if row.status is not RevenueStatus.CONFIRMED or not row.touched:
                row.status, row.touched, row.status_chosen = RevenueStatus.CONFIRMED, True, True
                changed += 1
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, STATUS))
        return changed

    def collect(self) -> Collected:
        """The rows to save, or the rows that must be fixed first (their message is set)."""
        entries, rows, bad = [], [], []
        for n, row in enumerate(self._rows):
            if not row.touched:
                continue
            if row.error:
                bad.append(n)
            elif row.amount is None:
                if row.line.recorded is not None:
                    # A recorded figure can be corrected, never removed.
                    self._set_error(n, Problem.of("amount", None, "required"))
                    bad.append(n)
            else:
                entries.append(SheetEntry(row.line.engagement_id, row.amount, row.status))
                rows.append(n)
        return Collected(tuple(entries), tuple(rows), tuple(bad))

    def mark_saved(self) -> None:
        """The rows' figures are now in the ledger: nothing is left to save."""
        for row in self._rows:
            row.touched = False

    def show_problems(self, problems: Sequence[Problem], rows: Sequence[int]) -> list[Problem]:
        """Place the service's ``lines[i].…`` problems on the rows they were sent from;
        the problems that name no line come back."""
        left = []
        for problem in problems:
            head, _dot, field = problem.field.partition(".")
            index = _line_index(head)
            if index is None or not 0 <= index < len(rows):
                left.append(problem)
                continue
            self._set_error(rows[index], replace(problem, field=field))
        return left

    def _set_error(self, row: int, problem: Problem) -> None:
        self._rows[row].error = problem_text(self._tr, replace(problem, field=""))
        self._changed(row)

    # --- the Qt table -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole and COLUMNS[section][1]:
            return self._tr.gettext(COLUMNS[section][1])
        if role == Qt.ItemDataRole.ToolTipRole and section == MARK:
            return self._tr.gettext("Recorded, or not covered by its agreement")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if section in (EXPECTED, AMOUNT) else LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _editable(self, row: int, column: int) -> bool:
        return column == AMOUNT or (column == STATUS and not self._status_locked(self._rows[row]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == LINE_ROLE:
            return row.line
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in (EXPECTED, AMOUNT) else LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, column)
        return self._look(row, column, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self._editable(index.row(), index.column()):
            return False
        if index.column() == AMOUNT:
            self._type_amount(index.row(), str(value))
        else:
            row = self._rows[index.row()]
            row.status, row.touched, row.status_chosen = RevenueStatus(value), True, True
            if row.error and row.typed is None:
                row.error = ""  # a refusal of the status: the user has answered it
        self._changed(index.row())
        return True

    # --- cells ------------------------------------------------------------------------------------

    def _type_amount(self, n: int, text: str) -> None:
        row = self._rows[n]
        row.touched, row.error, row.typed = True, "", None
        if not text.strip():
            # Emptied: nothing to save, unless a recorded figure is being removed (refused).
            row.amount, row.touched = None, row.line.recorded is not None
            return
        amount = parse_amount(text, self._tr.language)
        problems = (
            [Problem.of("amount", text.strip(), "invalid_number")]
            if amount is None
            else entry_problems(amount)
        )
        if problems:
            row.amount, row.typed = None, text.strip()
            # Said with the amount as typed (« 12,345 »), not as the program reads it.
            problem = replace(problems[0], field="", value=row.typed)
            row.error = problem_text(self._tr, problem)
            return
        assert amount is not None
        row.amount = amount
        line = row.line
        # A figure typed in is what the provider billed: confirmed, unless the user chose.
        if not row.status_chosen and not (
            line.recorded_status is RevenueStatus.CONFIRMED or amount == line.expected
        ):
            row.status = RevenueStatus.CONFIRMED
        if (amount, row.status) == (line.recorded, line.recorded_status):
            row.touched = False  # typed back to what stands: nothing to save

    def _status_locked(self, row: _Row) -> bool:
        # A confirmed figure is never replaced by an estimate.
        return row.line.recorded_status is RevenueStatus.CONFIRMED

    def _text(self, row: _Row, column: int) -> str:
        line, language, _ = row.line, self._tr.language, self._tr.gettext
        if column == CLIENT:
            return line.client
        if column == COUNTERPARTY:
            return line.counterparty
        if column == AGREEMENT:
            return line.agreement
        if column == ENGAGEMENT:
            return line.label or name_of(self._tr, line.kind.value)
        if column == EXPECTED:
            return "" if line.expected is None else money_text(line.expected, language)
        if column == AMOUNT:
            if row.typed is not None:
                return row.typed
            return "" if row.amount is None else money_text(row.amount, language)
        if column == STATUS:
            return _(STATUS_NAMES[row.status])
        return ""

    def _edit_value(self, row: _Row, column: int) -> Any:
        if column == AMOUNT:
            if row.typed is not None:
                return row.typed
            return "" if row.amount is None else amount_input(row.amount, self._tr.language)
        if column == STATUS:
            return row.status.value
        return None

    def _tip(self, row: _Row, column: int) -> str | None:
        _ = self._tr.gettext
        line = row.line
        if column == MARK:
            tips = []
            if line.coverage_warning:
                tips.append(coverage_reason(self._tr, line.coverage_warning))
            if line.recorded is not None and line.recorded_status is not None:
                tips.append(
                    _("Recorded: {amount}, {status}").format(
                        amount=money_text(line.recorded, self._tr.language),
                        status=_(STATUS_NAMES[line.recorded_status]),
                    )
                )
            return "\n".join(tips) or None
        if column == COUNTERPARTY:
            return _(DIRECTION_TIPS[line.direction])
        if column in (CLIENT, AGREEMENT, ENGAGEMENT):
            return self._text(row, column)  # whole, where the column cuts it
        if column == EXPECTED:
            return _(SOURCE_NAMES[line.source])
        if column == AMOUNT:
            return row.error or _("Type the amount billed for the month, excluding VAT")
        if column == STATUS and self._status_locked(row):
            return _("Recorded as confirmed: a confirmed figure is never replaced by an estimate")
        return None

    def _look(self, row: _Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == MARK:
            if row.line.coverage_warning:
                return self._icons.get("warning")
            if row.line.recorded is not None:
                return self._icons.get("recorded")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == AMOUNT and row.error:
                return self._colours.get("error_text")
            pending = not row.touched and row.line.recorded is None
            if column == EXPECTED or (column in (AMOUNT, STATUS) and pending):
                return self._colours.get("muted")  # a guess, not yet in the ledger
            return None
        if role == Qt.ItemDataRole.BackgroundRole and column == AMOUNT and row.error:
            return self._colours.get("error_back")
        if role == Qt.ItemDataRole.FontRole and column in (AMOUNT, STATUS) and row.touched:
            font = QFont()
            font.setBold(True)  # changed, not saved yet
            return font
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == MARK:
            return self._tip(row, column)
        return None

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))


def _line_index(head: str) -> int | None:
    """``lines[3]`` → 3."""
    match = re.fullmatch(r"lines\[(\d+)\]", head)
    return int(match.group(1)) if match else None


# --- the view that edits it -------------------------------------------------------------------


class AmountDelegate(QStyledItemDelegate):
    """A right-aligned line edit, its text selected, so typing replaces the amount."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("amountEditor")
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()


class StatusDelegate(QStyledItemDelegate):
    """A combo of « confirmed » and « estimated »; choosing one commits it at once."""

    def __init__(self, tr: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tr = tr

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("statusEditor")
        for status, name in STATUS_NAMES.items():
            combo.addItem(self._tr.gettext(name), status.value)
        combo.activated.connect(lambda _index: self._chosen(combo))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RevenueTable(QTableView):
    """Cell by cell, as in a spreadsheet: typing on an amount replaces it, Enter saves the
    cell and moves to the line below, Tab to the next cell."""

    def __init__(
        self, model: RevenueSheetModel, tr: Translator, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegateForColumn(AMOUNT, AmountDelegate(self))
        self.setItemDelegateForColumn(STATUS, StatusDelegate(tr, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            triggers.DoubleClicked
            | triggers.EditKeyPressed
            | triggers.AnyKeyPressed
            | triggers.SelectedClicked
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        current = self.currentIndex()
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and current.isValid():
            below = current.siblingAtRow(current.row() + 1)
            if below.isValid():
                self.setCurrentIndex(below)

    def commit_editing(self) -> None:
        """Hand the cell being edited, if any, to the model (before a save reads it)."""
        editor = self.indexWidget(self.currentIndex()) or self.focusWidget()
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
