"""A month, a day, an amount or a year the command cannot read: one line naming the option and
what it accepts, exit code 2, and nothing written — the ledger is not even opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import apporteur, apporteur_process

# ``invoice record`` with readable values; a value given again after them replaces it.
RECORD = ("invoice", "record", "--provider", "X", "--number", "A1", "--date", "2026-04-01")
RECORD += ("--amount", "10", "--period", "2026-03")

BAD_INPUTS = {
    "month": (("invoice", "issue", "--period", "2026-13"), "--period"),
    "month in words": (("invoice", "draft", "--period", "mars 2026"), "--period"),
    "record month": ((*RECORD, "--period", "03/2026"), "--period"),
    "day": (("payment", "add", "2026-0001", "12", "--date", "23/11/2026"), "--date"),
    "day that does not exist": (
        ("payment", "add", "2026-0001", "12", "--date", "2026-02-30"),
        "--date",
    ),
    "due day": ((*RECORD, "--due", "2026-4-30"), "--due"),
    "amount": (("payment", "add", "2026-0001", "12x", "--date", "2026-04-01"), "AMOUNT"),
    "amount with both separators": (
        ("payment", "add", "2026-0001", "1,234.56", "--date", "2026-04-01"),
        "AMOUNT",
    ),
    "net amount": ((*RECORD, "--amount", "deux cents"), "--amount"),
    "vat": ((*RECORD, "--vat", "20 %"), "--vat"),
    "year": (("das2", "--year", "26"), "--year"),
    "statement month": (
        ("statement", "--introducer", "X", "--from", "2026-1", "--to", "2026-03", "--out", "s.pdf"),
        "--from",
    ),
    "setting without =": (("settings", "set", "numbering.invoice_pattern"), "KEY=VALUE"),
    "identity without =": (("identity", "set", "siret"), "FIELD=VALUE"),
}


@pytest.mark.parametrize("args, option", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_a_value_the_command_cannot_read_is_one_line_naming_the_option(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    option: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    data_dir = tmp_path / "ledger"
    result = apporteur(capsys, data_dir, *args)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err_lines) == 1, result.err
    assert f"argument {option}" in result.err_lines[0]
    assert not data_dir.exists()
    assert list(tmp_path.iterdir()) == []


def test_in_english_the_line_says_what_is_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    data_dir = tmp_path / "ledger"
    cases = {
        ("invoice", "issue", "--period", "2026-13"): "apporteur invoice issue: error: argument "
        "--period: 2026-13 is not a month: write it YYYY-MM, e.g. 2026-03",
        ("payment", "add", "N", "12x", "--date", "2026-04-01"): "apporteur payment add: error: "
        "argument AMOUNT: 12x is not an amount: write it like 1234.56 or 1 234,56",
        ("payment", "add", "N", "12", "--date", "2026-02-30"): "apporteur payment add: error: "
        "argument --date: 2026-02-30 is not a date: write it YYYY-MM-DD",
        ("das2", "--year", "twenty"): "apporteur das2: error: argument --year: twenty is not a "
        "year: write it YYYY, e.g. 2026",
    }
    for args, line in cases.items():
        result = apporteur(capsys, data_dir, *args)
        assert (result.code, result.err_lines) == (2, [line])


def test_a_bad_month_in_a_process_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    result = apporteur_process(
        tmp_path / "ledger", "invoice", "issue", "--period", "2026-00", language="en"
    )
    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.err.splitlines() == [
        "apporteur invoice issue: error: argument --period: 2026-00 is not a month: "
        "write it YYYY-MM, e.g. 2026-03"
    ]
