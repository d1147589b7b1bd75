"""Invoice numbers: unique, chronological, without gaps, in a format the user sets.

The pattern is a Python format string with two fields, ``{year}`` and ``{seq}`` (the default
``{year}-{seq:04d}`` gives 2026-0001); a series restarts at 1 each year. E-invoices take at
most 35 characters from A–Z, a–z, 0–9 and ``+ - _ /``.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

DEFAULT_PATTERN = "{year}-{seq:04d}"
MAX_LENGTH = 35
ALLOWED = re.compile(r"^[A-Za-z0-9+\-_/]+$")
FIELDS = frozenset({"year", "seq"})

# The series a ledger numbers in. Credit notes share the invoices' series unless the user
# gives them a pattern of their own; self-billed invoices (issued in an introducer's name)
# always have their own, since they are the introducer's invoices, not mine.
INVOICE_SERIES = "invoices"
CREDIT_NOTE_SERIES = "credit_notes"
SELF_BILLING_SERIES = "self_billing"
DEFAULT_SELF_BILLING_PATTERN = "AF-{year}-{seq:04d}"


@dataclass(frozen=True, slots=True)
class Numbering:
    """The user's numbering patterns; an empty credit-note pattern means « one series »."""

    invoice_pattern: str = DEFAULT_PATTERN
    credit_note_pattern: str = ""
    self_billing_pattern: str = DEFAULT_SELF_BILLING_PATTERN

    def series_for(self, *, credit_note: bool, self_billed: bool) -> tuple[str, str]:
        """The series name and pattern a document is numbered in."""
        if self_billed:
            return SELF_BILLING_SERIES, self.self_billing_pattern
        if credit_note and self.credit_note_pattern:
            return CREDIT_NOTE_SERIES, self.credit_note_pattern
        return INVOICE_SERIES, self.invoice_pattern


class BadPattern(ValueError):
    """A numbering pattern that cannot give valid invoice numbers (the code says why)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def render_number(pattern: str, year: int, seq: int) -> str:
    """The number of the ``seq``-th document of ``year``; refuses a pattern that would give
    a number e-invoicing does not accept."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:  # « {year}-{seq:0 », half typed
        raise BadPattern("pattern_unreadable") from error
    fields = {name for _text, name, _spec, _conv in parsed if name}
    if "seq" not in fields:
        raise BadPattern("pattern_without_seq")
    if not fields <= FIELDS:
        raise BadPattern("pattern_unknown_field")
    if "year" not in fields:
        # Series restart each year: without the year, 2027's first number would be 2026's.
        raise BadPattern("pattern_without_year")
    try:
        number = pattern.format(year=year, seq=seq)
    except (ValueError, IndexError, KeyError) as error:
        raise BadPattern("pattern_unreadable") from error
    if len(number) > MAX_LENGTH:
        raise BadPattern("number_too_long")
    if not ALLOWED.match(number):
        raise BadPattern("number_bad_characters")
    return number
