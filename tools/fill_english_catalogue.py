"""Fill the English catalogue: message ids are English, so every msgstr is its msgid.

Usage: python tools/fill_english_catalogue.py resources/locale/en/LC_MESSAGES/apporteur.po

Runs after ``pybabel update`` in ``make catalogue``; the result is complete and has no fuzzy
entries, so ``pybabel compile`` keeps every message.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def fill(po_file: Path) -> int:
    """Set every message of ``po_file`` to its id; returns how many messages changed."""
    with po_file.open("rb") as stream:
        catalogue = read_po(stream, locale="en")
    changed = 0
    for message in catalogue:
        if not message.id:
            continue  # the header
        wanted: str | tuple[str, ...] = tuple(message.id) if message.pluralizable else message.id
        if message.string != wanted or message.fuzzy:
            message.string = wanted
            message.flags.discard("fuzzy")
            changed += 1
    if changed:
        with po_file.open("wb") as stream:
            write_po(stream, catalogue, ignore_obsolete=True, width=100)
    return changed


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    changed = fill(Path(argv[0]))
    print(f"{argv[0]}: {changed} message(s) filled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
