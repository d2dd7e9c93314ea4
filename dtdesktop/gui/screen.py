"""Windows and dialogs inside the screen's available area (a 1366×768 laptop at 150% leaves about 900×480
logical pixels, less the taskbar): never larger than it, never off it.

`ScreenFitter`, installed on the application, does it for every top-level window as it is shown — the sign
dialog, the print preview, the first-start wizard, message boxes — so that no dialog can forget to."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

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


def scroll_if_small(dialog: QWidget, body: QWidget) -> QScrollArea:
    """Put *body* (the dialog's content, in its layout) in a scroll area, so that the dialog can be
    smaller than its content on a small or scaled screen and scroll instead of running off it (tabbing
    to a field scrolls it into view)."""
    layout = dialog.layout()
    index = layout.indexOf(body)
    layout.removeWidget(body)
    scroll = QScrollArea(dialog)
    scroll.setObjectName("bodyScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    layout.insertWidget(index, scroll)  # type: ignore[attr-defined]
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
    try:
        if widget.isVisible():
            fit_to_screen(widget)
    except RuntimeError:  # closed and deleted meanwhile
        pass


_FITTER: ScreenFitter | None = None


def install(app: QApplication) -> None:
    global _FITTER
    if _FITTER is None:
        _FITTER = ScreenFitter(app)
        app.installEventFilter(_FITTER)
