"""Long work (back-up, import) on the store's worker with a progress dialog and a Cancel button."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from dtdesktop.gui.messages import show_error
from dtdesktop.gui.worker import Cancelled, DbWorker
from dtdesktop.i18n import _

Job = Callable[[Callable[[int, str], None]], Any]


def run_with_progress(
    parent: QWidget, worker: DbWorker, title: str, job: Job, on_done: Callable[[Any], None]
) -> QProgressDialog:
    """Run *job(progress)* in the background; the window stays usable and the dialog can cancel it."""
    cancel = threading.Event()
    dialog = QProgressDialog(title, _("Cancel"), 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.canceled.connect(cancel.set)

    def progressed(percent: int, step: str) -> None:
        dialog.setValue(percent)
        dialog.setLabelText(step)

    def done(result: Any) -> None:
        dialog.reset()
        dialog.close()
        on_done(result)

    def failed(error: BaseException) -> None:
        dialog.reset()
        dialog.close()
        if not isinstance(error, Cancelled):
            show_error(parent, error)

    worker.submit(lambda: job(worker.progress_reporter(progressed, cancel)), done, failed)
    return dialog
