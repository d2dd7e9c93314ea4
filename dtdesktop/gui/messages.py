"""Telling the officer what went wrong: one sentence from the core, in a dialog the window owns."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from dtdesktop.i18n import _


def show_error(parent: QWidget | None, error: BaseException | str, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or _("This could not be done"), str(error))


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something that cannot be undone; the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go
