"""The reviewer reads one received submission and decides it: answers with targets and statuses, the signer's
certificate, evidence opened inside the window, returning with comments per criterion, approving and
unapproving (with a reason), what changed between two revisions, and the signed decision file the commune's
side accepts."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
import shiboken6
from conftest import PASSPHRASE

from dtdesktop.i18n import _
from dtdesktop.review import reviewing

CHANGED = "CQS.02"  # its answer changes from revision 1 to revision 2
EVIDENCE_CODE = "CQS.03"  # carries the PDF and the image


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 720, "Bien ban hop Ban chi dao")
    c.showPage()
    c.drawString(72, 720, "Trang 2")
    c.showPage()
    c.save()
    return out.getvalue()


def _png(width: int = 40, height: int = 30, mode: str = "RGB") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, (width, height), 1 if mode == "1" else (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="session")
def sent(tmp_path_factory, officer):
    """The commune's two signed revisions (the second changes CHANGED), a PDF and an image as evidence of
    EVIDENCE_CODE, and the reviewer's identity file; made once (signing takes a moment)."""
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.cli.demo_cmd import fill
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage import Store
    from dtdesktop.storage import assessments as store_assessments
    from dtdesktop.units import find

    d = tmp_path_factory.mktemp("submission-page")
    store = Store(f"sqlite:///{d / 'commune.sqlite3'}")
    catalog = resolve("thanh-hoa-xa-2025")
    aid = store_assessments.create(store, catalog, find("15865"), 2025)
    fill(store, aid, catalog, 2025)
    (d / "bien-ban.pdf").write_bytes(_pdf())
    (d / "anh-hop.png").write_bytes(_png())
    store_assessments.add_evidence_file(store, aid, EVIDENCE_CODE, d / "bien-ban.pdf")
    store_assessments.add_evidence_file(store, aid, EVIDENCE_CODE, d / "anh-hop.png")
    p12 = pkcs12_file.save_new(d / "ha.p12", officer, PASSPHRASE)
    key = pkcs12_file.Pkcs12Key(p12, PASSPHRASE)
    first = export_submission(store, aid, key, d / "nop-1.pdf").path
    store_assessments.set_answer(store, aid, CHANGED, False, "Ban chỉ đạo đang kiện toàn lại.")
    second = export_submission(store, aid, key, d / "nop-2.pdf").path
    store.close()
    reviewer = pkcs12_file.create(
        "Lê Văn Bình", "Phó Giám đốc", "38", "Sở Khoa học và Công nghệ", "Thanh Hoá"
    )
    binh = pkcs12_file.save_new(d / "binh.p12", reviewer, PASSPHRASE)
    return {"first": first, "second": second, "officer": officer, "reviewer": reviewer, "binh": binh}


@pytest.fixture
def ctx(sent, tmp_path):
    """A reviewer's context on a store that trusts the commune's officer, with both revisions imported."""
    from dtdesktop.gui.reviewer.context import ReviewerContext
    from dtdesktop.gui.worker import DbWorker
    from dtdesktop.profile import Profile, SigningIdentity
    from dtdesktop.review import trust
    from dtdesktop.storage import Store

    store = Store(f"sqlite:///{tmp_path / 'reviewer.sqlite3'}")
    trust.register(store, sent["officer"].certificate, ["15865"])
    profile = Profile(
        "",
        "Lê Văn Bình",
        "Phó Giám đốc",
        SigningIdentity("pkcs12", str(sent["binh"]), subject="Lê Văn Bình"),
        role="reviewer",
        reviewer_unit="38",
    )
    told: list[tuple[str, str]] = []
    context = ReviewerContext(store, profile, DbWorker(), lambda s, level="info": told.append((s, level)))
    context.told = told  # type: ignore[attr-defined]
    yield context
    context.worker.shutdown()
    store.close()


def _import(ctx, *paths: Path) -> list[int]:
    from dtdesktop.review.importing import import_files

    return [r.submission_id for r in import_files(ctx.store, list(paths), workers=1).results]


@pytest.fixture
def page(qtbot, ctx):
    from dtdesktop.gui.reviewer.submission import SubmissionPage

    p = SubmissionPage(ctx)
    qtbot.addWidget(p)
    p.resize(1000, 600)
    p.show()
    yield p
    ctx.worker.wait()
    if p.evidence_dialog is not None:
        p.evidence_dialog.close()
    p.close()
    shiboken6.delete(p)


def _show(qtbot, page, sid: int) -> None:
    page.show_submission(sid)
    qtbot.waitUntil(lambda: page.view is not None and page.view.id == sid and not page.busy, timeout=10000)


def test_the_answers_targets_statuses_and_signer_are_shown(qtbot, page, ctx, sent):
    from PySide6.QtWidgets import QLabel

    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.gui.reviewer.submission_answers import ANSWER, STATUS, TARGET
    from dtdesktop.scoring.display import status_label, target_text
    from dtdesktop.signing.trust import fingerprint, spaced

    (sid,) = _import(ctx, sent["first"])
    _show(qtbot, page, sid)
    catalog = resolve("thanh-hoa-xa-2025")
    view = page.view
    assert set(page.answers.items) == {i.code for i in catalog.indicators}
    assert "Hoằng Hóa" in page.title.text() and "2025" in page.title.text()
    for ind in catalog.indicators:
        item = page.answers.items[ind.code]
        assert item.text(TARGET) == target_text(
            ind, ind.target_for(view.horizon), "vi", ind.op_for(view.horizon)
        )
        assert item.text(STATUS).startswith(status_label(view.answers[ind.code].status))
    assert page.answers.items[CHANGED].text(ANSWER) == "có"
    statuses = {view.answers[c].status for c in view.answers}
    assert "met" in statuses  # the demo's answers meet most targets

    first = catalog.indicators[0].code  # the demo cites a document and attaches a plan there
    page.answers.choose(first)
    listed = [page.answers.evidence.item(i).text() for i in range(page.answers.evidence.count())]
    assert any("125/QĐ-UBND" in t and "05/03/2025" in t for t in listed)
    assert any("ke-hoach-chuyen-doi-so-2025.txt" in t for t in listed)
    assert page.answers.noteLabel.text() == view.answers[first].note != ""

    def field(name: str) -> str:
        label = page.findChild(QLabel, name)
        assert label is not None, name
        return label.text()

    cert = sent["officer"].certificate
    assert field("signerName") == "Nguyễn Thị Hà"
    assert field("signerTitle") == "Chủ tịch UBND xã"
    assert field("signerFingerprint") == spaced(fingerprint(cert))
    assert field("signerUntil") == cert.not_valid_after_utc.strftime("%d/%m/%Y")
    assert "máy tính" in field("signerKind")  # a certificate made on a computer, said plainly
    assert field("signerTrust").startswith("có")
    assert page.approveButton.isEnabled() and not page.unapproveButton.isEnabled()
    menu = {a.text(): a.isEnabled() for a in page.actions()}
    assert menu[page.approveButton.text()] and not menu[page.unapproveButton.text()]
    assert page.unapproveButton.toolTip()  # why not, in a sentence
    assert not page.signButton.isEnabled()


def test_evidence_opens_inside_the_window(qtbot, page, ctx, sent):
    from dtdesktop.gui.reviewer.evidence_view import EvidenceViewer

    (sid,) = _import(ctx, sent["first"])
    _show(qtbot, page, sid)
    files = {e.name: e for e in page.view.answers[EVIDENCE_CODE].evidence if e.kind == "file"}
    assert set(files) == {"bien-ban.pdf", "anh-hop.png"}

    page.open_evidence(files["bien-ban.pdf"])
    qtbot.waitUntil(
        lambda: page.evidence_dialog is not None and page.evidence_dialog.isVisible(), timeout=10000
    )
    viewer = page.evidence_dialog.viewer
    qtbot.waitUntil(lambda: viewer.page_count() > 0, timeout=10000)
    assert viewer.page_count() == 2 and viewer.pdf.isVisible()

    page.open_evidence(files["anh-hop.png"])
    qtbot.waitUntil(lambda: viewer.imageArea.isVisible(), timeout=10000)
    assert viewer.image.pixmap().width() == 40 and not viewer.problem.isVisible()

    alone = EvidenceViewer()
    qtbot.addWidget(alone)
    alone.show()
    alone.show_file("rat-lon.png", "image/png", _png(10000, 10000, "1"))  # 100 megapixels
    assert alone.problem.isVisible() and "10000 × 10000" in alone.problem.text()
    assert alone.image.pixmap().isNull()
    alone.show_file("ghi-chu.txt", "text/plain", "Ghi chú".encode())
    assert alone.other.isVisible() and alone.openButton.isVisible()
    pages = b"".join(b"%d 0 obj << /Type /Page /Parent 2 0 R >> endobj\n" % (n + 3) for n in range(2500))
    many = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + pages + b"%%EOF\n"
    alone.show_file("qua-nhieu-trang.pdf", "application/pdf", many)  # QtPdf would read them all first
    assert alone.problem.isVisible() and "2500" in alone.problem.text() and alone.page_count() == 0


def test_returning_stores_a_comment_per_criterion(qtbot, page, ctx, sent, monkeypatch):
    from dtdesktop.gui.reviewer import submission

    (sid,) = _import(ctx, sent["first"])
    _show(qtbot, page, sid)
    assert not page.returnButton.isEnabled()  # nothing to return yet
    comments = {"CQS.01": "Thiếu quyết định thành lập Ban Chỉ đạo.", EVIDENCE_CODE: "Ảnh chụp chưa rõ."}
    for code, text in comments.items():
        page.answers.set_comment(code, text)
    assert page.returnButton.isEnabled()

    def exec_(dialog):
        assert "CQS.01" in dialog.findChildren(submission.QLabel)[0].text()
        dialog.edit.setPlainText("Đề nghị bổ sung minh chứng.")
        return submission.QDialog.DialogCode.Accepted

    monkeypatch.setattr(submission.TextDialog, "exec", exec_)
    with qtbot.waitSignal(page.decided, timeout=10000) as decided:
        page.returnButton.click()
    assert decided.args == [sid]
    step = reviewing.last_decision(ctx.store, sid)
    assert step is not None and step.action == "return"
    assert {c.code: c.comment for c in step.comments} == comments
    assert step.overall == "Đề nghị bổ sung minh chứng." and step.actor == "Lê Văn Bình"
    qtbot.waitUntil(lambda: page.view.status == "returned" and not page.busy, timeout=10000)
    assert page.signButton.isEnabled()
    assert page.answers.comments == comments  # kept, to change and return again


def test_approving_then_unapproving_needs_a_reason(qtbot, page, ctx, sent, monkeypatch):
    from dtdesktop.gui.reviewer import submission

    (sid,) = _import(ctx, sent["first"])
    _show(qtbot, page, sid)
    with qtbot.waitSignal(page.decided, timeout=10000):
        page.approveButton.click()
    qtbot.waitUntil(lambda: page.view.status == "approved" and not page.busy, timeout=10000)
    assert [s.action for s in reviewing.steps(ctx.store, sid)] == ["approve"]
    why = reviewing.why_not(ctx.store, sid, "approve")
    assert why is not None and not page.approveButton.isEnabled() and page.approveButton.toolTip() == why
    assert not page.returnButton.isEnabled() and page.unapproveButton.isEnabled()
    assert page.answers.comment.isReadOnly()  # locked: no comment to type

    asked: list = []

    def refuse(dialog):
        asked.append(dialog.ok_button.isEnabled())  # empty: OK is not available
        dialog.edit.setPlainText("   ")
        asked.append(dialog.ok_button.isEnabled())
        return submission.QDialog.DialogCode.Rejected

    monkeypatch.setattr(submission.TextDialog, "exec", refuse)
    page.unapproveButton.click()
    assert asked == [False, False]
    page.unapprove("")
    assert page.message.text() == _("Say why the approval is withdrawn; a reason is required.")
    ctx.worker.wait()
    assert [s.action for s in reviewing.steps(ctx.store, sid)] == ["approve"]

    def give(dialog):
        dialog.edit.setPlainText("Phê duyệt nhầm hồ sơ.")
        assert dialog.ok_button.isEnabled()
        return submission.QDialog.DialogCode.Accepted

    monkeypatch.setattr(submission.TextDialog, "exec", give)
    with qtbot.waitSignal(page.decided, timeout=10000):
        page.unapproveButton.click()
    last = reviewing.steps(ctx.store, sid)[-1]
    assert last.action == "unapprove" and last.reason == "Phê duyệt nhầm hồ sơ."
    assert reviewing.last_decision(ctx.store, sid) is None
    qtbot.waitUntil(lambda: page.view.status == "submitted" and not page.busy, timeout=10000)
    assert page.approveButton.isEnabled() and not page.signButton.isEnabled()


def test_what_changed_between_two_revisions(qtbot, page, ctx, sent):
    first, second = _import(ctx, sent["first"], sent["second"])
    _show(qtbot, page, second)
    history = page.history
    assert history.table.rowCount() == 2
    assert history.fromCombo.currentData() == 1 and history.toCombo.currentData() == 2
    qtbot.waitUntil(lambda: history.last is not None, timeout=10000)
    tops = [history.changes.topLevelItem(i) for i in range(history.changes.topLevelItemCount())]
    assert [t.text(0).split()[0] for t in tops] == [CHANGED]
    lines = [tops[0].child(i).text(0) for i in range(tops[0].childCount())]
    assert any("có → không" in line for line in lines)
    assert any("Ban chỉ đạo đang kiện toàn lại." in line for line in lines)

    history.choose(2, 2)
    assert history.last is None and history.changes.topLevelItemCount() == 0
    # the earlier revision is superseded: it cannot be decided, and the page says why
    _show(qtbot, page, first)
    assert not page.approveButton.isEnabled() and "2" in page.approveButton.toolTip()
    assert page.flags.isVisible()


def test_the_signed_decision_file_is_accepted_by_the_commune(qtbot, page, ctx, sent, tmp_path):
    from dtdesktop.decisions.errors import DecisionRefused
    from dtdesktop.decisions.receive import read_decision

    (sid,) = _import(ctx, sent["first"])
    _show(qtbot, page, sid)
    page.answers.set_comment("CQS.01", "Thiếu quyết định thành lập Ban Chỉ đạo.")
    with qtbot.waitSignal(page.decided, timeout=10000):
        page.return_submission("Bổ sung trong tháng.")
    qtbot.waitUntil(lambda: page.signButton.isEnabled(), timeout=10000)

    # Cancel before the signing starts: no file, and the dialog says so
    dialog = page.sign_decision()
    qtbot.addWidget(dialog)
    out = tmp_path / "thong-bao.pdf"
    dialog.outputEdit.setText(str(out))
    dialog.secretEdit.setText(PASSPHRASE)
    hold = threading.Event()
    ctx.worker.submit(hold.wait)  # the worker is busy: the signing waits behind it
    dialog.signButton.click()
    dialog.cancelButton.click()
    hold.set()
    qtbot.waitUntil(lambda: bool(dialog.errorLabel.text()), timeout=10000)
    assert not out.exists() and "hủy" in dialog.errorLabel.text().lower()

    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.signButton.click()
    assert out.is_file()
    received = read_decision(out, None, [sent["reviewer"].certificate])
    assert received.decision.decision == "returned" and received.signer_name == "Lê Văn Bình"
    assert [(r.code, r.comment) for r in received.decision.returned] == [
        ("CQS.01", "Thiếu quyết định thành lập Ban Chỉ đạo.")
    ]
    assert received.decision.overall == "Bổ sung trong tháng."
    with pytest.raises(DecisionRefused):
        read_decision(out, None, [sent["officer"].certificate])  # the reviewer is not trusted: refused
    assert any("thong-bao.pdf" in s for s, _level in ctx.told)


def test_a_language_switch_writes_the_page_again(qtbot, page, ctx, sent):
    from dtdesktop.gui.app import switch_language
    from dtdesktop.gui.reviewer.submission_answers import ANSWER

    (sid,) = _import(ctx, sent["first"])
    _show(qtbot, page, sid)
    assert page.answers.items[CHANGED].text(ANSWER) == "có"
    switch_language("en")
    try:
        assert page.approveButton.text() == "Approve"
        assert page.answers.tree.headerItem().text(0) == "Criterion"
        qtbot.waitUntil(lambda: page.answers.items[CHANGED].text(ANSWER) == "yes", timeout=10000)
    finally:
        switch_language("vi")
    qtbot.waitUntil(lambda: page.answers.items[CHANGED].text(ANSWER) == "có", timeout=10000)
    assert page.answers.tree.headerItem().text(0) == "Tiêu chí"


def test_a_signer_not_registered_here_is_still_shown_in_full(sent, tmp_path):
    """The certificate travels with the submission and is kept with it: a signer nobody registered (kept
    aside, not trusted) still shows issuer, unit and validity, so the reviewer can decide whom to trust."""
    from dtdesktop.review import submission_view
    from dtdesktop.review.importing import import_files
    from dtdesktop.storage import Store

    store = Store(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    try:
        [result] = import_files(store, [sent["first"]], workers=1).results
        view = submission_view.load(store, result.submission_id, "vi")
        card = view.signer
        assert not card.trusted and card.info is not None
        assert card.info.name == "Nguyễn Thị Hà" and card.info.unit == "15865"
        assert card.info.not_after > card.info.not_before
    finally:
        store.close()


def test_a_decision_changed_by_a_colleague_is_not_signed_under_the_old_name(qtbot, page, ctx, sent, tmp_path):
    """The dialog was opened for a return (its file named so); a colleague approves meanwhile: nothing is
    signed, and the reviewer is told to look again."""
    from dtdesktop.review import reviewing

    (sid,) = _import(ctx, sent["first"])
    _show(qtbot, page, sid)
    page.answers.set_comment("CQS.01", "Thiếu quyết định thành lập Ban Chỉ đạo.")
    with qtbot.waitSignal(page.decided, timeout=10000):
        page.return_submission(None)
    qtbot.waitUntil(lambda: page.signButton.isEnabled(), timeout=10000)
    dialog = page.sign_decision()
    qtbot.addWidget(dialog)
    out = tmp_path / "thong-bao-tra-lai.pdf"
    dialog.outputEdit.setText(str(out))
    dialog.secretEdit.setText(PASSPHRASE)
    reviewing.review(ctx.store, sid, "approve", actor="Đồng nghiệp")  # the colleague, on another screen
    dialog.signButton.click()
    qtbot.waitUntil(lambda: bool(dialog.errorLabel.text()), timeout=20000)
    assert not out.exists() and str(sid) in dialog.errorLabel.text()
