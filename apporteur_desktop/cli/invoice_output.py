"""Invoices, drafts and credit notes as the command prints them: tables, JSON or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ..domain.money import ZERO
from ..formatting import date_text, money_text
from ..i18n import N_, Translator
from ..services.invoice_parts import KIND_TITLES
from ..services.invoice_views import STATE_NAMES, InvoiceView
from ..services.invoicing import Drafts, Issued
from .console import Console
from .tables import print_csv, print_json, print_table

# What ``invoice list --format csv`` writes: the record of ``InvoiceView.as_record`` but its lines.
FIELDS = (
    "number",
    "kind",
    "state",
    "direction",
    "origin",
    "counterparty",
    "issued_on",
    "due_on",
    "service_first",
    "service_last",
    "net_total",
    "vat_total",
    "gross_total",
    "paid",
    "outstanding",
    "difference",
    "self_billed",
    "cites",
    "file",
    "sha256",
)

DRAFT_HEADINGS = (
    N_("Counterparty"),
    N_("Kind"),
    N_("Total excl. VAT"),
    N_("VAT"),
    N_("Total incl. VAT"),
    N_("Lines"),
)
ISSUED_HEADINGS = (
    N_("Number"),
    N_("Kind"),
    N_("Counterparty"),
    N_("Total excl. VAT"),
    N_("VAT"),
    N_("Total incl. VAT"),
    N_("Due date"),
    N_("File"),
)
LIST_HEADINGS = (
    N_("Number"),
    N_("Date"),
    N_("Counterparty"),
    N_("Kind"),
    N_("Status"),
    N_("Total incl. VAT"),
    N_("Paid"),
    N_("Left to pay"),
    N_("Due date"),
)


class InvoicePrinter:
    """Words and prints invoice views in the translator's language."""

    def __init__(self, console: Console, tr: Translator) -> None:
        self.console = console
        self.tr = tr
        self._ = tr.gettext

    def money(self, amount: Decimal) -> str:
        return money_text(amount, self.tr.language)

    def day(self, day: date | None) -> str:
        return "" if day is None else date_text(day, self.tr.language)

    def kind(self, view: InvoiceView) -> str:
        return self._(KIND_TITLES[view.kind])

    # --- invoice draft / invoice issue ------------------------------------------------------------

    def drafts(self, prepared: Drafts, through: str, fmt: str) -> None:
        if fmt == "json":
            records = [view.as_record() for view in prepared.drafts]
            print_json(self.console, {"drafts": records, "balanced": list(prepared.balanced)})
            return
        if not prepared.drafts:
            self._nothing_due(through)
        else:
            rows = [
                [
                    view.counterparty,
                    self.kind(view),
                    *self._totals(view),
                    str(len(view.lines)),
                ]
                for view in prepared.drafts
            ]
            self._table(DRAFT_HEADINGS, rows, numeric={2, 3, 4, 5})
        self._balanced(prepared)

    def issued(self, prepared: Drafts, issued: Issued, through: str, fmt: str) -> None:
        if fmt == "json":
            records = [view.as_record() for view in issued.documents]
            print_json(self.console, {"issued": records, "balanced": list(prepared.balanced)})
            return
        if not issued.documents:
            self._nothing_due(through)
        else:
            rows = [
                [
                    view.number,
                    self.kind(view),
                    view.counterparty,
                    *self._totals(view),
                    self.day(view.due_on),
                    str(view.file or ""),
                ]
                for view in issued.documents
            ]
            self._table(ISSUED_HEADINGS, rows, numeric={3, 4, 5})
        self._balanced(prepared)

    def _table(self, headings: Sequence[str], rows: list[list[str]], numeric: set[int]) -> None:
        print_table(self.console, [self._(heading) for heading in headings], rows, numeric)

    def _nothing_due(self, through: str) -> None:
        self.console.print(self._("Nothing to invoice up to {period}.").format(period=through))

    def _totals(self, view: InvoiceView) -> list[str]:
        return [
            self.money(view.net_total),
            self.money(view.vat_total),
            self.money(view.gross_total),
        ]

    def _balanced(self, prepared: Drafts) -> None:
        if prepared.balanced:
            names = ", ".join(prepared.balanced)
            self.console.print(
                self._("Balanced, nothing to invoice (their lines add up to zero): {names}").format(
                    names=names
                )
            )

    # --- invoice list -----------------------------------------------------------------------------

    def invoices(self, views: Sequence[InvoiceView], fmt: str) -> None:
        if fmt == "json":
            print_json(self.console, [view.as_record() for view in views])
        elif fmt == "csv":
            records = ({**view.as_record(), "cites": " ".join(view.cites)} for view in views)
            print_csv(self.console, FIELDS, records)
        elif not views:
            self.console.print(self._("No invoices."))
        else:
            self._invoice_table(views)

    def _invoice_table(self, views: Sequence[InvoiceView]) -> None:
        rows = [
            [
                view.number or "—",
                self.day(view.issued_on),
                view.counterparty,
                self.kind(view),
                self._(STATE_NAMES[view.state]),
                self.money(view.gross_total),
                self.money(view.paid),
                self.money(view.outstanding),
                self.day(view.due_on),
            ]
            for view in views
        ]
        self._table(LIST_HEADINGS, rows, numeric={5, 6, 7})

    # --- one document -----------------------------------------------------------------------------

    def credit_note(self, view: InvoiceView) -> None:
        self.console.print(
            self._("Credit note {number} issued, cancelling {cancelled}: {total}").format(
                number=view.number,
                cancelled=", ".join(view.cites),
                total=self.money(view.gross_total),
            )
        )
        self.console.print(str(view.file or ""))

    def recorded(self, view: InvoiceView) -> None:
        self.console.print(
            self._(
                "Recorded invoice {number} of {counterparty} dated {date}: {net} excl. VAT, "
                "{vat} VAT, {total} in all, due on {due}."
            ).format(
                number=view.number,
                counterparty=view.counterparty,
                date=self.day(view.issued_on),
                net=self.money(view.net_total),
                vat=self.money(view.vat_total),
                total=self.money(view.gross_total),
                due=self.day(view.due_on),
            )
        )
        if view.difference is not None and view.difference != ZERO:
            self.console.warn(
                self._(
                    "{number} says {amount} excl. VAT but its commission lines add up to "
                    "{expected}: a difference of {difference}"
                ).format(
                    number=view.number,
                    amount=self.money(view.net_total),
                    expected=self.money(view.net_total - view.difference),
                    difference=self.money(view.difference),
                )
            )

    def payment(self, view: InvoiceView, amount: Decimal) -> None:
        self.console.print(
            self._("Payment of {amount} recorded on {number}: {state}, {left} left to pay.").format(
                amount=self.money(amount),
                number=view.number,
                state=self._(STATE_NAMES[view.state]),
                left=self.money(view.outstanding),
            )
        )
