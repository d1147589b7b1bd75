"""« Accords », driven as a user would: type an agreement, watch the summary, save it, amend
it, draft its contract. Each workflow checks the screen, then the ledger through the services.

The ledger is ``ready_ledger``'s: « Atelier » (earned, 20 %, 12 months) with Atelier
Numérique SAS; Paul Girard is an introducer; the clock is on 2 April 2026.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QUrl
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from apporteur_desktop.domain.agreements import Component, Terms
from apporteur_desktop.domain.enums import ComponentKind, Direction
from apporteur_desktop.domain.problems import Notice, Problem
from apporteur_desktop.formatting import rate_text
from apporteur_desktop.services import agreements
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.listing import ListQuery
from apporteur_desktop.services.wording import word_notice
from apporteur_desktop.ui.dialogs.amendment import AmendmentDialog
from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION
from apporteur_desktop.ui.tasks import TaskRunner
from apporteur_desktop.ui.views.agreements import COLUMNS_KEY, SPLITTER_KEY, AgreementsView
from apporteur_desktop.ui.widgets.field_errors import problem_text
from tests.documents.pdf_text import flat, pdf_pages
from tests.services.invoicing_ledgers import ready_ledger

from . import settings_fixtures as fixtures
from .settings_fixtures import finish_tasks, type_over

ctx, english_ctx, tasks = fixtures.ctx, fixtures.english_ctx, fixtures.tasks
RATE = "versions[0].terms.components[0].rate"


@pytest.fixture(autouse=True)
def forget_layout() -> None:
    settings = QSettings(ORGANISATION, APPLICATION)
    settings.remove(COLUMNS_KEY)
    settings.remove(SPLITTER_KEY)


@pytest.fixture
def used_ctx(tmp_path: Path) -> Iterator[AppContext]:
    """« Atelier » with its January to March commissions saved: its terms are fixed."""
    with ready_ledger(tmp_path / "used") as context:
        yield context


class Desktop:
    """What the view hands to the desktop's viewer."""

    def __init__(self) -> None:
        self.opened: list[QUrl] = []

    def open_url(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True


def agreements_view(
    qtbot: QtBot, context: AppContext, runner: TaskRunner, desktop: Desktop | None = None
) -> AgreementsView:
    view = AgreementsView(context, runner, open_url=(desktop or Desktop()).open_url)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def listed(context: AppContext) -> list[str]:
    return [row.name for row in agreements.list_agreements(context, ListQuery(), 0, 50).rows]


def choose(combo_owner: AgreementsView, name: str) -> None:
    combo = combo_owner.form.counterparty
    combo.setCurrentIndex(combo.findText(name))


def type_new_agreement(qtbot: QtBot, view: AgreementsView, name: str, rate: str) -> None:
    """A new agreement as the user types it: name, provider, a percentage of revenue."""
    view.new_item()
    form = view.form
    qtbot.keyClicks(form.name, name)
    choose(view, "Atelier Numérique SAS")
    qtbot.keyClicks(form.terms.components[0].rate, rate)


# --- creating -----------------------------------------------------------------------------------


def test_an_agreement_typed_in_the_form_is_summarised_live_then_saved(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, ctx, tasks)
    form = view.form
    assert view.title.text() == ctx.translator.gettext("New agreement")
    assert form.terms.components[0].selected_kind() is ComponentKind.REVENUE_PERCENT
    assert "?" in form.summary_text()  # no rate yet
    type_new_agreement(qtbot, view, "Atelier 2026", "20")
    summary = form.summary_text()
    assert rate_text(Decimal(20), "fr") in summary  # « 20 % », as a French reader writes it
    assert "Atelier Numérique SAS" in summary
    assert ctx.translator.gettext("the long-term contract that follows the trial is covered") in (
        summary
    )
    assert form.terms.months.value() == 12 and form.notices == []
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    assert view.status.text() == ctx.translator.gettext("Saved.")
    assert view.title.text() == "Atelier 2026" and not form.is_modified()
    assert listed(ctx) == ["Atelier", "Atelier 2026"]
    saved = agreements.get_agreement(ctx, 2)
    assert saved.counterparty_id == agreements.get_agreement(ctx, 1).counterparty_id
    assert saved.original_terms == Terms(
        (Component(ComponentKind.REVENUE_PERCENT, rate=Decimal(20)),)
    )
    assert view.model.rowCount() == 2 and view.table.selectionModel().selectedRows()[0].row() == 1


@pytest.mark.parametrize(("typed", "code"), [("abc", "invalid_number"), ("-5", "below_minimum")])
def test_a_bad_rate_is_shown_next_to_the_rate_and_nothing_is_saved(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner, typed: str, code: str
) -> None:
    view = agreements_view(qtbot, ctx, tasks)
    type_new_agreement(qtbot, view, "Mauvais taux", typed)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    value: object = typed if code == "invalid_number" else Decimal(typed)
    params = {"minimum": Decimal(0)} if code == "below_minimum" else {}
    expected = problem_text(ctx.translator, Problem.of(RATE, value, code, **params))
    assert view.form.error_text(RATE) == expected
    assert view.status.text() == ctx.translator.gettext("Not saved: correct the fields in red.")
    assert listed(ctx) == ["Atelier"]
    # Correcting the rate clears its message, and the agreement saves.
    type_over(qtbot, view.form.terms.components[0].rate, "12,5")
    assert view.form.error_text(RATE) == ""
    view.save()
    finish_tasks(qtbot, tasks)
    assert listed(ctx) == ["Atelier", "Mauvais taux"]
    rate = agreements.get_agreement(ctx, 2).original_terms.components[0].rate
    assert rate == Decimal("12.5")


def test_a_missing_name_and_counterparty_are_shown_under_their_fields(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, english_ctx, tasks)
    qtbot.keyClicks(view.form.terms.components[0].rate, "10")
    view.save()
    assert view.form.error_text("counterparty_id") == "is required"
    assert view.form.error_text("name") == "is required"  # found with it, before any save
    assert listed(english_ctx) == ["Atelier"]


def test_a_rate_above_30_percent_warns_and_saves(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, ctx, tasks)
    type_new_agreement(qtbot, view, "Taux eleve", "35")
    warning = word_notice(
        ctx.translator,
        Notice.of("rate_above_usual", field=RATE, rate=Decimal(35), usual_maximum=Decimal(30)),
    )
    assert view.form.notices == [warning]
    assert warning in view.form.summary_text()
    view.save()
    finish_tasks(qtbot, tasks)
    assert warning in view.status.text()
    assert listed(ctx) == ["Atelier", "Taux eleve"]


def next_tab(widget: QWidget) -> QWidget:
    """Where Tab goes from ``widget``: the next shown, enabled widget that takes Tab (a spin
    box's own line edit is the spin box)."""
    following = widget.nextInFocusChain()
    while not (
        following.isVisible()
        and following.isEnabled()
        and following.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(following.parentWidget(), QAbstractSpinBox)
    ):
        following = following.nextInFocusChain()
    return following


def test_tab_follows_the_page_from_the_header_into_the_terms(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, ctx, tasks)
    form = view.form
    second = form.terms.add_component()  # added after the rest of the form was built
    qtbot.waitUntil(second.kind.isVisible)
    first = form.terms.components[0]
    assert next_tab(form.self_billing) is first.kind
    assert next_tab(first.kind) is first.rate
    assert next_tab(first.remove_button) is second.kind
    assert next_tab(second.remove_button) is form.terms.add_button
    assert next_tab(form.terms.payment_days) is form.criteria


# --- saved agreements ---------------------------------------------------------------------------


def test_the_details_of_a_saved_agreement_change_and_its_used_terms_are_read_only(
    qtbot: QtBot, used_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, used_ctx, tasks)
    view.show_item(1)
    form = view.form
    assert form.name.text() == "Atelier" and form.versions_box.isVisible()
    assert not form.terms.components[0].rate.isEnabled()
    assert not form.valid_from.isEnabled() and not form.direction.isEnabled()
    assert form.amend_button.isEnabled()
    type_over(qtbot, form.name, "Atelier Lyon")
    qtbot.keyClicks(form.territory, "Lyon")
    view.save()
    finish_tasks(qtbot, tasks)
    stored = agreements.get_agreement(used_ctx, 1)
    assert (stored.name, stored.territory) == ("Atelier Lyon", "Lyon")
    assert len(stored.versions) == 1


def test_unused_signed_terms_may_be_corrected_in_the_form(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, ctx, tasks)
    view.show_item(1)
    rate = view.form.terms.components[0].rate
    assert rate.isEnabled()
    type_over(qtbot, rate, "15")
    view.save()
    finish_tasks(qtbot, tasks)
    assert agreements.get_agreement(ctx, 1).original_terms.components[0].rate == Decimal(15)


def test_an_amendment_through_the_dialog_adds_a_version(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, ctx, tasks)
    view.show_item(1)
    qtbot.mouseClick(view.form.amend_button, Qt.MouseButton.LeftButton)
    dialog = view.amendment_dialog
    assert isinstance(dialog, AmendmentDialog) and dialog.isVisible()
    rate = dialog.terms.components[0].rate
    assert rate.text() == "20"  # the terms in force, to change what the amendment changes
    assert dialog.effective_on.date() == QDate(2026, 5, 1)  # next month
    type_over(qtbot, rate, "abc")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    message = problem_text(ctx.translator, Problem.of("rate", "abc", "invalid_number"))
    assert dialog.error_text("terms.components[0].rate") == message
    assert agreements.get_agreement(ctx, 1).amendments == ()
    type_over(qtbot, rate, "12")
    assert flat(rate_text(Decimal(12), "fr")) in flat(dialog.summary.toPlainText())
    qtbot.keyClicks(dialog.note, "Taux revu")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    assert view.amendment_dialog is None  # accepted, closed
    stored = agreements.get_agreement(ctx, 1)
    assert [(v.effective_on, v.note) for v in stored.versions] == [
        (None, ""),
        (date(2026, 5, 1), "Taux revu"),
    ]
    assert stored.versions[1].terms.components[0].rate == Decimal(12)
    assert view.form.versions.count() == 2
    assert view.status.text().startswith(ctx.translator.gettext("Amendment recorded."))


def test_an_amendment_before_the_start_is_refused_under_its_date(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, english_ctx, tasks)
    view.show_item(1)
    dialog = AmendmentDialog(english_ctx, tasks, agreements.open_agreement(english_ctx, 1), view)
    dialog.effective_on.setDate(QDate(2025, 12, 1))
    type_over(qtbot, dialog.terms.components[0].rate, "12")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    assert dialog.error_text("effective_on").startswith("2025-12-01 is before")
    assert agreements.get_agreement(english_ctx, 1).amendments == ()


def test_the_contract_draft_is_written_and_opened(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    desktop = Desktop()
    view = agreements_view(qtbot, ctx, tasks, desktop)
    assert not view.contract_button.isEnabled()  # nothing saved to draft yet
    view.show_item(1)
    qtbot.mouseClick(view.contract_button, Qt.MouseButton.LeftButton)
    finish_tasks(qtbot, tasks)
    (url,) = desktop.opened
    content = Path(url.toLocalFile()).read_bytes()
    assert content.startswith(b"%PDF")
    reference = ctx.translator.gettext("Reference: {name}").format(name="Atelier")
    assert flat(reference) in " ".join(pdf_pages(content))


def test_leaving_unsaved_changes_asks_first(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    answers: list[QMessageBox.StandardButton] = [QMessageBox.StandardButton.Cancel]
    view = AgreementsView(ctx, tasks, ask_unsaved=lambda *_: answers[0])
    qtbot.addWidget(view)
    view.show()
    view.show_item(1)
    qtbot.keyClicks(view.form.territory, "Rhone")
    view.show_item(1)  # the same agreement, asked again (a search): the typing stays
    assert view.form.territory.text() == "Rhone"
    view.new_item()  # Cancel: stay
    assert view.form.name.text() == "Atelier" and view.form.is_modified()
    answers[0] = QMessageBox.StandardButton.Discard
    view.new_item()
    assert view.form.name.text() == "" and view.title.text() == ctx.translator.gettext(
        "New agreement"
    )
    assert agreements.get_agreement(ctx, 1).territory == ""


# --- the list -----------------------------------------------------------------------------------


def test_the_list_filters_by_text_and_direction(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    girard = agreements.counterparties(english_ctx, Direction.OWED)[0]
    blank = agreements.get_agreement(english_ctx, 1)
    agreements.create_agreement(
        english_ctx,
        replace(blank, name="Girard", direction=Direction.OWED, counterparty_id=girard.id or 0),
    )
    view = agreements_view(qtbot, english_ctx, tasks)
    assert view.model.rowCount() == 2
    assert view.model.data(view.model.index(1, 2)) == "I owe"
    assert view.count_label.text() == "Agreements: 2"
    view.direction_filter.setCurrentIndex(view.direction_filter.findData("owed"))
    assert [view.model.row_value(r).name for r in range(view.model.rowCount())] == ["Girard"]
    view.direction_filter.setCurrentIndex(0)
    qtbot.keyClicks(view.filter_edit, "paul")  # the counterparty's name, not the agreement's
    assert [view.model.row_value(r).name for r in range(view.model.rowCount())] == ["Girard"]
    # Opening an agreement the filter hides clears the filters.
    view.show_item(1)
    assert view.filter_edit.text() == "" and view.form.name.text() == "Atelier"
    view.show_item(2)
    assert view.form.name.text() == "Girard"
    assert view.form.counterparty.currentText() == "Paul Girard"


def test_english_and_french_open_and_the_layout_is_remembered(
    qtbot: QtBot, english_ctx: AppContext, tasks: TaskRunner
) -> None:
    view = agreements_view(qtbot, english_ctx, tasks)
    assert view.save_button.text() == "Save"
    assert view.form.summary_text().startswith("You introduce clients to a provider")
    assert view.splitter.sizes()[0] > 400  # the list and the form share the width
    view.splitter.setSizes([300, 700])
    view.splitter.splitterMoved.emit(300, 1)  # as a drag of the handle does
    view.table.horizontalHeader().resizeSection(1, 177)
    again = agreements_view(qtbot, english_ctx, tasks)
    assert again.splitter.sizes() == view.splitter.sizes()
    assert again.table.horizontalHeader().sectionSize(1) == 177


def test_the_french_view_opens(qtbot: QtBot, ctx: AppContext, tasks: TaskRunner) -> None:
    view = agreements_view(qtbot, ctx, tasks)
    view.show_item(1)
    assert view.save_button.text() == ctx.translator.gettext("Save")
    assert isinstance(view.form.name, QLineEdit) and view.form.name.text() == "Atelier"


def test_the_list_s_context_menu_offers_the_buttons_actions_as_they_stand(
    qtbot: QtBot, ctx: AppContext, tasks: TaskRunner
) -> None:
    desktop = Desktop()
    view = agreements_view(qtbot, ctx, tasks, desktop)
    view.new_item()
    enabled = [action.isEnabled() for action in view.context_menu().actions()]
    assert enabled == [True, False, False]  # nothing saved: no amendment, no draft yet
    view.show_item(1)
    menu = view.context_menu()
    assert [action.isEnabled() for action in menu.actions()] == [True, True, True]
    menu.actions()[2].trigger()  # the contract draft, as its button does
    finish_tasks(qtbot, tasks)
    (url,) = desktop.opened
    assert Path(url.toLocalFile()).read_bytes().startswith(b"%PDF")
