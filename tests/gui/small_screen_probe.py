"""Run in a process of its own on a 1366×768 offscreen screen at the scale given (see test_small_screen):
opens each window and dialog and prints, as JSON, whether each one's frame lies inside the screen's
available area."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

PASSPHRASE = "mat-khau-kiem-thu"


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="dtdesktop-small-"))
    os.environ["DTDESKTOP_HOME"] = str(home)
    from dtdesktop import profile as profiles
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.cli.demo_cmd import fill
    from dtdesktop.exchange.export import write_report
    from dtdesktop.gui.app import create_application
    from dtdesktop.gui.editor.evidence import CitationDialog
    from dtdesktop.gui.first_start import FirstStart
    from dtdesktop.gui.guide import GuideWindow
    from dtdesktop.gui.main_window import MainWindow
    from dtdesktop.gui.new_assessment import NewAssessment
    from dtdesktop.gui.sending.print_preview import PrintPreview
    from dtdesktop.gui.sending.sign_dialog import SignDialog
    from dtdesktop.gui.style import apply_style
    from dtdesktop.gui.tools import HistoryDialog
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store, assessments, database_url
    from dtdesktop.storage.history import history
    from dtdesktop.units import find

    unit = find("15865")
    identity = pkcs12_file.create_for_unit("Nguyễn Thị Hà", "Chủ tịch UBND xã", unit)
    p12 = pkcs12_file.save_new(home / "ha.p12", identity, PASSPHRASE)
    signing = profiles.SigningIdentity("pkcs12", str(p12))
    profile = profiles.Profile(unit.ref, "Nguyễn Thị Hà", "Chủ tịch UBND xã", signing)
    profiles.save(profile)
    store = Store(database_url(None))
    catalog = resolve("thanh-hoa-xa-2025")
    aid = assessments.create(store, catalog, unit, 2025)
    fill(store, aid, catalog, 2025)
    app = create_application()
    apply_style(app)
    # One logical pixel of tolerance: 1366 device pixels are 1092.8 logical ones at 125%, rounded either way.
    area = app.primaryScreen().availableGeometry().adjusted(-1, -1, 1, 1)
    out: dict[str, bool] = {}

    def check(name: str, widget) -> None:
        widget.show()
        for _ in range(5):
            app.processEvents()
        out[name] = area.contains(widget.frameGeometry())
        widget.close()

    window = MainWindow(store, profile)
    window.showMaximized()
    window.start()
    window.open_assessment(aid)
    for _ in range(5):
        app.processEvents()
    out["main window"] = area.contains(window.frameGeometry()) and window.statusBar().isVisible()
    check("first start", FirstStart(profile, window))
    check("new assessment", NewAssessment(unit, window))
    sign = SignDialog(window.session, profile, window)
    sign.show()
    for _ in range(5):
        app.processEvents()
    button = sign.ui.signButton
    top_left = button.mapToGlobal(button.rect().topLeft())
    bottom_right = button.mapToGlobal(button.rect().bottomRight())
    out["sign button in view"] = (
        button.isVisible() and area.contains(top_left) and area.contains(bottom_right)
    )
    check("sign", sign)
    check("citation", CitationDialog(window))
    rows = history(assessments.audit_log(store, aid), assessments.get(store, aid).catalog, "vi")
    check("history", HistoryDialog(rows, window))
    check("user guide", GuideWindow(window))
    check("print preview", PrintPreview(write_report(store, aid, home / "xem.pdf"), window))
    window.close()
    reviewer_screens(store, p12, area, out, check)
    print(json.dumps(out))


def reviewer_screens(store, p12: Path, area, out: dict[str, bool], check) -> None:
    """The reviewer's window on each of its pages, its first questions and the publishing dialog."""
    from PySide6.QtWidgets import QApplication

    from dtdesktop import profile as profiles
    from dtdesktop.gui.reviewer.publish_dialog import PublishDialog
    from dtdesktop.gui.reviewer.setup import ReviewerSetup
    from dtdesktop.gui.reviewer.window import ReviewerWindow
    from dtdesktop.gui.role import RoleDialog

    signing = profiles.SigningIdentity("pkcs12", str(p12))
    profile = profiles.Profile(
        officer_name="Lê Văn Bình",
        officer_title="Chuyên viên Sở Khoa học và Công nghệ",
        identity=signing,
        role="reviewer",
        reviewer_unit="38",
    )
    window = ReviewerWindow(store, profile)
    window.showMaximized()
    window.start()
    for key in window.pages:
        window.show_page(key)
        for _ in range(5):
            QApplication.processEvents()
        window.worker.wait()
        out[f"reviewer: {key}"] = area.contains(window.frameGeometry()) and window.statusBar().isVisible()
    check("reviewer: who uses it", RoleDialog(window))
    check("reviewer: first start", ReviewerSetup(profile, window))
    check("reviewer: publish", PublishDialog(window.ctx, None, window))
    window.close()


if __name__ == "__main__":
    sys.exit(main())
