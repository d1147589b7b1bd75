"""An import is all or nothing: a file with mistakes is refused as a whole, every mistake
listed on its own line with its place in the file, and the ledger is left as it was."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from .helpers import EXAMPLES, apporteur, apporteur_process, counts, examples

EMPTY = {
    "providers": 0,
    "clients": 0,
    "introducers": 0,
    "agreements": 0,
    "introductions": 0,
    "engagements": 0,
    "revenue_entries": 0,
    "commission_lines": 0,
}


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def with_five_mistakes() -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The worked examples with five mistakes, and for each its place and what was written."""
    data = copy.deepcopy(examples())
    agreements = data["agreements"]
    terms = agreements[0]["terms"]
    terms["trial_coverge"] = terms.pop("trial_coverage")  # misspelt key
    agreements[1]["counterparty"] = "Nobody SARL"  # no such provider
    agreements[2]["terms"]["components"][0]["rate"] = "130"
    agreements[3]["signed_on"] = "2025-02-30"  # no such day
    revenue = agreements[5]["introductions"][0]["engagements"][0]["revenue"]
    revenue[0]["amount"] = "-100.00"
    mistakes = [
        ("agreements[0].terms.trial_coverge", "trial_coverage"),  # says what was meant
        ("agreements[1].counterparty", "Nobody SARL"),
        ("agreements[2].terms.components[0].rate", "130"),
        ("agreements[3].signed_on", "2025-02-30"),
        ("agreements[5].introductions[0].engagements[0].revenue[0].amount", "-100"),
    ]
    return data, mistakes


def test_every_mistake_is_listed_on_its_own_line_and_nothing_is_imported(
    tmp_path: Path,
) -> None:
    data, mistakes = with_five_mistakes()
    data_dir = tmp_path / "ledger"
    result = apporteur_process(data_dir, "import", str(write(tmp_path / "bad.json", data)))
    assert result.code != 0
    assert "Traceback" not in result.err
    assert result.out == ""
    lines = result.err_lines
    assert len(lines) == len(mistakes), result.err
    for line, (path, written) in zip(lines, mistakes, strict=True):
        assert line.startswith(f"{path}: "), line
        assert written in line[len(path) :], line
    assert lines[2].startswith("agreements[2].terms.components[0].rate: ")
    assert "130" in lines[2] and "100" in lines[2]  # what was written, and the limit
    assert counts(data_dir) == EMPTY


def test_one_mistake_among_valid_agreements_still_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(examples())
    data["agreements"][7]["introductions"][0]["engagements"][0]["revenue"][3]["amount"] = "-1"
    data_dir = tmp_path / "ledger"
    result = apporteur(capsys, data_dir, "import", str(write(tmp_path / "bad.json", data)))
    assert result.code != 0
    path = "agreements[7].introductions[0].engagements[0].revenue[3].amount"
    assert len(result.err_lines) == 1, result.err
    assert result.err_lines[0].startswith(f"{path}: ") and "-1" in result.err_lines[0]
    assert counts(data_dir) == EMPTY


def test_invalid_json_gives_its_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    # Line 3, column 16: the second comma.
    broken.write_text('{\n  "format": "apporteur-ledger",\n  "version": 1,,\n}\n', encoding="utf-8")
    data_dir = tmp_path / "ledger"
    result = apporteur(capsys, data_dir, "import", str(broken))
    assert result.code != 0
    assert len(result.err_lines) == 1, result.err
    numbers = [int(n) for n in re.findall(r"\d+", result.err_lines[0])]
    assert numbers[:2] == [3, 16], result.err
    assert counts(data_dir) == EMPTY


def test_importing_the_same_file_twice_is_refused_the_second_time_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "ledger"
    first = apporteur(capsys, data_dir, "import", str(EXAMPLES))
    assert first.code == 0, first.err
    before = counts(data_dir)
    assert before["agreements"] == len(examples()["agreements"])
    second = apporteur(capsys, data_dir, "import", str(EXAMPLES))
    assert second.code != 0
    assert counts(data_dir) == before
    # Every name the ledger already holds, one line each: the parties, the agreements and
    # the business identity.
    data = examples()
    expected = [f"parties[{i}].name: " for i in range(len(data["parties"]))]
    expected += [f"agreements[{i}].name: " for i in range(len(data["agreements"]))]
    expected += ["identity: "]
    assert len(second.err_lines) == len(expected), second.err
    for line, start in zip(second.err_lines, expected, strict=True):
        assert line.startswith(start), line
    assert "Example A" in second.err and "Atelier Numérique SAS" in second.err


def test_a_missing_file_gives_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "ledger.json"
    data_dir = tmp_path / "ledger"
    result = apporteur(capsys, data_dir, "import", str(missing))
    assert result.code != 0
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1 and str(missing) in result.err_lines[0], result.err
    assert counts(data_dir) == EMPTY


def test_a_file_that_is_not_utf8_is_refused_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = tmp_path / "latin1.json"
    text = json.dumps(examples(), ensure_ascii=False, indent=2)
    latin1.write_bytes(text.encode("latin-1", errors="replace"))  # « Numérique » in Latin-1
    data_dir = tmp_path / "ledger"
    result = apporteur(capsys, data_dir, "import", str(latin1))
    assert result.code != 0
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1, result.err
    # The place of the first « é »: line and column, as for any JSON mistake.
    first = text.index("é")
    line = text.count("\n", 0, first) + 1
    column = first - (text.rfind("\n", 0, first) + 1) + 1
    numbers = [int(n) for n in re.findall(r"\d+", result.err_lines[0])]
    assert numbers[:2] == [line, column], result.err
    assert counts(data_dir) == EMPTY


def test_a_file_saved_with_a_byte_order_mark_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Windows Notepad writes UTF-8 with a byte-order mark; the file is still fine."""
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + EXAMPLES.read_bytes())
    data_dir = tmp_path / "ledger"
    result = apporteur(capsys, data_dir, "import", str(with_bom))
    assert result.code == 0, result.err
    assert counts(data_dir)["agreements"] == len(examples()["agreements"])
