"""A read-only table over a paged service query: the rows arrive as the view scrolls.

The model holds the rows fetched so far and how many match in all. ``canFetchMore`` and
``fetchMore`` ask the service for the next page (``PAGE_SIZE`` rows) when the view needs it,
so a list of 10,000 introductions lays out 200 rows at first and never the whole table.
Sorting and filtering are the service's (SQL ``ORDER BY`` and ``WHERE``): a proxy would only
sort the rows fetched so far. A page is a small indexed read, quick enough for the UI thread;
the ledger is in WAL mode, so it never waits for a write running on the task thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...i18n import Translator
from ...services.listing import ListQuery, Page

PAGE_SIZE = 200
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
AnyIndex = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class TableColumn(Generic[Row]):
    """One column: its heading (an ``N_`` message), the cell text of a row, the service's
    sort key for it (``""``: not sortable) and whether it holds amounts (right-aligned)."""

    heading: str
    text: Callable[[Row], str]
    sort: str = ""
    amount: bool = False


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of ``fetch(query, offset, limit)``; the row value is under ``Qt.UserRole``.

    ``decorate(row, role)`` may add roles (colours, tooltips) without subclassing.
    """

    def __init__(
        self,
        translator: Translator,
        columns: Sequence[TableColumn[Row]],
        fetch: Callable[[ListQuery, int, int], Page[Row]],
        parent: QObject | None = None,
        *,
        decorate: Callable[[Row, int, int], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.translator = translator
        self.columns = tuple(columns)
        self._fetch, self._decorate = fetch, decorate
        self.query = ListQuery()
        self._rows: list[Row] = []
        self._total = 0

    # --- what the view asks -----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or len(self._rows) >= self._total:
            return
        page = self._fetch(self.query, len(self._rows), PAGE_SIZE)
        if not page.rows:  # the ledger changed under us: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        # beginInsertRows takes the last new row inclusively: first + count - 1.
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.translator.gettext(self.columns[section].heading)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].amount:
            return RIGHT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.amount:
            return RIGHT
        if self._decorate is not None:
            return self._decorate(row, index.column(), role)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns) and self.columns[column].sort:
            descending = order == Qt.SortOrder.DescendingOrder
            self.set_query(
                replace(self.query, sort=self.columns[column].sort, descending=descending)
            )

    # --- what the view tells it -------------------------------------------------------------------

    def set_query(self, query: ListQuery) -> None:
        """Show the first page of what ``query`` matches."""
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Ask again, keeping as many rows as were shown (a save does not scroll the user back)."""
        wanted = max(len(self._rows), PAGE_SIZE)
        page = self._fetch(self.query, 0, wanted)
        self.beginResetModel()
        self._rows, self._total = list(page.rows), page.total
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many rows match the query, fetched or not."""
        return self._total

    def row_value(self, row: int) -> Row:
        return self._rows[row]

    def row_where(self, matches: Callable[[Row], bool]) -> int | None:
        """The first row for which ``matches`` holds, fetching pages until it is found."""
        start = 0
        while True:
            for offset, value in enumerate(self._rows[start:]):
                if matches(value):
                    return start + offset
            if not self.canFetchMore(QModelIndex()):
                return None
            start = len(self._rows)
            self.fetchMore(QModelIndex())
