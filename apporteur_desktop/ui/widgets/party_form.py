"""The form of one contact (provider, client or introducer): its kind and legal fields.

The legal fields are the identity editors of my own business (``identity_form``), with the
same checks as typed for SIREN, SIRET and VAT number. Each field is keyed by the name
``identity_key`` gives a service problem's field (``identity.siret`` → ``siret``,
``identity.address.city`` → ``city``, ``kind``, ``name``), so :meth:`PartyForm.show_problems`
puts a refusal of ``create_contact`` / ``update_contact`` under the field it names.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import PartyKind
from ...domain.parties import Address, BusinessIdentity, LegalIdentity, Party
from ...domain.problems import Problem, Refused
from ...i18n import N_, Translator
from ...validation.parties import check_party
from ..dialogs.payment import parse_amount
from ..views.settings_saving import identity_key, identity_texts
from .form_columns import align_labels
from .identity_form import IdentityFields

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
CONTACT_KEYS = ("street", "postcode", "city", "country", "email")

KIND_NAMES: Mapping[PartyKind, str] = {
    PartyKind.PROVIDER: N_("Provider"),
    PartyKind.CLIENT: N_("Client"),
    PartyKind.INTRODUCER: N_("Introducer"),
}

# The identity editors speak to me of my own business; about a contact they say « the ».
TOOLTIPS: Mapping[str, str] = {
    "kind": N_(
        "Provider: pays commissions on the clients introduced to it. Client: the one "
        "introduced. Introducer: brings clients to me."
    ),
    "sole_trader": N_("Adds « EI » after the name on invoices, as the law requires."),
    "siret": N_("14 digits: the SIREN followed by the number of the establishment."),
    "registration": N_("Where the business is registered: trade register (RCS) or trades (RM)."),
    "notes": N_("Anything worth remembering about this contact; never printed."),
}


class PartyForm(QWidget):
    """Kind, legal identity, address, e-mail and notes of one party.

    ``edited`` is emitted on every change the user makes (not when the form is loaded).
    ``side_by_side`` puts the address beside the identity rather than under it (dialogs).
    """

    edited = Signal()

    def __init__(
        self, tr: Translator, parent: QWidget | None = None, *, side_by_side: bool = False
    ) -> None:
        super().__init__(parent)
        self.tr = tr
        _ = tr.gettext
        self.fields = IdentityFields(tr, BUSINESS_KEYS + CONTACT_KEYS, self)
        self.errors = self.fields.errors
        self.kind = QComboBox(self, objectName="party_kind")
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(_(name), kind.value)
        self.kind.setAccessibleName(_("Kind"))
        self.notes = QPlainTextEdit(self, objectName="party_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(_("Notes"))
        lines = self.notes.fontMetrics().lineSpacing() * 3
        self.notes.setFixedHeight(lines + 2 * self.notes.frameWidth() + 8)
        for key, tip in TOOLTIPS.items():
            self.editor(key).setToolTip(_(tip))
        self._build(side_by_side)
        self._loading = False
        self._loaded: dict[str, str] = {}
        self._connect_edits()
        self.load(None)

    def _build(self, side_by_side: bool) -> None:
        _ = self.tr.gettext
        business = self.fields.form(BUSINESS_KEYS)
        business.insertRow(0, _("Kind"), self.errors.wrap("kind", self.kind))
        contact = self.fields.form(CONTACT_KEYS)
        contact.addRow(_("Notes"), self.errors.wrap("notes", self.notes))
        for form in (business, contact):
            # Long French labels wrap rather than push the fields out of a narrow pane.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        align_labels(business, contact)
        for key in self.errors.keys():  # noqa: SIM118 (FieldErrors is no dict)
            # A line edit's box takes its fixed height, which is that of a one-line message:
            # in a narrow pane a message wraps to more lines and must be given their height.
            box = self.errors.label(key).parentWidget()
            policy = box.sizePolicy()
            if policy.verticalPolicy() == QSizePolicy.Policy.Fixed:
                policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
                box.setSizePolicy(policy)
        layout = QHBoxLayout(self) if side_by_side else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Side by side the two columns share the width; one above the other, the room left
        # stays below them rather than inside the boxes.
        stretch = 1 if side_by_side else 0
        layout.addWidget(_group(_("Identity"), business), stretch)
        layout.addWidget(_group(_("Address and contact"), contact), stretch)
        if not side_by_side:
            layout.addStretch(1)
        # Tab follows the page: kind, the identity from top to bottom, the address, the notes.
        chain = [self.kind, *(self.fields.editors[key] for key in BUSINESS_KEYS)]
        chain += [*(self.fields.editors[key] for key in CONTACT_KEYS), self.notes]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.fields.editors["name"])

    def _connect_edits(self) -> None:
        for editor in (*self.fields.editors.values(), self.kind, self.notes):
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(self.edited)
            elif isinstance(editor, QPlainTextEdit):
                # textChanged fires on load too: only the user's typing counts.
                editor.textChanged.connect(self._text_changed)
            elif isinstance(editor, QCheckBox):
                editor.clicked.connect(self.edited)
            elif isinstance(editor, QComboBox):
                editor.activated.connect(self.edited)

    def _text_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    # --- values -----------------------------------------------------------------------------------

    def editor(self, key: str) -> QWidget:
        """The editor of ``key`` (an identity key, ``kind`` or ``notes``)."""
        if key == "kind":
            return self.kind
        if key == "notes":
            return self.notes
        return self.fields.editors[key]

    def load(self, party: Party | None, kind: PartyKind = PartyKind.PROVIDER) -> None:
        """Show ``party`` (a blank form of ``kind`` when None) and clear every message."""
        self._loading = True
        try:
            identity = party.identity if party is not None else LegalIdentity("")
            texts = identity_texts(BusinessIdentity(identity), self.tr.language)
            self.fields.load(texts)
            shown = party.kind if party is not None else kind
            self.kind.setCurrentIndex(max(self.kind.findData(shown.value), 0))
            self.notes.setPlainText(party.notes if party is not None else "")
            self.errors.clear_all()
        finally:
            self._loading = False
        self._loaded = self.values()

    def values(self) -> dict[str, str]:
        """Every field as text, by key."""
        return {
            **self.fields.values(),
            "kind": str(self.kind.currentData()),
            "notes": self.notes.toPlainText(),
        }

    def is_modified(self) -> bool:
        """Whether the user changed anything since the last :meth:`load`."""
        return self.values() != self._loaded

    def selected_kind(self) -> PartyKind:
        return PartyKind(self.kind.currentData())

    def party(self, party_id: int | None = None) -> Party:
        """The party the form holds, with ``party_id``.

        Raises ``Refused`` when a field cannot even be read (a share capital that is not a
        number), with the core's other problems of the form too, so that all show at once.
        """
        values = self.values()
        problems: list[Problem] = []
        capital_text = values["share_capital"].strip()
        capital = parse_amount(capital_text, self.tr.language) if capital_text else None
        if capital_text and capital is None:
            problems.append(Problem.of("identity.share_capital", capital_text, "invalid_number"))
        identity = LegalIdentity(
            name=values["name"],
            sole_trader=values["sole_trader"] == "yes",
            legal_form=values["legal_form"],
            siren=values["siren"],
            siret=values["siret"],
            vat_number=values["vat_number"],
            registration=values["registration"],
            share_capital=capital,
            address=Address(
                values["street"], values["postcode"], values["city"], values["country"]
            ),
            email=values["email"],
        )
        party = Party(party_id, self.selected_kind(), identity, values["notes"])
        if problems:
            raise Refused(problems + check_party(party))
        return party

    # --- problems ---------------------------------------------------------------------------------

    def show_problems(self, problems: Iterable[Problem]) -> list[Problem]:
        """Each problem under its field, the keyboard on the first; those no field claims
        come back (for a message box)."""
        left = self.errors.show_problems(self.tr, problems, identity_key)
        self.errors.focus_first()
        return left

    def set_kind_locked(self, locked: bool) -> None:
        """Keep the kind as it is (a dialog that creates a contact of a given kind)."""
        self.kind.setEnabled(not locked)


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(form)
    return box
