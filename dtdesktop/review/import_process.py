"""A large import run in a process of its own, so that the window that asked for it never waits.

Filing is Python work (reading the trust list and the catalogs, then one transaction per file); done on a
thread of the window's process it competes with the window for the interpreter, and every frame drawn
meanwhile waits its turn (hundreds of milliseconds while an import starts). Here the filing runs in a
spawned process over the same store, which sends each file's result back as it is filed; the calling
thread only waits on a pipe. Cancel is passed on, and the child stops after the file being filed, as
`importing.import_files` does. If the window's process goes away, the child stops at the next file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from pathlib import Path

from dtdesktop.files import pdf_files
from dtdesktop.i18n import _, current_language, set_language
from dtdesktop.review.importing import PARALLEL_FROM, FileResult, ImportReport, end_with_parent, import_files
from dtdesktop.storage import Store
from dtdesktop.text import safe

POLL = 0.05  # seconds between two looks at Cancel while waiting for the child
GRACE = 5.0  # seconds a cancelled child has to finish the file it is filing before it is ended


class ImportStopped(Exception):
    """The child could not go on (the store refused, the process died); what it filed stays."""


def in_words(exc: BaseException) -> str:
    """Why an import stopped, as a sentence for the reviewer rather than the database driver's report."""
    from concurrent.futures.process import BrokenProcessPool

    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, BrokenProcessPool):
        return _(
            "A process checking the files ended unexpectedly (short of memory, or stopped from outside)."
        )
    if isinstance(exc, DBAPIError):
        from dtdesktop.storage.database import driver_reason

        reason = driver_reason(exc)
        return _(
            "The database did not accept the change ({reason}); check that the disk has room and the "
            "database is not in use elsewhere."
        ).format(reason=safe(reason))
    said = safe(str(exc)).strip() or type(exc).__name__
    return said if said.endswith((".", "?", "!")) else said + "."


def separate_process_pays(store: Store, files: list[Path]) -> bool:
    """Whether *files* are worth a process of their own (starting one costs about half a second), and the
    store can be opened from another process (not a private in-memory database)."""
    if len(files) < PARALLEL_FROM:
        return False
    return not store.is_sqlite or (store.path is not None and store.path.is_file())


def import_files_apart(
    store: Store,
    paths: Iterable[Path],
    progress: Callable[[int, int, FileResult], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """`import_files` for the window: run in a process of its own when there are enough files, else here
    (and here too when no process can be started: slower for the window, but the files come in)."""
    files = pdf_files(paths)
    if not separate_process_pays(store, files):
        return import_files(store, files, progress=progress, cancelled=cancelled)
    spawn = multiprocessing.get_context("spawn")
    receive, send = spawn.Pipe(duplex=False)
    stop = _Flag(spawn.RawValue("b", 0))  # no lock: a child killed while looking at it cannot leave it held
    child = spawn.Process(
        target=_child,
        args=(store.url, [str(f) for f in files], send, stop, current_language()),
        name="dtdesktop-import",  # not a daemon: it starts the checking processes itself
    )
    try:
        child.start()
    except OSError:  # the program cannot start itself (a broken installation, no memory left)
        receive.close()
        send.close()
        return import_files(store, files, progress=progress, cancelled=cancelled, workers=1)  # no processes
    send.close()  # the child holds the only writing end: its death ends the pipe
    try:
        return _follow(receive, stop, progress, cancelled, child)
    finally:
        stop.set()
        receive.close()
        child.join(timeout=GRACE)
        if child.is_alive():
            child.kill()  # its checking processes watch it and end with it
            child.join()


def _follow(receive: Connection, stop, progress, cancelled, child) -> ImportReport:
    """Pass the child's news on until it says it is done. Once Cancel is pressed the child has GRACE
    seconds to finish the file it is filing and say so; a child stuck past that (a store locked by another
    program, a disk that does not answer) is ended, and what it had told stays as the import's result (a
    file is told only once it is saved)."""
    heard = ImportReport()
    deadline: float | None = None
    while True:
        if deadline is None and cancelled is not None and cancelled():
            stop.set()
            deadline = time.monotonic() + GRACE  # even before any news: a batch may be saved, not yet told
        if deadline is not None and time.monotonic() >= deadline:
            child.kill()
            heard.stopped = True
            return heard
        if not receive.poll(POLL):
            continue
        try:
            kind, *body = receive.recv()
        except (EOFError, OSError):
            raise ImportStopped(_("The importing process ended unexpectedly.")) from None
        if kind == "file":
            heard.results.append(body[2])
            if progress is not None:
                progress(*body)
        elif kind == "done":
            return body[0]
        else:
            raise ImportStopped(body[0])


class _Flag:
    """A flag shared with the child in a byte of shared memory, without a lock (a multiprocessing Event
    takes one to be read, and a child killed while reading it would leave the window waiting for ever)."""

    def __init__(self, value) -> None:
        self.value = value

    def set(self) -> None:
        self.value.value = 1

    def is_set(self) -> bool:
        return bool(self.value.value)


def _child(url: str, files: list[str], send: Connection, stop: _Flag, lang: str) -> None:
    """The spawned process: open the store, import, and report each file and the end."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the window's process decides when to stop
    end_with_parent()
    set_language(lang)

    def report(n: int, total: int, result: FileResult) -> None:
        try:
            send.send(("file", n, total, result))
        except (BrokenPipeError, OSError):
            raise KeyboardInterrupt from None  # nobody listens any more: stop, keeping what was filed

    try:
        store = Store(url)  # the window's store is already at the newest schema: only checked
        try:
            done = import_files(store, [Path(f) for f in files], progress=report, cancelled=stop.is_set)
        finally:
            store.close()
        send.send(("done", done))
    except BaseException as exc:  # whatever it is, the window must hear it in words
        with contextlib.suppress(BrokenPipeError, OSError):
            send.send(("error", in_words(exc)))
    finally:
        send.close()
