"""The application context: what every service call needs, passed explicitly (no globals)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from ..i18n import Translator
from ..infra.clock import Clock, SystemClock
from ..infra.paths import LedgerPaths
from ..storage.db import Ledger, LedgerTooNew, LedgerUnreadable, has_business_identity, open_ledger
from .errors import UserError


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
    where = str(paths.ledger_file)
    try:
        ledger = open_ledger(paths.ledger_file, backups_dir=paths.backups_dir, now=clock.now())
    except LedgerTooNew as newer:
        raise UserError.of("ledger_too_new", path=where, revision=newer.revision) from newer
    except LedgerUnreadable as broken:
        raise UserError.of("ledger_unreadable", path=where, reason=broken.reason) from broken
    try:
        yield AppContext(paths, ledger, translator or Translator.from_environment(environ), clock)
    finally:
        ledger.close()


def has_identity(ctx: AppContext) -> bool:
    """Whether the ledger already has my business identity (if not, the app asks for it first)."""
    return has_business_identity(ctx.ledger)
