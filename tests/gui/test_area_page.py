"""The area's dashboard in the reviewer's window: a province's worth of submissions (rows inserted as an
import keeps them, with a spread of scores and review states), the page's figures against the core's
summary, the communes behind each click, and the report exported and printed."""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_area import fill_area

from dtdesktop.catalogs.registry import resolve
from dtdesktop.profile import Profile
from dtdesktop.summary.area import build_summary
from dtdesktop.units.registry import unit_list

THANH_HOA = "38"
FILLED = 100  # of the province's 166 communes: the others sent nothing


@pytest.fixture
def area(store):
    """A Thanh Hóa reviewer's store: 100 communes drawn in every state, 66 that never sent anything."""
    communes = unit_list().communes(THANH_HOA)[:FILLED]
    drawn = fill_area(store, resolve("thanh-hoa-xa-2025"), communes, 2025, seed=7)
    return store, drawn


def open_page(qtbot, store, reviewer_unit: str, told: list | None = None):
    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.reviewer.area import AreaPage
    from dtdesktop.gui.reviewer.context import ReviewerContext
    from dtdesktop.gui.style import apply_style

    apply_style(create_application())
    switch_language("vi")
    tell = (lambda sentence, level="info": told.append((level, sentence))) if told is not None else None
    ctx = ReviewerContext(store, Profile(role="reviewer", reviewer_unit=reviewer_unit))
    if tell is not None:
        ctx.tell = tell
    page = AreaPage(ctx)
    qtbot.addWidget(page)
    page.resize(1093, 614)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.refresh()
    return page


@pytest.fixture
def page(qtbot, area):
    store, _drawn = area
    told: list = []
    p = open_page(qtbot, store, THANH_HOA, told)
    p.told = told
    yield p
    close(p)


def close(page) -> None:
    page.ctx.worker.wait()
    page.close()
    worker = page.ctx.worker
    shiboken6.delete(page)
    worker.shutdown()


def test_the_figures_are_the_core_summary(page, area):
    store, drawn = area
    s = build_summary(store, THANH_HOA, 2025)
    assert page.summary.counts == s.counts
    expected = Counter(drawn.values())
    expected["not_sent"] += len(unit_list().communes(THANH_HOA)) - FILLED
    assert s.counts == {k: expected.get(k, 0) for k in s.counts}  # the generator's draw, counted apart
    assert all(s.counts[k] for k in ("approved", "submitted", "returned", "not_sent"))  # a real spread
    for status, n in s.counts.items():
        assert page.cards[status].figure.text() == str(n)
    assert page.cards["all"].figure.text() == "166"
    assert page.cards["sent"].figure.text() == str(166 - s.counts["not_sent"])
    average = page.cards["average"].figure.text()
    assert average.endswith("%") and "," in average  # 61,37%: the Vietnamese way
    assert "Thanh Hóa" in page.heading.full_text() and "2025" in page.heading.full_text()


def test_the_target_bar_shows_how_many_completed(page, area):
    store, _drawn = area
    s = build_summary(store, THANH_HOA, 2025)
    completed = sum(1 for x in s.lines if x.completed and x.status in ("approved", "submitted", "returned"))
    assert completed > 0
    bar = next(b for b in page.target_bars if "/ 300" in b.label.text())
    assert bar.label.text().startswith(f"Thanh Hóa: {completed} / 300 ")
    assert (bar.bar.value(), bar.bar.maximum(), bar.met) == (completed, 300, False)
    assert "#C62828" in bar.bar.styleSheet()  # red: far from the target
    qtbot_click(bar)
    assert len(page.side_codes()) == 166  # the province-wide target: every commune, completed ones first
    first = page.side_codes()[:completed]
    assert set(first) == {x.unit.code for x in s.lines if x.completed}


def qtbot_click(widget) -> None:
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_column_of_the_histogram_lists_its_communes(qtbot, page, area):
    store, _drawn = area
    s = build_summary(store, THANH_HOA, 2025)
    bins = s.distribution()
    fullest = max(range(10), key=lambda i: bins[i])
    page.scroll.ensureWidgetVisible(page.histogram)
    assert [page.histogram.bars.at(i) for i in range(10)] == bins
    from PySide6.QtTest import QTest

    QTest.mouseClick(
        page.histogram.viewport(), Qt.MouseButton.LeftButton, pos=page.histogram.bar_centre(fullest)
    )
    expected = [
        x.unit.code
        for x in sorted(s.lines, key=lambda x: (-(x.percent or 0), x.unit.code))
        if x.percent is not None and fullest * 10 <= x.percent < fullest * 10 + 10
    ]
    assert page.selection == ("bin", fullest)
    assert page.side_codes() == expected and len(expected) == bins[fullest]
    assert f"{fullest * 10}%" in page.side_title.text()


def test_a_figure_and_an_indicator_list_their_communes(qtbot, page, area):
    store, drawn = area
    qtbot_click(page.cards["returned"])
    assert set(page.side_codes()) == {c for c, st in drawn.items() if st == "returned"}
    s = build_summary(store, THANH_HOA, 2025)
    weakest, met, judged = s.weakest()[0]
    assert (
        page.weakest.item(0, 0).text() == weakest.code
        and page.weakest.item(0, 2).text() == f"{met} / {judged}"
    )
    rect = page.weakest.visualItemRect(page.weakest.item(0, 1))
    from PySide6.QtTest import QTest

    QTest.mouseClick(page.weakest.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    failing = {x.unit.code for x in s.lines if x.indicators.get(weakest.code) in ("not_met", "missing")}
    assert set(page.side_codes()) == failing and len(failing) == judged - met
    opened: list = []
    page.open_units.connect(opened.append)
    page.open_button.click()
    assert opened == [page.side_codes()]


def test_the_communes_that_sent_nothing(page, area):
    _store, drawn = area
    everyone = {u.code for u in unit_list().communes(THANH_HOA)}
    sent = {c for c, st in drawn.items() if st != "not_sent"}
    model = page.not_sent_model
    assert set(model.codes()) == everyone - sent
    assert str(len(everyone - sent)) in page.not_sent_title.text()
    ranked = page.ranking.model()
    scores = [ranked.index(r, 3).data(Qt.ItemDataRole.UserRole + 1) for r in range(ranked.rowCount())]
    assert scores == sorted(scores, reverse=True) and ranked.rowCount() == len(page.summary.scored)
    page.ranking.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # the reviewer sorts by score
    scores = [ranked.index(r, 3).data(Qt.ItemDataRole.UserRole + 1) for r in range(ranked.rowCount())]
    assert scores == sorted(scores)


def test_a_group_bar_lists_the_group_s_communes(qtbot, store):
    """Thái Nguyên's target is set for each former district (≥ 30% of its communes): a bar per district."""
    communes = unit_list("2025").communes("19")
    fill_area(store, resolve("thai-nguyen-xa"), communes[::2], 2025, seed=3)
    page = open_page(qtbot, store, "19@2025")
    try:
        districts = Counter(u.district_name for u in communes)
        target = next(t for t in page.summary.targets if t.target.scope == "district")
        ti = page.summary.targets.index(target)
        bars = [b for b in page.target_bars if "(30% " in b.label.text()]
        assert len(bars) == len(districts) == len(target.groups)
        dai_tu = next(b for b in bars if b.label.text().startswith("Huyện Đại Từ:"))
        group = next(g for g in target.groups if g.group == "Huyện Đại Từ")
        assert dai_tu.bar.value() == min(group.achieved, group.required) and group.required == 9  # 30% of 27
        qtbot_click(dai_tu)
        assert page.selection[:2] == ("target", ti)
        assert sorted(page.side_codes()) == sorted(
            u.code for u in communes if u.district_name == "Huyện Đại Từ"
        )
        page.grouping_box.setCurrentIndex(page.grouping_box.findData("none"))
        with qtbot.waitSignal(page.loaded, timeout=15000):
            page.grouping_box.activated.emit(page.grouping_box.currentIndex())
        assert len([b for b in page.target_bars if "(30% " in b.label.text()]) == 1  # the province whole
    finally:
        close(page)


def test_a_groups_file_and_a_wrong_one(qtbot, page, tmp_path, monkeypatch):
    groups = tmp_path / "nhom.csv"
    first = [u.code for u in unit_list().communes(THANH_HOA)[:10]]
    groups.write_text("Nhóm;Mã xã\n" + "".join(f"Cụm Bắc;{c}\n" for c in first), "utf-8-sig")
    from dtdesktop.gui.reviewer import area as area_module

    monkeypatch.setattr(area_module.QFileDialog, "getOpenFileName", lambda *a, **k: (str(groups), ""))
    box = page.grouping_box
    box.setCurrentIndex(box.findData("load"))  # the chooser's last item: load a groups file…
    with qtbot.waitSignal(page.loaded, timeout=15000):
        box.activated.emit(box.currentIndex())
    assert box.currentData() == "file" and "nhom.csv" in box.currentText()
    from dtdesktop.i18n import _

    assert set(page.summary.groups) == {"Cụm Bắc", _("Not in a group")}
    assert page.summary.groups["Cụm Bắc"] == first and not page.ranking.isColumnHidden(2)
    bad = tmp_path / "sai.csv"
    bad.write_text("A,99999\n", "utf-8")
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.use_groups_file(bad)
    qtbot.waitUntil(lambda: not page.loading and page.groups_file is None, timeout=15000)
    level, sentence = page.told[-1]
    assert level == "error" and "sai.csv" in sentence and "99999" in sentence and "\n" not in sentence


def test_export_writes_the_three_reports(qtbot, page, area, tmp_path):
    from openpyxl import load_workbook

    written: list[Path] = []
    for n, ext in enumerate(("pdf", "xlsx", "csv"), 1):
        page.export_to(tmp_path / f"tong-hop.{ext}", written.append)
        qtbot.waitUntil(lambda n=n: len(written) == n, timeout=20000)
    assert [p.suffix for p in written] == [".pdf", ".xlsx", ".csv"]
    assert written[0].read_bytes().startswith(b"%PDF-")
    wb = load_workbook(written[1])
    units = wb.worksheets[1]
    assert units.max_row == 167  # a heading and every commune of the province
    rows = list(csv.reader(io.StringIO(written[2].read_text("utf-8-sig")), delimiter=";"))
    assert len(rows) == 167
    assert {r[1] for r in rows[1:]} == {u.code for u in unit_list().communes(THANH_HOA)}
    assert not list(tmp_path.glob("*.tmp*")) and not list(tmp_path.glob(".*"))  # nothing half-written
    assert page.told[-1][0] == "info" and "tong-hop.csv" in page.told[-1][1]


def test_an_export_that_cannot_be_written_says_why(qtbot, page, tmp_path):
    out = tmp_path / "khong-co" / "tong-hop.pdf"
    page.export_to(out)
    qtbot.waitUntil(lambda: bool(page.told) and page.told[-1][0] == "error", timeout=20000)
    sentence = page.told[-1][1]
    assert "khong-co" in sentence and "Traceback" not in sentence and "\n" not in sentence
    assert not out.exists()


def test_print_to_a_pdf_file(qtbot, page, tmp_path):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "in-ra.pdf"))
    printer.setResolution(72)
    page.print_to(printer)
    qtbot.waitUntil(lambda: page.printed is not None, timeout=30000)
    printed = QPdfDocument()
    printed.load(str(tmp_path / "in-ra.pdf"))
    assert page.printed >= 2 and printed.pageCount() == page.printed
    assert page.print_action in page.actions() and page.export_action in page.actions()


def test_the_page_follows_a_language_switch(qtbot, page):
    from dtdesktop.gui.app import switch_language

    before = page.cards["not_sent"].caption.text()
    switch_language("en")
    try:
        assert page.cards["not_sent"].caption.text() == "Not sent"
        assert page.export_action.text() == "&Export the area report…"
        assert page.cards["average"].figure.text().count(".") == 1
    finally:
        switch_language("vi")
    assert page.cards["not_sent"].caption.text() == before


def test_the_page_fits_a_small_laptop_screen(qtbot, page):
    """1366×768 at 150% leaves about 910×512 for the window, less its navigation: nothing runs off."""
    assert page.minimumSizeHint().width() <= 700
    page.resize(700, 480)
    qtbot.waitUntil(lambda: page.scroll.viewport().width() < 450)
    board = page.scroll.widget()
    assert board.minimumSizeHint().width() <= page.scroll.viewport().width()
    assert board.width() <= page.scroll.viewport().width()  # the figures flowed into fewer columns


def test_an_empty_store_says_what_to_do(qtbot, store):
    page = open_page(qtbot, store, THANH_HOA)
    try:
        assert page.summary is None and page.period_box.count() == 0
        assert "nhập các tệp" in page.state.text() and "Traceback" not in page.state.text()
        assert not page.export_action.isEnabled() and not page.print_action.isEnabled()
        assert page.cards["all"].figure.text() == "—"
    finally:
        close(page)
