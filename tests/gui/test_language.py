"""Qt's own strings in Vietnamese, and switching language without a restart."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox

from dtdesktop.gui.app import create_application, switch_language


def test_qt_buttons_speak_vietnamese_and_follow_a_switch(qtbot):
    create_application()
    switch_language("vi")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    ok, cancel = (
        box.button(b) for b in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel)
    )
    assert (ok.text(), cancel.text()) == ("Đồng ý", "Hủy")
    assert QLocale().toString(1234567.891, "f", 2) == "1.234.567,89"
    switch_language("en")
    assert (ok.text(), cancel.text()) == ("OK", "Cancel")
    assert QLocale().toString(1234567.891, "f", 2) == "1,234,567.89"
    switch_language("vi")
    assert ok.text() == "Đồng ý"
