"""``python -m apporteur_desktop`` starts the desktop app."""

from __future__ import annotations

from apporteur_desktop.ui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
