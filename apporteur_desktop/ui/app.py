"""The desktop app's entry point: a window over the ledger in the user's data folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QMainWindow, QWidget

from ..i18n import N_, Translator
from ..services.context import AppContext, open_context
from ..services.summary import LedgerSummary, ledger_summary

COUNT_LABELS = (
    ("providers", N_("Providers")),
    ("clients", N_("Clients")),
    ("introducers", N_("Introducers")),
    ("agreements", N_("Agreements")),
    ("introductions", N_("Introductions")),
    ("engagements", N_("Engagements")),
    ("revenue_entries", N_("Revenue entries")),
    ("commission_lines", N_("Commission lines")),
)


class LedgerWindow(QMainWindow):
    """The ledger's path and what it holds."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        _ = ctx.translator.gettext
        self.setWindowTitle(_("Apporteur Desktop"))
        self.summary: LedgerSummary = ledger_summary(ctx)
        body = QWidget(self)
        form = QFormLayout(body)
        path = QLabel(self.summary.path)
        path.setObjectName("ledgerPath")
        form.addRow(_("Ledger"), path)
        for key, label in COUNT_LABELS:
            value = QLabel(str(self.summary.counts.get(key, 0)))
            value.setObjectName(f"count_{key}")
            form.addRow(_(label), value)
        self.setCentralWidget(body)
        self.resize(640, 360)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    data_dir = None
    if "--data-dir" in args:
        data_dir = args[args.index("--data-dir") + 1]
    app = QApplication(args[:1])
    tr = Translator.from_environment(os.environ)
    with open_context(data_dir, os.environ, tr) as ctx:
        window = LedgerWindow(ctx)
        window.show()
        return app.exec()
