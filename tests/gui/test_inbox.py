"""The reviewer's inbox page and its table: import a folder in the background (each file's result in plain
words, Cancel keeps what was filed and nothing half-written), filter and sort the lines, triage from the
keyboard, approve the selected clean lines, and the calm "all done" state."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from sqlalchemy import func, select

from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.gui.reviewer.inbox import OUTCOME_WORDS, RESULT_VERDICTS, InboxPage, ReturnDialog
from dtdesktop.gui.reviewer.inbox_model import (
    COLUMNS,
    SORT_ROLE,
    InboxFilter,
    InboxModel,
)
from dtdesktop.gui.worker import DbWorker
from dtdesktop.i18n import _
from dtdesktop.review.importing import import_files
from dtdesktop.review.inbox import InboxRow
from dtdesktop.review.trust import register
from dtdesktop.storage.models import ReviewRow, SubmissionRow
from tests.gui.test_editor import on_next_dialog
from tests.inbox_files import make_received


@pytest.fixture(scope="session")
def received(tmp_path_factory, officer):
    return make_received(tmp_path_factory.mktemp("inbox-gui"), officer)


@pytest.fixture
def told():
    return []


@pytest.fixture
def page(qtbot, store, profile, told):
    ctx = ReviewerContext(
        store, profile, DbWorker(), lambda sentence, level="info": told.append((level, sentence))
    )
    p = InboxPage(ctx)
    qtbot.addWidget(p)
    p.resize(1093, 614)
    p.show()
    qtbot.waitUntil(lambda: p.loaded, timeout=10000)
    yield p
    p.stop_importing()
    p.importer.shutdown()
    ctx.worker.wait()
    p.close()
    shiboken6.delete(p)
    ctx.worker.shutdown()


def _lines(page) -> list[InboxRow]:
    return [page.proxy.source_row(n) for n in range(page.proxy.rowCount())]


def _submissions(store) -> int:
    with store.reading() as s:
        return s.scalar(select(func.count()).select_from(SubmissionRow))


def _select_unit(page, code: str) -> InboxRow:
    (row,) = [r for r in _lines(page) if r.unit_code == code]
    assert page.select(row.submission_id)
    page.table.setFocus()
    return row


def test_importing_a_folder_says_what_became_of_each_file(qtbot, page, store, received, tmp_path):
    register(store, received.certificate, ["15865"])
    folder = received.folder(tmp_path / "hop-thu", "hoang_hoa_1", "ham_rong", "tampered", "not_pdf")
    with qtbot.waitSignal(page.imported, timeout=30000) as signal:
        page.import_paths([folder])
        assert page.importing and page.import_panel.isVisible()  # the import runs in the background
    qtbot.waitUntil(lambda: not page.importing, timeout=5000)
    report = signal.args[0]
    assert len(report.results) == 4
    shown = {}
    for n in range(page.results.topLevelItemCount()):
        item = page.results.topLevelItem(n)
        shown[item.text(0)] = (item.text(1), item.text(2), item.text(3))
    imported, refused = _(OUTCOME_WORDS["imported"]), _(OUTCOME_WORDS["refused"])
    valid, undecided, invalid = (_(RESULT_VERDICTS[v][1]) for v in ("valid", "indeterminate", "invalid"))
    assert shown["hoang-hoa-1.pdf"][:2] == (imported, valid)
    assert shown["ham-rong.pdf"][:2] == (imported, undecided) and shown["ham-rong.pdf"][2]  # says why
    for name in ("hoang-hoa-sua.pdf", "ghi-chu.pdf"):
        assert shown[name][:2] == (refused, invalid) and shown[name][2], name
    assert "2" in page.results_title.text() and not page.import_panel.isVisible()
    words = page.results.fontMetrics().horizontalAdvance(undecided)
    assert page.results.columnWidth(2) >= words + 24  # "cannot be decided yet" whole, beside its badge
    qtbot.waitUntil(lambda: page.total == 2, timeout=10000)  # the table shows what was filed
    assert {r.unit_code for r in _lines(page)} == {"15865", "14758"}
    assert _submissions(store) == 2


def test_cancel_keeps_what_was_filed_and_nothing_half_written(qtbot, page, store, received, tmp_path):
    register(store, received.certificate, ["15865"])
    folder = received.folder(tmp_path / "hop-thu", "hoang_hoa_1", "hoang_hoa_2", "ham_rong")

    def cancel_at_once(n, total, result) -> None:  # on the worker's thread, as the first file is filed
        page.cancel_import()

    page._bridge.filed.connect(cancel_at_once, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(page.imported, timeout=30000) as signal:
        page.import_paths([folder])
    report = signal.args[0]
    assert report.stopped and 1 <= len(report.results) < 3  # a file is told once saved: maybe two were
    filed = [r for r in report.results if r.outcome in ("imported", "superseded", "conflict")]
    assert _submissions(store) == len(filed) >= 1
    assert page.results.topLevelItemCount() == len(report.results)
    assert (
        _("Cancelled: the files listed were imported; import the others again to go on.")
        in page.results_title.text()
    )
    again = import_files(store, [folder])  # the rest can be imported later; the first is not duplicated
    outcomes = sorted(r.outcome for r in again.results)
    assert outcomes == sorted(["duplicate"] * len(filed) + ["imported"] * (3 - len(filed)))


def test_a_large_folder_is_filed_by_a_process_of_its_own_and_each_file_is_heard(
    qtbot, page, store, received, tmp_path
):
    register(store, received.certificate, ["15865"])
    folder = received.folder(
        tmp_path / "hop-thu", "hoang_hoa_1", "hoang_hoa_2", "hoang_hoa_3", "ham_rong", "tampered", "not_pdf"
    )
    for n in range(3):
        shutil.copy(received.hoang_hoa_1, folder / f"gui-lai-{n}.pdf")
    heard = []
    page._bridge.filed.connect(lambda n, total, result: heard.append(n))
    with qtbot.waitSignal(page.imported, timeout=60000) as signal:
        page.import_paths([folder])
    report = signal.args[0]
    assert heard == list(range(1, 10)) and page.results.topLevelItemCount() == 9
    assert sorted(r.outcome for r in report.results).count("duplicate") == 3
    qtbot.waitUntil(lambda: page.total == 2, timeout=10000)  # a line per commune and period
    assert _submissions(store) == 4  # three revisions of one, one of the other


def test_closing_the_window_during_a_large_import_stops_it_after_the_file_being_filed(
    qtbot, store, profile, received, tmp_path
):
    from dtdesktop.gui.reviewer.window import ReviewerWindow

    folder = received.folder(tmp_path / "hop-thu", "hoang_hoa_1", "ham_rong", "not_pdf")
    for n in range(120):  # signed copies sent again: each takes a check, so the import outlasts the close
        shutil.copy(received.hoang_hoa_1, folder / f"gui-lai-{n:03}.pdf")
    window = ReviewerWindow(store, profile)
    inbox = window.pages["inbox"]
    inbox.import_paths([folder])
    qtbot.waitUntil(lambda: inbox.results.topLevelItemCount() >= 1, timeout=60000)
    window.close()  # waits for the import to stop; what was filed stays
    assert not [p for p in multiprocessing.active_children() if p.name == "dtdesktop-import"]
    qtbot.waitUntil(lambda: inbox.report is not None, timeout=5000)
    assert inbox.report.stopped and len(inbox.report.results) < 123
    filed = [r for r in inbox.report.results if r.outcome == "imported"]
    assert _submissions(store) == len(filed)
    window.worker.shutdown()
    shiboken6.delete(window)


def _row(sid: int, unit: str, percent: float, status: str = "submitted", flags=(), signer="Nguyễn Thị Hà"):
    return InboxRow(
        submission_id=sid,
        unit_scheme="2026",
        unit_code=str(10000 + sid),
        unit_name=unit.split(" ", 1)[1],
        unit_full_name=unit,
        province_code="38",
        period=2025,
        catalog_id="thanh-hoa-xa-2025",
        catalog_version="2025.1",
        revision=1,
        status=status,
        verdict="valid" if "untrusted_signer" not in flags else "indeterminate",
        sent_percent=percent,
        percent=percent,
        changes=None,
        changes_from=None,
        signer_name=signer,
        trust="unknown" if "untrusted_signer" in flags else "trusted",
        received_at=dt.datetime(2026, 3, sid, tzinfo=dt.UTC),
        file_name=f"{sid}.pdf",
        flags=frozenset(flags),
    )


ROWS = [
    _row(1, "Xã Đông Sơn", 9.5),
    _row(2, "Xã Bình Minh", 100.0, status="approved"),
    _row(3, "Xã Hoằng Hóa", 34.87, flags=("score_mismatch",)),
    _row(4, "Phường Ân Thịnh", 10.25, status="kept_aside", flags=("untrusted_signer",)),
    _row(5, "Xã Dân Chủ", 61.0, status="returned"),
]


def _model(qtbot):
    model, proxy = InboxModel(), InboxFilter()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    return model, proxy


def _units(proxy) -> list[str]:
    return [proxy.index(n, COLUMNS.index("unit")).data() for n in range(proxy.rowCount())]


def test_sorting_numbers_as_numbers_and_names_in_vietnamese_order(qtbot):
    _source, proxy = _model(qtbot)
    score = COLUMNS.index("score")
    proxy.sort(score, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(n, score).data(SORT_ROLE) for n in range(5)] == [9.5, 10.25, 34.87, 61.0, 100.0]
    assert proxy.index(0, score).data() == "9,50%"  # Vietnamese number format
    proxy.sort(COLUMNS.index("unit"), Qt.SortOrder.AscendingOrder)
    # Â after A and before B, Đ after D: the kind ("Xã", "Phường") is not sorted by
    assert _units(proxy) == ["Phường Ân Thịnh", "Xã Bình Minh", "Xã Dân Chủ", "Xã Đông Sơn", "Xã Hoằng Hóa"]
    proxy.sort(COLUMNS.index("unit"), Qt.SortOrder.DescendingOrder)
    assert _units(proxy)[0] == "Xã Hoằng Hóa"


def test_filtering_by_folded_text_status_and_flag(qtbot):
    model, proxy = _model(qtbot)
    proxy.set_text("hoang hoa")
    assert _units(proxy) == ["Xã Hoằng Hóa"]
    proxy.set_text("dong son")  # đ folds to d
    assert _units(proxy) == ["Xã Đông Sơn"]
    proxy.set_text("Hoằng")
    assert _units(proxy) == ["Xã Hoằng Hóa"]
    proxy.set_text("")
    proxy.set_status(InboxFilter.WAITING)
    assert sorted(_units(proxy)) == ["Phường Ân Thịnh", "Xã Hoằng Hóa", "Xã Đông Sơn"]
    proxy.set_status("approved")
    assert _units(proxy) == ["Xã Bình Minh"]
    proxy.set_status(None)
    proxy.set_flag(InboxFilter.ANY_FLAG)
    assert sorted(_units(proxy)) == ["Phường Ân Thịnh", "Xã Hoằng Hóa"]
    proxy.set_flag("score_mismatch")
    assert _units(proxy) == ["Xã Hoằng Hóa"]
    proxy.sort(COLUMNS.index("score"), Qt.SortOrder.DescendingOrder)  # a sort keeps the filter
    assert _units(proxy) == ["Xã Hoằng Hóa"]
    proxy.set_flag(None)
    model.set_rows(ROWS[:2])  # new lines are filtered too
    proxy.set_text("dong")
    assert _units(proxy) == ["Xã Đông Sơn"]


def test_the_communes_of_a_figure_are_shown_whatever_their_status(qtbot):
    model, proxy = _model(qtbot)
    proxy.set_status("approved")
    codes = {r.unit_code for r in model.rows() if r.unit_name in ("Hoằng Hóa", "Bình Minh")}
    proxy.set_units(frozenset(codes))
    assert _units(proxy) == ["Xã Bình Minh"]
    proxy.set_status(None)
    assert sorted(_units(proxy)) == ["Xã Bình Minh", "Xã Hoằng Hóa"]
    proxy.set_units(None)
    assert len(_units(proxy)) == len(model.rows())


def test_badges_say_in_words_what_they_mean(qtbot):
    _source, proxy = _model(qtbot)
    proxy.set_text("an thinh")
    trust = proxy.index(0, COLUMNS.index("trust"))
    assert trust.data() == _("signer unknown")
    assert trust.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "signer" in trust.data(Qt.ItemDataRole.ToolTipRole) or "ký" in trust.data(
        Qt.ItemDataRole.ToolTipRole
    )
    proxy.set_text("hoang hoa")
    status_tip = proxy.index(0, COLUMNS.index("status")).data(Qt.ItemDataRole.ToolTipRole)
    assert len(status_tip.splitlines()) == 2  # the status, then the flag in words
    assert proxy.index(0, COLUMNS.index("score")).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_keyboard_triage_approves_returns_and_opens(qtbot, page, store, received, told):
    register(store, received.certificate, ["15865", "14758"])
    import_files(store, [received.hoang_hoa_1, received.ham_rong])
    page.refresh()
    qtbot.waitUntil(lambda: page.total == 2, timeout=10000)
    first = _select_unit(page, "15865")
    with qtbot.waitSignal(page.opened, timeout=3000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [first.submission_id]
    page._go_to(0)
    qtbot.keyClick(page.table, Qt.Key.Key_J)
    assert page.table.currentIndex().row() == 1 and len(page.selected_rows()) == 1
    qtbot.keyClick(page.table, Qt.Key.Key_J)  # the last line stays the last
    assert page.table.currentIndex().row() == 1
    qtbot.keyClick(page.table, Qt.Key.Key_K)
    assert page.table.currentIndex().row() == 0 and page.current_row() == _lines(page)[0]
    _select_unit(page, "15865")
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: page.waiting == 1, timeout=10000)
    with store.reading() as s:
        assert s.get(SubmissionRow, first.submission_id).status == "approved"
    assert [r.unit_code for r in _lines(page)] == ["14758"]  # "waiting for you" no longer shows it
    other = _select_unit(page, "14758")

    def fill(dialog: ReturnDialog) -> None:
        assert not dialog.return_button.isEnabled()  # a return says what to fix
        dialog.criterion.setCurrentIndex(dialog.criterion.findData("CQS.04"))
        dialog.comment.setPlainText("Tỷ lệ chưa khớp với báo cáo quý IV.")
        dialog.overall.setText("Đề nghị bổ sung minh chứng.")
        dialog.return_button.click()

    on_next_dialog(qtbot, fill)
    qtbot.keyClick(page.table, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: page.waiting == 0, timeout=10000)
    with store.reading() as s:
        assert s.get(SubmissionRow, other.submission_id).status == "returned"
        step = s.scalars(select(ReviewRow).where(ReviewRow.submission_id == other.submission_id)).one()
        assert (step.action, step.overall) == ("return", "Đề nghị bổ sung minh chứng.")
        assert "CQS.04" in step.comments and "quý IV" in step.comments
    assert any("Hàm Rồng" in sentence for _level, sentence in told)
    # nothing waits any more: the calm sentence instead of an empty table
    assert page.all_done() and page.stack.currentIndex() == 1
    assert page.empty_text.text() == _(
        "All done: every submission received has been reviewed. Nothing is waiting for you."
    )
    page.empty_button.click()  # show all: both lines again, with their new statuses
    assert sorted(r.status for r in _lines(page)) == ["approved", "returned"]
    assert page.stack.currentIndex() == 0


def test_bulk_approval_skips_flagged_lines_and_says_so(qtbot, page, store, received, told):
    register(store, received.certificate, ["15865"])
    import_files(store, [received.hoang_hoa_1, received.ham_rong])
    page.refresh()
    qtbot.waitUntil(lambda: page.total == 2, timeout=10000)
    page.table.selectAll()
    assert len(page.selected_rows()) == 2
    asked = []

    def answer(button_text: str):
        def act(box) -> None:
            asked.append(box.text())
            (button,) = [b for b in box.buttons() if b.text() == button_text]
            button.click()

        return act

    on_next_dialog(qtbot, answer(_("Cancel")))  # a second thought: nothing is approved
    page.bulk_button.click()
    assert asked and "2" in asked[0] and page.last_bulk_message == ""
    with store.reading() as s:
        assert {r.status for r in s.scalars(select(SubmissionRow))} == {"submitted"}
    on_next_dialog(qtbot, answer(_("Approve")))
    page.bulk_button.click()
    qtbot.waitUntil(lambda: page.last_bulk_message != "", timeout=10000)
    statuses = {r.unit_code: r.status for r in page.model.rows()}
    assert statuses == {"15865": "approved", "14758": "kept_aside"}
    with store.reading() as s:
        assert sorted(r.status for r in s.scalars(select(SubmissionRow))) == ["approved", "submitted"]
    message = page.last_bulk_message
    assert message.startswith(_("{n} approved.").format(n=1))
    assert _("{n} left as they were: {why}.").split("{")[0].strip() in message
    assert _("flagged or not verified cleanly") in message
    assert told[-1] == ("warning", message)
    page.status_combo.setCurrentIndex(page.status_combo.findData(InboxFilter.WAITING))
    _select_unit(page, "14758")
    qtbot.keyClick(page.table, Qt.Key.Key_A)  # a line that cannot be decided: the core says why, in words
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10000)
    level, sentence = told[-1]
    assert (
        level == "warning"
        and "Traceback" not in sentence
        and str(_select_unit(page, "14758").submission_id) in sentence
    )


def test_an_empty_inbox_invites_an_import_and_takes_a_drop(qtbot, page, received, tmp_path):
    assert page.total == 0 and not page.all_done()
    assert page.stack.currentIndex() == 1
    assert page.empty_button.text() == _("Import files…")
    assert [a.text() for a in page.actions()] == [_("Import files…"), _("Import a folder…")]
    folder = received.folder(tmp_path / "tha", "not_pdf")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    args = (
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(*args)
    page.dragEnterEvent(enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(page.imported, timeout=30000) as signal:
        page.dropEvent(QDropEvent(*args))
    assert [r.outcome for r in signal.args[0].results] == ["refused"]
    assert page.results.topLevelItem(0).text(1) == _(OUTCOME_WORDS["refused"])


def test_a_language_switch_keeps_what_is_chosen(qtbot, page):
    from dtdesktop.gui.app import switch_language

    assert page.heading.text() == "Hồ sơ đã nhận"
    page.status_combo.setCurrentIndex(page.status_combo.findData("approved"))
    try:
        switch_language("en")
        qtbot.waitUntil(lambda: page.heading.text() == "Submissions received", timeout=3000)
        assert page.status_combo.currentData() == "approved"
        assert page.status_combo.currentText() == "Approved"
        assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Unit"
    finally:
        switch_language("vi")
    qtbot.waitUntil(lambda: page.heading.text() == "Hồ sơ đã nhận", timeout=3000)


def test_a_language_switch_during_an_import_speaks_the_new_language(qtbot, page):
    from dtdesktop.gui.app import switch_language
    from dtdesktop.review.importing import FileResult

    page.importing = True  # as while an import runs: the lines listed so far
    page.progress.setRange(0, 500)
    page.progress.setValue(44)
    page._fill_results([FileResult("/hop-thu/15865.pdf", "imported", verdict="valid")])
    try:
        switch_language("en")
        qtbot.waitUntil(lambda: page.heading.text() == "Submissions received", timeout=3000)
        item = page.results.topLevelItem(0)
        assert (item.text(1), item.text(2)) == (OUTCOME_WORDS["imported"], RESULT_VERDICTS["valid"][1])
        assert page.results_title.text() == "Importing…" and page.progress_label.text() == "44 / 500"
    finally:
        switch_language("vi")
        page.importing = False
    qtbot.waitUntil(
        lambda: page.results.topLevelItem(0).text(1) == _(OUTCOME_WORDS["imported"]), timeout=3000
    )


def test_the_store_stays_free_for_the_reviewer_while_a_large_import_runs(
    qtbot, page, store, received, tmp_path
):
    import threading

    folder = received.folder(tmp_path / "hop-thu", "hoang_hoa_1", "ham_rong")
    for n in range(10):
        shutil.copy(received.not_pdf, folder / f"hong-{n:02}.pdf")
    answered, held = threading.Event(), []

    def hold(n, total, result) -> None:  # on the import's thread, as its first file is filed
        if n == 1:
            page.ctx.worker.submit(answered.set)  # the reviewer opens a submission meanwhile, say
            held.append(answered.wait(10))  # the import goes on only once the store's worker answered

    page._bridge.filed.connect(hold, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(page.imported, timeout=60000) as signal:
        page.import_paths([folder])
    assert held == [True] and len(signal.args[0].results) == 12


def test_the_import_dialogs_open_where_the_reviewer_was_last(qtbot, page, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    dot1, dot2 = tmp_path / "hop-thu" / "dot-1", tmp_path / "hop-thu" / "dot-2"
    dot1.mkdir(parents=True)
    dot2.mkdir()
    opened: list[str] = []
    answers = iter([str(dot1), str(dot2)])
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        lambda _parent, _title, start="": (opened.append(start), next(answers))[1],
    )
    imported: list = []
    monkeypatch.setattr(page, "import_paths", imported.append)
    page.choose_folder()
    page.choose_folder()
    assert imported == [[dot1], [dot2]]
    assert opened[1] == str(tmp_path / "hop-thu")  # beside the folder of the first batch
    files: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda _parent, _title, start="", _filter="": (files.append(start), ([], ""))[1],
    )
    page.choose_files()
    assert files == [str(tmp_path / "hop-thu")]


def test_a_narrow_table_scrolls_rather_than_squeeze_the_communes_names(qtbot):
    from PySide6.QtWidgets import QHeaderView, QTableView

    from dtdesktop.gui.reviewer.inbox_model import configure_table, fit_unit

    _source, proxy = _model(qtbot)  # the model must outlive the view
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    configure_table(view)
    unit = COLUMNS.index("unit")
    name = view.fontMetrics().horizontalAdvance("Phường Nguyễn Trung Trực")
    for width, stretched in ((700, False), (2400, True)):
        view.resize(width, 300)
        view.show()
        fit_unit(view)
        mode = view.horizontalHeader().sectionResizeMode(unit)
        assert (mode == QHeaderView.ResizeMode.Stretch) == stretched
        assert view.columnWidth(unit) >= name, width


def test_one_criteria_set_needs_no_column_of_its_own(qtbot, page, store, received, tmp_path):
    register(store, received.certificate, ["15865"])
    folder = received.folder(tmp_path / "hop-thu", "hoang_hoa_1", "ham_rong")
    with qtbot.waitSignal(page.imported, timeout=30000):
        page.import_paths([folder])
    qtbot.waitUntil(lambda: page.total == 2, timeout=10000)
    assert page.table.isColumnHidden(COLUMNS.index("catalog"))
