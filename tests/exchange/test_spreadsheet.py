"""Reading spreadsheets as users save them, and the values as French users type them."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from apporteur_desktop.domain.enums import EngagementKind, PartyKind, RevenueStatus
from apporteur_desktop.domain.periods import Period
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.exchange.spreadsheet import (
    ENGAGEMENT_KINDS,
    PARTY_KINDS,
    REVENUE_STATUSES,
    cell_text,
    column_letter,
    decode_text,
    parse_amount,
    parse_choice,
    parse_date,
    parse_month,
    parse_yes_no,
    read_table,
    sniff_delimiter,
)

CONTACTS = "Nom;Ville;Montant\nBoulangerie Dupont;Lyon;1 250,50\nGarage Lefèvre;Orléans;12\n"


def written(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def refusal_code(path: Path) -> str:
    with pytest.raises(Refused) as refused:
        read_table(path)
    (problem,) = refused.value.problems
    assert problem.value == path.name  # the message names the file
    return problem.code


# --- CSV ------------------------------------------------------------------------------------------


def test_a_french_csv_with_semicolons_and_a_bom_reads_into_headers_and_rows(tmp_path: Path):
    path = written(tmp_path, "contacts.csv", codecs.BOM_UTF8 + CONTACTS.encode("utf-8"))
    table = read_table(path)
    assert table.headers == ("Nom", "Ville", "Montant")  # no BOM glued to the first heading
    assert table.rows == (
        ("Boulangerie Dupont", "Lyon", "1 250,50"),
        ("Garage Lefèvre", "Orléans", "12"),
    )
    assert (table.sheet, table.row_number(0)) == ("", 2)


def test_a_comma_separated_file_with_quoted_commas_reads_too(tmp_path: Path):
    content = 'Name,City,Amount\n"Dupont, Fils",Lyon,"1,250.50"\nMoreau,Paris,12\n'
    table = read_table(written(tmp_path, "contacts.csv", content.encode()))
    assert table.headers == ("Name", "City", "Amount")
    assert table.rows[0] == ("Dupont, Fils", "Lyon", "1,250.50")


def test_tabs_are_sniffed_and_semicolons_win_over_decimal_commas():
    assert sniff_delimiter("Nom\tMontant\nDupont\t1,5\n") == "\t"
    # Every row has one comma in its amount, yet the header says the table is split by « ; ».
    assert (
        sniff_delimiter("Nom;Montant;Mois\nDupont;1250,50;03/2026\nMoreau;12,00;04/2026\n") == ";"
    )


def test_a_cp1252_file_keeps_its_accents(tmp_path: Path):
    path = written(tmp_path, "excel.csv", CONTACTS.encode("cp1252"))
    assert read_table(path).rows[1][:2] == ("Garage Lefèvre", "Orléans")
    assert decode_text("Créé".encode()) == "Créé"
    assert decode_text(codecs.BOM_UTF16_LE + "Nom\tÉté".encode("utf-16-le")) == "Nom\tÉté"


def test_blank_rows_keep_the_numbers_of_the_rows_after_them_and_trailing_ones_go(tmp_path: Path):
    content = "\n;;\nNom;Ville;\nDupont;Lyon;\n;;\nMoreau;Paris;\n;;\n\n"
    table = read_table(written(tmp_path, "gaps.csv", content.encode()))
    assert table.headers == ("Nom", "Ville")  # the empty last column is dropped
    assert table.header_row == 3
    assert [table.row_number(i) for i in range(len(table.rows))] == [4, 5, 6]
    assert table.rows == (("Dupont", "Lyon"), ("", ""), ("Moreau", "Paris"))


def test_a_column_with_data_but_no_heading_is_named_by_its_letter(tmp_path: Path):
    table = read_table(written(tmp_path, "t.csv", b"Nom;;\nDupont;x;y\n"))
    assert table.headers == ("Nom", "B", "C")
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("vide.csv", b"", "empty_spreadsheet"),
        ("blancs.csv", b";;\n \n", "empty_spreadsheet"),
        ("chiffres.csv", b"12;15/03/2026\n13;16/03/2026\n", "no_header_row"),
        ("ancien.xls", b"\xd0\xcf\x11\xe0\x00\x00binary", "not_a_spreadsheet"),
        ("faux.xlsx", b"Nom;Ville\n", "not_a_spreadsheet"),
    ],
)
def test_files_that_are_no_table_are_refused_with_a_code(
    tmp_path: Path, name: str, content: bytes, code: str
):
    assert refusal_code(written(tmp_path, name, content)) == code


# --- .xlsx ----------------------------------------------------------------------------------------


def workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Clients"
    sheet.append(["Client", "Date", "Montant", "Taux", "Note"])
    sheet.append(["Dupont", date(2026, 3, 15), 1250.5, 0.2, None])
    sheet.append(["Moreau", datetime(2026, 4, 1, 0, 0), 0.1 + 0.2, None, None])
    sheet.append([None, None, None, None, None])
    sheet.append(["Lefèvre", "15/05/2026", 1200, None, "=1+1"])
    sheet["D2"].number_format = "0%"
    sheet["C3"].number_format = "#,##0.00"
    sheet["G10"] = None  # formatting far below and right leaves no empty row or column
    second = book.create_sheet("Archives")
    second.append(["Mois", "CA"])
    second.append(["mars 2026", 900])
    book.save(path)
    return path


def test_a_workbook_reads_dates_as_iso_and_numbers_without_float_noise(tmp_path: Path):
    table = read_table(workbook(tmp_path / "suivi.xlsx"))
    assert table.sheet == "Clients"
    assert table.sheets == ("Clients", "Archives")
    assert table.headers == ("Client", "Date", "Montant", "Taux", "Note")
    assert table.rows[0] == ("Dupont", "2026-03-15", "1250.5", "20%", "")
    assert table.rows[1][:3] == ("Moreau", "2026-04-01", "0.3")  # not 0.30000000000000004
    assert table.rows[2] == ("", "", "", "", "")
    # A formula never computed by a spreadsheet program has no value to read.
    assert table.rows[3] == ("Lefèvre", "15/05/2026", "1200", "", "")
    assert len(table.rows) == 4
    assert parse_amount(table.rows[0][2]) == Decimal("1250.5")
    assert parse_date(table.rows[0][1]) == date(2026, 3, 15)


def test_another_sheet_can_be_chosen_and_an_unknown_one_is_refused(tmp_path: Path):
    path = workbook(tmp_path / "suivi.xlsx")
    table = read_table(path, "Archives")
    assert (table.sheet, table.headers, table.rows) == (
        "Archives",
        ("Mois", "CA"),
        (("mars 2026", "900"),),
    )
    with pytest.raises(Refused) as refused:
        read_table(path, "Budget")
    assert refused.value.problems[0].code == "unknown_sheet"


def test_cells_become_the_text_a_person_would_type():
    assert cell_text(None) == ""
    assert cell_text(True) == "oui"
    assert cell_text(1250.0) == "1250"
    assert cell_text(1e20) == "100000000000000000000"
    assert cell_text(12345678200010.0) == "12345678200010"  # a SIRET typed as a number
    assert cell_text(0.125, "0.0%") == "12.5%"
    assert cell_text(datetime(2026, 3, 15, 14, 30)) == "2026-03-15 14:30"
    assert cell_text("  Dupont ") == "Dupont"


# --- values typed the French way ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 250,50 €", "1250.50"),
        ("1\u202f250,50\u00a0€", "1250.50"),
        ("1250.5", "1250.5"),
        ("1.250,50", "1250.50"),
        ("1,250.50", "1250.50"),
        ("1.250.000", "1250000"),
        ("-12", "-12"),
        ("−12,5", "-12.5"),
        ("1250 EUR", "1250"),
    ],
)
def test_amounts_read_as_written_in_france_and_elsewhere(text: str, amount: str):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["12,x", "abc", "", "1,2,3.4.5", "€", "1e5", "NaN"])
def test_what_is_not_an_amount_reads_as_none(text: str):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15/03/2026", date(2026, 3, 15)),
        ("5/3/2026", date(2026, 3, 5)),
        ("15/03/26", date(2026, 3, 15)),
        ("15.03.2026", date(2026, 3, 15)),
        ("2026-03-15", date(2026, 3, 15)),
        ("2026-03-15 00:00:00", date(2026, 3, 15)),
        ("15 mars 2026", date(2026, 3, 15)),
        ("1er août 2026", date(2026, 8, 1)),
    ],
)
def test_dates_read_day_first(text: str, day: date):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2026", "03/2026", "demain", "2026-13-01"])
def test_what_is_not_a_date_reads_as_none(text: str):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "03/2026",
        "3/2026",
        "2026-03",
        "mars 2026",
        "Mars 2026",
        "mar. 2026",
        "March 2026",
        "01/03/2026",
    ],
)
def test_months_read_in_every_usual_way(text: str):
    assert parse_month(text) == Period(2026, 3)


def test_month_names_need_enough_letters_to_be_one_month():
    assert parse_month("févr. 2026") == Period(2026, 2)
    assert parse_month("aout 2026") == Period(2026, 8)
    assert parse_month("ju 2026") is None  # June or July?
    assert parse_month("13/2026") is None


def test_yes_no_and_choices_read_french_and_english_words():
    assert [parse_yes_no(t) for t in ("oui", "Non", "X", "vrai", "peut-être")] == [
        True,
        False,
        True,
        True,
        None,
    ]
    assert parse_choice("Prestataire", PARTY_KINDS) is PartyKind.PROVIDER
    assert parse_choice("Période d’essai", ENGAGEMENT_KINDS) is EngagementKind.TRIAL
    assert parse_choice("long-term", ENGAGEMENT_KINDS) is EngagementKind.LONG_TERM
    assert parse_choice("Prévisionnel", REVENUE_STATUSES) is RevenueStatus.ESTIMATED
    assert parse_choice("inconnu", REVENUE_STATUSES) is None
