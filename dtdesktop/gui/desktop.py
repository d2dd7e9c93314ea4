"""Handing files to the system: open one in its viewer, show one in its folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices


def open_file(path: Path) -> bool:
    """Open *path* in the program the system uses for it (the PDF viewer for a submission file)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Open the folder holding *path*, with the file selected where the system can do that."""
    if sys.platform == "win32":
        return QProcess.startDetached("explorer.exe", ["/select,", str(path)])
    if sys.platform == "darwin":
        return QProcess.startDetached("open", ["-R", str(path)])
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
