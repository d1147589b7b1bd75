"""Render every main view over a demo ledger to ``docs/screenshots/*.png``, in French, offscreen.

    make screenshots

The demo ledger is built in a temporary folder: its commissions are saved up to last month,
that month is invoiced and one invoice is paid, so each view has something to show.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The window remembers its geometry in QSettings: keep the user's own settings out of this.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="apporteur-screens-config-")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator
from apporteur_desktop.infra.clock import FixedClock
from apporteur_desktop.services import commissions, invoicing, payments
from apporteur_desktop.services.context import open_context
from apporteur_desktop.services.demo_fill import fill_demo
from apporteur_desktop.ui.main_window import MainWindow
from apporteur_desktop.ui.qt_setup import configure_application

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
TODAY = date(2026, 11, 23)
CLOCK = FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def prepare(ctx) -> None:  # type: ignore[no-untyped-def]
    """Commissions saved to September, September invoiced (one paid, one half paid); October
    left unsaved, so the commissions view previews it."""
    fill_demo(ctx, 1)
    last = Period(2026, 9)
    commissions.run_commissions(ctx, Period(2025, 1), last, preview=False)
    _drafts, issued = invoicing.issue_for_period(ctx, last)
    if issued.documents:
        first = issued.documents[0]
        payments.record_payment(ctx, first.number, first.gross_total, TODAY)
    if len(issued.documents) > 1:
        second = issued.documents[1]
        payments.record_payment(
            ctx, second.number, (second.gross_total / 2).quantize(Decimal("0.01")), TODAY
        )


def settle(app: QApplication, window: MainWindow) -> None:
    """Let the view's background work finish and its results paint."""
    for _round in range(5):
        app.processEvents()
        window.tasks.wait()
        app.processEvents()


def main() -> None:
    app = QApplication([sys.argv[0]])
    tr = Translator("fr")
    configure_application(app, tr.language)
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="apporteur-screens-") as folder,
        open_context(folder, os.environ, tr, CLOCK) as ctx,
    ):
        prepare(ctx)
        window = MainWindow(ctx)
        window.resize(1280, 800)
        window.show()
        for key in window.views:
            view = window.show_view(key)
            view.refresh()  # type: ignore[attr-defined]
            settle(app, window)
            path = OUT / f"{key}.png"
            window.grab().save(str(path))
            print(path)
        window.tasks.wait()
        window.close()


if __name__ == "__main__":
    main()
