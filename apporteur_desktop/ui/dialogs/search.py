"""The global search (Ctrl+K): type a few letters, pick a contact, an introduction, an
agreement or an invoice, and the window opens it.

The search runs a moment after the last key (a debounce), on the UI thread: it is a handful
of small indexed or scanned queries, a few milliseconds. The keyboard never has to leave the
text: Up and Down move in the results, Enter opens the one selected, Esc closes.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...services.context import AppContext
from ...services.search import KIND_LABELS, SearchHit, search

DEBOUNCE_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole  # (view key, item id) of a hit; None on a heading
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
MOVES = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})
Index = QModelIndex | QPersistentModelIndex


class HitDelegate(QStyledItemDelegate):
    """A hit on two lines, its name and, smaller and paler, what tells it apart; a kind's
    heading as one bold line."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        lines = 1 if index.data(HIT_ROLE) is None else 2
        return QSize(0, option.fontMetrics.lineSpacing() * lines + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        area = option.rect.adjusted(10 if hit is None else 22, 5, -10, -5)
        line = option.fontMetrics.lineSpacing()
        painter.save()
        font = QFont(option.font)
        font.setBold(hit is None)
        painter.setFont(font)
        # A heading is not selectable, so its option carries the disabled colours: draw it
        # with the normal ones, as a heading and not as something greyed out.
        painter.setPen(option.palette.color(QPalette.ColorGroup.Active, text_role))
        title = option.fontMetrics.elidedText(
            str(index.data()), Qt.TextElideMode.ElideRight, area.width()
        )
        painter.drawText(QRect(area.x(), area.y(), area.width(), line), 0, title)
        if hit is not None:
            muted = text_role if selected else QPalette.ColorRole.PlaceholderText
            painter.setPen(option.palette.color(muted))
            detail = option.fontMetrics.elidedText(
                str(index.data(DETAIL_ROLE)), Qt.TextElideMode.ElideRight, area.width()
            )
            painter.drawText(QRect(area.x(), area.y() + line, area.width(), line), 0, detail)
        painter.restore()


class SearchDialog(QDialog):
    """Emits ``open_requested(view key, item id)`` for the hit the user opens, then closes."""

    open_requested = Signal(str, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self._tr = ctx, ctx.translator
        _ = self._tr.gettext
        self.setObjectName("searchDialog")
        self.setWindowTitle(_("Search"))
        self.edit = QLineEdit(self, objectName="searchText", clearButtonEnabled=True)
        self.edit.setPlaceholderText(_("A name, a SIRET, an e-mail, an invoice number…"))
        self.edit.setToolTip(_("Search the contacts, introductions, agreements and invoices"))
        self.results = QListWidget(self, objectName="searchResults")
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(False)
        # The delegate elides what is too long: never a sideways scroll.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the text
        self.results.itemActivated.connect(lambda _item: self.open_selected())
        self.results.itemClicked.connect(lambda _item: self.open_selected())
        self.message = QLabel(self, objectName="searchMessage")
        self.message.setText(_("Up and Down to choose, Enter to open, Esc to close."))
        self.message.setEnabled(False)  # a hint: drawn pale
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.message)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.installEventFilter(self)
        self.resize(640, 440)
        self.hits: list[SearchHit] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in MOVES:
                self._move(event.key())
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # typed faster than the debounce: search now
                    self._timer.stop()
                    self.run_search()
                self.open_selected()
                return True
        return super().eventFilter(watched, event)

    # --- searching --------------------------------------------------------------------------------

    def run_search(self) -> None:
        """Show the hits for the text as it is now (the timer calls it after the last key)."""
        _ = self._tr.gettext
        text = self.edit.text()
        self.hits = search(self.ctx, text)
        self.results.clear()
        kind = None
        for hit in self.hits:
            if hit.view_key != kind:
                kind = hit.view_key
                heading = QListWidgetItem(_(KIND_LABELS[kind]), self.results)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)  # Up and Down pass over it
            item = QListWidgetItem(hit.title, self.results)
            item.setData(HIT_ROLE, (hit.view_key, hit.item_id))
            item.setData(DETAIL_ROLE, hit.detail)
            item.setToolTip(f"{_(KIND_LABELS[hit.view_key])} — {hit.title}\n{hit.detail}")
        if self.hits:
            self._select_first()
            self.message.setText(_("Up and Down to choose, Enter to open, Esc to close."))
        elif text.strip():
            self.message.setText(_("Nothing matches « {text} ».").format(text=text.strip()))
        else:
            self.message.setText(_("Up and Down to choose, Enter to open, Esc to close."))

    def _select_first(self) -> None:
        for row in range(self.results.count()):
            if self.results.item(row).data(HIT_ROLE) is not None:
                self.results.setCurrentRow(row)
                return

    def _move(self, key: Qt.Key) -> None:
        """Up/Down (and Page Up/Down) move among the hits, over the headings."""
        step = -1 if key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp) else 1
        times = 5 if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) else 1
        rows = [
            row
            for row in range(self.results.count())
            if self.results.item(row).data(HIT_ROLE) is not None
        ]
        if not rows:
            return
        current = self.results.currentRow()
        place = rows.index(current) if current in rows else (-1 if step > 0 else len(rows))
        target = rows[max(0, min(len(rows) - 1, place + step * times))]
        self.results.setCurrentRow(target)
        self.results.scrollToItem(self.results.item(target))

    # --- opening ----------------------------------------------------------------------------------

    def selected_hit(self) -> tuple[str, int] | None:
        item = self.results.currentItem()
        value = None if item is None else item.data(HIT_ROLE)
        return None if value is None else (str(value[0]), int(value[1]))

    def open_selected(self) -> None:
        """Ask the window to open the selected hit, and close."""
        chosen = self.selected_hit()
        if chosen is None:
            return
        self.open_requested.emit(*chosen)
        self.accept()
