"""The main window: its views in the sidebar, the shortcuts, remembered geometry, first run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from apporteur_desktop.i18n import Translator
from apporteur_desktop.infra.clock import FixedClock
from apporteur_desktop.services.context import AppContext, open_context
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.services.identity import show_identity
from apporteur_desktop.storage import repository
from apporteur_desktop.ui import app as app_module
from apporteur_desktop.ui.dialogs import onboarding as onboarding_module
from apporteur_desktop.ui.dialogs.search import SearchDialog
from apporteur_desktop.ui.dialogs.spreadsheet_import import SpreadsheetImportDialog
from apporteur_desktop.ui.feedback import Answer
from apporteur_desktop.ui.main_window import MainWindow
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "worked-examples.json"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
    with open_context(str(tmp_path / "ledger"), {}, Translator("fr"), clock) as context:
        import_ledger(context, EXAMPLES.read_text(encoding="utf-8"))
        yield context


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    shown = MainWindow(ctx)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_sidebar_lists_the_views_in_french_and_switches_between_them(
    window: MainWindow,
) -> None:
    labels = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert labels == [
        "Tableau de bord",
        "Mises en relation",
        "Accords",
        "Contrats clients",
        "Chiffre d’affaires",
        "Commissions",
        "Factures",
        "Contacts",
        "Paramètres",
    ]
    assert window.current_view() is window.views["dashboard"]
    assert list(window.views) == ["dashboard"]  # the others are built when first shown
    window.sidebar.setCurrentRow(6)
    assert window.current_view() is window.views["invoices"]
    assert window.show_view("settings") is window.current_view()


def test_shortcuts_follow_the_view(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshed = []
    view = window.show_view("invoices")
    monkeypatch.setattr(view, "refresh", lambda: refreshed.append("invoices"))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert refreshed == ["invoices"]
    assert not window.new_action.isEnabled()  # nothing to create in the invoices list
    window.show_view("settings")
    assert window.save_action.isEnabled()
    assert window.refresh_action.shortcut().toString() == "F5"


def test_the_geometry_is_remembered(qtbot: QtBot, ctx: AppContext) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(first.minimumWidth() + 10, 590)
    first.close()
    assert QSettings(ORGANISATION, APPLICATION).value("window/geometry") is not None
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    # The offscreen screen is 800 pixels wide: the width comes back within it, the height whole.
    assert second.height() == 590


def test_the_window_paints(window: MainWindow, tmp_path: Path) -> None:
    shot = tmp_path / "w.png"
    assert window.grab().save(str(shot))
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 600
    colours = {image.pixel(x, y) for x in range(0, image.width(), 8) for y in range(0, 200, 4)}
    assert len(colours) > 4  # the sidebar and the view drew something


def test_a_new_ledger_starts_with_the_onboarding(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []

    class Onboarding:
        wants_demo = True

        def __init__(self, ctx: AppContext, tasks: object) -> None:
            asked.append(show_identity(ctx))

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(onboarding_module, "OnboardingDialog", Onboarding)
    with ExitStack() as stack:
        window = app_module.open_ledger_window(stack, str(tmp_path / "new"), Translator("fr"))
        assert window is not None
        qtbot.addWidget(window)
        assert asked == [None]  # the new ledger had no identity
        # The demo opens in a temporary folder, not in the user's ledger.
        assert not str(window.ctx.paths.ledger_file).startswith(str(tmp_path / "new"))
        assert show_identity(window.ctx) is not None
        window.close()


def test_closing_the_onboarding_opens_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Onboarding:
        wants_demo = False

        def __init__(self, ctx: AppContext, tasks: object) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(onboarding_module, "OnboardingDialog", Onboarding)
    with ExitStack() as stack:
        assert app_module.open_ledger_window(stack, str(tmp_path / "new"), Translator("fr")) is None


def _contact_id(ctx: AppContext, name: str) -> int:
    with ctx.ledger.transaction(write=False) as session:
        return next(p.id for p in repository.list_parties(session) if p.name == name)


def test_ctrl_k_searches_the_ledger_and_opens_what_it_finds(
    window: MainWindow, qtbot: QtBot, ctx: AppContext
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(SearchDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.edit, "dupont")
    qtbot.waitUntil(lambda: dialog.selected_hit() is not None, timeout=5_000)
    assert dialog.selected_hit() == ("contacts", _contact_id(ctx, "Boulangerie Dupont"))
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    contacts = window.views["contacts"]
    assert window.current_view() is contacts
    qtbot.waitUntil(lambda: contacts.title.text() == "Boulangerie Dupont", timeout=5_000)
    assert window.sidebar.currentItem().text() == "Contacts"


def test_the_file_menu_imports_a_spreadsheet_then_the_view_shows_it(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshed = []
    view = window.show_view("contacts")
    monkeypatch.setattr(view, "refresh", lambda: refreshed.append("contacts"))
    window.import_action.trigger()
    dialog = window.findChild(SpreadsheetImportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Importer un tableur"
    dialog.imported.emit(object())  # what the dialog says once the import is in the ledger
    assert refreshed == ["contacts"]
    dialog.reject()


def test_closing_with_unsaved_changes_asks_first_and_cancel_keeps_the_window(
    window: MainWindow, qtbot: QtBot, ctx: AppContext
) -> None:
    asked: list[str] = []
    answers = [Answer.Cancel, Answer.Discard]
    contacts = window.show_view("contacts")
    contacts.ask_unsaved = lambda _parent, _title, text: asked.append(text) or answers.pop(0)
    contacts.show_item(_contact_id(ctx, "Boulangerie Dupont"))
    qtbot.waitUntil(lambda: contacts.title.text() == "Boulangerie Dupont", timeout=5_000)
    window.show_view("settings")
    city = contacts.form.editor("city")
    city.setFocus()
    qtbot.keyClicks(city, "Lyon")
    assert not window.close()  # Cancel: the window stays, on the view with the changes
    assert window.isVisible() and window.current_view() is contacts
    assert len(asked) == 1 and "Boulangerie Dupont" in asked[0]
    assert window.close()  # Discard: it closes, and nothing was saved
    with ctx.ledger.transaction(write=False) as session:
        dupont = repository.get_party(session, _contact_id(ctx, "Boulangerie Dupont"))
    assert "Lyon" not in dupont.identity.address.city
