"""« Paramètres »: the form shows the identity, checks identifiers as typed, saves only what
changed, and shows each refusal under its field with nothing saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.enums import VatRegime
from apporteur_desktop.domain.numbering import DEFAULT_PATTERN
from apporteur_desktop.services import invoice_settings, setup
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.identity import show_identity
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.settings import SettingsView
from apporteur_desktop.ui.widgets.field_errors import problem_text
from apporteur_desktop.validation.identifiers import check_iban, check_siret

from . import settings_fixtures as fixtures
from .settings_fixtures import finish_tasks, type_over

# The shared fixtures, made visible to pytest in this module.
ctx, english_ctx, tasks = fixtures.ctx, fixtures.english_ctx, fixtures.tasks

PATTERN = "numbering.invoice_pattern"


def settings_view(qtbot: QtBot, context: AppContext, runner: TaskRunner) -> SettingsView:
    view = SettingsView(context, runner)
    qtbot.addWidget(view)
    view.resize(1060, 760)
    view.show()
    return view


def editor(view: SettingsView, key: str) -> QLineEdit:
    field = view.identity.editors[key]
    assert isinstance(field, QLineEdit)
    return field


def test_the_form_shows_the_identity_and_the_settings(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = settings_view(qtbot, ctx, tasks)
    shown = view.identity.values()
    assert shown["name"] == "Jeanne Martin"
    assert shown["sole_trader"] == "yes"
    assert shown["siret"] == "12345678200010"
    assert (shown["street"], shown["postcode"], shown["city"]) == (
        "12 rue Mercière",
        "69002",
        "Lyon",
    )
    assert shown["iban"] == "FR7630006000011234567890189"
    assert shown["vat_regime"] == "franchise"
    # A rate means nothing under the franchise: it opens when the user picks « registered ».
    assert not view.identity.editors["vat_rate"].isEnabled()
    view.identity.regime.setCurrentIndex(view.identity.regime.findData("registered"))
    assert view.identity.editors["vat_rate"].isEnabled()
    assert view.invoicing.patterns[PATTERN].text() == DEFAULT_PATTERN
    assert view.invoicing.patterns[PATTERN].example.text().endswith("2026-0001")
    assert view.application.data_dir.text() == str(ctx.paths.data_dir)
    assert view.pending_changes() == {"vat_regime": "registered"}


def test_a_siret_is_checked_as_typed(qtbot: QtBot, ctx: AppContext, tasks: TaskRunner) -> None:
    view = settings_view(qtbot, ctx, tasks)
    errors = view.identity.errors
    bad = "12345678200011"  # the check digit is wrong
    type_over(qtbot, editor(view, "siret"), bad)
    expected = problem_text(ctx.translator, check_siret(bad).problems[0])
    qtbot.waitUntil(lambda: errors.message("siret") == expected)
    assert errors.label("siret").isVisible()
    # A valid SIRET of another company does not belong to the SIREN above it.
    type_over(qtbot, editor(view, "siret"), "73282932000017")
    mismatch = problem_text(ctx.translator, check_siret("73282932000017", "123456782").problems[0])
    qtbot.waitUntil(lambda: errors.message("siret") == mismatch)
    type_over(qtbot, editor(view, "siret"), "123 456 782 00010")
    qtbot.waitUntil(lambda: errors.message("siret") == "")
    assert not errors.label("siret").isVisible()


def test_saving_sends_only_what_changed_and_persists_it(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[dict[str, str]] = []
    real = setup.apply_identity

    def spy(session: object, changes: dict[str, str]) -> object:
        sent.append(dict(changes))
        return real(session, changes)  # type: ignore[arg-type]

    monkeypatch.setattr(setup, "apply_identity", spy)
    view = settings_view(qtbot, ctx, tasks)
    type_over(qtbot, editor(view, "city"), "Villeurbanne")
    view.identity.regime.setCurrentIndex(view.identity.regime.findData("registered"))
    type_over(qtbot, editor(view, "vat_rate"), "5,5")
    view.save()
    finish_tasks(qtbot, tasks)
    assert sent == [{"city": "Villeurbanne", "vat_regime": "registered", "vat_rate": "5,5"}]
    stored = show_identity(ctx)
    assert stored is not None
    assert stored.identity.address.city == "Villeurbanne"
    assert (stored.vat_regime, stored.vat_rate) == (VatRegime.REGISTERED, Decimal("5.5"))
    assert view.status.text() == ctx.translator.gettext("Saved.")
    assert view.pending_changes() == {}
    view.save()  # nothing left to send: no second call
    assert len(sent) == 1


def test_a_bad_iban_is_shown_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = settings_view(qtbot, ctx, tasks)
    bad = "FR7630006000011234567890180"
    # Set without typing, so the message can only come from the service's refusal.
    editor(view, "city").setText("Villeurbanne")
    editor(view, "iban").setText(bad)
    view.invoicing.patterns[PATTERN].set_text("F{year}-{seq:05d}")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    assert view.identity.errors.shown() == {
        "iban": problem_text(ctx.translator, check_iban(bad).problems[0])
    }
    assert view.tabs.currentIndex() == 0
    stored = show_identity(ctx)
    assert stored is not None
    assert (stored.identity.address.city, stored.iban) == ("Lyon", "FR7630006000011234567890189")
    assert invoice_settings.invoicing_settings(ctx).numbering.invoice_pattern == DEFAULT_PATTERN
    # Typing into the field takes its message away: the user is fixing it.
    type_over(qtbot, editor(view, "iban"), "F")
    assert view.identity.errors.message("iban") == ""


def test_a_refused_setting_puts_the_identity_change_back(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = settings_view(qtbot, english_ctx, tasks)
    editor(view, "city").setText("Villeurbanne")
    view.invoicing.patterns["numbering.credit_note_pattern"].set_text(DEFAULT_PATTERN)
    view.save()
    finish_tasks(qtbot, tasks)
    assert view.invoicing.errors.shown() == {
        "numbering.credit_note_pattern": (
            "« {year}-{seq:04d} » would give the same numbers as «\u00a0Invoices\u00a0»"
        )
    }
    assert view.tabs.currentIndex() == 1  # where the problem is
    stored = show_identity(english_ctx)
    assert stored is not None and stored.identity.address.city == "Lyon"
    assert invoice_settings.invoicing_settings(english_ctx).numbering.credit_note_pattern == ""


def test_the_pattern_example_follows_the_typing(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = settings_view(qtbot, english_ctx, tasks)
    field = view.invoicing.patterns[PATTERN]
    type_over(qtbot, field.edit, "F{year}-{seq:05d}")
    assert field.example.text() == "First number of 2026: F2026-00001"
    type_over(qtbot, field.edit, "F-{seq:04d}")
    assert view.invoicing.errors.message(PATTERN) == (
        "« F-{seq:04d} » has no {year} field: numbers restart each year, so they would repeat"
    )
    assert not field.example.isVisible()
    type_over(qtbot, field.edit, "{year}/{seq:03d}")
    assert view.invoicing.errors.message(PATTERN) == ""
    assert field.example.text() == "First number of 2026: 2026/001"


def test_an_edited_wording_is_saved_and_dated_today(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = settings_view(qtbot, english_ctx, tasks)
    wording = view.invoicing.wordings["wordings.franchise"]
    assert isinstance(wording, QPlainTextEdit)
    type_over(qtbot, wording, "VAT not applicable, art. 293 B of the CGI.")
    view.save()
    finish_tasks(qtbot, tasks)
    saved = invoice_settings.invoicing_settings(english_ctx).wordings
    assert saved.franchise == "VAT not applicable, art. 293 B of the CGI."
    assert saved.checked_on == date(2026, 4, 2)
    assert view.invoicing.checked_on.text() == "Last checked: 02/04/2026"


def test_refresh_drops_what_was_not_saved(qtbot: QtBot, ctx: AppContext, tasks: TaskRunner) -> None:
    view = settings_view(qtbot, ctx, tasks)
    type_over(qtbot, editor(view, "name"), "Quelqu'un d'autre")
    view.refresh()
    assert editor(view, "name").text() == "Jeanne Martin"
    assert view.pending_changes() == {}


def test_a_logo_is_saved_when_chosen_and_a_text_file_is_refused(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, tmp_path: Path
) -> None:
    view = settings_view(qtbot, ctx, tasks)
    image = QImage(250, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e79"))
    png = tmp_path / "logo.png"
    assert image.save(str(png))
    text = tmp_path / "notes.txt"
    text.write_text("not an image", encoding="utf-8")
    chosen = [str(png), str(text)]
    view.logo.choose_file = lambda *_args: (chosen.pop(0), "")
    assert not view.logo.remove_button.isEnabled()

    qtbot.mouseClick(view.logo.choose_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    assert invoice_settings.logo(ctx) == png.read_bytes()
    assert not view.logo.preview.pixmap().isNull()
    assert view.logo.remove_button.isEnabled()

    qtbot.mouseClick(view.logo.choose_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    assert view.logo.errors.message("logo") != ""
    assert invoice_settings.logo(ctx) == png.read_bytes()  # the refused file changed nothing

    qtbot.mouseClick(view.logo.remove_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    assert invoice_settings.logo(ctx) is None
    assert view.logo.preview.pixmap().isNull()


def test_the_language_is_kept_for_the_next_start_and_the_folder_opens(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = settings_view(qtbot, ctx, tasks)
    preferences = QSettings(ORGANISATION, APPLICATION)
    try:
        combo = view.application.language
        combo.setCurrentIndex(combo.findData("en"))
        combo.activated.emit(combo.currentIndex())
        assert QSettings(ORGANISATION, APPLICATION).value("language") == "en"
    finally:
        preferences.remove("language")
    opened: list[QUrl] = []
    view.application.open_url = lambda url: opened.append(url) or True
    qtbot.mouseClick(view.application.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(ctx.paths.data_dir))]
