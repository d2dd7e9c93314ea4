"""The reviewer's criteria sets: the library lists the shipped sets and those installed; a province's decision
is installed after it is read in plain words; a set in use is not removed; a spreadsheet's problems are
listed each on its cell; and the decision published from the dialog is signed and installs where the
province's certificate is trusted."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from dtdesktop.i18n import _
from dtdesktop.publication.install import check_file, install, installed_catalogs, read_unsigned
from dtdesktop.review import trust
from tests.conftest import PASSPHRASE
from tests.gui.test_editor import on_next_dialog

NUMBER = "125/QĐ-UBND"


@pytest.fixture(scope="session")
def chair():
    """The chair of Thanh Hóa's People's Committee (province 38): the reviewer's profile signs as them."""
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.units import find

    return pkcs12_file.create_for_unit("Đỗ Minh Tuấn", "Chủ tịch UBND tỉnh", find("38"))


@pytest.fixture
def chair_key(tmp_path, chair):
    from dtdesktop.signing import pkcs12_file

    return pkcs12_file.save_new(tmp_path / "tinh.p12", chair, PASSPHRASE)


@pytest.fixture
def ctx(store, chair_key):
    from dtdesktop.gui.reviewer.context import ReviewerContext
    from dtdesktop.profile import Profile, SigningIdentity

    said: list[tuple[str, str]] = []
    c = ReviewerContext(
        store,
        Profile(
            officer_name="Đỗ Minh Tuấn",
            officer_title="Chủ tịch UBND tỉnh",
            identity=SigningIdentity("pkcs12", str(chair_key), subject="Đỗ Minh Tuấn"),
            role="reviewer",
            reviewer_unit="38",
        ),
        tell=lambda sentence, level="info": said.append((sentence, level)),
    )
    c.said = said  # type: ignore[attr-defined]
    yield c
    c.worker.wait()


@pytest.fixture
def page(qtbot, ctx):
    from dtdesktop.gui.reviewer.criteria_page import CriteriaPage

    p = CriteriaPage(ctx)
    qtbot.addWidget(p)
    p.resize(900, 500)
    p.show()
    p.refresh()
    qtbot.waitUntil(lambda: p.loaded, timeout=5000)
    yield p
    ctx.worker.wait()
    p.close()
    shiboken6.delete(p)


def _rows(page) -> list[list[str]]:
    t = page.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def _wait_said(qtbot, page, n: int) -> None:
    qtbot.waitUntil(lambda: len(page.ctx.said) > n, timeout=15000)


def _agree(box: QMessageBox) -> None:
    """Answer a confirmation with its destructive button (the one that does it)."""
    [go] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole]
    go.click()


def _row_of(page, catalog_id: str) -> int:
    return next(r for r, row in enumerate(_rows(page)) if row[0] == catalog_id)


def test_the_library_lists_the_shipped_sets_and_those_installed(qtbot, page, store, catalog_file):
    from dtdesktop.catalogs.registry import shipped_catalogs

    shipped = {c.id for c in shipped_catalogs()}
    assert shipped and shipped <= {row[0] for row in _rows(page)}
    assert all(row[3] == _("shipped") for row in _rows(page))
    install(store, read_unsigned(catalog_file))
    page.refresh()
    qtbot.waitUntil(lambda: "thu-nghiem" in {row[0] for row in _rows(page)}, timeout=5000)
    row = _rows(page)[_row_of(page, "thu-nghiem")]
    assert row[1:5] == ["1.0", "Bộ tiêu chí thử nghiệm", _("installed"), _("unsigned")]


@pytest.fixture
def decision(tmp_path, chair_key, catalog):
    from dtdesktop.publication.publish import PublishOptions, publish
    from dtdesktop.signing.pkcs12_file import Pkcs12Key

    out = tmp_path / "qd-tieu-chi.pdf"
    publish(catalog, Pkcs12Key(chair_key, PASSPHRASE), out, PublishOptions(number=NUMBER))
    return out


def test_a_decision_is_read_in_plain_words_then_installed(qtbot, page, store, chair, decision, catalog):
    trust.register(store, chair.certificate, ["38"])
    seen: list[str] = []

    def accept(dialog) -> None:
        seen.append(dialog.text.text())
        dialog.install_button.click()

    on_next_dialog(qtbot, accept)
    page.install_criteria(decision)
    qtbot.waitUntil(lambda: "thu-nghiem" in {row[0] for row in _rows(page)}, timeout=15000)
    assert NUMBER in seen[0] and "Đỗ Minh Tuấn" in seen[0]
    assert [c.sha256 for c in installed_catalogs(store)] == [catalog.sha256]
    row = _rows(page)[_row_of(page, "thu-nghiem")]
    assert row[4] == _("signed, trusted") and "Đỗ Minh Tuấn" in row[5] and NUMBER in row[5]


def test_a_decision_from_an_untrusted_signer_is_refused_with_its_reason(qtbot, page, store, decision):
    n = len(page.ctx.said)
    page.install_criteria(decision)
    _wait_said(qtbot, page, n)
    sentence, level = page.ctx.said[-1]
    assert level == "error" and "Đỗ Minh Tuấn" in sentence and page.status.text() == sentence
    assert installed_catalogs(store) == []


def test_a_set_in_use_is_not_removed_and_the_core_says_why(qtbot, page, store, catalog_file):
    from dtdesktop.publication.errors import PublicationError
    from dtdesktop.publication.install import remove
    from dtdesktop.storage import assessments
    from dtdesktop.units import find

    done = install(store, read_unsigned(catalog_file))
    assessments.create(store, done.checked.catalog, find("15865"), 2025)
    with pytest.raises(PublicationError) as core:
        remove(store, done.checked.catalog.sha256)
    page.refresh()
    qtbot.waitUntil(lambda: "thu-nghiem" in {row[0] for row in _rows(page)}, timeout=5000)
    page.table.selectRow(_row_of(page, "thu-nghiem"))
    assert page.buttons["remove"].isEnabled()

    n = len(page.ctx.said)
    on_next_dialog(qtbot, _agree)
    page.buttons["remove"].click()
    _wait_said(qtbot, page, n)
    assert page.ctx.said[-1] == (str(core.value), "error")
    assert len(installed_catalogs(store)) == 1


def test_an_unused_installed_set_is_removed(qtbot, page, store, catalog_file):
    install(store, read_unsigned(catalog_file))
    page.refresh()
    qtbot.waitUntil(lambda: "thu-nghiem" in {row[0] for row in _rows(page)}, timeout=5000)
    page.table.selectRow(0)  # a shipped set: nothing to remove
    assert not page.buttons["remove"].isEnabled()
    page.table.selectRow(_row_of(page, "thu-nghiem"))
    on_next_dialog(qtbot, _agree)
    page.buttons["remove"].click()
    qtbot.waitUntil(lambda: "thu-nghiem" not in {row[0] for row in _rows(page)}, timeout=5000)
    assert installed_catalogs(store) == []


@pytest.fixture
def book(tmp_path, catalog):
    from dtdesktop.authoring import write_xlsx

    path = tmp_path / "bo-tieu-chi.xlsx"
    write_xlsx(json.loads(catalog.canonical), path)
    return path


def test_a_spreadsheets_problems_are_listed_each_on_its_cell_and_nothing_is_written(
    qtbot, page, book, tmp_path
):
    from dtdesktop.authoring.layout import INDICATORS
    from tests.test_authoring import edited

    edited(book, INDICATORS, 2, "Điểm tối đa", dt.datetime(2025, 3, 1))  # a date typed for points
    edited(book, INDICATORS, 4, "Mã nhóm", "XHX")
    out = tmp_path / "bo.yaml"
    n = len(page.ctx.said)
    page.read_xlsx(book, out)
    _wait_said(qtbot, page, n)
    listed = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert len(listed) == 2 and page.problems_box.isVisible()
    assert any("Điểm tối đa" in p for p in listed) and any("XHX" in p for p in listed)
    assert page.ctx.said[-1][1] == "error" and not out.exists()


def test_a_set_goes_to_a_spreadsheet_and_back_to_the_same_catalog(qtbot, page, store, catalog_file, tmp_path):
    from dtdesktop.catalogs.loader import load_file

    catalog = install(store, read_unsigned(catalog_file)).checked.catalog
    page.refresh()
    qtbot.waitUntil(lambda: "thu-nghiem" in {row[0] for row in _rows(page)}, timeout=5000)
    page.table.selectRow(_row_of(page, "thu-nghiem"))
    book, out = tmp_path / "ra.xlsx", tmp_path / "vao.yaml"
    n = len(page.ctx.said)
    page.export_xlsx(book)
    _wait_said(qtbot, page, n)
    assert book.is_file()
    page.read_xlsx(book, out)
    qtbot.waitUntil(lambda: page.last_yaml is not None, timeout=10000)
    assert load_file(out).sha256 == catalog.sha256 and page.problems.count() == 0


# --- publishing


@pytest.fixture
def dialog(qtbot, ctx, catalog_file, tmp_path):
    from dtdesktop.gui.reviewer.publish_dialog import PublishDialog

    d = PublishDialog(ctx, catalog_file)
    qtbot.addWidget(d)
    d.show()
    yield d
    ctx.worker.wait()
    d.close()
    shiboken6.delete(d)


def test_enter_in_the_publish_dialog_signs_and_never_closes(qtbot, dialog):
    dialog.sign_button.clicked.disconnect()  # the press is what is checked here
    pressed = []
    for button in dialog.findChildren(QPushButton):
        button.clicked.connect(lambda _c=False, b=button: pressed.append(b))
    dialog.activateWindow()
    dialog.number_edit.setFocus()
    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_Return)
    assert pressed == [dialog.sign_button] and dialog.isVisible()


def test_the_decision_published_from_the_dialog_is_signed_and_installs_where_trusted(
    qtbot, dialog, store, chair, tmp_path, catalog
):
    from tests.pki import make_ca, pem

    reviewer = make_ca("Lê Văn Minh").cert  # any certificate the province hands to its communes
    pem_path = tmp_path / "tham-dinh.pem"
    pem_path.write_bytes(pem(reviewer))
    dialog.add_reviewers([pem_path])
    qtbot.waitUntil(lambda: dialog.reviewer_list.count() == 1, timeout=5000)
    assert dialog.capacity_combo.currentData() == "chair"  # as the position says
    dialog.number_edit.setText(NUMBER)
    out = tmp_path / "qd-ban-hanh.pdf"
    dialog.out_edit.setText(str(out))
    dialog.secret_edit.setText(PASSPHRASE)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert dialog.written == out and out.is_file() and dialog.folder_button.isVisible()
    assert NUMBER in dialog.done_label.text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []
    trust.register(store, chair.certificate, ["38"])
    checked = check_file(out, store)
    assert checked.status == "signed" and checked.catalog.sha256 == catalog.sha256
    assert checked.publication is not None and checked.publication.number == NUMBER
    assert checked.signer_name == "Đỗ Minh Tuấn" and [c.subject for c in checked.trust] == [reviewer.subject]


def test_a_wrong_passphrase_or_a_missing_number_is_a_sentence_and_writes_nothing(qtbot, dialog, tmp_path):
    out = tmp_path / "qd.pdf"
    dialog.out_edit.setText(str(out))
    dialog.secret_edit.setText(PASSPHRASE)
    dialog.sign_button.click()  # no number
    assert dialog.error_label.text() and not out.exists()
    dialog.number_edit.setText(NUMBER)
    dialog.secret_edit.setText("sai mật khẩu rồi")
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.sign_button.isEnabled() and bool(dialog.error_label.text()), timeout=20000)
    assert dialog.result is None and not out.exists() and "Traceback" not in dialog.error_label.text()


def test_cancel_leaves_no_file(qtbot, dialog, ctx, tmp_path):
    out = tmp_path / "qd.pdf"
    dialog.out_edit.setText(str(out))
    dialog.number_edit.setText(NUMBER)
    dialog.secret_edit.setText(PASSPHRASE)
    gate = threading.Event()
    ctx.worker.submit(gate.wait)  # the worker is busy: the signing waits its turn
    dialog.sign_button.click()
    assert dialog.cancel_button.isVisible()
    dialog.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: dialog.sign_button.isEnabled(), timeout=20000)
    assert dialog.error_label.text() == _("Cancelled; no file was written.")
    assert not out.exists() and [p for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_draft_needs_no_passphrase(qtbot, dialog, tmp_path):
    out = tmp_path / "du-thao.pdf"
    dialog.out_edit.setText(str(out))
    dialog.draft_check.setChecked(True)
    assert not dialog.secret_edit.isEnabled()
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert out.read_bytes().startswith(b"%PDF-") and dialog.written == out
