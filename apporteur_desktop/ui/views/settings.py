"""« Paramètres »: my identity, the invoicing settings, the language and the data folder.

The view shows what the services return and sends back only what the user changed: the
identity fields in one ``set_identity`` call, the settings in one ``update_settings`` call,
together as one save (see ``services.setup``). The services decide what is valid; their
problems are shown under the fields they name, and nothing is saved when any is refused.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.problems import Refused
from ...services.context import AppContext
from ...services.identity import show_identity
from ...services.invoice_settings import invoicing_settings, setting_values
from ...services.setup import Saved, save_setup
from ..feedback import show_failure
from ..tasks import TaskRunner
from ..widgets.form_columns import align_labels
from ..widgets.identity_form import IdentityFields
from .settings_application import ApplicationSection
from .settings_invoicing import InvoicingSection
from .settings_logo import LogoBox
from .settings_saving import BUSY, changed, identity_key, identity_texts

BUSINESS_KEYS = (
    "name",
    "sole_trader",
    "legal_form",
    "share_capital",
    "siren",
    "siret",
    "vat_number",
    "registration",
)
ADDRESS_KEYS = ("street", "postcode", "city", "country", "email")
VAT_KEYS = ("vat_regime", "vat_rate", "vat_on_debits")
BANK_KEYS = ("iban", "bic")


class SettingsView(QWidget):
    can_create = False

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks = ctx, tasks
        _ = ctx.translator.gettext
        self.identity = IdentityFields(ctx.translator, parent=self)
        self.logo = LogoBox(ctx, tasks, self._report)
        self.invoicing = InvoicingSection(ctx.translator, ctx.clock.today().year)
        self.application = ApplicationSection(ctx)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(_scrolled(self._identity_page()), _("Identity"))
        self.tabs.addTab(_scrolled(self.invoicing), _("Invoicing"))
        self.tabs.addTab(_scrolled(self.application), _("Application"))

        self.status = QLabel()
        self.status.setObjectName("settingsStatus")
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("saveSettings")
        # The main window's Ctrl+S calls save(); the button only says so.
        self.save_button.setToolTip(_("Save the changes (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bar)

        self.tasks.busy_changed.connect(self._busy_changed)
        self._identity_loaded: dict[str, str] = {}
        self._settings_loaded: dict[str, str] = {}
        self.refresh()

    def _identity_page(self) -> QWidget:
        _ = self.ctx.translator.gettext
        forms = {
            keys: self.identity.form(keys)
            for keys in (BUSINESS_KEYS, ADDRESS_KEYS, VAT_KEYS, BANK_KEYS)
        }
        align_labels(forms[BUSINESS_KEYS], forms[ADDRESS_KEYS])
        align_labels(forms[VAT_KEYS], forms[BANK_KEYS])
        left = QVBoxLayout()
        left.addWidget(_group(_("Business"), forms[BUSINESS_KEYS]))
        left.addWidget(_group(_("Address and contact"), forms[ADDRESS_KEYS]))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(_group(_("VAT"), forms[VAT_KEYS]))
        right.addWidget(_group(_("Bank details"), forms[BANK_KEYS]))
        right.addWidget(self.logo)
        right.addStretch(1)
        page = QWidget()
        columns = QHBoxLayout(page)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        return page

    # --- the view contract ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what the ledger holds now; edits not saved are dropped."""
        business = show_identity(self.ctx)
        self._identity_loaded = identity_texts(business, self.ctx.translator.language)
        self.identity.load(self._identity_loaded)
        settings = invoicing_settings(self.ctx)
        values = setting_values(settings)
        self._settings_loaded = {key: values[key] for key in self.invoicing.values()}
        self.invoicing.load(values, settings.wordings.checked_on)
        self.logo.refresh()

    def save(self) -> None:
        """Send what changed; the answer comes back through the task runner."""
        _ = self.ctx.translator.gettext
        identity_changes = changed(self._identity_loaded, self.identity.values())
        setting_changes = changed(self._settings_loaded, self.invoicing.values())
        if not identity_changes and not setting_changes:
            self._report(_("Nothing to save."))
            return
        started = self.tasks.start(
            lambda: save_setup(self.ctx, identity_changes, setting_changes),
            self._saved,
            self._refused,
        )
        self._report(_("Saving…") if started else _(BUSY))

    def pending_changes(self) -> dict[str, str]:
        """What « Enregistrer » would send, identity and settings together (for a window that
        asks before closing)."""
        return {
            **changed(self._identity_loaded, self.identity.values()),
            **changed(self._settings_loaded, self.invoicing.values()),
        }

    # --- answers ----------------------------------------------------------------------------------

    def _saved(self, _saved: Saved) -> None:
        # Reload rather than keep the form: the services normalise (a SIRET typed with spaces
        # is stored compact, an edited wording gets today's date).
        self.refresh()
        self._report(self.ctx.translator.gettext("Saved."))

    def _refused(self, failure: BaseException) -> None:
        if not isinstance(failure, Refused):
            self._report("")
            show_failure(self, self.ctx.translator, failure)
            return
        left = self.identity.errors.show_problems(
            self.ctx.translator, failure.problems, identity_key
        )
        left = self.invoicing.show_problems(left)
        self._report(self.ctx.translator.gettext("Not saved: correct the fields in red."))
        self._show_first_error()
        if left:
            show_failure(self, self.ctx.translator, Refused(left))

    def _show_first_error(self) -> None:
        for tab, errors in ((0, self.identity.errors), (1, self.invoicing.errors)):
            if errors.shown():
                self.tabs.setCurrentIndex(tab)
                errors.focus_first()
                return

    def _report(self, text: str) -> None:
        self.status.setText(text)

    def _busy_changed(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.logo.choose_button.setEnabled(not busy)


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(form)
    return box


def _scrolled(page: QWidget) -> QScrollArea:
    # A small window must still reach every field: each tab scrolls instead of squeezing.
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
