"""A commune installs its province's criteria set from the window: by the menu or by dropping the decision
on the window; what it is, who signed it and whether that signer is trusted shown first; a refusal says why
and installs nothing; the new set is then offered first for a new assessment."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from dtdesktop.publication.install import installed_catalogs
from dtdesktop.review import trust
from tests.conftest import PASSPHRASE
from tests.gui.test_editor import on_next_dialog


@pytest.fixture
def province(tmp_path):
    """The province's chair, and its signed decision issuing a Thanh Hóa set of 2026."""
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.publication.publish import PublishOptions, publish
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.signing.pkcs12_file import Pkcs12Key
    from dtdesktop.units import find

    chair = pkcs12_file.create_for_unit("Đỗ Minh Tuấn", "Chủ tịch UBND tỉnh", find("38"))
    key = pkcs12_file.save_new(tmp_path / "tinh.p12", chair, PASSPHRASE)
    base = resolve("thanh-hoa-xa-2025")
    from dtdesktop.catalogs import load_text
    from dtdesktop.catalogs.registry import catalog_dir

    text = (
        (catalog_dir() / "thanh-hoa-xa-2025.yaml")
        .read_text("utf-8")
        .replace(f'version: "{base.version}"', 'version: "2026.1"', 1)
    )
    catalog = load_text(text, "thanh-hoa-2026.yaml")
    assert catalog.sha256 != base.sha256  # a new version of the shipped set
    out = tmp_path / "qd-tieu-chi.pdf"
    publish(catalog, Pkcs12Key(key, PASSPHRASE), out, PublishOptions(number="125/QĐ-UBND"))
    return chair, catalog, out


def _drop(window, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_a_dropped_decision_is_shown_then_installed_and_offered_first(qtbot, window, store, province):
    chair, catalog, pdf = province
    trust.register(store, chair.certificate, ["38"])
    seen: list[str] = []

    def accept(dialog) -> None:
        seen.append(dialog.text.text())
        dialog.install_button.click()

    on_next_dialog(qtbot, accept)
    _drop(window, pdf)
    qtbot.waitUntil(lambda: [c.sha256 for c in installed_catalogs(store)] == [catalog.sha256], timeout=15000)
    assert "125/QĐ-UBND" in seen[0] and "Đỗ Minh Tuấn" in seen[0] and "2026.1" in seen[0]
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=5000)
    offered: dict[str, object] = {}

    def look(dialog) -> None:
        offered["first"] = dialog.catalogs[0]
        dialog.reject()

    on_next_dialog(qtbot, look)
    window.list_page.ui.newButton.click()
    qtbot.waitUntil(lambda: "first" in offered, timeout=5000)
    assert offered["first"].sha256 == catalog.sha256


def test_an_untrusted_or_altered_decision_is_refused_with_its_reason(
    qtbot, window, store, province, tmp_path
):
    _chair, _catalog, pdf = province
    said: list[str] = []

    def read(box) -> None:
        said.append(box.text())
        box.done(0)

    on_next_dialog(qtbot, read)
    window.install_criteria(pdf)  # the province's certificate was never trusted here
    qtbot.waitUntil(lambda: bool(said), timeout=15000)
    assert "Đỗ Minh Tuấn" in said[0] and installed_catalogs(store) == []
    altered = tmp_path / "sua.pdf"
    data = bytearray(pdf.read_bytes())
    at = data.index(b"/Annots") if b"/Annots" in data else len(data) // 3
    data[at + 1] ^= 0x20
    altered.write_bytes(bytes(data))
    trust.register(store, _chair.certificate, ["38"])
    on_next_dialog(qtbot, read)
    window.install_criteria(altered)
    qtbot.waitUntil(lambda: len(said) == 2, timeout=15000)
    assert installed_catalogs(store) == [] and said[1]


def test_the_menu_offers_to_install_a_criteria_set(window):
    assert window.act_criteria in window.menu_file.actions() and window.act_criteria.text()
