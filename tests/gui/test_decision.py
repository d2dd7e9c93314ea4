"""The officer's window receives the reviewer's decision: shown in plain words before it is applied, then
the returned criteria marked, listed and editable (and only they), never missable; an approval locks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PASSPHRASE
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel, QMessageBox

from dtdesktop.storage import assessments as store_assessments

COMMENTS = {"CQS.01": "Thiếu quyết định thành lập Ban Chỉ đạo.", "KTS.02": "Số liệu chưa khớp."}


@pytest.fixture
def decision_of(store, filled, identity_file, tmp_path):
    """Makes the reviewer's signed decision on the commune's first submission: returned (with COMMENTS)
    or approved; the commune's store trusts the reviewer."""
    from dtdesktop.decisions.export import export_decision
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.review import reviewing, trust
    from dtdesktop.review.importing import import_files
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store

    sent = export_submission(
        store, filled, pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE), tmp_path / "nop.pdf"
    )
    reviewer_store = Store(f"sqlite:///{tmp_path / 'reviewer.sqlite3'}")
    officer = pkcs12_file.load(identity_file, PASSPHRASE).certificate
    trust.register(reviewer_store, officer, ["15865"])
    sid = import_files(reviewer_store, [sent.path]).results[0].submission_id
    reviewer = pkcs12_file.create(
        "Lê Văn Bình", "Phó Giám đốc", "38", "Sở Khoa học và Công nghệ", "Thanh Hoá"
    )
    p12 = pkcs12_file.save_new(tmp_path / "binh.p12", reviewer, PASSPHRASE)
    trust.add_roots(store, [reviewer.certificate])

    def make(kind: str) -> Path:
        if kind == "returned":
            reviewing.review(reviewer_store, sid, "return", COMMENTS.items(), "Bổ sung minh chứng.")
        else:
            reviewing.review(reviewer_store, sid, "approve")
        out = tmp_path / f"{kind}.pdf"
        export_decision(reviewer_store, sid, pkcs12_file.Pkcs12Key(p12, PASSPHRASE), out)
        return out

    return make


def _accept_dialogs(monkeypatch, seen: list):
    from dtdesktop.gui import decision_dialog

    def exec_(dialog):
        seen.append(dialog)
        return decision_dialog.DecisionDialog.DialogCode.Accepted

    monkeypatch.setattr(decision_dialog.DecisionDialog, "exec", exec_)


def test_a_returned_decision_is_shown_then_reopens_exactly_its_criteria(
    window, qtbot, monkeypatch, decision_of, filled
):
    path = decision_of("returned")
    seen: list = []
    _accept_dialogs(monkeypatch, seen)
    window.import_decision(path)
    qtbot.waitUntil(lambda: window.editor is not None and bool(window.session.returned), timeout=10000)
    dialog = seen[0]
    words = dialog.findChild(QLabel, "decisionWords")
    assert words is not None and "Lê Văn Bình" in words.text()
    listed = dialog.returned.toPlainText()
    assert all(comment in listed for comment in COMMENTS.values())

    editor = window.editor
    assert window.session.returned == COMMENTS
    assert editor.banner.isVisible() and "CQS.01, KTS.02" in editor.banner.text.text()
    assert "Bổ sung minh chứng." in editor.banner.text.text()
    tree = editor.tree
    shown = [c for c, item in tree.items.items() if not item.isHidden()]
    assert sorted(shown) == sorted(COMMENTS)  # the filter "returned" is on
    editor.go_to("KTS.02")
    assert editor.panel.isEnabled() and COMMENTS["KTS.02"] in editor.panel.ui.reviewLabel.text()
    tree.set_filter("all")
    editor.go_to("CQS.03")
    assert not editor.panel.isEnabled()  # not returned: it stays as it was sent
    assert store_assessments.get(window.store, filled).status == "returned"


def test_an_approval_locks_the_assessment(window, qtbot, monkeypatch, decision_of, filled):
    path = decision_of("approved")
    _accept_dialogs(monkeypatch, [])
    window.import_decision(path)
    qtbot.waitUntil(lambda: window.editor is not None, timeout=10000)
    assert store_assessments.get(window.store, filled).status == "approved"
    assert "locked" in window.editor.banner.text.text() or "khóa" in window.editor.banner.text.text()
    window.editor.go_to("CQS.01")
    assert not window.editor.panel.isEnabled()


def test_a_dropped_decision_is_shown_before_anything_changes(window, qtbot, monkeypatch, decision_of, filled):
    from dtdesktop.gui import decision_dialog

    path = decision_of("returned")
    asked: list = []
    monkeypatch.setattr(
        decision_dialog.DecisionDialog,
        "exec",
        lambda d: asked.append(d) or decision_dialog.DecisionDialog.DialogCode.Rejected,
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    window.worker.wait()
    assert store_assessments.get(window.store, filled).status == "signed"  # cancelled: nothing applied


def test_a_refused_decision_says_why_and_changes_nothing(
    window, qtbot, monkeypatch, decision_of, filled, tmp_path
):
    path = decision_of("returned")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(bytes(data))
    warnings: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a))
    window.import_decision(forged)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert store_assessments.get(window.store, filled).status == "signed"
    assert window.session is None or not window.session.returned
