"""Bar charts painted with QPainter: PySide6-Essentials ships no QtCharts.

``GroupedBarChart`` shows a few series side by side per category (commissions earned, invoiced
and paid per month); ``HorizontalBarChart`` shows one total per row (per provider). Both paint
vectors straight onto the widget, so they stay sharp at any screen scale, take their colours
from the palette (light or dark), say « nothing to show » rather than draw an empty frame, and
give the exact amount in a tooltip. The caller formats every text: the charts know no language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

Formatter = Callable[[Decimal], str]

# Hue steps from the palette's highlight: far enough apart to tell the series apart.
_HUE_STEPS = (0.0, 0.5, 0.77, 0.25)
_GAP = 8  # pixels between the parts of a chart


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[Decimal, ...]


@dataclass(frozen=True, slots=True)
class BarRow:
    label: str
    value: Decimal
    tooltip: str = ""


def series_colours(palette: QPalette, count: int) -> list[QColor]:
    """``count`` colours of the palette's family: the highlight's hue first, lighter on a dark
    background, deeper on a light one, so bars read well in both."""
    highlight = palette.color(QPalette.ColorRole.Highlight)
    hue = highlight.hslHueF() if highlight.hslHueF() >= 0 else 0.58
    dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
    lightness, saturation = (0.66, 0.55) if dark else (0.46, 0.62)
    return [
        QColor.fromHslF((hue + _HUE_STEPS[n % len(_HUE_STEPS)]) % 1.0, saturation, lightness)
        for n in range(count)
    ]


def nice_scale(low: float, high: float, steps: int = 4) -> tuple[float, float, float]:
    """A scale from ``low`` to ``high`` (zero included) in round steps: (bottom, top, step)."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        return 0.0, 1.0, 0.25
    raw = (high - low) / steps
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


class _Chart(QWidget):
    """What both charts share: the empty text, a tooltip per bar, the palette's colours."""

    def __init__(self, parent: QWidget | None = None, objectName: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(objectName)
        self.empty_text = ""
        self._bars: list[tuple[QRect, str]] = []  # hit areas and their tooltips, once painted
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def tooltip_at(self, pos: QPointF) -> str:
        """The tooltip of the bar under ``pos`` (widget coordinates), or ""."""
        point = pos.toPoint()
        return next((tip for area, tip in self._bars if area.contains(point)), "")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _muted(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self._muted())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)


class GroupedBarChart(_Chart):
    """Series side by side per category, a value axis on the left and a legend on top."""

    def __init__(self, parent: QWidget | None = None, objectName: str = "") -> None:
        super().__init__(parent, objectName)
        self.categories: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self._exact: Formatter = str
        self._axis: Formatter = str
        self._tip = "{category}\n{series}: {amount}"

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        *,
        exact: Formatter,
        axis: Formatter,
        tip: str = "",
        empty_text: str = "",
    ) -> None:
        """``exact`` words an amount in full, ``axis`` rounded for the scale; ``tip`` is the
        tooltip of a bar, with the fields {category}, {series} and {amount}."""
        self.categories, self.series = tuple(categories), tuple(series)
        self._exact, self._axis, self.empty_text = exact, axis, empty_text
        self._tip = tip or self._tip
        self._bars = []
        self.updateGeometry()
        self.update()

    def has_data(self) -> bool:
        return any(value for s in self.series for value in s.values)

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(320, 8 * line + 3 * _GAP)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        if not self.has_data():
            self._bars = []
            self._paint_empty(painter)
            return
        metrics = self.fontMetrics()
        legend_bottom = self._paint_legend(painter)
        values = [float(v) for s in self.series for v in s.values]
        bottom, top, step = nice_scale(min(values), max(values))
        ticks = [bottom + n * step for n in range(round((top - bottom) / step) + 1)]
        axis_width = max(metrics.horizontalAdvance(self._axis(Decimal(round(t)))) for t in ticks)
        label_height = 2 * metrics.height() + _GAP // 2
        plot = QRect(
            axis_width + 2 * _GAP,
            legend_bottom + _GAP + metrics.height() // 2,
            max(10, self.width() - axis_width - 3 * _GAP),
            max(10, self.height() - legend_bottom - label_height - 2 * _GAP),
        )

        def y_of(value: float) -> int:
            return round(plot.bottom() - (value - bottom) / (top - bottom) * plot.height())

        self._paint_scale(painter, plot, ticks, y_of)
        self._paint_bars(painter, plot, y_of)
        self._paint_categories(painter, plot)

    def _paint_legend(self, painter: QPainter) -> int:
        """The series' names with their colour, in a row; returns the legend's bottom."""
        metrics = self.fontMetrics()
        box = metrics.height() - 4
        x = _GAP
        colours = series_colours(self.palette(), len(self.series))
        for colour, series in zip(colours, self.series, strict=True):
            painter.fillRect(QRect(x, 2 + (metrics.height() - box) // 2, box, box), colour)
            x += box + _GAP // 2
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(QPointF(x, 2 + metrics.ascent()), series.name)
            x += metrics.horizontalAdvance(series.name) + 2 * _GAP
        return metrics.height() + 2

    def _paint_scale(
        self, painter: QPainter, plot: QRect, ticks: list[float], y_of: Callable[[float], int]
    ) -> None:
        metrics = self.fontMetrics()
        grid = QColor(self._muted())
        grid.setAlphaF(0.35)
        for tick in ticks:
            y = y_of(tick)
            painter.setPen(QPen(self._muted() if tick == 0 else grid, 1))
            painter.drawLine(plot.left(), y, plot.right(), y)
            text = self._axis(Decimal(round(tick)))
            painter.setPen(self._muted())
            area = QRect(0, y - metrics.height() // 2, plot.left() - _GAP, metrics.height())
            painter.drawText(
                area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
            )

    def _paint_bars(self, painter: QPainter, plot: QRect, y_of: Callable[[float], int]) -> None:
        count = max(1, len(self.categories))
        group = plot.width() / count
        width = max(2, int(group * 0.8 / max(1, len(self.series))))
        colours = series_colours(self.palette(), len(self.series))
        zero = y_of(0.0)
        self._bars = []
        for index, category in enumerate(self.categories):
            left = plot.left() + index * group + (group - width * len(self.series)) / 2
            for number, series in enumerate(self.series):
                value = series.values[index] if index < len(series.values) else Decimal(0)
                y = y_of(float(value))
                bar = QRect(round(left + number * width), min(y, zero), width - 1, abs(zero - y))
                painter.fillRect(bar, colours[number])
                area = QRect(bar.left(), plot.top(), bar.width() + 1, plot.height())
                tip = self._tip.format(
                    category=category, series=series.name, amount=self._exact(value)
                )
                self._bars.append((area, tip))

    def _paint_categories(self, painter: QPainter, plot: QRect) -> None:
        """Each category under its group, on two lines when one is too wide; every n-th
        one only when even that would overlap."""
        metrics = self.fontMetrics()
        group = plot.width() / max(1, len(self.categories))
        lines = [self._lines(c, group) for c in self.categories]
        widest = max((metrics.horizontalAdvance(line) for ls in lines for line in ls), default=0)
        every = max(1, math.ceil((widest + _GAP) / group))
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for index in range(0, len(self.categories), every):
            area = QRect(
                round(plot.left() + index * group - group * (every - 1) / 2),
                plot.bottom() + _GAP // 2,
                round(group * every),
                2 * metrics.height(),
            )
            painter.drawText(area, Qt.AlignmentFlag.AlignHCenter, "\n".join(lines[index]))

    def _lines(self, category: str, room: float) -> list[str]:
        if self.fontMetrics().horizontalAdvance(category) <= room - _GAP or " " not in category:
            return [category]
        head, _, tail = category.rpartition(" ")
        return [head, tail]


class HorizontalBarChart(_Chart):
    """One bar per row: the label on the left, the bar, its amount at the bar's end."""

    def __init__(self, parent: QWidget | None = None, objectName: str = "") -> None:
        super().__init__(parent, objectName)
        self.rows: tuple[BarRow, ...] = ()
        self._text: Formatter = str
        self.colour_index = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(
        self,
        rows: Sequence[BarRow],
        *,
        value_text: Formatter,
        empty_text: str = "",
        colour_index: int = 0,
    ) -> None:
        self.rows, self._text, self.empty_text = tuple(rows), value_text, empty_text
        self.colour_index = colour_index
        self._bars = []
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + _GAP

    def sizeHint(self) -> QSize:
        rows = max(2, len(self.rows))
        return QSize(420, rows * self._row_height() + _GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, self.sizeHint().height())

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        if not self.rows:
            self._bars = []
            self._paint_empty(painter)
            return
        metrics = self.fontMetrics()
        texts = [self._text(row.value) for row in self.rows]
        # A pixel or two over the exact advance: elidedText cuts a text as wide as its room.
        label_width = min(
            max(metrics.horizontalAdvance(row.label) for row in self.rows) + 2,
            self.width() * 2 // 5,
        )
        value_width = max(metrics.horizontalAdvance(text) for text in texts)
        left = label_width + _GAP
        room = max(10, self.width() - left - value_width - 2 * _GAP)
        largest = max((row.value for row in self.rows), default=Decimal(0))
        colour = series_colours(self.palette(), self.colour_index + 1)[self.colour_index]
        height = self._row_height()
        self._bars = []
        for index, (row, text) in enumerate(zip(self.rows, texts, strict=True)):
            top = _GAP // 2 + index * height
            line = QRect(0, top, self.width(), height)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            label = metrics.elidedText(row.label, Qt.TextElideMode.ElideRight, label_width)
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRect(0, top, label_width, height), align, label)
            share = float(row.value / largest) if largest > 0 and row.value > 0 else 0.0
            bar = QRect(left, top + 3, max(1, round(room * share)), height - 6)
            painter.fillRect(bar, colour)
            painter.drawText(
                QRect(bar.right() + _GAP, top, value_width + _GAP, height), align, text
            )
            self._bars.append((line, row.tooltip or f"{row.label}\n{text}"))
