"""Driving widgets as a person does: Vietnamese typed through the input method, waiting for the saves."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type *text* into *widget* as an input method commits it (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def settle(qtbot, window) -> None:
    """Wait until everything typed has been written and the results have come back to the window."""
    qtbot.waitUntil(lambda: window.session is None or not window.session.busy, timeout=10000)
    window.worker.wait()
    qtbot.wait(20)
