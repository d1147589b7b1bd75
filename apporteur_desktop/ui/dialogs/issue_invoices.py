"""« Facturer la période… »: the period's drafts, a look at each one's PDF, then issuing them all.

Each draft's PDF is shown inside the dialog by QtPdf's ``QPdfView`` (from the PySide6-Pdf
wheel: PySide6-Essentials has no QtPdf), page after page, as wide as the pane; it can also be
opened in the system's viewer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.invoices import DocumentKind
from ...domain.periods import Period
from ...formatting import money_text, month_text
from ...services import invoicing
from ...services.context import AppContext
from ...services.invoice_views import InvoiceView
from ...services.wording import word_notice
from ..feedback import show_failure
from ..models.commission_table import PaddedDelegate
from ..progress import start_with_progress
from ..tasks import Cancelled, TaskRunner


class IssueInvoicesDialog(QDialog):
    """Lists the drafts of commissions due up to ``through``, shows each, and issues them all.

    Closing it without issuing leaves the drafts as drafts: they hold no number, and the next
    preparation replaces them (keeping what the user typed into them): nothing is lost.
    """

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        through: Period,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self.through = ctx, tasks, through
        self._open_url = open_url
        self.drafts: tuple[InvoiceView, ...] = ()
        self.issued: tuple[InvoiceView, ...] = ()
        self._previews: dict[int, Path] = {}  # draft id → its PDF in the preview folder
        self._wanted: int | None = None
        self._issuing: QProgressDialog | None = None
        # The previews live as long as this dialog: QtPdf and an outside viewer read them.
        self._folder = tempfile.TemporaryDirectory(prefix="apporteur-preview-")
        self.setObjectName("issueInvoicesDialog")
        self._build()
        tasks.busy_changed.connect(self._update_buttons)
        QTimer.singleShot(0, self._prepare)

    def _build(self) -> None:
        _ = self.ctx.translator.gettext
        month = month_text(self.through.first_day(), self.ctx.translator.language)
        self.setWindowTitle(_("Invoice the period"))
        heading = QLabel(_("Commissions due up to {month}").format(month=month), self)
        self.table = QTableWidget(0, 4, self, objectName="draftList")
        headings = [_("Counterparty"), _("Kind"), _("Total incl. VAT"), _("Number")]
        self.table.setHorizontalHeaderLabels(headings)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setItemDelegate(PaddedDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(_("One draft per counterparty; select one to see its PDF."))
        self.table.currentCellChanged.connect(lambda row, *_rest: self._select(row))
        self.message = QLabel(_("Preparing the drafts…"), self, objectName="issueMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.page = QLabel(self, objectName="previewMessage", wordWrap=True)
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.document = QPdfDocument(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setObjectName("previewPdf")
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setPageSpacing(12)
        self.preview = QStackedWidget(self, objectName="previewArea")
        self.preview.addWidget(self.page)
        self.preview.addWidget(self.pdf_view)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        self.open_button = self._button(
            _("&Open the preview"),
            "openPreviewButton",
            _("Open the selected draft's PDF in your PDF viewer."),
            self._open_preview,
        )
        self.issue_button = self._button(
            _("&Issue the invoices"),
            "issueButton",
            _("Number and issue every listed draft at once; an issued invoice never changes."),
            self._issue,
        )
        left = QVBoxLayout()
        for widget, stretch in ((heading, 0), (self.table, 1), (self.message, 0)):
            left.addWidget(widget, stretch)
        panes = QHBoxLayout()  # the page gets two thirds: its text must stay legible
        panes.addLayout(left, 1)
        panes.addWidget(self.preview, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(panes, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 760)

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setEnabled(False)
        button.clicked.connect(slot)
        return button

    # --- the drafts -----------------------------------------------------------------------------

    def _prepare(self) -> None:
        _ = self.ctx.translator.gettext
        work = partial(invoicing.prepare_drafts, self.ctx, self.through)
        label = _("Preparing the drafts…")
        if start_with_progress(self, self.tasks, label, work, self._prepared, self._failed) is None:
            self.message.setText(_("Another task is running: try again when it has finished."))

    def _prepared(self, result: invoicing.Drafts) -> None:
        _ = self.ctx.translator.gettext
        self.drafts = result.drafts
        self.table.setRowCount(len(self.drafts))
        for row, draft in enumerate(self.drafts):
            self._fill_row(row, draft)
        lines = [] if self.drafts else [_("Nothing to invoice: no commission is due.")]
        balanced = _("Nothing to invoice for {names}: their due lines add up to zero.")
        lines += [balanced.format(names=", ".join(result.balanced))] if result.balanced else []
        self.message.setText("\n".join(lines))
        self._update_buttons()
        if self.drafts:
            self.table.setCurrentCell(0, 0)
            self.table.setFocus()

    def _fill_row(self, row: int, draft: InvoiceView) -> None:
        _ = self.ctx.translator.gettext
        kind = _("Credit note") if draft.kind is DocumentKind.CREDIT_NOTE else _("Invoice")
        total = money_text(draft.gross_total, self.ctx.translator.language)
        number = draft.number or "—"  # a draft has none until it is issued
        for column, text in enumerate((draft.counterparty, kind, total, number)):
            item = QTableWidgetItem(text)
            if column == 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def _update_buttons(self) -> None:
        idle = not self.tasks.busy and not self.issued
        self.issue_button.setEnabled(idle and bool(self.drafts))
        self.open_button.setEnabled(self._wanted in self._previews and not self.issued)

    # --- the preview ----------------------------------------------------------------------------

    def _select(self, row: int) -> None:
        # An issued document is no draft any more: its preview would be refused.
        if 0 <= row < len(self.drafts) and not self.issued:
            self._wanted = self.drafts[row].id
            self._show_preview()

    def _show_preview(self) -> None:
        wanted = self._wanted
        self._update_buttons()
        if wanted in self._previews:
            self._show_pdf(self._previews[wanted])
            return
        self._say_on_page(self.ctx.translator.gettext("Drawing the preview…"))
        if wanted is None or self.tasks.busy:
            return  # the running preview asks for this one when it ends (see _previewed)
        path = Path(self._folder.name) / f"draft-{wanted}.pdf"

        def work() -> tuple[int, Path]:
            path.write_bytes(invoicing.preview_draft(self.ctx, wanted))
            return wanted, path

        # The dialog may be gone when the preview comes back: then nobody is waiting for it.
        alive = self.issue_button
        self.tasks.start(
            work,
            lambda result: shiboken6.isValid(alive) and self._previewed(result),
            lambda problem: shiboken6.isValid(alive) and self._failed(problem),
        )

    def _previewed(self, result: tuple[int, Path]) -> None:
        draft_id, path = result
        self._previews[draft_id] = path
        self._show_preview()  # the one shown, or the one the user moved to meanwhile

    def _show_pdf(self, path: Path) -> None:
        if self.document.load(str(path)) == QPdfDocument.Error.None_:
            self.preview.setCurrentWidget(self.pdf_view)
        else:
            _ = self.ctx.translator.gettext
            self._say_on_page(_("The preview could not be drawn: open it in your PDF viewer."))

    def _say_on_page(self, text: str) -> None:
        self.document.close()
        self.page.setText(text)
        self.preview.setCurrentWidget(self.page)

    def _open_preview(self) -> None:
        if self._wanted in self._previews:  # the button is disabled until the PDF is there
            self._open_url(QUrl.fromLocalFile(str(self._previews[self._wanted])))

    # --- issuing --------------------------------------------------------------------------------

    def _issue(self) -> None:
        _ = self.ctx.translator.gettext
        ids, tasks = [draft.id for draft in self.drafts], self.tasks

        def work() -> invoicing.Issued:
            # Issuing is one transaction, all the drafts or none: Cancel can stop it only
            # before it starts; once started it ends whole or rolls back whole.
            if tasks.cancelled():
                raise Cancelled
            return invoicing.issue_drafts(self.ctx, ids)

        label = _("Issuing the invoices…")
        self._issuing = start_with_progress(self, tasks, label, work, self._issued, self._failed)
        if self._issuing is None:
            self.message.setText(_("Another task is running: try again when it has finished."))

    def _issued(self, result: invoicing.Issued) -> None:
        tr = self.ctx.translator
        self._issuing = None
        self.issued = result.documents
        by_id = {document.id: document for document in result.documents}
        for row, draft in enumerate(self.drafts):
            self._fill_row(row, by_id.get(draft.id, draft))
        numbers = ", ".join(document.number for document in result.documents)
        text = tr.ngettext("Invoice issued: {numbers}", "Invoices issued: {numbers}", len(by_id))
        notices = [word_notice(tr, notice) for notice in result.notices]
        self.message.setText("\n".join([text.format(numbers=numbers), *notices]))
        self._say_on_page(text.format(numbers=numbers))  # the draft shown is a draft no more
        self._update_buttons()
        # Nothing is left to cancel: the only way out is Close.
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def _failed(self, problem: BaseException) -> None:
        _ = self.ctx.translator.gettext
        if self._issuing is not None:
            self.message.setText(_("Nothing was issued: the drafts stay as drafts."))
        elif not self.drafts:
            self.message.setText(_("No draft could be prepared."))
        else:
            self._say_on_page("")  # a preview failed: no « Drawing the preview… » left waiting
        self._issuing = None
        if not isinstance(problem, Cancelled):
            show_failure(self, self.ctx.translator, problem)

    def reject(self) -> None:
        # While issuing runs, leaving would hide how it ended.
        if self._issuing is None:
            super().reject()
