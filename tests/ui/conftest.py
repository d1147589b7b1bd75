"""Set-up shared by the desktop tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from apporteur_desktop.ui.qt_setup import APPLICATION, ORGANISATION


@pytest.fixture(autouse=True)
def forget_window_settings() -> None:
    """Start each test without the geometry, columns and choices an earlier one left.

    Qt reads where its settings live once per process, so the fresh configuration folder of
    each test does not reach it: the settings are cleared instead.
    """
    QSettings(ORGANISATION, APPLICATION).clear()
