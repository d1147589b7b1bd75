"""The « Commissions » view: preview, save, explain, invoice the period — through the widgets."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, QSize, Qt, QUrl
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.invoices import InvoiceState
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.formatting import money_text
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services import commissions, invoice_views
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.errors import UserError
from apporteur_desktop.services.wording import word_failure
from apporteur_desktop.ui.dialogs.issue_invoices import IssueInvoicesDialog
from apporteur_desktop.ui.models.commission_table import KEYS, PAGE, CommissionTableModel
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.commissions import CommissionsView
from tests.services.invoicing_ledgers import MARCH, agreement, ledger_file, ready_ledger
from tests.ui import commission_fixtures as fx
from tests.ui.commission_fixtures import AMOUNT, choose, click_and_wait, shown_lines, shown_view

JANUARY, FEBRUARY = Period(2026, 1), Period(2026, 2)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with fx.worked_examples(tmp_path) as context:
        yield context


@pytest.fixture
def view(qtbot: QtBot, ctx: AppContext) -> Iterator[CommissionsView]:
    shown = shown_view(qtbot, ctx)
    yield shown
    fx.finish_tasks(shown)


def test_the_range_starts_on_last_month(view: CommissionsView) -> None:
    assert view.chosen_range() == (Period(2026, 3), Period(2026, 3))  # today is 10 April 2026
    assert view.first_edit.displayFormat() == "MM/yyyy"
    assert not view.save_button.isEnabled()
    for control in (view.first_edit, view.last_edit, view.direction_box, view.preview_button):
        assert control.toolTip() and control.focusPolicy() & Qt.FocusPolicy.TabFocus
    # Each picker has a label whose mnemonic (Alt+letter) reaches it.
    buddies = {label.buddy() for label in view.findChildren(QLabel) if label.buddy()}
    assert buddies == {view.first_edit, view.last_edit, view.direction_box}


def test_column_widths_are_remembered(qtbot: QtBot, view: CommissionsView, ctx: AppContext) -> None:
    client = KEYS.index("client")
    view.table.setColumnWidth(client, 222)
    view.hide()
    again = shown_view(qtbot, ctx)
    assert again.table.columnWidth(client) == 222


def test_a_preview_shows_the_worked_examples_and_saves_nothing(
    qtbot: QtBot, view: CommissionsView, ctx: AppContext
) -> None:
    choose(view, JANUARY, FEBRUARY)
    click_and_wait(qtbot, view, view.preview_button)
    lines = shown_lines(view)
    example_a = [(period, amount) for name, period, amount in lines if name == "Example A"]
    assert example_a == [("2026-01", Decimal("160.00")), ("2026-02", Decimal("240.00"))]
    assert ("Example C", "2026-02", Decimal("240.00")) in lines
    # The amount column reads as a French reader expects it.
    first_a = next(row for row, line in enumerate(lines) if line[0] == "Example A")
    assert view.model.index(first_a, AMOUNT).data() == money_text(Decimal("160.00"), "fr")
    total = sum((amount for _name, _period, amount in lines), Decimal("0.00"))
    assert money_text(total, "fr") in view.totals.text()
    assert fx.saved_lines(ctx, JANUARY, FEBRUARY) == []


def test_save_adds_the_lines_once(qtbot: QtBot, view: CommissionsView, ctx: AppContext) -> None:
    choose(view, JANUARY, FEBRUARY)
    click_and_wait(qtbot, view, view.preview_button)
    previewed = shown_lines(view)
    click_and_wait(qtbot, view, view.save_button)
    saved = fx.saved_lines(ctx, JANUARY, FEBRUARY)
    assert len(saved) == len(previewed) == 10
    assert view.status.text() == "10 lignes ajoutées"
    assert shown_lines(view) == previewed  # the same lines, now saved
    click_and_wait(qtbot, view, view.save_button)
    assert fx.saved_lines(ctx, JANUARY, FEBRUARY) == saved
    assert "déjà enregistrées" in view.status.text()


def test_save_waits_for_a_preview_of_the_same_range(qtbot: QtBot, view: CommissionsView) -> None:
    assert not view.save_button.isEnabled()
    choose(view, JANUARY, JANUARY)
    click_and_wait(qtbot, view, view.preview_button)
    assert view.save_button.isEnabled()
    view.last_edit.setDate(QDate(2026, 2, 1))  # a range the user has not seen
    assert not view.save_button.isEnabled()
    view.save()  # Ctrl+S does nothing either
    assert not view.tasks.busy
    view.last_edit.setDate(QDate(2026, 1, 1))
    assert view.save_button.isEnabled()


def test_the_range_cannot_run_backwards(view: CommissionsView) -> None:
    choose(view, JANUARY, JANUARY)
    view.first_edit.setDate(QDate(2026, 5, 1))
    assert view.chosen_range() == (Period(2026, 5), Period(2026, 5))


def test_selecting_a_line_shows_its_explanation(qtbot: QtBot, view: CommissionsView) -> None:
    choose(view, MARCH, MARCH)
    click_and_wait(qtbot, view, view.preview_button)
    assert "Sélectionnez une ligne" in view.detail.text()
    lines = shown_lines(view)
    row = [(name, amount) for name, _period, amount in lines].index(
        ("Example F", Decimal("500.00"))
    )
    view.table.selectRow(row)
    # Example F crosses its bracket in March: the explanation says how 500.00 came about.
    text = view.detail.text()
    assert "Example F" in text and "10\u202f% × 2\u202f000,00\u00a0€" in text, text
    assert "15\u202f% × 2\u202f000,00\u00a0€" in text
    assert view.detail.wordWrap()
    view.table.clearSelection()
    view.table.setCurrentIndex(QModelIndex())
    assert "Sélectionnez une ligne" in view.detail.text()


def test_the_direction_filter_keeps_earned_and_owed_apart(qtbot: QtBot, tmp_path: Path) -> None:
    owed = agreement(
        "Girard", direction="owed", counterparty="Paul Girard", client="Garage Lefèvre"
    )
    content = ledger_file(agreements=[agreement(), owed])
    with ready_ledger(tmp_path, content, run_through=None) as ctx:
        view = shown_view(qtbot, ctx)
        choose(view, MARCH, MARCH)
        click_and_wait(qtbot, view, view.preview_button)
        assert {line.direction for line in fx.line_views(view)} == {"earned", "owed"}
        earned = money_text(Decimal("200.00"), "fr")
        assert view.totals.text().count(earned) == 2  # 200 earned, 200 owed: never added up
        view.direction_box.setCurrentIndex(view.direction_box.findData("owed"))
        assert [line.agreement for line in fx.line_views(view)] == ["Girard"]
        # Catalogue words: « Total à reverser », and no « Total gagné » any more.
        assert "Total à reverser" in view.totals.text() and "gagné" not in view.totals.text()
        fx.finish_tasks(view)


def test_the_run_shows_progress_keeps_the_window_alive_and_can_be_cancelled(
    qtbot: QtBot, view: CommissionsView, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_run = commissions.run_commissions

    def slow_run(*args: object, **kwargs: object) -> commissions.RunOutcome:
        release.wait(10)
        return real_run(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(commissions, "run_commissions", slow_run)
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    progress = view.findChild(QProgressDialog, "taskProgress")
    assert progress is not None
    qtbot.waitUntil(progress.isVisible)
    # While it runs, nothing can start a second task.
    assert view.tasks.busy
    assert not any(b.isEnabled() for b in (view.preview_button, view.invoice_button))
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert view.tasks.cancelled()
    release.set()
    qtbot.waitUntil(lambda: not view.tasks.busy)
    assert view.model.rowCount() == 0
    assert "Annulé" in view.status.text()
    assert view.preview_button.isEnabled() and not view.save_button.isEnabled()
    assert fx.saved_lines(ctx, MARCH, MARCH) == []


def test_the_table_model_pages_its_lines(qtmodeltester: object, tmp_path: Path) -> None:
    with fx.worked_examples(tmp_path) as ctx:
        outcome = commissions.run_commissions(ctx, JANUARY, Period(2026, 12), preview=True)
        one_year = commissions.report_run(ctx, outcome).lines
    model = CommissionTableModel(Translator("en"))
    many = [one_year[i % len(one_year)] for i in range(PAGE * 2 + 7)]
    model.set_lines(many)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(many) == model.shown_count()
    assert model.index(0, AMOUNT).data() == money_text(many[0].amount, "en")


# --- invoicing the period -------------------------------------------------------------------------


def test_the_month_end_path_from_preview_to_issued_invoice(qtbot: QtBot, tmp_path: Path) -> None:
    with ready_ledger(tmp_path, run_through=None) as ctx:
        view = shown_view(qtbot, ctx)
        assert view.chosen_range() == (MARCH, MARCH)  # today is 2 April 2026
        click_and_wait(qtbot, view, view.preview_button)
        click_and_wait(qtbot, view, view.save_button)
        assert fx.saved_lines(ctx, MARCH, MARCH) == [("2026-03", Decimal("200.00"))]
        dialog = fx.open_issue_dialog(qtbot, view)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
        assert dialog.table.item(0, 0).text() == "Atelier Numérique SAS"
        assert dialog.table.item(0, 1).text() == "Facture"
        assert dialog.table.item(0, 2).text() == money_text(Decimal("200.00"), "fr")
        qtbot.waitUntil(lambda: not view.tasks.busy)  # its preview is drawn
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
        assert dialog.findChild(QProgressDialog, "taskProgress") is not None  # issuing runs
        qtbot.waitUntil(lambda: bool(dialog.issued))
        issued = invoice_views.list_invoices(ctx, [InvoiceState.ISSUED])
        assert [invoice.number for invoice in issued] == ["2026-0001"]
        assert "2026-0001" in dialog.message.text()
        assert dialog.table.item(0, 3).text() == "2026-0001"
        assert not dialog.issue_button.isEnabled()
        dialog.reject()
        # The view shows the lines' new status.
        qtbot.waitUntil(lambda: not view.tasks.busy and fx.line_views(view)[0].status == "invoiced")
        fx.finish_tasks(view)


def test_a_ledger_without_identity_shows_the_refusal_and_issues_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with ready_ledger(tmp_path, ledger_file(identity=None)) as ctx:
        view = shown_view(qtbot, ctx)
        dialog = fx.open_issue_dialog(qtbot, view)
        box = fx.failure_box(dialog, qtbot)
        assert [box.text()] == word_failure(ctx.translator, UserError.of("no_identity"))
        assert dialog.drafts == () and not dialog.issue_button.isEnabled()
        assert invoice_views.list_invoices(ctx) == []
        fx.finish_tasks(view)


def test_missing_mentions_are_all_listed_and_nothing_is_issued(
    qtbot: QtBot, tmp_path: Path
) -> None:
    content = ledger_file(identity={"name": "Jeanne Martin", "sole_trader": True})
    content["parties"][0] = {"kind": "provider", "name": "Atelier Numérique SAS"}
    with ready_ledger(tmp_path, content) as ctx:
        view = shown_view(qtbot, ctx)
        dialog = fx.open_issue_dialog(qtbot, view)
        qtbot.waitUntil(lambda: bool(dialog.drafts) and not view.tasks.busy)
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
        box = fx.failure_box(dialog, qtbot)
        problems = box.informativeText().splitlines()
        assert len(problems) == 3
        assert all(p.startswith("• Atelier Numérique SAS — ") for p in problems)
        assert invoice_views.list_invoices(ctx, [InvoiceState.ISSUED]) == []
        assert len(invoice_views.list_invoices(ctx, [InvoiceState.DRAFT])) == 1
        assert dialog.issue_button.isEnabled()  # fix the identity, then try again
        fx.finish_tasks(view)


def test_the_drafts_pdf_shows_inside_the_dialog_and_opens_in_the_viewer(
    qtbot: QtBot, tmp_path: Path
) -> None:
    opened: list[QUrl] = []
    with ready_ledger(tmp_path) as ctx:
        tasks = TaskRunner()
        dialog = fx.shown_dialog(
            qtbot, IssueInvoicesDialog(ctx, tasks, MARCH, open_url=opened.append)
        )
        qtbot.waitUntil(lambda: dialog.preview.currentWidget() is dialog.pdf_view)
        assert dialog.document.status() == QPdfDocument.Status.Ready
        assert dialog.document.pageCount() >= 1
        assert dialog.pdf_view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        # The page QtPdf draws is the draft: the counterparty's name is in its text.
        assert "Atelier" in dialog.document.getAllText(0).text()
        page = dialog.document.render(0, QSize(300, 424))
        assert len({page.pixel(x, y) for x in range(0, 300, 6) for y in range(0, 424, 6)}) > 2
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        (url,) = opened
        assert Path(url.toLocalFile()).read_bytes().startswith(b"%PDF")
        dialog.reject()  # closing without issuing leaves the draft a draft
        assert invoice_views.list_invoices(ctx, [InvoiceState.ISSUED]) == []
        assert len(invoice_views.list_invoices(ctx, [InvoiceState.DRAFT])) == 1
        assert tasks.wait()
