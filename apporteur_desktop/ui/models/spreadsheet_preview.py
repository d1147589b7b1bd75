"""The rows of a spreadsheet import as they will be imported, problem cells in red.

The first rows are shown, and every row with a problem however far down, so that each problem in
the list can point at its cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette

from ...domain.problems import Problem
from ...i18n import Translator
from ...services.spreadsheet_import import ImportPreview, PreviewRow, problem_place
from ..widgets.field_errors import problem_text
from .invoice_table import warning_colour

PREVIEW_ROWS = 50
AnyIndex = QModelIndex | QPersistentModelIndex


def problem_tint(palette: QPalette) -> QColor:
    """A red wash that keeps the cell's text legible on the light and the dark palettes."""
    base, red = palette.color(QPalette.ColorRole.Base), warning_colour(palette)
    share = 0.35
    return QColor(
        round(base.red() + (red.red() - base.red()) * share),
        round(base.green() + (red.green() - base.green()) * share),
        round(base.blue() + (red.blue() - base.blue()) * share),
    )


class PreviewModel(QAbstractTableModel):
    """Read-only: one column per field the import fills, one row per spreadsheet row shown."""

    def __init__(self, tr: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._labels: list[str] = []
        self._keys: list[str] = []
        self._sources: Mapping[str, str] = {}
        self._rows: list[PreviewRow] = []
        self._problems: dict[tuple[int, str], list[str]] = {}
        self._tint = QBrush(problem_tint(QPalette()))

    def show(
        self,
        preview: ImportPreview,
        problems: Sequence[Problem],
        palette: QPalette,
        sources: Mapping[str, str],
    ) -> None:
        """Show ``preview``'s rows with ``problems`` at their cells; ``sources`` names the
        file's column each field comes from (for the headings' tooltips)."""
        self.beginResetModel()
        self._keys = [field.key for field in preview.fields]
        self._labels = [self._tr.gettext(field.label) for field in preview.fields]
        self._sources = sources
        found: dict[tuple[int, str], list[str]] = defaultdict(list)
        for problem in problems:
            row, key = problem_place(problem)
            if row is not None:
                found[(row, key)].append(problem_text(self._tr, problem))
        self._problems = dict(found)
        wrong = {row for row, _key in found}
        self._rows = [
            row for n, row in enumerate(preview.rows) if n < PREVIEW_ROWS or row.number in wrong
        ]
        self._tint = QBrush(problem_tint(palette))
        self.endResetModel()

    def index_of(self, number: int, key: str) -> QModelIndex:
        """The cell of spreadsheet row ``number`` and field ``key`` (its first cell when the
        field is not shown); invalid when the row is not shown."""
        for position, row in enumerate(self._rows):
            if row.number == number:
                column = self._keys.index(key) if key in self._keys else 0
                return self.index(position, column)
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def _cell_problems(self, index: AnyIndex) -> list[str]:
        number = self._rows[index.row()].number
        # A problem of the whole row (no column of its own) marks every cell of it.
        return self._problems.get((number, self._keys[index.column()]), []) + self._problems.get(
            (number, ""), []
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()].cells[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._tint if self._cell_problems(index) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self._cell_problems(index)) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole:
            return self._labels[section] if horizontal else str(self._rows[section].number)
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            source = self._sources.get(self._keys[section])
            if source:
                return self._tr.gettext("From the column « {column} »").format(column=source)
            return self._tr.gettext("Not in the file: the value given by default")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tr.gettext("Row {row} of the file").format(row=self._rows[section].number)
        return None

    def has_problem(self, number: int, key: str) -> bool:
        return bool(self._problems.get((number, key)))
