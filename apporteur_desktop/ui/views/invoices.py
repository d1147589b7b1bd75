"""« Factures »: every invoice and credit note, what is paid and what is left, and what to do
with one — open its PDF, record a payment, cancel it with a credit note — or export the list.

The model reads the list off the UI thread and shows it a page at a time; writes go through
the dialogs, which call the services through the same ``TaskRunner``, so they never overlap
another task's. Which actions are enabled only mirrors the services' rules for the selected
document; the services still decide, and say why when they refuse.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.invoices import InvoiceState
from ...services.context import AppContext
from ...services.invoice_views import STATE_NAMES, InvoiceView, archived_pdf
from ..dialogs.cancel_invoice import CancelInvoiceDialog, can_cancel
from ..dialogs.payment import PaymentDialog, can_pay
from ..feedback import show_failure
from ..models.invoice_table import (
    PAGE_SIZE,
    Column,
    InvoiceFilterProxy,
    InvoiceTableModel,
    warning_colour,
)
from ..remembered import remember, restore
from ..tasks import TaskRunner

COLUMNS_KEY = "invoices/columns"


def ask_save_path(parent: QWidget, title: str, proposed: str, file_filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, proposed, file_filter)[0]


class InvoicesView(QWidget):
    """The list of documents. ``loaded`` is emitted each time a reload has been shown.

    ``open_url`` and ``choose_save_path`` default to the desktop's viewer and file dialog;
    tests pass their own.
    """

    can_create = False  # invoices are issued from the commissions, not created here
    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
        choose_save_path: Callable[[QWidget, str, str, str], str] = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self._tr = ctx, tasks, ctx.translator
        self._open_url, self._choose_save_path = open_url, choose_save_path
        self._keep_selected: int | None = None  # the document to select again after a reset
        self._pdf_dir: Path | None = None
        self.model = InvoiceTableModel(ctx, tasks, self)
        self.model.set_warning_colour(warning_colour(self.palette()))
        self.proxy = InvoiceFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        _ = ctx.translator.gettext
        self.buttons: list[QPushButton] = []
        self.open_action = self._action("openPdf", _("Open the &PDF"), self.open_pdf)
        self.pay_action = self._action(
            "recordPayment", _("Record a pay&ment…"), self.record_payment
        )
        self.cancel_action = self._action(
            "cancelInvoice", _("Cancel with a credit &note…"), self.cancel_invoice
        )
        self.export_action = self._action("exportCsv", _("E&xport to CSV…"), self.export_csv)
        tips = (
            _("Open the archived PDF of the selected document (Enter, double-click)"),
            _("Record a payment received or made on the selected document"),
            _("Issue a credit note that cancels the selected invoice"),
            _("Save the documents listed, as filtered, to a CSV file"),
        )
        for button, tip in zip(self.buttons, tips, strict=True):
            button.setToolTip(tip)
        self._build_widgets()
        # After the proxy's own connections, so that it has taken the reset in when these run.
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._reselect)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self._load_failed)
        self._columns_sized = self._restore_columns()
        tasks.busy_changed.connect(self._update_actions)
        self._update_actions()

    # --- building ---------------------------------------------------------------------------------

    def _action(self, name: str, text: str, slot: Callable[[], None]) -> QAction:
        """An action for the context menu, and its button (the « & » gives an Alt+letter)."""
        action = QAction(text, self, objectName=f"{name}Action")
        action.triggered.connect(slot)
        button = QPushButton(text, self, objectName=f"{name}Button")
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        self.buttons.append(button)
        return action

    def _build_widgets(self) -> None:
        _ = self._tr.gettext
        toolbar = QHBoxLayout()
        for button in self.buttons[:3]:
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.buttons[3])

        self.filter_edit = QLineEdit(self, objectName="invoiceFilter", clearButtonEnabled=True)
        self.filter_edit.setPlaceholderText(_("Number or counterparty"))
        self.filter_edit.setToolTip(_("Show only the documents whose number or name has this"))
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.state_combo = QComboBox(self, objectName="stateFilter")
        self.state_combo.setToolTip(_("Show only the documents in this state"))
        self.state_combo.addItem(_("All states"), None)
        for state, name in STATE_NAMES.items():
            word = _(name)
            self.state_combo.addItem(word[:1].upper() + word[1:], state)
        self.state_combo.currentIndexChanged.connect(self.refresh)
        self.count_label = QLabel(self, objectName="invoiceCount")
        filters = QHBoxLayout()
        for label, field in ((_("Fi&lter:"), self.filter_edit), (_("S&tatus:"), self.state_combo)):
            buddy = QLabel(label, self)
            buddy.setBuddy(field)
            filters.addWidget(buddy)
            filters.addWidget(field, 2 if field is self.filter_edit else 1)
            filters.addSpacing(12)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.table = self._build_table()
        self.message = QLabel(self, objectName="invoiceMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        # Reading order: the actions, the filters, then the list, which has the focus first.
        chain = [*self.buttons, self.filter_edit, self.state_combo, self.table]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.table)

    def _build_table(self) -> QTableView:
        table = QTableView(self, objectName="invoiceTable")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(Column.COUNTERPARTY, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        # The first sizing to contents measures the rows on screen, not every row fetched:
        # each cell asks the model for its words, and 200 rows froze the window 130 ms.
        header.setResizeContentsPrecision(0)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)  # newest (and drafts) first
        header.sectionResized.connect(self._save_columns)
        header.sortIndicatorChanged.connect(self._save_columns)
        table.selectionModel().selectionChanged.connect(self._update_actions)
        table.activated.connect(self.open_pdf)  # double-click, or Enter on the row
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda at: self.context_menu().popup(table.viewport().mapToGlobal(at))
        )
        return table

    # --- the window's contract --------------------------------------------------------------------

    def new_item(self) -> None:
        """Nothing to create here (``can_create`` is False): invoices come from commissions."""

    def refresh(self) -> None:
        """Reload the documents in the chosen state, off the UI thread."""
        state = self.state_combo.currentData()
        self.model.load(None if state is None else [InvoiceState(state)])
        self.count_label.setText(self._tr.gettext("Loading…"))

    def show_item(self, item_id: int) -> None:
        """Select the document ``item_id`` (search, reminders): every state, no text filter,
        so that it is listed whatever the filters were."""
        self._keep_selected = item_id
        self.filter_edit.clear()
        if self.state_combo.currentIndex() != 0:
            self.state_combo.setCurrentIndex(0)  # which reloads
        else:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()  # other views may have issued or paid documents meanwhile

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the system switched light/dark
            self.model.set_warning_colour(warning_colour(self.palette()))
        super().changeEvent(event)

    # --- loading ----------------------------------------------------------------------------------

    def _remember_selection(self) -> None:
        selected = self.selected_invoice()
        if self._keep_selected is None and selected is not None:
            self._keep_selected = selected.id

    def _reselect(self) -> None:
        row = None if self._keep_selected is None else self.model.row_of(self._keep_selected)
        self._keep_selected = None
        self._top_up()
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _loaded(self) -> None:
        if not self._columns_sized:
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for column in Column:  # a little air: the longest text should not touch the rule
                header.resizeSection(column, header.sectionSize(column) + 12)
            # Sizing to contents shrank the counterparty column too: let it take the room again.
            header.setSectionResizeMode(Column.COUNTERPARTY, QHeaderView.ResizeMode.Stretch)
            self._columns_sized = True
        self._filter_changed(self.filter_edit.text())
        self.loaded.emit()

    def _load_failed(self, failure: BaseException) -> None:
        self._filter_changed(self.filter_edit.text())
        show_failure(self, self._tr, failure)

    def _top_up(self) -> None:
        # The text filter may hide most fetched rows: fetch until a page shows, or all are in.
        while self.proxy.rowCount() < PAGE_SIZE and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._top_up()
        count = len(self.listed_invoices())
        self.count_label.setText(self._tr.gettext("Documents: {count}").format(count=count))
        self._update_actions()

    # --- selection and actions --------------------------------------------------------------------

    def listed_invoices(self) -> list[InvoiceView]:
        """Every document the filters let through, in the shown order, fetched or not."""
        return [v for v in self.model.all_invoices() if self.proxy.accepts(v)]

    def selected_invoice(self) -> InvoiceView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.invoice_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _update_actions(self) -> None:
        invoice = self.selected_invoice()
        writing = not self.tasks.busy  # one writer at a time: wait for the running task
        self.open_action.setEnabled(invoice is not None and invoice.file is not None)
        self.pay_action.setEnabled(writing and invoice is not None and can_pay(invoice))
        self.cancel_action.setEnabled(writing and invoice is not None and can_cancel(invoice))
        self.export_action.setEnabled(bool(self.listed_invoices()))

    def context_menu(self) -> QMenu:
        menu = QMenu(self, objectName="invoiceMenu")
        menu.addActions([self.open_action, self.pay_action, self.cancel_action])
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def open_pdf(self) -> None:
        invoice = self.selected_invoice()
        if invoice is None or not self.open_action.isEnabled():
            return
        try:
            content = archived_pdf(self.ctx, invoice.number)
            # A copy, never the archive itself: a viewer that saves annotations would change
            # the issued file, whose SHA-256 is the proof that it was not altered.
            self._pdf_dir = self._pdf_dir or Path(tempfile.mkdtemp(prefix="apporteur-pdf-"))
            path = self._pdf_dir / f"{invoice.number.replace('/', '-')}.pdf"
            path.write_bytes(content)
        except Exception as failure:  # show_failure raises again what is not the user's
            show_failure(self, self._tr, failure)
            return
        if not self._open_url(QUrl.fromLocalFile(str(path))):
            self._say(self._tr.gettext("No application could open {path}").format(path=path))

    def record_payment(self) -> None:
        invoice = self.selected_invoice()
        if invoice is not None and self.pay_action.isEnabled():
            PaymentDialog.start(self, self.ctx, self.tasks, invoice, self._changed)

    def cancel_invoice(self) -> None:
        invoice = self.selected_invoice()
        if invoice is not None and self.cancel_action.isEnabled():
            CancelInvoiceDialog.start(self, self.ctx, self.tasks, invoice, self._changed)

    def _changed(self, document: InvoiceView, message: str) -> None:
        """A dialog saved ``document``: say so, reload, and select it."""
        self._say(message)
        self._keep_selected = document.id
        self.refresh()

    def export_csv(self) -> None:
        _ = self._tr.gettext
        day = self.ctx.clock.today().isoformat()
        proposed = self.ctx.paths.exports_dir / _("invoices-{date}.csv").format(date=day)
        title, kinds = _("Export the invoices"), _("CSV files (*.csv)")
        chosen = self._choose_save_path(self, title, str(proposed), kinds)
        if not chosen:
            return
        path = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".csv")
        invoices = self.listed_invoices()
        try:
            self.model.write_csv(path, invoices)
        except OSError as failure:
            show_failure(self, self._tr, failure)
            return
        self._say(_("Documents exported to {path}: {count}").format(count=len(invoices), path=path))

    # --- remembered columns ---------------------------------------------------------------------

    def _restore_columns(self) -> bool:
        """The widths (and the order chosen by clicking a heading) of the last session."""
        return restore(COLUMNS_KEY, self.table.horizontalHeader().restoreState)

    def _save_columns(self) -> None:
        remember(COLUMNS_KEY, self.table.horizontalHeader().saveState())
