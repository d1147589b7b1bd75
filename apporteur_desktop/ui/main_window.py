"""The main window: a sidebar of views, menus with the usual shortcuts, remembered geometry.

Each view is a QWidget built with the application context and the task runner, with
``refresh()`` (F5), and optionally ``new_item()`` (Ctrl+N, when ``can_create``) and ``save()``
(Ctrl+S). The window knows nothing of what the views do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ..i18n import N_
from ..services.context import AppContext
from .qt_setup import APPLICATION, ORGANISATION
from .tasks import TaskRunner
from .views.commissions import CommissionsView
from .views.invoices import InvoicesView
from .views.settings import SettingsView

ViewFactory = Callable[[AppContext, TaskRunner, QWidget], QWidget]


@dataclass(frozen=True, slots=True)
class ViewEntry:
    key: str
    label: str
    factory: ViewFactory


# In the order of a month's work: compute, invoice, then the settings.
VIEWS = (
    ViewEntry("commissions", N_("Commissions"), CommissionsView),
    ViewEntry("invoices", N_("Invoices"), InvoicesView),
    ViewEntry("settings", N_("Settings"), SettingsView),
)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, tasks: TaskRunner | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.tasks = tasks or TaskRunner(self)
        _ = ctx.translator.gettext
        self.setWindowTitle(_("Apporteur Desktop — {path}").format(path=ctx.paths.ledger_file))
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.stack = QStackedWidget(self)
        self.views: dict[str, QWidget] = {}
        for entry in VIEWS:
            view = entry.factory(ctx, self.tasks, self.stack)
            view.setObjectName(f"view_{entry.key}")
            self.views[entry.key] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(_(entry.label), self.sidebar)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
        self.sidebar.currentRowChanged.connect(self._show_row)
        self.sidebar.setMaximumWidth(220)
        # Roomy entries without a frame; colours stay the palette's (light or dark).
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { border: none; padding-top: 8px; }"
            "QListWidget#sidebar::item { padding: 7px 14px; }"
        )
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._build_menus()
        self.sidebar.setCurrentRow(0)
        self._restore()

    # --- navigation -------------------------------------------------------------------------------

    def current_view(self) -> QWidget:
        return self.stack.currentWidget()

    def show_view(self, key: str) -> QWidget:
        keys = [entry.key for entry in VIEWS]
        self.sidebar.setCurrentRow(keys.index(key))
        return self.views[key]

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)
            self._update_actions()

    # --- menus ------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        _ = self.ctx.translator.gettext
        file_menu = self.menuBar().addMenu(_("&File"))
        self.quit_action = self._action(_("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.new_action = self._action(_("&New"), QKeySequence.StandardKey.New, self._new_item)
        self.save_action = self._action(_("&Save"), QKeySequence.StandardKey.Save, self._save)
        edit_menu.addActions([self.new_action, self.save_action])
        view_menu = self.menuBar().addMenu(_("&View"))
        self.refresh_action = self._action(
            _("&Refresh"), QKeySequence.StandardKey.Refresh, self._refresh
        )
        view_menu.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&About"), None, self._about))

    def _action(
        self, text: str, shortcut: QKeySequence.StandardKey | None, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _update_actions(self) -> None:
        view = self.current_view()
        self.new_action.setEnabled(bool(getattr(view, "can_create", False)))
        self.save_action.setEnabled(callable(getattr(view, "save", None)))

    def _new_item(self) -> None:
        view = self.current_view()
        if getattr(view, "can_create", False):
            view.new_item()  # type: ignore[attr-defined]

    def _save(self) -> None:
        save = getattr(self.current_view(), "save", None)
        if callable(save):
            save()

    def _refresh(self) -> None:
        self.current_view().refresh()  # type: ignore[attr-defined]

    def _about(self) -> None:
        _ = self.ctx.translator.gettext
        QMessageBox.about(
            self,
            _("Apporteur Desktop"),
            _("The books of an apporteur d'affaires, on your own computer.\nLedger: {path}").format(
                path=self.ctx.paths.ledger_file
            ),
        )

    # --- geometry ---------------------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings(ORGANISATION, APPLICATION)

    def _restore(self) -> None:
        settings = self._settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.wait()
        settings = self._settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)
