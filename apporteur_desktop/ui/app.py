"""The desktop app's entry point: the ledger in the user's data folder, in a main window.

On first run (no business identity yet) a short onboarding asks who issues the invoices, or
opens a demo ledger in a temporary folder to look around.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import ExitStack

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog

from ..i18n import LANGUAGES, Translator
from ..services.context import AppContext, has_identity, open_context
from .main_window import MainWindow
from .qt_setup import APPLICATION, ORGANISATION, configure_application
from .tasks import TaskRunner


def chosen_translator(environ: Mapping[str, str]) -> Translator:
    """The language picked in the settings, else the one of the environment."""
    language = QSettings(ORGANISATION, APPLICATION).value("language")
    if isinstance(language, str) and language in LANGUAGES:
        return Translator(language)
    return Translator.from_environment(environ)


def open_ledger_window(stack: ExitStack, data_dir: str | None, tr: Translator) -> MainWindow | None:
    """The main window over the chosen ledger, after the onboarding when it is new.

    None when the user closes the onboarding without choosing. The onboarding and the demo
    are imported only when needed: an everyday start does without them (and the ORM they load).
    """
    ctx: AppContext = stack.enter_context(open_context(data_dir, os.environ, tr))
    tasks = TaskRunner()
    if not has_identity(ctx):
        from ..services.demo_fill import fill_demo
        from .dialogs.onboarding import OnboardingDialog

        onboarding = OnboardingDialog(ctx, tasks)
        if onboarding.exec() != QDialog.DialogCode.Accepted:
            return None
        if onboarding.wants_demo:
            demo_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="apporteur-demo-"))
            ctx = stack.enter_context(open_context(demo_dir, os.environ, tr))
            fill_demo(ctx, 1)
    return MainWindow(ctx, tasks)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    data_dir = None
    if "--data-dir" in args:
        data_dir = args[args.index("--data-dir") + 1]
    app = QApplication(args[:1])
    tr = chosen_translator(os.environ)
    configure_application(app, tr.language)
    with ExitStack() as stack:
        window = open_ledger_window(stack, data_dir, tr)
        if window is None:
            return 0
        window.show()
        return app.exec()
