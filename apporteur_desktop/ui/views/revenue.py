"""« Revenue of the month »: at month end, enter or confirm what each provider billed each
introduced client, on one sheet, and save it all at once.

The sheet opens on last month, the month users close. Each line is pre-filled with what is
expected; the user types what differs (French style « 1 250,50 » is fine), confirms, and
saves: every line goes to the ledger in one transaction, or none does. A line the agreement
does not cover is marked, and said in words under the table: revenue entered there earns
nothing (worked example B). Reading and saving run off the UI thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from html import escape

import shiboken6
from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...domain.periods import Period
from ...domain.problems import Refused
from ...formatting import money_text, month_text
from ...services.context import AppContext
from ...services.revenue_month import MonthSheet, SavedMonth, month_sheet, save_month
from ...services.wording import coverage_reason, word_notice
from ..feedback import Answer, AskUnsaved, ask_unsaved, show_failure
from ..models.revenue_sheet import (
    AGREEMENT,
    AMOUNT,
    CLIENT,
    COUNTERPARTY,
    KEYS,
    RevenueSheetModel,
    RevenueTable,
)
from ..remembered import remember, restore
from ..tasks import TaskRunner

COLUMNS_KEY = "revenue/columns"
DEFAULT_WIDTHS = {"mark": 30, "client": 190, "counterparty": 170, "agreement": 190}
DEFAULT_WIDTHS |= {"engagement": 150, "expected": 110, "amount": 120, "status": 100}
WARNINGS_SHOWN = 5  # more would push the sheet off the screen: the grid marks them all


class RevenueView(QWidget):
    """``loaded`` is emitted each time a month's sheet has been read and shown.

    ``ask_unsaved(parent, title, text)`` decides what happens to unsaved amounts when the user
    leaves the month; tests pass their own.
    """

    can_create = False
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
        self._generation = 0  # the latest read asked for: older answers are dropped
        self._pending: Period | None = None  # a read waiting for the runner to be free
        self._reading = False  # a read of the sheet is asked for and not shown yet
        self._select_after: int | None = None  # the engagement to select once shown
        self._then: Callable[[], None] | None = None  # what to do once a save has succeeded
        self._said = ""  # what to say once the sheet being read is shown (a save's outcome)
        self._shown: Period = Period.of(ctx.clock.today()) + -1  # the month users close
        self.model = RevenueSheetModel(ctx.translator, self)
        self._build_widgets()
        self._apply_look()
        self._restore_columns()
        self.model.dataChanged.connect(self._show_totals)
        self.model.modelReset.connect(self._show_totals)
        tasks.busy_changed.connect(self._busy_changed)
        self._update_buttons()
        self._load(self._shown)

    # --- building ---------------------------------------------------------------------------------

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self, objectName=name, toolTip=tip)
        button.clicked.connect(slot)
        return button

    def _build_widgets(self) -> None:
        _ = self._tr.gettext
        self.title = QLabel(_("Revenue of the month"), self, objectName="revenueTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.previous_button = self._button(
            "◀", "previousMonth", _("The month before (Ctrl+Page Up)"), lambda: self._step(-1)
        )
        self.next_button = self._button(
            "▶", "nextMonth", _("The month after (Ctrl+Page Down)"), lambda: self._step(1)
        )
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(button.sizeHint().height() + 6)
        day = QDate(self._shown.year, self._shown.month, 1)
        self.month_edit = QDateEdit(day, self, objectName="month", calendarPopup=True)
        self.month_edit.setDisplayFormat("MM/yyyy")  # a month: the day is never shown nor used
        self.month_edit.setToolTip(_("The month whose revenue is entered"))
        self.month_edit.dateChanged.connect(self._month_edited)
        self.month_name = QLabel(self, objectName="monthName")
        self.confirm_button = self._button(
            _("Confirm &all"),
            "confirmAll",
            _("Mark every pre-filled amount as confirmed, to be saved"),
            self.confirm_all,
        )
        self.save_button = self._button(
            _("&Save"), "saveButton", _("Save every line of the month at once (Ctrl+S)"), self.save
        )
        self.hint = QLabel(self, objectName="revenueHint", wordWrap=True)
        self.hint.setText(
            _(
                "Each line is pre-filled with the expected figure (grey until saved). Type what "
                "differs, confirm, then save: the whole month is saved at once."
            )
        )
        self.table = RevenueTable(self.model, self._tr, self)
        self.table.setObjectName("revenueTable")
        self.total_label = QLabel(self, objectName="monthTotal")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.problems = QLabel(self, objectName="revenueProblems", wordWrap=True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setVisible(False)
        self.status = QLabel(self, objectName="revenueStatus", wordWrap=True)
        self.warnings = QLabel(self, objectName="coverageWarnings", wordWrap=True)
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()
        for keys, step in (("Ctrl+PgUp", -1), ("Ctrl+PgDown", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self._step(step))

    def _layout(self) -> None:
        _ = self._tr.gettext
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(16)
        label = QLabel(_("&Month"), self)
        label.setBuddy(self.month_edit)
        bar.addWidget(label)
        for widget in (self.previous_button, self.month_edit, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.month_name)
        bar.addStretch(1)
        bar.addWidget(self.confirm_button)
        bar.addWidget(self.save_button)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.total_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        for widget in (self.problems, self.warnings):
            layout.addWidget(widget)
        # Reading order: the month, the actions, then the sheet.
        chain = [self.previous_button, self.month_edit, self.next_button, self.confirm_button]
        for first, second in itertools.pairwise([*chain, self.save_button, self.table]):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.table)

    def _apply_look(self) -> None:
        style = self.style()
        self.model.set_look(
            self.palette(),
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        )
        red = self.model.error_colour().name()
        self.problems.setStyleSheet(f"color: {red};")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the system switched light/dark
            self._apply_look()
        super().changeEvent(event)

    # --- the window's contract --------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: read the month again (asking first if amounts were typed and not saved)."""
        if self.may_leave(self.refresh):
            self._load(self._shown)

    def show_item(self, item_id: int) -> None:
        """Select the line of engagement ``item_id`` in the month shown."""
        if self._reading:
            self._select_after = item_id  # selected once the sheet is read
            return
        self._select(item_id)

    def has_unsaved_changes(self) -> bool:
        return self.model.is_modified()

    def shown_month(self) -> Period:
        return self._shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous() and not self.model.is_modified() and self.model.period:
            self._load(self._shown)  # revenue may have been recorded elsewhere meanwhile

    def hideEvent(self, event: QHideEvent) -> None:
        self._save_columns()
        super().hideEvent(event)

    # --- the month --------------------------------------------------------------------------------

    def go_to(self, period: Period) -> None:
        """Show ``period``, asking first what to do with unsaved amounts."""
        if period == self._shown:
            return
        if not self.may_leave(lambda: self.go_to(period)):
            self._show_month_in_picker(self._shown)
            return
        self._shown = period
        self._show_month_in_picker(period)
        self._load(period)

    def _step(self, months: int) -> None:
        self.go_to(self._shown + months)

    def _month_edited(self, day: QDate) -> None:
        self.go_to(Period(day.year(), day.month()))

    def _show_month_in_picker(self, period: Period) -> None:
        self.month_edit.blockSignals(True)
        self.month_edit.setDate(QDate(period.year, period.month, 1))
        self.month_edit.blockSignals(False)
        name = month_text(period.first_day(), self._tr.language)
        self.month_name.setText(name[:1].upper() + name[1:])

    def may_leave(self, then: Callable[[], None]) -> bool:
        """Whether the sheet may be replaced now. With unsaved amounts the user chooses:
        discard them (yes), stay (no), or save first (no: ``then`` runs once saved)."""
        if not self.model.is_modified():
            return True
        _ = self._tr.gettext
        answer = self.ask_unsaved(
            self,
            _("Unsaved changes"),
            _("Save the amounts changed for {month}?").format(
                month=month_text(self._shown.first_day(), self._tr.language)
            ),
        )
        if answer == Answer.Discard:
            return True
        if answer == Answer.Save:
            self._then = then
            self.save()
        return False

    # --- reading ----------------------------------------------------------------------------------

    def _load(self, period: Period) -> None:
        self._generation += 1
        generation, ctx = self._generation, self.ctx
        self._show_month_in_picker(period)
        self.status.setText(self._tr.gettext("Loading…"))
        started = self.tasks.start(
            lambda: month_sheet(ctx, period),
            lambda sheet: self._arrived(generation, sheet),
            self._failed,
        )
        self._pending = None if started else period
        self._reading = True
        self._update_buttons()

    def _busy_changed(self, busy: bool) -> None:
        if not shiboken6.isValid(self):
            return
        if not busy and self._pending is not None:
            self._load(self._pending)
        self._update_buttons()

    def _arrived(self, generation: int, sheet: MonthSheet) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._reading = False
        self.model.set_sheet(sheet)
        self._show_problems()
        self._show_warnings()
        said, self._said = self._said, ""
        if not sheet.lines:
            said = self._tr.gettext("No engagement billed monthly runs in this month.")
        self.status.setText(said)
        if self._select_after is not None:
            self._select(self._select_after)
            self._select_after = None
        self._update_buttons()
        self.loaded.emit()

    def _failed(self, failure: BaseException) -> None:
        if shiboken6.isValid(self):
            self._reading = False
            self.status.setText("")
            self._then = None
            show_failure(self, self._tr, failure)

    def _select(self, engagement_id: int) -> None:
        row = self.model.row_of(engagement_id)
        if row is None:
            self.status.setText(self._tr.gettext("That engagement has no line in this month."))
            return
        index = self.model.index(row, AMOUNT)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()

    # --- actions ----------------------------------------------------------------------------------

    def confirm_all(self) -> None:
        """« Confirm all »: every pre-filled amount becomes a confirmed figure, to be saved."""
        count = self.model.confirm_all()
        self.status.setText(
            self._tr.ngettext(
                "{count} line marked confirmed: save to record it.",
                "{count} lines marked confirmed: save to record them.",
                count,
            ).format(count=count)
        )
        self._update_buttons()

    def save(self) -> None:
        """« Save » (and Ctrl+S): every changed line of the month, in one transaction."""
        if self.tasks.busy or self.model.period is None:
            return
        self.table.commit_editing()
        collected = self.model.collect()
        if collected.bad_rows:
            self._then = None
            self._show_problems()
            self.table.setCurrentIndex(self.model.index(collected.bad_rows[0], AMOUNT))
            self.table.setFocus()
            return
        if not collected.entries:
            self.status.setText(self._tr.gettext("Nothing to save: no amount was changed."))
            self.model.mark_saved()
            then, self._then = self._then, None
            if then is not None:
                then()
            return
        ctx, period, entries, rows = self.ctx, self.model.period, collected.entries, collected.rows
        self.status.setText(self._tr.gettext("Saving…"))
        started = self.tasks.start(
            lambda: save_month(ctx, period, entries),
            self._saved,
            lambda failure: self._refused(failure, rows),
        )
        if started:
            self._update_buttons()

    def _saved(self, saved: SavedMonth) -> None:
        if not shiboken6.isValid(self):
            return
        tr = self.ctx.translator
        message = tr.ngettext("{count} figure saved", "{count} figures saved", saved.saved).format(
            count=saved.saved
        )
        if saved.unchanged:
            message += tr.ngettext(
                "; {count} unchanged", "; {count} unchanged", saved.unchanged
            ).format(count=saved.unchanged)
        notices = [word_notice(tr, notice) for notice in saved.notices]
        if notices:
            message += "\n" + tr.gettext("These earn nothing:") + "\n" + "\n".join(notices)
        self.status.setText(message)
        self._said = message
        self.model.mark_saved()
        then, self._then = self._then, None
        if then is not None:
            then()  # leaving the month, or reading it again: it was saved first
        else:
            self._select_after = self._current_engagement()
            self._load(self._shown)

    def _refused(self, failure: BaseException, rows: tuple[int, ...]) -> None:
        if not shiboken6.isValid(self):
            return
        self._then = None
        self.status.setText("")
        if isinstance(failure, Refused):
            left = self.model.show_problems(failure.problems, rows)
            self._show_problems()
            if not left:
                return
            failure = Refused(left)
        show_failure(self, self._tr, failure)

    def _current_engagement(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.line(index.row()).engagement_id if index.isValid() else None

    # --- what is said under the table -------------------------------------------------------------

    def _update_buttons(self, *_args: object) -> None:
        idle = not self.tasks.busy
        has_lines = self.model.rowCount() > 0
        self.save_button.setEnabled(idle and has_lines)
        self.confirm_button.setEnabled(idle and has_lines)

    def _show_totals(self, *_args: object) -> None:
        tr = self._tr
        self.total_label.setText(
            tr.gettext("Total of the month: {total}").format(
                total=money_text(self.model.total(), tr.language)
            )
        )
        self._show_problems()

    def _show_problems(self) -> None:
        """One sentence per line that cannot be saved as it is, naming the line and what an
        amount may be."""
        tr = self._tr
        example = "1 250,50" if tr.language == "fr" else "1,250.50"
        sentences = [
            tr.gettext(
                "{client} ({agreement}): {problem} — an amount is 0 or more, with at most two "
                "decimals, e.g. {example}"
            ).format(
                client=self.model.line(row).client,
                agreement=self.model.line(row).agreement,
                problem=problem,
                example=example,
            )
            for row, problem in self.model.errors()
        ]
        self.problems.setText("\n".join(sentences))
        self.problems.setVisible(bool(sentences))

    def _show_warnings(self) -> None:
        tr = self._tr
        uncovered = [line for line in self.model.lines() if line.coverage_warning]
        if not uncovered:
            self.warnings.clear()
            self.warnings.setVisible(False)
            return
        # Worded through the catalogue: French puts a narrow space before the colon.
        item = tr.gettext("{client} ({agreement}): {reason}")
        items = [
            "<li>"
            + item.format(
                client=f"<b>{escape(line.client)}</b>",
                agreement=escape(line.agreement),
                reason=escape(coverage_reason(tr, line.coverage_warning)),
            )
            + "</li>"
            for line in uncovered[:WARNINGS_SHOWN]
        ]
        more = len(uncovered) - WARNINGS_SHOWN
        if more > 0:
            text = tr.ngettext(
                "and {count} more line, marked in the sheet",
                "and {count} more lines, marked in the sheet",
                more,
            )
            items.append(f"<li>{escape(text.format(count=more))}</li>")
        heading = escape(tr.gettext("Not covered by their agreement: revenue there earns nothing."))
        self.warnings.setText(f"{heading}<ul style='margin: 0'>{''.join(items)}</ul>")
        self.warnings.setVisible(True)

    # --- remembered columns -----------------------------------------------------------------------

    def _restore_columns(self) -> None:
        header = self.table.horizontalHeader()
        if restore(COLUMNS_KEY, header.restoreState):
            return
        for column, key in enumerate(KEYS):
            self.table.setColumnWidth(column, DEFAULT_WIDTHS[key])
        # The names take the room the window gives; the figures keep theirs.
        for column in (CLIENT, COUNTERPARTY, AGREEMENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _save_columns(self) -> None:
        remember(COLUMNS_KEY, self.table.horizontalHeader().saveState())
