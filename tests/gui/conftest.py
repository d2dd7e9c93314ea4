"""The window's tests: real widgets, offscreen (QT_QPA_PLATFORM is set in tests/conftest.py)."""

from __future__ import annotations

import os

import pytest

try:
    from PySide6 import QtWidgets  # noqa: F401 - fails without the system libraries Qt needs
except ImportError as exc:  # pragma: no cover - depends on the machine
    if os.environ.get("DTDESKTOP_REQUIRE_TOOLS"):
        raise
    pytest.skip(f"Qt cannot load here ({exc})", allow_module_level=True)
