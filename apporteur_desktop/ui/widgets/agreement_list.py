"""The list of agreements: a filter box, a direction filter and a table read a page at a time.

Sorting and filtering are the service's (``list_agreements``): the table only ever holds the
pages shown. ``chosen(id)`` says the user picked an agreement; selecting one from code (after
a save, from a search) does not say it again.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Direction
from ...formatting import date_text
from ...i18n import N_
from ...services.agreements import DIRECTION_FILTER, AgreementRow, list_agreements
from ...services.context import AppContext
from ...services.listing import ListQuery, Page
from ..models.paged_table import PagedTableModel, TableColumn
from .list_table import choice_filter, filter_box, list_table

DIRECTION_FILTERS: tuple[tuple[Direction | None, str], ...] = (
    (None, N_("Both directions")),
    (Direction.EARNED, N_("Earned (owed to me)")),
    (Direction.OWED, N_("Owed (I pay)")),
)
DIRECTION_WORDS = {Direction.EARNED: N_("I earn"), Direction.OWED: N_("I owe")}
# Narrow enough for the form beside it; the name takes what is left.
WIDTHS = (130, 100, 76, 112, 58)


class AgreementList(QWidget):
    """``chosen(id)``: the user selected an agreement; ``reset``: the rows were (re)read.
    ``below`` is the row under the table, for the view's own buttons."""

    chosen = Signal(int)
    reset = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self._tr = ctx, ctx.translator
        self._syncing = False  # code, not the user, is moving the selection or the filters
        self.model: PagedTableModel[AgreementRow] = PagedTableModel(
            ctx.translator, self._columns(), self._fetch, self, decorate=self._decorate
        )
        _ = self._tr.gettext
        self.filter_edit = filter_box(
            self,
            "agreementFilter",
            _("Name or counterparty"),
            _("Show only the agreements whose name or counterparty has this"),
        )
        self.filter_edit.textChanged.connect(self._filters_changed)
        self.direction_filter = choice_filter(
            self,
            "directionFilter",
            _("Show the agreements of both directions, or of one"),
            [(_(label), None if d is None else d.value) for d, label in DIRECTION_FILTERS],
        )
        self.direction_filter.currentIndexChanged.connect(self._filters_changed)
        self.table = self._build_table()
        self.count_label = QLabel(self, objectName="agreementCount")
        self.model.modelReset.connect(self._after_reset)
        self._build_layout()

    def _columns(self) -> list[TableColumn[AgreementRow]]:
        _ = self._tr.gettext
        language = self._tr.language

        def validity(row: AgreementRow) -> str:
            # « 05/01/2026 → » when open-ended: the arrow reads the same in every language.
            end = date_text(row.valid_until, language) if row.valid_until else ""
            return f"{date_text(row.valid_from, language)} → {end}".strip()

        return [
            TableColumn(N_("Name"), lambda row: row.name, sort="name"),
            TableColumn(N_("Counterparty"), lambda row: row.counterparty, sort="counterparty"),
            TableColumn(N_("Direction"), lambda row: _(DIRECTION_WORDS[row.direction])),
            TableColumn(N_("Validity"), validity, sort="valid_from"),
            # TRANSLATORS: a short column heading: how many introductions (« apports »).
            TableColumn(N_("Intros"), lambda row: str(row.introductions), amount=True),
        ]

    def _decorate(self, row: AgreementRow, column: int, role: int) -> object:
        """The whole text as a tooltip: narrow columns cut long names and dates."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.model.columns[column].text(row)
        return None

    def _fetch(self, query: ListQuery, offset: int, limit: int) -> Page[AgreementRow]:
        return list_agreements(self.ctx, query, offset, limit)

    def _build_table(self) -> QTableView:
        table = list_table(self, "agreementTable", self.model)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)  # the name stretches instead: see default_widths
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # by name, unless remembered
        table.selectionModel().selectionChanged.connect(self._row_chosen)
        return table

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        buddy = QLabel(self._tr.gettext("Fi&lter:"), self)
        buddy.setBuddy(self.filter_edit)
        filters.addWidget(buddy)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.direction_filter)
        self.below = QHBoxLayout()
        self.below.addWidget(self.count_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.below)
        QWidget.setTabOrder(self.filter_edit, self.direction_filter)
        QWidget.setTabOrder(self.direction_filter, self.table)
        self.setFocusProxy(self.table)

    def default_widths(self) -> None:
        """The widths of a first start, before the user has sized the columns."""
        header = self.table.horizontalHeader()
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    # --- filters ----------------------------------------------------------------------------------

    def direction(self) -> Direction | None:
        """The direction the list shows; None for both."""
        value = self.direction_filter.currentData()
        return None if value is None else Direction(value)

    def clear_filters(self) -> None:
        """Show every agreement (one reload for both filters, not one per widget)."""
        self._syncing = True
        try:
            self.filter_edit.clear()
            self.direction_filter.setCurrentIndex(0)
        finally:
            self._syncing = False
        self._filters_changed()

    def _filters_changed(self) -> None:
        if self._syncing:
            return
        direction = self.direction()
        filters = {} if direction is None else {DIRECTION_FILTER: direction.value}
        self.model.set_query(
            replace(self.model.query, text=self.filter_edit.text(), filters=filters)
        )

    def _after_reset(self) -> None:
        self.count_label.setText(
            self._tr.gettext("Agreements: {count}").format(count=self.model.total)
        )
        self.reset.emit()

    # --- selection --------------------------------------------------------------------------------

    def row_of(self, agreement_id: int | None, *, fetch: bool) -> int | None:
        """The row of an agreement; with ``fetch``, reading pages until it is found."""
        if agreement_id is None:
            return None
        if fetch:
            return self.model.row_where(lambda row: row.id == agreement_id)
        rows = range(self.model.rowCount())
        return next((r for r in rows if self.model.row_value(r).id == agreement_id), None)

    def select(self, agreement_id: int | None, *, fetch: bool) -> None:
        """Select the row of ``agreement_id`` (none when None or not listed), silently."""
        row = self.row_of(agreement_id, fetch=fetch)
        self._syncing = True
        try:
            if row is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._syncing = False

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not self._syncing and rows:
            self.chosen.emit(self.model.row_value(rows[0].row()).id)
