"""Widget states (column widths and order, splitter positions) kept between sessions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings

from .qt_setup import APPLICATION, ORGANISATION


def restore(key: str, restore_state: Callable[[QByteArray], bool]) -> bool:
    """Hand the state kept under ``key`` to ``restore_state`` (a header's or a splitter's
    ``restoreState``); whether there was one and it was taken."""
    state = QSettings(ORGANISATION, APPLICATION).value(key)
    return isinstance(state, QByteArray) and restore_state(state)


def remember(key: str, state: QByteArray) -> None:
    QSettings(ORGANISATION, APPLICATION).setValue(key, state)
