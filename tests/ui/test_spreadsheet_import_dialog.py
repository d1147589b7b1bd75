"""« Importer un tableur… » driven as a user would: choose what and which file, fix the columns,
see the problems at their cells, import; then the ledger is checked through the services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.enums import PartyKind
from apporteur_desktop.exchange.spreadsheet import read_table
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.spreadsheet_import import (
    apply_import,
    guess_mapping,
    preview_import,
    word_row_problem,
)
from apporteur_desktop.storage import repository
from apporteur_desktop.ui.dialogs.spreadsheet_import import (
    FOLDER_KEY,
    GEOMETRY_KEY,
    SPLITTER_KEY,
    SpreadsheetImportDialog,
)
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION
from apporteur_desktop.ui.tasks import TaskRunner
from tests.services.invoicing_ledgers import ready_ledger
from tests.ui.settings_fixtures import tick

REVENUE = (
    "Client;Contrat;Contrat client;Mois;CA HT;Statut\n"
    "Boulangerie Dupont;Atelier;retainer;04/2026;1 100,00 €;\n"
    "Boulangerie Dupont;Atelier;retainer;05/2026;12,x;estimé\n"
    "Boulangerie Dupont;Atelir;retainer;06/2026;1 100,00 €;estimé\n"
)
CONTACTS = (
    "Raison sociale;Ville;SIRET;Type\n"
    "Studio Nord;Lyon;987 654 324 00019;prestataire\n"
    "Marie Petit;Nantes;;\n"
)


@pytest.fixture(autouse=True)
def forget_the_last_import() -> None:
    settings = QSettings(ORGANISATION, APPLICATION)
    for key in (FOLDER_KEY, GEOMETRY_KEY, SPLITTER_KEY):
        settings.remove(key)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with ready_ledger(tmp_path, run_through=None, language="en") as context:
        yield context


@pytest.fixture
def tasks(ctx: AppContext) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait()  # before the ledger closes


class Chooser:
    """The file dialog: remembers what it was asked, answers with the file the user picks."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked: list[tuple[str, str]] = []

    def __call__(self, parent: object, title: str, folder: str, kinds: str) -> tuple[str, str]:
        self.asked.append((title, kinds))
        return ("" if self.path is None else str(self.path), kinds)


def opened(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, path: Path | None
) -> tuple[SpreadsheetImportDialog, Chooser]:
    chooser = Chooser(path)
    dialog = SpreadsheetImportDialog(ctx, tasks, choose_file=chooser)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, chooser


def settle(qtbot: QtBot, tasks: TaskRunner, dialog: SpreadsheetImportDialog) -> None:
    """Wait until the file is read and its rows checked (each runs as a task)."""
    qtbot.waitUntil(lambda: not tasks.busy and dialog._waiting is None, timeout=10_000)


def choose(qtbot: QtBot, tasks: TaskRunner, dialog: SpreadsheetImportDialog, target: str) -> None:
    tick(qtbot, dialog.findChild(QRadioButton, f"target_{target}"))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    settle(qtbot, tasks, dialog)


def pick(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Choose an entry of a column combo with the keyboard, as a user would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no {text!r} in the combo")


def problems_shown(dialog: SpreadsheetImportDialog) -> list[str]:
    return [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]


def party_names(ctx: AppContext) -> set[str]:
    with ctx.ledger.transaction(write=False) as session:
        return {p.name for p in repository.list_parties(session)}


def test_a_file_with_problems_shows_them_at_their_cells_and_cannot_be_imported(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, tmp_path: Path
) -> None:
    path = tmp_path / "revenus.csv"
    path.write_text(REVENUE, encoding="utf-8")
    dialog, chooser = opened(qtbot, ctx, tasks, path)
    choose(qtbot, tasks, dialog, "revenue")

    assert chooser.asked == [("Choose a spreadsheet", "Spreadsheets (*.csv *.xlsx)")]
    assert dialog.pages.currentIndex() == 1
    assert dialog.combos["month"].currentText() == "Mois"
    assert dialog.combos["amount"].currentText() == "CA HT"
    assert dialog.combos["introduced_on"].currentText() == "(none)"
    table = read_table(path)
    expected = preview_import(ctx, "revenue", table, guess_mapping("revenue", table.headers))
    assert problems_shown(dialog) == [
        word_row_problem(ctx.translator, "revenue", p) for p in expected.problems
    ]
    assert problems_shown(dialog)[0] == "Row 3, column « CA HT »: 12,x is not a number"
    assert not dialog.import_button.isEnabled()
    assert "2 problems" in dialog.status.text()

    model = dialog.model
    assert model.rowCount() == 3
    amount = [f.key for f in expected.fields].index("amount")
    assert model.data(model.index(1, amount), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, amount), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(0, amount)) == "€1,100.00"

    # Selecting a problem shows its cell.
    dialog.problem_list.setFocus()
    dialog.problem_list.setCurrentRow(1)
    agreement = [f.key for f in expected.fields].index("agreement")
    current = dialog.table_view.currentIndex()
    assert (current.row(), current.column()) == (2, agreement)


def test_a_wrong_column_shows_problems_and_the_right_one_imports_every_row(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    dialog, _chooser = opened(qtbot, ctx, tasks, path)
    choose(qtbot, tasks, dialog, "contacts")
    assert dialog.import_button.isEnabled()
    assert dialog.status.text() == "2 rows ready to import."

    pick(qtbot, dialog.combos["siret"], "Ville")
    settle(qtbot, tasks, dialog)
    assert problems_shown(dialog) == [
        "Row 2, column « Ville »: Lyon is not written like a SIRET",
        "Row 3, column « Ville »: Nantes is not written like a SIRET",
    ]
    assert not dialog.import_button.isEnabled()

    pick(qtbot, dialog.combos["siret"], "SIRET")
    settle(qtbot, tasks, dialog)
    assert problems_shown(dialog) == []
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "importDoneMessage") is not None)
    message = dialog.findChild(QMessageBox, "importDoneMessage")
    assert message.text() == "Imported: 2 contacts."
    assert dialog.outcome is not None and dialog.outcome.counts["contacts"] == 2
    with ctx.ledger.transaction(write=False) as session:
        studio = repository.find_party(session, PartyKind.PROVIDER, "Studio Nord")
        marie = repository.find_party(session, PartyKind.CLIENT, "Marie Petit")
    assert studio is not None and studio.identity.siret == "98765432400019"
    assert marie is not None and marie.identity.address.city == "Nantes"
    message.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_required_column_left_out_is_a_problem_of_the_mapping(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    dialog, _chooser = opened(qtbot, ctx, tasks, path)
    choose(qtbot, tasks, dialog, "contacts")
    pick(qtbot, dialog.combos["name"], "(none)")
    settle(qtbot, tasks, dialog)
    assert problems_shown(dialog) == ["Name: choose the column that holds it"]
    dialog.problem_list.setCurrentRow(0)
    assert dialog.combos["name"].hasFocus()


def test_when_the_ledger_changed_since_the_check_nothing_is_imported(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    dialog, _chooser = opened(qtbot, ctx, tasks, path)
    choose(qtbot, tasks, dialog, "contacts")
    table = read_table(path)
    # Studio Nord arrives another way while the dialog is open.
    apply_import(ctx, "contacts", table.__class__(table.headers, table.rows[:1]), dialog.mapping())
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    settle(qtbot, tasks, dialog)
    assert problems_shown(dialog) == [
        "Row 2, column « Raison sociale »: « Studio Nord » already exists in this ledger"
    ]
    assert dialog.status.text().startswith("Nothing was imported")
    assert "Marie Petit" not in party_names(ctx)
    assert not dialog.import_button.isEnabled()


def test_a_file_that_is_no_spreadsheet_is_said_under_the_file_field(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, tmp_path: Path
) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("pas un classeur", encoding="utf-8")
    dialog, _chooser = opened(qtbot, ctx, tasks, path)
    choose(qtbot, tasks, dialog, "contacts")
    assert dialog.pages.currentIndex() == 0
    assert dialog.file_errors.message("file") == (
        "« notes.xlsx » is not a spreadsheet this app reads: save it as .xlsx or CSV"
    )
    assert not dialog.next_button.isEnabled()


def test_another_sheet_of_a_workbook_can_be_chosen(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, tmp_path: Path
) -> None:
    path = tmp_path / "suivi.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Rien à importer"])
    contacts = book.create_sheet("Contacts")
    contacts.append(["Nom", "Code postal", "Ville"])
    contacts.append(["Fleuriste Rose", 1000, "Bourg-en-Bresse"])
    book.save(path)
    dialog, _chooser = opened(qtbot, ctx, tasks, path)
    choose(qtbot, tasks, dialog, "contacts")
    assert dialog.sheet_combo.isVisibleTo(dialog)
    assert dialog.combos["name"].currentText() == "(none)"

    dialog.sheet_combo.setFocus()
    qtbot.keyClick(dialog.sheet_combo, Qt.Key.Key_Down)
    settle(qtbot, tasks, dialog)
    assert dialog.table is not None and dialog.table.sheet == "Contacts"
    assert dialog.combos["name"].currentText() == "Nom"
    postcode = [f.key for f in dialog.preview.fields].index("postcode")
    assert dialog.model.data(dialog.model.index(0, postcode)) == "01000"


def test_escape_cancels_and_back_returns_to_the_choice(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    dialog, _chooser = opened(qtbot, ctx, tasks, path)
    choose(qtbot, tasks, dialog, "contacts")
    pick(qtbot, dialog.combos["city"], "(none)")
    settle(qtbot, tasks, dialog)
    qtbot.mouseClick(dialog.findChild(QPushButton, "backButton"), Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 0 and dialog.next_button.isEnabled()
    # On again with the same file and kind: the columns chosen stay as they were.
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    settle(qtbot, tasks, dialog)
    assert dialog.pages.currentIndex() == 1
    assert dialog.combos["city"].currentText() == "(none)"
    assert dialog.combos["name"].currentText() == "Raison sociale"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert party_names(ctx) == {
        "Atelier Numérique SAS",
        "Paul Girard",
        "Boulangerie Dupont",
        "Garage Lefèvre",
    }


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_dialog_opens_in_french_and_in_english(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    with ready_ledger(tmp_path, run_through=None, language=language) as ctx:
        runner = TaskRunner()
        dialog, _chooser = opened(qtbot, ctx, runner, None)
        _ = ctx.translator.gettext
        assert dialog.windowTitle() == _("Import a spreadsheet")
        assert dialog.findChild(QRadioButton, "target_introductions").text() == _("Introductions")
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)  # the user cancels
        assert dialog.pages.currentIndex() == 0 and not dialog.next_button.isEnabled()
        runner.wait()
