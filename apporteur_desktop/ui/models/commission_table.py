"""The lines of a commission run as a lazy Qt table: words and amounts as the user reads them.

The report's lines are already computed values (``LineView``); the model hands them to the
view a page at a time (``canFetchMore``/``fetchMore``), so a run over a large ledger does not
make the view lay out tens of thousands of rows at once. Cells are worded only when painted.
The table's view is set up here too, with its column widths remembered between sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ...domain.enums import Direction
from ...domain.money import ZERO
from ...domain.periods import Period
from ...formatting import date_text, money_text, month_text, rate_text
from ...i18n import N_, Translator
from ...services.commissions import LineView
from ..qt_setup import APPLICATION, ORGANISATION

PAGE = 500
WIDTHS_KEY = "commissions/columns"

# (key, heading, default width); the keys name the columns for tests.
COLUMNS = (
    ("period", N_("Period"), 95),
    ("agreement", N_("Agreement"), 125),
    ("client", N_("Client"), 140),
    ("provider", N_("Provider"), 155),
    ("component", N_("Component"), 160),
    ("base", N_("Base"), 90),
    ("rate", N_("Rate"), 55),
    ("amount", N_("Amount"), 90),
    ("kind", N_("Kind"), 80),
    ("status", N_("Status"), 70),
)
KEYS = [key for key, _heading, _width in COLUMNS]
NUMERIC = frozenset({"base", "rate", "amount"})
FITTED = ("period", "base", "rate", "amount", "kind", "status")

# The role that gives the whole LineView of a row, for the explanation panel and for tests.
LINE_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class CommissionTableModel(QAbstractTableModel):
    """The lines of one report, optionally only those of one direction (``"earned"``/``"owed"``)."""

    def __init__(self, tr: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._all: tuple[LineView, ...] = ()
        self._shown: tuple[LineView, ...] = ()
        self._loaded = 0
        self._direction: str | None = None

    # --- what the view shows --------------------------------------------------------------------

    def set_lines(self, lines: Sequence[LineView]) -> None:
        self._all = tuple(lines)
        self._refilter()

    def set_direction(self, direction: str | None) -> None:
        """Only the lines of ``direction``; None shows both."""
        self._direction = direction
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        wanted = self._direction
        self._shown = tuple(
            line for line in self._all if wanted is None or line.direction == wanted
        )
        # Nothing is loaded until the view asks: it calls fetchMore for the first page itself.
        self._loaded = 0
        self.endResetModel()

    def line(self, row: int) -> LineView:
        return self._shown[row]

    def shown_count(self) -> int:
        """Every line that passes the filter, fetched into the view or not yet."""
        return len(self._shown)

    def totals(self) -> dict[str, Decimal]:
        """The sum of the shown lines by direction: earned and owed are never added together,
        since one is money coming in and the other money going out."""
        sums = {Direction.EARNED.value: ZERO, Direction.OWED.value: ZERO}
        for line in self._shown:
            sums[line.direction] = sums.get(line.direction, ZERO) + line.amount
        return sums

    # --- lazy loading (Qt's fetchmore example) --------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < len(self._shown)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        count = min(PAGE, len(self._shown) - self._loaded)
        if count <= 0:
            return
        # beginInsertRows takes the last row inclusive.
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._loaded += count
        self.endInsertRows()

    # --- the table --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._tr.gettext(COLUMNS[section][1])
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section][0] in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._loaded:
            return None
        line = self._shown[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.explanation
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if key in NUMERIC else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == LINE_ROLE:
            return line
        return None

    def _text(self, line: LineView, key: str) -> str:
        language = self._tr.language
        if key == "period":
            # An event (a qualified introduction, a signature) is due on a day; revenue by month.
            if line.date is not None:
                return date_text(line.date, language)
            return month_text(Period.parse(line.period).first_day(), language)
        if key == "base":
            return "" if line.base is None else money_text(line.base, language)
        if key == "rate":
            return "" if line.rate is None else rate_text(line.rate, language)
        if key == "amount":
            return money_text(line.amount, language)
        if key == "component":
            return line.component_label
        if key == "kind":
            return line.kind_label
        if key == "status":
            return line.status_label
        return str(getattr(line, key))


# --- the view ---------------------------------------------------------------------------------


class PaddedDelegate(QStyledItemDelegate):
    """Cells a little wider than their text, so columns fitted to it do not touch."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return super().sizeHint(option, index) + QSize(12, 0)


def commission_table_view(model: CommissionTableModel, parent: QWidget) -> QTableView:
    """A read-only table of whole rows over ``model``, its column widths as last left."""
    table = QTableView(parent)
    table.setObjectName("commissionTable")
    table.setModel(model)
    table.setItemDelegate(PaddedDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + 8)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # Short words and amounts take just their room; names keep the width the user gives them;
    # the component's words, the longest, take what is left (the panel below shows them whole).
    for key in FITTED:
        header.setSectionResizeMode(KEYS.index(key), QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(KEYS.index("component"), QHeaderView.ResizeMode.Stretch)
    # Fitted to the rows on screen: by default Qt measures up to a thousand rows, every cell
    # asking the model for its words, which froze the window for a quarter of a second when
    # the preview of a month of 2,000 lines arrived.
    header.setResizeContentsPrecision(0)
    widths = QSettings(ORGANISATION, APPLICATION).value(WIDTHS_KEY)
    try:
        saved = [int(width) for width in widths] if isinstance(widths, list) else []
    except (TypeError, ValueError):
        saved = []  # written by something else: the defaults will do
    if len(saved) != len(COLUMNS):
        saved = [width for _key, _heading, width in COLUMNS]
    for column, width in enumerate(saved):
        table.setColumnWidth(column, max(width, 30))
    return table


def remember_widths(table: QTableView) -> None:
    header = table.horizontalHeader()
    widths = [header.sectionSize(column) for column in range(len(COLUMNS))]
    QSettings(ORGANISATION, APPLICATION).setValue(WIDTHS_KEY, widths)
