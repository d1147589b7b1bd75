"""Recording what happens to an introduction: a step on a date, a trial, its conversion into a
long-term contract, a long-term or one-off contract, the client leaving.

Each dialog reads its fields, says at once what it cannot read (a date that is no date, an
amount that is no number), then records through the task runner and stays open until the
service has answered; a refusal shows under the field it names and nothing is saved. The
result (``recorded``) carries the service's coverage warnings: the view shows them.
``start()`` opens a dialog window-modal; tests build one and drive it without a modal loop.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.problems import Notice, Problem
from ...formatting import date_text, money_text
from ...i18n import N_, Translator
from ...services import engagements
from ...services.context import AppContext
from ...services.engagements import EngagementRow
from ...services.introductions import IntroductionRow
from ...services.wording import COVERAGE_REASONS, coverage_reason, word_notice
from ..models.invoice_table import warning_colour
from ..tasks import TaskRunner
from ..widgets.field_errors import FieldErrors, problem_text
from .payment import parse_amount
from .service_dialog import ServiceDialog, open_modal

DATE_HINT = N_("DD/MM/YYYY")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_day(text: str) -> date | None:
    """A day as people type it: « 15/03/2026 », « 15.3.26 », or « 2026-03-15 »; else None."""
    cleaned = text.strip()
    iso = _ISO_DATE.fullmatch(cleaned)
    numeric = _NUMERIC_DATE.fullmatch(cleaned)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if numeric:
            year = int(numeric[3]) + (2000 if len(numeric[3]) == 2 else 0)
            return date(year, int(numeric[2]), int(numeric[1]))
    except ValueError:  # 31/02, month 13…
        return None
    return None


def day_input(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def notice_text(tr: Translator, notice: Notice, agreement: str) -> str:
    """A warning of the service in the user's words: why the agreement pays nothing on it."""
    if notice.code in COVERAGE_REASONS:
        return tr.gettext("Not covered by « {agreement} »: {reason}").format(
            agreement=agreement, reason=coverage_reason(tr, notice.code)
        )
    return word_notice(tr, notice)


def readable(problem: Problem, language: str) -> Problem:
    """The problem with its dates written as the user writes them (not ISO)."""

    def text(value: object) -> object:
        return date_text(value, language) if isinstance(value, date) else value

    params = {name: text(value) for name, value in problem.params.items()}
    return Problem.of(problem.field, text(problem.value), problem.code, **params)


class DateField(QLineEdit):
    """A day typed as « 15/03/2026 »; blank is allowed when the field is optional."""

    def __init__(
        self, tr: Translator, day: date | None, *, optional: bool = False, hint: str = ""
    ) -> None:
        super().__init__(day_input(day))
        self._tr, self.optional = tr, optional
        self.setPlaceholderText(hint or tr.gettext(DATE_HINT))
        self.setMaxLength(10)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 24)

    def day(self) -> date | None:
        return parse_day(self.text())

    def problems(self, field: str) -> list[Problem]:
        """What is wrong with the text typed, before any service is asked."""
        text = self.text().strip()
        if not text:
            return [] if self.optional else [Problem.of(field, "", "required")]
        if parse_day(text) is None:
            hint = self._tr.gettext(DATE_HINT)
            return [Problem.of(field, text, "invalid_date", expected_format=hint)]
        return []


class RecordDialog(ServiceDialog):
    """A heading, a form whose fields show their own problems, and a button that records
    through the task runner. Subclasses add fields and say what to record (``read``)."""

    @classmethod
    def start(cls, parent: QWidget, done: Callable[[Any], None], *args: Any) -> RecordDialog:
        """Open the dialog (window-modal) with ``cls(*args, parent=parent)``; ``done(result)``
        once recorded. It deletes itself when closed."""
        dialog = cls(*args, parent=parent)
        return open_modal(dialog, lambda: done(dialog.recorded))

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        title: str,
        heading: str,
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tasks, parent)
        self.tr = ctx.translator
        self.setWindowTitle(title)
        self.heading = QLabel(heading, self, objectName="recordHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general = QLabel(self, objectName="recordProblems")
        self.general.setWordWrap(True)
        palette = self.general.palette()
        palette.setColor(QPalette.ColorRole.WindowText, warning_colour(self.palette()))
        self.general.setPalette(palette)
        self.general.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("recordOk")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)

    def add_field(self, key: str, label: str, field: QWidget, tip: str = "") -> None:
        field.setObjectName(f"{key}Field")
        if tip:
            field.setToolTip(tip)
        box = self.errors.wrap(key, field)
        self.form.addRow(label, box)
        buddy = self.form.labelForField(box)
        if isinstance(buddy, QLabel):  # Alt+letter of the label reaches the field
            buddy.setBuddy(field)

    def read(self) -> tuple[Callable[[], Any] | None, list[Problem]]:
        """The service call to run, or the problems of what was typed."""
        raise NotImplementedError

    def key_of(self, field: str) -> str:
        """The field (key) where a problem the service names ``field`` is shown."""
        return field

    def error_text(self, key: str) -> str:
        return self.errors.message(key)

    # --- recording --------------------------------------------------------------------------------

    def submit(self) -> None:
        if self._running:
            return
        self.errors.clear_all()
        self.general.hide()
        work, problems = self.read()
        if problems or work is None:
            self.refused(problems)
            return
        self.run(work)

    def refused(self, problems: list[Problem]) -> None:
        shown = [readable(problem, self.tr.language) for problem in problems]
        left = self.errors.show_problems(self.tr, shown, self.key_of)
        if left:
            self.say("\n".join(problem_text(self.tr, problem) for problem in left))
        self.errors.focus_first()

    def say(self, text: str) -> None:
        self.general.setText(text)
        self.general.show()


class DateDialog(RecordDialog):
    """One date, then ``record(day)``: a step of the pipeline, a client leaving."""

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        title: str,
        heading: str,
        ok_text: str,
        record: Callable[[date], Any],
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, tasks, title, heading, ok_text, parent)
        self._record = record
        self.on = DateField(self.tr, ctx.clock.today())
        self.add_field("on", label, self.on, self.tr.gettext("The day it happened"))
        self.on.selectAll()
        self.on.setFocus()

    def read(self) -> tuple[Callable[[], Any] | None, list[Problem]]:
        problems = self.on.problems("on")
        day, record = self.on.day(), self._record
        if problems or day is None:
            return None, problems
        return (lambda: record(day)), []

    def key_of(self, field: str) -> str:
        # The services name the date by their own field (history[2].on, terminated_on, end…).
        return "on" if field in ("on", "end", "terminated_on") or field.endswith(".on") else field


class Contract(StrEnum):
    TRIAL = "trial"
    CONVERSION = "conversion"
    LONG_TERM = "long_term"
    ONE_OFF = "one_off"


TITLES = {
    Contract.TRIAL: N_("Record a trial"),
    Contract.CONVERSION: N_("Convert to a long-term contract"),
    Contract.LONG_TERM: N_("Record a long-term contract"),
    Contract.ONE_OFF: N_("Record a one-off contract"),
}


class EngagementDialog(RecordDialog):
    """A trial, a conversion, a long-term or a one-off contract. ``subject`` is the
    introduction, or for a conversion the trial (an ``EngagementRow``)."""

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        contract: Contract,
        subject: IntroductionRow | EngagementRow,
        parent: QWidget | None = None,
    ) -> None:
        _ = ctx.translator.gettext
        self.contract, self.subject = contract, subject
        ok = _("Record the trial") if contract is Contract.TRIAL else _("Record the contract")
        super().__init__(ctx, tasks, _(TITLES[contract]), self._heading(ctx), ok, parent)
        self.start_field = DateField(self.tr, self._default_start())
        self.add_field("start", _("&Start:"), self.start_field, _("The first day of the contract"))
        self.end_field: DateField | None = None
        if contract is Contract.TRIAL:
            self.end_field = DateField(self.tr, None, optional=True, hint=_("end of its month"))
            tip = _("The last day of the trial; empty: the end of its first month")
            self.add_field("end", _("&End:"), self.end_field, tip)
        one_off = contract is Contract.ONE_OFF
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(_("e.g. 1 250,50") if self.tr.language == "fr" else "")
        amount_label = _("Contract &value excl. VAT:") if one_off else _("&Monthly fee excl. VAT:")
        amount_tip = (
            _("What the whole project is worth, excluding VAT")
            if one_off
            else _("What the provider bills the client each month, excluding VAT (optional)")
        )
        self.add_field("amount", amount_label, self.amount, amount_tip)
        self.signed_on: DateField | None = None
        if contract is not Contract.TRIAL:
            self.signed_on = DateField(self.tr, None, optional=True, hint=_("the start"))
            tip = _("The day it was signed, if not its start")
            self.add_field("signed_on", _("Si&gned on:"), self.signed_on, tip)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(_("Optional, e.g. retainer"))
        self.add_field("label", _("&Label:"), self.label, _("A name to tell it from the others"))
        self.start_field.selectAll()
        self.start_field.setFocus()

    def _heading(self, ctx: AppContext) -> str:
        _ = ctx.translator.gettext
        subject, language = self.subject, ctx.translator.language
        text = f"{subject.client} — {subject.counterparty}\n"
        text += _("Agreement « {agreement} »").format(agreement=subject.agreement)
        if isinstance(subject, EngagementRow):
            end = subject.end or _month_end(subject.start)
            text += "\n" + _("Trial from {start} to {end}").format(
                start=date_text(subject.start, language), end=date_text(end, language)
            )
            if subject.amount is not None:
                text += ", " + _("{amount} a month").format(
                    amount=money_text(subject.amount, language)
                )
        return text

    def _default_start(self) -> date:
        if isinstance(self.subject, EngagementRow):  # the day after the trial
            return (self.subject.end or _month_end(self.subject.start)) + timedelta(days=1)
        return self.ctx.clock.today()

    def read(self) -> tuple[Callable[[], Any] | None, list[Problem]]:
        problems = self.start_field.problems("start")
        for key, field in (("end", self.end_field), ("signed_on", self.signed_on)):
            problems += field.problems(key) if field is not None else []
        amount: Decimal | None = None
        if self.amount.text().strip():
            amount = parse_amount(self.amount.text(), self.tr.language)
            if amount is None:
                problems.append(Problem.of("amount", self.amount.text().strip(), "invalid_number"))
        start = self.start_field.day()
        if problems or start is None:
            return None, problems
        return self._work(start, amount), []

    def _work(self, start: date, amount: Decimal | None) -> Callable[[], Any]:
        ctx, subject, label = self.ctx, self.subject, self.label.text()
        end = self.end_field.day() if self.end_field is not None else None
        signed = self.signed_on.day() if self.signed_on is not None else None
        if self.contract is Contract.TRIAL:
            return lambda: engagements.record_trial(ctx, subject.id, start, end, amount, label)
        if self.contract is Contract.CONVERSION:
            return lambda: engagements.convert_to_long_term(
                ctx, subject.id, start, amount, signed, label
            )
        introduction_id = subject.id
        record = (
            engagements.record_one_off
            if self.contract is Contract.ONE_OFF
            else engagements.record_long_term
        )
        return lambda: record(ctx, introduction_id, start, amount, signed, label)

    def key_of(self, field: str) -> str:
        known = self.errors.keys()
        return field if field in known else ""


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)
