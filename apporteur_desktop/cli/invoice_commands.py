"""The ``invoice`` and ``payment`` sub-commands: drafts, issuing, the archive, credit notes,
invoices numbered by the other side, and payments. Each calls one service and prints."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..domain.enums import Direction
from ..domain.invoices import InvoiceState, PaymentMethod
from ..domain.money import ZERO
from ..i18n import Translator
from ..services import credit_notes, invoice_views, invoicing, payments, received
from ..services.context import open_context
from ..services.wording import word_notice
from .arguments import ValueTypes
from .console import Console
from .files import write_document
from .invoice_output import InvoicePrinter


def register(sub: Any, tr: Translator, parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    _ = tr.gettext
    types = ValueTypes(tr)
    shared = {"parents": list(parents)}
    invoice = sub.add_parser("invoice", help=_("draft, issue, list, print and cancel invoices"))
    actions = invoice.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, handler, help_text in (
        ("draft", run_draft, _("prepare one draft per counterparty with commissions due")),
        ("issue", run_issue, _("number and issue the invoices of the commissions due")),
    ):
        parser = actions.add_parser(name, **shared, help=help_text)
        parser.add_argument("--period", type=types.month, required=True, metavar="YYYY-MM")
        parser.add_argument(
            "--provider", metavar="NAME", help=_("only this provider (or introducer)")
        )
        parser.add_argument("--format", choices=("table", "json"), default="table")
        parser.set_defaults(handler=handler)

    lister = actions.add_parser("list", **shared, help=_("list invoices and credit notes"))
    lister.add_argument(
        "--status",
        nargs="+",
        action="extend",
        choices=[state.value for state in InvoiceState],
        help=_("only documents in these states"),
    )
    lister.add_argument("--format", choices=("table", "json", "csv"), default="table")
    lister.set_defaults(handler=run_list)

    pdf = actions.add_parser("pdf", **shared, help=_("write the archived file of an invoice"))
    pdf.add_argument("number", metavar="NUMBER")
    pdf.add_argument("--out", metavar="FILE", help=_("file to write (default: NUMBER.pdf)"))
    pdf.set_defaults(handler=run_pdf)

    cancel = actions.add_parser(
        "cancel", **shared, help=_("cancel an issued invoice with a credit note")
    )
    cancel.add_argument("number", metavar="NUMBER")
    cancel.add_argument("--reason", required=True, metavar="TEXT")
    cancel.set_defaults(handler=run_cancel)

    _register_record(actions, tr, types, shared)
    _register_payment(sub, tr, types, shared)


def _register_record(
    actions: Any, tr: Translator, types: ValueTypes, shared: Mapping[str, Any]
) -> None:
    _ = tr.gettext
    record = actions.add_parser(
        "record", **shared, help=_("record an invoice numbered by the other side")
    )
    side = record.add_mutually_exclusive_group(required=True)
    side.add_argument(
        "--provider", metavar="NAME", help=_("a provider's self-billed invoice in my name")
    )
    side.add_argument("--introducer", metavar="NAME", help=_("an introducer's invoice to me"))
    record.add_argument("--number", required=True, metavar="THEIR_NUMBER")
    record.add_argument("--date", type=types.day, required=True, metavar="YYYY-MM-DD")
    record.add_argument(
        "--amount", type=types.amount, required=True, metavar="NET", help=_("excluding VAT")
    )
    record.add_argument("--vat", type=types.amount, default=ZERO, metavar="AMOUNT")
    record.add_argument(
        "--due",
        type=types.day,
        metavar="YYYY-MM-DD",
        help=_("due date (default: from the agreement's payment terms)"),
    )
    record.add_argument(
        "--period",
        type=types.month,
        required=True,
        metavar="YYYY-MM",
        help=_("the last month of commissions it pays"),
    )
    record.set_defaults(handler=run_record)


def _register_payment(
    sub: Any, tr: Translator, types: ValueTypes, shared: Mapping[str, Any]
) -> None:
    _ = tr.gettext
    payment = sub.add_parser("payment", help=_("record payments of invoices"))
    actions = payment.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", **shared, help=_("record a payment, VAT included"))
    add.add_argument("number", metavar="NUMBER")
    add.add_argument("amount", type=types.amount, metavar="AMOUNT")
    add.add_argument("--date", type=types.day, required=True, metavar="YYYY-MM-DD")
    add.add_argument(
        "--method",
        choices=[method.value for method in PaymentMethod],
        default=PaymentMethod.TRANSFER.value,
    )
    add.add_argument("--note", default="", metavar="TEXT")
    add.set_defaults(handler=run_payment)


def run_draft(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        prepared = invoicing.prepare_drafts(ctx, args.period, args.provider)
    InvoicePrinter(console, tr).drafts(prepared, str(args.period), args.format)
    return 0


def run_issue(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        prepared, issued = invoicing.issue_for_period(ctx, args.period, args.provider)
    for notice in issued.notices:
        console.warn(word_notice(tr, notice))
    InvoicePrinter(console, tr).issued(prepared, issued, str(args.period), args.format)
    return 0


def run_list(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    states = None if args.status is None else [InvoiceState(state) for state in args.status]
    with open_context(args.data_dir, environ, tr) as ctx:
        views = invoice_views.list_invoices(ctx, states)
    InvoicePrinter(console, tr).invoices(views, args.format)
    return 0


def run_pdf(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        content = invoice_views.archived_pdf(ctx, args.number)
    # Numbers may hold « / » (e.g. F/2026/0001): not in a file name.
    default = args.number.replace("/", "-") + ".pdf"
    write_document(console, Path(args.out or default), content)
    return 0


def run_cancel(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        credit_note = credit_notes.cancel_invoice(ctx, args.number, args.reason)
    InvoicePrinter(console, tr).credit_note(credit_note)
    return 0


def run_record(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    direction = Direction.EARNED if args.provider is not None else Direction.OWED
    theirs = received.TheirInvoice(args.number, args.date, args.amount, args.vat, args.due)
    with open_context(args.data_dir, environ, tr) as ctx:
        view = received.record_their_invoice(
            ctx, direction, args.provider or args.introducer, theirs, args.period
        )
    InvoicePrinter(console, tr).recorded(view)
    return 0


def run_payment(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        view = payments.record_payment(
            ctx,
            args.number,
            args.amount,
            args.date,
            method=PaymentMethod(args.method),
            note=args.note,
        )
    InvoicePrinter(console, tr).payment(view, args.amount)
    return 0
