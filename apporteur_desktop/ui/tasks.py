"""Long work off the UI thread: one service call at a time, its result handed back by signal.

A task is a plain Qt-free callable (a service call). It runs on a one-thread pool, so writes to
the ledger never overlap and a session never crosses threads; its result or its exception comes
back on the UI thread through :class:`TaskRunner`'s signals. While a task runs, the runner says
it is busy, so views can disable the actions that would start another one.

Cancelling is cooperative: a service that works in steps checks ``cancelled()`` between its
transactions, so what is done stays whole and nothing is left half-written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Cancelled(Exception):
    """Raised by a task that saw the user cancel it; nothing after its last transaction ran."""


class _Relay(QObject):
    # Emitted from the worker thread; Qt queues them to the runner on the UI thread.
    finished = Signal(object, object)  # (callback, result)
    failed = Signal(object, object)  # (callback, exception)


class _Job(QRunnable):
    def __init__(
        self,
        work: Callable[[], Any],
        relay: _Relay,
        done: Callable[[Any], None],
        error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self._work, self._relay, self._done, self._error = work, relay, done, error

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as problem:  # handed to the UI thread, which decides what to say
            self._relay.failed.emit(self._error, problem)
        else:
            self._relay.finished.emit(self._done, result)


class TaskRunner(QObject):
    """Runs one task at a time on a worker thread; ``busy_changed`` tells views when."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._cancel = threading.Event()
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def cancelled(self) -> bool:
        """For the task itself: whether the user asked to stop."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def start(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        error: Callable[[BaseException], None],
    ) -> bool:
        """Run ``work`` off the UI thread; ``done(result)`` or ``error(exception)`` follows on
        the UI thread. Refused (False) while another task runs."""
        if self._busy:
            return False
        self._cancel.clear()
        self._set_busy(True)
        self._pool.start(_Job(work, self._relay, done, error))
        return True

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the worker is idle (for closing the window, and for tests)."""
        return self._pool.waitForDone(milliseconds)

    @Slot(object, object)
    def _on_finished(self, callback: Callable[[Any], None], result: Any) -> None:
        self._set_busy(False)
        callback(result)

    @Slot(object, object)
    def _on_failed(self, callback: Callable[[BaseException], None], problem: BaseException) -> None:
        self._set_busy(False)
        callback(problem)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)
