"""Regenerates docs/screenshots/: the main screens in Vietnamese and in English, at 1366×768.

Run: .venv/bin/python scripts/screenshots.py [--scale 1.5]   (offscreen; works without a display)
The offscreen screen is a 1366×768 laptop's; with --scale the set goes to docs/screenshots/scale-150/
(QT_SCALE_FACTOR, as Windows' 150% display setting).
Everything is made in a temporary data folder: a sample Thanh Hoá assessment of Xã Hoằng Hoá, last
year's carried over as this year's draft, an officer's identity, a signed submission file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "mat-khau-minh-hoa"
SCREEN = (1366, 768)  # the laptop's screen, in device pixels
SCALE = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
OUT = ROOT / "docs" / "screenshots" / (f"scale-{round(SCALE * 100)}" if SCALE != 1.0 else "")
SIZE = (round(SCREEN[0] / SCALE), round(SCREEN[1] / SCALE))  # the whole screen, in logical pixels


def _offscreen_laptop() -> None:
    """An offscreen screen of 1366×768, so that windows are fitted to what a commune's laptop has."""
    config = Path(tempfile.mkdtemp(prefix="dtdesktop-screen-")) / "screen.json"
    w, h = SCREEN
    screen = {"name": "laptop", "x": 0, "y": 0, "width": w, "height": h, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={config}")
    if SCALE != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(SCALE)


_offscreen_laptop()


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="dtdesktop-screens-"))
    os.environ["DTDESKTOP_HOME"] = str(home)
    os.environ["DTDESKTOP_ACTOR"] = "Nguyễn Thị Hà"
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from dtdesktop import profile as profiles
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.cli.demo_cmd import fill
    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.first_start import FirstStart
    from dtdesktop.gui.icons import icon
    from dtdesktop.gui.main_window import MainWindow
    from dtdesktop.gui.sending.print_preview import PrintPreview
    from dtdesktop.gui.sending.sign_dialog import DONE, SignDialog
    from dtdesktop.gui.style import apply_style
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store, assessments, database_url
    from dtdesktop.units import find

    unit = find("15865")
    identity_path = home / "nguyen-thi-ha.p12"
    pkcs12_file.save_new(
        identity_path, pkcs12_file.create_for_unit("Nguyễn Thị Hà", "Chủ tịch UBND xã", unit), PASSPHRASE
    )
    profile = profiles.Profile(
        unit.ref,
        "Nguyễn Thị Hà",
        "Chủ tịch UBND xã",
        profiles.SigningIdentity("pkcs12", str(identity_path), subject="Nguyễn Thị Hà"),
    )
    profiles.save(profile)
    store = Store(database_url(None))
    catalog = resolve("thanh-hoa-xa-2025")
    first = assessments.create(store, catalog, unit, 2025)
    fill(store, first, catalog, 2025)
    second = assessments.duplicate(store, first, 2026)

    app = create_application()
    apply_style(app)
    app.setWindowIcon(icon("app"))
    OUT.mkdir(parents=True, exist_ok=True)

    def settle(window=None) -> None:
        for _ in range(3):
            if window is not None:
                window.worker.wait()
            app.processEvents()

    def save(widget, name: str, lang: str) -> None:
        settle()
        widget.grab().save(str(OUT / f"{lang}-{name}.png"))

    for lang in ("vi", "en"):
        switch_language(lang)
        wizard = FirstStart(profiles.Profile(language=lang))
        wizard.resize(820, 600)
        wizard.show()
        province = wizard.unit_page.ui.provinceCombo
        province.setCurrentIndex(province.findData(unit.province_code))
        wizard.unit_page.ui.searchEdit.setText("hoang hoa")
        save(wizard, "1-first-start", lang)
        wizard.close()

        window = MainWindow(store, profile.with_changes(language=lang))
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(window)
        window.list_page.select(second)
        save(window, "2-assessments", lang)

        window.open_assessment(first)
        window.editor.tree.select("CQS.04")
        settle(window)
        window.editor.chart.redraw()
        save(window, "3-assessment", lang)

        window.open_assessment(second)
        window.editor.tree.select("CQS.02")
        settle(window)
        window.editor.chart.redraw()
        save(window, "4-carried-over", lang)

        window.open_assessment(first)
        dialog = SignDialog(window.session, window.profile, window)
        dialog.ui.outputEdit.setText(str(home / f"bao-cao-{lang}.pdf"))
        dialog.ui.numberEdit.setText("15/BC-UBND")
        dialog.show()
        save(dialog, "5-check-and-sign", lang)
        dialog.ui.secretEdit.setText(PASSPHRASE)
        dialog.ui.signButton.click()
        while dialog.ui.pages.currentIndex() != DONE:
            settle(window)
            if dialog.ui.errorLabel.text():
                raise SystemExit(dialog.ui.errorLabel.text())
        save(dialog, "6-signed", lang)
        dialog.close()

        preview = PrintPreview(dialog.result.path, window)
        preview.resize(900, 760)
        preview.show()
        deadline = time.monotonic() + 3  # QPdfView renders its pages in the background
        while time.monotonic() < deadline:
            settle(window)
            time.sleep(0.05)
        save(preview, "7-print-preview", lang)
        preview.close()
        window.close()
        QApplication.processEvents()
    decision_screens(home, profile, settle, save)
    store.close()
    print(f"Screenshots written to {OUT}")


def decision_screens(home: Path, profile, settle, save) -> None:
    """8: the reviewer's decision shown before it is applied; 9: the assessment with the returned criteria.
    A store of its own: a filled assessment sent once, returned by a reviewer with two comments."""
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.cli.demo_cmd import fill
    from dtdesktop.decisions.export import export_decision
    from dtdesktop.decisions.receive import apply_decision, read_decision
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.gui.app import switch_language
    from dtdesktop.gui.decision_dialog import DecisionDialog
    from dtdesktop.gui.main_window import MainWindow
    from dtdesktop.review import reviewing, trust
    from dtdesktop.review.importing import import_files
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store, assessments
    from dtdesktop.units import find

    commune = Store(f"sqlite:///{home / 'xa.sqlite3'}")
    reviewer = Store(f"sqlite:///{home / 'so-khcn.sqlite3'}")
    catalog = resolve("thanh-hoa-xa-2025")
    aid = assessments.create(commune, catalog, find("15865"), 2025)
    fill(commune, aid, catalog, 2025)
    officer = pkcs12_file.Pkcs12Key(Path(profile.identity.path), PASSPHRASE)
    sent = export_submission(commune, aid, officer, home / "nop-lan-1.pdf")
    trust.register(reviewer, pkcs12_file.load(Path(profile.identity.path), PASSPHRASE).certificate, ["15865"])
    sid = import_files(reviewer, [sent.path]).results[0].submission_id
    comments = {
        "CQS.01": "Chưa có quyết định thành lập Ban Chỉ đạo chuyển đổi số; đề nghị bổ sung bản chụp.",
        "KTS.02": "Số doanh nghiệp chuyển đổi số chưa khớp với báo cáo quý IV năm 2025.",
    }
    reviewing.review(reviewer, sid, "return", comments.items(), "Đề nghị rà soát, bổ sung minh chứng.")
    who = pkcs12_file.create("Lê Văn Bình", "Phó Giám đốc", "38", "Sở Khoa học và Công nghệ", "Thanh Hoá")
    key_path = pkcs12_file.save_new(home / "le-van-binh.p12", who, PASSPHRASE)
    trust.add_roots(commune, [who.certificate])
    decision = home / "ket-qua-tham-dinh.pdf"
    export_decision(reviewer, sid, pkcs12_file.Pkcs12Key(key_path, PASSPHRASE), decision)
    received = read_decision(decision, commune)
    apply_decision(commune, received)
    for lang in ("vi", "en"):
        switch_language(lang)
        window = MainWindow(commune, profile.with_changes(language=lang))
        window.resize(*SIZE)
        window.show()
        window.start()
        settle(window)
        dialog = DecisionDialog(received, window)
        dialog.show()
        save(dialog, "8-decision", lang)
        dialog.close()
        window.open_assessment(aid)
        window.editor.tree.set_filter("returned")
        window.editor.go_to("CQS.01")
        settle(window)
        window.editor.chart.redraw()
        save(window, "9-returned", lang)
        window.close()
    commune.close()
    reviewer.close()


if __name__ == "__main__":
    main()
