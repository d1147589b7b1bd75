"""A data folder whose ledger the app cannot open gets one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from apporteur_desktop.i18n import Translator

from .helpers import apporteur


def test_a_file_that_is_not_a_ledger_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ledger.sqlite3").write_text("not a database, just text " * 100)

    result = apporteur(capsys, tmp_path, "export")

    assert result.code == 2
    assert len(result.err_lines) == 1
    assert str(tmp_path / "ledger.sqlite3") in result.err
    expected = Translator("fr").gettext("{path} is not a ledger this app can read ({reason})")
    assert result.err.startswith(expected.split("{path}")[0] + str(tmp_path))
    assert "Traceback" not in result.err
