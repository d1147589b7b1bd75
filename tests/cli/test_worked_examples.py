"""The worked examples of PRODUCT.md through the ``apporteur`` command, as a user runs it:
import the examples file, run the commissions of 2026–2027, read the lines."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from apporteur_desktop.i18n import Translator

from .helpers import EXAMPLES, Result, apporteur, counts, normalise_spaces

RANGE = ("--from", "2026-01", "--to", "2027-12")

# PRODUCT.md, "Worked examples": what each agreement earns in all.
TOTALS = {
    "Example A": Decimal("2800.00"),
    "Example B": Decimal("160.00"),
    "Example C": Decimal("2880.00"),
    "Example D": Decimal("1200.00"),
    "Example E": Decimal("3500.00"),
    "Example F": Decimal("6700.00"),
    "Example H": Decimal("1000.00"),
    "Example I": Decimal("1380.00"),
}

KEYS = {
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
    "explanation",
}


@pytest.fixture
def ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Result]:
    """A data folder with the worked examples imported; the import's result."""
    data_dir = tmp_path / "ledger"
    imported = apporteur(capsys, data_dir, "import", str(EXAMPLES))
    assert imported.code == 0, imported.err
    return data_dir, imported


def totals(lines: list[dict[str, Any]]) -> dict[str, Decimal]:
    by_agreement: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        by_agreement[line["agreement"]] += Decimal(line["amount"])
    return dict(by_agreement)


def monthly(lines: list[dict[str, Any]], agreement: str) -> dict[str, Decimal]:
    by_month: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        if line["agreement"] == agreement:
            by_month[line["period"]] += Decimal(line["amount"])
    return dict(by_month)


def test_every_agreement_earns_exactly_what_the_worked_examples_say(
    ledger: tuple[Path, Result], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = ledger
    run = apporteur(capsys, data_dir, "commissions", *RANGE, "--format", "json")
    assert run.code == 0, run.err
    assert totals(run.json()) == TOTALS


def test_the_months_come_out_as_in_the_worked_examples(
    ledger: tuple[Path, Result], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = ledger
    lines = apporteur(capsys, data_dir, "commissions", *RANGE, "--format", "json").json()
    # A: January 160.00, February to December 240.00, nothing from January 2027 on.
    a = monthly(lines, "Example A")
    assert a == {"2026-01": Decimal("160.00")} | {
        f"2026-{month:02d}": Decimal("240.00") for month in range(2, 13)
    }
    # B: only January.
    assert monthly(lines, "Example B") == {"2026-01": Decimal("160.00")}
    # C: the trial earns nothing; February 2026 to January 2027 at 240.00.
    c = monthly(lines, "Example C")
    assert "2026-01" not in c or c["2026-01"] == 0
    assert [c[f"2026-{m:02d}"] for m in range(2, 13)] + [c["2027-01"]] == [Decimal(240)] * 12
    # D: three meetings qualified in March (600.00), then 50.00 a month April 2026–March 2027.
    d = monthly(lines, "Example D")
    assert d["2026-03"] == Decimal("600.00")
    assert d["2026-04"] == d["2027-03"] == Decimal("50.00")
    assert "2027-04" not in d
    # E: 3,500.00 on the June run.
    assert monthly(lines, "Example E") == {"2026-06": Decimal("3500.00")}
    # F: 400, 400, 500 (the year's cumulative crosses 10,000), then 600 a month.
    f = monthly(lines, "Example F")
    assert [f[f"2026-{m:02d}"] for m in range(1, 13)] == [Decimal(400)] * 2 + [Decimal(500)] + [
        Decimal(600)
    ] * 9
    # H: the cap of 1,000 per introduction: 300, 300, 300, 100, then 0.00 lines that say why.
    h = monthly(lines, "Example H")
    assert [h[f"2026-{m:02d}"] for m in range(1, 7)] == [
        Decimal(v) for v in ("300", "300", "300", "100", "0", "0")
    ]
    # I: 10 % until March, 12 % from the amendment's April on.
    i = monthly(lines, "Example I")
    assert [i[f"2026-{m:02d}"] for m in range(1, 13)] == [Decimal(100)] * 3 + [Decimal(120)] * 9


def test_each_line_says_what_it_is_about_with_an_exact_amount(
    ledger: tuple[Path, Result], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = ledger
    lines = apporteur(capsys, data_dir, "commissions", *RANGE, "--format", "json").json()
    assert lines
    for line in lines:
        assert set(line) >= KEYS, line
        assert line["period"] or line["date"], line
        assert isinstance(line["amount"], str) and re.fullmatch(r"-?\d+\.\d\d", line["amount"])
        assert line["kind"] in {"regular", "adjustment", "clawback"}
        assert line["direction"] == "earned"  # every worked example is a commission I earn
        assert line["status"] == "due"  # saved, not yet invoiced
        assert line["explanation"]
    assert {line["agreement"] for line in lines} == set(TOTALS)
    # A line names the people involved: Example A is Atelier Numérique's client Dupont.
    a = next(line for line in lines if line["agreement"] == "Example A")
    assert a["client"] == "Boulangerie Dupont"
    assert a["provider"] == "Atelier Numérique SAS"
    assert "Boulangerie Dupont" in a["introduction"]


def test_the_import_warns_that_example_b_does_not_cover_its_long_term_engagement(
    ledger: tuple[Path, Result],
) -> None:
    _, imported = ledger
    about_b = [line for line in imported.err_lines if "Example B" in line]
    assert len(about_b) == 1, imported.err
    # The long-term engagement (the retainer from 1 February), not the trial.
    assert "retainer" in about_b[0] and "2026-02-01" in about_b[0]
    # Example A covers its conversion: nothing to warn about.
    assert not [line for line in imported.err_lines if "Example A" in line]
    assert "Traceback" not in imported.err


def test_a_second_run_over_the_same_range_saves_nothing_new(
    ledger: tuple[Path, Result], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = ledger
    first = apporteur(capsys, data_dir, "commissions", *RANGE, "--format", "json").json()
    saved = counts(data_dir)["commission_lines"]
    assert saved == len(first) > 0
    second = apporteur(capsys, data_dir, "commissions", *RANGE, "--format", "json").json()
    assert counts(data_dir)["commission_lines"] == saved
    assert [line["id"] for line in second] == [line["id"] for line in first]
    assert all(isinstance(line["id"], int) for line in first)


def test_a_preview_shows_the_lines_and_saves_nothing(
    ledger: tuple[Path, Result], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = ledger
    assert counts(data_dir)["commission_lines"] == 0
    preview = apporteur(capsys, data_dir, "commissions", *RANGE, "--preview", "--format", "json")
    assert preview.code == 0, preview.err
    lines = preview.json()
    assert totals(lines) == TOTALS
    assert all(line["id"] is None for line in lines)
    assert counts(data_dir)["commission_lines"] == 0
    again = apporteur(capsys, data_dir, "commissions", *RANGE, "--preview", "--format", "json")
    assert again.json() == lines  # two previews are identical
    assert counts(data_dir)["commission_lines"] == 0


def test_csv_has_a_header_and_one_row_per_line(
    ledger: tuple[Path, Result], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = ledger
    lines = apporteur(capsys, data_dir, "commissions", *RANGE, "--format", "json").json()
    table = apporteur(capsys, data_dir, "commissions", *RANGE, "--format", "csv")
    assert table.code == 0, table.err
    rows = list(csv.DictReader(io.StringIO(table.out)))
    assert len(table.out.splitlines()) == len(lines) + 1
    assert len(rows) == len(lines)
    assert set(rows[0]) >= KEYS
    assert [row["id"] for row in rows] == [str(line["id"]) for line in lines]
    by_agreement: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        by_agreement[row["agreement"]] += Decimal(row["amount"])
    assert by_agreement == TOTALS


def test_the_table_gives_the_total_earned_in_french(
    ledger: tuple[Path, Result], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, _ = ledger
    table = apporteur(capsys, data_dir, "commissions", *RANGE)
    assert table.code == 0, table.err
    text = normalise_spaces(table.out)
    # The sum of the worked examples' totals, 19,620.00, written the French way.
    assert sum(TOTALS.values()) == Decimal("19620.00")
    label = Translator("fr").gettext("Total earned")
    assert text.splitlines()[-1] == f"{label} : 19 620,00 €"
    assert "Total owed" not in table.out and Translator("fr").gettext("Total owed") not in text
    # Each month of Example A's retainer reads « 240,00 € ».
    retainer = [row for row in text.splitlines() if "Example A" in row and "2026-02" in row]
    assert len(retainer) == 1 and "240,00 €" in retainer[0]
