"""The user guide: opened from Help (F1) in the window's language, following it; every shortcut it names is
one of the window's; shipped as NFC documents with the installer's resources."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence

from dtdesktop.paths import resource_dir

ROOT = Path(__file__).resolve().parents[2]
ARROWS = {"↓": "Down", "↑": "Up", "←": "Left", "→": "Right"}


def guide_text(lang: str) -> str:
    return (resource_dir("resources") / "guide" / f"{lang}.html").read_text("utf-8")


def named_shortcuts(text: str) -> list[str]:
    """The keys the guide names (each in a <kbd>), as Qt writes them."""
    names = []
    for key in re.findall(r"<kbd>(.*?)</kbd>", text):
        for arrow, name in ARROWS.items():
            key = key.replace(arrow, name)
        names.append(QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText))
    return names


def test_help_opens_the_guide_in_the_current_language_and_follows_it(qtbot, window):
    from dtdesktop.gui.app import switch_language
    from dtdesktop.gui.guide import GuideWindow

    assert window.act_guide in window.menu_help.actions()
    assert QKeySequence("F1") in window.act_guide.shortcuts()
    window.act_guide.trigger()
    guide = window.findChild(GuideWindow)
    assert guide is not None and guide.isVisible()
    assert guide.browser.documentTitle() == "Hướng dẫn sử dụng dtdesktop"
    assert "Chữ ký số" in guide.browser.toPlainText()
    switch_language("en")
    qtbot.waitUntil(lambda: guide.browser.documentTitle() == "dtdesktop user guide", timeout=5000)
    assert "When something goes wrong" in guide.browser.toPlainText()
    window.act_guide.trigger()  # again: the same window, brought forward
    assert window.findChildren(GuideWindow) == [guide]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_shortcut_the_guide_names_is_one_of_the_windows(qtbot, window, filled, lang):
    window.open_assessment(filled)  # undo and redo exist while an assessment is open
    qtbot.waitUntil(lambda: window.session is not None, timeout=10000)
    window.worker.wait()
    own = {
        key.toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.findChildren(QAction)
        for key in action.shortcuts()
    }
    named = named_shortcuts(guide_text(lang))
    assert len(named) >= 15 and "F1" in named and "Ctrl+Shift+S" in named
    assert [key for key in named if key not in own] == []


def test_the_guides_are_nfc_alike_and_shipped():
    vi, en = guide_text("vi"), guide_text("en")
    for text in (vi, en):
        assert unicodedata.is_normalized("NFC", text)
    assert named_shortcuts(vi) == named_shortcuts(en)  # the two say the same
    assert re.findall(r"<h2>", vi) == re.findall(r"<h2>", en)
    spec = (ROOT / "build_installer.spec").read_text("utf-8")
    assert 'tree("resources", None)' in spec  # every file under resources/, the guide included
