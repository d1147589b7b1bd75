"""The headless ``apporteur`` command: the same services as the desktop app, from a shell."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from ..domain.periods import BadPeriod
from ..domain.problems import NotFound, Refused
from ..i18n import Translator
from ..services.errors import UserError
from ..services.wording import word_failure
from . import commands
from .argparse_words import speak
from .console import Console


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error."""

    def error(self, message: str) -> NoReturn:
        words = {"prog": self.prog, "message": message}
        self.exit(2, argparse._("%(prog)s: error: %(message)s\n") % words)  # type: ignore[attr-defined]


def build_parser(tr: Translator) -> argparse.ArgumentParser:
    _ = tr.gettext
    speak(tr)
    parser = Parser(
        prog="apporteur",
        description=_(
            "Apporteur Desktop without a window: the ledger, commissions, invoices and documents."
        ),
    )
    data_dir_help = _(
        "folder of the ledger (default: APPORTEUR_DATA_DIR, else the user data folder)"
    )
    parser.add_argument("--data-dir", metavar="DIR", help=data_dir_help)
    # Also accepted after the command (``apporteur demo --data-dir DIR``); SUPPRESS keeps a
    # sub-command that does not repeat it from resetting the value given before the command.
    common = Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_dir_help)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.register(sub, tr, parents=[common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    environ = dict(os.environ)
    tr = Translator.from_environment(environ)
    console = Console(sys.stdout, sys.stderr)
    parser = build_parser(tr)
    args = parser.parse_args(argv)
    handler: Callable[..., int] = args.handler
    try:
        return handler(args, tr=tr, console=console, environ=environ)
    except (Refused, UserError, NotFound, BadPeriod, OSError) as failure:
        lines = word_failure(tr, failure)
        assert lines is not None  # every one of these is the user's to fix
        for line in lines:
            console.error(line)
        # A file that cannot be read or written is the system's answer, not a refusal.
        return 1 if isinstance(failure, OSError) else 2


if __name__ == "__main__":
    raise SystemExit(main())
