"""The sub-commands: each parses its options, calls one service and prints the result."""

from __future__ import annotations

import argparse
import codecs
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..domain.periods import Period
from ..domain.problems import Problem, Refused
from ..i18n import Translator
from ..services import commissions as commission_service
from ..services import exchange as exchange_service
from ..services.context import open_context
from ..services.demo_fill import fill_demo
from ..services.errors import UserError
from ..services.wording import word_notice
from . import invoice_commands, owed_commands, settings_commands
from .console import Console
from .output import print_lines


def register(sub: Any, tr: Translator, parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    _ = tr.gettext
    shared = {"parents": list(parents)}
    importer = sub.add_parser(
        "import", **shared, help=_("import a ledger exchange file (JSON), all or nothing")
    )
    importer.add_argument("file", metavar="FILE")
    importer.set_defaults(handler=run_import)

    exporter = sub.add_parser(
        "export", **shared, help=_("write the ledger as an exchange file (JSON)")
    )
    exporter.add_argument(
        "--out", metavar="FILE", help=_("file to write (default: standard output)")
    )
    exporter.set_defaults(handler=run_export)

    runner = sub.add_parser(
        "commissions", **shared, help=_("compute, save and print the commissions of a range")
    )
    runner.add_argument("--from", dest="first", required=True, metavar="YYYY-MM")
    runner.add_argument("--to", dest="last", required=True, metavar="YYYY-MM")
    runner.add_argument(
        "--preview", action="store_true", help=_("show the lines without saving them")
    )
    runner.add_argument("--format", choices=("table", "json", "csv"), default="table")
    runner.set_defaults(handler=run_commissions)

    demo = sub.add_parser(
        "demo", **shared, help=_("fill an empty ledger with realistic sample data")
    )
    demo.add_argument("--scale", default="1", metavar="N", help=_("multiply the volume by N"))
    demo.set_defaults(handler=run_demo)

    for commands in (invoice_commands, owed_commands, settings_commands):
        commands.register(sub, tr, parents)


def _context(args: argparse.Namespace, tr: Translator, environ: Mapping[str, str]):
    return open_context(args.data_dir, environ, tr)


def run_import(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    text = _read_exchange_file(args.file)
    with _context(args, tr, environ) as ctx:
        report = exchange_service.import_ledger(ctx, text)
    for notice in report.notices:
        console.warn(word_notice(tr, notice))
    console.print(
        tr.gettext(
            "Imported. Parties: {parties}; agreements: {agreements}; introductions: "
            "{introductions}; engagements: {engagements}; revenue entries: {revenue}."
        ).format(**report.counts)
    )
    return 0


def _read_exchange_file(path: str) -> str:
    """The text of an exchange file. JSON is UTF-8: a byte-order mark (as Windows Notepad
    writes) is dropped, and bytes that are not UTF-8 are refused like any other JSON mistake,
    with their line and column, instead of ending in a traceback."""
    data = Path(path).read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        problem = Problem.of(
            "",
            None,
            "json_syntax",
            line=before.count(b"\n") + 1,
            column=column,
            detail=error.reason,
        )
        raise Refused([problem]) from None


def run_export(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with _context(args, tr, environ) as ctx:
        text = exchange_service.export_ledger(ctx)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        console.out.write(text)
    return 0


def run_commissions(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    first, last = Period.parse(args.first), Period.parse(args.last)
    if first > last:
        raise UserError.of("bad_range", first=str(first), last=str(last))
    with _context(args, tr, environ) as ctx:
        outcome = commission_service.run_commissions(ctx, first, last, preview=args.preview)
        report = commission_service.report_run(ctx, outcome)
    for notice in report.notices:
        console.warn(word_notice(tr, notice))
    print_lines(console, tr, report.lines, args.format)
    return 0


def run_demo(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    try:
        scale = int(args.scale)
    except ValueError:
        scale = 0
    if not 1 <= scale <= 1000:
        raise UserError.of("bad_scale", value=args.scale)
    with _context(args, tr, environ) as ctx:
        counts = fill_demo(ctx, scale)
        where = str(ctx.paths.ledger_file)
    console.print(
        tr.gettext(
            "Demo ledger written to {path}. Agreements: {agreements}; engagements: "
            "{engagements}; revenue entries: {revenue}."
        ).format(path=where, **counts)
    )
    return 0
