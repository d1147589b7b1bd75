"""Errors speak the user's language: French by default, English with ``LANGUAGE=en``.

Each error is one line on standard error, the exit code says it failed, and no traceback is
ever shown. The French sentences are the French catalogue's: until a message is translated
there, its French test fails, on purpose.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from apporteur_desktop.i18n import Translator

from .helpers import EXAMPLES, apporteur, apporteur_process, examples

LANGUAGES = ("fr", "en")

BAD_MONTH = "{value} is not a month: write it YYYY-MM, e.g. 2026-03"
BAD_RANGE = "--from {first} comes after --to {last}"
NOT_EMPTY = "this ledger already holds data; demo data goes into a new, empty data folder"
BAD_SCALE = "--scale must be a whole number from 1 to 1000, not {value}"
FILE_ERROR = "cannot use the file {path}: {reason}"
ABOVE_MAXIMUM = "{value} is above {maximum}"
TRIAL_ONLY = "the agreement covers the trial only: this long-term engagement earns nothing"


def worded(language: str, msgid: str, **params: str) -> str:
    """The sentence a user of ``language`` reads for ``msgid``."""
    template = Translator(language).gettext(msgid)
    if language == "fr":
        assert template != msgid, f"not translated in the French catalogue yet: {msgid!r}"
    return template.format(**params)


@pytest.fixture(params=LANGUAGES)
def user_language(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LANGUAGE", request.param)
    return str(request.param)


def assert_one_error(code: int, err: str) -> str:
    assert code != 0
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_month_that_does_not_exist_is_one_line_in_the_users_language(
    tmp_path: Path, language: str
) -> None:
    args = ("commissions", "--from", "2026-13", "--to", "2026-12")
    result = apporteur_process(tmp_path / "ledger", *args, language=language)
    line = assert_one_error(result.code, result.err)
    assert line == worded(language, BAD_MONTH, value="2026-13")
    if language == "en":
        assert line == "2026-13 is not a month: write it YYYY-MM, e.g. 2026-03"


def test_the_same_error_reads_differently_in_french_and_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("commissions", "--from", "2026-05", "--to", "2026-01")
    monkeypatch.setenv("LANGUAGE", "en")
    english = apporteur(capsys, tmp_path / "ledger", *args)
    monkeypatch.setenv("LANGUAGE", "fr")
    french = apporteur(capsys, tmp_path / "ledger", *args)
    in_english = assert_one_error(english.code, english.err)
    in_french = assert_one_error(french.code, french.err)
    assert in_english == "--from 2026-05 comes after --to 2026-01"
    assert in_french == worded("fr", BAD_RANGE, first="2026-05", last="2026-01")
    assert in_french != in_english


def test_a_bad_end_month_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], user_language: str
) -> None:
    result = apporteur(
        capsys, tmp_path / "ledger", "commissions", "--from", "2026-01", "--to", "2026-00"
    )
    line = assert_one_error(result.code, result.err)
    assert line == worded(user_language, BAD_MONTH, value="2026-00")


def test_a_range_that_ends_before_it_starts_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], user_language: str
) -> None:
    result = apporteur(
        capsys, tmp_path / "ledger", "commissions", "--from", "2026-05", "--to", "2026-01"
    )
    line = assert_one_error(result.code, result.err)
    assert line == worded(user_language, BAD_RANGE, first="2026-05", last="2026-01")
    assert result.out == ""


def test_demo_refuses_a_ledger_that_holds_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], user_language: str
) -> None:
    data_dir = tmp_path / "ledger"
    assert apporteur(capsys, data_dir, "import", str(EXAMPLES)).code == 0
    result = apporteur(capsys, data_dir, "demo")
    assert assert_one_error(result.code, result.err) == worded(user_language, NOT_EMPTY)


@pytest.mark.parametrize("scale", ["0", "abc", "1001", "-3"])
def test_demo_refuses_a_scale_that_is_not_a_whole_number_from_1_to_1000(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], user_language: str, scale: str
) -> None:
    result = apporteur(capsys, tmp_path / "ledger", "demo", "--scale", scale)
    assert assert_one_error(result.code, result.err) == worded(
        user_language, BAD_SCALE, value=scale
    )


def test_a_missing_file_is_named_in_the_users_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], user_language: str
) -> None:
    missing = tmp_path / "absent.json"
    result = apporteur(capsys, tmp_path / "ledger", "import", str(missing))
    line = assert_one_error(result.code, result.err)
    # The reason comes from the system (« No such file or directory »); the rest is ours.
    before, after = worded(user_language, FILE_ERROR, path=str(missing), reason="\0").split("\0")
    assert line.startswith(before) and line.endswith(after)
    assert len(line) > len(before) + len(after)


def test_import_problems_are_worded_in_the_users_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], user_language: str
) -> None:
    data = copy.deepcopy(examples())
    data["agreements"][2]["terms"]["components"][0]["rate"] = "130"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = apporteur(capsys, tmp_path / "ledger", "import", str(bad))
    line = assert_one_error(result.code, result.err)
    path = "agreements[2].terms.components[0].rate"
    assert line == f"{path}: " + worded(user_language, ABOVE_MAXIMUM, value="130", maximum="100")


def test_the_import_warning_for_example_b_is_in_the_users_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], user_language: str
) -> None:
    result = apporteur(capsys, tmp_path / "ledger", "import", str(EXAMPLES))
    assert result.code == 0
    about_b = [line for line in result.err.splitlines() if line.startswith("Example B")]
    assert len(about_b) == 1
    assert about_b[0].endswith(": " + worded(user_language, TRIAL_ONLY))
