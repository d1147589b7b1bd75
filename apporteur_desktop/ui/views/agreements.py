"""« Accords »: the agreements, what each one says, its amendments and its contract draft.

On the left the list, filtered by a text (name, counterparty) and by direction, a page at a
time and sorted by the service; on the right the form of the selected agreement with its
terms in plain words. « Enregistrer » sends a new agreement to ``create_agreement`` and a
saved one's fields to ``update_agreement_details`` through the task runner; what they refuse
shows under its field, and nothing is saved. Terms in force change through « Nouvel
avenant… »; « Générer le projet de contrat » writes the draft to a temporary PDF and opens it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Direction
from ...domain.problems import NotFound, Refused
from ...services.agreements import (
    AgreementDetail,
    Saved,
    contract_pdf,
    create_agreement,
    open_agreement,
    update_agreement_details,
)
from ...services.context import AppContext
from ...services.wording import word_notice
from ..dialogs.amendment import AmendmentDialog
from ..feedback import Answer, AskUnsaved, ask_unsaved, show_failure
from ..remembered import remember, restore
from ..tasks import TaskRunner
from ..widgets.agreement_form import AgreementForm
from ..widgets.agreement_list import AgreementList
from .settings_saving import BUSY

COLUMNS_KEY = "agreements/columns"
SPLITTER_KEY = "agreements/splitter"


class AgreementsView(QWidget):
    """``loaded`` is emitted each time the list has been (re)loaded and shown.

    ``open_url`` defaults to the desktop's viewer and ``ask_unsaved`` to a question box, which
    decides what happens to unsaved changes when the user leaves an agreement; tests pass
    their own.
    """

    can_create = True
    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
        ask_unsaved: AskUnsaved = ask_unsaved,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self._tr = ctx, tasks, ctx.translator
        self._open_url, self.ask_unsaved = open_url, ask_unsaved
        self._pdf_dir: Path | None = None
        self._then: Callable[[], None] | None = None  # what to do once a save has succeeded
        self.amendment_dialog: AmendmentDialog | None = None
        self.list = AgreementList(ctx, self)
        self.model, self.table = self.list.model, self.list.table
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda at: self.context_menu().popup(self.table.viewport().mapToGlobal(at))
        )
        self.filter_edit, self.direction_filter = self.list.filter_edit, self.list.direction_filter
        self.count_label = self.list.count_label
        self.form = AgreementForm(ctx, self)
        self._build_widgets()
        self.list.reset.connect(self._after_reset)
        self.list.chosen.connect(self._row_chosen)
        self.form.edited.connect(lambda: self._say(self._tr.gettext("Unsaved changes.")))
        self.form.amend_requested.connect(self.new_amendment)
        tasks.busy_changed.connect(self._update_buttons)
        self._restore_layout()
        # Only once restored: the sizes set while restoring are not the user's choice.
        header = self.table.horizontalHeader()
        for signal in (
            header.sectionResized,
            header.sortIndicatorChanged,
            self.splitter.splitterMoved,
        ):
            signal.connect(self._save_layout)
        # Enabling sorting sorts by the remembered (or default) column: the first load.
        self.table.setSortingEnabled(True)
        self._blank()

    # --- building ---------------------------------------------------------------------------------

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self, objectName=name, toolTip=tip)
        button.clicked.connect(slot)
        return button

    def _build_widgets(self) -> None:
        _ = self._tr.gettext
        self.new_button = self._button(
            _("New agreement"),
            "newAgreement",
            _("Clear the form to add an agreement (Ctrl+N)"),
            self.new_item,
        )
        self.list.below.addWidget(self.new_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="agreementsSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self._build_editor())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        QWidget.setTabOrder(self.table, self.new_button)
        QWidget.setTabOrder(self.new_button, self.form.name)
        QWidget.setTabOrder(self.form.notes, self.contract_button)
        QWidget.setTabOrder(self.contract_button, self.save_button)
        self.setFocusProxy(self.list)

    def _build_editor(self) -> QWidget:
        _ = self._tr.gettext
        self.title = QLabel(self, objectName="agreementTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.status = QLabel(self, objectName="agreementStatus", wordWrap=True)
        self.contract_button = self._button(
            _("Generate the contract draft"),
            "contractDraft",
            _(
                "Write the draft « contrat d'apport d'affaires » of this agreement as a PDF and "
                "open it"
            ),
            self.contract_draft,
        )
        self.save_button = self._button(
            _("Save"), "saveAgreement", _("Save the agreement (Ctrl+S)"), self.save
        )
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.contract_button)
        buttons.addWidget(self.save_button)
        editor = QWidget(self)
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)
        return editor

    # --- the window's contract --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list again (keeping the rows shown), and the agreement unless it is being
        edited: unsaved changes are never dropped by a refresh."""
        self.model.reload()
        current = self.current_id()
        if current is not None and not self.form.is_modified():
            try:
                self.form.load(open_agreement(self.ctx, current))
            except NotFound:  # gone meanwhile
                self._blank()

    def new_item(self) -> None:
        """A blank form for a new agreement, in the direction the list shows (earned for
        both)."""
        if self.may_leave():
            self._blank()

    def show_item(self, item_id: int) -> None:
        """Select the agreement ``item_id`` and show it, clearing the filters if they hide it.
        The agreement already in the form stays as the user is editing it."""
        editing = item_id == self.current_id() and self.form.is_modified()
        if item_id != self.current_id() and not self.may_leave():
            self.list.select(self.current_id(), fetch=False)
            return
        try:
            detail = open_agreement(self.ctx, item_id)
        except NotFound as failure:
            show_failure(self, self._tr, failure)
            return
        if self.list.row_of(item_id, fetch=True) is None:
            self.list.clear_filters()
        if editing:
            self.list.select(item_id, fetch=True)
        else:
            self._show(detail)

    def save(self) -> None:
        """Send the agreement to the ledger; the answer comes back through the task runner."""
        _ = self._tr.gettext
        if self.current_id() is not None and not self.form.is_modified():
            self._say(_("Nothing to save."))
            return
        try:
            agreement = self.form.agreement()
        except Refused as refused:
            self._refused(refused)
            return
        action = create_agreement if agreement.id is None else update_agreement_details
        started = self.tasks.start(lambda: action(self.ctx, agreement), self._saved, self._refused)
        self._say(_("Saving…") if started else _(BUSY))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._share_width:
            # Half and half: the list's columns and the form's labels both need the room.
            self._share_width = False
            self.layout().activate()  # the splitter takes its real width first
            half = self.splitter.width() // 2
            self.splitter.setSizes([half, self.splitter.width() - half])
        if not event.spontaneous():
            self.refresh()  # other views may have added contacts or introductions meanwhile

    # --- the list ---------------------------------------------------------------------------------

    def _after_reset(self) -> None:
        # Only among the rows already read: a filter that hides the agreement must not make
        # the view read every page looking for it.
        self.list.select(self.current_id(), fetch=False)
        self.loaded.emit()

    def _row_chosen(self, agreement_id: int) -> None:
        if agreement_id != self.current_id():
            self.show_item(agreement_id)

    # --- the form ---------------------------------------------------------------------------------

    def may_leave(self, then: Callable[[], None] | None = None) -> bool:
        """Whether the form may show something else now. With unsaved changes the user
        chooses: discard them (yes), stay (no), or save first (no: ``then``, if given, runs
        once the save has succeeded)."""
        if not self.form.is_modified():
            return True
        _ = self._tr.gettext
        name = self.form.name.text().strip() or _("the new agreement")
        answer = self.ask_unsaved(
            self, _("Unsaved changes"), _("Save the changes to {name}?").format(name=name)
        )
        if answer == Answer.Save:
            self._then = then
            self.save()
        return answer == Answer.Discard

    def current_id(self) -> int | None:
        detail = self.form.detail
        return detail.agreement.id if detail is not None else None

    def _show(self, detail: AgreementDetail) -> None:
        self.form.load(detail)
        self.title.setText(detail.agreement.name)
        self._say("")
        self.list.select(detail.agreement.id, fetch=True)
        self._update_buttons()

    def _blank(self) -> None:
        self.form.load_new(self.list.direction() or Direction.EARNED)
        self.title.setText(self._tr.gettext("New agreement"))
        self._say("")
        self.list.select(None, fetch=False)
        self._update_buttons()
        self.form.name.setFocus()

    def _update_buttons(self) -> None:
        writing = not self.tasks.busy
        saved = self.current_id() is not None
        self.save_button.setEnabled(writing)
        self.contract_button.setEnabled(writing and saved)
        self.form.amend_button.setEnabled(writing and saved)

    def context_menu(self) -> QMenu:
        """The list's right-click menu: the buttons' actions, enabled as they are."""
        _ = self._tr.gettext
        menu = QMenu(self)
        for text, button in (
            (_("New agreement"), self.new_button),
            (_("New amendment…"), self.form.amend_button),
            (_("Generate the contract draft"), self.contract_button),
        ):
            action = menu.addAction(text)
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        return menu

    # --- actions ----------------------------------------------------------------------------------

    def new_amendment(self) -> None:
        detail = self.form.detail
        if detail is None or self.tasks.busy:
            return
        dialog = AmendmentDialog.start(self, self.ctx, self.tasks, detail, self._amended)
        dialog.finished.connect(self._amendment_closed)
        self.amendment_dialog = dialog

    def _amendment_closed(self) -> None:
        self.amendment_dialog = None  # the dialog deletes itself

    def _amended(self, saved: Saved) -> None:
        _ = self._tr.gettext
        assert saved.agreement.id is not None
        self.model.reload()
        self._show(open_agreement(self.ctx, saved.agreement.id))
        self._say(self._with_notices(_("Amendment recorded."), saved))

    def contract_draft(self) -> None:
        """Draft the contract off the UI thread, then write it to a temporary PDF and open it
        in the desktop's viewer."""
        detail = self.form.detail
        if detail is None or detail.agreement.id is None:
            return
        ctx, agreement_id, name = self.ctx, detail.agreement.id, detail.agreement.name

        def opened(content: bytes) -> None:
            self._update_buttons()
            try:
                self._pdf_dir = self._pdf_dir or Path(tempfile.mkdtemp(prefix="apporteur-"))
                path = self._pdf_dir / f"{_file_name(name)}.pdf"
                path.write_bytes(content)
            except OSError as failure:
                show_failure(self, self._tr, failure)
                return
            self._say("")
            if not self._open_url(QUrl.fromLocalFile(str(path))):
                self._say(self._tr.gettext("No application could open {path}").format(path=path))

        def failed(failure: BaseException) -> None:
            self._update_buttons()
            self._say("")
            show_failure(self, self._tr, failure)  # raises again what is not the user's

        started = self.tasks.start(lambda: contract_pdf(ctx, agreement_id), opened, failed)
        self._say(self._tr.gettext("Drafting the contract…") if started else self._tr.gettext(BUSY))

    # --- answers ----------------------------------------------------------------------------------

    def _saved(self, saved: Saved) -> None:
        assert saved.agreement.id is not None
        self.model.reload()
        self._show(open_agreement(self.ctx, saved.agreement.id))
        self._say(self._with_notices(self._tr.gettext("Saved."), saved))
        then, self._then = self._then, None
        if then is not None:
            then()

    def _with_notices(self, text: str, saved: Saved) -> str:
        words = [word_notice(self._tr, notice) for notice in saved.notices]
        return " ".join([text, *(f"⚠ {w}" for w in words)])

    def _refused(self, failure: BaseException) -> None:
        if not isinstance(failure, Refused):
            self._say("")
            show_failure(self, self._tr, failure)
            return
        self._then = None  # the user stays on the form to correct it
        left = self.form.show_problems(failure.problems)
        self._say(self._tr.gettext("Not saved: correct the fields in red."))
        if left:
            show_failure(self, self._tr, Refused(left))

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # --- remembered layout ------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        if not restore(COLUMNS_KEY, self.table.horizontalHeader().restoreState):
            self.list.default_widths()
        # Without a remembered state, the first showing shares the width (see showEvent).
        self._share_width = not restore(SPLITTER_KEY, self.splitter.restoreState)

    def _save_layout(self) -> None:
        remember(COLUMNS_KEY, self.table.horizontalHeader().saveState())
        remember(SPLITTER_KEY, self.splitter.saveState())


def _file_name(name: str) -> str:
    """The agreement's name as a file name: what a file system refuses becomes « - »."""
    cleaned = "".join("-" if c in '/\\:*?"<>|' else c for c in name).strip(" .")
    return cleaned or "contract"
