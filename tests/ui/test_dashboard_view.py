"""The « Tableau de bord » view: it paints, fills in off the UI thread, reloads when the range
changes, and opens what a reminder is about — checked against the services' own figures."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPointF, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.periods import Period
from apporteur_desktop.formatting import money_text, short_month_text
from apporteur_desktop.services import dashboard as dashboard_service
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.dashboard import dashboard, reminders
from apporteur_desktop.services.dashboard_figures import reminder_text
from apporteur_desktop.storage import repository
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.dashboard import RANGE_KEY, DashboardView
from apporteur_desktop.ui.widgets.bar_chart import GroupedBarChart, Series, nice_scale
from tests.services.dashboard_ledger import dashboard_ledger, empty_ledger

JUNE = Period(2026, 6)  # the ledger is looked at on 2 June 2026


@pytest.fixture(autouse=True)
def forget_range() -> Iterator[None]:
    QSettings(ORGANISATION, APPLICATION).remove(RANGE_KEY)
    yield
    QSettings(ORGANISATION, APPLICATION).remove(RANGE_KEY)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    with dashboard_ledger(tmp_path_factory.mktemp("dashboard_view")) as context:
        yield context


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


def shown(qtbot: QtBot, ctx: AppContext, tasks: TaskRunner) -> DashboardView:
    """The view as the main window shows it; returns once the figures are shown."""
    view = DashboardView(ctx, tasks)
    qtbot.addWidget(view)
    view.resize(980, 700)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()
    return view


def reload(qtbot: QtBot, view: DashboardView, action: object) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        action()  # type: ignore[operator]


def tile(view: DashboardView, key: str) -> str:
    return view.tiles[key].value.text()


def test_the_frame_paints_before_the_figures_arrive(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    release = threading.Event()
    tasks.start(release.wait, lambda _: None, lambda _: None)  # another task holds the runner
    view = DashboardView(ctx, tasks)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert tile(view, "introductions") == "…"  # the frame is there, the figures are not
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        release.set()  # once the runner is free, the view reads what it asked for
    assert tile(view, "introductions") == "4"


def test_the_figures_shown_are_the_services_figures(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    _ = ctx.translator.gettext
    assert view.chosen_range() == (JUNE + -11, JUNE)  # « 12 derniers mois » by default
    figures = dashboard(ctx, JUNE + -11, JUNE)
    # Dupont (December), Garage Lefèvre, Fleurs Martin, Pressing Léa.
    assert tile(view, "introductions") == "4"
    assert tile(view, "qualification") == "100\u202f%"
    assert tile(view, "conversion") == "50\u202f%"  # Dupont and Garage Lefèvre won
    assert tile(view, "earned") == money_text(figures.earned, "fr") == "1\u202f320,00\xa0€"
    assert tile(view, "overdue") == money_text(Decimal("300.00"), "fr")
    assert view.tiles["overdue"].detail.text() == ctx.translator.ngettext(
        "{n} invoice", "{n} invoices", 2
    ).format(n=2)
    assert view.status.text() == _("Amounts excluding VAT")
    # The reminders, worded as the service words them, most urgent first.
    listed = view.reminder_list
    texts = [listed.topLevelItem(n).text(1) for n in range(listed.topLevelItemCount())]
    assert texts == [reminder_text(ctx.translator, r) for r in reminders(ctx)]
    assert [view.dormant_list.topLevelItem(0).text(n) for n in (0, 1)] == [
        "Cabinet Verdier",
        _("never"),
    ]


def test_choosing_a_preset_reloads_the_range(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    box = view.preset_box
    box.setFocus()
    this_year = box.findData("this_year")
    reload(qtbot, view, lambda: qtbot.keyClick(box, Qt.Key.Key_Up))  # from « 12 derniers mois »
    assert box.currentIndex() == this_year
    assert view.chosen_range() == (Period(2026, 1), JUNE)
    assert tile(view, "introductions") == "3"  # Dupont was introduced in December
    months = [short_month_text(Period(2026, m).first_day(), "fr") for m in range(1, 7)]
    assert view.month_chart.categories == tuple(months)
    # The choice is remembered for the next time the dashboard opens.
    again = DashboardView(ctx, tasks)
    qtbot.addWidget(again)
    assert again.preset_box.currentData() == "this_year"


def test_changing_a_month_makes_the_range_custom_and_reloads(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    reload(qtbot, view, lambda: view.first_edit.setDate(QDate(2026, 3, 1)))
    assert view.preset_box.currentData() == "custom"
    assert view.figures is not None and (view.figures.first, view.figures.last) == (
        Period(2026, 3),
        JUNE,
    )
    assert tile(view, "introductions") == "2"  # Fleurs Martin, Pressing Léa
    assert tile(view, "trials") == "0\u202f%"  # Pressing Léa's June trial, not converted yet
    assert view.tiles["trials"].detail.text() == ctx.translator.gettext("{part} of {whole}").format(
        part=0, whole=1
    )
    reload(qtbot, view, lambda: view.last_edit.setDate(QDate(2026, 5, 1)))
    assert tile(view, "trials") == "—"  # no trial started from March to May: no rate
    reload(qtbot, view, lambda: view.last_edit.setDate(QDate(2026, 2, 1)))  # To before From
    assert view.chosen_range() == (Period(2026, 2), Period(2026, 3))


def _subject_ids(ctx: AppContext) -> tuple[int, int]:
    with ctx.ledger.transaction(write=False) as session:
        studio = repository.find_agreement_by_name(session, "Studio")
    assert studio is not None and studio.id is not None
    first_overdue = reminders(ctx)[0]
    return first_overdue.subject_id, studio.id


def test_enter_or_a_double_click_on_a_reminder_opens_its_subject(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    invoice_id, studio_id = _subject_ids(ctx)
    listed = view.reminder_list
    listed.setFocus()
    last = listed.topLevelItem(listed.topLevelItemCount() - 1)  # the agreement ending
    with qtbot.waitSignal(view.open_requested, timeout=2000) as opened:
        qtbot.keyClick(listed, Qt.Key.Key_End)
        qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert listed.currentItem() is last
    assert opened.args == ["agreements", studio_id]

    first = listed.topLevelItem(0)
    where = listed.visualItemRect(first).center()
    with qtbot.waitSignal(view.open_requested, timeout=2000) as opened:
        qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == ["invoices", invoice_id]


def test_an_empty_ledger_opens_in_english_with_dashes_and_nothing_to_do(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner
) -> None:
    with empty_ledger(tmp_path, "en") as empty:
        view = shown(qtbot, empty, tasks)
        assert view.preset_box.currentText() == "Last 12 months"
        assert view.tiles["qualification"].caption.text() == "Qualification rate"
        assert tile(view, "conversion") == "—"
        assert tile(view, "delay") == "—"
        assert tile(view, "earned") == "€0.00"
        nothing = view.reminder_list.topLevelItem(0)
        assert nothing.text(1) == "Nothing to do today"
        with qtbot.assertNotEmitted(view.open_requested):
            view.reminder_list.itemActivated.emit(nothing, 0)
        assert not view.month_chart.has_data()
        assert view.month_chart.empty_text == "No commission, invoice or payment in these months"
        view.grab()  # the empty charts paint their message without failing


def test_the_french_view_words_everything_through_the_catalogue(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    _ = ctx.translator.gettext
    assert view.preset_box.itemText(0) == _("This month")
    assert view.tiles["trials"].caption.text() == _("Trial → long term")
    buddies = {label.buddy() for label in view.findChildren(QLabel) if label.buddy()}
    assert buddies == {view.preset_box, view.first_edit, view.last_edit}
    assert all(tile.toolTip() for tile in view.tiles.values())


def test_charts_give_the_exact_amount_on_hover_and_are_never_squashed(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    for _ in range(3):
        QApplication.processEvents()  # the charts' new size hints reach the layout
    for chart in (view.month_chart, view.forecast_chart, view.provider_chart, view.owed_chart):
        assert chart.height() >= chart.minimumSizeHint().height()
    view.month_chart.grab()  # paints, which places the bars
    chart = view.month_chart
    tips = {chart.tooltip_at(QPointF(x, chart.height() / 2)) for x in range(chart.width())}
    march = short_month_text(Period(2026, 3).first_day(), "fr")
    expected = ctx.translator.gettext("{category}\n{series}: {amount}").format(
        category=march,
        series=ctx.translator.gettext("Earned"),
        amount=money_text(Decimal("340.00"), "fr"),
    )
    assert expected in tips
    provider = view.provider_chart
    provider.grab()
    first_row = provider.tooltip_at(QPointF(10, provider.fontMetrics().height() / 2 + 4))
    assert first_row.startswith("Atelier Numérique SAS\n")
    assert money_text(Decimal("5600.00"), "fr") in first_row  # its revenue, in full


def test_a_scale_of_round_steps_includes_zero() -> None:
    assert nice_scale(0, 340) == (0, 400, 100)
    assert nice_scale(-90, 240) == (-100, 300, 100)
    assert nice_scale(0, 0) == (0.0, 1.0, 0.25)


def test_a_chart_with_only_zeros_has_nothing_to_show(qtbot: QtBot) -> None:
    chart = GroupedBarChart()
    qtbot.addWidget(chart)
    chart.set_data(["a"], [Series("s", (Decimal(0),))], exact=str, axis=str, empty_text="rien")
    assert not chart.has_data()
    assert chart.minimumSizeHint().height() > 0


def test_a_range_changed_while_reading_shows_only_the_newest_figures(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = shown(qtbot, ctx, tasks)
    gate = threading.Event()

    def slow(context: AppContext, first: Period, last: Period) -> object:
        gate.wait(10)  # the first read is still running when the range moves again
        return dashboard(context, first, last)

    monkeypatch.setattr(dashboard_service, "dashboard", slow)  # read on the task thread
    shown_ranges: list[tuple[Period, Period]] = []
    view.loaded.connect(lambda: shown_ranges.append((view.figures.first, view.figures.last)))
    view.preset_box.setCurrentIndex(view.preset_box.findData("this_year"))
    view.first_edit.setDate(QDate(2026, 3, 1))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        gate.set()
    tasks.wait()
    qtbot.wait(50)
    assert shown_ranges == [(Period(2026, 3), JUNE)]
    # The custom range is remembered as such.
    again = DashboardView(ctx, tasks)
    qtbot.addWidget(again)
    assert again.preset_box.currentData() == "custom"
    assert again.chosen_range() == (Period(2026, 3), JUNE)
