"""Widgets that set their texts again when the language changes, without a restart."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Retranslating:
    """Mix into a QWidget subclass and implement `retranslate()`; it runs on every LanguageChange."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
