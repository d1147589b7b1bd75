"""« Revenue of the month »: typing the month's figures in the grid and saving them at once."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.enums import RevenueStatus
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.formatting import money_text
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.revenue_month import SheetEntry, save_month
from apporteur_desktop.services.wording import coverage_reason
from apporteur_desktop.storage import repository
from apporteur_desktop.ui.models.revenue_sheet import AMOUNT, CLIENT, STATUS
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.revenue import RevenueView
from tests.services.revenue_ledgers import MARCH, engagement_of, month_ledger

FEBRUARY = Period(2026, 2)
Answer = QMessageBox.StandardButton


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with month_ledger(tmp_path, language="en") as context:
        yield context


@pytest.fixture
def french_ctx(tmp_path: Path) -> Iterator[AppContext]:
    with month_ledger(tmp_path, language="fr") as context:
        yield context


class Asked:
    """Stands in for the « unsaved changes » question: records it, gives a set answer."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def __call__(self, parent: QWidget, title: str, text: str) -> Answer:
        self.questions.append(text)
        return self.answer


def _open(qtbot: QtBot, ctx: AppContext, ask: Asked | None = None) -> RevenueView:
    tasks = TaskRunner()
    extra = {} if ask is None else {"ask_unsaved": ask}
    view = RevenueView(ctx, tasks, **extra)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitUntil(lambda: view.model.period is not None and not tasks.busy, timeout=10_000)
    return view


def _row(view: RevenueView, client: str) -> int:
    return next(
        row for row in range(view.model.rowCount()) if view.model.line(row).client == client
    )


def _type_in(qtbot: QtBot, view: RevenueView, client: str, text: str) -> None:
    """Go to the client's amount cell, open it with F2, type, and press Enter."""
    index = view.model.index(_row(view, client), AMOUNT)
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate hands the text over once the event loop runs again.
    qtbot.waitUntil(lambda: view.table.state() != QAbstractItemView.State.EditingState)


def _save(qtbot: QtBot, view: RevenueView) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)


def _march(ctx: AppContext, client: str) -> list[tuple[Decimal, RevenueStatus]]:
    engagement_id = engagement_of(ctx, client)
    with ctx.ledger.transaction(write=False) as session:
        return [
            (r.amount, r.status)
            for r in repository.list_revenue(session, engagement_id)
            if r.period == MARCH
        ]


def _revision_count(ctx: AppContext) -> int:
    with ctx.ledger.transaction(write=False) as session:
        return repository.count_entities(session)["revenue_entries"]


# --- opening --------------------------------------------------------------------------------------


def test_it_opens_on_last_month_with_a_line_per_running_engagement(
    qtbot: QtBot, ctx: AppContext
) -> None:
    view = _open(qtbot, ctx)  # today is 2 April 2026: March is the month to close
    assert view.shown_month() == MARCH
    assert view.month_name.text() == "March 2026"
    clients = [view.model.line(row).client for row in range(view.model.rowCount())]
    assert clients == ["Boulangerie Dupont", "Cabinet Leroy", "Garage Moreau", "Librairie Petit"]
    # Pre-filled: recorded, last month's, the monthly fee, nothing.
    amounts = [view.model.index(row, AMOUNT).data() for row in range(4)]
    assert amounts == ["€1,250.00", "€1,200.00", "€950.00", ""]
    assert view.total_label.text() == "Total of the month: €3,400.00"
    # Example B: marked in the grid, and said in words under it.
    leroy = view.model.index(_row(view, "Cabinet Leroy"), 0)
    reason = coverage_reason(ctx.translator, "conversion_not_covered")
    assert reason in leroy.data(Qt.ItemDataRole.ToolTipRole)
    assert leroy.data(Qt.ItemDataRole.DecorationRole) is not None
    assert view.warnings.isVisible() and reason in view.warnings.text()
    assert "Cabinet Leroy" in view.warnings.text()
    # A confirmed figure's status cannot become an estimate; the amount can be corrected.
    dupont = _row(view, "Boulangerie Dupont")
    assert not view.model.flags(view.model.index(dupont, STATUS)) & Qt.ItemFlag.ItemIsEditable
    assert view.model.flags(view.model.index(dupont, AMOUNT)) & Qt.ItemFlag.ItemIsEditable
    for control in (view.previous_button, view.next_button, view.confirm_button, view.save_button):
        assert control.toolTip()


def test_it_opens_in_french(qtbot: QtBot, french_ctx: AppContext) -> None:
    view = _open(qtbot, french_ctx)
    _ = french_ctx.translator.gettext
    assert view.month_name.text() == "Mars 2026"
    assert view.model.headerData(CLIENT, Qt.Orientation.Horizontal) == _("Client")
    assert view.model.index(0, AMOUNT).data() == money_text(Decimal("1250.00"), "fr")
    assert view.title.text() == _("Revenue of the month")


# --- typing and saving ----------------------------------------------------------------------------


def test_amounts_typed_in_the_grid_are_saved_all_at_once(
    qtbot: QtBot, french_ctx: AppContext
) -> None:
    view = _open(qtbot, french_ctx)
    _type_in(qtbot, view, "Garage Moreau", "1 250,50")
    # Enter moves down to the next line, ready for the next figure.
    assert view.table.currentIndex().row() == _row(view, "Librairie Petit")
    _type_in(qtbot, view, "Librairie Petit", "600")
    assert view.model.index(_row(view, "Garage Moreau"), AMOUNT).data() == money_text(
        Decimal("1250.50"), "fr"
    )
    assert view.has_unsaved_changes()
    _save(qtbot, view)
    # Typed figures are what the providers billed: confirmed.
    assert _march(french_ctx, "Garage Moreau") == [(Decimal("1250.50"), RevenueStatus.CONFIRMED)]
    assert _march(french_ctx, "Librairie Petit") == [(Decimal("600.00"), RevenueStatus.CONFIRMED)]
    # The lines not touched were not saved: Cabinet Leroy's expectation is still a guess.
    assert _march(french_ctx, "Cabinet Leroy") == []
    assert not view.has_unsaved_changes()
    assert view.model.line(_row(view, "Garage Moreau")).recorded == Decimal("1250.50")
    assert "2" in view.status.text()


def test_the_status_is_chosen_with_the_keyboard(qtbot: QtBot, ctx: AppContext) -> None:
    view = _open(qtbot, ctx)
    index = view.model.index(_row(view, "Cabinet Leroy"), STATUS)
    assert index.data() == "estimated"  # last month's figure is only a guess for this one
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # « confirmed » is above « estimated »
    assert index.data() == "confirmed"
    _save(qtbot, view)
    assert _march(ctx, "Cabinet Leroy") == [(Decimal("1200.00"), RevenueStatus.CONFIRMED)]
    # Example B: saved, and the user is told it earns nothing.
    assert "Cabinet Leroy" in view.status.text()


def test_confirm_all_then_save_records_every_pre_filled_line(qtbot: QtBot, ctx: AppContext) -> None:
    view = _open(qtbot, ctx)
    before = _revision_count(ctx)
    qtbot.mouseClick(view.confirm_button, Qt.MouseButton.LeftButton)
    assert view.status.text() == "2 lines marked confirmed: save to record them."
    _save(qtbot, view)
    assert _march(ctx, "Cabinet Leroy") == [(Decimal("1200.00"), RevenueStatus.CONFIRMED)]
    assert _march(ctx, "Garage Moreau") == [(Decimal("950.00"), RevenueStatus.CONFIRMED)]
    # Already confirmed: not recorded again. Nothing to go by: nothing saved.
    assert _march(ctx, "Boulangerie Dupont") == [(Decimal("1250.00"), RevenueStatus.CONFIRMED)]
    assert _march(ctx, "Librairie Petit") == []
    assert _revision_count(ctx) == before + 2


def test_a_correction_keeps_the_old_figure(qtbot: QtBot, ctx: AppContext) -> None:
    view = _open(qtbot, ctx)
    _type_in(qtbot, view, "Boulangerie Dupont", "1,100")
    _save(qtbot, view)
    assert _march(ctx, "Boulangerie Dupont") == [
        (Decimal("1250.00"), RevenueStatus.CONFIRMED),
        (Decimal("1100.00"), RevenueStatus.CONFIRMED),
    ]


# --- bad input ------------------------------------------------------------------------------------


def test_a_bad_amount_shows_red_says_why_and_saves_nothing(qtbot: QtBot, ctx: AppContext) -> None:
    view = _open(qtbot, ctx)
    before = _revision_count(ctx)
    _type_in(qtbot, view, "Garage Moreau", "12.345")
    _type_in(qtbot, view, "Librairie Petit", "abc")
    _type_in(qtbot, view, "Cabinet Leroy", "900")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert not view.tasks.busy  # nothing was even sent
    assert _revision_count(ctx) == before
    moreau = view.model.index(_row(view, "Garage Moreau"), AMOUNT)
    assert moreau.data(Qt.ItemDataRole.BackgroundRole) is not None  # the cell is red
    assert moreau.data() == "12.345"  # as typed, to be corrected
    text = view.problems.text()
    assert view.problems.isVisible()
    assert "Garage Moreau (Nantes): 12.345 has more than 2 decimal places" in text
    assert "Librairie Petit (Girard): abc is not a number" in text
    assert "0 or more" in text and "1,250.50" in text
    assert "Cabinet Leroy" not in text
    # The keyboard is on the first line to fix; fixing it clears its message.
    assert view.table.currentIndex().row() == _row(view, "Garage Moreau")
    _type_in(qtbot, view, "Garage Moreau", "12.35")
    assert "Garage Moreau" not in view.problems.text()


def test_a_line_the_ledger_refuses_is_named_and_nothing_is_saved(
    qtbot: QtBot, ctx: AppContext
) -> None:
    view = _open(qtbot, ctx)
    # Meanwhile, Garage Moreau's March figure was confirmed elsewhere (another window).
    save_month(ctx, MARCH, [SheetEntry(engagement_of(ctx, "Garage Moreau"), Decimal(950))])
    before = _revision_count(ctx)
    _type_in(qtbot, view, "Librairie Petit", "600")
    view.model.setData(view.model.index(_row(view, "Garage Moreau"), STATUS), "estimated")
    with qtbot.waitSignal(view.tasks.busy_changed, check_params_cb=lambda busy: not busy):
        view.save()
    assert _revision_count(ctx) == before  # Librairie Petit's good line waits too
    assert "Garage Moreau (Nantes): an estimate cannot replace" in view.problems.text()
    assert view.has_unsaved_changes()


# --- months ---------------------------------------------------------------------------------------


def test_previous_and_next_move_by_a_month(qtbot: QtBot, ctx: AppContext) -> None:
    view = _open(qtbot, ctx)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.shown_month() == FEBRUARY
    assert view.month_edit.date().month() == 2
    clients = {view.model.line(row).client for row in range(view.model.rowCount())}
    assert "Garage Moreau" not in clients  # it starts in March
    assert view.model.index(_row(view, "Cabinet Leroy"), AMOUNT).data() == "€1,200.00"
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.shown_month() == MARCH


def test_leaving_a_month_with_unsaved_amounts_asks_first(qtbot: QtBot, ctx: AppContext) -> None:
    ask = Asked(Answer.Cancel)
    view = _open(qtbot, ctx, ask)
    _type_in(qtbot, view, "Garage Moreau", "990")
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert ask.questions == ["Save the amounts changed for March 2026?"]
    assert view.shown_month() == MARCH and view.month_edit.date().month() == 3
    assert view.has_unsaved_changes()
    ask.answer = Answer.Save
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.shown_month() == FEBRUARY
    assert _march(ctx, "Garage Moreau") == [(Decimal("990.00"), RevenueStatus.CONFIRMED)]


def test_discarding_leaves_the_ledger_alone(qtbot: QtBot, ctx: AppContext) -> None:
    view = _open(qtbot, ctx, Asked(Answer.Discard))
    before = _revision_count(ctx)
    _type_in(qtbot, view, "Garage Moreau", "990")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.go_to(FEBRUARY)
    assert _revision_count(ctx) == before and not view.has_unsaved_changes()


def test_show_item_selects_the_engagement_s_line(qtbot: QtBot, ctx: AppContext) -> None:
    view = _open(qtbot, ctx)
    view.show_item(engagement_of(ctx, "Garage Moreau"))
    assert view.table.currentIndex().row() == _row(view, "Garage Moreau")
    view.show_item(999_999)
    assert view.table.currentIndex().row() == _row(view, "Garage Moreau")
    assert view.status.text() == "That engagement has no line in this month."
    assert view.table.currentIndex() != QModelIndex()


def test_show_item_before_the_sheet_is_read_selects_it_once_shown(
    qtbot: QtBot, ctx: AppContext
) -> None:
    view = RevenueView(ctx, TaskRunner())
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_item(engagement_of(ctx, "Librairie Petit"))  # the reminders open it so
    assert view.table.currentIndex().row() == _row(view, "Librairie Petit")
    assert view.table.currentIndex().column() == AMOUNT  # ready to type the figure
