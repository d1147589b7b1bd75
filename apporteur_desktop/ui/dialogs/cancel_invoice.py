"""Cancelling an issued invoice: the user gives the reason, then the credit note is issued.

The dialog is the confirmation: it says what will happen (a numbered credit note, archived,
that cannot be taken back) and its accept button says « issue the credit note », so the user
confirms by pressing it with the reason written; nothing is issued before that.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.invoices import DocumentKind, DocumentOrigin, InvoiceState
from ...domain.money import ZERO
from ...formatting import date_text, money_text
from ...i18n import Translator
from ...services.context import AppContext
from ...services.credit_notes import cancel_invoice
from ...services.errors import UserError
from ...services.invoice_views import InvoiceView
from ...services.wording import word_failure
from ..models.invoice_table import warning_colour
from ..tasks import TaskRunner
from .service_dialog import ServiceDialog, open_modal

CANCELLABLE = frozenset(
    {InvoiceState.ISSUED, InvoiceState.PARTLY_PAID, InvoiceState.OVERDUE, InvoiceState.PAID}
)


def can_cancel(invoice: InvoiceView) -> bool:
    """An invoice issued here, neither a draft nor cancelled already (the service decides;
    this only keeps the action from offering what it would certainly refuse)."""
    issued_here = invoice.kind is DocumentKind.INVOICE and invoice.origin is DocumentOrigin.ISSUED
    return issued_here and invoice.state in CANCELLABLE


class CancelInvoiceDialog(ServiceDialog):
    """Issues the credit note that cancels ``invoice``; ``credit_note`` holds it afterwards."""

    @classmethod
    def start(
        cls,
        parent: QWidget,
        ctx: AppContext,
        tasks: TaskRunner,
        invoice: InvoiceView,
        done: Callable[[InvoiceView, str], None],
    ) -> CancelInvoiceDialog:
        """Open the dialog (window-modal); once the credit note is issued, tell its number in
        a message box and call ``done(credit_note, message)``. It deletes itself when closed."""
        dialog = cls(ctx, tasks, invoice, parent)

        def issued() -> None:
            credit_note = dialog.recorded
            done(credit_note, show_credit_note(parent, ctx.translator, credit_note))

        return open_modal(dialog, issued)

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        invoice: InvoiceView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tasks, parent)
        self.setObjectName("cancelInvoiceDialog")
        self.invoice = invoice
        _ = ctx.translator.gettext
        language = ctx.translator.language
        self.setWindowTitle(_("Cancel with a credit note"))

        heading = QLabel(
            _("Invoice {number} of {date} — {counterparty}, {total}").format(
                number=invoice.number,
                date="" if invoice.issued_on is None else date_text(invoice.issued_on, language),
                counterparty=invoice.counterparty,
                total=money_text(invoice.gross_total, language),
            )
        )
        heading.setObjectName("cancelHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        explanation = QLabel(
            _(
                "A credit note citing this invoice will be issued with the next number of your "
                "series and archived. The invoice stays as it was issued, marked cancelled. "
                "This cannot be undone."
            )
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        if invoice.paid > ZERO:
            paid = QLabel(
                _(
                    "{amount} has been paid on it: the credit note records that it is owed back."
                ).format(amount=money_text(invoice.paid, language))
            )
            paid.setObjectName("cancelPaidNote")
            paid.setWordWrap(True)
            layout.addWidget(paid)

        reason_label = QLabel(_("&Reason, printed on the credit note:"))
        self.reason = QLineEdit()
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText(_("e.g. wrong client, amount corrected"))
        reason_label.setBuddy(self.reason)
        self.reason_error = QLabel()
        self.reason_error.setObjectName("reasonError")
        self.reason_error.setWordWrap(True)
        palette = self.reason_error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, warning_colour(self.palette()))
        self.reason_error.setPalette(palette)
        self.reason_error.hide()
        layout.addSpacing(6)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_error)

        self.buttons = QDialogButtonBox()
        self.issue_button = QPushButton(_("Issue the credit note"))
        self.issue_button.setObjectName("cancelIssue")
        self.issue_button.setEnabled(False)  # the reason is required
        # Not Qt's « Annuler »: next to « annuler la facture » it would read as the action itself.
        keep = QPushButton(_("Keep the invoice"))
        keep.setObjectName("cancelKeep")
        self.buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(keep, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._reason_changed)
        self.issue_button.setDefault(True)  # enabled only once a reason is written
        self.reason.setFocus()
        self.setMinimumWidth(480)

    def _reason_changed(self, text: str) -> None:
        self.issue_button.setEnabled(bool(text.strip()) and not self._running)
        self.reason_error.hide()

    def _submit(self) -> None:
        ctx, number, reason = self.ctx, self.invoice.number, self.reason.text()

        def work() -> InvoiceView:
            return cancel_invoice(ctx, number, reason)

        self.run(work)

    def set_running(self, running: bool) -> None:
        super().set_running(running)
        self.reason.setReadOnly(running)

    def say(self, text: str) -> None:
        self.reason_error.setText(text)
        self.reason_error.show()

    def failed(self, failure: BaseException) -> None:
        # The one refusal the user can answer here: the reason, under its field.
        if isinstance(failure, UserError) and failure.code == "reason_required":
            self.say("\n".join(word_failure(self.ctx.translator, failure) or []))
            self.reason.setFocus()
        else:
            super().failed(failure)


def show_credit_note(parent: QWidget, tr: Translator, credit_note: InvoiceView) -> str:
    """Tell the user the credit note's number (in a message box); returns the sentence."""
    text = tr.gettext("Credit note {number} issued, cancelling {cancelled}: {total}").format(
        number=credit_note.number,
        cancelled=", ".join(credit_note.cites),
        total=money_text(credit_note.gross_total, tr.language),
    )
    box = QMessageBox(
        QMessageBox.Icon.Information, tr.gettext("Apporteur Desktop"), text, parent=parent
    )
    box.setObjectName("creditNoteMessage")
    box.finished.connect(box.deleteLater)
    box.open()
    return text
