"""Recording a payment against one document: amount, date, method, note.

The dialog stays open until the service has saved the payment. What the service refuses comes
back as problems naming a field (``amount``, ``date``); each is shown under that field, nothing
is saved, and the user corrects and tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.invoices import DocumentKind, InvoiceState, PaymentMethod
from ...domain.problems import Problem
from ...formatting import money_text
from ...i18n import N_, Translator
from ...services.context import AppContext
from ...services.invoice_views import InvoiceView
from ...services.payments import record_payment
from ...services.wording import word_problem
from ..models.invoice_table import warning_colour
from ..tasks import TaskRunner
from .service_dialog import ServiceDialog, open_modal

METHOD_NAMES = {
    PaymentMethod.TRANSFER: N_("bank transfer"),
    PaymentMethod.CHEQUE: N_("cheque"),
    PaymentMethod.CARD: N_("card"),
    PaymentMethod.CASH: N_("cash"),
    PaymentMethod.OTHER: N_("other"),
}
TITLES = {DocumentKind.INVOICE: N_("Invoice"), DocumentKind.CREDIT_NOTE: N_("Credit note")}
# Not a draft, not cancelled, not paid. The service decides; this only keeps the action from
# offering what it would certainly refuse.
PAYABLE = frozenset({InvoiceState.ISSUED, InvoiceState.PARTLY_PAID, InvoiceState.OVERDUE})


def can_pay(invoice: InvoiceView) -> bool:
    return invoice.state in PAYABLE and invoice.outstanding > 0


def amount_input(amount: Decimal, language: str) -> str:
    """An amount as the user would type it: « 1234,56 » in French, « 1234.56 » in English."""
    text = f"{amount:.2f}"
    return text.replace(".", ",") if language == "fr" else text


def parse_amount(text: str, language: str) -> Decimal | None:
    """What the user typed, as a Decimal, or None if it is not a number.

    Spaces (any kind: French groups thousands with a narrow no-break space) and the euro sign
    are ignored. In French the comma is the decimal mark (a dot is taken as one too, as people
    type it); in English the comma only groups thousands.
    """
    cleaned = "".join(text.replace("€", "").split())
    cleaned = cleaned.replace(",", ".") if language == "fr" else cleaned.replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def inline_message(tr: Translator, problem: Problem) -> str:
    """The problem's sentence without its field name: it is shown under that field."""
    return word_problem(tr, replace(problem, field=""))


class PaymentDialog(ServiceDialog):
    """Records one payment on ``invoice`` through ``tasks``; ``recorded`` holds the result."""

    FIELDS = ("amount", "date")

    @classmethod
    def start(
        cls,
        parent: QWidget,
        ctx: AppContext,
        tasks: TaskRunner,
        invoice: InvoiceView,
        done: Callable[[InvoiceView, str], None],
    ) -> PaymentDialog:
        """Open the dialog (window-modal); ``done(document, message)`` once the payment is
        saved. The dialog deletes itself when closed."""
        dialog = cls(ctx, tasks, invoice, parent)
        return open_modal(dialog, lambda: done(dialog.recorded, dialog.done_message()))

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        invoice: InvoiceView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tasks, parent)
        self.setObjectName("paymentDialog")
        self.invoice = invoice
        tr = ctx.translator
        _ = tr.gettext
        language = tr.language
        self.setWindowTitle(_("Record a payment"))

        heading = QLabel(
            _("{kind} {number} — {counterparty}").format(
                kind=_(TITLES[invoice.kind]),
                number=invoice.number,
                counterparty=invoice.counterparty,
            )
        )
        heading.setObjectName("paymentHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        summary = QLabel(
            _("Total {total}, paid {paid}, left to pay {left}").format(
                total=money_text(invoice.gross_total, language),
                paid=money_text(invoice.paid, language),
                left=money_text(invoice.outstanding, language),
            )
        )
        summary.setObjectName("paymentSummary")

        self.amount = QLineEdit(amount_input(invoice.outstanding, language))
        self.amount.setObjectName("paymentAmount")
        self.amount.setToolTip(_("What was paid, VAT included"))
        self.paid_on = QDateEdit(QDate(ctx.clock.today()))
        self.paid_on.setObjectName("paymentDate")
        self.paid_on.setCalendarPopup(True)
        self.paid_on.setDisplayFormat("dd/MM/yyyy")
        self.method = QComboBox()
        self.method.setObjectName("paymentMethod")
        for method, name in METHOD_NAMES.items():
            self.method.addItem(_(name), method)
        self.note = QLineEdit()
        self.note.setObjectName("paymentNote")
        self.note.setPlaceholderText(_("Optional: cheque number, bank reference…"))

        self.errors = {field: self._error_label(f"{field}Error") for field in self.FIELDS}
        self.form_error = self._error_label("paymentFormError")
        self.form = QFormLayout()
        self._error_rows: dict[str, int] = {}
        self.form.addRow(_("&Amount incl. VAT:"), self.amount)
        self._add_error_row("amount")
        self.form.addRow(_("Paid &on:"), self.paid_on)
        self._add_error_row("date")
        self.form.addRow(_("&Method:"), self.method)
        self.form.addRow(_("&Note:"), self.note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record the payment"))
        self.ok_button.setObjectName("paymentOk")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self._show_errors({})
        self.amount.selectAll()
        self.amount.setFocus()
        self.setMinimumWidth(520)

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, warning_colour(self.palette()))
        label.setPalette(palette)
        return label

    def _add_error_row(self, field: str) -> None:
        # Right under its field, in the field column: the message names no field itself.
        self._error_rows[field] = self.form.rowCount()
        self.form.addRow("", self.errors[field])

    def done_message(self) -> str:
        """What the view says once the payment is saved."""
        assert self.recorded is not None
        left = money_text(self.recorded.outstanding, self.ctx.translator.language)
        return self.ctx.translator.gettext(
            "Payment recorded on {number}; left to pay: {left}"
        ).format(number=self.recorded.number, left=left)

    def error_text(self, field: str) -> str:
        """The message shown under ``field`` (``amount``, ``date``), or "" (for tests too)."""
        return self.errors[field].text()

    def _show_errors(self, by_field: dict[str, list[str]]) -> None:
        for field, label in self.errors.items():
            label.setText("\n".join(by_field.get(field, [])))
            self.form.setRowVisible(self._error_rows[field], bool(label.text()))
        others = [line for f, lines in by_field.items() if f not in self.errors for line in lines]
        self.form_error.setText("\n".join(others))
        self.form_error.setVisible(bool(self.form_error.text()))

    # --- saving -----------------------------------------------------------------------------------

    def _submit(self) -> None:
        tr = self.ctx.translator
        amount = parse_amount(self.amount.text(), tr.language)
        if amount is None:
            problem = Problem.of("amount", self.amount.text().strip(), "invalid_number")
            self.refused([problem])
            return
        paid_on = self.paid_on.date().toPython()
        method = self.method.currentData()
        note = self.note.text()
        number, ctx = self.invoice.number, self.ctx

        def work() -> InvoiceView:
            return record_payment(ctx, number, amount, paid_on, method=method, note=note)

        self.run(work)

    def say(self, text: str) -> None:
        self._show_errors({"": [text]})

    def refused(self, problems: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            field = problem.field if problem.field in self.FIELDS else ""
            message = inline_message(self.ctx.translator, problem)
            by_field.setdefault(field, []).append(
                message if field else word_problem(self.ctx.translator, problem)
            )
        self._show_errors(by_field)
        first = next((f for f in self.FIELDS if f in by_field), None)
        if first == "amount":
            self.amount.setFocus()
            self.amount.selectAll()
        elif first == "date":
            self.paid_on.setFocus()
