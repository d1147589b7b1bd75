"""The pipeline as a board — one column per status, each listing its most recent cards — and
the panel that tells one introduction's story: its steps with their dates, its contracts.

The board shows what the service hands it (a few cards per status and the count of each):
a column of 4,000 introductions shows its first cards and « … et 3 950 autres », which opens
the list filtered on that status. Nothing here reads the ledger.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel.numbers import format_decimal
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import EngagementKind, IntroductionStatus
from ...formatting import date_text, locale_of, money_text
from ...i18n import N_, Translator
from ...services.engagements import EngagementRow
from ...services.introductions import PIPELINE, Board, IntroductionDetails, IntroductionRow
from ...services.wording import coverage_reason

STATUS_NAMES: Mapping[IntroductionStatus, str] = {
    IntroductionStatus.INTRODUCED: N_("Introduced"),
    IntroductionStatus.QUALIFIED: N_("Qualified"),
    IntroductionStatus.MEETING: N_("Meeting"),
    IntroductionStatus.TRIAL: N_("Trial"),
    IntroductionStatus.WON: N_("Won"),
    IntroductionStatus.LOST: N_("Lost"),
}
KIND_NAMES: Mapping[EngagementKind, str] = {
    EngagementKind.TRIAL: N_("Trial"),
    EngagementKind.LONG_TERM: N_("Long-term"),
    EngagementKind.ONE_OFF: N_("One-off"),
}
STATE_NAMES: Mapping[str, str] = {
    "upcoming": N_("upcoming"),
    "active": N_("ongoing"),
    "ended": N_("ended"),
    "left": N_("client left"),
}
INTRODUCTION_ROLE = Qt.ItemDataRole.UserRole
MORE_ROLE = Qt.ItemDataRole.UserRole + 1  # on the « … and N more » line: its status
CARD_ROLE = Qt.ItemDataRole.UserRole + 2  # (client, counterparty, date): a card's three lines
COLUMN_MINIMUM = 104  # narrower than this, the board scrolls sideways


def count_text(count: int, language: str) -> str:
    """« 3 950 » in French, « 3,950 » in English."""
    return format_decimal(count, locale=locale_of(language))


def amount_text(tr: Translator, row: EngagementRow) -> str:
    """« 1 200,00 € / mois » for a monthly fee, the contract value of a one-off as it is."""
    if row.amount is None:
        return ""
    money = money_text(row.amount, tr.language)
    if row.kind is EngagementKind.ONE_OFF:
        return money
    return tr.gettext("{amount} / month").format(amount=money)


def engagement_summary(tr: Translator, row: EngagementRow) -> str:
    """One line: kind, dates, amount and state, e.g.
    « Essai, 01/01/2026 → 31/01/2026, 800,00 € / mois, terminé »."""
    language = tr.language
    dates = date_text(row.start, language)
    if row.end is not None:
        dates += " → " + date_text(row.end, language)
    parts = [tr.gettext(KIND_NAMES[row.kind]), dates, amount_text(tr, row)]
    parts.append(tr.gettext(STATE_NAMES[row.state]))
    return ", ".join(part for part in parts if part)


class CardDelegate(QStyledItemDelegate):
    """Draws a card: the client in bold, then the counterparty and the date, each line cut
    with « … » rather than wrapped, in a rounded frame of the palette's colours."""

    PADDING = 6
    MARGIN = 3

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        lines = 3 if index.data(CARD_ROLE) else 1
        height = lines * option.fontMetrics.height() + 2 * (self.PADDING + self.MARGIN)
        return QSize(COLUMN_MINIMUM, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        card = index.data(CARD_ROLE)
        if not card:
            super().paint(painter, option, index)
            return
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(2, self.MARGIN, -2, -self.MARGIN)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid)))
        painter.setBrush(palette.highlight() if selected else palette.base())
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(text_role))
        inner = rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        line_height = option.fontMetrics.height()
        for number, text in enumerate(card):
            font = QFont(option.font)
            font.setBold(number == 0)
            painter.setFont(font)
            metrics = QFontMetrics(font)
            line = QRect(
                inner.left(), inner.top() + number * line_height, inner.width(), line_height
            )
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(
                line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
            )
        painter.restore()


class ElidedLabel(QLabel):
    """A one-line label that ends with « … » when its column is too narrow for it."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(self.alignment()), text)


class BoardColumn(QFrame):
    """One status: its heading with the count, and its cards."""

    def __init__(self, tr: Translator, status: IntroductionStatus, parent: QWidget) -> None:
        super().__init__(parent, objectName=f"column_{status.value}")
        self.tr, self.status = tr, status
        _ = tr.gettext
        self.setFrameShape(QFrame.Shape.StyledPanel)
        name = _(STATUS_NAMES[status])
        self.heading = ElidedLabel(name, self, objectName=f"heading_{status.value}")
        self.heading.setToolTip(name)
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        # The count apart from the name, right-aligned: a narrow column never cuts it off.
        self.count = QLabel(self, objectName=f"count_{status.value}")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.count.setFont(font)
        title = QHBoxLayout()
        title.setContentsMargins(2, 0, 2, 0)
        title.addWidget(self.heading, 1)
        title.addWidget(self.count)
        self.cards = QListWidget(self, objectName=f"cards_{status.value}")
        self.cards.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cards.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards.setFrameShape(QFrame.Shape.NoFrame)
        self.cards.setItemDelegate(CardDelegate(self.cards))
        self.cards.setBackgroundRole(QPalette.ColorRole.Window)  # cards stand on the window
        self.cards.setMinimumWidth(COLUMN_MINIMUM)
        self.cards.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(title)
        layout.addWidget(self.cards, 1)

    def fill(self, cards: tuple[IntroductionRow, ...], count: int) -> None:
        _ = self.tr.gettext
        self.count.setText(count_text(count, self.tr.language))
        self.count.setToolTip(_("Introductions at this step: {count}").format(count=count))
        self.cards.clear()
        for row in cards:
            day = date_text(row.status_on, self.tr.language)
            item = QListWidgetItem(f"{row.client} — {row.counterparty}, {day}", self.cards)
            item.setData(INTRODUCTION_ROLE, row.id)
            item.setData(CARD_ROLE, (row.client, row.counterparty, day))
            tip = _("Agreement « {agreement} », introduced on {date}").format(
                agreement=row.agreement, date=date_text(row.introduced_on, self.tr.language)
            )
            item.setToolTip(tip + (f"\n{row.notes}" if row.notes else ""))
        more = count - len(cards)
        if more > 0:
            more_text = _("… and {count} more").format(count=count_text(more, self.tr.language))
            item = QListWidgetItem(more_text, self.cards)
            item.setData(MORE_ROLE, self.status.value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: a link to the list
            item.setToolTip(_("Show all of them in the table"))
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)


class PipelineBoard(QWidget):
    """``selected(id)`` when a card is chosen (0: none), ``more_requested(status)`` when the
    « … and N more » line is clicked, ``menu_requested(global point)`` on a right-click."""

    selected = Signal(int)
    more_requested = Signal(str)
    menu_requested = Signal(QPoint)

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tr = tr
        inside = QWidget(self)
        self.columns = {status: BoardColumn(tr, status, inside) for status in PIPELINE}
        row = QHBoxLayout(inside)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        # Narrow windows scroll sideways rather than squeeze the cards unreadable.
        area = QScrollArea(self, objectName="boardArea", widgetResizable=True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(inside)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area)
        for column in self.columns.values():
            row.addWidget(column, 1)
            column.cards.itemSelectionChanged.connect(
                lambda c=column: self._chosen(c)  # type: ignore[misc]
            )
            column.cards.itemClicked.connect(self._clicked)
            column.cards.customContextMenuRequested.connect(
                lambda at, c=column: self._menu(c, at)  # type: ignore[misc]
            )

    def show_board(self, board: Board, selected: int | None = None) -> bool:
        """Show ``board`` with the card of ``selected`` selected; False when the board does
        not show that card (it may be beyond the cards read)."""
        for status, column in self.columns.items():
            column.cards.blockSignals(True)
            column.fill(board.cards[status], board.counts[status])
            column.cards.blockSignals(False)
        if selected is None:
            return False
        for column in self.columns.values():
            column.cards.blockSignals(True)
        found = self.select(selected)
        for column in self.columns.values():
            column.cards.blockSignals(False)
        return found

    def selected_id(self) -> int | None:
        for column in self.columns.values():
            for item in column.cards.selectedItems():
                return int(item.data(INTRODUCTION_ROLE))
        return None

    def select(self, introduction_id: int) -> bool:
        """Select the card of ``introduction_id``; False when the board does not show it."""
        for column in self.columns.values():
            for row in range(column.cards.count()):
                item = column.cards.item(row)
                if item.data(INTRODUCTION_ROLE) == introduction_id:
                    column.cards.setCurrentItem(item)
                    item.setSelected(True)
                    column.cards.scrollToItem(item)
                    return True
        return False

    def card_texts(self, status: IntroductionStatus) -> list[str]:
        cards = self.columns[status].cards
        return [cards.item(row).text() for row in range(cards.count())]

    def _chosen(self, column: BoardColumn) -> None:
        if not column.cards.selectedItems():
            if self.selected_id() is None:
                self.selected.emit(0)
            return
        for other in self.columns.values():  # one card selected on the whole board
            if other is not column:
                other.cards.blockSignals(True)
                other.cards.clearSelection()
                other.cards.blockSignals(False)
        self.selected.emit(self.selected_id() or 0)

    def _clicked(self, item: QListWidgetItem) -> None:
        status = item.data(MORE_ROLE)
        if status:
            self.more_requested.emit(str(status))

    def _menu(self, column: BoardColumn, at: QPoint) -> None:
        item = column.cards.itemAt(at)
        if item is not None and item.data(INTRODUCTION_ROLE) is not None:
            column.cards.setCurrentItem(item)
            self.menu_requested.emit(column.cards.viewport().mapToGlobal(at))


class HistoryPanel(QWidget):
    """One introduction: who, under which agreement, each step with its date, its contracts."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="historyPanel")
        self.tr = tr
        _ = tr.gettext
        self.title = QLabel(self, objectName="historyTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.summary = QLabel(self, objectName="historySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps = QTreeWidget(self, objectName="historySteps")
        self.steps.setHeaderLabels([_("Date"), _("Step")])
        self.steps.setRootIsDecorated(False)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.contracts = QListWidget(self, objectName="historyContracts")
        self.contracts.setWordWrap(True)
        steps_label = QLabel(_("History"), self)
        contracts_label = QLabel(_("Client contracts"), self)
        for label in (steps_label, contracts_label):
            label.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addSpacing(6)
        layout.addWidget(steps_label)
        layout.addWidget(self.steps, 3)
        layout.addWidget(contracts_label)
        layout.addWidget(self.contracts, 2)
        self.show_details(None)

    def show_details(self, details: IntroductionDetails | None) -> None:
        _ = self.tr.gettext
        language = self.tr.language
        self.steps.clear()
        self.contracts.clear()
        if details is None:
            self.title.setText(_("No introduction selected"))
            self.summary.setText(_("Select an introduction to see its history."))
            return
        row = details.row
        self.title.setText(f"{row.client} — {row.counterparty}")
        lines = [_("Agreement « {agreement} »").format(agreement=row.agreement)]
        if row.notes:
            lines.append(row.notes)
        self.summary.setText("\n".join(lines))
        # The introduction itself is the first step, unless its history says so already.
        history = details.history
        if not history or history[0].status is not IntroductionStatus.INTRODUCED:
            first = _(STATUS_NAMES[IntroductionStatus.INTRODUCED])
            QTreeWidgetItem(self.steps, [date_text(row.introduced_on, language), first])
        for change in details.history:
            QTreeWidgetItem(
                self.steps, [date_text(change.on, language), _(STATUS_NAMES[change.status])]
            )
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for engagement in details.engagements:
            text = engagement_summary(self.tr, engagement)
            if engagement.label:
                text = f"{engagement.label} — {text}"
            item = QListWidgetItem(text, self.contracts)
            if engagement.not_covered:
                item.setIcon(warning)
                item.setToolTip(coverage_reason(self.tr, engagement.not_covered))
        if not details.engagements:
            item = QListWidgetItem(_("No contract yet"), self.contracts)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def step_texts(self) -> list[tuple[str, str]]:
        return [
            (self.steps.topLevelItem(i).text(0), self.steps.topLevelItem(i).text(1))
            for i in range(self.steps.topLevelItemCount())
        ]

    def contract_texts(self) -> list[str]:
        return [self.contracts.item(i).text() for i in range(self.contracts.count())]
