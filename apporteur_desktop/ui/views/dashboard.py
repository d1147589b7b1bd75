"""« Tableau de bord »: the key figures of a range of months, charts, and the reminders.

The frame paints at once; the figures are read off the UI thread (``TaskRunner``) and fill it in
when they arrive, then ``loaded`` is emitted. Changing the range reads again. A reminder opens
what it is about: double-click or Enter emits ``open_requested(view key, item id)``, which the
main window turns into that view showing that item.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import QDate, QSettings, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.periods import Period
from ...formatting import locale_of, money_text, short_month_text, whole_money_text
from ...i18n import N_
from ...services.context import AppContext
from ...services.dashboard_figures import Dashboard, PartyTotal, Reminder, percent_text
from ..feedback import show_failure
from ..qt_setup import APPLICATION, ORGANISATION
from ..tasks import TaskRunner
from ..widgets.bar_chart import BarRow, GroupedBarChart, HorizontalBarChart, Series
from .dashboard_parts import DormantList, KpiTile, ReminderList, group

RANGE_KEY = "dashboard/range"
PROVIDERS_SHOWN = 8  # the rest are added up in one « others » bar

# Ranges the user picks most often, each as (months back from the first, to this month).
PRESETS = (
    ("this_month", N_("This month")),
    ("last_3", N_("Last 3 months")),
    ("this_year", N_("This year")),
    ("last_12", N_("Last 12 months")),
    ("custom", N_("Custom")),
)


def preset_range(key: str, today: date) -> tuple[Period, Period]:
    this = Period.of(today)
    first = {"this_month": this, "last_3": this + -2, "this_year": this.january()}
    return first.get(key, this + -11), this


class DashboardView(QWidget):
    can_create = False
    loaded = Signal()
    open_requested = Signal(str, int)

    def __init__(self, ctx: AppContext, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self._tr = ctx, tasks, ctx.translator
        self.figures: Dashboard | None = None
        self.reminders: list[Reminder] = []
        self._reads = 0  # reads asked for: only the latest one's figures are shown
        self._waiting = False  # a read was asked for while another task ran
        self._build()
        self._restore_range()
        tasks.busy_changed.connect(self._busy_changed)

    # --- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        _ = self._tr.gettext
        self.preset_box = QComboBox(self, objectName="rangePreset")
        self.preset_box.setToolTip(_("The months the figures cover"))
        for key, label in PRESETS:
            self.preset_box.addItem(_(label), key)
        self.first_edit = self._month_edit("firstMonth", _("First month of the range"))
        self.last_edit = self._month_edit("lastMonth", _("Last month of the range"))
        self.status = QLabel(self, objectName="dashboardStatus")
        self.status.setEnabled(False)  # the muted colour of the palette
        bar = QHBoxLayout()
        for text, field in (
            (_("&Period:"), self.preset_box),
            (_("&From"), self.first_edit),
            (_("&To"), self.last_edit),
        ):
            buddy = QLabel(text, self)
            buddy.setBuddy(field)
            bar.addWidget(buddy)
            bar.addWidget(field)
            bar.addSpacing(8)
        bar.addStretch(1)
        bar.addWidget(self.status)
        self.preset_box.currentIndexChanged.connect(self._preset_chosen)
        for edit in (self.first_edit, self.last_edit):
            edit.dateChanged.connect(self._months_edited)

        content = QWidget(self, objectName="dashboardContent")
        layout = QVBoxLayout(content)
        layout.addLayout(self._tiles())
        self.reminder_list = ReminderList(self._tr, content)
        self.reminder_list.open_requested.connect(self.open_requested)
        self.month_chart = GroupedBarChart(content, objectName="monthChart")
        self.provider_chart = HorizontalBarChart(content, objectName="providerChart")
        self.forecast_chart = GroupedBarChart(content, objectName="forecastChart")
        self.forecast_total = QLabel(content, objectName="forecastTotal")
        self.owed_chart = HorizontalBarChart(content, objectName="owedChart")
        self.owed_summary = QLabel(content, objectName="owedSummary")
        self.dormant_list = DormantList(self._tr, content)
        layout.addWidget(group(_("Reminders"), [self.reminder_list], content))
        money = QHBoxLayout()
        money.addWidget(group(_("Commissions per month"), [self.month_chart], content), 3)
        money.addWidget(group(_("Commissions per provider"), [self.provider_chart], content), 2)
        layout.addLayout(money)
        later = QHBoxLayout()
        title = _("Recurring commissions, next 12 months")
        later.addWidget(group(title, [self.forecast_total, self.forecast_chart], content), 3)
        side = QVBoxLayout()
        owed = [self.owed_summary, self.owed_chart]
        side.addWidget(group(_("What I owe introducers"), owed, content))
        title = _("Providers with no signature for 6 months")
        side.addWidget(group(title, [self.dormant_list], content), 1)
        later.addLayout(side, 2)
        layout.addLayout(later)
        layout.addStretch(1)
        scroll = QScrollArea(self, objectName="dashboardScroll", widgetResizable=True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(scroll, 1)
        self.setFocusProxy(self.reminder_list)

    def _month_edit(self, name: str, tip: str) -> QDateEdit:
        edit = QDateEdit(self, objectName=name, toolTip=tip, calendarPopup=True)
        edit.setDisplayFormat("MM/yyyy")  # a month: the day is never shown nor used
        return edit

    def _tiles(self) -> QGridLayout:
        _ = self._tr.gettext
        specs = (
            ("introductions", _("Introductions"), _("Introductions made in the range")),
            ("qualification", _("Qualification rate"), _("Qualified out of introduced")),
            ("conversion", _("Conversion rate"), _("Won out of introduced")),
            ("trials", _("Trial → long term"), _("Trials started in the range and converted")),
            (
                "delay",
                _("Days to signature"),
                _("Median days from introduction to first signature"),
            ),
            ("revenue", _("Revenue generated"), _("What providers billed the introduced clients")),
            ("earned", _("Commissions earned"), _("Commission lines of the range's months")),
            ("invoiced", _("Invoiced"), _("Invoices issued in the range, less credit notes")),
            ("paid", _("Paid"), _("Payments received in the range")),
            ("overdue", _("Overdue today"), _("Left to pay on invoices past their due date")),
        )
        grid = QGridLayout()
        self.tiles: dict[str, KpiTile] = {}
        for index, (key, label, tip) in enumerate(specs):
            tile = self.tiles[key] = KpiTile(label, tip, self, objectName=f"tile_{key}")
            grid.addWidget(tile, index // 5, index % 5)
        return grid

    # --- the range --------------------------------------------------------------------------------

    def chosen_range(self) -> tuple[Period, Period]:
        first, last = (
            Period(e.date().year(), e.date().month()) for e in (self.first_edit, self.last_edit)
        )
        return min(first, last), max(first, last)

    def _set_months(self, first: Period, last: Period) -> None:
        for edit, month in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(month.year, month.month, 1))
            edit.blockSignals(False)

    def _preset_chosen(self) -> None:
        key = self.preset_box.currentData()
        if key != "custom":
            self._set_months(*preset_range(key, self.ctx.clock.today()))
        self._remember_range()
        self.refresh()

    def _months_edited(self) -> None:
        self.preset_box.blockSignals(True)
        self.preset_box.setCurrentIndex(self.preset_box.findData("custom"))
        self.preset_box.blockSignals(False)
        self._remember_range()
        self.refresh()

    def _remember_range(self) -> None:
        key = self.preset_box.currentData()
        if key == "custom":
            key = "custom:{}:{}".format(*self.chosen_range())
        QSettings(ORGANISATION, APPLICATION).setValue(RANGE_KEY, key)

    def _restore_range(self) -> None:
        """The range of the last session: a preset, or « custom:2026-01:2026-05 »."""
        saved = str(QSettings(ORGANISATION, APPLICATION).value(RANGE_KEY, "last_12"))
        key, *months = saved.split(":")
        if self.preset_box.findData(key) < 0:
            key, months = "last_12", []
        chosen = preset_range(key, self.ctx.clock.today())
        if key == "custom":
            try:
                first, last = (Period.parse(month) for month in months)
                chosen = (first, last)
            except ValueError:  # a hand-edited setting: fall back on the last 12 months
                key = "last_12"
        self.preset_box.blockSignals(True)
        self.preset_box.setCurrentIndex(self.preset_box.findData(key))
        self.preset_box.blockSignals(False)
        self._set_months(*chosen)

    # --- loading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures of the chosen range and today's reminders, off the UI thread."""
        wanted, ctx = self.chosen_range(), self.ctx
        self._reads += 1
        read = self._reads
        self._waiting = not self.tasks.start(
            lambda: _read(ctx, wanted),
            lambda result: self._arrived(read, result),
            self._failed,
        )
        if not self._waiting:
            self.status.setText(self._tr.gettext("Loading…"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous() and not self._waiting:
            self.refresh()  # other views may have changed the ledger meanwhile

    def _busy_changed(self, busy: bool) -> None:
        if not busy and self._waiting:
            self.refresh()  # the runner is free: now read what was asked for

    def _arrived(self, read: int, result: tuple[Dashboard, list[Reminder]]) -> None:
        if read != self._reads:
            return  # the range moved while reading: a newer read shows its own figures
        self.figures, self.reminders = result
        self._show_figures(self.figures)
        self.reminder_list.show_reminders(self.reminders)
        self.status.setText(self._tr.gettext("Amounts excluding VAT"))
        self.loaded.emit()

    def _failed(self, failure: BaseException) -> None:
        self.status.setText("")
        show_failure(self, self._tr, failure)

    # --- showing ----------------------------------------------------------------------------------

    def _money(self, amount: Decimal) -> str:
        return money_text(amount, self._tr.language)

    def _axis(self, amount: Decimal) -> str:
        return whole_money_text(amount, self._tr.language)

    def _show_figures(self, figures: Dashboard) -> None:
        _, language = self._tr.gettext, self._tr.language
        pipeline, tiles = figures.pipeline, self.tiles
        part_of = _("{part} of {whole}")
        tiles["introductions"].set_value(
            str(pipeline.introductions),
            self._tr.ngettext("{n} signed", "{n} signed", pipeline.signatures).format(
                n=pipeline.signatures
            ),
        )
        for key, ratio in (
            ("qualification", pipeline.qualification),
            ("conversion", pipeline.conversion),
            ("trials", pipeline.trials),
        ):
            tiles[key].set_value(
                percent_text(ratio.percent, language),
                part_of.format(part=ratio.part, whole=ratio.whole),
            )
        delay = pipeline.median_days
        tiles["delay"].set_value(
            "—" if delay is None else format_decimal(delay, "#,##0.#", locale=locale_of(language)),
            _("median"),
        )
        for key, amount in (
            ("revenue", figures.revenue),
            ("earned", figures.earned),
            ("invoiced", figures.invoiced),
            ("paid", figures.paid),
        ):
            tiles[key].set_value(self._money(amount))
        count = figures.overdue_count
        tiles["overdue"].set_value(
            self._money(figures.overdue),
            self._tr.ngettext("{n} invoice", "{n} invoices", count).format(n=count),
            warning=count > 0,
        )
        self._show_charts(figures)

    def _show_charts(self, figures: Dashboard) -> None:
        _, language = self._tr.gettext, self._tr.language
        tip = _("{category}\n{series}: {amount}")
        months = [short_month_text(m.period.first_day(), language) for m in figures.months]
        self.month_chart.set_data(
            months,
            [
                Series(_("Earned"), tuple(m.earned for m in figures.months)),
                Series(_("Invoiced"), tuple(m.invoiced for m in figures.months)),
                Series(_("Paid"), tuple(m.paid for m in figures.months)),
            ],
            exact=self._money,
            axis=self._axis,
            tip=tip,
            empty_text=_("No commission, invoice or payment in these months"),
        )
        forecast = figures.forecast
        self.forecast_chart.set_data(
            [short_month_text(m.period.first_day(), language) for m in forecast],
            [
                Series(_("To receive"), tuple(m.earned for m in forecast)),
                Series(_("To pay out"), tuple(m.owed for m in forecast)),
            ],
            exact=self._money,
            axis=self._axis,
            tip=tip,
            empty_text=_("No running engagement earns a recurring commission"),
        )
        self.forecast_total.setText(
            _("Expected to earn: {earned} · to owe: {owed}").format(
                earned=self._money(figures.forecast_earned),
                owed=self._money(sum((m.owed for m in forecast), Decimal(0))),
            )
        )
        self.provider_chart.set_rows(
            self._party_rows(
                figures.providers,
                _("{name}\nRevenue: {revenue}\nCommission: {commission}\nPaid: {paid}"),
            ),
            value_text=self._money,
            empty_text=_("No provider earned a commission in these months"),
        )
        self.owed_chart.set_rows(
            self._party_rows(
                figures.introducers,
                _("{name}\nRevenue: {revenue}\nOwed: {commission}\nPaid: {paid}"),
            ),
            value_text=self._money,
            colour_index=1,
            empty_text=_("Nothing owed to an introducer in these months"),
        )
        received = figures.received
        self.owed_summary.setText(
            _("Owed: {owed} · paid: {paid}").format(
                owed=self._money(figures.owed), paid=self._money(figures.owed_paid)
            )
            + "\n"
            + _("Clients introduced to me: {count}, won: {won}").format(
                count=received.introductions, won=received.conversion.part
            )
        )
        self.dormant_list.show_providers(figures.dormant)

    def _party_rows(self, parties: Sequence[PartyTotal], tip: str) -> list[BarRow]:
        shown, rest = parties[:PROVIDERS_SHOWN], parties[PROVIDERS_SHOWN:]
        rows = [
            BarRow(
                p.name,
                p.commission,
                tip.format(
                    name=p.name,
                    revenue=self._money(p.revenue),
                    commission=self._money(p.commission),
                    paid=self._money(p.paid),
                ),
            )
            for p in shown
        ]
        if rest:
            label = self._tr.gettext("Others ({count})").format(count=len(rest))
            total = sum((p.commission for p in rest), Decimal(0))
            rows.append(BarRow(label, total, f"{label}\n{self._money(total)}"))
        return rows


def _read(ctx: AppContext, wanted: tuple[Period, Period]) -> tuple[Dashboard, list[Reminder]]:
    # Imported here, on the task thread: the view paints before the ORM and the queries load.
    from ...services.dashboard import dashboard, reminders

    return dashboard(ctx, *wanted), reminders(ctx)
