"""The global search dialog, driven from the keyboard as Ctrl+K users drive it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from apporteur_desktop.services import invoice_views, invoicing
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.storage import repository
from apporteur_desktop.ui.dialogs.search import HIT_ROLE, SearchDialog
from tests.services.invoicing_ledgers import MARCH, ready_ledger


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """Atelier Numérique SAS, its agreement « Atelier », Boulangerie Dupont introduced to it,
    and invoice 2026-0001 for March; in French."""
    with ready_ledger(tmp_path) as context:
        invoicing.issue_for_period(context, MARCH, "Atelier Numérique SAS")
        yield context


def _dialog(qtbot: QtBot, ctx: AppContext) -> SearchDialog:
    dialog = SearchDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _hits_shown(dialog: SearchDialog) -> list[tuple[str, str]]:
    """(heading or title) of every row, headings in brackets."""
    rows = []
    for row in range(dialog.results.count()):
        item = dialog.results.item(row)
        text = item.text()
        rows.append(("", text) if item.data(HIT_ROLE) is not None else ("heading", text))
    return rows


def _invoice_id(ctx: AppContext) -> int:
    return next(v.id for v in invoice_views.list_invoices(ctx) if v.number == "2026-0001")


def test_typing_shows_hits_grouped_by_kind_and_enter_opens_the_chosen_one(
    qtbot: QtBot, ctx: AppContext
) -> None:
    dialog = _dialog(qtbot, ctx)
    _ = ctx.translator.gettext
    qtbot.keyClicks(dialog.edit, "atelier")
    assert dialog.results.count() == 0  # nothing yet: the search waits for the typing to stop
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=2_000)
    assert _hits_shown(dialog) == [
        ("heading", _("Contact")),
        ("", "Atelier Numérique SAS"),
        ("heading", _("Agreement")),
        ("", "Atelier"),
        ("heading", _("Invoice")),
        ("", "2026-0001"),
    ]
    assert dialog.selected_hit() is not None and dialog.selected_hit()[0] == "contacts"
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.selected_hit()[0] == "agreements"  # the heading is passed over
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)  # already on the last one: it stays there
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert opened.args == ["invoices", _invoice_id(ctx)]
    assert not dialog.isVisible()


def test_up_goes_back_and_the_contact_opens_with_its_id(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.edit, "dupont")
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=2_000)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    assert dialog.selected_hit()[0] == "introductions"
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Up)
    with ctx.ledger.transaction(write=False) as session:
        dupont = next(p for p in repository.list_parties(session) if p.name == "Boulangerie Dupont")
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Enter)
    assert opened.args == ["contacts", dupont.id]


def test_enter_right_after_typing_searches_at_once(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.edit, "2026-0001")
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert opened.args == ["invoices", _invoice_id(ctx)]


def test_no_match_says_so_and_enter_opens_nothing(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.edit, "zzz")
    qtbot.waitUntil(lambda: "zzz" in dialog.message.text(), timeout=2_000)
    assert dialog.results.count() == 0
    with qtbot.assertNotEmitted(dialog.open_requested):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()


def test_escape_closes(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = _dialog(qtbot, ctx)
    with qtbot.assertNotEmitted(dialog.open_requested):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
