"""How to bring up each screen of the desktop app with data in it: every main view, and the main
dialogs as a user reaches them.

``tools/screenshots.py`` grabs each screen to ``docs/screenshots/``, and
``tests/ui/test_every_screen.py`` opens each one in French and in English and reads its texts:
both go through the functions here, over the same demo ledger (:func:`fill_demo_ledger`).

A :class:`Desk` is the main window over a ledger. ``screen.open(desk)`` returns the widget the
screen shows (the view, or the dialog) once its data are in and its background work is over;
``desk.close_dialogs()`` closes the dialogs it left open. A screen that cannot show its data
(an empty list, a failure message) raises :class:`ScreenError`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QRadioButton,
    QTableView,
    QWidget,
)

from apporteur_desktop.domain.enums import IntroductionStatus, PartyKind
from apporteur_desktop.domain.invoices import InvoiceState
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.infra.clock import FixedClock
from apporteur_desktop.services import commissions, invoicing, payments
from apporteur_desktop.services.context import AppContext
from apporteur_desktop.services.demo_fill import fill_demo
from apporteur_desktop.services.introductions import next_steps
from apporteur_desktop.ui.dialogs.amendment import AmendmentDialog
from apporteur_desktop.ui.dialogs.engagement import EngagementDialog
from apporteur_desktop.ui.dialogs.issue_invoices import IssueInvoicesDialog
from apporteur_desktop.ui.dialogs.new_contact import NewContactDialog
from apporteur_desktop.ui.dialogs.new_introduction import NewIntroductionDialog
from apporteur_desktop.ui.dialogs.onboarding import OnboardingDialog
from apporteur_desktop.ui.dialogs.payment import PaymentDialog, can_pay
from apporteur_desktop.ui.dialogs.search import SearchDialog
from apporteur_desktop.ui.dialogs.spreadsheet_import import SpreadsheetImportDialog
from apporteur_desktop.ui.main_window import VIEWS, MainWindow
from apporteur_desktop.ui.tasks import TaskRunner

TODAY = date(2026, 11, 23)
WINDOW_SIZE = (1280, 800)
TIMEOUT = 30.0  # seconds a screen may take to show its data

# What the search dialog is shown with: a name found among contacts, agreements,
# introductions and invoices of the demo.
SEARCH_TEXT = "Garnier"
NEW_CLIENT = "Café des Arts"
# October's revenue as the user's spreadsheet gives it, on engagements of the demo ledger, its
# name, headings and words in the user's language. One amount is mistyped (letters O for zeros),
# so the problems list has something to show.
REVENUE_FILES = {"fr": "chiffre-affaires-octobre-2026.csv", "en": "revenue-october-2026.csv"}
REVENUE_CSV = {
    "fr": """\
Client;Contrat d'apport;Contrat client;Mois;CA HT;Statut
Boulangerie du Marché;Atelier Numérique — essais clients 2025;Accompagnement mensuel;10/2026;1 080,00 €;confirmé
Laura Dufour;Atelier Numérique — essais clients 2025;Forfait mensuel;10/2026;750,00 €;confirmé
Maison Lemoine;Aurélie Fabre — recommandations 2025;Forfait mensuel;10/2026;820,00 €;confirmé
Bio & Sens;Julien Moreau — apport de clients 2024;Contrat de prestation récurrente;10/2026;4OO,OO €;confirmé
Hôtel Le Cormoran;Julien Moreau — apport de clients 2024;Abonnement mensuel — 20 h;10/2026;450,00 €;estimé
""",  # noqa: E501 (a spreadsheet row per line)
    "en": """\
Client;Agreement;Engagement;Month;Revenue;Status
Boulangerie du Marché;Atelier Numérique — essais clients 2025;Accompagnement mensuel;10/2026;€1,080.00;confirmed
Laura Dufour;Atelier Numérique — essais clients 2025;Forfait mensuel;10/2026;€750.00;confirmed
Maison Lemoine;Aurélie Fabre — recommandations 2025;Forfait mensuel;10/2026;€820.00;confirmed
Bio & Sens;Julien Moreau — apport de clients 2024;Contrat de prestation récurrente;10/2026;€4OO.OO;confirmed
Hôtel Le Cormoran;Julien Moreau — apport de clients 2024;Abonnement mensuel — 20 h;10/2026;€450.00;estimated
""",  # noqa: E501
}

DialogT = TypeVar("DialogT", bound=QDialog)


class ScreenError(Exception):
    """A screen could not be shown with its data."""


def demo_clock() -> FixedClock:
    return FixedClock(datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0, tzinfo=UTC))


def fill_demo_ledger(ctx: AppContext) -> None:
    """The demo, its commissions saved up to September, September invoiced with one invoice
    paid and one half paid; October is left unsaved, so the commissions view previews it."""
    fill_demo(ctx, 1)
    last = Period(2026, 9)
    commissions.run_commissions(ctx, Period(2025, 1), last, preview=False)
    _drafts, issued = invoicing.issue_for_period(ctx, last)
    if issued.documents:
        first = issued.documents[0]
        payments.record_payment(ctx, first.number, first.gross_total, TODAY)
    if len(issued.documents) > 1:
        second = issued.documents[1]
        half = (second.gross_total / 2).quantize(Decimal("0.01"))
        payments.record_payment(ctx, second.number, half, TODAY)


class Desk:
    """The main window over ``ctx``, and the waiting that bringing up a screen needs.

    ``scratch`` is a folder for the files a screen needs (the spreadsheet to import).
    """

    def __init__(self, ctx: AppContext, scratch: Path) -> None:
        self.ctx, self.scratch = ctx, scratch
        self.window = MainWindow(ctx)
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        self.settle()

    @property
    def tasks(self) -> TaskRunner:
        return self.window.tasks

    def settle(self) -> None:
        """Let the background work end and its results, layouts and paints go through."""
        for _round in range(5):
            QApplication.processEvents()
            self.tasks.wait()
            QApplication.processEvents()
        self._refuse_failure_box()

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        """Process events until ``condition`` holds, then settle; ScreenError after TIMEOUT."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            QApplication.processEvents()
            self._refuse_failure_box()
            if condition():
                break
            if time.monotonic() > deadline:
                raise ScreenError(f"timed out waiting for {what}")
            self.tasks.wait(50)
            time.sleep(0.005)  # the timers (debounces, delayed reads) need time to pass
        self.settle()

    def pause(self, seconds: float) -> None:
        """Keep the events going for a while: for what draws in the background (QPdfView)."""
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            QApplication.processEvents()
            time.sleep(0.01)

    def close_dialogs(self) -> None:
        """Close every dialog left open (each deletes itself, or its view replaces it)."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.tasks.wait()
        QApplication.processEvents()

    def close(self) -> None:
        """Close the dialogs and let the window go, once its last task has ended."""
        self.close_dialogs()
        self.tasks.wait()
        self.window.hide()
        self.window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # --- helpers of the screens -------------------------------------------------------------------

    def show_view(self, key: str) -> QWidget:
        """The view of ``key``, shown, its data read again and on screen."""
        view = self.window.show_view(key)
        loads: list[bool] = []

        def counted() -> None:
            loads.append(True)

        loaded = getattr(view, "loaded", None)  # the views that read off the UI thread say so
        if loaded is not None:
            loaded.connect(counted)
        try:
            view.refresh()  # type: ignore[attr-defined]
            self.wait_until(
                lambda: (loaded is None or bool(loads)) and not self.tasks.busy,
                f"the {key} view to load",
            )
        finally:
            if loaded is not None:
                loaded.disconnect(counted)
        return view

    def shown_dialog(self, dialog: QDialog | None, kind: type[DialogT], what: str) -> DialogT:
        """``dialog`` checked to be a shown ``kind``, once settled."""
        if not isinstance(dialog, kind) or not dialog.isVisible():
            raise ScreenError(f"{what}: no {kind.__name__} was opened")
        self.settle()
        return dialog

    def _refuse_failure_box(self) -> None:
        # A failure shows as a message box over the screen: the screen did not come up right.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                text = "\n".join(filter(None, (widget.text(), widget.informativeText())))
                widget.reject()
                raise ScreenError(f"a message box opened: {text}")


# --- the main views -------------------------------------------------------------------------------


def open_view(desk: Desk, key: str) -> QWidget:
    """The view of ``key`` with its data, and the first row of its list selected so that the
    panes showing the selected item (history, form, explanation) are filled."""
    view = desk.show_view(key)
    table = getattr(view, "table", None)
    if isinstance(table, QTableView):
        if table.model().rowCount() == 0:
            raise ScreenError(f"the {key} view lists nothing")
        table.selectRow(0)
        desk.settle()
    return view


# --- the dialogs ----------------------------------------------------------------------------------
# Most are reached as the user reaches them, through a view's own actions: the window knows its
# views as plain QWidgets, hence the views typed ``Any`` below.


def open_onboarding(desk: Desk) -> QDialog:
    """The first-run wizard on its identity page (the welcome page is two radio buttons)."""
    dialog = OnboardingDialog(desk.ctx, desk.tasks, desk.window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.next()
    return desk.shown_dialog(dialog, OnboardingDialog, "onboarding")


def open_new_introduction(desk: Desk) -> QDialog:
    """« New introduction… » with a client typed that is not in the ledger yet, so the dialog
    says it will create it."""
    view: Any = open_view(desk, "introductions")
    view.new_item()
    dialog = desk.shown_dialog(view.dialog, NewIntroductionDialog, "new introduction")
    dialog.client.lineEdit().setText(NEW_CLIENT)
    desk.settle()
    return dialog


def open_engagement(desk: Desk) -> QDialog:
    """« Trial… » on the latest introduction that can still have one."""
    view: Any = open_view(desk, "introductions")
    model = view.model
    rows = [model.row_value(row) for row in range(model.rowCount())]
    chosen = next((r for r in rows if IntroductionStatus.TRIAL in next_steps(r.status)), None)
    if chosen is None:
        raise ScreenError("no introduction can record a trial")
    view.show_item(chosen.id)
    desk.settle()
    view.record_trial()
    dialog = desk.shown_dialog(view.dialog, EngagementDialog, "trial")
    dialog.amount.setText("900")
    desk.settle()
    return dialog


def open_new_contact(desk: Desk) -> QDialog:
    """The contact form a form opens when the user types a client the ledger does not know."""
    dialog = NewContactDialog(desk.ctx, PartyKind.CLIENT, NEW_CLIENT, desk.window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return desk.shown_dialog(dialog, NewContactDialog, "new contact")


def open_amendment(desk: Desk) -> QDialog:
    """« New amendment… » on the first agreement of the list."""
    view: Any = open_view(desk, "agreements")
    view.new_amendment()
    return desk.shown_dialog(view.amendment_dialog, AmendmentDialog, "amendment")


def open_search(desk: Desk) -> QDialog:
    """The global search with a name typed and its hits listed, grouped by kind."""
    dialog = desk.shown_dialog(desk.window.search(), SearchDialog, "search")
    dialog.edit.setText(SEARCH_TEXT)
    dialog.run_search()  # now, rather than after the typing pause
    if not dialog.hits:
        raise ScreenError(f"the search finds nothing for {SEARCH_TEXT!r}")
    desk.settle()
    return dialog


def open_spreadsheet_import(desk: Desk) -> QDialog:
    """The import of October's revenue at its second step: the columns as guessed from the
    headings, the rows as they will be imported (the faulty amount's cell in red) and the
    problems list."""
    language = desk.ctx.translator.language
    path = desk.scratch / REVENUE_FILES[language]
    path.write_text(REVENUE_CSV[language], encoding="utf-8")
    dialog = SpreadsheetImportDialog(
        desk.ctx, desk.tasks, desk.window, choose_file=lambda *_asked: (str(path), "")
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    revenue = dialog.findChild(QRadioButton, "target_revenue")
    if revenue is None:
        raise ScreenError("the import offers no revenue")
    revenue.setChecked(True)
    dialog.choose_button.click()  # reads the file, then checks its rows: two tasks
    desk.wait_until(
        lambda: (
            dialog.pages.currentIndex() == 1 and dialog.preview is not None and not desk.tasks.busy
        ),
        "the spreadsheet's rows to be checked",
    )
    if dialog.problem_list.count() == 0:
        raise ScreenError("the faulty spreadsheet row shows no problem")
    return dialog


def open_issue_invoices(desk: Desk) -> QDialog:
    """« Invoice the period… » for October, its first draft's PDF drawn in the dialog."""
    view: Any = open_view(desk, "commissions")  # previews last month: October
    # Drafts are made of saved lines: October is saved first (nothing new when it already is).
    view.save()
    desk.wait_until(lambda: not desk.tasks.busy, "October's commissions to be saved")
    view.invoice_button.click()
    dialog = desk.shown_dialog(view.issue_dialog, IssueInvoicesDialog, "invoice the period")
    desk.wait_until(
        lambda: dialog.preview.currentWidget() is dialog.pdf_view, "the draft's PDF preview"
    )
    desk.pause(0.5)  # QPdfView renders its pages once shown, off the event that showed it
    return dialog


def open_payment(desk: Desk) -> QDialog:
    """« Record a payment… » on the half-paid invoice: what is left to pay is proposed."""
    view: Any = open_view(desk, "invoices")
    listed = view.listed_invoices()
    payable = [i for i in listed if can_pay(i)]
    half_paid = [i for i in payable if i.state is InvoiceState.PARTLY_PAID]
    if not payable:
        raise ScreenError("no invoice can be paid")
    invoice = (half_paid or payable)[0]
    view.show_item(invoice.id)
    desk.wait_until(
        lambda: getattr(view.selected_invoice(), "id", None) == invoice.id,
        "the invoice to be selected",
    )
    view.record_payment()
    shown = [d for d in view.findChildren(PaymentDialog) if d.isVisible()]
    return desk.shown_dialog(shown[0] if shown else None, PaymentDialog, "payment")


# --- every screen ---------------------------------------------------------------------------------


class Kind(StrEnum):
    VIEW = "view"  # a page of the main window: the whole window is what the user sees
    DIALOG = "dialog"  # a window of its own, over the main window


@dataclass(frozen=True, slots=True)
class Screen:
    name: str  # the name of its screenshot, without « .png »
    kind: Kind
    open: Callable[[Desk], QWidget]


VIEW_SCREENS = tuple(
    Screen(entry.key, Kind.VIEW, partial(open_view, key=entry.key)) for entry in VIEWS
)
DIALOG_SCREENS = tuple(
    Screen(f"dialog-{name}", Kind.DIALOG, opener)
    for name, opener in (
        ("onboarding", open_onboarding),
        ("new-introduction", open_new_introduction),
        ("engagement", open_engagement),
        ("new-contact", open_new_contact),
        ("amendment", open_amendment),
        ("search", open_search),
        ("spreadsheet-import", open_spreadsheet_import),
        ("issue-invoices", open_issue_invoices),
        ("payment", open_payment),
    )
)
# The views first: the issue-invoices dialog saves October, which the commissions view previews.
SCREENS = VIEW_SCREENS + DIALOG_SCREENS
