"""The application context: what every service call needs, passed explicitly (no globals)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from ..i18n import Translator
from ..infra.clock import Clock, SystemClock
from ..infra.paths import LedgerPaths
from ..storage.db import Ledger, open_ledger


@dataclass(frozen=True)
class AppContext:
    paths: LedgerPaths
    ledger: Ledger
    translator: Translator
    clock: Clock


@contextmanager
def open_context(
    data_dir: str | None,
    environ: Mapping[str, str],
    translator: Translator | None = None,
    clock: Clock | None = None,
) -> Iterator[AppContext]:
    """Open the ledger of the chosen data folder (upgrading it, after a backup, if needed)."""
    paths = LedgerPaths.resolve(data_dir, environ).ensure()
    clock = clock or SystemClock()
    ledger = open_ledger(paths.ledger_file, backups_dir=paths.backups_dir, now=clock.now())
    try:
        yield AppContext(paths, ledger, translator or Translator.from_environment(environ), clock)
    finally:
        ledger.close()
