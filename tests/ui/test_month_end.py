"""A month end in the desktop app, through its widgets only: from a new introduction to an
issued invoice and its payment, checking the screen and the ledger at each step.

The ledger is the pipeline one (the « Atelier » agreement: 20 % of monthly revenue for 12 months
from the trial's start, trial and conversion covered), on 2 March 2026, in French: February is
the month to close.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.enums import IntroductionStatus, RevenueStatus
from apporteur_desktop.domain.invoices import InvoiceState
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.services import invoice_views
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.introductions import introduction_details, list_introductions
from apporteur_desktop.services.listing import ListQuery
from apporteur_desktop.storage import repository
from apporteur_desktop.ui.dialogs.engagement import DateDialog, EngagementDialog
from apporteur_desktop.ui.dialogs.issue_invoices import IssueInvoicesDialog
from apporteur_desktop.ui.dialogs.new_introduction import NewIntroductionDialog
from apporteur_desktop.ui.dialogs.payment import PaymentDialog
from apporteur_desktop.ui.main_window import MainWindow
from apporteur_desktop.ui.views.commissions import CommissionsView
from apporteur_desktop.ui.views.introductions import IntroductionsView
from apporteur_desktop.ui.views.invoices import InvoicesView
from apporteur_desktop.ui.views.revenue import RevenueView
from tests.services.pipeline_ledgers import pipeline_ledger

from .commission_fixtures import saved_lines
from .settings_fixtures import finish_tasks, type_over

CLIENT = "Cafe du Port"
FEBRUARY = Period(2026, 2)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with pipeline_ledger(tmp_path, language="fr") as context:
        yield context


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> Iterator[MainWindow]:
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    shown.activateWindow()  # the keyboard goes to it, as to the window the user works in
    qtbot.waitActive(shown)
    yield shown
    shown.tasks.wait()


def closed(dialog: QDialog) -> bool:
    # A dialog that closes on success is deleted with it.
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def go_to(qtbot: QtBot, window: MainWindow, label: str) -> object:
    """Click the sidebar entry named ``label``, as the user would."""
    # The last dialog has closed: the window is the active one again (the offscreen platform
    # has no window manager to hand the focus back).
    window.activateWindow()
    qtbot.waitActive(window)
    row = next(r for r in range(window.sidebar.count()) if window.sidebar.item(r).text() == label)
    rect = window.sidebar.visualItemRect(window.sidebar.item(row))
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    finish_tasks(qtbot, window.tasks)
    return window.current_view()


def press(qtbot: QtBot, view: IntroductionsView, name: str) -> None:
    button = view.findChild(QPushButton, f"{name}Button")
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def record_step(qtbot: QtBot, view: IntroductionsView, name: str, day: str) -> None:
    press(qtbot, view, name)
    dialog = view.dialog
    assert isinstance(dialog, DateDialog)
    type_over(qtbot, dialog.on, day)
    qtbot.keyClick(dialog.on, Qt.Key.Key_Return)
    finish_tasks(qtbot, view.tasks)
    assert closed(dialog)


def record_contract(
    qtbot: QtBot, view: IntroductionsView, name: str, start: str, amount: str
) -> None:
    press(qtbot, view, name)
    dialog = view.dialog
    assert isinstance(dialog, EngagementDialog)
    type_over(qtbot, dialog.start_field, start)
    type_over(qtbot, dialog.amount, amount)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, view.tasks)
    assert closed(dialog)


def introduce(qtbot: QtBot, window: MainWindow) -> IntroductionsView:
    view = go_to(qtbot, window, "Mises en relation")
    assert isinstance(view, IntroductionsView)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N
    dialog = view.dialog
    assert isinstance(dialog, NewIntroductionDialog) and dialog.isVisible()
    dialog.agreement.setCurrentIndex(
        dialog.agreement.findText("Atelier", Qt.MatchFlag.MatchStartsWith)
    )
    qtbot.keyClicks(dialog.client.lineEdit(), CLIENT)
    type_over(qtbot, dialog.introduced_on, "05/01/2026")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, window.tasks)
    assert closed(dialog)
    selected = view.selected_row()
    assert selected is not None and selected.client == CLIENT
    return view


def confirm_revenue(qtbot: QtBot, window: MainWindow) -> RevenueView:
    view = go_to(qtbot, window, "Chiffre d’affaires")
    assert isinstance(view, RevenueView)
    qtbot.waitUntil(lambda: view.model.period == FEBRUARY, timeout=10_000)
    row = next(r for r in range(view.model.rowCount()) if view.model.line(r).client == CLIENT)
    assert view.model.line(row).expected == Decimal("800.00")  # the trial's price, pre-filled
    qtbot.mouseClick(view.confirm_button, Qt.MouseButton.LeftButton)  # the figure is right
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    assert not view.has_unsaved_changes()
    return view


def save_commissions(qtbot: QtBot, window: MainWindow) -> CommissionsView:
    view = go_to(qtbot, window, "Commissions")
    assert isinstance(view, CommissionsView)
    assert view.chosen_range() == (FEBRUARY, FEBRUARY)  # the month to close, by default
    for button in (view.preview_button, view.save_button):
        with qtbot.waitSignal(view.tasks.busy_changed, check_params_cb=lambda busy: not busy):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return view


def issue(qtbot: QtBot, view: CommissionsView) -> IssueInvoicesDialog:
    qtbot.mouseClick(view.invoice_button, Qt.MouseButton.LeftButton)
    dialog = view.issue_dialog
    assert isinstance(dialog, IssueInvoicesDialog)
    qtbot.waitUntil(lambda: dialog.preview.currentWidget() is dialog.pdf_view, timeout=10_000)
    assert [draft.counterparty for draft in dialog.drafts] == ["Atelier Numérique SAS"]
    qtbot.waitUntil(lambda: dialog.issue_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.issued), timeout=10_000)
    return dialog


def pay(qtbot: QtBot, window: MainWindow, number: str) -> InvoicesView:
    view = go_to(qtbot, window, "Factures")
    assert isinstance(view, InvoicesView)
    qtbot.waitUntil(lambda: any(v.number == number for v in view.listed_invoices()))
    row = [v.number for v in view.listed_invoices()].index(number)
    view.table.selectRow(row)
    qtbot.mouseClick(view.findChild(QPushButton, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    dialog = view.findChild(PaymentDialog)
    assert dialog is not None and dialog.amount.text() == "160,00"  # what is left to pay: all of it
    with qtbot.waitSignals([dialog.accepted, view.loaded], timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return view


def test_from_a_new_introduction_to_a_paid_invoice(
    qtbot: QtBot, window: MainWindow, ctx: AppContext
) -> None:
    # The pipeline: introduced, qualified, met, a trial in February, then the long-term contract.
    introductions = introduce(qtbot, window)
    record_step(qtbot, introductions, "qualify", "06/01/2026")
    record_step(qtbot, introductions, "meeting", "20/01/2026")
    record_contract(qtbot, introductions, "trial", "01/02/2026", "800")
    record_contract(qtbot, introductions, "convert", "01/03/2026", "1 000")
    (row,) = list_introductions(ctx, ListQuery(text=CLIENT), 0, 5).rows
    assert row.status is IntroductionStatus.WON
    assert row.introduced_on == date(2026, 1, 5)
    assert [step.status for step in introduction_details(ctx, row.id).history] == [
        IntroductionStatus.QUALIFIED,
        IntroductionStatus.MEETING,
        IntroductionStatus.TRIAL,
        IntroductionStatus.WON,
    ]

    # February's revenue: the trial's 800 € confirmed in the grid.
    confirm_revenue(qtbot, window)
    trial = introduction_details(ctx, row.id).engagements[0]
    with ctx.ledger.transaction(write=False) as session:
        entries = repository.list_revenue(session, trial.id)
    assert [(e.period, e.amount, e.status) for e in entries] == [
        (FEBRUARY, Decimal("800.00"), RevenueStatus.CONFIRMED)
    ]

    # The commission: 20 % of 800 €, previewed, saved, then invoiced; I am under the VAT
    # franchise (« TVA non applicable, art. 293 B du CGI »): no VAT on top.
    commissions = save_commissions(qtbot, window)
    assert saved_lines(ctx, FEBRUARY, FEBRUARY) == [("2026-02", Decimal("160.00"))]
    dialog = issue(qtbot, commissions)
    (invoice,) = dialog.issued
    assert invoice.number and invoice.gross_total == Decimal("160.00")
    assert invoice.number in dialog.message.text()
    dialog.accept()

    # The provider pays: the invoice is paid, on screen and in the ledger.
    invoices = pay(qtbot, window, invoice.number)
    shown = next(v for v in invoices.listed_invoices() if v.number == invoice.number)
    assert shown.state is InvoiceState.PAID
    (stored,) = invoice_views.list_invoices(ctx, [InvoiceState.PAID])
    assert stored.number == invoice.number and stored.outstanding == 0
