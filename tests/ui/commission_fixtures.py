"""Ledgers and helpers for the « Commissions » view tests, in the words of the view.

``worked_examples(folder)`` opens a ledger holding PRODUCT.md's worked examples, nothing saved;
``shown_view(qtbot, ctx)`` builds the view with its own task runner; ``choose`` sets the month
pickers as a user would; ``click_and_wait`` presses a button and waits for the task it starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.commissions import LineView
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.storage import line_reports
from apporteur_desktop.ui.dialogs.issue_invoices import IssueInvoicesDialog
from apporteur_desktop.ui.models.commission_table import COLUMNS, LINE_ROLE
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.commissions import CommissionsView
from tests.services.invoicing_ledgers import MovableClock, on

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "worked-examples.json"
AMOUNT = [key for key, _heading, _width in COLUMNS].index("amount")


@contextmanager
def worked_examples(folder: Path, today: date = date(2026, 4, 10)) -> Iterator[AppContext]:
    """The worked examples imported, no commission saved yet, on ``today``, in French."""
    clock = MovableClock(on(today))
    with open_context(str(folder / "data"), {}, Translator("fr"), clock) as ctx:
        import_ledger(ctx, EXAMPLES.read_text(encoding="utf-8"))
        yield ctx


def shown_view(qtbot: QtBot, ctx: AppContext) -> CommissionsView:
    view = CommissionsView(ctx, TaskRunner())
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    qtbot.waitExposed(view)
    return view


def finish_tasks(view: CommissionsView) -> None:
    """Let a task still running end before its ledger closes."""
    assert view.tasks.wait()


def choose(view: CommissionsView, first: Period, last: Period) -> None:
    view.first_edit.setDate(QDate(first.year, first.month, 1))
    view.last_edit.setDate(QDate(last.year, last.month, 1))


def click_and_wait(qtbot: QtBot, view: CommissionsView, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.objectName()
    with qtbot.waitSignal(view.tasks.busy_changed, check_params_cb=lambda busy: not busy):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shown_lines(view: CommissionsView) -> list[tuple[str, str, Decimal]]:
    """(agreement, period, amount) of every row the table holds, in its order."""
    model = view.model
    while model.canFetchMore():
        model.fetchMore()
    rows = []
    for row in range(model.rowCount()):
        line = model.data(model.index(row, 0), LINE_ROLE)
        rows.append((line.agreement, line.period, line.amount))
    return rows


def saved_lines(ctx: AppContext, first: Period, last: Period) -> list[tuple[str, Decimal]]:
    """(period, amount) of the lines the ledger holds for the range."""
    with ctx.ledger.transaction(write=False) as session:
        lines = line_reports.lines_between(session, first, last)
    return [(str(line.key.period), line.amount) for line in lines]


def failure_box(parent: QWidget, qtbot: QtBot) -> QMessageBox:
    """The message box show_failure opened over ``parent``."""
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "failureMessage") is not None)
    box = parent.findChild(QMessageBox, "failureMessage")
    assert box is not None
    return box


def line_views(view: CommissionsView) -> list[LineView]:
    shown_lines(view)  # fetches every page
    return [view.model.line(row) for row in range(view.model.rowCount())]


def open_issue_dialog(qtbot: QtBot, view: CommissionsView) -> IssueInvoicesDialog:
    qtbot.mouseClick(view.invoice_button, Qt.MouseButton.LeftButton)
    dialog = view.issue_dialog
    assert isinstance(dialog, IssueInvoicesDialog)
    return dialog


def shown_dialog(qtbot: QtBot, dialog: IssueInvoicesDialog) -> IssueInvoicesDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog
