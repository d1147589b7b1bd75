"""Render every main view and the main dialogs over a demo ledger to ``docs/screenshots/``, in
French, offscreen.

    make screenshots

A view is ``<key>.png`` (the whole window, the view in it), a dialog ``dialog-<name>.png`` (the
dialog alone). How each screen is brought up with data in it is ``tools/screens.py``'s, which
the test of every screen shares. The demo ledger is built in a temporary folder: its commissions
are saved up to September, September is invoiced, one invoice paid and one half paid.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# The window remembers its geometry in QSettings: keep the user's own settings out of this.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="apporteur-screens-config-")
# Offscreen, Qt's screen is 800 pixels wide and a dialog opens at most two thirds of the screen
# wide: the pictures are taken on a desktop-sized screen instead, as users see the dialogs.
os.environ["QT_QPA_PLATFORM"] = (
    f"offscreen:configfile={Path(__file__).resolve().parent / 'offscreen-screen.json'}"
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen"
    else os.environ["QT_QPA_PLATFORM"]
)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.context import open_context
from apporteur_desktop.ui.qt_setup import configure_application
from tools.screens import SCREENS, Desk, Kind, Screen, demo_clock, fill_demo_ledger

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def shoot(desk: Desk, screen: Screen) -> Path:
    """Bring ``screen`` up, save its picture, close what it opened."""
    shown = screen.open(desk)
    # A view is seen inside the window, with the sidebar; a dialog is a window of its own.
    picture = desk.window.grab() if screen.kind is Kind.VIEW else shown.grab()
    path = OUT / f"{screen.name}.png"
    if not picture.save(str(path)):
        raise OSError(f"could not write {path}")
    desk.close_dialogs()
    return path


def main() -> None:
    app = QApplication([sys.argv[0]])
    tr = Translator("fr")
    configure_application(app, tr.language)
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="apporteur-screens-") as folder,
        open_context(str(Path(folder) / "ledger"), os.environ, tr, demo_clock()) as ctx,
    ):
        fill_demo_ledger(ctx)
        scratch = Path(folder) / "scratch"
        scratch.mkdir()
        desk = Desk(ctx, scratch)
        try:
            for screen in SCREENS:
                print(shoot(desk, screen))
        finally:
            desk.close()


if __name__ == "__main__":
    main()
