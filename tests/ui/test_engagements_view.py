"""The « Contrats clients » view, driven as a user would: filter, convert a trial (example B's
warning), record a new contract for an introduction, record that a client left."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.enums import EngagementKind, IntroductionStatus
from apporteur_desktop.domain.problems import Notice
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.engagements import list_engagements
from apporteur_desktop.services.introductions import list_introductions
from apporteur_desktop.services.listing import ListQuery
from apporteur_desktop.services.summary import ledger_summary
from apporteur_desktop.services.wording import coverage_reason
from apporteur_desktop.ui.dialogs.engagement import (
    Contract,
    DateDialog,
    EngagementDialog,
    notice_text,
)
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.engagements import (
    COLUMNS_KEY,
    ChooseIntroductionDialog,
    EngagementsView,
)
from tests.services.pipeline_ledgers import pipeline_ledger

from .settings_fixtures import finish_tasks, type_over

CLIENT, KIND, AMOUNT, STATE = 0, 3, 6, 7


@pytest.fixture(autouse=True)
def forget_columns() -> None:
    QSettings(ORGANISATION, APPLICATION).remove(COLUMNS_KEY)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with pipeline_ledger(tmp_path, language="fr") as context:
        yield context


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


def shown(qtbot: QtBot, ctx: AppContext, tasks: TaskRunner) -> EngagementsView:
    view = EngagementsView(ctx, tasks)
    qtbot.addWidget(view)
    view.resize(1100, 500)
    with qtbot.waitSignal(view.loaded, timeout=5_000):
        view.show()
    return view


def cells(view: EngagementsView, column: int) -> list[str]:
    return [view.model.index(row, column).data() for row in range(view.model.rowCount())]


def click(qtbot: QtBot, view: EngagementsView, name: str) -> None:
    button = view.findChild(type(view.buttons[0]), f"{name}Button")
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_list_shows_kind_amount_and_state_and_filters_them(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    _ = ctx.translator.gettext
    view = shown(qtbot, ctx, tasks)

    assert cells(view, CLIENT) == ["Garage Lefèvre"]
    assert cells(view, KIND) == [_("Trial")]
    assert cells(view, AMOUNT) == [_("{amount} / month").format(amount="800,00\u00a0€")]
    assert cells(view, STATE) == [_("ended")]

    view.state_filter.setCurrentIndex(view.state_filter.findData("active"))
    assert view.model.total == 0
    view.state_filter.setCurrentIndex(view.state_filter.findData("ended"))
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("trial"))
    assert cells(view, CLIENT) == ["Garage Lefèvre"]
    assert view.count_label.text() == _("Contracts: {count}").format(count=1)


def test_converting_the_trial_of_example_b_warns_and_marks_the_row(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    view.table.selectRow(0)
    assert not view.left_action.isEnabled()  # the trial has ended already

    click(qtbot, view, "convert")
    dialog = view.dialog
    assert isinstance(dialog, EngagementDialog) and dialog.contract is Contract.CONVERSION
    qtbot.keyClicks(dialog.amount, "1 200")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    finish_tasks(qtbot, tasks)

    warning = notice_text(ctx.translator, Notice.of("conversion_not_covered"), "Essai seul")
    assert view.message.text() == f"⚠ {warning}"
    selected = view.selected()
    assert selected is not None and selected.kind is EngagementKind.LONG_TERM
    index = view.model.index(view.table.selectionModel().selectedRows()[0].row(), CLIENT)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole) == coverage_reason(
        ctx.translator, "conversion_not_covered"
    )
    rows = list_engagements(ctx, ListQuery(text="Garage"), 0, 5).rows
    long_term = next(r for r in rows if r.kind is EngagementKind.LONG_TERM)
    assert (long_term.start, long_term.amount) == (date(2026, 2, 1), Decimal("1200.00"))
    assert not view.convert_action.isEnabled()


def test_a_new_one_off_contract_is_chosen_then_recorded(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    click(qtbot, view, "newEngagement")
    chooser = view.dialog
    assert isinstance(chooser, ChooseIntroductionDialog)
    qtbot.keyClicks(chooser.search, "Fleuriste")
    assert chooser.found.count() == 1
    qtbot.mouseClick(chooser.kinds[Contract.ONE_OFF], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(chooser.ok_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, EngagementDialog) and dialog.contract is Contract.ONE_OFF

    type_over(qtbot, dialog.start_field, "15/03/2026")
    qtbot.keyClicks(dialog.amount, "abc")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "abc" in dialog.error_text("amount") and not tasks.busy
    before = ledger_summary(ctx).counts

    type_over(qtbot, dialog.amount, "50 000,00")
    qtbot.keyClicks(dialog.label, "site web")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)

    assert ledger_summary(ctx).counts["engagements"] == before["engagements"] + 1
    assert cells(view, CLIENT)[0] == "Fleuriste Martin"
    assert view.selected() is not None and view.selected().label == "site web"
    row = list_introductions(ctx, ListQuery(text="Fleuriste"), 0, 5).rows[0]
    assert (row.status, row.status_on) == (IntroductionStatus.WON, date(2026, 3, 15))


def test_a_client_leaving_is_recorded_on_its_day(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    _ = ctx.translator.gettext
    view = shown(qtbot, ctx, tasks)
    view.table.selectRow(0)
    click(qtbot, view, "convert")
    assert isinstance(view.dialog, EngagementDialog)
    qtbot.mouseClick(view.dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)

    click(qtbot, view, "clientLeft")
    dialog = view.dialog
    assert isinstance(dialog, DateDialog)
    type_over(qtbot, dialog.on, "20/01/2026")  # before the contract started
    qtbot.keyClick(dialog.on, Qt.Key.Key_Return)
    finish_tasks(qtbot, tasks)
    assert dialog.error_text("on") != "" and dialog.isVisible()

    type_over(qtbot, dialog.on, "20/02/2026")
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):  # closed once recorded
        qtbot.keyClick(dialog.on, Qt.Key.Key_Return)
    finish_tasks(qtbot, tasks)

    assert view.selected() is not None and view.selected().state == "left"
    row = view.table.selectionModel().selectedRows()[0].row()
    assert view.model.index(row, STATE).data() == _("client left")


def test_open_the_introduction_asks_the_window(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    view.table.selectRow(0)
    with qtbot.waitSignal(view.open_requested) as asked:
        click(qtbot, view, "openIntroduction")
    garage = list_introductions(ctx, ListQuery(text="Garage"), 0, 5).rows[0]
    assert asked.args == ["introductions", garage.id]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_view_and_its_dialogs_open_in_french_and_english(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner, language: str
) -> None:
    with pipeline_ledger(tmp_path, language=language) as context:
        view = shown(qtbot, context, tasks)
        view.show_item(cells_id(view))
        assert view.selected() is not None
        for name in ("newEngagement", "convert"):
            click(qtbot, view, name)
            assert view.dialog is not None and view.dialog.windowTitle()
            view.dialog.reject()
        view.close()


def cells_id(view: EngagementsView) -> int:
    return view.model.row_value(0).id
