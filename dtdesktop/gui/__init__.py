"""The window (PySide6): the only part of dtdesktop that imports Qt."""
