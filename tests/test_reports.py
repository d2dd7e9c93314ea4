"""The report: Decree 30 layout, Vietnamese text given back exactly, every font embedded, both languages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import tool

from dtdesktop.reports.advice import next_steps
from dtdesktop.reports.report import ReportRequest, Signatory, render
from dtdesktop.scoring import score
from dtdesktop.storage import assessments
from dtdesktop.text import format_long_date

ISSUED = dt.date(2026, 3, 5)


def _render(store, assessment_id: int, lang: str = "vi", **kw):
    a = assessments.get(store, assessment_id)
    result = score(a.catalog, a.values, a.horizon)
    req = ReportRequest(a, result, 1, ISSUED, lang, Signatory("Nguyễn Thị Hà", "Chủ tịch UBND xã"), **kw)
    return a, render(req)


def pdftotext(pdf: bytes, tmp_path: Path, *pages: int) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    args = [tool("pdftotext"), "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_vietnamese_report_reads_back_exactly(store, filled, tmp_path):
    a, rr = _render(store, filled)
    text = pdftotext(rr.pdf, tmp_path)
    assert unicodedata.is_normalized("NFC", text)
    flat = _words(text)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ HOẰNG HÓA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hoằng Hóa, ngày 05 tháng 3 năm 2026",
        "BÁO CÁO",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Thị Hà",
    ):
        assert expected in flat, expected
    # every indicator of the catalog has its row, with its title as the catalog writes it
    for ind in a.catalog.indicators:
        assert ind.code in flat
    assert _words(a.catalog.indicators[0].title.vi)[:30] in flat


def test_english_report(store, filled, tmp_path):
    _a, rr = _render(store, filled, "en")
    flat = _words(pdftotext(rr.pdf, tmp_path))
    for expected in ("SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness", "5 March 2026"):
        assert expected in flat, expected
    assert "CỘNG HÒA" not in flat


def test_only_embedded_fonts(store, filled, tmp_path):
    _a, rr = _render(store, filled)
    path = tmp_path / "r.pdf"
    path.write_bytes(rr.pdf)
    out = subprocess.run([tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        cols = row.split()
        assert cols[-5] == "yes", row  # the "emb" column
        assert "Tinos" in cols[0], row
    for base14 in ("Helvetica", "Times-Roman", "Courier", "Symbol"):
        assert base14 not in out


def test_page_numbers_from_the_second_page_and_repeated_table_header(store, filled, tmp_path):
    _a, rr = _render(store, filled)
    assert rr.pages >= 3
    first = pdftotext(rr.pdf, tmp_path, 1).split()
    assert first[0] != "1"
    table_pages = 0
    for page in range(2, rr.pages + 1):
        lines = [ln.strip() for ln in pdftotext(rr.pdf, tmp_path, page).splitlines() if ln.strip()]
        assert lines[0] == str(page)
        if "Chỉ tiêu" in lines and "Minh chứng" in lines:
            table_pages += 1
    assert table_pages >= 2  # the indicator table runs over pages, its header repeated


def test_text_typed_decomposed_is_printed_composed(store, filled, tmp_path):
    a, _rr = _render(store, filled)
    nfd_unit = dataclasses.replace(a.unit, full_name=unicodedata.normalize("NFD", "Xã Hoằng Hoá"))
    a2 = dataclasses.replace(a, unit=nfd_unit)
    rr = render(ReportRequest(a2, score(a.catalog, a.values, a.horizon), 1, ISSUED, "vi"))
    assert "XÃ HOẰNG HÓA" in _words(pdftotext(rr.pdf, tmp_path))


def test_signature_place_is_on_the_last_signing_page(store, filled):
    _a, rr = _render(store, filled)
    x1, y1, x2, y2 = rr.signature.box
    assert 0 <= rr.signature.page < rr.pages
    assert 0 < x1 < x2 <= 595 and 0 < y1 < y2 <= 842
    assert x1 > 595 / 2 - 20  # in the right-hand column, under the signer's position


def test_report_of_forty_indicators_is_small(store, filled):
    _a, rr = _render(store, filled)
    assert len(rr.pdf) < 1024 * 1024


def test_draft_mark_only_on_previews(store, filled, tmp_path):
    _a, draft = _render(store, filled, draft=True)
    _a, final = _render(store, filled)
    assert "DỰ THẢO" in pdftotext(draft.pdf, tmp_path, 1)
    assert "DỰ THẢO" not in pdftotext(final.pdf, tmp_path, 1)


def test_next_steps_put_mandatory_first_and_skip_what_is_met(store, filled):
    a = assessments.get(store, filled)
    result = score(a.catalog, a.values, a.horizon)
    advice = next_steps(a.catalog, result, a.values, "vi")
    open_codes = {r.code for r in result.indicators if r.status in ("not_met", "missing")}
    assert {x.code for x in advice} == open_codes
    flags = [x.mandatory for x in advice]
    assert flags == sorted(flags, reverse=True)
    assert all(x.basis for x in advice)


@pytest.mark.parametrize(
    ("date", "vi", "en"),
    [
        (dt.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026", "5 March 2026"),
        (dt.date(2025, 1, 31), "ngày 31 tháng 01 năm 2025", "31 January 2025"),
        (dt.date(2025, 2, 9), "ngày 09 tháng 02 năm 2025", "9 February 2025"),
        (dt.date(2025, 12, 10), "ngày 10 tháng 12 năm 2025", "10 December 2025"),
    ],
)
def test_long_date_as_decree_30_writes_it(date, vi, en):
    assert format_long_date(date, "vi") == vi
    assert format_long_date(date, "en") == en


def test_targets_not_from_a_published_text_are_listed_in_an_appendix(store, filled, tmp_path):
    from dtdesktop.scoring.display import target_origin

    a, rr = _render(store, filled)
    expected = [i.code for i in a.catalog.indicators if target_origin(i, "dtdesktop", a.horizon)]
    assert expected, "the Thanh Hoá catalog has targets known only from a news report"
    flat = _words(pdftotext(rr.pdf, tmp_path))
    heading = "CÁC MỤC TIÊU KHÔNG LẤY TỪ VĂN BẢN ĐÃ BAN HÀNH"
    assert heading in flat
    appendix = flat[flat.index(heading) :].split("DANH MỤC TỆP ĐÍNH KÈM")[0]
    listed = [code for code in (i.code for i in a.catalog.indicators) if f" {code} " in f" {appendix} "]
    assert listed == expected
