"""Creating one contact of a given kind without leaving the form at hand (an agreement whose
provider is not in the ledger yet, an introduction of a new client…).

``NewContactDialog.create(parent, ctx, kind, name)`` opens the contact form with the kind set
and the name typed so far, and returns the contact once ``create_contact`` has stored it, or
None when the user gives up. A refusal shows under its fields and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from ...domain.enums import PartyKind
from ...domain.parties import Party
from ...domain.problems import Refused
from ...i18n import N_
from ...services.contacts import create_contact
from ...services.context import AppContext
from ..feedback import show_failure
from ..widgets.party_form import PartyForm

TITLES: Mapping[PartyKind, str] = {
    PartyKind.PROVIDER: N_("New provider"),
    PartyKind.CLIENT: N_("New client"),
    PartyKind.INTRODUCER: N_("New introducer"),
}


class NewContactDialog(QDialog):
    """The contact form, its kind fixed; :meth:`save` stores it (``created`` then holds it)."""

    def __init__(
        self, ctx: AppContext, kind: PartyKind, name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        _ = ctx.translator.gettext
        self.setObjectName("newContactDialog")
        self.setWindowTitle(_(TITLES[kind]))
        self.created: Party | None = None
        self.form = PartyForm(ctx.translator, self, side_by_side=True)
        self.form.load(None, kind)
        self.form.set_kind_locked(True)  # the caller needs a contact of this kind
        name_editor = self.form.editor("name")
        assert isinstance(name_editor, QLineEdit)
        name_editor.setText(name.strip())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = self.buttons.addButton(
            _("Create"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setObjectName("createContact")
        self.create_button.setToolTip(_("Add this contact to the ledger"))
        self.create_button.setDefault(True)
        # Accepting goes through save(): the dialog closes only once the contact is stored.
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.buttons)
        name_editor.setFocus()
        # The two columns side by side, each field wide enough for a SIRET or an e-mail.
        hint = self.sizeHint()
        self.resize(max(hint.width(), 900), hint.height())

    def save(self) -> Party | None:
        """Store the contact and close; on a refusal, show why and stay open (None)."""
        try:
            # One small insert, on the UI thread: the caller is itself in the middle of a form
            # and waits for this contact before it can go on.
            self.created = create_contact(self.ctx, self.form.party())
        except Refused as refused:
            left = self.form.show_problems(refused.problems)
            if left:
                show_failure(self, self.ctx.translator, Refused(left))
            return None
        self.accept()
        return self.created

    @classmethod
    def create(
        cls, parent: QWidget | None, ctx: AppContext, kind: PartyKind, name: str = ""
    ) -> Party | None:
        """Ask for a new contact of ``kind``; the stored contact, or None if cancelled."""
        dialog = cls(ctx, kind, name, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        created = dialog.created
        dialog.deleteLater()
        return created if accepted else None
