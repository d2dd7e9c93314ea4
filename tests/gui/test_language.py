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


def texts(window) -> dict[str, str]:
    """What the officer reads in a few places of the window."""
    editor = window.editor
    return {
        "menu": window.menu_file.title(),
        "filter": editor.tree.filter.itemText(1),
        "answer": editor.panel.ui.answerBox.title(),
        "caption": editor.strip.captions["percent"].text(),
        "percent": editor.strip.figures["percent"].text(),
    }


def test_the_whole_window_switches_language_and_back_without_a_restart(qtbot, window, filled):
    window.open_assessment(filled)
    before = texts(window)
    assert before["menu"] == "&Tệp" and "," in before["percent"]
    window.language_actions["en"].trigger()
    assert texts(window) == {
        "menu": "&File",
        "filter": "Only missing",
        "answer": "Answer",
        "caption": "Percent",
        "percent": before["percent"].replace(",", "."),
    }
    assert window.profile.language == "en"
    from dtdesktop import profile as profiles

    assert profiles.load().language == "en"  # remembered for the next start
    window.language_actions["vi"].trigger()
    assert texts(window) == before


def test_vietnamese_titles_sort_with_the_collator():
    from dtdesktop.gui.collation import sorted_by

    create_application()
    switch_language("vi")
    names = ["Đông Sơn", "Yên Định", "Bá Thước", "Dân Lực", "Ân Thi"]
    assert sorted_by(names, str) == ["Ân Thi", "Bá Thước", "Dân Lực", "Đông Sơn", "Yên Định"]
