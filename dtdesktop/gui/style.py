"""The look: Qt's Fusion style, a calm light palette and resources/styles/app.qss.

Sizes in the style sheet are in points and em-like paddings, so the window reads the same at 100%, 125%
and 150% scaling.
"""

from __future__ import annotations

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from dtdesktop.paths import resource_dir

INK = "#1F2933"
ACCENT = "#1F5FAE"


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on (`role`, `invalid`) and let the style see the change;
    nothing happens when the value is already set (a new polish costs a layout)."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#F4F6F8"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#F7F9FB"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Button, QColor("#EEF1F4"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#7B8794"))
    app.setPalette(palette)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    QDir.setSearchPaths("icons", [str(resource_dir("resources") / "icons")])  # url(icons:…) in app.qss
    qss = resource_dir("resources") / "styles" / "app.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text("utf-8"))
