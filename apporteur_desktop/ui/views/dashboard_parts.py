"""The pieces of the « Tableau de bord »: figure tiles, the reminders list, the quiet providers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...formatting import date_text, month_text
from ...i18n import Translator
from ...services.dashboard_figures import (
    AGREEMENT_ENDING,
    INVOICE_OVERDUE,
    REMINDER_KINDS,
    REVENUE_MISSING,
    TRIAL_ENDING,
    Reminder,
    reminder_text,
)

if TYPE_CHECKING:
    from ...services.dashboard_figures import Dormant

# A reminder's subject: the view that shows it, and its id there.
VIEW_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ICONS = {
    TRIAL_ENDING: QStyle.StandardPixmap.SP_MessageBoxInformation,
    INVOICE_OVERDUE: QStyle.StandardPixmap.SP_MessageBoxWarning,
    REVENUE_MISSING: QStyle.StandardPixmap.SP_FileDialogDetailedView,
    AGREEMENT_ENDING: QStyle.StandardPixmap.SP_FileIcon,
}


def warning_colour(palette: QPalette) -> QColor:
    """A red that reads on the window's background, light or dark."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor.fromHsl(2, 190, 170 if dark else 90)


def group(title: str, widgets: Sequence[QWidget], parent: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)  # a short chart keeps to the top when its neighbour is taller
    return box


class KpiTile(QFrame):
    """A figure in large type, what it is, and a detail line below."""

    def __init__(self, label: str, tip: str, parent: QWidget, objectName: str = "") -> None:
        super().__init__(parent, objectName=objectName, toolTip=tip)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("…", self, objectName="value")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(label, self, objectName="caption", wordWrap=True)
        self.detail = QLabel(self, objectName="detail")
        self.detail.setEnabled(False)  # the palette's muted colour
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for widget in (self.value, self.caption, self.detail):
            layout.addWidget(widget)
        self.setAccessibleName(label)

    def set_value(self, value: str, detail: str = "", *, warning: bool = False) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        palette = self.value.palette()
        role = QPalette.ColorRole.WindowText
        colour = warning_colour(self.palette()) if warning else self.palette().color(role)
        palette.setColor(role, colour)
        self.value.setPalette(palette)
        self.setAccessibleDescription(f"{value} {detail}".strip())


class ReminderList(QTreeWidget):
    """Reminders, the most urgent first; Enter or a double-click opens the subject."""

    open_requested = Signal(str, int)

    def __init__(self, tr: Translator, parent: QWidget) -> None:
        super().__init__(parent, objectName="reminderList")
        self._tr = tr
        _ = tr.gettext
        self.setHeaderLabels([_("Kind"), _("Reminder"), _("Date")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setToolTip(_("Double-click or Enter opens what the reminder is about"))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.itemActivated.connect(self._activated)

    def sizeHint(self) -> QSize:
        """Room for about six reminders; more scroll."""
        return QSize(600, 7 * (self.fontMetrics().height() + 6) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 4 * (self.fontMetrics().height() + 6) + 8)

    def show_reminders(self, reminders: Sequence[Reminder]) -> None:
        _, language = self._tr.gettext, self._tr.language
        self.clear()
        for reminder in reminders:
            when = reminder.due_on
            day = "" if when is None else date_text(when, language)
            if reminder.period is not None:
                day = month_text(reminder.period.first_day(), language)
            text = reminder_text(self._tr, reminder)
            item = QTreeWidgetItem(self, [_(REMINDER_KINDS[reminder.kind]), text, day])
            item.setIcon(0, self.style().standardIcon(ICONS[reminder.kind]))
            item.setToolTip(1, text)
            item.setData(0, VIEW_ROLE, reminder.subject_view)
            item.setData(0, ID_ROLE, reminder.subject_id)
        if not reminders:
            item = QTreeWidgetItem(self, ["", _("Nothing to do today"), ""])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        elif self.currentItem() is None:
            self.setCurrentItem(self.topLevelItem(0))

    def _activated(self, item: QTreeWidgetItem) -> None:
        view = item.data(0, VIEW_ROLE)
        if view:
            self.open_requested.emit(view, int(item.data(0, ID_ROLE)))


class DormantList(QTreeWidget):
    """Providers of an agreement in force whose last signature is six months old or more."""

    def __init__(self, tr: Translator, parent: QWidget) -> None:
        super().__init__(parent, objectName="dormantList")
        self._tr = tr
        _ = tr.gettext
        self.setHeaderLabels([_("Provider"), _("Last signature")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def sizeHint(self) -> QSize:
        return QSize(300, 5 * (self.fontMetrics().height() + 4) + 8)

    def show_providers(self, providers: Sequence[Dormant]) -> None:
        _ = self._tr.gettext
        self.clear()
        for provider in providers:
            day = provider.last_signed
            when = _("never") if day is None else date_text(day, self._tr.language)
            QTreeWidgetItem(self, [provider.name, when])
        if not providers:
            item = QTreeWidgetItem(self, [_("Every provider signed in the last 6 months"), ""])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
