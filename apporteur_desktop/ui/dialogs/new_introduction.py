"""« Nouvelle mise en relation »: the agreement, the client, the day, a note — Enter saves.

The client is picked from the list or typed: a name that is not a client yet is offered as
« Créer le client « X » », and the service creates it with the introduction, in the same
transaction (a refused introduction leaves no stray client behind).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from ...domain.enums import Direction
from ...domain.problems import Problem
from ...services.context import AppContext
from ...services.introductions import (
    Choices,
    NewIntroduction,
    introduction_choices,
    record_introduction,
)
from ..tasks import TaskRunner
from .engagement import DateField, RecordDialog

FIELDS = ("agreement", "client", "introduced_on", "notes")


class NewIntroductionDialog(RecordDialog):
    """``recorded`` holds the saved ``Introduction``. ``choices`` default to the ledger's."""

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        choices: Choices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        _ = ctx.translator.gettext
        super().__init__(
            ctx,
            tasks,
            _("New introduction"),
            _("A client put in touch under one of your agreements, on a day."),
            _("Record the introduction"),
            parent,
        )
        self.setObjectName("newIntroductionDialog")
        choices = choices or introduction_choices(ctx)
        self.agreement = QComboBox(self)
        # Long agreement names must not make the dialog wider than the screen, nor cut the labels.
        self.agreement.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.agreement.setMinimumContentsLength(32)
        for choice in choices.agreements:
            owed = choice.direction is Direction.OWED
            text = (
                _("{name} — {counterparty} (introduced to me)")
                if owed
                else _("{name} — {counterparty}")
            ).format(name=choice.name, counterparty=choice.detail)
            self.agreement.addItem(text, choice.id)
        self.add_field(
            "agreement",
            _("&Agreement:"),
            self.agreement,
            _("The agreement the introduction falls under: who pays whom, and how much"),
        )
        self._clients = {c.name.casefold(): c.id for c in choices.clients}
        self.client = self._client_combo(choices)
        self.add_field(
            "client", _("&Client:"), self.client, _("Pick a client, or type the name of a new one")
        )
        self.new_client_hint = QLabel(self, objectName="newClientHint")
        font = QFont(self.new_client_hint.font())
        font.setItalic(True)
        self.new_client_hint.setFont(font)
        self.new_client_hint.hide()
        self.form.addRow("", self.new_client_hint)
        self.introduced_on = DateField(self.tr, ctx.clock.today())
        self.add_field(
            "introduced_on", _("&Date:"), self.introduced_on, _("The day of the introduction")
        )
        self.notes = QLineEdit(self)
        self.notes.setPlaceholderText(_("Optional: where you met, what they need…"))
        self.add_field("notes", _("&Note:"), self.notes)
        self.setMinimumWidth(520)
        self.client.setFocus()

    def _client_combo(self, choices: Choices) -> QComboBox:
        combo = QComboBox(self)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in choices.clients:
            combo.addItem(choice.name, choice.id)
        combo.setCurrentIndex(-1)
        combo.setEditText("")
        completer = QCompleter(combo.model(), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        combo.setCompleter(completer)
        line = combo.lineEdit()
        line.setPlaceholderText(self.tr.gettext("Name of the client"))
        line.textChanged.connect(self._client_typed)
        line.textEdited.connect(lambda _text: self.errors.clear("client"))
        # An editable combo keeps Enter to itself: let it save, as in every other field.
        line.returnPressed.connect(self.submit)
        return combo

    def _client_typed(self, text: str) -> None:
        name = " ".join(text.split())
        new = bool(name) and self._client_id(name) is None
        self.new_client_hint.setText(
            self.tr.gettext("Create the client « {name} »").format(name=name) if new else ""
        )
        self.new_client_hint.setVisible(new)

    def _client_id(self, name: str) -> int | None:
        return self._clients.get(" ".join(name.split()).casefold())

    def read(self) -> tuple[Callable[[], Any] | None, list[Problem]]:
        problems = self.introduced_on.problems("introduced_on")
        if problems:
            return None, problems
        name = self.client.currentText().strip()
        client_id = self._client_id(name) if name else None
        new = NewIntroduction(
            agreement_id=self.agreement.currentData(),
            introduced_on=self.introduced_on.day(),
            client_id=client_id,
            new_client_name="" if client_id is not None else name,
            notes=self.notes.text(),
        )
        ctx = self.ctx
        return (lambda: record_introduction(ctx, new)), []

    def key_of(self, field: str) -> str:
        # The new client's own problems (client.identity.name…) belong to the client field.
        head = field.split(".", 1)[0]
        return head if head in FIELDS else ""
