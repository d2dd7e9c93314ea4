"""An error nobody foresaw, raised in the window, is written to crash.log and said in a sentence, once."""

from __future__ import annotations

import sys

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox

from dtdesktop.gui import unexpected
from dtdesktop.i18n import _


def _boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "unexpectedError" and w.isVisible()
    ]


def test_an_unexpected_error_is_logged_and_said_once(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("DTDESKTOP_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(unexpected, "_said", set())
    unexpected.install()
    try:
        raise LookupError("không tìm thấy hồ sơ 42")
    except LookupError:
        kind, error, tb = sys.exc_info()
    for _time in range(3):  # the same error, clicked three times
        sys.excepthook(kind, error, tb)
    qtbot.waitUntil(lambda: bool(_boxes()), timeout=2000)
    boxes = _boxes()
    assert len(boxes) == 1
    text = boxes[0].text()
    log = tmp_path / "crash.log"
    assert str(log) in text and "LookupError" in text and _("What was saved before stays saved.") in text
    assert (
        log.read_text(encoding="utf-8").count("LookupError: không tìm thấy hồ sơ 42") == 3
    )  # each written down
    for box in boxes:
        box.close()
        shiboken6.delete(box)


def test_ctrl_c_is_left_to_python(monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: seen.append(a[0]))
    unexpected.install()
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]


@pytest.fixture(autouse=True)
def _no_boxes_left():
    yield
    for box in _boxes():
        box.close()
