"""Commission lines as a table for people, or as JSON or CSV for other programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal

from ..domain.enums import Direction
from ..formatting import money_text, rate_text
from ..i18n import N_, Translator
from ..services.commissions import LineView
from .console import Console

FIELDS = (
    "id",
    "agreement",
    "introduction",
    "client",
    "provider",
    "direction",
    "period",
    "date",
    "component",
    "base",
    "rate",
    "amount",
    "kind",
    "status",
    "corrects",
    "explanation",
)

HEADINGS = (
    ("period", N_("Month")),
    ("agreement", N_("Agreement")),
    ("client", N_("Client")),
    ("component", N_("Component")),
    ("base", N_("Base")),
    ("rate", N_("Rate")),
    ("amount", N_("Amount")),
    ("kind", N_("Kind")),
    ("status", N_("Status")),
)


def print_lines(console: Console, tr: Translator, lines: Sequence[LineView], fmt: str) -> None:
    if fmt == "json":
        console.print(
            json.dumps([line.as_record() for line in lines], ensure_ascii=False, indent=2)
        )
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for line in lines:
            writer.writerow({k: ("" if v is None else v) for k, v in line.as_record().items()})
        console.out.write(buffer.getvalue())
    else:
        _print_table(console, tr, lines)


def _print_table(console: Console, tr: Translator, lines: Sequence[LineView]) -> None:
    _ = tr.gettext
    language = tr.language
    if not lines:
        console.print(_("No commission lines in this range."))
        return
    rows = [[_(title) for _key, title in HEADINGS]]
    for line in lines:
        rows.append(
            [
                line.period,
                line.agreement,
                line.client,
                line.component_label,
                "" if line.base is None else money_text(line.base, language),
                "" if line.rate is None else rate_text(line.rate, language),
                money_text(line.amount, language),
                line.kind_label,
                line.status_label,
            ]
        )
    numeric = {4, 5, 6}
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in numeric and index else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        console.print("  ".join(cells).rstrip())
    for direction, label in (
        (Direction.EARNED, N_("Total earned")),
        (Direction.OWED, N_("Total owed")),
    ):
        chosen = [line.amount for line in lines if line.direction == direction.value]
        if chosen:
            total = money_text(sum(chosen, Decimal("0.00")), language)
            console.print(_("{label}: {amount}").format(label=_(label), amount=total))
