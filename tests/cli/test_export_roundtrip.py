"""What ``apporteur export`` writes, ``apporteur import`` reads back into the same ledger:
exporting the copy gives the very same file, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import EXAMPLES, apporteur, counts, examples


def round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, first: Path
) -> tuple[bytes, bytes, Path]:
    """Export ledger ``first`` to a.json, import it into an empty ledger, export that to b.json."""
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    exported = apporteur(capsys, first, "export", "--out", str(a))
    assert exported.code == 0, exported.err
    second = tmp_path / "ledger-2"
    imported = apporteur(capsys, second, "import", str(a))
    assert imported.code == 0, imported.err
    assert apporteur(capsys, second, "export", "--out", str(b)).code == 0
    return a.read_bytes(), b.read_bytes(), second


def test_the_worked_examples_survive_an_export_and_an_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "ledger-1"
    assert apporteur(capsys, first, "import", str(EXAMPLES)).code == 0
    a, b, second = round_trip(capsys, tmp_path, first)
    assert a == b
    assert counts(second) == counts(first)
    exported = json.loads(a)
    source = examples()
    assert [x["name"] for x in exported["agreements"]] == [x["name"] for x in source["agreements"]]
    assert exported["identity"]["siret"] == source["identity"]["siret"]


def test_export_without_out_writes_the_same_file_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "ledger-1"
    assert apporteur(capsys, first, "import", str(EXAMPLES)).code == 0
    assert apporteur(capsys, first, "export", "--out", str(tmp_path / "a.json")).code == 0
    printed = apporteur(capsys, first, "export")
    assert printed.code == 0
    assert printed.out == (tmp_path / "a.json").read_text(encoding="utf-8")


def test_a_demo_ledger_survives_an_export_and_an_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "ledger-1"
    demo = apporteur(capsys, first, "demo")
    assert demo.code == 0, demo.err
    a, b, second = round_trip(capsys, tmp_path, first)
    assert a == b
    assert counts(second) == counts(first)
    assert counts(first)["revenue_entries"] > 0


def test_an_empty_ledger_exports_a_file_that_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, second = round_trip(capsys, tmp_path, tmp_path / "ledger-1")
    assert a == b
    assert not any(counts(second).values())
