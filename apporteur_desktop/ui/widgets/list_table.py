"""The table every list of the app is shown in: read-only rows, chosen whole and one at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget


def list_table(
    parent: QWidget,
    name: str,
    model: QAbstractItemModel,
    widths: Sequence[int] = (),
    menu: Callable[[], QMenu] | None = None,
) -> QTableView:
    """A list over ``model``: whole rows selected one at a time, nothing edited in place,
    alternating colours, no row numbers, columns the user resizes (``widths`` are their first
    widths, the last one stretching), and ``menu`` (if given) on a right click."""
    table = QTableView(parent, objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    # A little air above and below the text: the rows read as lines of a list, not a grid.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    if menu is not None:
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda at: menu().popup(table.viewport().mapToGlobal(at))
        )
    return table
