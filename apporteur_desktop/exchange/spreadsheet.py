"""Spreadsheets as users keep them: a CSV or .xlsx table read as text, and its values read the
way people type them in France (« 1 250,50 € », « 15/03/2026 », « mars 2026 », « oui »).

Every cell becomes text first, whatever the file: the import then reads a CSV and a workbook
the same way, and a problem can always quote what the user wrote. A workbook's numbers and dates
are turned into that text with care (no float noise, dates as ISO) so nothing changes on the way.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from apporteur_desktop.domain.enums import (
    EngagementKind,
    IntroductionStatus,
    PartyKind,
    RevenueStatus,
)
from apporteur_desktop.domain.periods import BadPeriod, Period
from apporteur_desktop.domain.problems import Problem, Refused

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
DELIMITERS = (";", "\t", ",")  # in order of preference when the file fits several
_SAMPLE_LINES = 50
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet as text: its header row and the rows under it, padded to the header's width.

    ``header_row`` is the header's row number in the file (1 unless blank rows come first);
    empty rows in the middle stay, so ``row_number(i)`` is always the number the user sees.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sheet: str = ""  # the sheet read ("" for a CSV file)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, to offer a choice
    header_row: int = 1

    def row_number(self, index: int) -> int:
        return self.header_row + 1 + index


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The table in ``path`` (CSV, or the first or chosen sheet of a .xlsx workbook).

    Raises ``OSError`` when the file cannot be opened and ``Refused`` with one problem (codes
    ``not_a_spreadsheet``, ``unknown_sheet``, ``empty_spreadsheet``, ``no_header_row``) when it
    is not a table we can read.
    """
    suffix = path.suffix.casefold()
    if suffix in WORKBOOK_SUFFIXES or (suffix not in CSV_SUFFIXES and zipfile.is_zipfile(path)):
        return _read_workbook(path, sheet)
    data = path.read_bytes()
    if b"\0" in data[:4096] and not data.startswith(_UTF16_BOMS):
        raise _refused(path, "not_a_spreadsheet")
    return _table(path, _csv_rows(decode_text(data)))


def _refused(path: Path, code: str, **params: Any) -> Refused:
    return Refused([Problem.of("", path.name, code, **params)])


# --- CSV ---------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without its BOM), UTF-16 with a BOM (Excel's « Unicode text »), or else
    Windows-1252, what Excel writes a « CSV (séparateur : point-virgule) » in on French Windows."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 reads them rather than fail.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most regular table of several columns.

    Not ``csv.Sniffer``: a French file written « 1250,50;Dupont » fools it into commas. Here the
    header row decides first (it rarely holds commas), then how many rows agree with it.
    """
    sample = "\n".join(text.splitlines()[:_SAMPLE_LINES])
    best, best_score = DELIMITERS[0], (False, 0.0, 0)
    for delimiter in DELIMITERS:
        rows = [row for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        if not rows:
            continue
        width = len(rows[0])
        agreeing = sum(1 for row in rows if len(row) == width) / len(rows)
        score = (width > 1, agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str) -> list[list[str]]:
    delimiter = sniff_delimiter(text)
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


# --- .xlsx -------------------------------------------------------------------------------------


def _read_workbook(path: Path, sheet: str | None) -> Table:
    # Imported here: it takes a while, and only a workbook needs it.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError):
        raise _refused(path, "not_a_spreadsheet") from None
    try:
        names = tuple(ws.title for ws in book.worksheets)
        if not names:
            raise _refused(path, "empty_spreadsheet")
        chosen = names[0] if sheet is None else sheet
        if chosen not in names:
            raise _refused(path, "unknown_sheet", sheet=chosen, sheets=names)
        worksheet = book[chosen]
        # Some writers record a wrong size for the sheet: read every row that is there.
        worksheet.reset_dimensions()
        # A missing row comes as an empty tuple, so every row keeps its number.
        rows = [
            [cell_text(cell.value, cell.number_format) for cell in row]
            for row in worksheet.iter_rows()
        ]
    finally:
        book.close()
    table = _table(path, rows)
    return Table(table.headers, table.rows, chosen, names, table.header_row)


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A workbook cell as the text a person would type for it.

    Dates become ISO (``2026-03-15``); numbers plain decimals without float noise (0.1 + 0.2
    is 0.3, 1250.0 is 1250) and, in a percent format, the percentage the user sees (« 20% »).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A double holds 15 significant digits faithfully; what lies beyond is noise.
        number = Decimal(f"{value:.15g}")
        if number_format and "%" in number_format:
            return f"{_plain(number * 100)}%"
        return _plain(number)
    return str(value).strip()


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


# --- from rows of text to a table --------------------------------------------------------------


def _table(path: Path, rows: list[list[str]]) -> Table:
    cleaned = [[_clean(cell) for cell in row] for row in rows]
    while cleaned and not any(cleaned[-1]):
        cleaned.pop()
    first = next((index for index, row in enumerate(cleaned) if any(row)), None)
    if first is None:
        raise _refused(path, "empty_spreadsheet")
    header_cells = cleaned[first]
    if not any(_has_letters(cell) for cell in header_cells):
        # A first row of numbers and dates is data: the column names are missing.
        raise _refused(path, "no_header_row", row=first + 1)
    body = cleaned[first + 1 :]
    width = max(_last_filled(row) for row in [header_cells, *body])
    headers = tuple(
        header_cells[i] if i < len(header_cells) and header_cells[i] else column_letter(i)
        for i in range(width)
    )
    padded = tuple(tuple((row + [""] * width)[:width]) for row in body)
    return Table(headers, padded, header_row=first + 1)


def _clean(cell: str) -> str:
    return cell.strip(" \t\r\n\u00a0\u202f")


def _last_filled(row: Sequence[str]) -> int:
    for index in range(len(row), 0, -1):
        if row[index - 1]:
            return index
    return 0


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text) and parse_date(text) is None


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA``: how the spreadsheet names a column without a header."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- values typed the French (or English) way ---------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")


def words(text: str) -> str:
    """Text as compared with a list of words: no accents, no case, punctuation as spaces."""
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split())


def parse_amount(text: str) -> Decimal | None:
    """« 1 250,50 € », « 1250.5 », « 1.250,50 », « -12 » as a Decimal; None if not a number.

    A comma alone is the decimal mark (French); with both marks, the last one is.
    """
    cleaned = _SPACES.sub("", text.replace("€", "").replace("EUR", "").replace("\u2212", "-"))
    if "," in cleaned and "." in cleaned:
        mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        grouping = "." if mark == "," else ","
        cleaned = cleaned.replace(grouping, "").replace(mark, ".")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(",") > 1 or cleaned.count(".") > 1:
        cleaned = cleaned.replace(",", "").replace(".", "")  # « 1.250.000 »: only groups
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


MONTH_NAMES: Mapping[int, tuple[str, ...]] = {
    1: ("janvier", "january"),
    2: ("fevrier", "february"),
    3: ("mars", "march"),
    4: ("avril", "april"),
    5: ("mai", "may"),
    6: ("juin", "june"),
    7: ("juillet", "july"),
    8: ("aout", "august"),
    9: ("septembre", "september"),
    10: ("octobre", "october"),
    11: ("novembre", "november"),
    12: ("decembre", "december"),
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T][\d:.]+)?$")
_NAMED_DATE = re.compile(r"^(\d{1,2})(?:er)? ([a-z]+) (\d{4})$")


def month_of_name(name: str) -> int | None:
    """« mars », « Mar. », « fév », « August » → the month's number; None if unknown or
    ambiguous (« ju » could be June or July)."""
    key = words(name).rstrip(".")
    if len(key) < 3:
        return None
    found = {n for n, names in MONTH_NAMES.items() for full in names if full.startswith(key)}
    return found.pop() if len(found) == 1 else None


def parse_date(text: str) -> date | None:
    """« 15/03/2026 », « 15/03/26 », « 15.03.2026 », « 2026-03-15 », « 15 mars 2026 »."""
    text = text.strip()
    day = month = year = 0
    if match := _DAY_MONTH_YEAR.match(text):
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if len(match.group(3)) == 2 else 0
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NAMED_DATE.match(words(text)):
        day, year = int(match.group(1)), int(match.group(3))
        month = month_of_name(match.group(2)) or 0
    try:
        return date(year, month, day)
    except ValueError:
        return None


_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[/.\-](\d{1,2})$")
_NAMED_MONTH = re.compile(r"^([a-z]+) (\d{4})$")


def parse_month(text: str) -> Period | None:
    """« 03/2026 », « 2026-03 », « mars 2026 », « March 2026 », or a date (its month: a
    workbook often holds a month as its first day)."""
    text = text.strip()
    year = month = 0
    if match := _MONTH_YEAR.match(text):
        month, year = int(match.group(1)), int(match.group(2))
    elif match := _YEAR_MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := _NAMED_MONTH.match(words(text)):
        month, year = month_of_name(match.group(1)) or 0, int(match.group(2))
    elif (day := parse_date(text)) is not None:
        return Period.of(day)
    try:
        return Period(year, month)
    except BadPeriod:
        return None


Choice = TypeVar("Choice")

YES_NO: Mapping[str, bool] = {
    **dict.fromkeys(("oui", "o", "yes", "y", "vrai", "true", "1", "x"), True),
    **dict.fromkeys(("non", "n", "no", "faux", "false", "0"), False),
}
PARTY_KINDS: Mapping[str, PartyKind] = {
    **dict.fromkeys(("client", "cliente", "prospect", "clients"), PartyKind.CLIENT),
    **dict.fromkeys(
        ("prestataire", "fournisseur", "beneficiaire", "partenaire", "provider"),
        PartyKind.PROVIDER,
    ),
    **dict.fromkeys(
        ("apporteur", "apporteur d affaires", "apporteuse", "prescripteur", "introducer"),
        PartyKind.INTRODUCER,
    ),
}
ENGAGEMENT_KINDS: Mapping[str, EngagementKind] = {
    **dict.fromkeys(
        ("essai", "periode d essai", "mois d essai", "test", "trial"), EngagementKind.TRIAL
    ),
    **dict.fromkeys(
        (
            "long terme",
            "contrat long terme",
            "recurrent",
            "mensuel",
            "abonnement",
            "forfait mensuel",
            "long term",
            "retainer",
        ),
        EngagementKind.LONG_TERM,
    ),
    **dict.fromkeys(
        ("ponctuel", "ponctuelle", "mission ponctuelle", "projet", "one off", "oneoff", "project"),
        EngagementKind.ONE_OFF,
    ),
}
INTRODUCTION_STATUSES: Mapping[str, IntroductionStatus] = {
    **dict.fromkeys(
        (
            "introduit",
            "introduite",
            "presente",
            "presentee",
            "mis en relation",
            "mise en relation",
            "nouveau",
            "introduced",
        ),
        IntroductionStatus.INTRODUCED,
    ),
    **dict.fromkeys(("qualifie", "qualifiee", "qualified"), IntroductionStatus.QUALIFIED),
    **dict.fromkeys(("rendez vous", "rdv", "reunion", "meeting"), IntroductionStatus.MEETING),
    **dict.fromkeys(("essai", "en essai", "periode d essai", "trial"), IntroductionStatus.TRIAL),
    **dict.fromkeys(
        ("gagne", "gagnee", "signe", "signee", "converti", "convertie", "won", "signed"),
        IntroductionStatus.WON,
    ),
    **dict.fromkeys(
        ("perdu", "perdue", "abandonne", "abandonnee", "lost"), IntroductionStatus.LOST
    ),
}
REVENUE_STATUSES: Mapping[str, RevenueStatus] = {
    **dict.fromkeys(
        ("confirme", "confirmee", "reel", "definitif", "facture", "confirmed", "actual"),
        RevenueStatus.CONFIRMED,
    ),
    **dict.fromkeys(
        ("estime", "estimee", "estimation", "prevu", "previsionnel", "estimated", "forecast"),
        RevenueStatus.ESTIMATED,
    ),
}


def parse_choice(text: str, choices: Mapping[str, Choice]) -> Choice | None:
    """The value ``text`` names in ``choices`` (keys written as :func:`words` gives them)."""
    return choices.get(words(text))


def parse_yes_no(text: str) -> bool | None:
    """« oui », « non », « x », « Vrai », « yes »…; None when it says neither."""
    return parse_choice(text, YES_NO)
