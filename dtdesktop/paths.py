"""Where things are: the shipped resources (checkout, installed or frozen) and the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "dtdesktop"


def _resource_roots() -> list[Path]:
    roots: list[Path] = []
    if getattr(sys, "frozen", False):
        roots.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)))
    roots.append(Path(__file__).resolve().parent.parent)
    roots.append(Path(sys.prefix) / "share" / APP_NAME)
    return roots


def resource_dir(name: str) -> Path:
    """The shipped top-level folder *name* (`assessments`, `translations`, …) wherever it was installed."""
    for root in _resource_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    return _resource_roots()[0] / name


def user_data_dir() -> Path:
    """The user's data folder (env `DTDESKTOP_HOME` overrides it), created on first use."""
    override = os.environ.get("DTDESKTOP_HOME")
    path = Path(override) if override else platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "dtdesktop.sqlite3"
