# ruff: noqa: B023 - each closure given to until() is called at once, in the same turn of the loop
"""Works through a province's inbox in the reviewer's window, as a reviewer would, and writes the screens
to docs/screenshots/ (reviewer-vi-*.png, reviewer-en-*.png) at 1366×768.

Run: .venv/bin/python scripts/reviewer-screenshots.py [--scale 1.5] [--screen] [--count 40]
--screen: on the display in $DISPLAY (for instance Xvfb with a window manager) instead of offscreen, and
the whole screen saved beside each window (reviewer-*-screen.png) with xwd when present.
The flow: trust the province's CA; import the first files (good, broken and forged among them); open one,
return it with a comment on a criterion, sign and save the decision file; approve one from the keyboard and
approve the clean ones in bulk; import the corrected files; see what changed; the area's dashboard, its
report exported and printed to a PDF; the trusted certificates and the criteria sets. Then the same screens
in English.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "mat-khau-minh-hoa"
SCREEN = (1366, 768)
SCALE = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
COUNT = int(sys.argv[sys.argv.index("--count") + 1]) if "--count" in sys.argv else 40
ON_SCREEN = "--screen" in sys.argv
OUT = ROOT / "docs" / "screenshots" / (f"scale-{round(SCALE * 100)}" if SCALE != 1.0 else "")
SIZE = (round(SCREEN[0] / SCALE), round(SCREEN[1] / SCALE))


def _laptop() -> None:
    if SCALE != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(SCALE)
    if ON_SCREEN:
        return
    config = Path(tempfile.mkdtemp(prefix="dtdesktop-screen-")) / "screen.json"
    w, h = SCREEN
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": w, "height": h}]}))
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={config}")


_laptop()


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="dtdesktop-reviewer-"))
    os.environ["DTDESKTOP_HOME"] = str(home)
    os.environ["DTDESKTOP_ACTOR"] = "Lê Văn Bình"
    sys.path.insert(0, str(ROOT))
    inbox_dir = home / "hop-thu"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "sample-inbox.py"),
            "--count",
            str(COUNT),
            "--out",
            str(inbox_dir),
        ],
        check=True,
    )

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from dtdesktop import profile as profiles
    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.icons import icon
    from dtdesktop.gui.reviewer.window import ReviewerWindow
    from dtdesktop.gui.style import apply_style
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store, database_url
    from dtdesktop.units import find

    identity = home / "le-van-binh.p12"
    pkcs12_file.save_new(
        identity,
        pkcs12_file.create("Lê Văn Bình", "Chuyên viên Sở Khoa học và Công nghệ", "38",
                           "Sở Khoa học và Công nghệ", find("38").name),
        PASSPHRASE,
    )  # fmt: skip
    profile = profiles.Profile(
        officer_name="Lê Văn Bình",
        officer_title="Chuyên viên Sở Khoa học và Công nghệ",
        identity=profiles.SigningIdentity("pkcs12", str(identity), subject="Lê Văn Bình"),
        role="reviewer",
        reviewer_unit="38",
        last_folder=str(home),
    )
    profiles.save(profile)
    store = Store(database_url(None))
    app = create_application()
    apply_style(app)
    app.setWindowIcon(icon("app"))
    OUT.mkdir(parents=True, exist_ok=True)
    said: list[str] = []

    def settle(seconds: float = 0.0) -> None:
        end = time.monotonic() + seconds
        while True:
            window.worker.wait()
            app.processEvents()
            if time.monotonic() >= end:
                break
            time.sleep(0.03)

    def until(predicate, what: str, timeout: float = 120) -> None:
        end = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > end:
                raise SystemExit(f"timed out waiting for {what}; the window said: {said[-3:]}")
            settle(0.05)

    def shot(widget, name: str) -> None:
        settle(0.3)
        path = OUT / f"reviewer-{lang}-{name}.png"
        widget.grab().save(str(path))
        if ON_SCREEN and os.environ.get("DISPLAY"):
            screen = OUT / f"reviewer-{lang}-{name}-screen.xwd"
            if subprocess.run(["xwd", "-root", "-silent", "-out", str(screen)], check=False).returncode == 0:
                subprocess.run(["convert", str(screen), str(screen.with_suffix(".png"))], check=False)
                screen.unlink(missing_ok=True)
        print("  ", path.name, "|", said[-1] if said else "")

    for lang in ("vi", "en"):
        switch_language(lang)
        window = ReviewerWindow(store, profile.with_changes(language=lang))
        window.tell = lambda sentence, level="info", w=window: (
            said.append(sentence),
            w.notice.tell(sentence, level),
        )
        window.ctx.tell = window.tell
        window.resize(*SIZE)
        window.showMaximized() if ON_SCREEN else window.show()
        window.start()
        settle(0.5)
        inbox, submission, area = (window.page(k) for k in ("inbox", "submission", "area"))
        trust_page = window.page("trust")
        if lang == "vi":
            window.show_page("trust")
            trust_page.add_root(inbox_dir / "ca.pem")
            until(lambda: trust_page.table.model().rowCount() > 0, "the root in the trust list")
            window.show_page("inbox")
            inbox.import_paths([inbox_dir / "dot-1"])
            until(lambda: not inbox.importing and inbox.report is not None, "the first import")
        window.show_page("inbox")
        inbox.refresh()
        settle(0.5)
        shot(window, "1-inbox")
        waiting = [r for r in inbox.model.rows() if r.status == "submitted"]
        corrected = {p.name.split("-")[0] for p in (inbox_dir / "dot-2").glob("*.pdf")}
        to_return = [
            r.submission_id for r in waiting if r.unit_code in corrected
        ]  # their communes correct them
        first = to_return[0]
        waiting = [r for r in waiting if r.unit_code not in corrected]
        if lang == "vi":
            inbox.select(first)
            QTest.keyClick(inbox.table, Qt.Key.Key_Return)
        else:
            window.open_submission(first)
        until(lambda: submission.view is not None and submission.view.id == first and not submission.busy,
              "the submission")  # fmt: skip
        shot(window, "2-submission")
        for n, name in ((1, "3-score"), (2, "4-signer")):
            submission.tabs.setCurrentIndex(n)
            shot(window, name)
        submission.tabs.setCurrentIndex(0)
        if lang == "vi":  # return it with a comment on a criterion, then sign the decision
            tree = submission.answers.tree
            item = tree.topLevelItem(0).child(1)
            tree.setCurrentItem(item)
            submission.answers.comment.setPlainText("Bổ sung quyết định kiện toàn Ban chỉ đạo năm 2025.")
            settle(0.2)
            shot(window, "5-return")
            submission.return_submission("Đề nghị xã bổ sung minh chứng và gửi lại.")
            until(lambda: not submission.busy and submission.view.steps, "the return")
            dialog = submission.sign_decision()
            dialog.secretEdit.setText(PASSPHRASE)
            shot(dialog, "6-decision")
            dialog.sign()
            until(lambda: getattr(dialog, "result_", None) is not None, "the signed decision")
            shot(window, "7-decision-signed")  # the message bar says where the file went
            for other in to_return[1:]:  # the other communes that will send corrected files
                window.open_submission(other)
                until(lambda: submission.view and submission.view.id == other and not submission.busy, "it")
                tree = submission.answers.tree
                tree.setCurrentItem(tree.topLevelItem(1).child(0))
                submission.answers.comment.setPlainText(
                    "Số liệu chưa khớp với báo cáo thống kê; đề nghị rà soát lại."
                )
                submission.return_submission(None)
                until(lambda: not submission.busy and submission.view.steps, "the return")
            window.show_page("inbox")
            settle(0.3)
            inbox.select(waiting[1].submission_id)
            QTest.keyClick(inbox.table, Qt.Key.Key_A)  # approve from the keyboard
            until(lambda: inbox.model.find(waiting[1].submission_id) is None
                  or inbox.model.rows()[inbox.model.find(waiting[1].submission_id)].status == "approved",
                  "the approval")  # fmt: skip
            inbox.status_combo.setCurrentIndex(inbox.status_combo.findData(None))
            inbox.table.selectAll()  # then "Approve" in the question that follows
            QTimer.singleShot(300, lambda: QApplication.activeModalWidget().defaultButton().click())
            inbox.approve_selected_clean()
            until(lambda: "approve" in " ".join(said[-2:]).lower() or "duyệt" in " ".join(said[-2:]), "bulk")
            shot(window, "8-bulk-approved")
            inbox.import_paths([inbox_dir / "dot-2"])
            until(lambda: not inbox.importing, "the corrected files")
            shot(window, "9-corrected-imported")
        window.open_submission(first)
        until(lambda: submission.view is not None and not submission.busy, "the corrected submission")
        submission.tabs.setCurrentIndex(3)
        shot(window, "10-revisions")
        window.show_page("area")
        area.refresh()
        until(lambda: area.summary is not None, "the area's summary")
        shot(window, "11-area")
        report = home / f"tong-hop-{lang}.pdf"
        area.export_to(report)
        until(lambda: report.exists(), "the area's report")
        window.show_page("trust")
        shot(window, "12-trust")
        window.show_page("criteria")
        shot(window, "13-criteria")
        window.close()
        QApplication.processEvents()
    store.close()
    print(f"Screens written to {OUT}; the area's report: {home}/tong-hop-vi.pdf")


if __name__ == "__main__":
    main()
