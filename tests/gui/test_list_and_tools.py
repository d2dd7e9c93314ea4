"""The list of assessments (duplicate, delete) and what else the window does for an officer: back up,
restore, the certificate for the reviewers, answers from a file, checking a file, the history."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QMessageBox

from dtdesktop.scoring.answers import Ratio
from dtdesktop.storage import assessments as A
from tests.conftest import PASSPHRASE
from tests.gui.test_editor import on_next_dialog


def test_the_list_shows_each_assessment_with_status_revision_and_score(qtbot, window, filled):
    window.refresh_list()
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1, timeout=10000)
    cells = [window.list_page.model.item(0, c).text() for c in range(6)]
    assert cells[0] == "2025" and "Thanh Hóa" in cells[1] and cells[2] == "bản nháp" and cells[3] == "0"
    assert "%" in cells[4] and "," in cells[4]
    assert cells[5].count("/") == 2  # 23/11/2026 10:15


def test_duplicate_as_next_years_draft_from_the_list(qtbot, window, store, filled, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2026, True))
    window.refresh_list()
    qtbot.waitUntil(lambda: window.list_page.selected_id() == filled, timeout=10000)
    window.list_page.ui.duplicateButton.click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=10000)
    new = A.get(store, window.session.id)
    assert new.period == 2026 and new.values == A.get(store, filled).values
    assert window.session.to_check == set(new.answers)
    code = next(iter(window.session.to_check))
    window.editor.tree.select(code)
    assert window.editor.panel.ui.toCheckRow.isVisibleTo(window.editor.panel)
    window.act_checked.trigger()
    window.worker.wait()
    qtbot.waitUntil(lambda: not A.get(store, new.id).answers[code].to_check, timeout=10000)


def test_delete_asks_first_and_then_deletes(qtbot, window, store, filled):
    window.refresh_list()
    qtbot.waitUntil(lambda: window.list_page.selected_id() == filled, timeout=10000)
    on_next_dialog(qtbot, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    window.list_page.ui.deleteButton.click()
    window.worker.wait()
    assert [s.id for s in A.list_all(store)] == [filled]

    def agree(box) -> None:
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()

    on_next_dialog(qtbot, agree)
    window.list_page.ui.deleteButton.click()
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 0, timeout=10000)
    assert A.list_all(store) == [] and window.list_page.ui.emptyLabel.isVisibleTo(window.list_page)


def test_backup_runs_in_the_background_and_restore_brings_it_back(
    qtbot, window, store, filled, tmp_path: Path, monkeypatch
):
    from dtdesktop.gui import main_window as mw
    from dtdesktop.storage.backup import identity_in_backup

    out = tmp_path / "sao-luu.sqlite3"
    identity = Path(window.profile.identity.path)
    content = identity.read_bytes()
    asked = []

    def answer(reply):
        return lambda *a: asked.append(a[2]) or reply

    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(mw.QMessageBox, "question", answer(mw.QMessageBox.StandardButton.Yes))
    window.backup()
    qtbot.waitUntil(lambda: out.exists(), timeout=10000)
    window.worker.wait()
    assert len(asked) == 1 and identity_in_backup(out) == (identity.name, content)  # the identity too
    A.delete(store, filled)
    identity.unlink()  # the computer was lost: the identity file goes with it
    monkeypatch.setattr(mw.QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(mw, "confirm", lambda *a: True)
    window.restore()
    window.worker.wait()  # the list still shows the deleted row until the restore is done: wait for it
    qtbot.waitUntil(lambda: [s.id for s in A.list_all(store)] == [filled], timeout=10000)
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1, timeout=10000)  # the list follows
    assert identity.read_bytes() == content  # back where the profile expects it
    qtbot.waitUntil(lambda: str(identity) in window.statusBar().currentMessage(), timeout=10000)

    declined = tmp_path / "khong-dinh-danh.sqlite3"  # the officer may decline
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(declined), ""))
    monkeypatch.setattr(mw.QMessageBox, "question", answer(mw.QMessageBox.StandardButton.No))
    window.backup()
    qtbot.waitUntil(lambda: declined.exists(), timeout=10000)
    window.worker.wait()
    assert len(asked) == 2 and identity_in_backup(declined) is None


def test_the_certificate_for_the_reviewers_needs_the_passphrase(qtbot, window, tmp_path: Path, monkeypatch):
    from dtdesktop.gui import tools

    out = tmp_path / "chung-thu.pem"
    monkeypatch.setattr(tools.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(tools.QInputDialog, "getText", lambda *a, **k: (PASSPHRASE, True))
    window.save_certificate()
    assert out.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    monkeypatch.setattr(tools.QInputDialog, "getText", lambda *a, **k: ("sai", True))
    shown = []
    monkeypatch.setattr(
        "dtdesktop.gui.main_window.show_error", lambda parent, error: shown.append(str(error))
    )
    window.save_certificate()
    assert shown and "mật khẩu" in shown[0].lower()


def test_answers_come_in_from_a_file_all_or_nothing(
    qtbot, window, store, filled, tmp_path: Path, monkeypatch
):
    from dtdesktop.gui import main_window as mw

    window.open_assessment(filled)
    good, bad = tmp_path / "tra-loi.json", tmp_path / "sai.json"
    good.write_text(json.dumps({"CQS.04": {"numerator": 9, "denominator": 10}}), "utf-8")
    bad.write_text(json.dumps({"CQS.04": "9/10", "KHONG.CO": 1}), "utf-8")
    shown = []
    monkeypatch.setattr(mw, "show_error", lambda parent, error: shown.append(str(error)))
    monkeypatch.setattr(mw.QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.import_answers()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "KHONG.CO" in shown[0]
    monkeypatch.setattr(mw.QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    window.import_answers()
    qtbot.waitUntil(lambda: window.session.values.get("CQS.04") == Ratio(9, 10), timeout=10000)


def test_a_submission_file_is_checked_from_the_window(
    qtbot, window, store, filled, identity_file, officer, tmp_path
):
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.exchange.verify import verify_file
    from dtdesktop.gui.tools import verification_text
    from dtdesktop.signing.certificates import kind_sentence
    from dtdesktop.signing.pkcs12_file import Pkcs12Key

    out = export_submission(store, filled, Pkcs12Key(identity_file, PASSPHRASE), tmp_path / "nop.pdf").path
    text = verification_text(verify_file(out))
    assert text.startswith("Tệp nguyên vẹn") and "Nguyễn Thị Hà" in text  # no trust list: not decided
    text = verification_text(verify_file(out, [officer.certificate]))
    assert text.startswith("Tệp hợp lệ") and "Nguyễn Thị Hà" in text and "Xã Hoằng Hóa" in text
    assert officer.info.kind == "self_made" and kind_sentence(officer.info) in text.splitlines()
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 1
    out.write_bytes(bytes(data))
    assert "KHÔNG" in verification_text(verify_file(out))


def test_the_history_lists_every_change(qtbot, window, store, filled):
    window.open_assessment(filled)
    entries = A.audit_log(store, filled)

    def look(dialog) -> None:
        look.rows = dialog.table.rowCount()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close).click()

    on_next_dialog(qtbot, look)
    window.act_history.trigger()
    assert look.rows == len(entries) > 10
    assert QApplication.activeModalWidget() is None
