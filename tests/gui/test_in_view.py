"""What the officer must see, where they look: results and problems in the window (not only the status
bar), every word in the chosen language after a switch, a readable chart, plain answers to plain
situations (a second assessment of the same year, a file no program opens, the first start cancelled)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)

from dtdesktop.scoring.answers import Ratio
from dtdesktop.storage import assessments as A
from tests.gui.driving import settle
from tests.gui.test_editor import new_assessment, on_next_dialog


def _vietnamese_letters(text: str) -> bool:
    import unicodedata

    return any(
        ch in "đĐ"
        or any(
            m in unicodedata.normalize("NFD", ch) for m in "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b"
        )
        for ch in text
    )


def _shown_texts(window) -> list[str]:
    """Every word the window shows that comes from the program (labels, buttons, group titles, lists, the
    tree, the chart); what the officer typed and the names of places and people are left out by the
    caller."""
    out: list[str] = []
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.text():
            out.append(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text():
            out.append(button.text())
    for box in window.findChildren(QGroupBox):
        if box.isVisibleTo(window):
            out.append(box.title())
    for combo in window.findChildren(QComboBox):
        if combo.isVisibleTo(window):
            out.extend(combo.itemText(i) for i in range(combo.count()))
    for tree in window.findChildren(QTreeWidget):
        it = QTreeWidgetItemIterator(tree)
        while it.value():
            out.append(it.value().text(0))
            it += 1
    for action in window.findChildren(type(window.act_new)):
        out.append(action.text())
    chart = window.editor.chart.chart()
    out.append(chart.title())
    out.extend(window.editor.chart.categories.categories())
    out.append(window.editor.chart.series.labelsFormat())
    return out


def test_english_mode_leaves_no_vietnamese_and_redraws_every_figure(qtbot, window, filled):
    window.open_assessment(filled)
    session = window.session
    kinds = {}
    for ind in session.catalog.indicators:
        kinds.setdefault(ind.type, ind.code)
    typed = {n for n in session.notes.values()} | {str(v) for v in session.values.values()}
    proper = {"Hoằng Hoá", "Hoằng Hóa", "Thanh Hoá", "Thanh Hóa", "Nguyễn Thị Hà", "Tiếng Việt"}
    for code in kinds.values():  # every kind of input, switched while it is shown
        window.editor.tree.select(code)
        window.language_actions["vi"].trigger()
        window.language_actions["en"].trigger()
        leftovers = [
            t
            for t in _shown_texts(window)
            if _vietnamese_letters(t) and t not in typed and not any(p in t for p in proper)
        ]
        assert leftovers == [], (code, leftovers)
        if session.catalog.indicator(code).type == "percent":
            assert window.editor.panel.input.of_label.text() == "of"
            assert "," not in window.editor.panel.input.shown.text()  # 75.00%, not 75,00%
    assert window.editor.chart.chart().locale().name().startswith("en")


def test_a_backup_says_where_it_went_in_the_window(qtbot, window, filled, tmp_path: Path, monkeypatch):
    from dtdesktop.gui import main_window as mw

    out = tmp_path / "sao-luu.sqlite3"
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(mw.QMessageBox, "question", lambda *a: mw.QMessageBox.StandardButton.Yes)
    window.backup()
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=10000)
    assert str(out) in window.notice.text.text()
    window.notice.close_button.click()
    assert not window.notice.isVisible()


def test_the_score_strip_says_whether_the_work_is_saved(qtbot, window, store, monkeypatch):
    aid = new_assessment(qtbot, window)
    strip = window.editor.strip
    assert strip.save_state.isVisible() and "lưu" in strip.save_state.text()  # the window is in Vietnamese
    window.editor.tree.select("CQS.04")
    qtbot.keyClicks(window.editor.panel.input.numerator, "10")
    qtbot.keyClicks(window.editor.panel.input.denominator, "20")
    settle(qtbot, window)
    assert re.search(r"\d\d:\d\d:\d\d", strip.save_state.text())

    def broken(*_a, **_k):
        raise A.AssessmentError("Ổ đĩa đầy.")

    monkeypatch.setattr(A, "set_answers", broken)
    qtbot.keyClicks(window.editor.panel.input.denominator, "0")
    settle(qtbot, window)
    assert strip.save_state.property("role") == "saveFailed"
    assert window.editor.problem.isVisible() and "Ổ đĩa đầy." in window.editor.problem.text()
    assert A.get(store, aid).values["CQS.04"].denominator == 20  # what failed is not half-written


def test_a_scored_indicator_without_a_target_never_says_for_information():
    from dtdesktop.catalogs.registry import shipped_catalogs
    from dtdesktop.i18n import using
    from dtdesktop.scoring.display import goal_text

    seen = 0
    for catalog in shipped_catalogs():
        for ind in catalog.indicators:
            for year in catalog.horizons:
                with using("en"):
                    text = goal_text(ind, year, "en")
                assert ("for information" in text) == (not ind.scored), (catalog.id, ind.code, text)
                seen += ind.scored and ind.target_for(year) is None
    assert seen  # the shipped sets do have scored indicators without a target


def test_eight_pillars_each_keep_a_whole_label(qtbot, window, store):
    new_assessment(qtbot, window, catalog="dti-xa-diem")
    chart = window.editor.chart
    codes = [p.code for p in window.session.catalog.pillars]
    assert len(codes) == 8 and chart.categories.categories() == codes
    assert not chart.categories.truncateLabels()
    assert chart.series.labelsFormat() == "@value"  # "77,5" fits a narrow column; the title says %


def test_evidence_no_program_opens_is_said_and_leaves_with_the_indicator(
    qtbot, window, store, filled, monkeypatch
):
    from dtdesktop.gui import desktop

    window.open_assessment(filled)
    session = window.session
    code = next(e.indicator_code for e in session.evidence if e.file_sha256)
    window.editor.tree.select(code)
    panel = window.editor.panel
    for row in range(panel.evidence.count()):
        panel.evidence.setCurrentRow(row)
        if panel.evidence.current_evidence().file_sha256:
            break
    assert panel.evidence.current_evidence().file_sha256
    monkeypatch.setattr(desktop, "open_file", lambda path: False)
    panel.open_evidence()
    qtbot.waitUntil(lambda: panel.evidence_problem.isVisible(), timeout=10000)
    assert "program" in panel.evidence_problem.text() or "chương trình" in panel.evidence_problem.text()
    other = next(i.code for i in session.catalog.indicators if i.code != code)
    window.editor.tree.select(other)
    assert not panel.evidence_problem.isVisible()


def test_a_refused_file_is_said_under_the_evidence_and_leaves_with_the_indicator(
    qtbot, window, store, filled, tmp_path: Path
):
    window.open_assessment(filled)
    window.editor.tree.select("CQS.01")
    panel = window.editor.panel
    folder = tmp_path / "thu-muc"
    folder.mkdir()  # a folder is not a file: the store refuses it
    panel.add_paths([folder])
    qtbot.waitUntil(lambda: panel.evidence_problem.isVisible(), timeout=10000)
    assert panel.evidence_problem.text()
    assert window.editor.strip.save_state.property("role") == "saveState"  # answers are saved all the same
    window.editor.tree.select("CQS.02")
    assert not panel.evidence_problem.isVisible()


def test_a_second_assessment_of_the_same_year_offers_the_one_that_exists(qtbot, window, store, filled):
    window.refresh_list()
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 1, timeout=10000)
    said: list[str] = []

    def open_it(box) -> None:
        said.append(box.text())
        assert box.windowTitle() != "" and "went wrong" not in box.windowTitle().lower()
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()

    def fill(dialog) -> None:
        dialog.ui.catalogCombo.setCurrentIndex(dialog.ui.catalogCombo.findData("thanh-hoa-xa-2025"))
        dialog.ui.periodSpin.setValue(2025)
        on_next_dialog(qtbot, open_it)
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(qtbot, fill)
    window.list_page.ui.newButton.click()
    qtbot.waitUntil(lambda: window.session is not None, timeout=10000)
    assert window.session.id == filled and len(A.list_all(store)) == 1
    assert said and "2025" in said[0]


def test_only_the_provinces_criteria_are_offered_unless_asked(qtbot, window):
    seen: dict[str, list[str]] = {}

    def look(dialog) -> None:
        combo = dialog.ui.catalogCombo
        seen["mine"] = [combo.itemData(i) for i in range(combo.count())]
        dialog.ui.allCatalogsCheck.setChecked(True)
        seen["all"] = [combo.itemData(i) for i in range(combo.count())]
        dialog.reject()

    on_next_dialog(qtbot, look)
    window.list_page.ui.newButton.click()
    qtbot.waitUntil(lambda: "all" in seen, timeout=10000)
    assert seen["mine"][0] == "thanh-hoa-xa-2025"
    assert "quoc-gia-2361-xa" in seen["mine"] and "thai-binh-xa" not in seen["mine"]
    assert set(seen["mine"]) < set(seen["all"]) and "thai-binh-xa" in seen["all"]


@pytest.mark.parametrize("go_back", [True, False])
def test_cancelling_the_first_start_explains_and_offers_to_go_back(qtbot, store, monkeypatch, go_back):
    from dtdesktop import profile as profiles
    from dtdesktop.gui import main_window as mw
    from dtdesktop.gui.app import create_application
    from dtdesktop.gui.main_window import MainWindow
    from dtdesktop.gui.style import apply_style

    apply_style(create_application())
    runs: list[int] = []

    def exec_(wizard) -> int:
        runs.append(1)
        return 0 if len(runs) == 1 else 1

    monkeypatch.setattr(mw.FirstStart, "exec", exec_)
    complete = profiles.Profile(
        "15865", "Nguyễn Thị Hà", "Chủ tịch UBND xã", profiles.SigningIdentity("pkcs12", "x.p12")
    )
    monkeypatch.setattr(mw.FirstStart, "result_profile", lambda self: complete)
    said: list[str] = []

    def answer(box) -> None:
        said.append(box.text())
        role = QMessageBox.ButtonRole.AcceptRole if go_back else QMessageBox.ButtonRole.RejectRole
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()

    window = MainWindow(store, profiles.Profile())
    window.show()
    on_next_dialog(qtbot, answer)
    started = window.start()
    assert said and "xã" in said[0]  # the window is in Vietnamese
    assert started is go_back and len(runs) == (2 if go_back else 1)
    assert (window.profile == complete.with_changes(role="officer")) is go_back
    window.worker.wait()
    qtbot.wait(50)  # the list's rows come back to the window
    window.close()
    # Gone now, not at a later turn of the event loop: a window left half-started would otherwise take
    # the next tests' style sheet and language switches (the application itself has only one window).
    shiboken6.delete(window)


def test_down_from_the_communes_name_goes_into_the_communes_found(qtbot):
    """Keyboard only: type the name, ↓ chooses the first commune found, ↓ again the next."""
    from PySide6.QtCore import Qt

    from dtdesktop.gui.app import create_application
    from dtdesktop.gui.first_start import UnitPage

    create_application()
    page = UnitPage()
    qtbot.addWidget(page)
    page.show()
    page.ui.searchEdit.setFocus()
    qtbot.keyClicks(page.ui.searchEdit, "hoang hoa")
    found = [
        page.ui.resultList.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.ui.resultList.count())
    ]
    assert len(found) >= 2 and page.unit is None  # two communes: none chosen for the officer
    qtbot.keyClick(page.ui.searchEdit, Qt.Key.Key_Down)
    assert page.unit == found[0] and page.focusWidget() is page.ui.resultList
    qtbot.keyClick(page.ui.resultList, Qt.Key.Key_Down)
    assert page.unit == found[1]


def test_what_the_screen_shows_is_what_is_saved_while_a_ratio_is_unfinished_or_wrong(qtbot, window, store):
    aid = new_assessment(qtbot, window)
    window.editor.tree.select("CQS.07")
    inp = window.editor.panel.input
    qtbot.keyClicks(inp.numerator, "30")
    qtbot.keyClicks(inp.denominator, "40")
    settle(qtbot, window)
    assert A.get(store, aid).values["CQS.07"] == Ratio(30, 40)
    inp.denominator.clear()  # unfinished: not an answer any more, on the screen or in the store
    settle(qtbot, window)
    assert "CQS.07" not in A.get(store, aid).values and "CQS.07" in window.session.result.missing
    assert window.editor.panel.ui.errorLabel.isVisible()
    qtbot.keyClicks(inp.denominator, "20")  # wrong: 30 of 20
    settle(qtbot, window)
    assert "CQS.07" not in A.get(store, aid).values and inp.numerator.property("invalid") is True
    inp.denominator.clear()
    qtbot.keyClicks(inp.denominator, "50")
    settle(qtbot, window)
    assert A.get(store, aid).values["CQS.07"] == Ratio(30, 50)
    window.close_assessment()
    window.open_assessment(aid)
    window.editor.tree.select("CQS.07")
    assert (window.editor.panel.input.numerator.text(), window.editor.panel.input.denominator.text()) == (
        "30",
        "50",
    )


def test_a_count_typed_wrong_takes_back_the_saved_count(qtbot, window, store):
    aid = new_assessment(qtbot, window, catalog="dti-xa-diem")
    count = next(i for i in window.session.catalog.indicators if i.type == "count")
    window.editor.tree.select(count.code)
    edit = window.editor.panel.input.edit
    qtbot.keyClicks(edit, "12")
    settle(qtbot, window)
    assert A.get(store, aid).values[count.code] == 12
    qtbot.keyClicks(edit, ",5")  # 12,5 is not a count
    settle(qtbot, window)
    assert count.code not in A.get(store, aid).values
    text = window.editor.panel.ui.errorLabel.text()
    assert text[:1].isupper() and edit.property("invalid") is True


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_alt_letter_of_the_menus_is_taken_by_a_field_of_the_indicator(qtbot, window, filled, lang):
    """Alt+C must answer "Có", not open a menu: the menus' letters and the panel's are all different."""
    from PySide6.QtGui import QKeySequence

    window.open_assessment(filled)
    window.set_language(lang)
    menus = {}
    for action in window.menuBar().actions():
        key = QKeySequence.mnemonic(action.text()).toString().lower()
        assert key, action.text()
        assert key not in menus, (action.text(), menus[key])
        menus[key] = action.text()
    session = window.session
    for kind in ("boolean", "percent", "choice", "count"):
        code = next((i.code for i in session.catalog.indicators if i.type == kind), None)
        if code is None:
            continue
        window.editor.tree.select(code)
        for widget in window.editor.panel.findChildren(QWidget):
            text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
            if isinstance(widget, QGroupBox):
                text = widget.title()
            if not widget.isVisibleTo(window) or "&" not in text:
                continue
            key = QKeySequence.mnemonic(text).toString().lower()
            assert key not in menus, (text, menus.get(key))


def test_undoing_another_indicators_answer_brings_it_into_view(qtbot, window, store):
    new_assessment(qtbot, window)
    window.editor.tree.select("CQS.07")
    qtbot.keyClicks(window.editor.panel.input.numerator, "30")
    qtbot.keyClicks(window.editor.panel.input.denominator, "40")
    window.editor.tree.select("CQS.06")
    settle(qtbot, window)
    window.undo_action.trigger()
    assert window.editor.panel.ind.code == "CQS.07" and window.editor.tree.current_code() == "CQS.07"
    assert window.editor.panel.input.numerator.text() == "" and "CQS.07" not in window.session.values


def test_a_laptop_at_125_percent_keeps_the_names_of_sign_and_print(qtbot, window, filled):
    from PySide6.QtCore import Qt

    window.open_assessment(filled)
    window.showNormal()
    toolbar = window.toolbar
    for width in (1094, 900, 640):  # 1366 px at 125%, then narrower
        window.resize(width, 600)
        qtbot.wait(30)
        buttons = [toolbar.widgetForAction(a) for a in (window.act_sign, window.act_print)]
        assert all(b.isVisible() and toolbar.rect().contains(b.geometry()) for b in buttons), width
        if width == 1094:
            assert all(b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon for b in buttons)
            new = toolbar.widgetForAction(window.act_new)
            assert new.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly


@pytest.mark.parametrize("typed", ["thanh hoa", "Thanh Hóa", "THANH HOA"])
def test_a_province_is_found_by_typing_its_name(qtbot, typed):
    from dtdesktop.gui.app import create_application
    from dtdesktop.gui.first_start import UnitPage
    from tests.gui.driving import type_text

    create_application()
    page = UnitPage()
    qtbot.addWidget(page)
    page.show()
    combo = page.ui.provinceCombo
    combo.setFocus()
    if typed.isascii():
        qtbot.keyClicks(combo, typed)
    else:
        for ch in typed:  # as a Vietnamese keyboard sends each letter
            qtbot.keyClick(combo, ch) if ch.isascii() else type_text(combo, ch)
    assert combo.currentText() == "Tỉnh Thanh Hóa" and not combo.view().isVisible()  # no list popped up


def test_a_province_is_found_by_typing_in_the_open_list(qtbot):
    from PySide6.QtCore import Qt

    from dtdesktop.gui.app import create_application
    from dtdesktop.gui.first_start import UnitPage

    create_application()
    page = UnitPage()
    qtbot.addWidget(page)
    page.show()
    combo = page.ui.provinceCombo
    combo.showPopup()  # a click opened the list; then the reviewer types
    qtbot.waitUntil(combo.view().isVisible, timeout=2000)
    qtbot.keyClicks(combo.view(), "thanh hoa")
    assert combo.view().currentIndex().data() == "Tỉnh Thanh Hóa"
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: combo.currentText() == "Tỉnh Thanh Hóa", timeout=2000)
