"""Running the ``apporteur`` command the way a user does, and looking into its ledger."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from apporteur_desktop.cli.main import main
from apporteur_desktop.services.context import open_context
from apporteur_desktop.services.summary import ledger_summary

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "worked-examples.json"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def json(self) -> Any:
        return json.loads(self.out)


def apporteur(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> Result:
    """``apporteur --data-dir DATA_DIR ARGS…`` in this process (fast): exit code and output."""
    capsys.readouterr()  # what earlier calls printed is not this call's
    try:
        code = main(["--data-dir", str(data_dir), *args])
    except SystemExit as stop:  # argparse refuses a bad option by exiting, as a process does
        code = stop.code if isinstance(stop.code, int) else 1
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def apporteur_process(data_dir: Path, *args: str, language: str = "fr") -> Result:
    """The same in a new process, for what only a process shows: a traceback, the exit code."""
    environ = dict(os.environ, LANGUAGE=language, PYTHONIOENCODING="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "apporteur_desktop.cli.main", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def counts(data_dir: Path) -> dict[str, int]:
    """How many providers, clients, agreements, … commission lines the ledger holds."""
    with open_context(str(data_dir), {}) as ctx:
        return ledger_summary(ctx).counts


def examples() -> dict[str, Any]:
    """The worked examples of PRODUCT.md as an exchange file's data."""
    return json.loads(EXAMPLES.read_text(encoding="utf-8"))


def normalise_spaces(text: str) -> str:
    """French numbers use narrow and no-break spaces; compare them as plain spaces."""
    for space in ("\u202f", "\u00a0", "\u2009"):
        text = text.replace(space, " ")
    return text


def write_ledger_file(folder: Path, content: dict[str, Any]) -> Path:
    """An exchange file holding ``content``, for ``apporteur import``."""
    path = folder / "ledger.json"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path
