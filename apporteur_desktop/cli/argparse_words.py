"""The messages of the standard ``argparse`` module, in the product's catalogue.

``argparse`` words its usage errors and help through gettext; the command hands it the
product's translator so that a mistyped option is explained in the user's language too.
The strings below are argparse's own, listed here so that they are extracted.
"""

from __future__ import annotations

import argparse

from ..i18n import N_, Translator

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("argument %(argument_name)s: %(message)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def speak(tr: Translator) -> None:
    """Make ``argparse`` word its messages through ``tr`` (it looks them up at call time)."""
    argparse._ = tr.gettext  # type: ignore[attr-defined]
    argparse.ngettext = tr.ngettext  # type: ignore[attr-defined]
