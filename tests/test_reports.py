"""The report: Decree 30 layout, Vietnamese text given back exactly, every font embedded, both languages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import tool

from dtdesktop.catalogs.registry import resolve, shipped_catalogs
from dtdesktop.profile import capacity_for
from dtdesktop.reports.advice import next_steps
from dtdesktop.reports.citation import cite, has_number
from dtdesktop.reports.decree30 import signer_heading
from dtdesktop.reports.report import ReportRequest, Signatory, render
from dtdesktop.scoring import score
from dtdesktop.storage import assessments
from dtdesktop.text import format_long_date
from dtdesktop.units import find

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


def test_next_steps_group_what_is_open_by_pillar_mandatory_first(store, filled):
    a = assessments.get(store, filled)
    result = score(a.catalog, a.values, a.horizon)
    pillars = next_steps(a.catalog, result, a.values, "vi")
    open_codes = [r.code for r in result.indicators if r.status in ("not_met", "missing")]
    listed = [g.code for p in pillars for g in (*p.not_met, *p.missing)]
    assert sorted(listed) == sorted(open_codes) and len(listed) == len(set(listed))
    order = [p.code for p in a.catalog.pillars]
    assert [p.code for p in pillars] == [c for c in order if c in {p.code for p in pillars}]
    for p in pillars:
        codes = {i.code for i in a.catalog.pillars[order.index(p.code)].indicators}
        assert {g.code for g in (*p.not_met, *p.missing)} <= codes
        assert all(g.status == "not_met" for g in p.not_met) and all(g.status == "missing" for g in p.missing)
        for group in (p.not_met, p.missing):
            flags = [g.mandatory for g in group]
            assert flags == sorted(flags, reverse=True)


def _section_three(flat: str) -> str:
    start = flat.index("III. NHỮNG CHỈ TIÊU CHƯA ĐẠT")
    return flat[start : flat.index("Nơi nhận:", start)]


def test_next_steps_say_each_thing_once(store, filled, tmp_path):
    a, rr = _render(store, filled)
    result = score(a.catalog, a.values, a.horizon)
    section = _section_three(_words(pdftotext(rr.pdf, tmp_path)))
    sentences = [s.strip() for s in section.replace("; ", ". ").split(". ") if len(s.strip()) > 25]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated, repeated
    for r in result.indicators:
        if r.status in ("not_met", "missing"):
            assert section.count(f" {r.code}") + section.count(f"({r.code}") >= 1, r.code
    for pillar in next_steps(a.catalog, result, a.values, "vi"):  # each pillar's heading once, in order
        assert section.count(pillar.title) >= 1
    assert "nhập câu trả lời" not in section and "enter the answer" not in section
    assert "Căn cứ:" not in section  # the bases are cited once, in the opening


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
    appendix = flat[flat.index(heading) :].split("PHỤ LỤC II")[0]
    listed = [code for code in (i.code for i in a.catalog.indicators) if f" {code} " in f" {appendix} "]
    assert listed == expected


# --- the opening, the appendix of machine details, the notes, the signature block, the spelling ----------


def _opening(flat: str) -> str:
    """From the document's title to the first section (the citations in it are made by the report itself,
    so they read the same whether or not the sentence around them is translated yet)."""
    return flat[flat.index("BÁO CÁO") : flat.index("I. KẾT QUẢ CHUNG")]


def test_the_opening_cites_its_bases_the_administrative_way(store, filled, tmp_path):
    a, rr = _render(store, filled)
    flat = _words(pdftotext(rr.pdf, tmp_path))
    opening = _opening(flat)
    assert (
        "Nghị quyết số 06-NQ/TU ngày 10/11/2021 của Ban Thường vụ Tỉnh ủy Thanh Hóa về chuyển đổi số"
        in opening
    )
    assert (
        "; Quyết định số 1829/QĐ-UBND ngày 30/5/2023 của Ủy ban nhân dân tỉnh Thanh Hóa về việc ban hành các "
        "tiêu chí chuyển đổi số cấp xã đến năm 2025 trên địa bàn tỉnh Thanh Hóa, Ủy ban nhân dân xã Hoằng Hóa"
    ) in opening
    first_page = _words(pdftotext(rr.pdf, tmp_path, 1))
    for machine in (a.catalog.id, a.catalog.sha256[:16], "SHA-256", a.catalog.version):
        assert machine not in first_page, machine
    appendix = flat[flat.index("PHỤ LỤC II") :]
    for machine in (a.catalog.id, a.catalog.sha256, a.catalog.version, "nguồn thứ cấp"):
        assert machine in appendix, machine  # the id, version, hash and provenance, in the appendix
    assert "30/5/2023" in appendix and "30/05/2023" not in flat  # one way of writing a date throughout


FORBIDDEN_IN_OPENING = (
    "(",
    ")",
    "số hiệu",
    "không rõ",
    "chưa đọc",
    "nguồn thứ cấp",
    "dtdesktop",
    "SHA",
    "phiên bản",
    "nhập câu trả lời",
    "version",
    "not known",
    "secondary",
    "has not been read",
)


@pytest.mark.parametrize("catalog_id", [c.id for c in shipped_catalogs()])
def test_every_shipped_catalog_makes_a_clean_opening(store, tmp_path, catalog_id):
    catalog = resolve(catalog_id)
    assessment_id = assessments.create(store, catalog, find("15865"), 2025)
    a = assessments.get(store, assessment_id)
    rr = render(ReportRequest(a, score(a.catalog, a.values, a.horizon), 1, ISSUED, "vi"))
    opening = _opening(_words(pdftotext(rr.pdf, tmp_path)))
    allowed = {"(phiên bản 1.0)", "(DTI)"}  # an edition or an abbreviation is part of a document's name
    stripped = opening
    for keep in allowed:
        stripped = stripped.replace(keep, "")
    for word in FORBIDDEN_IN_OPENING:
        assert word not in stripped, (word, opening)
    assert catalog.id not in opening and catalog.sha256[:12] not in opening
    for doc in catalog.legal_basis:
        if has_number(doc):
            assert f"số {doc.number}" in opening, doc.number  # the administrative form: "… số 1829/QĐ-UBND"
        for lang in ("vi", "en"):
            cited = cite(doc, lang)
            for keep in allowed | {"(version 1.0)"}:
                cited = cited.replace(keep, "")
            assert "(" not in cited and ")" not in cited, cited
            assert unicodedata.is_normalized("NFC", cited)


def test_a_document_without_a_number_is_named_by_its_title_and_date():
    unknown = next(d for d in resolve("thai-nguyen-xa").legal_basis if not has_number(d))
    assert cite(unknown, "vi") == (
        "Nghị quyết ngày 31/12/2020 của Ban Chấp hành Đảng bộ tỉnh về Chương trình chuyển đổi số tỉnh Thái "
        "Nguyên, giai đoạn 2021-2025, định hướng đến năm 2030"
    )
    assert cite(unknown, "en").startswith("Resolution of 31 December 2020 of the Provincial Party Executive")
    decision = next(d for d in resolve("thanh-hoa-xa-2025").legal_basis if d.number == "1829/QĐ-UBND")
    assert cite(decision, "en") == (
        "Decision 1829/QĐ-UBND of 30 May 2023 of the Thanh Hóa Provincial People's Committee on issuing the "
        "commune-level digital transformation criteria to 2025 in Thanh Hóa province"
    )


def test_the_officers_notes_explain_the_figures_in_the_table(store, filled, tmp_path):
    a = assessments.get(store, filled)
    first, second = a.catalog.indicators[0].code, a.catalog.indicators[1].code
    note = "Số liệu lấy từ sổ theo dõi của Văn phòng <đã đối chiếu> & ký xác nhận."
    assessments.set_answer(store, filled, first, a.values.get(first), note=note)
    _a, rr = _render(store, filled)
    flat = _words(pdftotext(rr.pdf, tmp_path))
    table = flat[flat.index("II. KẾT QUẢ TỪNG CHỈ TIÊU") :]
    row = table[table.index(f"{first}") : table.index(f"{second}")]
    assert note in row  # under the indicator's own row, before the next one, escaped text given back


@pytest.mark.parametrize(
    ("title", "capacity", "lines"),
    [
        ("Chủ tịch UBND xã", "", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("Phó Chủ tịch UBND xã", "", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("Công chức Văn phòng - Thống kê", "", ["TL. CHỦ TỊCH", "CÔNG CHỨC VĂN PHÒNG - THỐNG KÊ"]),
        (
            "Công chức Văn phòng - Thống kê",
            "by_authority",
            ["TUQ. CHỦ TỊCH", "CÔNG CHỨC VĂN PHÒNG - THỐNG KÊ"],
        ),
        ("Chủ tịch UBND xã", "vice_chair", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("Phó Giám đốc", "", ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),  # a department's notice, not a committee
    ],
)
def test_signature_block_as_decree_30_writes_it_for_a_committee(
    store, filled, tmp_path, title, capacity, lines
):
    if title.startswith("Phó Giám"):
        assert signer_heading(title, "vi") == lines
        return
    assert signer_heading(title, "vi", capacity or capacity_for(title)) == lines
    a = assessments.get(store, filled)
    result = score(a.catalog, a.values, a.horizon)
    req = ReportRequest(a, result, 1, ISSUED, "vi", Signatory("Lê Văn An", title, capacity))
    rr = render(req)
    text = pdftotext(rr.pdf, tmp_path, rr.signature.page + 1)
    block = [ln.strip() for ln in text.splitlines() if ln.strip()]
    start = block.index(lines[0])
    assert block[start : start + len(lines)] == lines
    assert "Lê Văn An" in block[start + len(lines) :]


def test_signature_block_in_english():
    assert signer_heading("Phó Chủ tịch UBND xã", "en") == [
        "ON BEHALF OF THE PEOPLE'S COMMITTEE",
        "FOR THE CHAIRPERSON",
        "VICE CHAIRPERSON",
    ]
    assert (
        signer_heading("Công chức Văn phòng - Thống kê", "en", "by_order")[0] == "BY ORDER OF THE CHAIRPERSON"
    )


def test_one_spelling_of_place_names_throughout_the_report(store, filled, tmp_path):
    a = assessments.get(store, filled)
    unit = dataclasses.replace(a.unit, full_name="Xã Hoằng Hoá", name="Hoằng Hoá", province_name="Thanh Hoá")
    code = a.catalog.indicators[0].code
    assessments.set_answer(
        store, filled, code, a.values.get(code), note="Theo số liệu của Bưu điện văn hoá xã"
    )
    a = dataclasses.replace(assessments.get(store, filled), unit=unit)
    rr = render(ReportRequest(a, score(a.catalog, a.values, a.horizon), 1, ISSUED, "vi"))
    text = pdftotext(rr.pdf, tmp_path)
    assert "Hoá" not in text and "HOÁ" not in text and "hoá" not in text
    assert "XÃ HOẰNG HÓA" in text and "Thanh Hóa" in text and "văn hóa xã" in _words(text)


def test_the_office_that_verifies_an_indicator_is_printed_beside_its_evidence(store, filled, tmp_path):
    from dtdesktop.catalogs.model import Text

    a = assessments.get(store, filled)
    first = a.catalog.pillars[0]
    ind = dataclasses.replace(
        first.indicators[0], verified_by=Text("Văn phòng HĐND và UBND xã", "Commune Office")
    )
    pillar = dataclasses.replace(first, indicators=(ind, *first.indicators[1:]))
    catalog = dataclasses.replace(a.catalog, pillars=(pillar, *a.catalog.pillars[1:]))
    a = dataclasses.replace(a, catalog=catalog)
    req = ReportRequest(
        a,
        score(catalog, a.values, a.horizon),
        1,
        ISSUED,
        "vi",
        Signatory("Nguyễn Thị Hà", "Chủ tịch UBND xã"),
    )
    flat = _words(pdftotext(render(req).pdf, tmp_path))
    assert "Văn phòng HĐND và UBND xã" in flat
    _, plain = _render(store, filled)
    assert "Văn phòng HĐND và UBND xã" not in _words(pdftotext(plain.pdf, tmp_path))
