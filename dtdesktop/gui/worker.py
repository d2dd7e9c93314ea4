"""One worker thread for the store: every database call from the window runs there, in order.

Keeping the database on a single thread (as Anki does) means writes never race each other and the window
never waits on a disk flush. Results come back to the window's thread through a queued signal, so the
callbacks may touch widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Cancelled(Exception):
    """Raised inside a job by its progress callback when the user pressed Cancel."""


class _Bridge(QObject):
    finished = Signal(object, object, object)  # future, on_done, on_error
    progressed = Signal(object, int, str)  # on_progress, percent, step

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)
        self.progressed.connect(lambda callback, percent, step: callback(percent, step))

    @staticmethod
    def _deliver(future: Future, on_done: Done | None, on_error: Failed | None) -> None:
        exc = future.exception()
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            return
        if on_done is not None:
            on_done(future.result())


class DbWorker:
    """Runs jobs one after another on one thread; `submit` returns at once."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dtdesktop-store")
        self._bridge = _Bridge()

    def submit(
        self, job: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> Future:
        future = self._pool.submit(job)
        future.add_done_callback(lambda f: self._bridge.finished.emit(f, on_done, on_error))
        return future

    def progress_reporter(self, on_progress: Callable[[int, str], None], cancel: threading.Event):
        """A progress callback for a job: reports to the window, and raises Cancelled once asked to."""

        def report(percent: int, step: str) -> None:
            if cancel.is_set():
                raise Cancelled
            self._bridge.progressed.emit(on_progress, percent, step)

        return report

    def wait(self, timeout: float | None = 30.0) -> None:
        """Block until every job submitted so far has finished (closing the window, tests)."""
        self._pool.submit(lambda: None).result(timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
