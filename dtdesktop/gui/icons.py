"""The icons shipped in resources/icons (Lucide, ISC; the application's own icon), loaded once each."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from dtdesktop.paths import resource_dir


@cache
def icon(name: str) -> QIcon:
    """resources/icons/<name>.svg as a QIcon; an empty icon if it is missing (never an error)."""
    path = resource_dir("resources") / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def status_icon(mark: str) -> QIcon:
    """The tree's mark for an indicator: met, not_met, missing, answered, to_check, returned."""
    return icon("status-" + mark.replace("_", "-"))
