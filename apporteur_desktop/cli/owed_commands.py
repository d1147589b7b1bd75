"""The owed direction from a shell: a statement of what I owe an introducer, the DAS2 figures
of a year, and the contract draft of any agreement."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..domain.parties import Address
from ..formatting import money_text
from ..i18n import N_, Translator
from ..services import contracts, owed
from ..services.context import open_context
from .arguments import ValueTypes
from .console import Console
from .files import write_document
from .tables import print_json, print_table


def register(sub: Any, tr: Translator, parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    _ = tr.gettext
    types = ValueTypes(tr)
    shared = {"parents": list(parents)}
    statement = sub.add_parser(
        "statement", **shared, help=_("write the statement of what I owe an introducer (PDF)")
    )
    statement.add_argument("--introducer", required=True, metavar="NAME")
    statement.add_argument(
        "--from", dest="first", type=types.month, required=True, metavar="YYYY-MM"
    )
    statement.add_argument("--to", dest="last", type=types.month, required=True, metavar="YYYY-MM")
    statement.add_argument("--out", required=True, metavar="FILE.pdf")
    statement.set_defaults(handler=run_statement)

    das2 = sub.add_parser(
        "das2", **shared, help=_("what I paid each introducer in a year, for the DAS2")
    )
    das2.add_argument("--year", type=types.year, required=True, metavar="YYYY")
    das2.add_argument("--format", choices=("table", "json"), default="table")
    das2.set_defaults(handler=run_das2)

    contract = sub.add_parser("contract", help=_("contract drafts of agreements"))
    actions = contract.add_subparsers(dest="action", required=True, metavar="ACTION")
    draft = actions.add_parser(
        "draft", **shared, help=_("write the draft contract of an agreement (PDF)")
    )
    draft.add_argument("agreement", metavar="AGREEMENT")
    draft.add_argument("--out", required=True, metavar="FILE.pdf")
    draft.set_defaults(handler=run_contract_draft)


def run_statement(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        content = owed.statement_pdf(ctx, args.introducer, args.first, args.last)
    write_document(console, Path(args.out), content)
    return 0


def run_contract_draft(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        content = contracts.contract_draft_pdf(ctx, args.agreement)
    write_document(console, Path(args.out), content)
    return 0


def run_das2(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        lines = owed.das2_figures(ctx, args.year)
    if args.format == "json":
        print_json(console, [_das2_record(line) for line in lines])
    else:
        _print_das2(console, tr, lines, args.year)
    for line in lines:
        if line.must_declare:
            console.warn(_declare_warning(tr, line, args.year))
    return 0


def _print_das2(
    console: Console, tr: Translator, lines: Sequence[owed.Das2Line], year: int
) -> None:
    _ = tr.gettext
    if not lines:
        console.print(_("Nothing paid to introducers in {year}.").format(year=year))
        return
    headings = (N_("Name"), N_("SIRET"), N_("Address"), N_("Paid incl. VAT"))
    rows = [
        [line.name, line.siret, _address_text(line.address), money_text(line.paid, tr.language)]
        for line in lines
    ]
    print_table(console, [_(heading) for heading in headings], rows, numeric={3})


def _declare_warning(tr: Translator, line: owed.Das2Line, year: int) -> str:
    return tr.gettext(
        "{name}: {amount} paid in {year}, above {threshold}: declare it on the DAS2 (CGI art. 240)"
    ).format(
        name=line.name,
        amount=money_text(line.paid, tr.language),
        year=year,
        threshold=money_text(owed.DAS2_THRESHOLD, tr.language),
    )


def _das2_record(line: owed.Das2Line) -> dict[str, Any]:
    return {
        "name": line.name,
        "siret": line.siret,
        "address": asdict(line.address),
        "paid": str(line.paid),
        "must_declare": line.must_declare,
    }


def _address_text(address: Address) -> str:
    """« 3 place du Capitole, 31000 Toulouse », with the country when it is not France."""
    parts = [address.street, f"{address.postcode} {address.city}".strip()]
    if address.country and address.country != "FR":
        parts.append(address.country)
    return ", ".join(part for part in parts if part)
