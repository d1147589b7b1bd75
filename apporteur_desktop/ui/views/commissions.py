"""« Commissions »: preview a range of months, save it, then invoice the period.

Saving is offered only for the range last previewed, so the user always sees the lines before
they are written. Long work goes through the task runner: the window stays responsive.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Direction
from ...domain.periods import Period
from ...formatting import money_text
from ...i18n import N_
from ...services import commissions
from ...services.commissions import RunReport
from ...services.context import AppContext
from ..feedback import show_failure
from ..models.commission_table import (
    LINE_ROLE,
    CommissionTableModel,
    commission_table_view,
    remember_widths,
)
from ..progress import start_with_progress
from ..tasks import Cancelled, TaskRunner


class CommissionsView(QWidget):
    can_create = False

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        self.issue_dialog: QWidget | None = None
        self._previewed: tuple[Period, Period] | None = None  # the range the table shows
        _ = ctx.translator.gettext
        last_month = Period.of(ctx.clock.today()) + -1
        self.first_edit = self._month_edit("firstMonth", last_month, _("First month of the range"))
        self.last_edit = self._month_edit("lastMonth", last_month, _("Last month of the range"))
        # The range cannot run backwards: moving « From » past « To » moves « To » along.
        self.first_edit.dateChanged.connect(self.last_edit.setMinimumDate)
        self.direction_box = QComboBox(self, objectName="directionFilter")
        self.direction_box.setToolTip(_("Show the lines of both directions, or of one"))
        self.direction_box.addItem(_("Both directions"), None)
        self.direction_box.addItem(_("Earned (owed to me)"), Direction.EARNED.value)
        self.direction_box.addItem(_("Owed (I pay)"), Direction.OWED.value)
        self.preview_button = self._button(
            _("&Preview"), "previewButton", _("Compute the range without saving (F5)"), self.refresh
        )
        self.save_button = self._button(
            _("Sa&ve"),
            "saveButton",
            _("Save the previewed lines; possible once the same range has been previewed"),
            self.save,
        )
        self.invoice_button = self._button(
            _("&Invoice the period…"),
            "invoiceButton",
            _("Prepare the invoices of the commissions due up to « To », preview and issue them"),
            self._invoice,
        )
        self.status = self._label("statusMessage")
        self.status.setText(_("Choose the months, then Preview to see the lines before saving."))
        self.model = CommissionTableModel(ctx.translator, self)
        self.table = commission_table_view(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(lambda now, _: self._show_line(now))
        self.totals = self._label("totals")
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.detail = self._label("explanation")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._layout()
        self.direction_box.currentIndexChanged.connect(self._filter)
        for edit in (self.first_edit, self.last_edit):
            edit.dateChanged.connect(self._update_buttons)
        tasks.busy_changed.connect(self._update_buttons)
        self._show_line(QModelIndex())
        self._show_totals()
        self._update_buttons()

    # --- building ---------------------------------------------------------------------------------

    def _month_edit(self, name: str, month: Period, tip: str) -> QDateEdit:
        day = QDate(month.year, month.month, 1)
        edit = QDateEdit(day, self, objectName=name, toolTip=tip, calendarPopup=True)
        edit.setDisplayFormat("MM/yyyy")  # a month: the day is never shown nor used
        return edit

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self, objectName=name, toolTip=tip)
        button.clicked.connect(slot)
        return button

    def _label(self, name: str) -> QLabel:
        return QLabel(self, objectName=name, wordWrap=True)

    def _layout(self) -> None:
        _ = self.ctx.translator.gettext
        bar = QHBoxLayout()
        for text, buddy in (
            (_("Fro&m"), self.first_edit),
            (_("&To"), self.last_edit),
            (_("&Direction"), self.direction_box),
        ):
            label = QLabel(text, self)
            label.setBuddy(buddy)
            bar.addWidget(label)
            bar.addWidget(buddy)
            bar.addSpacing(8)
        bar.addStretch(1)
        for button in (self.preview_button, self.save_button, self.invoice_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.detail)

    def hideEvent(self, event: QHideEvent) -> None:
        # Switching views and closing the window both hide the view: the widths are kept then.
        remember_widths(self.table)
        super().hideEvent(event)

    # --- state ------------------------------------------------------------------------------------

    def chosen_range(self) -> tuple[Period, Period]:
        first, last = (edit.date().toPython() for edit in (self.first_edit, self.last_edit))
        return Period.of(first), Period.of(last)  # type: ignore[arg-type]

    def _update_buttons(self, *_args: object) -> None:
        idle = not self.tasks.busy
        self.preview_button.setEnabled(idle)
        self.save_button.setEnabled(idle and self._previewed == self.chosen_range())
        self.invoice_button.setEnabled(idle)

    def _filter(self) -> None:
        self.model.set_direction(self.direction_box.currentData())
        self._show_totals()
        self._show_line(QModelIndex())

    def _show_totals(self) -> None:
        _ = self.ctx.translator.gettext
        wanted = self.direction_box.currentData()
        sums = self.model.totals()
        parts = [
            _("{label}: {amount}").format(
                label=_(label), amount=money_text(sums[key], self.ctx.translator.language)
            )
            for key, label in (("earned", N_("Total earned")), ("owed", N_("Total owed")))
            if wanted in (None, key)
        ]
        self.totals.setText("    ".join(parts))

    def _show_line(self, index: QModelIndex) -> None:
        _ = self.ctx.translator.gettext
        line = self.model.data(index, LINE_ROLE) if index.isValid() else None
        if line is None:
            self.detail.setText(_("Select a line to see how its amount came about."))
            return
        amount = money_text(line.amount, self.ctx.translator.language)
        when = self.model.data(index.siblingAtColumn(0))
        heading = escape(f"{line.agreement} — {line.client} — {when} — {amount}")
        self.detail.setText(f"<b>{heading}</b><br>{escape(line.explanation)}")

    # --- actions ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5 and « Preview »: compute the chosen range without saving anything."""
        self._run(preview=True)

    def save(self) -> None:
        """« Save » (and Ctrl+S): only for the range the table shows as a preview."""
        if self.save_button.isEnabled():
            self._run(preview=False)

    def _run(self, *, preview: bool) -> None:
        _ = self.ctx.translator.gettext
        ctx, tasks = self.ctx, self.tasks
        first, last = self.chosen_range()

        def work() -> RunReport:
            outcome = commissions.run_commissions(ctx, first, last, preview=preview)
            # A preview writes nothing, so it can stop here. A save has committed (it is one
            # transaction): its report is still due, so the user learns what was written.
            if preview and tasks.cancelled():
                raise Cancelled
            return commissions.report_run(ctx, outcome)

        def done(report: RunReport) -> None:
            self._show_report(report, (first, last), saved=not preview)

        label = _("Computing the commissions…") if preview else _("Saving the commissions…")
        start_with_progress(self, tasks, label, work, done, self._failed)

    def _show_report(self, report: RunReport, shown: tuple[Period, Period], saved: bool) -> None:
        tr = self.ctx.translator
        self._previewed = shown
        self.model.set_lines(report.lines)
        self._show_totals()
        self._show_line(QModelIndex())
        count = report.added
        if not report.lines:
            message = tr.gettext("No commission lines in this range.")
        elif count == 0:
            message = tr.gettext("Nothing new: every line of this range is already saved.")
        elif saved:
            message = tr.ngettext("{count} line added", "{count} lines added", count)
        else:
            message = tr.ngettext(
                "Preview: saving will add {count} line.",
                "Preview: saving will add {count} lines.",
                count,
            )
        self.status.setText(message.format(count=count))
        self._update_buttons()
        if self.model.canFetchMore():
            self.model.fetchMore()  # the first page now, not at the view's next layout

    def _failed(self, problem: BaseException) -> None:
        if isinstance(problem, Cancelled):
            self.status.setText(self.ctx.translator.gettext("Cancelled: nothing was saved."))
            return
        show_failure(self, self.ctx.translator, problem)

    def _invoice(self) -> None:
        # Imported here: invoicing brings the PDF and Factur-X libraries, which the window
        # does not need to start.
        from ..dialogs.issue_invoices import IssueInvoicesDialog

        if self.issue_dialog is not None:
            self.issue_dialog.deleteLater()
        dialog = IssueInvoicesDialog(self.ctx, self.tasks, self.chosen_range()[1], self)
        dialog.finished.connect(lambda _result: self._after_invoicing(dialog))
        self.issue_dialog = dialog
        dialog.open()

    def _after_invoicing(self, dialog: Any) -> None:
        # Issued lines change status (due → invoiced): show it if the table shows that range.
        if dialog.issued and self._previewed == self.chosen_range() and not self.tasks.busy:
            self.refresh()
