"""Keys a focused field shares with the window: who wins when both want the same key.

A combo box with the keyboard opens on Alt+↓ (elsewhere Alt+↓ is the next indicator). In a text field the
window's keys win over the field's own editing keys: Ctrl+Z undoes the answer as the toolbar does (the
field's own undo would change the text while the saved answer stayed as it was), and a shortcut of the
window such as Ctrl+K works there too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

REDO_KEYS = ("Ctrl+Y", "Ctrl+Shift+Z")


def undo_keys() -> list[QKeySequence]:
    return QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)


def redo_keys() -> list[QKeySequence]:
    return [QKeySequence(k) for k in REDO_KEYS]


def _sequence(event: QKeyEvent) -> QKeySequence:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key())))


def _is_undo_or_redo(event: QKeyEvent) -> bool:
    return _sequence(event) in (*undo_keys(), *redo_keys())


def _window_wants(widget: QWidget, event: QKeyEvent) -> bool:
    """Whether one of the window's actions has this key as its shortcut."""
    pressed = _sequence(event)
    return any(
        pressed in action.shortcuts()
        for action in widget.window().findChildren(QAction)
        if action.isEnabled()
    )


class _WindowKeysFirst(QObject):
    """Installed on a text field: the window's shortcuts before the field's editing keys; the field's own
    undo and redo never run."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            if _is_undo_or_redo(event) or _window_wants(watched, event):  # type: ignore[arg-type]
                event.ignore()  # not the field's: the window's shortcut runs
                return True
        elif event.type() == QEvent.Type.KeyPress and _is_undo_or_redo(event):  # type: ignore[arg-type]
            return True  # nothing to undo in the window: the field does not undo by itself either
        return False


def window_keys_first(*fields: QLineEdit | QPlainTextEdit) -> None:
    """Let the window's undo, redo and shortcuts win in *fields* (each keeps its filter as a child)."""
    for field in fields:
        if isinstance(field, QPlainTextEdit):
            field.setUndoRedoEnabled(False)  # no Undo in its context menu either
        field.installEventFilter(_WindowKeysFirst(field))


class ComboBox(QComboBox):
    """A combo box that opens on Alt+↓ when it has the keyboard, though the window binds Alt+↓."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            key: QKeyEvent = event  # type: ignore[assignment]
            if _sequence(key) == QKeySequence("Alt+Down"):
                event.accept()  # the combo's key: it reaches keyPressEvent, which opens the list
                return True
        return super().event(event)
