"""My business identity and the invoicing settings (numbering patterns, legal wordings), shown
and changed as ``NAME=VALUE`` pairs."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from ..domain.parties import BusinessIdentity
from ..domain.problems import Problem, Refused
from ..formatting import date_text
from ..i18n import N_, Translator
from ..services import identity as identity_service
from ..services import invoice_settings
from ..services.context import open_context
from .arguments import ValueTypes
from .console import Console
from .tables import print_json, print_table

HEADINGS = (N_("Name"), N_("Value"))


def register(sub: Any, tr: Translator, parents: Sequence[argparse.ArgumentParser] = ()) -> None:
    _ = tr.gettext
    types = ValueTypes(tr)
    shared = {"parents": list(parents)}
    for command, help_text, metavar, shower, setter in (
        (
            "identity",
            _("my business identity: the seller on my invoices"),
            "FIELD=VALUE",
            run_identity_show,
            run_identity_set,
        ),
        (
            "settings",
            _("invoice numbering patterns and legal wordings"),
            "KEY=VALUE",
            run_settings_show,
            run_settings_set,
        ),
    ):
        group = sub.add_parser(command, help=help_text)
        actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")
        show = actions.add_parser("show", **shared, help=_("print the current values"))
        show.add_argument("--format", choices=("table", "json"), default="table")
        show.set_defaults(handler=shower)
        change = actions.add_parser("set", **shared, help=_("change some values"))
        change.add_argument("changes", nargs="+", type=types.assignment, metavar=metavar)
        change.set_defaults(handler=setter)
        if command == "identity":
            _register_logo(actions, shared, tr)


def _register_logo(actions: Any, shared: dict[str, Any], tr: Translator) -> None:
    _ = tr.gettext
    logo = actions.add_parser(
        "logo", **shared, help=_("the logo printed on the documents (PNG or JPEG)")
    )
    which = logo.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", metavar="FILE")
    which.add_argument("--remove", action="store_true", help=_("print no logo any more"))
    logo.set_defaults(handler=run_identity_logo)


# --- identity -------------------------------------------------------------------------------------


def run_identity_show(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        business = identity_service.show_identity(ctx)
    values = None if business is None else _identity_values(business)
    if args.format == "json":
        print_json(console, None if values is None else {k: _json(v) for k, v in values.items()})
    elif values is None:
        console.print(
            tr.gettext("No business identity yet: set it with apporteur identity set FIELD=VALUE.")
        )
    else:
        _print_values(console, tr, ((name, _text(tr, value)) for name, value in values.items()))
    return 0


def run_identity_set(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    changes = _changes(args.changes)
    with open_context(args.data_dir, environ, tr) as ctx:
        identity_service.set_identity(ctx, changes)
    console.print(tr.gettext("Business identity saved."))
    return 0


def run_identity_logo(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    content = None if args.remove else Path(args.file).read_bytes()
    with open_context(args.data_dir, environ, tr) as ctx:
        invoice_settings.set_logo(ctx, content)
    console.print(tr.gettext("Logo removed.") if args.remove else tr.gettext("Logo saved."))
    return 0


def _identity_values(business: BusinessIdentity) -> dict[str, object]:
    """Every field ``identity set`` accepts, under the name it accepts it by."""
    legal = business.identity
    values = {}
    for name in identity_service.SETTABLE:
        if name in identity_service.ADDRESS_FIELDS:
            values[name] = getattr(legal.address, name)
        elif name in identity_service.BUSINESS_FIELDS:
            values[name] = getattr(business, name)
        else:
            values[name] = getattr(legal, name)
    return values


def _json(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def _text(tr: Translator, value: object) -> str:
    if isinstance(value, bool):
        return tr.gettext("yes") if value else tr.gettext("no")
    if value is None:
        return ""
    return str(_json(value))


# --- settings -------------------------------------------------------------------------------------


def run_settings_show(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    with open_context(args.data_dir, environ, tr) as ctx:
        settings = invoice_settings.invoicing_settings(ctx)
    values = invoice_settings.setting_values(settings)
    checked_on = settings.wordings.checked_on
    if args.format == "json":
        print_json(console, {**values, "wordings.checked_on": checked_on.isoformat()})
    else:
        _print_values(console, tr, values.items())
        console.print(
            tr.gettext("Legal wordings last checked on {date}.").format(
                date=date_text(checked_on, tr.language)
            )
        )
    return 0


def run_settings_set(
    args: argparse.Namespace, *, tr: Translator, console: Console, environ: Mapping[str, str]
) -> int:
    changes = _changes(args.changes)
    with open_context(args.data_dir, environ, tr) as ctx:
        invoice_settings.update_settings(ctx, changes)
    console.print(tr.gettext("Settings saved."))
    return 0


# --- shared ---------------------------------------------------------------------------------------


def _changes(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The ``NAME=VALUE`` pairs as a mapping; a name given twice is refused, not guessed."""
    changes: dict[str, str] = {}
    problems = []
    for name, value in pairs:
        if name in changes:
            problems.append(Problem.of(name, value, "duplicate_key", key=name))
        changes[name] = value
    if problems:
        raise Refused(problems)
    return changes


def _print_values(console: Console, tr: Translator, values: Iterable[tuple[str, str]]) -> None:
    print_table(console, [tr.gettext(heading) for heading in HEADINGS], [list(v) for v in values])
