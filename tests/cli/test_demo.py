"""``apporteur demo --data-dir DIR`` fills a new ledger with sample data a user can try the
app on: a dozen-ish providers and clients, commissions earned and owed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator

from .helpers import EXAMPLES, apporteur, apporteur_process, counts


def the_demos_months(today: date) -> tuple[Period, Period]:
    """The demo's 18 months of history, ending with the month before today."""
    last = Period.of(today) + -1
    return last + -17, last


def test_demo_fills_an_empty_ledger(tmp_path: Path) -> None:
    data_dir = tmp_path / "ledger"
    # As the README writes it: the data folder after the command.
    result = apporteur_process(tmp_path, "demo", "--data-dir", str(data_dir))
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert str(data_dir) in result.out
    held = counts(data_dir)
    assert 8 <= held["providers"] <= 20
    assert 8 <= held["clients"] <= 20
    assert held["introducers"] > 0  # someone introduced clients to me: the owed direction
    for key in ("agreements", "introductions", "engagements", "revenue_entries"):
        assert held[key] > 0, key
    assert held["commission_lines"] == 0  # the demo records facts; runs compute lines


def test_demo_refuses_a_ledger_that_already_holds_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "ledger"
    assert apporteur(capsys, data_dir, "import", str(EXAMPLES)).code == 0
    before = counts(data_dir)
    result = apporteur(capsys, data_dir, "demo")
    assert result.code != 0
    assert len(result.err.splitlines()) == 1, result.err
    assert result.out == ""
    assert counts(data_dir) == before


def test_demo_refuses_a_second_fill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "ledger"
    assert apporteur(capsys, data_dir, "demo").code == 0
    before = counts(data_dir)
    again = apporteur(capsys, data_dir, "demo")
    assert again.code != 0 and len(again.err.splitlines()) == 1
    assert counts(data_dir) == before


@pytest.mark.parametrize("scale", ["0", "abc"])
def test_demo_refuses_a_scale_that_is_not_a_positive_whole_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scale: str
) -> None:
    data_dir = tmp_path / "ledger"
    result = apporteur(capsys, data_dir, "demo", "--scale", scale)
    assert result.code != 0
    lines = result.err.splitlines()
    assert len(lines) == 1 and scale in lines[0], result.err
    assert not any(counts(data_dir).values())


def test_demo_scale_multiplies_the_volume(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert apporteur(capsys, one, "demo").code == 0
    assert apporteur(capsys, two, "demo", "--scale", "2").code == 0
    assert counts(two)["agreements"] == 2 * counts(one)["agreements"]
    assert counts(two)["revenue_entries"] > counts(one)["revenue_entries"]


def test_commissions_over_the_demos_months_earn_and_owe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "ledger"
    assert apporteur(capsys, data_dir, "demo").code == 0
    first, last = the_demos_months(date.today())
    run = apporteur(
        capsys, data_dir, "commissions", "--from", str(first), "--to", str(last), "--format", "json"
    )
    assert run.code == 0, run.err
    lines = run.json()
    regular = Counter(line["direction"] for line in lines if line["kind"] == "regular")
    assert regular["earned"] > 0 and regular["owed"] > 0
    assert all(str(first) <= line["period"] <= str(last) for line in lines)
    assert counts(data_dir)["commission_lines"] >= len([x for x in lines if x["id"]])
    # The table shows both totals, apart.
    table = apporteur(
        capsys, data_dir, "commissions", "--from", str(first), "--to", str(last)
    ).out.splitlines()
    tr = Translator("fr")
    assert [row.split(":")[0].rstrip("\u202f ") for row in table[-2:]] == [
        tr.gettext("Total earned"),
        tr.gettext("Total owed"),
    ]
