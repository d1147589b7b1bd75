"""The « Factures » view, driven as a user would: filter, select, pay, cancel, open, export.

Each workflow checks the screen and then the ledger, through the services.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt, QUrl
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.invoices import DocumentKind, InvoiceState, PaymentMethod
from apporteur_desktop.formatting import money_text
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.invoice_views import archived_pdf, get_invoice, list_invoices
from apporteur_desktop.ui.dialogs.cancel_invoice import CancelInvoiceDialog
from apporteur_desktop.ui.dialogs.payment import PaymentDialog, parse_amount
from apporteur_desktop.ui.models.invoice_table import PAGE_SIZE, Column, warning_colour
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.invoices import COLUMNS_KEY, InvoicesView

from .invoice_fixtures import EveryState, draft_provider, ledger_in_every_state, ledger_with_drafts

Ledger = tuple[AppContext, EveryState]


@pytest.fixture(autouse=True)
def forget_columns() -> None:
    QSettings(ORGANISATION, APPLICATION).remove(COLUMNS_KEY)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with ledger_in_every_state(tmp_path) as made:
        yield made


@pytest.fixture
def tasks(ledger: Ledger) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()  # before the ledger closes


class Desktop:
    """What the view would hand to the desktop: URLs to open, and the file the user picks."""

    def __init__(self, save_to: Path | None = None) -> None:
        self.opened: list[QUrl] = []
        self.save_to = save_to

    def open_url(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True

    def choose_save_path(self, parent: object, title: str, proposed: str, kinds: str) -> str:
        return "" if self.save_to is None else str(self.save_to)


def shown(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, desktop: Desktop | None = None
) -> InvoicesView:
    desktop = desktop or Desktop()
    view = InvoicesView(
        ctx, tasks, open_url=desktop.open_url, choose_save_path=desktop.choose_save_path
    )
    qtbot.addWidget(view)
    view.resize(1100, 520)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()  # the first show loads the list
    return view


@pytest.fixture
def view(qtbot: QtBot, ledger: Ledger, tasks: TaskRunner) -> InvoicesView:
    return shown(qtbot, ledger[0], tasks)


def column(view: InvoicesView, which: Column) -> list[str]:
    proxy = view.proxy
    return [proxy.index(row, which).data() for row in range(proxy.rowCount())]


def select(view: InvoicesView, number: str) -> None:
    view.table.selectRow(column(view, Column.NUMBER).index(number))
    selected = view.selected_invoice()
    assert selected is not None and (selected.number or "—") == number


def cell(view: InvoicesView, number: str, which: Column) -> str:
    return column(view, which)[column(view, Column.NUMBER).index(number)]


def test_the_list_shows_every_document_newest_first_in_french(view: InvoicesView) -> None:
    assert column(view, Column.NUMBER) == [
        "—",  # the draft: not issued yet, so newest
        "2026-0006",
        "2026-0005",
        "2026-0004",
        "2026-0003",
        "2026-0002",
        "2026-0001",
        "PG-2026-07",
    ]
    assert column(view, Column.STATE) == [
        "brouillon",
        "partiellement payée",
        "émise",
        "payée",
        "en retard",
        "annulée",
        "payée",
        "en retard",
    ]
    assert cell(view, "2026-0004", Column.KIND) == "avoir"
    assert cell(view, "2026-0003", Column.KIND) == "facture"
    assert cell(view, "2026-0006", Column.DATE) == "10/05/2026"
    assert cell(view, "2026-0006", Column.DUE) == "09/06/2026"
    assert cell(view, "2026-0006", Column.TOTAL) == money_text(Decimal("620.00"), "fr")
    assert cell(view, "2026-0006", Column.PAID) == money_text(Decimal("100.00"), "fr")
    assert cell(view, "2026-0006", Column.LEFT_TO_PAY) == "520,00\xa0€"
    heading = view.model.headerData(Column.LEFT_TO_PAY, Qt.Orientation.Horizontal)
    assert heading == "Reste à payer"
    amount = view.proxy.index(1, Column.TOTAL)
    assert amount.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert view.count_label.text().endswith("8")


def test_overdue_states_stand_out_in_a_colour_that_suits_the_palette(view: InvoicesView) -> None:
    row = column(view, Column.NUMBER).index("2026-0003")
    overdue = view.proxy.index(row, Column.STATE)
    issued = view.proxy.index(column(view, Column.NUMBER).index("2026-0005"), Column.STATE)
    assert overdue.data(Qt.ItemDataRole.ForegroundRole).color() == warning_colour(view.palette())
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    assert issued.data(Qt.ItemDataRole.ForegroundRole) is None
    light, dark = QPalette(Qt.GlobalColor.white), QPalette(Qt.GlobalColor.black)
    light.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.white)
    dark.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.black)
    assert warning_colour(light).lightness() < 128 < warning_colour(dark).lightness()


def choose_state(qtbot: QtBot, view: InvoicesView, state: InvoiceState | None) -> None:
    combo: QComboBox = view.state_combo
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        combo.setCurrentIndex(combo.findData(state))


def test_the_state_filter_and_the_text_filter_narrow_the_rows(
    qtbot: QtBot, view: InvoicesView
) -> None:
    choose_state(qtbot, view, InvoiceState.OVERDUE)
    assert column(view, Column.NUMBER) == ["2026-0003", "PG-2026-07"]
    assert view.state_combo.currentText() == "En retard"
    qtbot.keyClicks(view.filter_edit, "verdier")
    assert column(view, Column.COUNTERPARTY) == ["Cabinet Verdier"]
    assert view.count_label.text().endswith("1")
    choose_state(qtbot, view, None)  # every state, still « verdier »
    assert column(view, Column.NUMBER) == ["2026-0003"]
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, "STUDIO")  # the case does not matter
    assert column(view, Column.NUMBER) == ["2026-0004", "2026-0002"]
    view.filter_edit.clear()
    qtbot.keyClicks(view.filter_edit, "pg-2026")
    assert column(view, Column.NUMBER) == ["PG-2026-07"]


def test_actions_follow_the_selected_document(view: InvoicesView) -> None:
    def enabled() -> tuple[bool, bool, bool]:
        return (
            view.open_action.isEnabled(),
            view.pay_action.isEnabled(),
            view.cancel_action.isEnabled(),
        )

    assert enabled() == (False, False, False)  # nothing selected
    assert view.export_action.isEnabled()
    expected = {
        "—": (False, False, False),  # a draft: no file, nothing to pay, nothing to cancel
        "2026-0001": (True, False, True),  # paid: can still be cancelled
        "2026-0002": (True, False, False),  # already cancelled
        "2026-0003": (True, True, True),  # overdue
        "2026-0004": (True, False, False),  # a credit note: never cancelled itself
        "2026-0006": (True, True, True),  # partly paid
        "PG-2026-07": (False, True, False),  # received: paid here, cancelled by its sender
    }
    for number, actions in expected.items():
        select(view, number)
        assert enabled() == actions, number
        assert view.findChild(object, "recordPaymentButton").isEnabled() == actions[1]
    menu = view.context_menu()
    assert [a.objectName() for a in menu.actions() if not a.isSeparator()] == [
        "openPdfAction",
        "recordPaymentAction",
        "cancelInvoiceAction",
        "exportCsvAction",
    ]


def next_tab_stop(widget: QWidget) -> QWidget:
    """Where Tab goes from ``widget``: the next widget in the chain that takes focus by Tab."""
    following = widget.nextInFocusChain()
    while not following.focusPolicy() & Qt.FocusPolicy.TabFocus or not following.isEnabled():
        following = following.nextInFocusChain()
    return following


def test_every_button_has_a_tooltip_a_mnemonic_and_a_place_in_the_tab_order(
    view: InvoicesView,
) -> None:
    mnemonics = set()
    for button in view.buttons:
        assert button.toolTip()
        mnemonics.add(QKeySequence.mnemonic(button.text()).toString())
    assert len(mnemonics) == len(view.buttons) and "" not in mnemonics
    assert next_tab_stop(view.buttons[-1]) is view.filter_edit
    assert next_tab_stop(view.filter_edit) is view.state_combo
    assert next_tab_stop(view.state_combo) is view.table
    assert view.focusProxy() is view.table


def open_payment(qtbot: QtBot, view: InvoicesView, number: str) -> PaymentDialog:
    select(view, number)
    qtbot.mouseClick(view.findChild(object, "recordPaymentButton"), Qt.MouseButton.LeftButton)
    dialog = view.findChild(PaymentDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_recording_a_payment_through_the_dialog_pays_the_invoice(
    qtbot: QtBot, view: InvoicesView, ledger: Ledger
) -> None:
    ctx, _docs = ledger
    dialog = open_payment(qtbot, view, "2026-0003")
    assert dialog.amount.text() == "440,00"  # what is left, as a French user types it
    assert dialog.paid_on.date() == QDate(2026, 5, 10)  # today, from the ledger's clock
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "440,00")
    dialog.method.setCurrentIndex(dialog.method.findData(PaymentMethod.CHEQUE))
    qtbot.keyClicks(dialog.note, "cheque 1234")
    with qtbot.waitSignals([dialog.accepted, view.loaded], timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert cell(view, "2026-0003", Column.STATE) == "payée"
    assert cell(view, "2026-0003", Column.LEFT_TO_PAY) == "0,00\xa0€"
    assert view.selected_invoice() is not None
    assert view.selected_invoice().number == "2026-0003"  # type: ignore[union-attr]
    assert "2026-0003" in view.message.text()
    paid = get_invoice(ctx, "2026-0003")
    assert (paid.state, paid.paid, paid.outstanding) == (InvoiceState.PAID, Decimal("440.00"), 0)


def test_a_refused_payment_shows_each_problem_next_to_its_field_and_saves_nothing(
    qtbot: QtBot, view: InvoicesView, ledger: Ledger
) -> None:
    ctx, _docs = ledger
    dialog = open_payment(qtbot, view, "2026-0006")  # 620.00, 100.00 paid, 520.00 left
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "600,00")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_text("amount") != "", timeout=10_000)
    assert dialog.error_text("amount") == "600 dépasse les 520.00 restant à payer"
    assert dialog.errors["amount"].isVisible()
    assert dialog.error_text("date") == "" and not dialog.errors["date"].isVisible()
    assert dialog.isVisible()  # still open, to correct

    # A date before the invoice's: the message goes under the date, not the amount.
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "50")
    dialog.paid_on.setDate(QDate(2026, 5, 1))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_text("date") != "", timeout=10_000)
    assert dialog.errors["date"].isVisible()
    assert dialog.error_text("amount") == "" and not dialog.errors["amount"].isVisible()

    # Not a number: said at once, without asking the ledger.
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "cinquante")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("amount") == "cinquante n’est pas un nombre"
    assert dialog.isVisible()
    view.tasks.wait()
    unchanged = get_invoice(ctx, "2026-0006")
    assert (unchanged.paid, unchanged.state) == (Decimal("100.00"), InvoiceState.PARTLY_PAID)


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("1 234,56", "fr", "1234.56"),
        ("1\u202f234,5 €", "fr", "1234.5"),
        ("12.5", "fr", "12.5"),
        ("1,234.56", "en", "1234.56"),
        ("€12", "en", "12"),
        ("", "fr", None),
        ("NaN", "fr", None),
        ("1,2,3", "fr", None),
    ],
)
def test_amounts_are_read_as_the_user_writes_them(
    typed: str, language: str, expected: str | None
) -> None:
    parsed = parse_amount(typed, language)
    assert parsed == (None if expected is None else Decimal(expected))


def test_cancelling_issues_a_credit_note_that_shows_in_the_list(
    qtbot: QtBot, view: InvoicesView, ledger: Ledger
) -> None:
    ctx, _docs = ledger
    select(view, "2026-0005")
    qtbot.mouseClick(view.findChild(object, "cancelInvoiceButton"), Qt.MouseButton.LeftButton)
    dialog = view.findChild(CancelInvoiceDialog)
    assert dialog is not None and dialog.isVisible()
    assert not dialog.issue_button.isEnabled()  # the reason is required
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.issue_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "Wrong amount")
    assert dialog.issue_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert cell(view, "2026-0005", Column.STATE) == "annulée"
    assert cell(view, "2026-0007", Column.KIND) == "avoir"
    assert cell(view, "2026-0007", Column.COUNTERPARTY) == "Web Artisans SAS"
    assert view.selected_invoice().number == "2026-0007"  # type: ignore[union-attr]
    box = view.findChild(QMessageBox, "creditNoteMessage")
    assert box is not None
    assert box.text() == "Avoir 2026-0007 émis, annulant 2026-0005\u202f: 360,00\xa0€"
    credit = get_invoice(ctx, "2026-0007")
    assert (credit.kind, credit.cites, credit.notes) == (
        DocumentKind.CREDIT_NOTE,
        ("2026-0005",),
        "Wrong amount",
    )
    assert get_invoice(ctx, "2026-0005").state is InvoiceState.CANCELLED


def test_double_click_and_enter_open_a_copy_of_the_archived_pdf(
    qtbot: QtBot, ledger: Ledger, tasks: TaskRunner
) -> None:
    ctx, _docs = ledger
    desktop = Desktop()
    view = shown(qtbot, ctx, tasks, desktop)
    row = column(view, Column.NUMBER).index("2026-0001")
    where = view.table.visualRect(view.proxy.index(row, Column.COUNTERPARTY)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert len(desktop.opened) == 1
    copy = Path(desktop.opened[0].toLocalFile())
    assert copy.name == "2026-0001.pdf"
    assert copy.read_bytes() == archived_pdf(ctx, "2026-0001")
    assert copy.parent != ctx.paths.archive_dir  # never the archived file itself
    select(view, "2026-0003")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert Path(desktop.opened[-1].toLocalFile()).name == "2026-0003.pdf"
    select(view, "—")  # a draft has no file: nothing opens
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert len(desktop.opened) == 2


def test_the_csv_export_writes_the_listed_rows_with_plain_amounts(
    qtbot: QtBot, ledger: Ledger, tasks: TaskRunner, tmp_path: Path
) -> None:
    ctx, _docs = ledger
    view = shown(qtbot, ctx, tasks, Desktop(save_to=tmp_path / "factures"))
    qtbot.mouseClick(view.findChild(object, "exportCsvButton"), Qt.MouseButton.LeftButton)
    with (tmp_path / "factures.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][0] == "Numéro" and rows[0][-1] == "Échéance"
    assert [row[0] for row in rows[1:]] == [v.number for v in view.listed_invoices()]
    assert len(rows) == 1 + len(list_invoices(ctx))
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number["2026-0006"] == [
        "2026-0006",
        "2026-05-10",
        "Agence Horizon",
        "facture",
        "partiellement payée",
        "620.00",
        "100.00",
        "520.00",
        "2026-06-09",
    ]
    assert by_number[""][1] == "" and by_number[""][4] == "brouillon"  # the draft
    # Only what the filter lets through.
    qtbot.keyClicks(view.filter_edit, "lumi")
    qtbot.mouseClick(view.findChild(object, "exportCsvButton"), Qt.MouseButton.LeftButton)
    with (tmp_path / "factures.csv").open(encoding="utf-8", newline="") as stream:
        assert [row[0] for row in list(csv.reader(stream))[1:]] == ["2026-0004", "2026-0002"]
    assert str(tmp_path / "factures.csv") in view.message.text()


def test_the_column_widths_are_remembered(
    qtbot: QtBot, view: InvoicesView, ledger: Ledger, tasks: TaskRunner
) -> None:
    view.table.horizontalHeader().resizeSection(Column.NUMBER, 173)
    view.table.horizontalHeader().resizeSection(Column.DUE, 131)
    view.table.sortByColumn(Column.TOTAL, Qt.SortOrder.AscendingOrder)
    assert QSettings(ORGANISATION, APPLICATION).value(COLUMNS_KEY) is not None
    again = shown(qtbot, ledger[0], tasks)
    assert again.table.horizontalHeader().sectionSize(Column.NUMBER) == 173
    assert again.table.horizontalHeader().sectionSize(Column.DUE) == 131
    # The order chosen by clicking a heading comes back too: the smallest total first.
    assert column(again, Column.NUMBER)[:2] == ["—", "2026-0001"]  # 180.00, 200.00


def test_the_view_speaks_english_when_asked(qtbot: QtBot, tmp_path: Path) -> None:
    with ledger_in_every_state(tmp_path, language="en") as (ctx, _docs):
        runner = TaskRunner()
        view = shown(qtbot, ctx, runner)
        headings = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(Column))]
        assert headings[:5] == ["Number", "Date", "Counterparty", "Kind", "Status"]
        assert cell(view, "PG-2026-07", Column.KIND) == "received invoice"
        assert cell(view, "2026-0006", Column.LEFT_TO_PAY) == "€520.00"
        assert view.count_label.text() == "Documents: 8"
        assert view.open_action.text() == "Open the &PDF"
        runner.wait()


def test_450_documents_arrive_a_page_at_a_time_and_sort_as_a_whole(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with ledger_with_drafts(tmp_path, 450) as ctx:
        runner = TaskRunner()
        view = shown(qtbot, ctx, runner)
        model, root = view.model, QModelIndex()
        assert len(model.all_invoices()) == 450 and view.count_label.text().endswith("450")
        assert model.rowCount() == PAGE_SIZE and model.canFetchMore(root)
        view.table.scrollToBottom()  # the table asks for the next page itself
        qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE)
        model.fetchMore(root)
        assert model.rowCount() == 450 and not model.canFetchMore(root)
        model.fetchMore(root)  # nothing left: nothing happens
        assert model.rowCount() == 450

        # Sorting covers the documents not fetched yet: the smallest comes first.
        with ledger_with_drafts(tmp_path / "again", 450) as fresh:
            other = shown(qtbot, fresh, runner)
            assert other.model.rowCount() == PAGE_SIZE
            assert draft_provider(0) not in column(other, Column.COUNTERPARTY)
            other.table.sortByColumn(Column.TOTAL, Qt.SortOrder.AscendingOrder)
            assert column(other, Column.COUNTERPARTY)[0] == draft_provider(0)
            assert column(other, Column.TOTAL)[0] == "200,00\xa0€"
            assert other.model.rowCount() == PAGE_SIZE
            # The filter finds what is not fetched yet (the largest, now last).
            qtbot.keyClicks(other.filter_edit, draft_provider(449))
            assert column(other, Column.COUNTERPARTY) == [draft_provider(449)]
            assert other.count_label.text().endswith(" 1")
            runner.wait()


def test_writing_actions_wait_while_another_task_runs(qtbot: QtBot, view: InvoicesView) -> None:
    select(view, "2026-0003")
    assert view.pay_action.isEnabled()
    gate = threading.Event()
    assert view.tasks.start(gate.wait, lambda _result: None, lambda _failure: None)
    try:  # as while another view issues a month's invoices
        assert not view.pay_action.isEnabled() and not view.cancel_action.isEnabled()
        assert view.open_action.isEnabled()  # reading the archive does not wait
    finally:
        gate.set()
    qtbot.waitUntil(lambda: view.pay_action.isEnabled(), timeout=10_000)
    assert view.cancel_action.isEnabled()


def test_show_item_lists_and_selects_a_document_hidden_by_the_filters(
    qtbot: QtBot, view: InvoicesView
) -> None:
    wanted = next(v.id for v in view.model.all_invoices() if v.number == "2026-0002")
    choose_state(qtbot, view, InvoiceState.OVERDUE)
    qtbot.keyClicks(view.filter_edit, "verdier")
    assert column(view, Column.NUMBER) == ["2026-0003"]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_item(wanted)  # as the global search does
    selected = view.selected_invoice()
    assert selected is not None and selected.number == "2026-0002"
    assert view.filter_edit.text() == "" and view.state_combo.currentIndex() == 0
