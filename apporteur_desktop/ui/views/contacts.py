"""« Contacts »: the providers, clients and introducers, and the legal fields of each.

On the left the list, filtered by kind and by a text (name, SIRET, city, e-mail), a page at a
time and sorted by the service; on the right the form of the selected contact. « Enregistrer »
sends the whole contact to ``create_contact`` or ``update_contact`` through the task runner;
what they refuse shows under its field, and nothing is saved. Leaving a contact with unsaved
changes asks first: save, discard or stay.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import PartyKind
from ...domain.parties import Party
from ...domain.problems import NotFound, Refused
from ...i18n import N_
from ...services.contacts import (
    KIND_FILTER,
    ContactRow,
    create_contact,
    get_contact,
    list_contacts,
    update_contact,
)
from ...services.context import AppContext
from ...services.listing import ListQuery, Page
from ..dialogs.new_contact import TITLES as NEW_TITLES
from ..feedback import Answer, AskUnsaved, ask_unsaved, show_failure
from ..models.paged_table import PagedTableModel, TableColumn
from ..remembered import remember, restore
from ..tasks import TaskRunner
from ..widgets.list_table import choice_filter, filter_box, list_table
from ..widgets.party_form import KIND_NAMES, PartyForm
from .settings_saving import BUSY

COLUMNS_KEY = "contacts/columns"
SPLITTER_KEY = "contacts/splitter"

KIND_FILTERS: tuple[tuple[PartyKind | None, str], ...] = (
    (None, N_("All kinds")),
    (PartyKind.PROVIDER, N_("Providers")),
    (PartyKind.CLIENT, N_("Clients")),
    (PartyKind.INTRODUCER, N_("Introducers")),
)


def siret_text(siret: str) -> str:
    """« 123 456 789 00012 », as on a Kbis; anything else as stored."""
    if len(siret) != 14 or not siret.isdigit():
        return siret
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


class ContactsView(QWidget):
    """``loaded`` is emitted each time the list has been (re)loaded and shown.

    ``ask_unsaved(parent, title, text)`` decides what happens to unsaved changes when the user
    leaves a contact; tests pass their own.
    """

    can_create = True
    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        ask_unsaved: AskUnsaved = ask_unsaved,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self._tr = ctx, tasks, ctx.translator
        self.ask_unsaved = ask_unsaved
        self._current_id: int | None = None  # the contact in the form; None: a new one
        self._then: Callable[[], None] | None = None  # where to go once a save is done
        self._syncing = False  # the view, not the user, is moving the selection
        self.model: PagedTableModel[ContactRow] = PagedTableModel(
            ctx.translator, self._columns(), self._fetch, self
        )
        self.form = PartyForm(ctx.translator, self)
        self._build_widgets()
        self.model.modelReset.connect(self._after_reset)
        self.form.edited.connect(lambda: self._say(self._tr.gettext("Unsaved changes.")))
        tasks.busy_changed.connect(lambda busy: self.save_button.setEnabled(not busy))
        self._restore_layout()
        # Enabling sorting sorts by the remembered (or default) column: the first load.
        self.table.setSortingEnabled(True)
        self._blank(PartyKind.PROVIDER)

    # --- building ---------------------------------------------------------------------------------

    def _columns(self) -> list[TableColumn[ContactRow]]:
        _ = self._tr.gettext
        return [
            TableColumn(N_("Name"), lambda row: row.name, sort="name"),
            TableColumn(N_("Kind"), lambda row: _(KIND_NAMES[row.kind]), sort="kind"),
            TableColumn(N_("SIRET"), lambda row: siret_text(row.siret), sort="siret"),
            TableColumn(N_("City"), lambda row: row.city, sort="city"),
            TableColumn(N_("E-mail"), lambda row: row.email, sort="email"),
        ]

    def _fetch(self, query: ListQuery, offset: int, limit: int) -> Page[ContactRow]:
        return list_contacts(self.ctx, query, offset, limit)

    def _build_widgets(self) -> None:
        _ = self._tr.gettext
        self.filter_edit = filter_box(
            self,
            "contactFilter",
            _("Name, SIRET, city or e-mail"),
            _("Show only the contacts whose name, SIRET, city or e-mail has this"),
        )
        self.filter_edit.textChanged.connect(self._filters_changed)
        self.kind_filter = choice_filter(
            self,
            "kindFilter",
            _("Show only the contacts of this kind"),
            [(_(label), None if k is None else k.value) for k, label in KIND_FILTERS],
        )
        self.kind_filter.currentIndexChanged.connect(self._filters_changed)
        self.count_label = QLabel(self, objectName="contactCount")
        filters = QHBoxLayout()
        buddy = QLabel(_("Fi&lter:"), self)
        buddy.setBuddy(self.filter_edit)
        filters.addWidget(buddy)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.kind_filter)
        self.table = self._build_table()
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="contactsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self._build_editor())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        # The form orders its own fields; around it: filters, list, form, then the buttons.
        for first, second in (
            (self.filter_edit, self.kind_filter),
            (self.kind_filter, self.table),
            (self.table, self.form.kind),
            (self.form.notes, self.save_button),
            (self.save_button, self.new_button),
        ):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.table)

    def _build_table(self) -> QTableView:
        table = list_table(self, "contactTable", self.model, menu=self.context_menu)
        header = table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # by name, unless remembered
        table.selectionModel().selectionChanged.connect(self._row_chosen)
        return table

    def _build_editor(self) -> QWidget:
        _ = self._tr.gettext
        self.title = QLabel(self, objectName="contactTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        area = QScrollArea(self, widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(self.form)
        self.status = QLabel(self, objectName="contactStatus", wordWrap=True)
        self.new_button = QPushButton(_("New contact"), self, objectName="newContact")
        self.new_button.setToolTip(_("Clear the form to add a contact (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_item)
        self.save_button = QPushButton(_("Save"), self, objectName="saveContact")
        # The main window's Ctrl+S calls save(); the button only says so.
        self.save_button.setToolTip(_("Save the contact (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        editor = QWidget(self)
        layout = QVBoxLayout(editor)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(area, 1)
        layout.addLayout(buttons)
        return editor

    # --- the window's contract --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list again (keeping the rows shown), and the contact unless it is being
        edited: unsaved changes are never dropped by a refresh."""
        self.model.reload()
        if self._current_id is not None and not self.form.is_modified():
            try:
                self._show(get_contact(self.ctx, self._current_id))
            except NotFound:  # gone meanwhile (an import into another window…)
                self._blank(self._filter_kind() or PartyKind.PROVIDER)

    def new_item(self) -> None:
        """A blank form for a new contact, of the kind the list shows (a provider for all)."""
        self.new_of_kind(self._filter_kind() or PartyKind.PROVIDER)

    def new_of_kind(self, kind: PartyKind) -> None:
        if self.may_leave(lambda: self._blank(kind)):
            self._blank(kind)

    def context_menu(self) -> QMenu:
        """The list's right-click menu: a new contact of each kind."""
        menu = QMenu(self)
        for kind, title in NEW_TITLES.items():
            action = menu.addAction(self._tr.gettext(title))
            action.triggered.connect(lambda _checked=False, k=kind: self.new_of_kind(k))
        return menu

    def show_item(self, item_id: int) -> None:
        """Select the contact ``item_id`` in the list and show it in the form, clearing the
        filters if they hide it. The contact being edited keeps its unsaved changes."""
        editing = item_id == self._current_id
        if not editing and not self.may_leave(lambda: self.show_item(item_id)):
            return
        try:
            party = get_contact(self.ctx, item_id)
        except NotFound as failure:
            show_failure(self, self._tr, failure)
            return
        if self._row_of(item_id, fetch=True) is None and self._filters_active():
            self._syncing = True
            try:  # one reload for both filters, not one per widget
                self.filter_edit.clear()
                self.kind_filter.setCurrentIndex(0)
            finally:
                self._syncing = False
            self._filters_changed()
        if editing:
            self._select(item_id, fetch=True)
        else:
            self._show(party)

    def save(self) -> None:
        """Send the contact to the ledger; the answer comes back through the task runner."""
        _ = self._tr.gettext
        if self._current_id is not None and not self.form.is_modified():
            self._say(_("Nothing to save."))
            self._go_on()
            return
        try:
            party = self.form.party(self._current_id)
        except Refused as refused:
            self._refused(refused)
            return
        action = create_contact if party.id is None else update_contact
        started = self.tasks.start(lambda: action(self.ctx, party), self._saved, self._refused)
        if not started:
            self._then = None
        self._say(_("Saving…") if started else _(BUSY))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()  # other views may have added contacts meanwhile

    # --- the list ---------------------------------------------------------------------------------

    def _filter_kind(self) -> PartyKind | None:
        value = self.kind_filter.currentData()
        return None if value is None else PartyKind(value)

    def _filters_active(self) -> bool:
        return bool(self.filter_edit.text().strip()) or self._filter_kind() is not None

    def _filters_changed(self) -> None:
        if self._syncing:
            return
        kind = self._filter_kind()
        filters = {} if kind is None else {KIND_FILTER: kind.value}
        self.model.set_query(
            replace(self.model.query, text=self.filter_edit.text(), filters=filters)
        )

    def _after_reset(self) -> None:
        # Only among the rows already read: a filter that hides the contact must not make
        # the view read every page looking for it.
        self._select(self._current_id, fetch=False)
        self.count_label.setText(
            self._tr.gettext("Contacts: {count}").format(count=self.model.total)
        )
        self.loaded.emit()

    def _row_of(self, contact_id: int | None, *, fetch: bool) -> int | None:
        if contact_id is None:
            return None
        if fetch:
            return self.model.row_where(lambda row: row.id == contact_id)
        for row in range(self.model.rowCount()):
            if self.model.row_value(row).id == contact_id:
                return row
        return None

    def _select(self, contact_id: int | None, *, fetch: bool) -> None:
        """Select the row of ``contact_id`` (none when it is not listed) without asking."""
        row = self._row_of(contact_id, fetch=fetch)
        self._syncing = True
        try:
            if row is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._syncing = False

    def selected_contact(self) -> ContactRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_value(rows[0].row()) if rows else None

    def _row_chosen(self) -> None:
        if self._syncing:
            return
        chosen = self.selected_contact()
        if chosen is None or chosen.id == self._current_id:
            return
        if self.may_leave(lambda: self._open(chosen.id)):
            self._open(chosen.id)
        else:
            self._select(self._current_id, fetch=False)  # stay on the contact being edited

    # --- the form ---------------------------------------------------------------------------------

    def may_leave(self, then: Callable[[], None]) -> bool:
        """Whether the form may show something else now. With unsaved changes the user
        chooses: discard them (yes), stay (no), or save first (no: ``then`` runs once the
        save has succeeded)."""
        if not self.form.is_modified():
            return True
        _ = self._tr.gettext
        if self._current_id is None:
            question = _("Save the new contact?")
        else:  # the name as stored: the one being edited may be half typed
            question = _("Save the changes to {name}?").format(name=self.title.text())
        answer = self.ask_unsaved(self, _("Unsaved changes"), question)
        if answer == Answer.Discard:
            return True
        if answer == Answer.Save:
            self._then = then
            self.save()
        return False

    def _open(self, contact_id: int) -> None:
        try:
            party = get_contact(self.ctx, contact_id)
        except NotFound as failure:
            show_failure(self, self._tr, failure)
            return
        self._show(party)

    def _show(self, party: Party) -> None:
        self._current_id = party.id
        self.form.load(party)
        self.title.setText(party.name)
        self._say("")
        self._select(party.id, fetch=True)

    def _blank(self, kind: PartyKind) -> None:
        self._current_id = None
        self.form.load(None, kind)
        self.title.setText(self._tr.gettext("New contact"))
        self._say("")
        self._select(None, fetch=False)
        self.form.setFocus()

    # --- answers ----------------------------------------------------------------------------------

    def _saved(self, party: Party) -> None:
        self._current_id = party.id
        self.form.load(party)  # as stored: identifiers compact, spaces trimmed
        self.title.setText(party.name)
        self.model.reload()
        self._select(party.id, fetch=True)
        self._say(self._tr.gettext("Saved."))
        self._go_on()

    def _go_on(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def _refused(self, failure: BaseException) -> None:
        self._then = None  # the user stays on the contact to correct it
        if not isinstance(failure, Refused):
            self._say("")
            show_failure(self, self._tr, failure)
            return
        left = self.form.show_problems(failure.problems)
        self._say(self._tr.gettext("Not saved: correct the fields in red."))
        if left:
            show_failure(self, self._tr, Refused(left))

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # --- remembered layout ------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        header = self.table.horizontalHeader()
        if not restore(COLUMNS_KEY, header.restoreState):
            # Room for « Atelier Numérique SAS », « Apporteur d'affaires », a spaced SIRET.
            for column, width in enumerate((190, 145, 140, 110)):
                header.resizeSection(column, width)
        if not restore(SPLITTER_KEY, self.splitter.restoreState):
            self.splitter.setSizes([500, 500])  # half and half: the form needs the room too
        # Connected once restored: restoring must not write back what it is reading.
        header.sectionResized.connect(self._save_layout)
        header.sortIndicatorChanged.connect(self._save_layout)
        self.splitter.splitterMoved.connect(self._save_layout)

    def _save_layout(self) -> None:
        remember(COLUMNS_KEY, self.table.horizontalHeader().saveState())
        remember(SPLITTER_KEY, self.splitter.saveState())
