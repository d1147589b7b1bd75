"""The « Mises en relation » view, driven as a user would: record an introduction with a new
client, move one along the pipeline through the buttons, read the board; each workflow checks
the screen, then the ledger through the services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.enums import EngagementKind, IntroductionStatus
from apporteur_desktop.domain.problems import Notice
from apporteur_desktop.services.contacts import list_contacts
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.introductions import introduction_details, list_introductions
from apporteur_desktop.services.listing import ListQuery
from apporteur_desktop.services.summary import ledger_summary
from apporteur_desktop.ui.dialogs.engagement import (
    DateDialog,
    EngagementDialog,
    notice_text,
)
from apporteur_desktop.ui.dialogs.new_introduction import NewIntroductionDialog
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.introductions import (
    COLUMNS_KEY,
    MODE_KEY,
    SPLITTER_KEY,
    IntroductionsView,
)
from tests.services.pipeline_ledgers import pipeline_ledger

from .settings_fixtures import finish_tasks, type_over


@pytest.fixture(autouse=True)
def forget_layout() -> None:
    settings = QSettings(ORGANISATION, APPLICATION)
    for key in (COLUMNS_KEY, SPLITTER_KEY, MODE_KEY):
        settings.remove(key)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with pipeline_ledger(tmp_path, many=12, language="fr") as context:
        yield context


@pytest.fixture
def english_ctx(tmp_path: Path) -> Iterator[AppContext]:
    with pipeline_ledger(tmp_path, language="en") as context:
        yield context


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()


def shown(qtbot: QtBot, ctx: AppContext, tasks: TaskRunner) -> IntroductionsView:
    view = IntroductionsView(ctx, tasks)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    with qtbot.waitSignal(view.loaded, timeout=5_000):
        view.show()
    return view


def clients(view: IntroductionsView) -> list[str]:
    return [view.model.row_value(row).client for row in range(view.model.rowCount())]


def select(view: IntroductionsView, client: str) -> None:
    view.table.selectRow(clients(view).index(client))
    assert view.selected_row() is not None and view.selected_row().client == client


def click(qtbot: QtBot, view: IntroductionsView, name: str) -> None:
    button = view.findChild(type(view.buttons[0]), f"{name}Button")
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def record_date(qtbot: QtBot, view: IntroductionsView, text: str) -> DateDialog:
    dialog = view.dialog
    assert isinstance(dialog, DateDialog)
    type_over(qtbot, dialog.on, text)
    qtbot.keyClick(dialog.on, Qt.Key.Key_Return)
    finish_tasks(qtbot, view.tasks)
    return dialog


# --- a new introduction -------------------------------------------------------------------------


def test_an_introduction_with_a_new_client_is_recorded_by_typing_and_enter(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    view.new_item()
    dialog = view.dialog
    assert isinstance(dialog, NewIntroductionDialog) and dialog.isVisible()
    dialog.agreement.setCurrentIndex(
        dialog.agreement.findText("Atelier", Qt.MatchFlag.MatchStartsWith)
    )
    line = dialog.client.lineEdit()
    qtbot.keyClicks(line, "Cafe du Port")
    expected = ctx.translator.gettext("Create the client « {name} »").format(name="Cafe du Port")
    assert dialog.new_client_hint.isVisible() and dialog.new_client_hint.text() == expected
    qtbot.keyClicks(dialog.notes, "Salon du livre")

    qtbot.keyClick(line, Qt.Key.Key_Return)
    finish_tasks(qtbot, tasks)

    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed, then deleted
    assert "Cafe du Port" in clients(view)
    assert view.selected_row() is not None and view.selected_row().client == "Cafe du Port"
    assert view.history.title.text() == "Cafe du Port — Atelier Numérique SAS"
    rows = list_introductions(ctx, ListQuery(text="Cafe du Port"), 0, 5).rows
    assert [(r.agreement, r.introduced_on, r.notes) for r in rows] == [
        ("Atelier", date(2026, 3, 2), "Salon du livre")
    ]
    assert [c.name for c in list_contacts(ctx, ListQuery(text="Cafe du Port"), 0, 5).rows] == [
        "Cafe du Port"
    ]


def test_an_existing_client_typed_in_other_capitals_is_not_created_again(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    view.new_item()
    dialog = view.dialog
    assert isinstance(dialog, NewIntroductionDialog)
    qtbot.keyClicks(dialog.client.lineEdit(), "boulangerie DUPONT")
    assert not dialog.new_client_hint.isVisible()
    before = ledger_summary(ctx).counts

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)

    after = ledger_summary(ctx).counts
    assert (after["clients"], after["introductions"]) == (
        before["clients"], before["introductions"] + 1
    )  # fmt: skip


def test_a_bad_date_or_no_client_shows_next_to_the_field_and_saves_nothing(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    before = ledger_summary(ctx).counts
    view.new_item()
    dialog = view.dialog
    assert isinstance(dialog, NewIntroductionDialog)
    qtbot.keyClicks(dialog.client.lineEdit(), "Nouvelle Cliente")
    type_over(qtbot, dialog.introduced_on, "31/02/2026")

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert "31/02/2026" in dialog.error_text("introduced_on")
    assert dialog.isVisible() and not tasks.busy

    type_over(qtbot, dialog.introduced_on, "28/02/2026")
    dialog.client.lineEdit().clear()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)

    assert dialog.error_text("client") == ctx.translator.gettext("is required")
    assert dialog.error_text("introduced_on") == ""
    assert dialog.isVisible()
    assert ledger_summary(ctx).counts == before


# --- the pipeline -------------------------------------------------------------------------------


def test_qualify_meet_trial_and_convert_through_the_buttons(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    _ = ctx.translator.gettext
    view = shown(qtbot, ctx, tasks)
    select(view, "Boulangerie Dupont")
    assert not view.actions_by_name["convert"].isEnabled()

    click(qtbot, view, "qualify")
    record_date(qtbot, view, "15/01/2026")
    click(qtbot, view, "meeting")
    record_date(qtbot, view, "01/02/2026")
    assert not view.actions_by_name["qualify"].isEnabled()  # forward only

    click(qtbot, view, "trial")
    trial = view.dialog
    assert isinstance(trial, EngagementDialog)
    type_over(qtbot, trial.start_field, "10/02/2026")
    qtbot.keyClicks(trial.amount, "800")
    qtbot.mouseClick(trial.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)

    click(qtbot, view, "convert")
    conversion = view.dialog
    assert isinstance(conversion, EngagementDialog)
    assert conversion.start_field.text() == "01/03/2026"  # the day after the trial's month
    qtbot.keyClicks(conversion.amount, "1 250,50")
    qtbot.keyClicks(conversion.label, "contrat annuel")
    qtbot.keyClick(conversion.label, Qt.Key.Key_Return)
    finish_tasks(qtbot, tasks)

    assert view.selected_row() is not None and view.selected_row().status is IntroductionStatus.WON
    assert view.history.step_texts() == [
        ("10/01/2026", _("Introduced")),
        ("15/01/2026", _("Qualified")),
        ("01/02/2026", _("Meeting")),
        ("10/02/2026", _("Trial")),
        ("01/03/2026", _("Won")),
    ]
    assert len(view.history.contract_texts()) == 2 and view.message.text() == ""
    details = introduction_details(ctx, view.selected_row().id)
    assert [(c.status, c.on) for c in details.history][-1] == (
        IntroductionStatus.WON,
        date(2026, 3, 1),
    )
    trial_row, long_term = details.engagements
    assert (trial_row.kind, trial_row.amount) == (EngagementKind.TRIAL, Decimal("800.00"))
    assert (long_term.kind, long_term.amount, long_term.label) == (
        EngagementKind.LONG_TERM, Decimal("1250.50"), "contrat annuel"
    )  # fmt: skip
    assert long_term.converts_trial_id == trial_row.id


def test_a_step_before_the_previous_one_is_refused_next_to_its_date(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    select(view, "Fleuriste Martin")  # qualified on 10/02/2026

    click(qtbot, view, "meeting")
    dialog = record_date(qtbot, view, "05/02/2026")

    assert dialog.isVisible()
    assert "10/02/2026" in dialog.error_text("on")
    assert len(introduction_details(ctx, view.selected_row().id).history) == 1
    dialog.reject()


def test_the_conversion_of_example_b_warns_that_it_earns_nothing(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, english_ctx, tasks)
    select(view, "Garage Lefèvre")

    click(qtbot, view, "convert")
    dialog = view.dialog
    assert isinstance(dialog, EngagementDialog)
    qtbot.keyClicks(dialog.amount, "1200")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)

    warning = notice_text(english_ctx.translator, Notice.of("conversion_not_covered"), "Essai seul")
    assert "covers the trial only" in warning
    assert warning in view.message.text()
    assert view.history.contracts.item(1).toolTip() != ""  # the long-term one is marked


# --- the board ----------------------------------------------------------------------------------


def test_the_board_shows_each_step_with_its_count_and_opens_the_rest_in_the_table(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    _ = ctx.translator.gettext
    view = shown(qtbot, ctx, tasks)
    view.board_cards = 2
    with qtbot.waitSignal(view.loaded):
        qtbot.mouseClick(view.board_button, Qt.MouseButton.LeftButton)

    # 12 generated introductions go round the six steps; plus Boulangerie Dupont (introduced),
    # Fleuriste Martin (qualified) and Garage Lefèvre (trial).
    counts = {s: "2" for s in IntroductionStatus}
    for status in (IntroductionStatus.INTRODUCED, IntroductionStatus.QUALIFIED):
        counts[status] = "3"
    counts[IntroductionStatus.TRIAL] = "3"
    columns = view.board.columns
    assert {s: columns[s].count.text() for s in IntroductionStatus} == counts
    assert [columns[s].heading.text() for s in IntroductionStatus] == [
        _(name) for name in ("Introduced", "Qualified", "Meeting", "Trial", "Won", "Lost")
    ]
    trial_cards = view.board.card_texts(IntroductionStatus.TRIAL)
    assert trial_cards[0] == "Garage Lefèvre — Studio Lumière SARL, 01/01/2026"
    assert trial_cards[-1] == _("… and {count} more").format(count=1)

    view.board.select(
        view.board.columns[IntroductionStatus.TRIAL].cards.item(0).data(Qt.ItemDataRole.UserRole)
    )
    assert view.history.title.text() == "Garage Lefèvre — Studio Lumière SARL"

    more = view.board.columns[IntroductionStatus.TRIAL].cards.item(2)
    with qtbot.waitSignal(view.loaded):
        view.board.columns[IntroductionStatus.TRIAL].cards.itemClicked.emit(more)
    assert view.mode == "table" and view.status_filter.currentData() == "trial"
    assert view.model.total == 3
    assert QSettings(ORGANISATION, APPLICATION).value(MODE_KEY) == "table"


def test_the_mode_and_the_text_filter_are_remembered_and_applied(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = shown(qtbot, ctx, tasks)
    with qtbot.waitSignal(view.loaded, timeout=2_000):
        qtbot.keyClicks(view.filter_edit, "salon")
    assert sorted(clients(view)) == ["Boulangerie Dupont", "Client 0000", "Client 0010"]
    view.set_mode("board")

    again = shown(qtbot, ctx, tasks)

    assert again.mode == "board" and again.stack.currentWidget() is again.board
    assert not again.status_filter.isEnabled()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_dialog_opens_in_french_and_english(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner, language: str
) -> None:
    with pipeline_ledger(tmp_path, language=language) as context:
        view = shown(qtbot, context, tasks)
        view.set_mode("board")
        view.set_mode("table")
        select(view, "Garage Lefèvre")
        for name in ("newIntroduction", "won", "lost", "convert"):
            click(qtbot, view, name)
            assert view.dialog is not None and view.dialog.isVisible()
            assert view.dialog.windowTitle()
            view.dialog.reject()
        select(view, "Boulangerie Dupont")
        click(qtbot, view, "trial")
        assert isinstance(view.dialog, EngagementDialog)
        assert all(isinstance(f, QLineEdit) for f in (view.dialog.start_field, view.dialog.amount))
        view.dialog.reject()
        view.close()
