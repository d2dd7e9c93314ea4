"""Everything inside the screen: a dialog larger than the screen shrinks into it, and on a narrow window the
toolbar keeps Sign and Print in view."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from dtdesktop.gui.screen import fit_to_screen


def _inside(widget) -> bool:
    area = widget.screen().availableGeometry()
    return area.contains(widget.frameGeometry())


def test_a_dialog_larger_than_the_screen_is_shown_inside_it(window, qtbot):
    area = window.screen().availableGeometry()
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.resize(area.width() * 2, area.height() * 2)
    dialog.move(area.right() + 500, area.bottom() + 500)
    dialog.show()  # fitted as it is shown, like every window of the application
    qtbot.waitExposed(dialog)
    assert _inside(dialog) and dialog.width() <= area.width()
    box = QMessageBox(QMessageBox.Icon.Information, "x", "Một câu khá dài. " * 40, parent=window)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitUntil(lambda: _inside(box), timeout=2000)
    box.close()


def test_fit_to_screen_moves_a_window_back_into_view(window):
    window.showNormal()
    area = window.screen().availableGeometry()
    window.resize(area.width() // 2, area.height() // 2)
    window.move(area.left() - 3000, area.top() - 3000)
    fit_to_screen(window)
    assert _inside(window)


def test_a_narrow_window_keeps_sign_and_print_in_view(window, qtbot, filled):
    window.open_assessment(filled)
    window.showNormal()
    window.resize(640, 500)
    qtbot.wait(50)
    toolbar = window.toolbar
    for action in (window.act_sign, window.act_print):
        button = toolbar.widgetForAction(action)
        assert button is not None and button.isVisible()
        inside = toolbar.rect().contains(button.geometry())
        assert inside, "Sign and Print must not fall behind the overflow arrow"
    window.resize(1600, 800)
    qtbot.wait(50)
    from PySide6.QtCore import Qt

    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon  # text when there is room


def test_the_indicator_panel_never_needs_to_scroll_sideways(window, filled):
    """On a 1366×768 screen at 150%, the right column is about 560 logical pixels: every indicator's panel
    (its choice list, its evidence buttons) fits in it."""
    window.open_assessment(filled)
    panel = window.editor.panel
    for ind in window.session.catalog.indicators:
        panel.show_indicator(ind.code)
        assert panel.minimumSizeHint().width() <= 420, ind.code
