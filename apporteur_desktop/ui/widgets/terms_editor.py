"""The terms of an agreement, as a form: components, rights, trial coverage, limits, payment.

Used by the agreement form (the signed terms) and by the amendment dialog (the new terms).
Each field is keyed by its place in ``Terms`` as ``check_terms`` names it
(``components[0].rate``, ``components[1].tiers[0].up_to``, ``rights.months``,
``payment_terms.days``), so a refusal lands under the field it is about. Numbers are typed
the way the user writes them (« 12,5 » in French); whole numbers of days and months are spin
boxes, which cannot hold anything unreadable.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from html import escape

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.agreements import Agreement, Component, PaymentTerms, RightsDuration, Terms
from ...domain.enums import PaymentTermsKind, RightsKind, TrialCoverage
from ...domain.problems import Problem, Refused
from ...i18n import N_, Translator
from ...services.agreement_summary import summarise
from ...services.wording import word_notice
from ...validation.agreements import check_terms
from ..models.invoice_table import warning_colour
from .component_editor import (
    PLACE,
    ComponentEditor,
    FormPart,
    number_input,
    read_number,
    select_data,
)
from .field_errors import problem_text
from .form_columns import align_labels

RIGHTS_NAMES = {
    RightsKind.MONTHS: N_("For a number of months"),
    RightsKind.UNTIL_DATE: N_("Until a date"),
    RightsKind.WHILE_CLIENT_STAYS: N_("While the client stays"),
    RightsKind.ONE_OFF: N_("One-off: the first engagement only"),
}
COVERAGE_NAMES = {
    TrialCoverage.TRIAL_AND_CONVERSION: N_("Trial and conversion"),
    TrialCoverage.TRIAL_ONLY: N_("Trial only"),
    TrialCoverage.CONVERSION_ONLY: N_("Conversion only"),
}
PAYMENT_NAMES = {
    PaymentTermsKind.NET: N_("Net, days after the invoice"),
    PaymentTermsKind.DAYS_END_OF_MONTH: N_("Days, then end of month"),
    PaymentTermsKind.END_OF_MONTH_DAYS: N_("End of month, then days"),
}


class TermsEditor(FormPart):
    """Every field of ``Terms``. ``changed`` is emitted on every change, typed or loaded;
    ``rows_changed`` when a component or a bracket is added or removed."""

    rows_changed = Signal()

    def __init__(self, tr: Translator, today: date, parent: QWidget | None = None) -> None:
        super().__init__(tr, parent)
        _ = tr.gettext
        self._today = today  # where the « last day » of rights starts when none is set
        self.components: list[ComponentEditor] = []
        self._components_box = QVBoxLayout()
        self._components_box.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(_("Add a component"), self, objectName="addComponent")
        self.add_button.setToolTip(
            _("Add a way of paying: a percentage, a fixed fee, brackets… (they add up)")
        )
        self.add_button.clicked.connect(lambda: self.add_component().kind.setFocus())
        self.no_component = QLabel(self, objectName="noComponent")
        self._build_rights()
        self._build_limits()
        self._build_layout()
        self.changed.connect(self._show_kinds)
        self.rows_changed.connect(self._order_tabs)
        self.set_terms(Terms(()))

    # --- building ---------------------------------------------------------------------------------

    def _build_rights(self) -> None:
        self.rights_kind = self._combo(
            "rightsKind", RIGHTS_NAMES, N_("How long the commission rights last")
        )
        self.months = self._spin(
            "rights.months",
            "rightsMonths",
            600,
            True,
            N_("Counted in calendar months: the month the rights start is month 1"),
        )
        self.months.setMinimum(1)
        self.until = QDateEdit(self, objectName="rightsUntil", calendarPopup=True)
        self.until.setDisplayFormat("dd/MM/yyyy")
        self.until.setToolTip(self.tr.gettext("The last day of the rights (its month included)"))
        self.until.dateChanged.connect(self.changed)
        self.coverage = self._combo(
            "trialCoverage",
            COVERAGE_NAMES,
            N_("Which of a trial and the long-term contract that follows earn a percentage"),
        )
        self.window = self._spin(
            "conversion_window_days",
            "conversionWindow",
            3650,
            False,
            N_(
                "A long-term contract starting at most this many days after the trial ends "
                "is its conversion"
            ),
        )

    def _build_limits(self) -> None:
        self.cap_introduction = self._line(
            "capPerIntroduction",
            N_("Most an introduction can earn over its whole life"),
            N_("no cap"),
        )
        self.cap_year = self._line(
            "capPerYear", N_("Most the agreement can earn in a calendar year"), N_("no cap")
        )
        self.clawback = self._spin(
            "clawback_days",
            "clawbackDays",
            3650,
            False,
            N_(
                "If the client leaves within this many days of signing, what that engagement "
                "earned is reversed; 0: never"
            ),
        )
        self.tail = self._spin(
            "tail_months",
            "tailMonths",
            120,
            True,
            N_(
                "Months after the agreement ends during which a newly signed engagement still "
                "starts the rights"
            ),
        )
        self.payment_kind = self._combo(
            "paymentKind", PAYMENT_NAMES, N_("How the due date of an invoice is counted")
        )
        self.payment_days = self._spin(
            "payment_terms.days",
            "paymentDays",
            365,
            False,
            N_("At most 60 days net, or 45 days end of month"),
        )

    def _build_layout(self) -> None:
        _ = self.tr.gettext
        components = QVBoxLayout()
        components.addWidget(self.errors.wrap("components", self.no_component))
        components.addLayout(self._components_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        components.addLayout(add_row)
        self.rights_form = QFormLayout()
        self.rights_form.addRow(_("How long"), self.rights_kind)
        self.rights_form.addRow(_("Months"), self.errors.wrap("rights.months", self.months))
        self.rights_form.addRow(_("Last day"), self.errors.wrap("rights.until", self.until))
        self.rights_form.addRow(_("Trial coverage"), self.coverage)
        self.rights_form.addRow(
            _("Conversion window"), self.errors.wrap("conversion_window_days", self.window)
        )
        limits = QFormLayout()
        for label, key, widget in (
            (_("Cap per introduction (€)"), "cap_per_introduction", self.cap_introduction),
            (_("Cap per year (€)"), "cap_per_year", self.cap_year),
            (_("Clawback"), "clawback_days", self.clawback),
            (_("Tail after the end"), "tail_months", self.tail),
            (_("Payment terms"), "payment_terms.kind", self.payment_kind),
            (_("Payment days"), "payment_terms.days", self.payment_days),
        ):
            limits.addRow(label, self.errors.wrap(key, widget))
        for form in (self.rights_form, limits):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        align_labels(self.rights_form, limits)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_group(_("Commission"), components))
        layout.addWidget(_group(_("Rights"), self.rights_form))
        layout.addWidget(_group(_("Limits and payment"), limits))

    # --- components -------------------------------------------------------------------------------

    def add_component(self, component: Component | None = None) -> ComponentEditor:
        editor = ComponentEditor(self.tr, self)
        if component is not None:
            editor.set_component(component)
        editor.changed.connect(self.changed)
        editor.removed.connect(self._remove_component)
        editor.rows_changed.connect(self.rows_changed)
        self.components.append(editor)
        self._components_box.addWidget(editor)
        self.errors.clear("components")
        self._number_components()
        self.rows_changed.emit()
        self.changed.emit()
        return editor

    def _remove_component(self, editor: ComponentEditor) -> None:
        self.components.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        self._number_components()
        self.rows_changed.emit()
        self.changed.emit()

    def focus_chain(self) -> list[QWidget]:
        """The editors in the order they read, for Tab: the components, then the rest."""
        chain = [w for editor in self.components for w in editor.focus_chain()]
        return [
            *chain,
            self.add_button,
            self.rights_kind,
            self.months,
            self.until,
            self.coverage,
            self.window,
            self.cap_introduction,
            self.cap_year,
            self.clawback,
            self.tail,
            self.payment_kind,
            self.payment_days,
        ]

    def _order_tabs(self) -> None:
        for first, second in itertools.pairwise(self.focus_chain()):
            QWidget.setTabOrder(first, second)

    def _number_components(self) -> None:
        _ = self.tr.gettext
        for number, editor in enumerate(self.components, start=1):
            editor.title.setText(_("Component {number}").format(number=number))
        self.no_component.setText("" if self.components else _("No component yet."))
        self.no_component.setVisible(not self.components)

    def _show_kinds(self) -> None:
        rights = RightsKind(self.rights_kind.currentData())
        self.rights_form.setRowVisible(1, rights is RightsKind.MONTHS)
        self.rights_form.setRowVisible(2, rights is RightsKind.UNTIL_DATE)
        coverage = TrialCoverage(self.coverage.currentData())
        self.rights_form.setRowVisible(4, coverage is not TrialCoverage.TRIAL_ONLY)

    # --- values -----------------------------------------------------------------------------------

    def set_terms(self, terms: Terms) -> None:
        """Show ``terms`` and clear every message."""
        language = self.tr.language
        for editor in list(self.components):
            self._remove_component(editor)
        for component in terms.components:
            self.add_component(component)
        select_data(self.rights_kind, terms.rights.kind)
        self.months.setValue(terms.rights.months or 12)
        until = terms.rights.until
        self.until.setDate(QDate(until if until is not None else self._today))
        select_data(self.coverage, terms.trial_coverage)
        self.window.setValue(terms.conversion_window_days)
        self.cap_introduction.setText(number_input(terms.cap_per_introduction, language))
        self.cap_year.setText(number_input(terms.cap_per_year, language))
        self.clawback.setValue(terms.clawback_days)
        self.tail.setValue(terms.tail_months)
        select_data(self.payment_kind, terms.payment_terms.kind)
        self.payment_days.setValue(terms.payment_terms.days)
        self.clear_problems()
        self.changed.emit()

    def draft_terms(self) -> tuple[Terms, list[Problem]]:
        """The terms as typed, what cannot be read left empty, and the problems of what
        cannot be read (``invalid_number`` at the field's place)."""
        problems: list[Problem] = []
        components = []
        for index, editor in enumerate(self.components):
            own: list[Problem] = []
            components.append(editor.read(own))
            problems += [p.at(f"components[{index}]") for p in own]
        language = self.tr.language
        kind = RightsKind(self.rights_kind.currentData())
        rights = RightsDuration(
            kind,
            months=self.months.value() if kind is RightsKind.MONTHS else None,
            until=self.until.date().toPython() if kind is RightsKind.UNTIL_DATE else None,
        )
        terms = Terms(
            components=tuple(components),
            rights=rights,
            trial_coverage=TrialCoverage(self.coverage.currentData()),
            conversion_window_days=self.window.value(),
            cap_per_introduction=read_number(
                self.cap_introduction, "cap_per_introduction", language, problems
            ),
            cap_per_year=read_number(self.cap_year, "cap_per_year", language, problems),
            clawback_days=self.clawback.value(),
            tail_months=self.tail.value(),
            payment_terms=PaymentTerms(
                PaymentTermsKind(self.payment_kind.currentData()), self.payment_days.value()
            ),
        )
        return terms, problems

    def terms(self) -> Terms:
        """The terms typed. Raises ``Refused`` when a number cannot be read, with every other
        problem of the terms too, so that all show at once."""
        terms, unreadable = self.draft_terms()
        if not unreadable:
            return terms
        places = {problem.field for problem in unreadable}
        found, _notices = check_terms(terms)
        raise Refused(unreadable + [p for p in found if p.field not in places])

    # --- problems ---------------------------------------------------------------------------------

    def show_problems(self, problems: Iterable[Problem]) -> list[Problem]:
        """Each problem (fields relative to ``Terms``) under its field; those no field
        claims come back."""
        left: list[Problem] = []
        for problem in problems:
            message = problem_text(self.tr, problem)
            place = PLACE.match(problem.field)
            if place is not None and place[1] == "components":
                index = int(place[2])
                if index < len(self.components) and self.components[index].show_problem(
                    place[3], message
                ):
                    continue
            elif self.errors.show(problem.field, message):
                continue
            left.append(problem)
        return left

    def focus_first(self) -> bool:
        """Put the keyboard on the first field showing a message, components first."""
        parts = [*self.components, *(row for c in self.components for row in c.tier_rows)]
        return any(part.errors.focus_first() for part in parts) or self.errors.focus_first()

    def clear_problems(self) -> None:
        self.errors.clear_all()
        for editor in self.components:
            editor.clear_problems()

    def error_text(self, key: str) -> str:
        """The message under the field ``key`` (a place in ``Terms``), or ""."""
        place = PLACE.match(key)
        if place is not None and place[1] == "components":
            index = int(place[2])
            return (
                self.components[index].error_text(place[3]) if index < len(self.components) else ""
            )
        return super().error_text(key)

    def set_read_only(self, read_only: bool) -> None:
        """Shown, not editable (terms in force change by amendment)."""
        # Disabled rather than read-only: a read-only line edit looks like one to type in.
        for child in self.findChildren(QWidget):
            if isinstance(child, QLineEdit | QComboBox | QSpinBox | QDateEdit | QAbstractButton):
                child.setEnabled(not read_only)
        self.add_button.setVisible(not read_only)
        for editor in self.components:
            editor.remove_button.setVisible(not read_only)
        self.setProperty("readOnly", read_only)


def show_summary(
    browser: QTextBrowser, tr: Translator, agreement: Agreement | None, terms: Terms, who: str
) -> tuple[list[str], list[str]]:
    """Put ``terms`` in plain words into ``browser``, with their warnings (a rate above the
    usual 30 %) in the palette's warning colour; returns the sentences and the warnings."""
    sentences = summarise(tr, agreement, terms, who)
    notices = [word_notice(tr, notice) for notice in check_terms(terms)[1]]
    colour = warning_colour(browser.palette()).name()
    html = "".join(f"<p style='margin:0 0 4px 0'>{escape(s)}</p>" for s in sentences)
    html += "".join(f"<p style='color:{colour}'><b>⚠ {escape(n)}</b></p>" for n in notices)
    browser.setHtml(html)
    return sentences, notices


def _group(title: str, layout: QVBoxLayout | QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box
