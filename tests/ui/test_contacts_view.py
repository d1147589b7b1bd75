"""« Contacts », driven as a user would: type a contact, fix what is refused, edit, filter,
leave with unsaved changes; and the dialog that creates one contact inline.

Each workflow checks the screen, then the ledger through the services.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.enums import PartyKind
from apporteur_desktop.domain.parties import Party
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.exchange import import_ledger
from apporteur_desktop.storage import repository
from apporteur_desktop.ui.dialogs.new_contact import NewContactDialog
from apporteur_desktop.ui.models.paged_table import PAGE_SIZE
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.contacts import ContactsView
from apporteur_desktop.ui.widgets.field_errors import problem_text
from apporteur_desktop.validation.identifiers import check_siret
from tests.services.invoicing_ledgers import ready_ledger

from . import settings_fixtures as fixtures
from .settings_fixtures import finish_tasks, type_over

# The shared fixtures (Jeanne Martin's ledger on 2 April 2026), made visible to pytest here.
ctx, english_ctx, tasks = fixtures.ctx, fixtures.english_ctx, fixtures.tasks

Answer = QMessageBox.StandardButton
BAD_SIRET = "732 829 320 00018"  # one digit off: the check digits are wrong
GOOD_SIRET = "732 829 320 00017"


@pytest.fixture(autouse=True)
def forget_layout() -> None:
    QSettings(ORGANISATION, APPLICATION).remove("contacts")


class Answers:
    """Stands for the « unsaved changes » question: answers in turn, and remembers asking."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, title: str, text: str) -> Answer:
        self.asked.append(text)
        return self.answers.pop(0)


def contacts_view(
    qtbot: QtBot, context: AppContext, runner: TaskRunner, answers: Answers | None = None
) -> ContactsView:
    view = ContactsView(context, runner, ask_unsaved=answers or Answers())
    qtbot.addWidget(view)
    view.resize(1000, 700)
    with qtbot.waitSignal(view.loaded, timeout=5_000):
        view.show()  # showing reloads the list
    return view


def line(view: ContactsView, key: str) -> QLineEdit:
    editor = view.form.editor(key)
    assert isinstance(editor, QLineEdit)
    return editor


def listed(view: ContactsView) -> list[str]:
    return [view.model.row_value(row).name for row in range(view.model.rowCount())]


def click_row(qtbot: QtBot, view: ContactsView, name: str) -> None:
    row = view.model.row_where(lambda contact: contact.name == name)
    assert row is not None, name
    rect = view.table.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose(qtbot: QtBot, combo: QComboBox, data: str | None) -> None:
    """Pick the entry holding ``data`` with the keyboard, as a user tabbing through would."""
    combo.setFocus()
    while combo.currentData() != data:
        before = combo.currentIndex()
        key = Qt.Key.Key_Down if combo.findData(data) > before else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
        assert combo.currentIndex() != before


def stored(context: AppContext, kind: PartyKind, name: str) -> Party | None:
    with context.ledger.transaction(write=False) as session:
        return repository.find_party(session, kind, name)


def party_count(context: AppContext) -> int:
    with context.ledger.transaction(write=False) as session:
        return len(repository.list_parties(session))


def save(qtbot: QtBot, view: ContactsView, runner: TaskRunner) -> None:
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, runner)


# --- creating -----------------------------------------------------------------------------------


def test_a_provider_with_a_wrong_siret_is_refused_then_saved_once_fixed(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = contacts_view(qtbot, ctx, tasks)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert view.form.selected_kind() is PartyKind.PROVIDER
    assert view.title.text() == ctx.translator.gettext("New contact")
    type_over(qtbot, line(view, "name"), "Studio Lumiere SARL")
    type_over(qtbot, line(view, "siret"), BAD_SIRET)
    # Checked as typed, a moment after the last key: the message stands next to the field.
    expected = problem_text(ctx.translator, check_siret(BAD_SIRET).problems[0])
    qtbot.waitUntil(lambda: view.form.errors.message("siret") == expected, timeout=3_000)
    before = party_count(ctx)
    save(qtbot, view, tasks)
    assert view.form.errors.message("siret") == expected
    # Wrapped over several lines in the narrow pane, and given the height of all of them.
    label = view.form.errors.label("siret")
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()) > 20)
    assert view.status.text() == ctx.translator.gettext("Not saved: correct the fields in red.")
    assert party_count(ctx) == before
    assert "Studio Lumiere SARL" not in listed(view)

    type_over(qtbot, line(view, "siret"), GOOD_SIRET)
    type_over(qtbot, line(view, "city"), "Nantes")
    qtbot.waitUntil(lambda: not view.form.errors.message("siret"), timeout=3_000)
    save(qtbot, view, tasks)
    assert view.status.text() == ctx.translator.gettext("Saved.")
    party = stored(ctx, PartyKind.PROVIDER, "Studio Lumiere SARL")
    assert party is not None and party.identity.siret == "73282932000017"
    assert party.identity.address.city == "Nantes"
    selected = view.selected_contact()
    assert selected is not None and selected.id == party.id
    assert line(view, "siret").text() == "73282932000017"  # as stored
    assert view.title.text() == "Studio Lumiere SARL"
    assert not view.form.is_modified()


def test_a_share_capital_that_is_not_a_number_is_shown_with_the_other_problems(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = contacts_view(qtbot, english_ctx, tasks)
    view.new_item()
    type_over(qtbot, line(view, "share_capital"), "ten thousand")
    type_over(qtbot, line(view, "email"), "not an address")
    before = party_count(english_ctx)
    save(qtbot, view, tasks)
    shown = view.form.errors.shown()
    assert shown["share_capital"] == "ten thousand is not a number"
    assert shown["email"] == "not an address is not an e-mail address"
    assert shown["name"] == "is required"
    assert party_count(english_ctx) == before


def test_a_name_another_client_has_is_refused_under_the_name(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = contacts_view(qtbot, english_ctx, tasks)
    choose(qtbot, view.kind_filter, "client")
    view.new_item()
    assert view.form.selected_kind() is PartyKind.CLIENT  # preset from the filter
    type_over(qtbot, line(view, "name"), "Boulangerie Dupont")  # QTest types ASCII only
    save(qtbot, view, tasks)
    message = "« Boulangerie Dupont » already exists in this ledger"
    assert view.form.errors.message("name") == message
    assert party_count(english_ctx) == 4


# --- changing -----------------------------------------------------------------------------------


def test_a_client_moves_to_another_city(qtbot: QtBot, ctx: AppContext, tasks: TaskRunner) -> None:
    view = contacts_view(qtbot, ctx, tasks)
    click_row(qtbot, view, "Garage Lefèvre")
    assert line(view, "name").text() == "Garage Lefèvre"
    type_over(qtbot, line(view, "city"), "Villeurbanne")
    assert view.form.is_modified()
    view.save()  # what Ctrl+S calls
    finish_tasks(qtbot, tasks)
    client = stored(ctx, PartyKind.CLIENT, "Garage Lefèvre")
    assert client is not None and client.identity.address.city == "Villeurbanne"
    selected = view.selected_contact()
    assert selected is not None and (selected.name, selected.city) == (
        "Garage Lefèvre",
        "Villeurbanne",
    )
    view.save()  # nothing changed since
    assert view.status.text() == ctx.translator.gettext("Nothing to save.")


def test_the_kind_of_a_provider_under_agreement_stays(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = contacts_view(qtbot, english_ctx, tasks)
    click_row(qtbot, view, "Atelier Numérique SAS")
    choose(qtbot, view.form.kind, "client")
    save(qtbot, view, tasks)
    assert view.form.errors.message("kind").startswith("cannot change from provider")
    assert stored(english_ctx, PartyKind.PROVIDER, "Atelier Numérique SAS") is not None


def test_leaving_unsaved_changes_asks_first(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    answers = Answers(Answer.Cancel, Answer.Save, Answer.Discard)
    view = contacts_view(qtbot, ctx, tasks, answers)
    click_row(qtbot, view, "Garage Lefèvre")
    assert answers.asked == []  # nothing changed yet: no question
    type_over(qtbot, line(view, "city"), "Lyon")

    click_row(qtbot, view, "Paul Girard")  # Cancel: stay, edits kept, row back
    assert len(answers.asked) == 1 and "Garage Lefèvre" in answers.asked[0]
    assert line(view, "city").text() == "Lyon"
    assert view.selected_contact().name == "Garage Lefèvre"  # type: ignore[union-attr]

    click_row(qtbot, view, "Paul Girard")  # Save: saved, then on to Paul Girard
    finish_tasks(qtbot, tasks)
    assert line(view, "name").text() == "Paul Girard"
    assert view.selected_contact().name == "Paul Girard"  # type: ignore[union-attr]
    saved = stored(ctx, PartyKind.CLIENT, "Garage Lefèvre")
    assert saved is not None and saved.identity.address.city == "Lyon"

    type_over(qtbot, line(view, "city"), "Albi")
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)  # Discard: a blank form
    assert line(view, "name").text() == ""
    girard = stored(ctx, PartyKind.INTRODUCER, "Paul Girard")
    assert girard is not None and girard.identity.address.city == "Toulouse"
    assert len(answers.asked) == 3


# --- the list -----------------------------------------------------------------------------------


def test_the_kind_and_text_filters_narrow_the_list(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = contacts_view(qtbot, ctx, tasks)
    assert listed(view) == [
        "Atelier Numérique SAS",
        "Boulangerie Dupont",
        "Garage Lefèvre",
        "Paul Girard",
    ]
    choose(qtbot, view.kind_filter, "client")
    assert listed(view) == ["Boulangerie Dupont", "Garage Lefèvre"]
    assert view.count_label.text() == ctx.translator.gettext("Contacts: {count}").format(count=2)
    choose(qtbot, view.kind_filter, None)
    qtbot.keyClicks(view.filter_edit, "toulouse")
    assert listed(view) == ["Paul Girard"]
    view.filter_edit.clear()
    view.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)  # by city
    assert listed(view)[:2] == ["Atelier Numérique SAS", "Paul Girard"]  # Paris, Toulouse


@pytest.fixture
def crowded(ctx: AppContext) -> AppContext:
    """260 more clients: more than one page."""
    parties = [{"kind": "client", "name": f"Client {n:03d}"} for n in range(260)]
    content = {"format": "apporteur-ledger", "version": 1, "parties": parties, "agreements": []}
    import_ledger(ctx, json.dumps(content))
    return ctx


def test_show_item_finds_the_contact_beyond_the_first_page_and_past_the_filters(
    qtbot: QtBot, crowded: AppContext, tasks: TaskRunner
) -> None:
    view = contacts_view(qtbot, crowded, tasks)
    assert view.model.rowCount() == PAGE_SIZE < view.model.total
    last = stored(crowded, PartyKind.CLIENT, "Client 259")
    assert last is not None and last.id is not None
    qtbot.keyClicks(view.filter_edit, "Atelier")
    view.show_item(last.id)
    assert view.filter_edit.text() == ""
    assert view.selected_contact().id == last.id  # type: ignore[union-attr]
    assert line(view, "name").text() == "Client 259"
    # Asked again while it is being edited: brought into view, the edits kept, no question.
    type_over(qtbot, line(view, "city"), "Albi")
    qtbot.keyClicks(view.filter_edit, "zzz")
    view.show_item(last.id)
    assert view.filter_edit.text() == "" and line(view, "city").text() == "Albi"
    assert view.selected_contact().id == last.id  # type: ignore[union-attr]


def test_a_contact_saved_beyond_the_first_page_stays_selected(
    qtbot: QtBot, crowded: AppContext, tasks: TaskRunner
) -> None:
    view = contacts_view(qtbot, crowded, tasks)
    view.new_item()
    type_over(qtbot, line(view, "name"), "Client 999")  # sorted last, past the first page
    save(qtbot, view, tasks)
    created = stored(crowded, PartyKind.PROVIDER, "Client 999")
    assert created is not None
    selected = view.selected_contact()
    assert selected is not None and selected.id == created.id
    assert view.model.rowCount() > PAGE_SIZE


def test_columns_and_splitter_are_remembered(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    first = contacts_view(qtbot, ctx, tasks)
    first.table.horizontalHeader().resizeSection(2, 211)
    first.splitter.setSizes([700, 300])
    first.splitter.splitterMoved.emit(700, 1)
    again = contacts_view(qtbot, ctx, tasks)
    assert again.table.horizontalHeader().sectionSize(2) == 211
    assert again.splitter.sizes()[0] > again.splitter.sizes()[1]


# --- the inline dialog --------------------------------------------------------------------------


def test_the_dialog_creates_a_client_and_stays_open_on_a_refusal(
    qtbot: QtBot, english_ctx: AppContext
) -> None:
    dialog = NewContactDialog(english_ctx, PartyKind.CLIENT, "Garage du Centre")
    qtbot.addWidget(dialog)
    dialog.show()
    assert line_of(dialog, "name").text() == "Garage du Centre"
    assert not dialog.form.kind.isEnabled()
    type_over(qtbot, line_of(dialog, "email"), "contact at garage")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.created is None
    assert dialog.form.errors.message("email") == "contact at garage is not an e-mail address"
    assert stored(english_ctx, PartyKind.CLIENT, "Garage du Centre") is None

    type_over(qtbot, line_of(dialog, "email"), "contact@garage-centre.fr")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == NewContactDialog.DialogCode.Accepted
    client = stored(english_ctx, PartyKind.CLIENT, "Garage du Centre")
    assert client is not None and client == dialog.created
    assert client.identity.email == "contact@garage-centre.fr"


def line_of(dialog: NewContactDialog, key: str) -> QLineEdit:
    editor = dialog.form.editor(key)
    assert isinstance(editor, QLineEdit)
    return editor


def test_create_returns_the_stored_contact_or_none(qtbot: QtBot, ctx: AppContext) -> None:
    def answer(click: str) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewContactDialog)
        if click == "create":
            dialog.create_button.click()
        else:
            dialog.reject()

    QTimer.singleShot(0, lambda: answer("create"))
    created = NewContactDialog.create(None, ctx, PartyKind.INTRODUCER, "Léa Bonnet ")
    assert created is not None and created.kind is PartyKind.INTRODUCER
    assert stored(ctx, PartyKind.INTRODUCER, "Léa Bonnet") == created
    QTimer.singleShot(0, lambda: answer("cancel"))
    assert NewContactDialog.create(None, ctx, PartyKind.PROVIDER, "Nobody") is None
    assert stored(ctx, PartyKind.PROVIDER, "Nobody") is None


# --- languages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_view_opens_in_each_language(
    qtbot: QtBot, tmp_path: Path, tasks: TaskRunner, language: str
) -> None:
    with ready_ledger(tmp_path, run_through=None, language=language) as context:
        view = contacts_view(qtbot, context, tasks)
        _ = context.translator.gettext
        headings = [
            view.model.headerData(column, Qt.Orientation.Horizontal)
            for column in range(view.model.columnCount())
        ]
        assert headings == [_(word) for word in ("Name", "Kind", "SIRET", "City", "E-mail")]
        assert (view.save_button.text(), view.new_button.text()) == (_("Save"), _("New contact"))
        assert view.kind_filter.itemText(0) == _("All kinds")
        assert view.model.data(view.model.index(0, 1)) == _("Provider")  # Atelier Numérique SAS
        if language == "en":
            assert headings[1] == "Kind" and view.kind_filter.itemText(3) == "Introducers"
        view.close()


def test_the_list_s_context_menu_starts_a_contact_of_each_kind(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = contacts_view(qtbot, ctx, tasks)
    menu = view.context_menu()
    _ = ctx.translator.gettext
    texts = [action.text() for action in menu.actions()]
    assert texts == [_("New provider"), _("New client"), _("New introducer")]
    menu.actions()[2].trigger()
    assert view.form.selected_kind() is PartyKind.INTRODUCER
    assert view.title.text() == _("New contact")
