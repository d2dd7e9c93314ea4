"""The indicator panel by keyboard alone: Tab follows the page, a focused combo box opens on Alt+↓, Space
types in the note, Ctrl+Z in a field undoes the answer (and what is saved follows), the window's shortcuts
work wherever the keyboard is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from dtdesktop.storage import assessments as A
from dtdesktop.units import find
from tests.gui.driving import settle, type_text
from tests.gui.test_editor import on_next_dialog

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=NO) -> None:
    """A key pressed where the keyboard is, as a person presses it (shortcuts first, then the widget)."""
    qtbot.keyClick(focused(), key, modifier)


@pytest.fixture
def small(window, store, catalog):
    """The small catalog's assessment (every kind of answer) open in the window; its id."""
    aid = A.create(store, catalog, find("15865"), 2025)
    window.open_assessment(aid)
    window.activateWindow()
    return aid


def show(window, code: str):
    window.editor.tree.select(code)
    panel = window.editor.panel
    assert panel.ind.code == code
    return panel


def test_tab_follows_the_page_and_goes_on_to_the_next_indicator(qtbot, window, store, small):
    panel = show(window, "CQS.01")  # a percentage: numerator, denominator
    ui, ratio = panel.ui, panel.input
    panel.focus_input()
    seen = [focused()]
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused())
    # no evidence yet: the empty list and Open / Remove (nothing to open) are passed over
    assert seen[:6] == [
        ratio.numerator,
        ratio.denominator,
        ui.clearButton,
        ui.noteEdit,
        ui.addFileButton,
        ui.citeButton,
    ]
    assert window.editor.tree.current_code() == "CQS.02"  # then the next indicator's answer
    assert seen[6] is window.editor.panel.input.combo
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is window.editor.tree.tree  # back to the criteria list, never the filter
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.editor.panel.input.combo


def test_tab_passes_through_the_evidence_list_when_there_is_evidence(qtbot, window, store, small):
    import datetime as dt

    A.add_citation(store, small, "XHS.03", "12/QĐ-UBND", dt.date(2025, 3, 1), "Thành lập tổ", None)
    window.open_assessment(small)
    panel = show(window, "XHS.03")  # yes / no
    qtbot.waitUntil(lambda: panel.evidence.count() == 1, timeout=10000)
    panel.evidence.setCurrentRow(0)
    panel.focus_input()
    assert focused() is panel.input.yes
    order = []
    for _ in range(8):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(focused())
        if window.editor.tree.current_code() != "XHS.03":
            break
    ui = panel.ui
    assert order[:6] == [
        ui.clearButton,
        ui.noteEdit,
        panel.evidence,
        ui.addFileButton,
        ui.citeButton,
        ui.removeEvidenceButton,  # a citation: nothing to open, something to remove
    ]
    assert window.editor.tree.current_code() == "XHS.04" and focused() is window.editor.panel.input.numerator
    for widget in order:
        assert widget is not window.editor.tree.filter


def test_shift_tab_walks_the_page_backwards(qtbot, window, small):
    panel = show(window, "XHS.01")  # a count
    panel.ui.citeButton.setFocus(Qt.FocusReason.TabFocusReason)
    back = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Backtab)
        back.append(focused())
    assert back == [panel.ui.addFileButton, panel.ui.noteEdit, panel.ui.clearButton, panel.input.edit]


def test_a_carried_over_answer_starts_at_still_holds_and_the_last_indicator_ends_at_the_list(
    qtbot, window, store, small
):
    A.set_answers(store, small, {"XHS.05": "Cáp quang đến mọi thôn"})
    draft = A.duplicate(store, small, 2026)  # every answer marked to check
    window.open_assessment(draft)
    panel = show(window, "XHS.05")  # the last indicator: a text
    assert panel.ui.checkedButton.isVisibleTo(panel)
    panel.focus_input()
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is panel.ui.checkedButton  # above the answer on the page
    panel.ui.citeButton.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is window.editor.tree.tree and window.editor.tree.current_code() == "XHS.05"


def test_space_in_the_note_types_a_space(qtbot, window, store, small):
    panel = show(window, "XHS.01")
    panel.ui.noteEdit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(panel.ui.noteEdit, "Theo so")
    press(qtbot, Qt.Key.Key_Space)
    qtbot.keyClicks(panel.ui.noteEdit, "xa")
    assert panel.ui.noteEdit.toPlainText() == "Theo so xa"
    settle(qtbot, window)
    assert A.get(store, small).answers["XHS.01"].note == "Theo so xa"


def test_alt_down_opens_a_focused_combo_box_and_moves_on_elsewhere(qtbot, window, small):
    panel = show(window, "CQS.02")  # a choice
    combo = panel.input.combo
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert combo.view().isVisible()
    assert window.editor.tree.current_code() == "CQS.02" and window.editor.panel.input is combo.parent()
    combo.hidePopup()
    tree_filter = window.editor.tree.filter
    tree_filter.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert tree_filter.view().isVisible() and window.editor.tree.current_code() == "CQS.02"
    tree_filter.hidePopup()
    panel.ui.noteEdit.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # anywhere else: the next indicator
    assert window.editor.tree.current_code() == "XHS.01"


def test_moving_to_another_indicator_scrolls_its_title_into_view(qtbot, window, small):
    window.showNormal()
    window.resize(900, 420)  # too low for the whole panel: it scrolls
    qtbot.wait(50)
    scroll = window.editor.findChild(QScrollArea)
    assert scroll.widget() is window.editor.panel
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0
    panel = show(window, "CQS.01")
    panel.ui.citeButton.setFocus(Qt.FocusReason.TabFocusReason)
    bar.setValue(bar.maximum())
    window.act_next.trigger()
    qtbot.wait(20)
    title = window.editor.panel.ui.titleLabel
    top = title.mapTo(scroll.viewport(), title.rect().topLeft()).y()
    assert top >= 0 and top + title.height() <= scroll.viewport().height()


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("XHS.03", "boolean"),
        ("CQS.01", "percent"),
        ("XHS.01", "count"),
        ("CQS.02", "choice"),
        ("XHS.05", "text"),
        ("XHS.01", "note"),
    ],
)
def test_ctrl_z_in_a_field_undoes_the_answer_and_the_screen_shows_what_is_saved(
    qtbot, window, store, small, code, kind
):
    panel = show(window, code)
    field = panel.input
    if kind == "boolean":
        field.yes.setFocus(Qt.FocusReason.TabFocusReason)
        press(qtbot, Qt.Key.Key_Space)
        widget = field.yes
    elif kind == "percent":
        qtbot.keyClicks(field.numerator, "45")
        qtbot.keyClicks(field.denominator, "60")
        widget = field.denominator
    elif kind == "count":
        qtbot.keyClicks(field.edit, "12")
        widget = field.edit
    elif kind == "choice":
        field.combo.setFocus(Qt.FocusReason.TabFocusReason)
        press(qtbot, Qt.Key.Key_Down)
        widget = field.combo
    elif kind == "text":
        type_text(field.edit, "Đường truyền yếu")
        widget = field.edit
    else:
        type_text(panel.ui.noteEdit, "Theo sổ họp")
        widget = panel.ui.noteEdit
    assert _shown(panel, kind) != NOTHING[kind]
    window.undo_action.trigger()  # the toolbar's undo and redo: the answer gone and back
    window.redo_action.trigger()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    shown = _shown(panel, kind)
    assert shown == NOTHING[kind]  # undone, as the toolbar's undo does
    settle(qtbot, window)
    window.open_assessment(small)  # what the store holds, shown again
    assert _shown(show(window, code), kind) == shown


NOTHING = {"boolean": "", "percent": ("", ""), "count": "", "choice": None, "text": "", "note": ""}


def _shown(panel, kind: str):
    """What the screen shows of the answer (or the note)."""
    field = panel.input
    if kind == "boolean":
        return "yes" if field.yes.isChecked() else "no" if field.no.isChecked() else ""
    if kind == "percent":
        return (field.numerator.text(), field.denominator.text())
    if kind == "count":
        return field.edit.text()
    if kind == "choice":
        return field.combo.currentData()
    if kind == "text":
        return field.edit.toPlainText()
    return panel.ui.noteEdit.toPlainText()


def test_ctrl_y_in_a_field_redoes_the_answer(qtbot, window, store, small):
    panel = show(window, "XHS.01")
    qtbot.keyClicks(panel.input.edit, "7")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert panel.input.edit.text() == ""
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert panel.input.edit.text() == "7"
    settle(qtbot, window)
    assert A.get(store, small).values["XHS.01"] == 7


def test_the_readme_shortcuts_work_from_a_field(qtbot, window, store, small, monkeypatch):
    from dtdesktop.gui.editor import panel as panel_module

    tree = window.editor.tree
    show(window, "CQS.01")

    def from_the_note(key, modifier=NO) -> None:
        window.activateWindow()  # again after a dialog (offscreen, closing one does not give it back)
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        window.editor.panel.ui.noteEdit.setFocus(Qt.FocusReason.TabFocusReason)
        assert focused() is window.editor.panel.ui.noteEdit
        press(qtbot, key, modifier)

    from_the_note(Qt.Key.Key_PageDown, CTRL)
    assert tree.current_code() == "CQS.02"
    from_the_note(Qt.Key.Key_PageUp, CTRL)
    assert tree.current_code() == "CQS.01"
    from_the_note(Qt.Key.Key_F8)
    assert tree.current_code() == "CQS.02"  # the next one not answered
    from_the_note(Qt.Key.Key_1, CTRL)
    assert focused() is tree.tree
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert window.editor.panel.input.isAncestorOf(focused())
    kept = []
    window.act_checked.triggered.connect(lambda: kept.append(1))
    from_the_note(Qt.Key.Key_K, CTRL)
    assert kept == [1]
    files = []
    monkeypatch.setattr(
        panel_module.QFileDialog, "getOpenFileNames", lambda *a, **k: (files.append(1), ([], ""))[1]
    )
    from_the_note(Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert files == [1]
    opened = []
    on_next_dialog(qtbot, lambda dialog: (opened.append(type(dialog).__name__), dialog.reject()))
    from_the_note(Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert opened == ["SignDialog"]
    on_next_dialog(qtbot, lambda dialog: (opened.append(type(dialog).__name__), dialog.reject()))
    from_the_note(Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30000)
    assert opened[1] == "PrintPreview"
