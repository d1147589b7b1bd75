"""The invoices list as a Qt table: one row per document, fetched a page at a time.

The model asks the service for the documents off the UI thread (through the ``TaskRunner``),
then tells the view about them 200 rows at a time through ``canFetchMore``/``fetchMore``, so a
ledger with thousands of documents never makes the view lay out thousands of rows at once.
Sorting is done here, over the whole list, not by the proxy over the rows fetched so far:
otherwise sorting by amount would show the largest of the first page, then move rows around as
pages arrive.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPalette

from ...domain.invoices import DocumentKind, DocumentOrigin, InvoiceState
from ...formatting import date_text, money_text
from ...i18n import N_, Translator
from ...services.context import AppContext
from ...services.invoice_views import STATE_NAMES, InvoiceView, list_invoices
from ..tasks import TaskRunner

PAGE_SIZE = 200
AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NUMBER = 0
    DATE = 1
    COUNTERPARTY = 2
    KIND = 3
    STATE = 4
    TOTAL = 5
    PAID = 6
    LEFT_TO_PAY = 7
    DUE = 8


HEADINGS = (
    N_("Number"),
    N_("Date"),
    N_("Counterparty"),
    N_("Kind"),
    N_("Status"),
    N_("Total incl. VAT"),
    N_("Paid"),
    N_("Left to pay"),
    N_("Due date"),
)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# « facture reçue » and « avoir reçu » agree in gender: one message each, not a pattern.
KIND_NAMES = {
    (DocumentKind.INVOICE, DocumentOrigin.ISSUED): N_("invoice"),
    (DocumentKind.CREDIT_NOTE, DocumentOrigin.ISSUED): N_("credit note"),
    (DocumentKind.INVOICE, DocumentOrigin.RECORDED): N_("received invoice"),
    (DocumentKind.CREDIT_NOTE, DocumentOrigin.RECORDED): N_("received credit note"),
}

# A draft has no date yet: it sorts as the newest document, after every dated one.
_VALUES: dict[Column, Callable[[InvoiceView], Any]] = {
    Column.DATE: lambda v: v.issued_on or date.max,
    Column.TOTAL: lambda v: v.gross_total,
    Column.PAID: lambda v: v.paid,
    Column.LEFT_TO_PAY: lambda v: v.outstanding,
    Column.DUE: lambda v: v.due_on or date.max,
}
AMOUNTS = (Column.TOTAL, Column.PAID, Column.LEFT_TO_PAY)


def warning_colour(palette: QPalette) -> QColor:
    """A red that reads on the palette's background: dark on a light base, light on a dark one.

    Qt's palette has no warning role, so the colour is derived from the base the text sits on;
    that keeps it legible in the light and the dark system themes alike.
    """
    dark_base = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor.fromHsl(2, 190, 170 if dark_base else 90)


class InvoiceTableModel(QAbstractTableModel):
    """Read-only rows over a list of :class:`InvoiceView`; the view is under ``Qt.UserRole``."""

    loaded = Signal()  # a reload has been shown
    load_failed = Signal(object)  # the exception

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._tasks = ctx, tasks
        self.translator: Translator = ctx.translator
        self._generation = 0  # which load the rows come from: older results are dropped
        self._states: list[InvoiceState] | None = None  # what the last load asked for
        self._pending = False  # a load waits for the runner to be free
        tasks.busy_changed.connect(self._busy_changed)
        self._all: list[InvoiceView] = []
        self._fetched = 0
        self._sort = (Column.DATE, Qt.SortOrder.DescendingOrder)
        self._warning = QBrush(warning_colour(QPalette()))
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else self._fetched

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._fetched < len(self._all)

    def fetchMore(self, parent: AnyIndex) -> None:
        count = 0 if parent.isValid() else min(PAGE_SIZE, len(self._all) - self._fetched)
        if count <= 0:
            return
        # beginInsertRows takes the last new row inclusively: first + count - 1.
        self.beginInsertRows(QModelIndex(), self._fetched, self._fetched + count - 1)
        self._fetched += count
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.translator.gettext(HEADINGS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in AMOUNTS:
            return RIGHT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._fetched:
            return None
        invoice, column = self._all[index.row()], Column(index.column())
        overdue = column is Column.STATE and invoice.state is InvoiceState.OVERDUE
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(invoice, column)
        if role == Qt.ItemDataRole.UserRole:
            return invoice
        if role == Qt.ItemDataRole.TextAlignmentRole and column in AMOUNTS:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return self._warning
        if role == Qt.ItemDataRole.FontRole and overdue:
            return self._bold  # bold as well as red: the state does not rest on colour alone
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.NUMBER and invoice.cites:
            return self.translator.gettext("Cancels {numbers}").format(
                numbers=", ".join(invoice.cites)
            )
        return None

    def text(self, invoice: InvoiceView, column: Column) -> str:
        """What a cell shows, in the translator's language."""
        language = self.translator.language
        if column in AMOUNTS:
            return money_text(_VALUES[column](invoice), language)
        if column in (Column.DATE, Column.DUE):
            day = invoice.issued_on if column is Column.DATE else invoice.due_on
            return "" if day is None else date_text(day, language)
        if column is Column.NUMBER:
            return invoice.number or "—"
        if column is Column.KIND:
            return self.translator.gettext(KIND_NAMES[invoice.kind, invoice.origin])
        if column is Column.STATE:
            return self.translator.gettext(STATE_NAMES[invoice.state])
        return invoice.counterparty

    # --- the rows ---------------------------------------------------------------------------------

    def load(self, states: list[InvoiceState] | None = None) -> None:
        """Reload the documents in ``states`` (all: None) off the UI thread; if the runner is
        busy with another task, as soon as it ends."""
        self._generation += 1
        generation, ctx, self._states = self._generation, self._ctx, states
        started = self._tasks.start(
            lambda: list_invoices(ctx, states),
            lambda invoices: self._arrived(generation, invoices),
            self._failed,
        )
        self._pending = not started

    def _busy_changed(self, busy: bool) -> None:
        if not busy and self._pending and shiboken6.isValid(self):
            self.load(self._states)

    def _failed(self, failure: BaseException) -> None:
        if shiboken6.isValid(self):  # the view may have been closed meanwhile
            self.load_failed.emit(failure)

    def _arrived(self, generation: int, invoices: list[InvoiceView]) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self.set_invoices(invoices, keep_fetched=True)
            self.loaded.emit()

    def set_invoices(self, invoices: Sequence[InvoiceView], *, keep_fetched: bool = False) -> None:
        """Show ``invoices`` in the current order: the first page, or as many rows as were
        fetched before (``keep_fetched``, so that a reload does not scroll the user back)."""
        wanted = max(self._fetched, PAGE_SIZE) if keep_fetched else PAGE_SIZE
        self.beginResetModel()
        self._all = self._sorted(invoices)
        self._fetched = min(wanted, len(self._all))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(Column):
            self._sort = (Column(column), order)
            self.beginResetModel()
            self._all = self._sorted(self._all)
            self.endResetModel()

    def _sorted(self, invoices: Sequence[InvoiceView]) -> list[InvoiceView]:
        column, order = self._sort
        value = _VALUES.get(column) or (lambda v: self.text(v, column).casefold())
        # Ties keep the order of numbering (then of recording), whichever the direction.
        return sorted(
            invoices,
            key=lambda v: (value(v), v.number, v.id),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def all_invoices(self) -> Sequence[InvoiceView]:
        """Every document the service returned, in the shown order, fetched or not."""
        return self._all

    def invoice_at(self, row: int) -> InvoiceView:
        return self._all[row]

    def row_of(self, invoice_id: int) -> int | None:
        """The row of a document, fetching the pages up to it; None if it is not listed."""
        row = next((r for r, v in enumerate(self._all) if v.id == invoice_id), None)
        while row is not None and row >= self._fetched:
            self.fetchMore(QModelIndex())
        return row

    def set_warning_colour(self, colour: QColor) -> None:
        self._warning = QBrush(colour)  # the view repaints on a palette change anyway

    def write_csv(self, path: Path, invoices: Sequence[InvoiceView]) -> None:
        """The table's columns, headed in the user's language; dates ISO and amounts plain
        decimals (« 240.00 »), so a spreadsheet or a script reads them without guessing."""
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow([self.translator.gettext(heading) for heading in HEADINGS])
            for v in invoices:
                words = [self.text(v, c) for c in (Column.COUNTERPARTY, Column.KIND, Column.STATE)]
                days = [d.isoformat() if d else "" for d in (v.issued_on, v.due_on)]
                amounts = [str(_VALUES[column](v)) for column in AMOUNTS]
                writer.writerow([v.number, days[0], *words, *amounts, days[1]])


class InvoiceFilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose number or counterparty contains the text typed in the filter box.

    Sorting is handed to the source model, which sorts every document and not only the rows
    fetched so far.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, invoice: InvoiceView) -> bool:
        needle = self._needle
        return needle in invoice.number.casefold() or needle in invoice.counterparty.casefold()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        source = self.sourceModel()
        assert isinstance(source, InvoiceTableModel)
        return self.accepts(source.invoice_at(source_row))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
