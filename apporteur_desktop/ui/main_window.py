"""The main window: a sidebar of views, menus with the usual shortcuts, remembered geometry.

Each view is a QWidget built with the application context and the task runner, with
``refresh()`` (F5), and optionally ``new_item()`` (Ctrl+N, when ``can_create``), ``save()``
(Ctrl+S), ``show_item(id)`` (the global search and the reminders open an item with it), an
``open_requested(key, id)`` signal (a view asking for an item of another view) and
``may_leave(then)`` (False while the user keeps unsaved changes; ``then`` runs once they are
saved). The window knows nothing of what the views do.

A view is imported and built the first time it is shown: the window paints its first view
without loading the modules (fpdf2, the PDF viewer…) that only the others need.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
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

ViewFactory = Callable[[AppContext, TaskRunner, QWidget], QWidget]


@dataclass(frozen=True, slots=True)
class ViewEntry:
    key: str
    label: str
    module: str  # under apporteur_desktop.ui.views
    class_name: str

    def factory(self) -> ViewFactory:
        module = importlib.import_module(f"{__package__}.views.{self.module}")
        factory: ViewFactory = getattr(module, self.class_name)
        return factory


# In the order of a month's work: where things stand, the pipeline, the revenue, the
# commissions and their invoices; then the address book and the settings.
VIEWS = (
    ViewEntry("dashboard", N_("Dashboard"), "dashboard", "DashboardView"),
    ViewEntry("introductions", N_("Introductions"), "introductions", "IntroductionsView"),
    ViewEntry("agreements", N_("Agreements"), "agreements", "AgreementsView"),
    ViewEntry("engagements", N_("Client contracts"), "engagements", "EngagementsView"),
    ViewEntry("revenue", N_("Revenue"), "revenue", "RevenueView"),
    ViewEntry("commissions", N_("Commissions"), "commissions", "CommissionsView"),
    ViewEntry("invoices", N_("Invoices"), "invoices", "InvoicesView"),
    ViewEntry("contacts", N_("Contacts"), "contacts", "ContactsView"),
    ViewEntry("settings", N_("Settings"), "settings", "SettingsView"),
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
        self.views: dict[str, QWidget] = {}  # the views built so far, by key
        for entry in VIEWS:
            item = QListWidgetItem(_(entry.label), self.sidebar)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
        self.sidebar.currentRowChanged.connect(self._show_row)
        self.sidebar.setMaximumWidth(220)
        # Roomy entries without a frame; colours stay the palette's (light or dark).
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { border: none; padding-top: 8px; outline: 0; }"
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

    def view(self, key: str) -> QWidget:
        """The view of ``key``, built (and its module imported) the first time it is asked for."""
        view = self.views.get(key)
        if view is None:
            entry = next(entry for entry in VIEWS if entry.key == key)
            view = entry.factory()(self.ctx, self.tasks, self.stack)
            view.setObjectName(f"view_{key}")
            opened = getattr(view, "open_requested", None)
            if opened is not None:
                opened.connect(self.open_item)
            self.views[key] = view
            self.stack.addWidget(view)
        return view

    def show_view(self, key: str) -> QWidget:
        keys = [entry.key for entry in VIEWS]
        self.sidebar.setCurrentRow(keys.index(key))
        return self.views[key]

    def open_item(self, key: str, item_id: int) -> None:
        """Show the view of ``key`` with the item ``item_id`` selected (search, reminders)."""
        show_item = getattr(self.show_view(key), "show_item", None)
        if callable(show_item):
            show_item(item_id)

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentWidget(self.view(VIEWS[row].key))
            self._update_actions()

    # --- menus ------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        _ = self.ctx.translator.gettext
        file_menu = self.menuBar().addMenu(_("&File"))
        self.import_action = self._action(_("&Import a spreadsheet…"), None, self.import_sheet)
        self.import_action.setStatusTip(
            _("Contacts, introductions, engagements or monthly revenue from a CSV or .xlsx file")
        )
        self.quit_action = self._action(_("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.new_action = self._action(_("&New"), QKeySequence.StandardKey.New, self._new_item)
        self.save_action = self._action(_("&Save"), QKeySequence.StandardKey.Save, self._save)
        self.search_action = self._action(_("Searc&h…"), None, self.search)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        edit_menu.addActions([self.new_action, self.save_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
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

    def search(self) -> QDialog:
        """The global search (Ctrl+K): the hit the user opens is shown in its view."""
        from .dialogs.search import SearchDialog  # loaded when first asked for

        dialog = SearchDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_requested.connect(self.open_item)
        dialog.open()
        return dialog

    def import_sheet(self) -> QDialog:
        """File › Import a spreadsheet: once imported, the current view shows what came in."""
        from .dialogs.spreadsheet_import import SpreadsheetImportDialog  # likewise

        dialog = SpreadsheetImportDialog(self.ctx, self.tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _done: self._refresh_unless_edited())
        dialog.open()
        return dialog

    def _refresh_unless_edited(self) -> None:
        # The other views reload when next shown; the current one keeps what the user typed.
        view = self.current_view()
        may_leave = getattr(view, "may_leave", None)
        if not callable(may_leave) or may_leave(self._refresh):
            self._refresh()

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
        else:  # the sidebar as wide as it may be, the view the rest
            width = self.sidebar.maximumWidth()
            self.splitter.setSizes([width, max(self.width() - width, 1)])

    def closeEvent(self, event: QCloseEvent) -> None:
        # A view with unsaved changes asks first; saving closes the window once saved.
        for key, view in self.views.items():
            may_leave = getattr(view, "may_leave", None)
            if callable(may_leave) and not may_leave(self.close):
                self.show_view(key)
                event.ignore()
                return
        self.tasks.wait()
        settings = self._settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)
