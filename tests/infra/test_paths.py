from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import platformdirs
import pytest

from apporteur_desktop.infra.paths import (
    DATA_DIR_VARIABLE,
    LedgerPaths,
    default_data_dir,
    resolve_data_dir,
)


def test_the_command_line_value_comes_first(tmp_path: Path) -> None:
    environ = {DATA_DIR_VARIABLE: str(tmp_path / "from-environment")}
    assert resolve_data_dir(str(tmp_path / "from-option"), environ) == tmp_path / "from-option"


def test_then_the_environment_variable(tmp_path: Path) -> None:
    environ = {DATA_DIR_VARIABLE: str(tmp_path / "from-environment")}
    assert resolve_data_dir(None, environ) == tmp_path / "from-environment"


def test_then_the_platform_user_data_folder() -> None:
    expected = Path(platformdirs.user_data_dir("Apporteur Desktop", appauthor=False))
    assert resolve_data_dir(None, {}) == expected == default_data_dir()


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_values_count_as_absent(blank: str, tmp_path: Path) -> None:
    assert resolve_data_dir(blank, {DATA_DIR_VARIABLE: str(tmp_path)}) == tmp_path
    assert resolve_data_dir(None, {DATA_DIR_VARIABLE: blank}) == default_data_dir()


def test_relative_and_home_paths_become_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_data_dir("books", {}) == tmp_path / "books"
    assert resolve_data_dir("~/books", {}) == tmp_path / "home" / "books"


def test_the_tests_run_on_a_temporary_data_folder(isolated_environment: Path) -> None:
    assert LedgerPaths.resolve(None, os.environ).data_dir == isolated_environment


def test_ledger_paths_name_the_ledger_and_its_folders(tmp_path: Path) -> None:
    paths = LedgerPaths(tmp_path)
    assert paths.ledger_file == tmp_path / "ledger.sqlite3"
    assert paths.archive_dir == tmp_path / "archive"
    assert paths.backups_dir == tmp_path / "backups"
    assert paths.exports_dir == tmp_path / "exports"


def test_ledger_paths_are_immutable(tmp_path: Path) -> None:
    paths = LedgerPaths(tmp_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        paths.data_dir = tmp_path / "elsewhere"  # type: ignore[misc]


def test_folders_are_created_on_demand_only(tmp_path: Path) -> None:
    paths = LedgerPaths.resolve(None, {DATA_DIR_VARIABLE: str(tmp_path / "ledger")})
    assert not paths.data_dir.exists()
    assert paths.ensure() is paths
    for folder in (paths.data_dir, paths.archive_dir, paths.backups_dir, paths.exports_dir):
        assert folder.is_dir()
    assert not paths.ledger_file.exists()
    paths.ensure()  # a second call is harmless
