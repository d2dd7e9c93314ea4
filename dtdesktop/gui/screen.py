"""Windows and dialogs inside the screen's available area (a 1366×768 laptop at 150% leaves about 900×480
logical pixels, less the taskbar): never larger than it, never off it.

`ScreenFitter`, installed on the application, does it for every top-level window as it is shown — the sign
dialog, the print preview, the first-start wizard, message boxes — so that no dialog can forget to."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

MARGIN = 8  # logical pixels kept free around a window's frame


def fit_to_screen(widget: QWidget) -> None:
    """Shrink *widget* to the available area of its screen if it is larger, and move its frame inside."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None or widget.isFullScreen():
        return
    area = screen.availableGeometry().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    frame = widget.frameGeometry()
    extra_w, extra_h = frame.width() - widget.width(), frame.height() - widget.height()  # the decorations
    width = min(widget.width(), area.width() - extra_w)
    height = min(widget.height(), area.height() - extra_h)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(max(width, 100), max(height, 100))
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() - frame.width() + 1)
    y = min(max(frame.y(), area.top()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        widget.move(x, y)


class _WholeScroll(QScrollArea):
    """A scroll area that asks for room to show its whole content (the dialog opens full size where the
    screen allows) and can still be made small (it scrolls then)."""

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        hint = inner.sizeHint()
        return QSize(hint.width() + self.verticalScrollBar().sizeHint().width(), hint.height())


def scroll_above_buttons(layout: QBoxLayout, buttons: int = 1) -> QScrollArea:
    """Put everything in *layout* but its last *buttons* items (a row of buttons) in a scroll area: on a
    small or scaled screen the content scrolls and the buttons stay in view."""
    inner = QWidget()
    inner_layout = QVBoxLayout(inner)
    inner_layout.setContentsMargins(0, 0, 0, 0)
    while layout.count() > buttons:
        item = layout.takeAt(0)
        if item.widget() is not None:
            inner_layout.addWidget(item.widget())
        elif item.layout() is not None:
            inner_layout.addLayout(item.layout())
        else:
            inner_layout.addItem(item)
    scroll = _WholeScroll()
    scroll.setObjectName("bodyScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(inner)
    layout.insertWidget(0, scroll, 1)
    return scroll


class ScreenFitter(QObject):
    """Fits every top-level window into the screen when it is shown."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            fit_to_screen(obj)
            # Some windows (message boxes) size themselves as they are shown, after this: again, then.
            QTimer.singleShot(0, lambda w=obj: _fit_if_alive(w))
        return False


def _fit_if_alive(widget: QWidget) -> None:
    with contextlib.suppress(RuntimeError):  # closed and deleted meanwhile: nothing to fit
        if widget.isVisible():
            fit_to_screen(widget)


_FITTER: ScreenFitter | None = None


def install(app: QApplication) -> None:
    global _FITTER
    if _FITTER is None:
        _FITTER = ScreenFitter(app)
        app.installEventFilter(_FITTER)


def make_primary(dialog: QWidget, button: QPushButton) -> None:
    """Enter presses *button* and no other. Called once the dialog's layout holds its buttons: a button
    made default before it is inside its dialog is not known to the dialog, which then takes the first
    button it finds (a Close beside Sign would close the dialog and lose what was typed)."""
    for other in dialog.findChildren(QPushButton):
        other.setAutoDefault(other is button)
        other.setDefault(other is button)
