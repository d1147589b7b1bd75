"""What every list of the app is made of: the table (read-only rows, chosen whole and one at a
time), its filter box and choice filters, and the action buttons above it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)


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


def filter_box(parent: QWidget, name: str, placeholder: str, tip: str) -> QLineEdit:
    """The text a list is narrowed to, with a button that clears it."""
    edit = QLineEdit(parent, objectName=name, clearButtonEnabled=True)
    edit.setPlaceholderText(placeholder)
    edit.setToolTip(tip)
    return edit


def choice_filter(
    parent: QWidget, name: str, tip: str, choices: Iterable[tuple[str, object]]
) -> QComboBox:
    """A combo box of (text, value) choices, the first usually « all »."""
    combo = QComboBox(parent, objectName=name, toolTip=tip)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


def action_button(
    parent: QWidget, name: str, text: str, tip: str, slot: Callable[[], None]
) -> tuple[QAction, QPushButton]:
    """An action (for menus and shortcuts) and its button, enabled together."""
    action = QAction(text, parent, objectName=f"{name}Action", toolTip=tip)
    action.triggered.connect(slot)
    button = QPushButton(text, parent, objectName=f"{name}Button", toolTip=tip)
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    return action, button
