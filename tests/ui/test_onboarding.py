"""First run: the onboarding writes my identity and the number format, or nothing for a demo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QPlainTextEdit, QWizard
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.numbering import DEFAULT_PATTERN
from apporteur_desktop.domain.problems import Problem
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.identity import show_identity
from apporteur_desktop.services.invoice_settings import invoicing_settings
from apporteur_desktop.ui.dialogs.onboarding import IDENTITY, NUMBERING, OnboardingDialog
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.widgets.field_errors import problem_text
from apporteur_desktop.validation.identifiers import check_siret

from . import settings_fixtures as fixtures
from .settings_fixtures import finish_tasks, tick, type_over

# The shared fixtures, made visible to pytest in this module.
new_ctx, tasks = fixtures.new_ctx, fixtures.tasks

Button = QWizard.WizardButton


def onboarding(qtbot: QtBot, context: AppContext, runner: TaskRunner) -> OnboardingDialog:
    dialog = OnboardingDialog(context, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot: QtBot, dialog: OnboardingDialog, which: QWizard.WizardButton) -> None:
    button = dialog.button(which)
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def line(dialog: OnboardingDialog, key: str) -> QLineEdit:
    editor = dialog.identity.fields.editors[key]
    assert isinstance(editor, QLineEdit)
    return editor


def fill_identity(qtbot: QtBot, dialog: OnboardingDialog, name: str = "Camille Roux") -> None:
    if name:
        type_over(qtbot, line(dialog, "name"), name)
    sole_trader = dialog.identity.fields.editors["sole_trader"]
    assert isinstance(sole_trader, QCheckBox)
    tick(qtbot, sole_trader)
    type_over(qtbot, line(dialog, "siret"), "123 456 782 00010")
    street = dialog.identity.fields.editors["street"]
    assert isinstance(street, QPlainTextEdit)
    type_over(qtbot, street, "4 rue des Lilas")
    type_over(qtbot, line(dialog, "postcode"), "33000")
    type_over(qtbot, line(dialog, "city"), "Bordeaux")
    type_over(qtbot, line(dialog, "iban"), "FR76 3000 6000 0112 3456 7890 189")


def test_the_onboarding_writes_the_identity_and_the_number_format(
    qtbot: QtBot, new_ctx: AppContext, tasks: TaskRunner
) -> None:
    dialog = onboarding(qtbot, new_ctx, tasks)
    click(qtbot, dialog, Button.NextButton)
    assert dialog.currentId() == IDENTITY
    fill_identity(qtbot, dialog)
    click(qtbot, dialog, Button.NextButton)
    assert dialog.currentId() == NUMBERING
    pattern = dialog.numbering.pattern
    assert pattern.text() == DEFAULT_PATTERN
    type_over(qtbot, pattern.edit, "FA-{year}-{seq:03d}")
    assert pattern.example.text().endswith("FA-2026-001")
    click(qtbot, dialog, Button.FinishButton)
    finish_tasks(qtbot, tasks)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.wants_demo
    stored = show_identity(new_ctx)
    assert stored is not None
    legal = stored.identity
    assert (legal.name, legal.sole_trader, legal.siret) == ("Camille Roux", True, "12345678200010")
    assert (legal.address.street, legal.address.postcode, legal.address.city) == (
        "4 rue des Lilas",
        "33000",
        "Bordeaux",
    )
    assert stored.iban == "FR7630006000011234567890189"
    assert invoicing_settings(new_ctx).numbering.invoice_pattern == "FA-{year}-{seq:03d}"


def test_choosing_the_demo_writes_nothing(
    qtbot: QtBot, new_ctx: AppContext, tasks: TaskRunner
) -> None:
    dialog = onboarding(qtbot, new_ctx, tasks)
    assert not dialog.button(Button.FinishButton).isVisible()
    tick(qtbot, dialog.welcome.demo)
    assert not dialog.button(Button.NextButton).isVisible()  # the demo needs nothing more
    tick(qtbot, dialog.welcome.create)
    assert not dialog.button(Button.FinishButton).isVisible()
    tick(qtbot, dialog.welcome.demo)
    click(qtbot, dialog, Button.FinishButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.wants_demo
    assert show_identity(new_ctx) is None
    assert invoicing_settings(new_ctx).numbering.invoice_pattern == DEFAULT_PATTERN


def test_a_missing_name_sends_the_wizard_back_and_saves_nothing(
    qtbot: QtBot, new_ctx: AppContext, tasks: TaskRunner
) -> None:
    dialog = onboarding(qtbot, new_ctx, tasks)
    click(qtbot, dialog, Button.NextButton)
    fill_identity(qtbot, dialog, name="")
    click(qtbot, dialog, Button.NextButton)
    type_over(qtbot, dialog.numbering.pattern.edit, "FA-{year}-{seq:03d}")
    click(qtbot, dialog, Button.FinishButton)
    finish_tasks(qtbot, tasks)
    assert dialog.isVisible() and dialog.currentId() == IDENTITY
    required = problem_text(new_ctx.translator, Problem.of("identity.name", "", "required"))
    assert dialog.identity.fields.errors.shown() == {"name": required}
    # The pattern went in first (there was no identity to put back): it was taken out again.
    assert show_identity(new_ctx) is None
    assert invoicing_settings(new_ctx).numbering.invoice_pattern == DEFAULT_PATTERN


def test_a_bad_pattern_keeps_the_wizard_on_its_page(
    qtbot: QtBot, new_ctx: AppContext, tasks: TaskRunner
) -> None:
    dialog = onboarding(qtbot, new_ctx, tasks)
    click(qtbot, dialog, Button.NextButton)
    fill_identity(qtbot, dialog)
    click(qtbot, dialog, Button.NextButton)
    type_over(qtbot, dialog.numbering.pattern.edit, "FA {year}-{seq}")
    assert dialog.numbering.errors.message("numbering.invoice_pattern") != ""
    click(qtbot, dialog, Button.FinishButton)
    finish_tasks(qtbot, tasks)
    assert dialog.isVisible() and dialog.currentId() == NUMBERING
    assert dialog.numbering.errors.message("numbering.invoice_pattern") != ""
    assert show_identity(new_ctx) is None


def test_the_siret_is_checked_as_typed(
    qtbot: QtBot, new_ctx: AppContext, tasks: TaskRunner
) -> None:
    dialog = onboarding(qtbot, new_ctx, tasks)
    click(qtbot, dialog, Button.NextButton)
    type_over(qtbot, line(dialog, "siret"), "123")
    expected = problem_text(new_ctx.translator, check_siret("123").problems[0])
    errors = dialog.identity.fields.errors
    qtbot.waitUntil(lambda: errors.message("siret") == expected)
    type_over(qtbot, line(dialog, "siret"), "12345678200010")
    qtbot.waitUntil(lambda: errors.message("siret") == "")
