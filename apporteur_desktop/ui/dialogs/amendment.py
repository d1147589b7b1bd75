"""Recording an amendment (« avenant »): new terms from a date on, with a note.

The terms editor starts from the latest terms, so the user changes only what the amendment
changes; the summary under it says what the new terms mean. The dialog stays open until the
service has saved the amendment; what it refuses comes back under the field it names
(``effective_on``, ``note``, ``terms.components[0].rate``…), and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.agreements import Terms
from ...domain.periods import Period
from ...domain.problems import Problem, Refused
from ...services.agreements import AgreementDetail, Saved, amend_agreement
from ...services.context import AppContext
from ...services.wording import word_problem
from ..models.invoice_table import warning_colour
from ..tasks import TaskRunner
from ..widgets.field_errors import FieldErrors
from ..widgets.terms_editor import TermsEditor, show_summary
from .service_dialog import ServiceDialog, open_modal

TERMS_PREFIX = "terms."


class AmendmentDialog(ServiceDialog):
    """Amends ``detail.agreement`` through ``tasks``; ``saved`` holds the result."""

    @classmethod
    def start(
        cls,
        parent: QWidget,
        ctx: AppContext,
        tasks: TaskRunner,
        detail: AgreementDetail,
        done: Callable[[Saved], None],
    ) -> AmendmentDialog:
        """Open the dialog (window-modal); ``done(saved)`` once the amendment is recorded.
        The dialog deletes itself when closed."""
        dialog = cls(ctx, tasks, detail, parent)
        return open_modal(dialog, lambda: done(dialog.recorded))

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        detail: AgreementDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tasks, parent)
        self.setObjectName("amendmentDialog")
        self.detail = detail
        tr = ctx.translator
        _ = tr.gettext
        agreement = detail.agreement
        self.setWindowTitle(_("New amendment"))
        heading = QLabel(
            _("Amendment to « {name} » — {counterparty}").format(
                name=agreement.name, counterparty=detail.counterparty
            ),
            self,
            objectName="amendmentHeading",
        )
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        explain = QLabel(
            _(
                "The new terms apply to the whole month of the date and every month after "
                "it; the months before keep the terms they had."
            ),
            self,
            wordWrap=True,
        )
        self.errors = FieldErrors()
        self.effective_on = QDateEdit(self, objectName="effectiveOn", calendarPopup=True)
        self.effective_on.setDisplayFormat("dd/MM/yyyy")
        self.effective_on.setDate(QDate(_next_month(ctx.clock.today())))
        self.effective_on.setToolTip(_("The terms change from this day's month on"))
        self.effective_on.dateChanged.connect(lambda: self.errors.clear("effective_on"))
        self.note = QLineEdit(self, objectName="amendmentNote")
        self.note.setPlaceholderText(_("e.g. rate raised after the first year"))
        self.terms = TermsEditor(tr, ctx.clock.today(), self)
        self.terms.set_terms(agreement.versions[-1].terms)
        self.summary = QTextBrowser(self, objectName="amendmentSummary")
        self.summary.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        self.form_error = QLabel(self, objectName="amendmentError", wordWrap=True)
        self.form_error.setStyleSheet(f"color: {warning_colour(self.palette()).name()};")
        form = QFormLayout()
        form.addRow(_("&Effective on"), self.errors.wrap("effective_on", self.effective_on))
        form.addRow(_("&Note"), self.errors.wrap("note", self.note))
        scroll = QScrollArea(self)
        self.terms.setContentsMargins(0, 0, 8, 0)  # clear of the scroll bar
        scroll.setWidget(self.terms)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record the amendment"))
        self.ok_button.setObjectName("amendmentOk")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel(_("In plain words"), self))
        layout.addWidget(self.summary)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.form_error.hide()
        self.terms.changed.connect(self._show_summary)
        self._show_summary()
        self.resize(640, 720)
        self.effective_on.setFocus()

    # --- what the user sees -----------------------------------------------------------------------

    def _show_summary(self) -> None:
        terms, _unreadable = self.terms.draft_terms()
        show_summary(self.summary, self.ctx.translator, None, terms, self.detail.counterparty)

    def error_text(self, key: str) -> str:
        """The message under ``key``'s field (``effective_on``, ``note``, ``terms.…``)."""
        if key.startswith(TERMS_PREFIX):
            return self.terms.error_text(key[len(TERMS_PREFIX) :])
        try:
            return self.errors.message(key)
        except KeyError:
            return ""

    # --- saving -----------------------------------------------------------------------------------

    def _submit(self) -> None:
        try:
            terms: Terms = self.terms.terms()
        except Refused as refused:
            self.refused([p.at("terms") for p in refused.problems])
            return
        ctx, agreement_id = self.ctx, self.detail.agreement.id
        assert agreement_id is not None  # a saved agreement is amended
        day: date = self.effective_on.date().toPython()
        note = self.note.text()

        def work() -> Saved:
            return amend_agreement(ctx, agreement_id, day, terms, note)

        self.run(work)

    def refused(self, problems: list[Problem]) -> None:
        tr = self.ctx.translator
        self.errors.clear_all()
        self.terms.clear_problems()
        terms = [
            replace(p, field=p.field[len(TERMS_PREFIX) :])
            for p in problems
            if p.field.startswith(TERMS_PREFIX)
        ]
        others = [p for p in problems if not p.field.startswith(TERMS_PREFIX)]
        left = self.errors.show_problems(tr, others) + self.terms.show_problems(terms)
        self.say("\n".join(word_problem(tr, p) for p in left))
        if not self.errors.focus_first():
            self.terms.focus_first()

    def say(self, text: str) -> None:
        self.form_error.setText(text)
        self.form_error.setVisible(bool(text))


def _next_month(today: date) -> date:
    """The first day of next month: when an amendment usually starts."""
    following = Period.of(today) + 1
    return date(following.year, following.month, 1)
