"""Set-up shared by every test: Qt offscreen, no real keyring, a fresh data folder, French."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt or keyring: both read these once per process.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the ledger and the per-user folders at temporary ones, and speak French.

    Returns the data folder (``APPORTEUR_DATA_DIR``), which is not created.
    """
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    data_dir = home / "ledger"
    monkeypatch.setenv("APPORTEUR_DATA_DIR", str(data_dir))
    monkeypatch.setenv("LANGUAGE", "fr")
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    return data_dir
