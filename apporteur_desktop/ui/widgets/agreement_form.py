"""The form of one agreement: who it is with, its dates and clauses, its terms, and what they
say in plain words, updated as the user types.

A new agreement is editable throughout. A saved one keeps its terms: they are shown with the
list of their versions (the signed terms, then each amendment from its date), and change by
amendment; only while no commission was computed under it may its signed terms, direction,
counterparty and start still be corrected (``AgreementDetail.terms_locked``).

Fields are keyed by the names ``create_agreement`` / ``update_agreement_details`` give a
problem's field: ``name``, ``counterparty_id``, ``valid_until``… and the terms'
``versions[0].terms.components[0].rate``, handed to the terms editor without the prefix.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.agreements import Agreement, Component, Terms, TermsVersion
from ...domain.enums import ComponentKind, Direction
from ...domain.problems import Problem, Refused
from ...formatting import date_text
from ...i18n import N_
from ...services.agreements import AgreementDetail, counterparties
from ...services.context import AppContext
from ...validation.agreements import check_agreement
from .component_editor import shrink
from .field_errors import FieldErrors
from .form_columns import align_labels
from .terms_editor import TermsEditor, show_summary

TERMS_PREFIX = "versions[0].terms."
DIRECTION_NAMES = {
    Direction.EARNED: N_("Earned: I introduce, the provider pays me"),
    Direction.OWED: N_("Owed: I am introduced, I pay the introducer"),
}
# A new agreement starts as the most common deal: a percentage of revenue for 12 months,
# trial and conversion covered (the product's default).
NEW_TERMS = Terms((Component(ComponentKind.REVENUE_PERCENT),))


class OptionalDate(QWidget):
    """A date that may be left out: a check box, and the date once it is ticked."""

    changed = Signal()

    def __init__(self, text: str, tip: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text, self, objectName=f"{name}Set", toolTip=tip)
        self.edit = QDateEdit(self, objectName=name, calendarPopup=True, toolTip=tip)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.set_value(None, date(2000, 1, 1))

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None

    def set_value(self, day: date | None, proposed: date) -> None:
        """Show ``day``; when None, untick and propose ``proposed`` for when it is ticked."""
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.edit.setDate(QDate(day or proposed))


class AgreementForm(QWidget):
    """One agreement. ``edited`` is emitted on every change the user makes; ``amend_requested``
    when they ask for a new amendment of the agreement shown."""

    edited = Signal()
    amend_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tr = ctx, ctx.translator
        self.errors = FieldErrors()
        self.detail: AgreementDetail | None = None
        self._original = NEW_TERMS  # the signed terms, as typed when another version is shown
        self._shown_version = -1  # which version's terms the editor shows
        self.sentences: list[str] = []  # what the summary says
        self.notices: list[str] = []  # and the warnings it shows
        self._loading = False
        self._loaded: tuple[object, ...] = ()
        self._build_header()
        self.terms = TermsEditor(self.tr, ctx.clock.today(), self)
        self._build_versions()
        self.summary = QTextBrowser(self, objectName="agreementSummary")
        self.summary.setOpenLinks(False)
        self._build_layout()
        for signal in (self.terms.changed, self.valid_until.changed, self.signed_on.changed):
            signal.connect(self._changed)
        self.terms.rows_changed.connect(self._order_tabs)
        self.load_new(Direction.EARNED)

    # --- building ---------------------------------------------------------------------------------

    def _build_header(self) -> None:
        _ = self.tr.gettext
        self.name = QLineEdit(self, objectName="agreementName")
        self.name.setPlaceholderText(_("e.g. Atelier 2026"))
        self.name.setToolTip(_("A short name of your own, unique in the ledger"))
        self.direction = QComboBox(self, objectName="agreementDirection")
        self.direction.setToolTip(_("Who pays the commissions"))
        for direction, label in DIRECTION_NAMES.items():
            self.direction.addItem(_(label), direction.value)
        self.direction.currentIndexChanged.connect(self._direction_changed)
        self.counterparty = QComboBox(self, objectName="agreementCounterparty")
        shrink(self.direction)
        shrink(self.counterparty)
        self.counterparty.setToolTip(_("The provider when you earn, the introducer when you owe"))
        self.valid_from = QDateEdit(self, objectName="validFrom", calendarPopup=True)
        self.valid_from.setDisplayFormat("dd/MM/yyyy")
        self.valid_from.setToolTip(_("Introductions made from this day on are covered"))
        self.valid_until = OptionalDate(
            _("Ends on"), _("Leave unticked for an open-ended agreement"), "validUntil", self
        )
        self.signed_on = OptionalDate(
            _("Signed on"), _("The day both parties signed, once they have"), "signedOn", self
        )
        self.self_billing = QCheckBox(_("Self-billing (autofacturation)"), self)
        self.self_billing.setObjectName("selfBilling")
        self.self_billing.setToolTip(
            _("The paying side issues the invoices in the introducer's name, under a mandate")
        )
        self.criteria = _text_box(self, "qualificationCriteria", 3)
        self.criteria.setPlaceholderText(_("e.g. a meeting took place with a decision-maker"))
        self.exclusivity = QLineEdit(self, objectName="exclusivity")
        self.territory = QLineEdit(self, objectName="territory")
        self.notes = _text_box(self, "agreementNotes", 3)
        self.notes.setToolTip(_("Anything worth remembering; never printed"))
        for widget in (self.name, self.exclusivity, self.territory):
            widget.textChanged.connect(self._changed)
        for box in (self.criteria, self.notes):
            box.textChanged.connect(self._changed)
        self.counterparty.currentIndexChanged.connect(self._changed)
        self.valid_from.dateChanged.connect(self._changed)
        self.self_billing.toggled.connect(self._changed)

    def _build_versions(self) -> None:
        _ = self.tr.gettext
        self.versions = QListWidget(self, objectName="termsVersions")
        self.versions.setToolTip(_("The signed terms, then each amendment from its date"))
        self.versions.currentRowChanged.connect(self._version_chosen)
        self.amend_button = QPushButton(_("New amendment…"), self, objectName="newAmendment")
        self.amend_button.setToolTip(
            _("Change the terms from a date on; the months before keep the terms they had")
        )
        self.amend_button.clicked.connect(self.amend_requested)
        self.versions_note = QLabel(self, objectName="versionsNote", wordWrap=True)

    def _build_layout(self) -> None:
        _ = self.tr.gettext
        who = QFormLayout()
        for label, key, widget in (
            (_("Name"), "name", self.name),
            (_("Direction"), "direction", self.direction),
            (_("Counterparty"), "counterparty_id", self.counterparty),
            (_("Valid from"), "valid_from", self.valid_from),
            (_("Valid until"), "valid_until", self.valid_until),
            (_("Signature"), "signed_on", self.signed_on),
            ("", "self_billing", self.self_billing),
        ):
            who.addRow(label, self.errors.wrap(key, widget))
        clauses = QFormLayout()
        for label, key, widget in (
            (_("Qualified when"), "qualification_criteria", self.criteria),
            (_("Exclusivity"), "exclusivity", self.exclusivity),
            (_("Territory"), "territory", self.territory),
            (_("Notes"), "notes", self.notes),
        ):
            clauses.addRow(label, self.errors.wrap(key, widget))
        for form in (who, clauses):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        align_labels(who, clauses)
        versions = QVBoxLayout()
        versions.addWidget(self.versions)
        row = QHBoxLayout()
        row.addWidget(self.versions_note, 1)
        row.addWidget(self.amend_button, 0, Qt.AlignmentFlag.AlignTop)
        versions.addLayout(row)
        self.versions_box = _group(_("Versions of the terms"), versions)
        fields = QWidget(self)
        column = QVBoxLayout(fields)
        column.setContentsMargins(0, 0, 6, 0)
        column.addWidget(_group(_("Agreement"), who))
        column.addWidget(self.versions_box)
        column.addWidget(self.terms)
        column.addWidget(_group(_("Clauses"), clauses))
        column.addStretch(1)
        self.scroll = QScrollArea(self, objectName="agreementScroll")
        self.scroll.setWidget(fields)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        heading = QLabel(_("In plain words"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        summary = QWidget(self)
        summary_layout = QVBoxLayout(summary)
        summary_layout.setContentsMargins(0, 4, 0, 0)
        summary_layout.addWidget(heading)
        summary_layout.addWidget(self.summary)
        # The summary stays in sight below the fields, whichever the user scrolls to.
        self.summary.setFixedHeight(self.fontMetrics().lineSpacing() * 9 + 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(summary)

    def _order_tabs(self) -> None:
        """Tab follows the page: the agreement, its versions, the terms, then the clauses."""
        header: list[QWidget] = [self.name, self.direction, self.counterparty, self.valid_from]
        header += [self.valid_until.check, self.valid_until.edit, self.signed_on.check]
        header += [self.signed_on.edit, self.self_billing, self.versions, self.amend_button]
        clauses = [self.criteria, self.exclusivity, self.territory, self.notes]
        chain = [*header, *self.terms.focus_chain(), *clauses]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- loading ----------------------------------------------------------------------------------

    def load_new(self, direction: Direction) -> None:
        """A blank agreement of ``direction``, editable throughout."""
        today = self.ctx.clock.today()
        blank = Agreement(None, "", direction, 0, today, (TermsVersion(None, NEW_TERMS),))
        self._load(blank, None)

    def load(self, detail: AgreementDetail) -> None:
        """A saved agreement, the terms in force today shown."""
        self._load(detail.agreement, detail)

    def _load(self, agreement: Agreement, detail: AgreementDetail | None) -> None:
        self._loading = True
        try:
            self.detail, self._original = detail, agreement.original_terms
            today = self.ctx.clock.today()
            self.name.setText(agreement.name)
            self.direction.setCurrentIndex(self.direction.findData(agreement.direction.value))
            self._fill_counterparties(agreement.direction, agreement.counterparty_id)
            self.valid_from.setDate(QDate(agreement.valid_from))
            self.valid_until.set_value(agreement.valid_until, _a_year_after(agreement.valid_from))
            self.signed_on.set_value(agreement.signed_on, today)
            self.self_billing.setChecked(agreement.self_billing)
            self.criteria.setPlainText(agreement.qualification_criteria)
            self.exclusivity.setText(agreement.exclusivity)
            self.territory.setText(agreement.territory)
            self.notes.setPlainText(agreement.notes)
            self._shown_version = -1
            self._fill_versions(agreement)
            self.errors.clear_all()
        finally:
            self._loading = False
        self._loaded = self.snapshot()
        self._show_summary()

    def _fill_counterparties(self, direction: Direction, chosen: int | None) -> None:
        _ = self.tr.gettext
        parties = counterparties(self.ctx, direction)
        self.counterparty.blockSignals(True)
        try:
            self.counterparty.clear()
            for party in parties:
                self.counterparty.addItem(party.name, party.id)
            self.counterparty.setCurrentIndex(self.counterparty.findData(chosen))
        finally:
            self.counterparty.blockSignals(False)
        earned = direction is Direction.EARNED
        if parties:
            hint = _("Choose a provider") if earned else _("Choose an introducer")
        else:
            hint = (
                _("No provider yet: add one in Contacts")
                if earned
                else _("No introducer yet: add one in Contacts")
            )
        self.counterparty.setPlaceholderText(hint)

    def _fill_versions(self, agreement: Agreement) -> None:
        """The versions list of a saved agreement, the one in force today selected."""
        _ = self.tr.gettext
        language, today = self.tr.language, self.ctx.clock.today()
        self.versions_box.setVisible(self.detail is not None)
        self.versions.blockSignals(True)
        self.versions.clear()
        current = 0
        for index, version in enumerate(agreement.versions):
            if version.effective_on is None:
                text = _("Signed terms, from {date}").format(
                    date=date_text(agreement.valid_from, language)
                )
            else:
                text = _("Amendment from {date}").format(
                    date=date_text(version.effective_on, language)
                )
                current = index if version.effective_on <= today else current
            self.versions.addItem(f"{text} — {version.note}" if version.note else text)
        self.versions.blockSignals(False)
        shown = min(max(self.versions.count(), 1), 4)
        self.versions.setFixedHeight(self.versions.sizeHintForRow(0) * shown + 8)
        locked = self.detail is not None and self.detail.terms_locked
        for widget in (self.direction, self.counterparty, self.valid_from):
            widget.setEnabled(not locked)
        self.versions_note.setText(
            _("Commissions were computed under these terms: change them by amendment.")
            if locked
            else _("No commission computed yet: the signed terms may still be corrected.")
        )
        self.versions.setCurrentRow(current)
        self._version_chosen(current)

    def _version_chosen(self, row: int) -> None:
        """Show one version's terms; only the signed terms of an unused agreement are
        editable, and what was typed there is kept while another version is looked at."""
        if row < 0 or row == self._shown_version:
            return
        if self._shown_version == 0 and self._original_editable():
            self._original = self.terms.draft_terms()[0]
        versions = self.detail.agreement.versions if self.detail is not None else ()
        terms = self._original if row == 0 else versions[row].terms
        was_loading, self._loading = self._loading, True
        try:
            self.terms.set_terms(terms)
        finally:
            self._loading = was_loading
        self._shown_version = row
        self.terms.set_read_only(not (row == 0 and self._original_editable()))
        self._show_summary()

    def _original_editable(self) -> bool:
        return self.detail is None or not self.detail.terms_locked

    # --- values -----------------------------------------------------------------------------------

    def snapshot(self) -> tuple[object, ...]:
        """Everything the user can change, to tell whether they did."""
        editing = self._shown_version == 0 and self._original_editable()
        terms = self.terms.draft_terms()[0] if editing else self._original
        return (
            self.name.text(),
            self.direction.currentData(),
            self.counterparty.currentData(),
            self.valid_from.date(),
            self.valid_until.value(),
            self.signed_on.value(),
            self.self_billing.isChecked(),
            self.criteria.toPlainText(),
            self.exclusivity.text(),
            self.territory.text(),
            self.notes.toPlainText(),
            terms,
        )

    def is_modified(self) -> bool:
        return self.snapshot() != self._loaded

    def selected_direction(self) -> Direction:
        return Direction(self.direction.currentData())

    def counterparty_name(self) -> str:
        return self.counterparty.currentText() if self.counterparty.currentIndex() >= 0 else ""

    def _draft(self) -> tuple[Agreement, list[Problem]]:
        """The agreement as typed, and the problems of what cannot be read."""
        problems: list[Problem] = []
        if self._shown_version == 0 and self._original_editable():
            terms, unreadable = self.terms.draft_terms()
            problems += [p.at("versions[0].terms") for p in unreadable]
        else:
            terms = self._original
        party = self.counterparty.currentData()
        if party is None:
            problems.append(Problem.of("counterparty_id", None, "required"))
        versions = self.detail.agreement.versions[1:] if self.detail is not None else ()
        agreement = Agreement(
            id=self.detail.agreement.id if self.detail is not None else None,
            name=self.name.text(),
            direction=self.selected_direction(),
            counterparty_id=int(party) if party is not None else 0,
            valid_from=self.valid_from.date().toPython(),
            versions=(TermsVersion(None, terms), *versions),
            signed_on=self.signed_on.value(),
            valid_until=self.valid_until.value(),
            self_billing=self.self_billing.isChecked(),
            qualification_criteria=self.criteria.toPlainText(),
            exclusivity=self.exclusivity.text(),
            territory=self.territory.text(),
            notes=self.notes.toPlainText(),
        )
        return agreement, problems

    def agreement(self) -> Agreement:
        """The agreement the form holds. Raises ``Refused`` when something cannot be read
        (a rate « abc », no counterparty chosen), with the agreement's other problems too, so
        that all show at once."""
        agreement, unreadable = self._draft()
        if not unreadable:
            return agreement
        places = {problem.field for problem in unreadable}
        found, _notices = check_agreement(agreement)
        raise Refused(unreadable + [p for p in found if p.field not in places])

    # --- problems ---------------------------------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> list[Problem]:
        """Each problem under its field, the keyboard on the first; those no field claims
        come back (for a message box)."""
        self.errors.clear_all()
        self.terms.clear_problems()
        header = [p for p in problems if not p.field.startswith(TERMS_PREFIX)]
        terms = [
            replace(p, field=p.field[len(TERMS_PREFIX) :])
            for p in problems
            if p.field.startswith(TERMS_PREFIX)
        ]
        left = self.errors.show_problems(self.tr, header)
        if terms and self._shown_version != 0:
            self.versions.setCurrentRow(0)
        left += [replace(p, field=TERMS_PREFIX + p.field) for p in self.terms.show_problems(terms)]
        if not self.errors.focus_first():
            self.terms.focus_first()
        return left

    def error_text(self, key: str) -> str:
        """The message under ``key``'s field (a header key or ``versions[0].terms.…``)."""
        if key.startswith(TERMS_PREFIX):
            return self.terms.error_text(key[len(TERMS_PREFIX) :])
        try:
            return self.errors.message(key)
        except KeyError:
            return ""

    # --- reacting ---------------------------------------------------------------------------------

    def _direction_changed(self) -> None:
        if self._loading:
            return
        self._fill_counterparties(self.selected_direction(), None)
        self._changed()

    def _changed(self) -> None:
        if self._loading:
            return
        self.edited.emit()
        self._show_summary()

    def _show_summary(self) -> None:
        """The terms shown, in plain words, with the warnings worth reading before saving."""
        if self._shown_version < 0:
            return
        agreement, _problems = self._draft()
        terms, _unreadable = self.terms.draft_terms()
        who = self.counterparty_name()
        self.sentences, self.notices = show_summary(self.summary, self.tr, agreement, terms, who)

    def summary_text(self) -> str:
        """The summary shown, as text (the sentences, then the warnings)."""
        return "\n".join([*self.sentences, *self.notices])


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _text_box(parent: QWidget, name: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent, objectName=name)
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines
    box.setFixedHeight(height + 2 * box.frameWidth() + 8)
    return box


def _group(title: str, layout: QVBoxLayout | QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box
