"""The Qt binding keeps Python's reference counts: a binding that drops a reference on every signal kills
the program after some hundreds of them (PySide6 6.12.0 on Python 3.11 took one from True on every emit
and one from None on every slot Qt called; pyproject.toml keeps it out)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton

TIMES = 300  # a broken binding loses exactly this many references; a sound one none
SLACK = 5  # the interpreter's own bookkeeping may hold a few more or fewer meanwhile


class _Sender(QObject):
    bare = Signal()
    number = Signal(int)
    anything = Signal(object)


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _lost(before: tuple[int, int, int]) -> list[int]:
    return [b - a for a, b in zip(_counts(), before, strict=True)]


def _received(*_args) -> None:
    return None


def test_emitting_from_python_keeps_reference_counts(qapp):
    sender = _Sender()
    sender.bare.connect(_received)
    sender.number.connect(_received)
    sender.anything.connect(_received)
    before = _counts()
    for n in range(TIMES):
        sender.bare.emit()
        sender.number.emit(n)
        sender.anything.emit(None)
    assert all(lost <= SLACK for lost in _lost(before)), _lost(before)


def test_slots_called_by_qt_keep_reference_counts(qapp):
    button = QPushButton()
    button.clicked.connect(_received)
    timer = QTimer()
    timer.timeout.connect(_received)
    before = _counts()
    for _ in range(TIMES):
        button.click()
        timer.timeout.emit()
    assert all(lost <= SLACK for lost in _lost(before)), _lost(before)
