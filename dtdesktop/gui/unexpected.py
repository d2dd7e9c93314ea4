"""The window's last safety net: an error nobody foresaw is written to crash.log and said in a sentence.

Without it, an exception raised in a slot is printed to a console the installed program does not have, and
the reviewer's click seems to do nothing. Every change to the store is one transaction, so what was saved
before stays saved; the sentence says so, and where the details are to send to whoever supports the
program. The same error is said once, not once per click.
"""

from __future__ import annotations

import sys
import traceback

from dtdesktop import crashlog
from dtdesktop.i18n import _

_said: set[str] = set()
_shown: list = []  # the boxes open now


def sentence(error: BaseException, log: str) -> str:
    where = (
        _("The details were written to {log}; send that file to whoever supports dtdesktop.").format(log=log)
        if log
        else _(
            "The details could not be written down; note what you were doing and tell whoever supports it."
        )
    )
    return " ".join(
        (
            _("dtdesktop met an error it did not expect ({error}) and did not finish what you asked.").format(
                error=type(error).__name__
            ),
            _("What was saved before stays saved."),
            where,
        )
    )


def install() -> None:
    """Route exceptions that reach the event loop here (once per process)."""
    previous = sys.excepthook

    def hook(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        log = crashlog.write(kind, error, tb)
        traceback.print_exception(kind, error, tb)
        key = f"{kind.__name__}:{error}"
        if key in _said:
            return
        _said.add(key)
        _tell(sentence(error, log))

    sys.excepthook = hook


def _tell(text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning, _("Unexpected error"), text, parent=QApplication.activeWindow()
    )
    box.setObjectName("unexpectedError")
    box.setTextFormat(Qt.TextFormat.PlainText)
    _shown.append(box)  # a box without a parent lives as long as Python holds it
    box.finished.connect(lambda _result: _shown.remove(box))
    box.open()  # the window goes on behind it
