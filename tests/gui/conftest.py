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


@pytest.fixture
def profile(identity_file):
    """A complete officer profile (Hoằng Hoá, Thanh Hoá) with a PKCS#12 identity, saved."""
    from dtdesktop import profile as profiles

    p = profiles.Profile(
        "15865",
        "Nguyễn Thị Hà",
        "Chủ tịch UBND xã",
        profiles.SigningIdentity("pkcs12", str(identity_file), subject="Nguyễn Thị Hà"),
    )
    profiles.save(p)
    return p


@pytest.fixture
def window(qtbot, store, profile):
    """The main window on the test's store, started (no first-start questions: the profile is complete)."""
    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.main_window import MainWindow
    from dtdesktop.gui.style import apply_style

    apply_style(create_application())
    switch_language("vi")
    w = MainWindow(store, profile)
    qtbot.addWidget(w)
    w.show()
    assert w.start()
    yield w
    w.close()
    switch_language("vi")
