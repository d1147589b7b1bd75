"""« Mises en relation »: every introduction as a table or as a pipeline board, the story of
the selected one, and the steps that move it along (qualified, meeting, trial, won, lost).

The table reads a page at a time and the board a few cards per status, so 10,000
introductions stay quick. Each action asks for what it needs (a date, a trial's terms) in a
dialog that records through the task runner; afterwards the list, the board and the history
are read again and the service's warnings show under the list, without blocking.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Direction, IntroductionStatus
from ...domain.problems import NotFound
from ...formatting import date_text
from ...i18n import N_
from ...services.context import AppContext
from ...services.engagements import EngagementRow
from ...services.introductions import (
    BOARD_CARDS,
    DIRECTION_FILTER,
    STATUS_FILTER,
    IntroductionDetails,
    IntroductionRow,
    introduction_details,
    list_introductions,
    next_steps,
    pipeline_board,
    take_step,
)
from ...services.listing import ListQuery, Page
from ...services.pipeline import Recorded
from ..dialogs.engagement import Contract, DateDialog, EngagementDialog, RecordDialog, notice_text
from ..dialogs.new_introduction import NewIntroductionDialog
from ..models.invoice_table import warning_colour
from ..models.paged_table import PagedTableModel, TableColumn
from ..qt_setup import APPLICATION, ORGANISATION
from ..remembered import remember, restore
from ..tasks import TaskRunner
from ..widgets.list_table import action_button, choice_filter, filter_box, list_table
from ..widgets.pipeline_board import STATUS_NAMES, HistoryPanel, PipelineBoard, count_text

COLUMNS_KEY = "introductions/columns"
SPLITTER_KEY = "introductions/splitter"
MODE_KEY = "introductions/mode"
TABLE, BOARD = "table", "board"
DIRECTIONS = ((Direction.EARNED, N_("I introduce")), (Direction.OWED, N_("Introduced to me")))
# The steps asked with a date only; a trial asks for its terms.
STEP_ACTIONS = (
    (IntroductionStatus.QUALIFIED, "qualify", N_("&Qualify…"), N_("Mark it qualified, on a day")),
    (IntroductionStatus.MEETING, "meeting", N_("&Meeting…"), N_("Record the meeting, on a day")),
    (IntroductionStatus.WON, "won", N_("&Won…"), N_("Mark it won, on a day")),
    (IntroductionStatus.LOST, "lost", N_("&Lost…"), N_("Mark it lost, on a day")),
)


class IntroductionsView(QWidget):
    """``loaded`` is emitted each time the list or the board has been read and shown."""

    can_create = True
    board_cards = BOARD_CARDS  # cards read per column of the board
    loaded = Signal()
    open_requested = Signal(str, int)

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self._tr = ctx, tasks, ctx.translator
        self.details: IntroductionDetails | None = None
        self.dialog: RecordDialog | None = None  # the dialog opened last (tests drive it)
        self._filter_timer = QTimer(self, singleShot=True, interval=200)
        self._filter_timer.timeout.connect(self.refresh)
        self.model: PagedTableModel[IntroductionRow] = PagedTableModel(
            ctx.translator, self._columns(), self._fetch, self, decorate=self._decorate
        )
        self.buttons: list[QPushButton] = []
        self.actions_by_name: dict[str, QAction] = {}
        self._build_actions()
        self._build_widgets()
        self._restore_layout()
        tasks.busy_changed.connect(self._update_actions)
        self._update_actions()

    # --- building ---------------------------------------------------------------------------------

    def _columns(self) -> list[TableColumn[IntroductionRow]]:
        _ = self._tr.gettext
        language = self._tr.language
        return [
            TableColumn(N_("Client"), lambda r: r.client, sort="client"),
            TableColumn(N_("Provider / introducer"), lambda r: r.counterparty, sort="counterparty"),
            TableColumn(N_("Agreement"), lambda r: r.agreement, sort="agreement"),
            TableColumn(N_("Date"), lambda r: date_text(r.introduced_on, language), sort="date"),
            TableColumn(N_("Status"), lambda r: _(STATUS_NAMES[r.status]), sort="status"),
            TableColumn(
                N_("Last step"), lambda r: date_text(r.status_on, language), sort="last_step"
            ),
        ]

    def _fetch(self, query: ListQuery, offset: int, limit: int) -> Page[IntroductionRow]:
        return list_introductions(self.ctx, query, offset, limit)

    def _decorate(self, row: IntroductionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.status is IntroductionStatus.LOST:
            return self.palette().placeholderText()  # a lost one steps back, in either theme
        return None

    def _action(self, name: str, text: str, tip: str, slot: Callable[[], None]) -> QAction:
        action, button = action_button(self, name, text, tip, slot)
        self.buttons.append(button)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        _ = self._tr.gettext
        self.new_action = self._action(
            "newIntroduction",
            _("&New introduction…"),
            _("Record a new introduction (Ctrl+N)"),
            self.new_item,
        )
        for status, name, text, tip in STEP_ACTIONS[:2]:
            self._action(name, _(text), _(tip), lambda _checked=False, s=status: self.take_step(s))
        self._action("trial", _("&Trial…"), _("Record a trial contract"), self.record_trial)
        self._action(
            "convert",
            _("&Convert to long-term…"),
            _("Record the long-term contract that follows the trial"),
            self.convert,
        )
        for status, name, text, tip in STEP_ACTIONS[2:]:
            self._action(name, _(text), _(tip), lambda _checked=False, s=status: self.take_step(s))

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
            "introductionFilter",
            _("Client, partner, agreement or note"),
            _("Show only the introductions that mention this"),
        )
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.status_filter = choice_filter(
            self,
            "statusFilter",
            _("Show only the introductions at this step"),
            [(_("All steps"), ""), *((_(n), s.value) for s, n in STATUS_NAMES.items())],
        )
        self.direction_filter = choice_filter(
            self,
            "directionFilter",
            _("Introductions I make, or made to me"),
            [(_("Both directions"), ""), *((_(n), d.value) for d, n in DIRECTIONS)],
        )
        for combo in (self.status_filter, self.direction_filter):
            combo.currentIndexChanged.connect(self.refresh)
        self.count_label = QLabel(self, objectName="introductionCount")
        self.table_button = QPushButton(_("Table"), self, objectName="tableMode", checkable=True)
        self.table_button.setToolTip(_("Show the introductions as a list"))
        self.board_button = QPushButton(_("Board"), self, objectName="boardMode", checkable=True)
        self.board_button.setToolTip(_("Show the pipeline: one column per step"))
        self.mode_group = QButtonGroup(self)
        for button in (self.table_button, self.board_button):
            self.mode_group.addButton(button)
        self.table_button.clicked.connect(lambda: self.set_mode(TABLE))
        self.board_button.clicked.connect(lambda: self.set_mode(BOARD))
        filters = QHBoxLayout()
        buddy = QLabel(_("Fi&lter:"), self)
        buddy.setBuddy(self.filter_edit)
        filters.addWidget(buddy)
        filters.addWidget(self.filter_edit, 2)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.direction_filter)
        filters.addWidget(self.count_label, 1)
        filters.addWidget(self.table_button)
        filters.addWidget(self.board_button)

        self.table = self._build_table()
        self.board = PipelineBoard(self._tr, self)
        self.board.selected.connect(self._board_chosen)
        self.board.more_requested.connect(self._show_status_in_table)
        self.board.menu_requested.connect(lambda at: self.context_menu().popup(at))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.board)
        self.history = HistoryPanel(self._tr, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="introductionsSplit")
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.history)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._save_layout)
        self.message = QLabel(self, objectName="introductionMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        chain = [*self.buttons, self.filter_edit, self.status_filter, self.direction_filter]
        chain += [self.table_button, self.board_button, self.table]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.table)

    def _build_table(self) -> QTableView:
        widths = (160, 170, 110, 85, 95, 90)
        table = list_table(self, "introductionTable", self.model, widths, self.context_menu)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)  # a click on a heading sorts (the service does)
        header.setSortIndicator(3, Qt.SortOrder.DescendingOrder)  # newest first
        header.sectionResized.connect(self._save_layout)
        header.sortIndicatorChanged.connect(self._sorted)
        table.selectionModel().selectionChanged.connect(self._table_chosen)
        self.model.modelReset.connect(self._table_reset)
        return table

    # --- the window's contract --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list (or the board) and the selected introduction again."""
        self._filter_timer.stop()
        query = self.query()
        if self.mode == BOARD:
            board_query = replace(query, filters=self._filters(False))
            board = pipeline_board(self.ctx, board_query, self.board_cards)
            self.board.show_board(board, self.details.row.id if self.details else None)
            total = sum(board.counts.values())
        else:
            self.model.set_query(query)
            total = self.model.total
        self.count_label.setText(
            self._tr.gettext("Introductions: {count}").format(
                count=count_text(total, self._tr.language)
            )
        )
        self._load_details(self.details.row.id if self.details else None)
        self.loaded.emit()

    def new_item(self) -> None:
        self._open(NewIntroductionDialog, self._introduced, self.ctx, self.tasks)

    def show_item(self, item_id: int) -> None:
        """Select the introduction ``item_id``, clearing the filters that would hide it."""
        self.filter_edit.setText("")
        self.status_filter.setCurrentIndex(0)
        self.direction_filter.setCurrentIndex(0)
        self.refresh()
        self._select(item_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()  # other views may have changed the pipeline meanwhile

    # --- the query, the mode, the selection ------------------------------------------------------

    @property
    def mode(self) -> str:
        return BOARD if self.board_button.isChecked() else TABLE

    def set_mode(self, mode: str) -> None:
        (self.board_button if mode == BOARD else self.table_button).setChecked(True)
        self.stack.setCurrentWidget(self.board if mode == BOARD else self.table)
        self.status_filter.setEnabled(mode != BOARD)  # the board shows every step side by side
        QSettings(ORGANISATION, APPLICATION).setValue(MODE_KEY, mode)
        self.refresh()

    def _filters(self, with_status: bool = True) -> dict[str, str]:
        filters = {DIRECTION_FILTER: self.direction_filter.currentData() or ""}
        if with_status:
            filters[STATUS_FILTER] = self.status_filter.currentData() or ""
        return {key: value for key, value in filters.items() if value}

    def query(self) -> ListQuery:
        header = self.table.horizontalHeader()
        column = self.model.columns[header.sortIndicatorSection()]
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        return ListQuery(self.filter_edit.text(), self._filters(), column.sort, descending)

    def _sorted(self) -> None:
        self._save_layout()
        if self.mode == TABLE:
            self.refresh()

    def selected_row(self) -> IntroductionRow | None:
        return self.details.row if self.details is not None else None

    def _table_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._load_details(self.model.row_value(rows[0].row()).id if rows else None)

    def _board_chosen(self, introduction_id: int) -> None:
        self._load_details(introduction_id or None)

    def _table_reset(self) -> None:
        if self.details is not None and self.mode == TABLE:
            self._select_in_table(self.details.row.id)

    def _select(self, introduction_id: int) -> None:
        if self.mode == BOARD:
            self.board.select(introduction_id)
        else:
            self._select_in_table(introduction_id)
        self._load_details(introduction_id)

    def _select_in_table(self, introduction_id: int) -> None:
        row = self.model.row_where(lambda r: r.id == introduction_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _load_details(self, introduction_id: int | None) -> None:
        details = None
        if introduction_id is not None:
            try:
                details = introduction_details(self.ctx, introduction_id)
            except NotFound:  # gone meanwhile (a restored backup): nothing to show
                details = None
        self.details = details
        self.history.show_details(details)
        self._update_actions()

    def _show_status_in_table(self, status: str) -> None:
        self.status_filter.blockSignals(True)
        self.status_filter.setCurrentIndex(self.status_filter.findData(status))
        self.status_filter.blockSignals(False)
        self.set_mode(TABLE)

    # --- actions ----------------------------------------------------------------------------------

    def convertible_trial(self) -> EngagementRow | None:
        """The trial of the selected introduction that no long-term contract converts yet."""
        if self.details is None or self.details.row.status is IntroductionStatus.LOST:
            return None
        return next((e for e in self.details.engagements if e.can_convert), None)

    def _update_actions(self) -> None:
        row = self.selected_row()
        idle = not self.tasks.busy
        steps = next_steps(row.status) if row is not None else ()
        for status, name, _text, _tip in STEP_ACTIONS:
            self.actions_by_name[name].setEnabled(idle and status in steps)
        self.actions_by_name["trial"].setEnabled(idle and IntroductionStatus.TRIAL in steps)
        self.actions_by_name["convert"].setEnabled(idle and self.convertible_trial() is not None)
        self.new_action.setEnabled(idle)

    def context_menu(self) -> QMenu:
        menu = QMenu(self, objectName="introductionMenu")
        steps = [a for name, a in self.actions_by_name.items() if name != "newIntroduction"]
        menu.addActions(steps)
        menu.addSeparator()
        menu.addAction(self.new_action)
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def take_step(self, status: IntroductionStatus) -> None:
        row = self.selected_row()
        if row is None or status not in next_steps(row.status):
            return
        _ = self._tr.gettext
        name = _(STATUS_NAMES[status])
        ctx, introduction_id = self.ctx, row.id
        self._open(
            DateDialog,
            self._recorded,
            self.ctx,
            self.tasks,
            _("Step « {step} »").format(step=name),
            f"{row.client} — {row.counterparty}",
            _("Record the step"),
            lambda day: take_step(ctx, introduction_id, status, day),
            _("&Date:"),
        )

    def record_trial(self) -> None:
        row = self.selected_row()
        if row is not None and self.actions_by_name["trial"].isEnabled():
            self._open(EngagementDialog, self._recorded, self.ctx, self.tasks, Contract.TRIAL, row)

    def convert(self) -> None:
        trial = self.convertible_trial()
        if trial is not None:
            self._open(
                EngagementDialog, self._recorded, self.ctx, self.tasks, Contract.CONVERSION, trial
            )

    def _open(self, kind: type[RecordDialog], done: Callable[[Any], None], *args: Any) -> None:
        self.dialog = kind.start(self, done, *args)

    def _introduced(self, introduction: Any) -> None:
        self.message.clear()
        self.details = None
        self.refresh()
        self._select(introduction.id)

    def _recorded(self, result: Any) -> None:
        """A step or a contract is saved: read everything again, then say what to know."""
        keep = self.details.row.id if self.details else None
        agreement = self.details.row.agreement if self.details else ""
        self.refresh()
        if keep is not None:
            self._select(keep)
        notices = result.notices if isinstance(result, Recorded) else ()
        self._say_notices([notice_text(self._tr, notice, agreement) for notice in notices])

    def _say_notices(self, lines: list[str]) -> None:
        palette = self.message.palette()
        palette.setColor(palette.ColorRole.WindowText, warning_colour(self.palette()))
        self.message.setPalette(palette)
        self.message.setText("\n".join(f"⚠ {line}" for line in lines))

    # --- remembered layout ------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        restore(COLUMNS_KEY, self.table.horizontalHeader().restoreState)
        if not restore(SPLITTER_KEY, self.splitter.restoreState):
            self.splitter.setSizes([780, 220])
        mode = QSettings(ORGANISATION, APPLICATION).value(MODE_KEY)
        (self.board_button if mode == BOARD else self.table_button).setChecked(True)
        self.stack.setCurrentWidget(self.board if mode == BOARD else self.table)
        self.status_filter.setEnabled(mode != BOARD)

    def _save_layout(self) -> None:
        remember(COLUMNS_KEY, self.table.horizontalHeader().saveState())
        remember(SPLITTER_KEY, self.splitter.saveState())
