"""First run: who issues the invoices and how they are numbered — or a demo to look around.

Three pages: a welcome with the choice « Créer mon registre » / « Explorer une démo », the
identity (name, EI, SIRET checked as typed, address, VAT regime, IBAN), then the invoice number
format with the number it gives. Finish saves the identity and the pattern together, through
the task runner; a refusal shows under its field and the wizard stays open on the page that
holds it. Choosing the demo writes nothing: the caller reads ``wants_demo`` and opens one.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...domain.problems import Refused
from ...services.context import AppContext
from ...services.identity import show_identity
from ...services.invoice_settings import invoicing_settings
from ...services.setup import Saved, save_setup
from ..feedback import show_failure
from ..tasks import TaskRunner
from ..views.settings_invoicing import PATTERN_HINT
from ..views.settings_saving import BUSY, identity_key, identity_texts
from ..widgets.field_errors import FieldErrors
from ..widgets.identity_form import IdentityFields
from ..widgets.pattern_field import PatternField

WELCOME, IDENTITY, NUMBERING = 0, 1, 2
IDENTITY_KEYS = (
    "name",
    "sole_trader",
    "siret",
    "street",
    "postcode",
    "city",
    "vat_regime",
    "vat_rate",
    "iban",
)
PATTERN_KEY = "numbering.invoice_pattern"


class WelcomePage(QWizardPage):
    def __init__(self, dialog: OnboardingDialog) -> None:
        super().__init__()
        _ = dialog.ctx.translator.gettext
        self.setTitle(_("Welcome to Apporteur Desktop"))
        self.setSubTitle(
            _(
                "Your introductions, commissions and invoices, kept on this computer and "
                "usable offline."
            )
        )
        self.create = QRadioButton(_("Create my ledger"))
        self.create.setObjectName("createLedger")
        self.create.setChecked(True)
        self.demo = QRadioButton(_("Explore a demo"))
        self.demo.setObjectName("exploreDemo")
        choice = QButtonGroup(self)
        choice.addButton(self.create)
        choice.addButton(self.demo)
        # Finish for the demo, Next for a ledger: QWizard re-lays its buttons only when told
        # the page's finality changed, not when nextId() starts answering differently.
        self.demo.toggled.connect(self.setFinalPage)
        layout = QVBoxLayout(self)
        layout.addWidget(self.create)
        layout.addWidget(_note(_("Say who issues the invoices and how they are numbered.")))
        layout.addSpacing(12)
        layout.addWidget(self.demo)
        layout.addWidget(
            _note(
                _(
                    "A sample ledger in a temporary folder, to look around. Nothing of it "
                    "is kept, and your own ledger stays empty."
                )
            )
        )
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1 if self.demo.isChecked() else IDENTITY


class IdentityPage(QWizardPage):
    def __init__(self, dialog: OnboardingDialog) -> None:
        super().__init__()
        _ = dialog.ctx.translator.gettext
        self.setTitle(_("Who issues the invoices?"))
        self.setSubTitle(
            _(
                "These details are printed on every invoice. You can complete them later "
                "(legal form, VAT number, logo…) in Settings."
            )
        )
        self.fields = IdentityFields(dialog.ctx.translator, IDENTITY_KEYS, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields.form(IDENTITY_KEYS))
        layout.addStretch(1)


class NumberingPage(QWizardPage):
    def __init__(self, dialog: OnboardingDialog) -> None:
        super().__init__()
        _ = dialog.ctx.translator.gettext
        self.setTitle(_("Invoice numbers"))
        self.setSubTitle(
            _(
                "Each invoice takes the next number when it is issued, without gaps; the "
                "count starts again each year."
            )
        )
        self.errors = FieldErrors()
        year = dialog.ctx.clock.today().year
        self.pattern = PatternField(dialog.ctx.translator, PATTERN_KEY, year, self.errors)
        title = QLabel(_("Invoice number format"))
        title.setBuddy(self.pattern.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.pattern)
        layout.addSpacing(12)
        layout.addWidget(_note(_(PATTERN_HINT)))
        layout.addWidget(
            _note(_("Credit notes share this series; Settings can give them one of their own."))
        )
        layout.addStretch(1)


class OnboardingDialog(QWizard):
    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        _ = ctx.translator.gettext
        self.setObjectName("onboarding")
        self.setWindowTitle(_("Apporteur Desktop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.welcome = WelcomePage(self)
        self.identity = IdentityPage(self)
        self.numbering = NumberingPage(self)
        self.setPage(WELCOME, self.welcome)
        self.setPage(IDENTITY, self.identity)
        self.setPage(NUMBERING, self.numbering)
        self.identity.fields.load(identity_texts(show_identity(ctx), ctx.translator.language))
        self.numbering.pattern.set_text(invoicing_settings(ctx).numbering.invoice_pattern)
        self.tasks.busy_changed.connect(self._busy_changed)
        self._saved = False
        self.resize(640, 560)

    @property
    def wants_demo(self) -> bool:
        """True when the user chose to explore a demo rather than create a ledger."""
        return self.result() == QWizard.DialogCode.Accepted and self.welcome.demo.isChecked()

    def validateCurrentPage(self) -> bool:
        if self.currentId() != NUMBERING or self._saved:
            return super().validateCurrentPage()
        # Identity and pattern go together, off the UI thread; Finish waits for the answer.
        # Every field of the page goes, not only the changed ones, so that a name left
        # empty reaches the service and is refused there rather than skipped.
        identity = self.identity.fields.values()
        settings = {PATTERN_KEY: self.numbering.pattern.text()}
        if not self.tasks.start(
            lambda: save_setup(self.ctx, identity, settings), self._done, self._refused
        ):
            QMessageBox.information(self, self.windowTitle(), self.ctx.translator.gettext(BUSY))
        return False

    def _done(self, _saved: Saved) -> None:
        self._saved = True
        self.accept()

    def _refused(self, failure: BaseException) -> None:
        if not isinstance(failure, Refused):
            show_failure(self, self.ctx.translator, failure)
            return
        tr = self.ctx.translator
        left = self.identity.fields.errors.show_problems(tr, failure.problems, identity_key)
        left = self.numbering.errors.show_problems(tr, left)
        if self.identity.fields.errors.shown():
            # The wizard goes back to where the problem is; the pattern page keeps its own.
            self.back()
            self.identity.fields.errors.focus_first()
        if left:
            show_failure(self, tr, Refused(left))

    def _busy_changed(self, busy: bool) -> None:
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            self.button(which).setEnabled(not busy)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setIndent(24)
    return label
