"""Where the ledger and its companion folders live on disk.

Precedence of the data folder: the ``--data-dir`` option, then the ``APPORTEUR_DATA_DIR``
environment variable, then the platform's user data folder. Nothing is created at import time:
call :meth:`LedgerPaths.ensure` when the folders are about to be used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Apporteur Desktop"
DATA_DIR_VARIABLE = "APPORTEUR_DATA_DIR"

LEDGER_FILE_NAME = "ledger.sqlite3"
ARCHIVE_DIR_NAME = "archive"
BACKUPS_DIR_NAME = "backups"
EXPORTS_DIR_NAME = "exports"


def default_data_dir() -> Path:
    """The platform's per-user data folder for the app (not created)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """The data folder chosen by the command-line value, the environment, or the platform.

    Empty values count as absent. ``~`` is expanded; relative paths are made absolute against the
    current folder so that the choice does not change if the process changes folder later.
    """
    for candidate in (cli_value, environ.get(DATA_DIR_VARIABLE)):
        if candidate is not None and candidate.strip():
            return Path(candidate).expanduser().absolute()
    return default_data_dir()


@dataclass(frozen=True, slots=True)
class LedgerPaths:
    """The files and folders of one ledger, all under one data folder."""

    data_dir: Path

    @classmethod
    def resolve(cls, cli_value: str | None, environ: Mapping[str, str]) -> LedgerPaths:
        return cls(resolve_data_dir(cli_value, environ))

    @property
    def ledger_file(self) -> Path:
        return self.data_dir / LEDGER_FILE_NAME

    @property
    def archive_dir(self) -> Path:
        """Issued documents (invoices, credit notes, statements) kept as sent."""
        return self.data_dir / ARCHIVE_DIR_NAME

    @property
    def backups_dir(self) -> Path:
        """Copies of the ledger, taken before every migration and on demand."""
        return self.data_dir / BACKUPS_DIR_NAME

    @property
    def exports_dir(self) -> Path:
        """Default destination of exports."""
        return self.data_dir / EXPORTS_DIR_NAME

    def ensure(self) -> LedgerPaths:
        """Create the data folder and its sub-folders if missing; returns ``self``."""
        for folder in (self.data_dir, self.archive_dir, self.backups_dir, self.exports_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self
