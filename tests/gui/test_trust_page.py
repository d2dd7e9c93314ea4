"""The reviewer's trust list: a root added from its PEM file, an officer registered from a received
submission for a commune chosen by name, a certificate removed after a confirmation naming it, and a file
that holds no certificate refused with a sentence."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox

from dtdesktop.i18n import _
from dtdesktop.review import trust
from dtdesktop.signing.trust import fingerprint, spaced
from dtdesktop.text import format_date
from tests.conftest import PASSPHRASE
from tests.gui.test_editor import on_next_dialog


@pytest.fixture
def ctx(store):
    from dtdesktop.gui.reviewer.context import ReviewerContext
    from dtdesktop.profile import Profile

    said: list[tuple[str, str]] = []
    c = ReviewerContext(
        store,
        Profile(officer_name="Lê Văn Minh", officer_title="Chuyên viên", role="reviewer", reviewer_unit="38"),
        tell=lambda sentence, level="info": said.append((sentence, level)),
    )
    c.said = said  # type: ignore[attr-defined]
    yield c
    c.worker.wait()


@pytest.fixture
def page(qtbot, ctx):
    from dtdesktop.gui.reviewer.trust_page import TrustPage

    p = TrustPage(ctx)
    qtbot.addWidget(p)
    p.resize(900, 500)
    p.show()
    p.refresh()
    qtbot.waitUntil(lambda: p.loaded, timeout=5000)
    yield p
    ctx.worker.wait()
    p.close()
    shiboken6.delete(p)


def _wait_said(qtbot, page) -> None:
    """Until the page has told the window something more (a sentence, refused or done)."""
    n = len(page.ctx.said)
    qtbot.waitUntil(lambda: len(page.ctx.said) > n, timeout=5000)


def _column(page, column: int) -> list[str]:
    return [page.table.item(r, column).text() for r in range(page.table.rowCount())]


def test_a_root_is_added_from_its_pem_file(qtbot, page, store, tmp_path):
    from tests.pki import make_ca, pem

    ca = make_ca()
    path = tmp_path / "ca-tinh.pem"
    path.write_bytes(pem(ca.cert))
    page.add_root(path)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert [e.fingerprint for e in trust.entries(store)] == [fingerprint(ca.cert)]
    assert _column(page, 0) == [_("Trusted root")]
    assert "CA thử nghiệm tỉnh Thanh Hoá" in _column(page, 1)[0]
    assert _column(page, 5) == [spaced(fingerprint(ca.cert))]
    assert page.fp_edit.text() == spaced(fingerprint(ca.cert))  # the new one is selected and inspected
    assert _("Trusted root") in page.details.toPlainText()
    assert _("itself (the root of a certification authority)") in page.details.toPlainText()
    assert _("the holder (made on the holder's own computer)") not in page.details.toPlainText()
    assert page.ctx.said[-1][1] == "info" and "CA thử nghiệm" in page.ctx.said[-1][0]


def test_an_officer_is_registered_from_a_submission_for_a_commune_chosen_by_name(
    qtbot, page, store, filled, identity_file, officer, tmp_path
):
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.signing.pkcs12_file import Pkcs12Key

    pdf = export_submission(store, filled, Pkcs12Key(identity_file, PASSPHRASE), tmp_path / "hh.pdf").path
    seen: dict[str, object] = {}

    def choose(dialog) -> None:
        seen["default"] = dialog.codes  # the unit the submission is about, chosen already
        dialog.choose("15865", False)
        dialog.search_edit.setText("hoang hoa")  # no diacritics: still found
        seen["found"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        dialog.choose("15865")
        dialog.register_button.click()

    on_next_dialog(qtbot, choose)
    page.register_certificate(pdf)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert seen["default"] == ["15865"]
    assert any("Hoằng Hóa" in f for f in seen["found"])  # type: ignore[union-attr]
    [entry] = trust.entries(store)
    assert entry.fingerprint == fingerprint(officer.certificate) and entry.units == ("15865",)
    units = _column(page, 2)[0]
    assert "Hoằng Hóa" in units and "15865" in units  # the commune's name, not only its code
    assert _column(page, 1)[0] == "Nguyễn Thị Hà, Chủ tịch UBND xã"
    assert _column(page, 0) == [_("Commune officer")]


def test_a_certificate_is_removed_after_a_confirmation_naming_it(qtbot, page, store, officer):
    from dtdesktop.gui.reviewer.trust_page import REMOVE_QUESTION

    trust.register(store, officer.certificate, ["15865"])
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    page.table.selectRow(0)
    asked: list[str] = []

    def agree(box: QMessageBox) -> None:
        asked.append(box.text())
        [go] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole]
        go.click()

    on_next_dialog(qtbot, agree)
    page.remove_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=5000)
    assert trust.entries(store) == []
    assert "Nguyễn Thị Hà" in asked[0] and spaced(fingerprint(officer.certificate)) in asked[0]
    assert _(REMOVE_QUESTION).split("\n\n")[-1] in asked[0]  # says what removing it does


def test_a_file_that_is_not_a_certificate_is_refused_with_a_sentence(qtbot, page, store, tmp_path):
    path = tmp_path / "thu.pem"
    path.write_text("Kính gửi Sở Khoa học và Công nghệ", encoding="utf-8")
    page.add_root(path)
    _wait_said(qtbot, page)
    assert "thu.pem" in page.status.text() and "Traceback" not in page.status.text()
    assert page.ctx.said[-1][1] == "error" and page.ctx.said[-1][0] == page.status.text()
    assert trust.entries(store) == []


def test_an_expired_certificate_or_a_person_as_a_root_is_refused(qtbot, page, store, tmp_path):
    import datetime as dt

    from tests.pki import issue, make_ca, pem

    ca = make_ca()
    old = issue(ca, "Trần Văn Cũ", not_before=dt.datetime.now(dt.UTC) - dt.timedelta(days=800), days=365)
    path = tmp_path / "cu.pem"
    path.write_bytes(pem(old.cert))
    page.register_certificate(path)
    _wait_said(qtbot, page)
    expiry = format_date(old.cert.not_valid_after_utc.date(), "vi")
    assert "Trần Văn Cũ" in page.status.text() and expiry in page.status.text()
    current = issue(ca, "Phạm Thị Mới")
    path.write_bytes(pem(current.cert))
    page.add_root(path)
    _wait_said(qtbot, page)
    assert "Phạm Thị Mới" in page.status.text()
    assert trust.entries(store) == []


def test_a_file_too_large_is_refused_before_it_is_read(qtbot, page, store, tmp_path):
    path = tmp_path / "lon.pem"
    with path.open("wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    page.add_root(path)
    _wait_said(qtbot, page)
    assert "lon.pem" in page.status.text() and trust.entries(store) == []
