"""The officer's day: a new assessment answered through the real widgets, saved at each change, undone,
signed, printed; evidence added and removed; the check before signing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from dtdesktop.scoring.answers import Ratio
from dtdesktop.storage import Store
from dtdesktop.storage import assessments as A
from tests.conftest import PASSPHRASE
from tests.gui.driving import settle, type_text


def on_next_dialog(qtbot, act) -> None:
    """Act on the next modal dialog as soon as it opens (it blocks the test's thread until closed)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        act(dialog)

    QTimer.singleShot(0, run)


def new_assessment(qtbot, window, period: int = 2025, catalog: str = "thanh-hoa-xa-2025") -> int:
    def fill(dialog) -> None:
        dialog.ui.catalogCombo.setCurrentIndex(dialog.ui.catalogCombo.findData(catalog))
        dialog.ui.periodSpin.setValue(period)
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(qtbot, fill)
    window.list_page.ui.newButton.click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=10000)
    return window.session.id


def answer_with_widgets(qtbot, window, code: str) -> None:
    """Answer one indicator the way an officer would, by its input widget."""
    window.editor.tree.select(code)
    panel = window.editor.panel
    assert panel.ind.code == code
    widget, kind = panel.input, panel.ind.type
    if kind == "boolean":
        widget.yes.setFocus()
        qtbot.keyClick(widget.yes, Qt.Key.Key_Space)
    elif kind == "percent":
        qtbot.keyClicks(widget.numerator, "45")
        qtbot.keyClicks(widget.denominator, "60")
    elif kind == "count":
        qtbot.keyClicks(widget.edit, "12")
    elif kind == "choice":
        widget.combo.setFocus()
        qtbot.keyClick(widget.combo, Qt.Key.Key_Down)
    else:
        type_text(widget.edit, "Đã triển khai ở cả 12 thôn")


def test_a_full_assessment_from_empty_to_a_signed_file(qtbot, window, store, officer, tmp_path: Path):
    from dtdesktop.exchange.verify import verify_file
    from dtdesktop.gui.sending.sign_dialog import DONE, SignDialog

    aid = new_assessment(qtbot, window, catalog="dti-xa-diem")
    session = window.session
    n = len(session.catalog.indicators)
    assert {i.type for i in session.catalog.indicators} == {"boolean", "percent", "count", "choice"}
    assert session.values == {} and window.editor.strip.figures["answered"].text() == f"0/{n}"
    for ind in session.catalog.indicators:
        answer_with_widgets(qtbot, window, ind.code)
    settle(qtbot, window)
    assert window.editor.strip.figures["answered"].text() == f"{n}/{n}"
    stored = A.get(store, aid)
    assert stored.values == session.values and len(stored.values) == n
    kinds = {i.type: stored.values[i.code] for i in stored.catalog.indicators}
    assert (kinds["boolean"], kinds["percent"], kinds["count"]) == (True, Ratio(45, 60), 12)
    choices = [i for i in stored.catalog.indicators if i.type == "choice"]
    assert all(stored.values[i.code] == i.choices[0].code for i in choices)

    dialog = SignDialog(session, window.profile, window)
    qtbot.addWidget(dialog)
    out = tmp_path / "nop.pdf"
    dialog.ui.outputEdit.setText(str(out))
    dialog.ui.numberEdit.setText("15/BC-UBND")
    type_text(dialog.ui.secretEdit, PASSPHRASE)
    dialog.ui.signButton.click()
    qtbot.waitUntil(lambda: dialog.ui.pages.currentIndex() == DONE, timeout=30000)
    assert "15/BC-UBND" not in dialog.ui.doneLabel.text() and str(out) in dialog.ui.doneLabel.text()
    result = verify_file(out, [officer.certificate])
    assert result.valid and result.header.revision == 1 and result.signer.name == "Nguyễn Thị Hà"
    a = A.get(store, aid)
    assert (a.status, a.revision) == ("signed", 1)


def test_the_signed_file_prints_every_page(qtbot, window, store, filled, tmp_path: Path):
    from PySide6.QtPrintSupport import QPrinter

    from dtdesktop.exchange.export import write_report
    from dtdesktop.gui.sending.print_preview import PrintPreview, print_pdf

    report = write_report(store, filled, tmp_path / "du-thao.pdf")
    preview = PrintPreview(report, window)
    qtbot.addWidget(preview)
    pages = preview.document.pageCount()
    assert pages >= 5
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "in-ra.pdf"))
    printer.setResolution(150)
    assert print_pdf(preview.document, printer) == pages
    from PySide6.QtPdf import QPdfDocument

    printed = QPdfDocument()
    printed.load(str(tmp_path / "in-ra.pdf"))
    assert printed.pageCount() == pages


def test_wrong_passphrase_says_so_and_writes_nothing(qtbot, window, store, filled, tmp_path: Path):
    from dtdesktop.gui.sending.sign_dialog import CHECK, SignDialog

    window.open_assessment(filled)
    dialog = SignDialog(window.session, window.profile, window)
    qtbot.addWidget(dialog)
    out = tmp_path / "nop.pdf"
    dialog.ui.outputEdit.setText(str(out))
    type_text(dialog.ui.secretEdit, "không phải mật khẩu")
    dialog.ui.signButton.click()
    qtbot.waitUntil(lambda: bool(dialog.ui.errorLabel.text()), timeout=30000)
    assert dialog.ui.pages.currentIndex() == CHECK
    assert "mật khẩu" in dialog.ui.errorLabel.text().lower()
    assert not out.exists() and A.get(store, filled).revision == 0


def test_the_check_lists_missing_and_not_met_and_leads_to_each(qtbot, window, store, filled):
    from dtdesktop.gui.sending.sign_dialog import CODE_ROLE

    window.open_assessment(filled)
    session = window.session
    missing = set(session.result.missing)
    not_met = {r.code for r in session.result.indicators if r.status == "not_met"}
    assert missing and not_met
    seen = {}

    def look(dialog) -> None:
        listed = [dialog.ui.problemList.item(i) for i in range(dialog.ui.problemList.count())]
        seen["codes"] = {item.data(CODE_ROLE) for item in listed}
        seen["summary"] = dialog.ui.summaryLabel.text()
        target = next(item for item in listed if item.data(CODE_ROLE) in not_met)
        seen["target"] = target.data(CODE_ROLE)
        dialog.ui.problemList.setCurrentItem(target)
        qtbot.keyClick(dialog.ui.problemList, Qt.Key.Key_Return)

    on_next_dialog(qtbot, look)
    window.act_sign.trigger()
    assert seen["codes"] == missing | not_met
    assert f"{len(missing)} " in seen["summary"]
    assert window.editor.tree.current_code() == seen["target"]
    assert window.editor.panel.ind.code == seen["target"]
    assert window.editor.panel.input.isAncestorOf(window.focusWidget())


def test_typing_is_checked_as_typed_and_a_wrong_value_is_not_saved(qtbot, window, store):
    aid = new_assessment(qtbot, window)
    window.editor.tree.select("CQS.04")
    panel = window.editor.panel
    qtbot.keyClicks(panel.input.numerator, "70")
    qtbot.keyClicks(panel.input.denominator, "60")
    assert panel.ui.errorLabel.isVisible() and "70" in panel.ui.errorLabel.text()
    assert panel.input.numerator.property("invalid") is True
    settle(qtbot, window)
    assert "CQS.04" not in A.get(store, aid).values
    panel.input.denominator.setText("")
    qtbot.keyClicks(panel.input.denominator, "80")
    assert not panel.ui.errorLabel.isVisible()
    assert panel.input.shown.text() == "= 87,50%"
    settle(qtbot, window)
    assert A.get(store, aid).values["CQS.04"] == Ratio(70, 80)


def test_undo_and_redo_of_answers_reach_the_store(qtbot, window, store):
    aid = new_assessment(qtbot, window, catalog="dti-xa-diem")
    count = next(i for i in window.session.catalog.indicators if i.type == "count")
    window.editor.tree.select(count.code)
    edit = window.editor.panel.input.edit
    qtbot.keyClicks(edit, "125")  # three keystrokes, one undo step
    type_text(window.editor.panel.ui.noteEdit, "Theo sổ theo dõi của xã")
    settle(qtbot, window)
    assert A.get(store, aid).values[count.code] == 125
    window.undo_action.trigger()  # the note
    window.undo_action.trigger()  # the number
    assert edit.text() == "" and window.editor.panel.ui.noteEdit.toPlainText() == ""
    settle(qtbot, window)
    a = A.get(store, aid)
    assert count.code not in a.values and a.answers[count.code].note is None
    window.redo_action.trigger()
    assert edit.text() == "125"
    settle(qtbot, window)
    assert A.get(store, aid).values[count.code] == 125


def test_answers_survive_closing_and_opening_again(qtbot, window, store, catalog, db_path, profile):
    from dtdesktop.gui.main_window import MainWindow
    from dtdesktop.units import find

    aid = A.create(store, catalog, find("15865"), 2025)
    window.open_assessment(aid)
    text_ind = next(i for i in window.session.catalog.indicators if i.type == "text")
    window.editor.tree.select(text_ind.code)
    type_text(window.editor.panel.input.edit, "Đã triển khai ở cả 12 thôn")
    type_text(window.editor.panel.ui.noteEdit, "Ghi chú có dấu: Hoằng Hoá")
    window.close()  # at once after typing: the close waits for the write
    again = Store(f"sqlite:///{db_path}")
    second = MainWindow(again, profile)
    qtbot.addWidget(second)
    second.show()
    second.start()
    second.open_assessment(aid)
    assert second.session.notes[text_ind.code] == "Ghi chú có dấu: Hoằng Hoá"
    assert second.session.values[text_ind.code] == "Đã triển khai ở cả 12 thôn"
    second.editor.tree.select(text_ind.code)
    assert second.editor.panel.ui.noteEdit.toPlainText() == "Ghi chú có dấu: Hoằng Hoá"
    second.close()
    again.close()


def test_evidence_is_added_by_button_or_drop_and_removed(qtbot, window, store, tmp_path: Path, monkeypatch):
    from dtdesktop.gui import messages
    from dtdesktop.gui.editor import panel as panel_module

    aid = new_assessment(qtbot, window)
    window.editor.tree.select("CQS.02")
    panel = window.editor.panel
    plan = tmp_path / "kế-hoạch-2025.pdf"
    plan.write_bytes(b"%PDF-1.4\n% ke hoach\n")
    photo = tmp_path / "ảnh-hội-nghị.txt"
    photo.write_text("biên bản", encoding="utf-8")
    monkeypatch.setattr(panel_module.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(plan)], ""))
    panel.ui.addFileButton.click()
    qtbot.waitUntil(lambda: panel.evidence.count() == 1, timeout=10000)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    panel.evidence.dropEvent(drop)
    qtbot.waitUntil(lambda: panel.evidence.count() == 2, timeout=10000)
    names = {e.file_name for e in A.get(store, aid).evidence}
    assert names == {"kế-hoạch-2025.pdf", "ảnh-hội-nghị.txt"}
    monkeypatch.setattr(panel_module, "confirm", lambda *a: True)
    assert messages.confirm is not panel_module.confirm
    panel.evidence.setCurrentRow(0)
    panel.ui.removeEvidenceButton.click()
    qtbot.waitUntil(lambda: panel.evidence.count() == 1, timeout=10000)
    assert {e.file_name for e in A.get(store, aid).evidence} == {"ảnh-hội-nghị.txt"}


def test_a_citation_is_added_with_its_number_date_and_summary(qtbot, window, store):
    import datetime as dt

    aid = new_assessment(qtbot, window)
    window.editor.tree.select("CQS.01")
    panel = window.editor.panel

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.ui.numberEdit, "125/QD-UBND")
        dialog.ui.dateEdit.setDate(dt.date(2025, 3, 5))
        type_text(dialog.ui.summaryEdit, "Kiện toàn Ban chỉ đạo chuyển đổi số")
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(qtbot, fill)
    panel.ui.citeButton.click()
    qtbot.waitUntil(lambda: panel.evidence.count() == 1, timeout=10000)
    assert "05/03/2025" in panel.evidence.item(0).text()
    (e,) = A.get(store, aid).evidence
    assert (e.doc_number, e.doc_date, e.summary) == (
        "125/QD-UBND",
        dt.date(2025, 3, 5),
        "Kiện toàn Ban chỉ đạo chuyển đổi số",
    )


@pytest.mark.parametrize("mark", ["missing", "not_met"])
def test_filters_show_only_missing_or_not_met(qtbot, window, filled, mark):
    window.open_assessment(filled)
    tree = window.editor.tree
    tree.set_filter(mark)
    shown = set(tree.visible_codes())
    expected = {r.code for r in window.session.result.indicators if r.status == mark}
    assert shown == expected and shown


def test_keyboard_moves_between_indicators_and_into_the_answer(qtbot, window, filled):
    window.open_assessment(filled)
    tree = window.editor.tree
    codes = [i.code for i in window.session.catalog.indicators]
    tree.select(codes[0])
    window.act_next.trigger()
    assert tree.current_code() == codes[1]
    window.act_previous.trigger()
    assert tree.current_code() == codes[0]
    window.act_next_missing.trigger()
    assert tree.current_code() == window.session.result.missing[0]
    window.act_focus_input.trigger()
    assert window.editor.panel.input.isAncestorOf(window.focusWidget())
    for action in (window.act_next, window.act_sign, window.act_print):
        assert not action.shortcut().isEmpty()


def test_an_indicator_returned_by_the_reviewer_is_marked_with_the_comment(qtbot, window, store, filled):
    from sqlalchemy import text

    from dtdesktop.gui.icons import status_icon

    with store.transaction() as s:
        s.execute(
            text(
                "UPDATE answers SET review_comment = :c"
                " WHERE assessment_id = :a AND indicator_code = 'CQS.04'"
            ),
            {"c": "Thiếu sổ đăng ký văn bản đi", "a": filled},
        )
    window.open_assessment(filled)
    tree, panel = window.editor.tree, window.editor.panel
    item = tree.items["CQS.04"]
    assert item.data(0, Qt.ItemDataRole.UserRole) == "returned"
    assert item.icon(0).cacheKey() == status_icon("returned").cacheKey()
    tree.set_filter("returned")
    assert tree.visible_codes() == ["CQS.04"]
    tree.select("CQS.04")
    assert panel.ui.reviewLabel.isVisibleTo(panel)
    assert "Thiếu sổ đăng ký văn bản đi" in panel.ui.reviewLabel.text()


def test_a_target_not_from_a_published_text_says_so(qtbot, window):
    from dtdesktop.scoring.display import target_origin

    new_assessment(qtbot, window, catalog="thanh-hoa-xa-2025")
    session, panel = window.session, window.editor.panel
    horizon = session.assessment.horizon
    inds = session.catalog.indicators
    flagged = [i for i in inds if target_origin(i, "dtdesktop", horizon)]
    from_text = [i for i in inds if i.scored and not target_origin(i, "dtdesktop", horizon)]
    assert flagged and from_text
    for ind in (flagged[0], from_text[0], flagged[-1]):
        window.editor.tree.select(ind.code)
        label = panel.ui.targetOriginLabel
        if ind in flagged:
            assert label.isVisibleTo(panel), ind.code
            assert label.text().startswith(target_origin(ind, session.catalog.author.vi, horizon))
            assert "dtdesktop" in label.text() or "nguồn" in label.text()
        else:
            assert not label.isVisibleTo(panel), ind.code


def test_the_office_that_verifies_the_evidence_is_shown_when_the_catalog_names_one(qtbot, window):
    import dataclasses

    from dtdesktop.catalogs.model import Text

    new_assessment(qtbot, window, catalog="thanh-hoa-xa-2025")
    panel = window.editor.panel
    code = window.session.catalog.indicators[0].code
    window.editor.tree.select(code)
    hint = panel.ui.evidenceHintLabel
    assert "Văn phòng" not in hint.text()  # the shipped sets name no office: nothing is added
    office = Text("Văn phòng HĐND và UBND xã", "Office of the People's Council and Committee")
    panel.ind = dataclasses.replace(panel.ind, verified_by=office)
    panel.retranslate()
    assert hint.text().splitlines()[-1].endswith("Văn phòng HĐND và UBND xã.")
    assert (
        hint.text().splitlines()[0] == hint.text().splitlines()[0].strip()
        and len(hint.text().splitlines()) == 2
    )
