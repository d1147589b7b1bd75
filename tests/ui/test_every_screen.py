"""Every main view and every main dialog, brought up with data as ``tools/screens.py`` brings them
up for the screenshots, in French and in English: each shows something, and none shows a
message in the other language.

A French screen must not show an English message id that the French catalogue translates (a
string that never went through gettext, or whose translation is missing); an English screen
must not show a French translation (French written straight into the code). The texts read are
the ones a user sees: window titles, labels, buttons, group and tab titles, headings and cells
of the lists, combo box entries, placeholders, tooltips, menus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QLocale, QModelIndex, Qt, QTranslator
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
    QWizard,
)

from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.context import open_context
from apporteur_desktop.ui.qt_setup import install_qt_translations
from tools.screens import SCREENS, Desk, Kind, Screen, demo_clock, fill_demo_ledger

FRENCH_CATALOGUE = (
    Path(__file__).resolve().parents[2] / "resources/locale/fr/LC_MESSAGES/apporteur.po"
)
ROWS_READ = 30  # rows of each list whose cells are read: the first screenful
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[^\W\d_]{3,}")  # a run of three letters or more


# --- the catalogue --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Messages:
    """Texts that must not show: whole, or with their « {placeholders} » filled in."""

    whole: frozenset[str]
    templates: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Messages:
        texts = set(texts)
        templates = []
        for text in texts:
            literal = PLACEHOLDER.split(text)
            # A template of placeholders and punctuation (« {name} — {counterparty} ») would
            # match any text: only those with words of their own are looked for.
            if len(literal) > 1 and any(WORD.search(part) for part in literal):
                body = ".+?".join(re.escape(part) for part in literal)
                templates.append(re.compile(body, re.DOTALL))
        return cls(frozenset(texts), tuple(templates))

    def match(self, text: str) -> bool:
        return text in self.whole or any(t.fullmatch(text) for t in self.templates)


def french_pairs() -> Iterator[tuple[str, str | None]]:
    """(English message id, its French translation) of every message of the French catalogue;
    the translation is None where gettext falls back on the id (empty, or fuzzy)."""
    with FRENCH_CATALOGUE.open("rb") as stream:
        catalogue = read_po(stream, locale="fr")
    for message in catalogue:
        if not message.id:
            continue  # the header
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for form, msgid in enumerate(ids):  # singular and plural
            french = strings[min(form, len(strings) - 1)] if strings else ""
            yield msgid, (french if french and not message.fuzzy else None)


@dataclass(frozen=True, slots=True)
class Foreign:
    """What each language must not show."""

    english: Messages  # ids whose French differs, or is missing: never on a French screen
    french: Messages  # French translations that differ from their id: never on an English one

    def on(self, language: str) -> Messages:
        return self.english if language == "fr" else self.french


@pytest.fixture(scope="session")
def foreign() -> Foreign:
    pairs = list(french_pairs())
    ids = {msgid for msgid, _french in pairs}
    translations = {french for _msgid, french in pairs if french is not None}
    # A text both languages use (« Date », « Contacts »…) says nothing about either language.
    english = {msgid for msgid, french in pairs if french != msgid} - translations
    french = {f for msgid, f in pairs if f is not None and f != msgid} - ids
    return Foreign(Messages.of(english), Messages.of(french))


# --- the screens ----------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["fr", "en"])
def desk(
    request: pytest.FixtureRequest, qapp: QApplication, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Desk]:
    """The main window over the demo ledger, in the language of the test, Qt's own words
    (standard buttons, the wizard's) included, as the app sets them up."""
    language: str = request.param
    before = set(qapp.findChildren(QTranslator))
    locale = QLocale()
    install_qt_translations(qapp, language)
    folder = tmp_path_factory.mktemp(f"screens-{language}")
    try:
        with open_context(str(folder / "ledger"), {}, Translator(language), demo_clock()) as ctx:
            fill_demo_ledger(ctx)
            shown = Desk(ctx, folder)
            try:
                yield shown
            finally:
                shown.close()
    finally:
        for translator in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(translator)
            translator.deleteLater()
        QLocale.setDefault(locale)


@dataclass(frozen=True, slots=True)
class Seen:
    where: str  # the widget that shows it
    text: str


def seen_texts(root: QWidget) -> list[Seen]:
    """Every text ``root`` shows, in itself and in the widgets visible inside it (not in the
    windows of its own it opened)."""
    seen: list[Seen] = []
    window = QWidget.window(root)
    if QWidget.isWindow(root):
        seen.append(Seen("window title", QWidget.windowTitle(root)))
    for widget in [root, *root.findChildren(QWidget)]:
        if QWidget.window(widget) is not window or not QWidget.isVisibleTo(widget, window):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        seen += [Seen(where, text) for text in widget_texts(widget) if text and text.strip()]
    return seen


def widget_texts(widget: QWidget) -> list[str]:
    # Through the Qt classes: the app's widgets may give a method's name to a field of theirs
    # (a terms editor's « window » is a spin box).
    texts = [QWidget.toolTip(widget), QWidget.statusTip(widget), QWidget.whatsThis(widget)]
    if isinstance(widget, QLabel):
        texts.append(QLabel.text(widget))
    if isinstance(widget, QAbstractButton):
        texts.append(QAbstractButton.text(widget))
    if isinstance(widget, QGroupBox):
        texts.append(QGroupBox.title(widget))
    if isinstance(widget, QTabBar):
        for tab in range(QTabBar.count(widget)):
            texts += [QTabBar.tabText(widget, tab), QTabBar.tabToolTip(widget, tab)]
    if isinstance(widget, QLineEdit):
        texts.append(QLineEdit.placeholderText(widget))
    if isinstance(widget, QTextEdit):
        texts.append(QTextEdit.placeholderText(widget))
        if QTextEdit.isReadOnly(widget):  # what the app writes there (« In plain words »)
            texts.append(QTextEdit.toPlainText(widget))
    if isinstance(widget, QPlainTextEdit):
        texts.append(QPlainTextEdit.placeholderText(widget))
    if isinstance(widget, QComboBox):
        texts += [QComboBox.itemText(widget, item) for item in range(QComboBox.count(widget))]
    if isinstance(widget, QAbstractSpinBox):
        texts.append(QAbstractSpinBox.specialValueText(widget))
    if isinstance(widget, QSpinBox):
        texts += [QSpinBox.prefix(widget), QSpinBox.suffix(widget)]
    if isinstance(widget, QDoubleSpinBox):
        texts += [QDoubleSpinBox.prefix(widget), QDoubleSpinBox.suffix(widget)]
    if isinstance(widget, QAbstractItemView):
        texts += item_texts(widget)
    if isinstance(widget, QMenuBar):
        texts += menu_texts(QWidget.actions(widget))
    if isinstance(widget, QWizard):
        page = QWizard.currentPage(widget)
        texts += [page.title(), page.subTitle()] if page is not None else []
    return texts


def item_texts(view: QAbstractItemView) -> list[str]:
    """The headings, and the cells of the first rows with their tooltips."""
    model = QAbstractItemView.model(view)
    if model is None or isinstance(view, QHeaderView):
        return []
    # A list's model has one column (and a list model does not let its count be asked).
    columns = range(1) if isinstance(view, QListView) else range(model.columnCount(QModelIndex()))
    texts = []
    header = QTableView.horizontalHeader(view) if isinstance(view, QTableView) else None
    header = QTreeView.header(view) if isinstance(view, QTreeView) else header
    if header is not None and not header.isHidden():
        for column in columns:
            if not header.isSectionHidden(column):
                texts.append(model.headerData(column, Qt.Orientation.Horizontal))
    for row in range(min(model.rowCount(QModelIndex()), ROWS_READ)):
        for column in columns:
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                texts.append(value if isinstance(value, str) else "")
    return [text if isinstance(text, str) else "" for text in texts]


def menu_texts(actions: Iterable[QAction]) -> list[str]:
    """The menus' titles and entries, and what the status bar says of each."""
    texts = []
    for action in actions:
        texts += [action.text(), action.toolTip(), action.statusTip()]
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += menu_texts(menu.actions())
    return texts


def readings(text: str) -> set[str]:
    """The ways a shown text may hold a message: whole, as plain text when it is rich text,
    line by line, without the warning or bullet sign the app puts before a message."""
    plain = QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text
    lines = {text, plain, *plain.splitlines()}
    lines |= {line.strip().removeprefix("⚠").removeprefix("•") for line in lines}
    return {line.strip() for line in lines if line.strip()}


def foreign_texts(seen: list[Seen], messages: Messages) -> list[str]:
    return sorted(
        {f"{s.where}: {s.text!r}" for s in seen if any(map(messages.match, readings(s.text)))}
    )


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_the_screen_shows_its_texts_in_the_language_of_the_app(
    desk: Desk, screen: Screen, foreign: Foreign
) -> None:
    shown = screen.open(desk)
    try:
        # A view is seen in the window, with the sidebar and the menus; a dialog on its own.
        seen = seen_texts(desk.window if screen.kind is Kind.VIEW else shown)
        own = seen_texts(shown) if screen.kind is Kind.VIEW else seen
        language = desk.ctx.translator.language
        wrong = foreign_texts(seen, foreign.on(language))
        assert not wrong, f"{screen.name}, texts not in {language}:\n" + "\n".join(wrong)
        assert len({s.text for s in own}) >= 5, f"{screen.name} shows almost nothing"
        if screen.kind is Kind.DIALOG:
            assert shown.windowTitle().strip(), f"{screen.name} has no title"
    finally:
        desk.close_dialogs()
