"""Windows and dialogs inside the screen's available area (a 1366×768 laptop at 150% leaves about 900×480
logical pixels): never larger than it, never off it."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 24  # logical pixels kept free around a dialog (its frame and shadow)


def fit_to_screen(widget: QWidget) -> None:
    """Shrink *widget* to the available area of its screen (or the primary one) if it is larger."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    width = min(widget.width(), area.width() - MARGIN)
    height = min(widget.height(), area.height() - MARGIN)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
