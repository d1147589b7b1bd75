"""« Contrats clients »: every engagement born of an introduction — trials, long-term and
one-off contracts — filtered by kind and by whether it runs today, and what to do with one:
record a new contract, convert a trial, record that the client left.

A row the agreement pays nothing on carries a warning sign, and its tooltip says why (worked
example B: a long-term contract under an agreement that covers the trial only).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QRadioButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import IntroductionStatus
from ...formatting import date_text
from ...i18n import N_
from ...services.context import AppContext
from ...services.engagements import KIND_FILTER, STATE_FILTER, EngagementRow, list_engagements
from ...services.introductions import IntroductionRow, list_introductions
from ...services.listing import ListQuery, Page
from ...services.pipeline import Recorded, record_client_left
from ...services.wording import coverage_reason
from ..dialogs.engagement import Contract, DateDialog, EngagementDialog, RecordDialog, notice_text
from ..models.invoice_table import warning_colour
from ..models.paged_table import PagedTableModel, TableColumn
from ..remembered import remember, restore
from ..tasks import TaskRunner
from ..widgets.list_table import action_button, choice_filter, filter_box, list_table
from ..widgets.pipeline_board import KIND_NAMES, STATE_NAMES, STATUS_NAMES, amount_text, count_text

COLUMNS_KEY = "engagements/columns"
STATE_FILTERS = (
    ("active", N_("Ongoing")),
    ("upcoming", N_("Upcoming")),
    ("ended", N_("Ended")),
)
NEW_KINDS = (
    (Contract.TRIAL, N_("Trial")),
    (Contract.LONG_TERM, N_("Long-term contract")),
    (Contract.ONE_OFF, N_("One-off contract")),
)
CHOICES = 50  # introductions listed when choosing one for a new contract


class ChooseIntroductionDialog(QDialog):
    """The first step of « Nouveau contrat… »: which introduction, which kind of contract."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="chooseIntroductionDialog")
        self.ctx = ctx
        _ = ctx.translator.gettext
        self.setWindowTitle(_("New client contract"))
        self.search = QLineEdit(self, objectName="introductionSearch", clearButtonEnabled=True)
        self.search.setPlaceholderText(_("Client, partner or agreement"))
        self.search.textChanged.connect(self._find)
        self.found = QListWidget(self, objectName="introductionChoices")
        self.found.itemDoubleClicked.connect(lambda _item: self.accept())
        self.found.currentRowChanged.connect(lambda _row: self._update())
        self.kinds: dict[Contract, QRadioButton] = {}
        kinds = QHBoxLayout()
        for contract, name in NEW_KINDS:
            button = QRadioButton(_(name), self, objectName=f"kind_{contract.value}")
            kinds.addWidget(button)
            self.kinds[contract] = button
        kinds.addStretch(1)
        self.kinds[Contract.LONG_TERM].setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Next…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        buddy = QLabel(_("&Introduction:"), self)
        buddy.setBuddy(self.search)
        layout = QVBoxLayout(self)
        layout.addWidget(buddy)
        layout.addWidget(self.search)
        layout.addWidget(self.found, 1)
        layout.addWidget(QLabel(_("Kind of contract:"), self))
        layout.addLayout(kinds)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        self._find("")

    def _find(self, text: str) -> None:
        """The most recent introductions that mention ``text`` and can still sign a contract."""
        _ = self.ctx.translator.gettext
        self.found.clear()
        rows = list_introductions(self.ctx, ListQuery(text=text), 0, CHOICES).rows
        for row in rows:
            if row.status is IntroductionStatus.LOST:
                continue
            text = _("{client} — {counterparty} ({agreement}, {status})").format(
                client=row.client,
                counterparty=row.counterparty,
                agreement=row.agreement,
                status=_(STATUS_NAMES[row.status]).lower(),
            )
            item = QListWidgetItem(text, self.found)
            item.setData(Qt.ItemDataRole.UserRole, row)
        self.found.setCurrentRow(0)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> tuple[IntroductionRow, Contract] | None:
        item = self.found.currentItem()
        if item is None:
            return None
        contract = next(c for c, button in self.kinds.items() if button.isChecked())
        return item.data(Qt.ItemDataRole.UserRole), contract


class EngagementsView(QWidget):
    """``loaded`` is emitted each time the list has been read and shown; ``open_requested``
    asks the window to show the introduction of the selected contract."""

    can_create = True
    loaded = Signal()
    open_requested = Signal(str, int)

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self._tr = ctx, tasks, ctx.translator
        self.dialog: QDialog | None = None  # the dialog opened last (tests drive it)
        self._keep: int | None = None  # the engagement to select again after a reload
        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(self.refresh)
        self.model: PagedTableModel[EngagementRow] = PagedTableModel(
            ctx.translator, self._columns(), self._fetch, self, decorate=self._decorate
        )
        self.buttons: list[QPushButton] = []
        _ = self._tr.gettext
        self.new_action = self._action(
            "newEngagement",
            _("&New contract…"),
            _("Record a contract for an introduction (Ctrl+N)"),
            self.new_item,
        )
        self.convert_action = self._action(
            "convert",
            _("&Convert to long-term…"),
            _("Record the long-term contract that follows the selected trial"),
            self.convert,
        )
        self.left_action = self._action(
            "clientLeft",
            _("&End of contract (client left)…"),
            _("Record the day the client left: within the clawback window, commissions reverse"),
            self.client_left,
        )
        self.open_action = self._action(
            "openIntroduction",
            _("Open the &introduction"),
            _("Show the introduction this contract was born of"),
            self.open_introduction,
        )
        self._build_widgets()
        self._restore_columns()
        tasks.busy_changed.connect(self._update_actions)
        self._update_actions()

    # --- building ---------------------------------------------------------------------------------

    def _columns(self) -> list[TableColumn[EngagementRow]]:
        _ = self._tr.gettext
        language = self._tr.language

        def day(value: Any) -> str:
            return date_text(value, language) if value is not None else ""

        return [
            TableColumn(N_("Client"), lambda r: r.client, sort="client"),
            TableColumn(N_("Provider / introducer"), lambda r: r.counterparty, sort="counterparty"),
            TableColumn(N_("Agreement"), lambda r: r.agreement, sort="agreement"),
            TableColumn(N_("Kind"), lambda r: _(KIND_NAMES[r.kind]), sort="kind"),
            TableColumn(N_("Start"), lambda r: day(r.start), sort="start"),
            TableColumn(N_("End"), lambda r: day(r.end), sort="end"),
            TableColumn(N_("Amount"), lambda r: amount_text(self._tr, r), "amount", amount=True),
            TableColumn(N_("State"), lambda r: _(STATE_NAMES[r.state])),
        ]

    def _fetch(self, query: ListQuery, offset: int, limit: int) -> Page[EngagementRow]:
        return list_engagements(self.ctx, query, offset, limit)

    def _decorate(self, row: EngagementRow, column: int, role: int) -> Any:
        if row.not_covered and role == Qt.ItemDataRole.ToolTipRole:
            return coverage_reason(self._tr, row.not_covered)
        if row.not_covered and role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ForegroundRole and row.state in ("ended", "left"):
            return self.palette().placeholderText()
        return None

    def _action(self, name: str, text: str, tip: str, slot: Callable[[], None]) -> QAction:
        action, button = action_button(self, name, text, tip, slot)
        self.buttons.append(button)
        return action

    def _build_widgets(self) -> None:
        _ = self._tr.gettext
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.buttons[0])
        toolbar.addSpacing(12)
        for button in self.buttons[1:]:
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        self.filter_edit = filter_box(
            self,
            "engagementFilter",
            _("Client, partner, agreement or label"),
            _("Show only the contracts that mention this"),
        )
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.kind_filter = choice_filter(
            self,
            "kindFilter",
            _("Show only the contracts of this kind"),
            [(_("All contract kinds"), ""), *((_(n), k.value) for k, n in KIND_NAMES.items())],
        )
        self.state_filter = choice_filter(
            self,
            "stateFilter",
            _("Show only the contracts running today, to come, or ended"),
            [(_("Any state"), ""), *((_(name), state) for state, name in STATE_FILTERS)],
        )
        for combo in (self.kind_filter, self.state_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.count_label = QLabel(self, objectName="engagementCount")
        filters = QHBoxLayout()
        buddy = QLabel(_("Fi&lter:"), self)
        buddy.setBuddy(self.filter_edit)
        filters.addWidget(buddy)
        filters.addWidget(self.filter_edit, 2)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.count_label, 1)
        self.table = self._build_table()
        self.message = QLabel(self, objectName="engagementMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        chain = [*self.buttons, self.filter_edit, self.kind_filter, self.state_filter, self.table]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.table)

    def _build_table(self) -> QTableView:
        widths = (170, 170, 110, 95, 85, 85, 130)
        table = list_table(self, "engagementTable", self.model, widths, self.context_menu)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)  # a click on a heading sorts (the service does)
        header.setSortIndicator(4, Qt.SortOrder.DescendingOrder)  # latest start first
        header.sectionResized.connect(self._save_columns)
        header.sortIndicatorChanged.connect(self._sorted)
        table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._reselect)
        table.activated.connect(self.open_introduction)
        return table

    # --- the window's contract --------------------------------------------------------------------

    def refresh(self) -> None:
        self._filter_timer.stop()
        self.model.set_query(self.query())
        self.count_label.setText(
            self._tr.gettext("Contracts: {count}").format(
                count=count_text(self.model.total, self._tr.language)
            )
        )
        self._update_actions()
        self.loaded.emit()

    def new_item(self) -> None:
        chooser = ChooseIntroductionDialog(self.ctx, self)
        chooser.accepted.connect(lambda: self._chosen(chooser))
        chooser.finished.connect(chooser.deleteLater)
        self.dialog = chooser
        chooser.open()

    def show_item(self, item_id: int) -> None:
        """Select the contract ``item_id``, clearing the filters that would hide it."""
        for combo in (self.kind_filter, self.state_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.filter_edit.setText("")
        self._keep = item_id
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def query(self) -> ListQuery:
        header = self.table.horizontalHeader()
        column = self.model.columns[header.sortIndicatorSection()]
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        filters = {
            KIND_FILTER: self.kind_filter.currentData(),
            STATE_FILTER: self.state_filter.currentData(),
        }
        chosen = {key: value for key, value in filters.items() if value}
        return ListQuery(self.filter_edit.text(), chosen, column.sort, descending)

    def _sorted(self) -> None:
        self._save_columns()
        self.refresh()

    # --- selection --------------------------------------------------------------------------------

    def selected(self) -> EngagementRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_value(rows[0].row()) if rows else None

    def _remember(self) -> None:
        selected = self.selected()
        if self._keep is None and selected is not None:
            self._keep = selected.id

    def _reselect(self) -> None:
        keep, self._keep = self._keep, None
        if keep is None:
            return
        row = self.model.row_where(lambda r: r.id == keep)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _update_actions(self) -> None:
        row = self.selected()
        idle = not self.tasks.busy
        self.new_action.setEnabled(idle)
        self.convert_action.setEnabled(idle and row is not None and row.can_convert)
        self.left_action.setEnabled(idle and row is not None and row.can_end)
        self.open_action.setEnabled(row is not None)

    def context_menu(self) -> QMenu:
        menu = QMenu(self, objectName="engagementMenu")
        menu.addActions([self.convert_action, self.left_action, self.open_action])
        menu.addSeparator()
        menu.addAction(self.new_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    # --- actions ----------------------------------------------------------------------------------

    def _chosen(self, chooser: ChooseIntroductionDialog) -> None:
        chosen = chooser.chosen()
        if chosen is not None:
            introduction, contract = chosen
            self._open(EngagementDialog, self.ctx, self.tasks, contract, introduction)

    def convert(self) -> None:
        row = self.selected()
        if row is not None and row.can_convert:
            self._open(EngagementDialog, self.ctx, self.tasks, Contract.CONVERSION, row)

    def client_left(self) -> None:
        row = self.selected()
        if row is None or not row.can_end:
            return
        _ = self._tr.gettext
        ctx, engagement_id = self.ctx, row.id
        self._open(
            DateDialog,
            self.ctx,
            self.tasks,
            _("The client left"),
            f"{row.client} — {row.counterparty}, {_(KIND_NAMES[row.kind]).lower()}",
            _("Record the end"),
            lambda day: record_client_left(ctx, engagement_id, day),
            _("&Left on:"),
        )

    def open_introduction(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_requested.emit("introductions", row.introduction_id)

    def _open(self, kind: type[RecordDialog], *args: Any) -> None:
        self.dialog = kind.start(self, self._recorded, *args)

    def _recorded(self, result: Any) -> None:
        """Saved: read the list again with what was recorded selected, say what to know."""
        notices = result.notices if isinstance(result, Recorded) else ()
        if isinstance(result, Recorded):
            self._keep = result.engagement.id
        self.refresh()
        row = self.selected()
        agreement = row.agreement if row is not None else ""
        lines = [notice_text(self._tr, notice, agreement) for notice in notices]
        palette = self.message.palette()
        palette.setColor(palette.ColorRole.WindowText, warning_colour(self.palette()))
        self.message.setPalette(palette)
        self.message.setText("\n".join(f"⚠ {line}" for line in lines))

    # --- remembered columns ---------------------------------------------------------------------

    def _restore_columns(self) -> None:
        restore(COLUMNS_KEY, self.table.horizontalHeader().restoreState)

    def _save_columns(self) -> None:
        remember(COLUMNS_KEY, self.table.horizontalHeader().saveState())
