"""Commission lines as a table for people, or as JSON or CSV for other programs."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..domain.enums import Direction
from ..formatting import money_text, rate_text
from ..i18n import N_, Translator
from ..services.commissions import LineView
from .console import Console
from .tables import print_csv, print_json, print_table

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
        print_json(console, [line.as_record() for line in lines])
    elif fmt == "csv":
        print_csv(console, FIELDS, (line.as_record() for line in lines))
    else:
        _print_table(console, tr, lines)


def _print_table(console: Console, tr: Translator, lines: Sequence[LineView]) -> None:
    _ = tr.gettext
    language = tr.language
    if not lines:
        console.print(_("No commission lines in this range."))
        return
    rows = [
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
        for line in lines
    ]
    print_table(console, [_(title) for _key, title in HEADINGS], rows, numeric={4, 5, 6})
    for direction, label in (
        (Direction.EARNED, N_("Total earned")),
        (Direction.OWED, N_("Total owed")),
    ):
        chosen = [line.amount for line in lines if line.direction == direction.value]
        if chosen:
            total = money_text(sum(chosen, Decimal("0.00")), language)
            console.print(_("{label}: {amount}").format(label=_(label), amount=total))
