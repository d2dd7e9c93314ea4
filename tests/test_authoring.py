"""Catalogs as Excel workbooks: the round trip keeps every byte of meaning, an author's mistakes are placed on
their cell, and a hostile spreadsheet is refused before anything is written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from dtdesktop.authoring import XlsxError, read_xlsx, write_xlsx
from dtdesktop.authoring.layout import INDICATORS
from dtdesktop.catalogs import load_text, validate_file
from dtdesktop.catalogs.loader import load_file
from dtdesktop.catalogs.registry import shipped_paths
from dtdesktop.cli.main import main
from dtdesktop.i18n import set_language


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")  # the sentences are asserted in their English source


@pytest.fixture
def book(tmp_path: Path, catalog) -> Path:
    """The small test catalog as a workbook."""
    path = tmp_path / "bo-tieu-chi.xlsx"
    write_xlsx(json.loads(catalog.canonical), path)
    return path


def edited(path: Path, sheet: str, row: int, header: str, value, text: bool = True) -> Path:
    """The workbook with one cell changed, as an author changes it in Excel."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    column = next(c.column for c in ws[1] if str(c.value).startswith(header + " /") or c.value == header)
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str) and text:
        cell.data_type = "s"
    wb.save(path)
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(XlsxError) as exc:
        read_xlsx(path)
    return [str(p) for p in exc.value.problems]


def cli(*args: str) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--lang", "en", *args])
    return code, out.getvalue(), err.getvalue()


# --- the round trip -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", shipped_paths(), ids=lambda p: p.stem)
def test_every_shipped_catalog_comes_back_from_its_workbook_with_the_same_sha256(path: Path, tmp_path: Path):
    original = load_file(path)
    xlsx, back = tmp_path / "bo.xlsx", tmp_path / "bo.yaml"
    assert cli("catalog", "to-xlsx", str(path), "--out", str(xlsx))[0] == 0
    code, out, err = cli("catalog", "from-xlsx", str(xlsx), "--out", str(back))
    assert code == 0, err
    assert load_file(back).sha256 == original.sha256
    assert original.sha256 in out
    assert validate_file(back) == []


def test_the_workbook_has_bilingual_headers_dropdowns_and_frozen_headers(book: Path):
    wb = openpyxl.load_workbook(book)
    ws = wb[INDICATORS]
    headers = [c.value for c in ws[1]]
    assert "Mục tiêu 2025 / Target 2025" in headers and "Mục tiêu 2030 / Target 2030" in headers
    assert "Cơ quan thẩm định (tiếng Việt) / Verifying office (Vietnamese)" in headers
    assert ws.freeze_panes == "C2"
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"boolean,percent,count,choice,text"' in lists
    assert '">=,>,<=,<,=="' in lists
    assert '"official,derived,set_by_compiler,unverified"' in lists
    assert '"có,không"' in lists
    assert all(wb[name].freeze_panes for name in wb.sheetnames)
    assert ws.column_dimensions["D"].width >= 30  # the titles are readable without widening


def test_the_verifying_office_travels_to_the_catalog_and_leaves_no_trace_when_absent(book: Path):
    edited(book, INDICATORS, 2, "Cơ quan thẩm định (tiếng Việt)", "Văn phòng HĐND và UBND xã")
    edited(book, INDICATORS, 2, "Cơ quan thẩm định (tiếng Anh)", "Office of the Commune Committee")
    data, warnings = read_xlsx(book)
    assert warnings == []
    catalog = load_text(yaml.safe_dump(data, allow_unicode=True))
    assert catalog.indicator("CQS.01").verified_by.vi == "Văn phòng HĐND và UBND xã"
    assert catalog.indicator("CQS.02").verified_by is None
    assert "verified_by" not in data["pillars"][0]["indicators"][1]


# --- an author's typical mistakes ---------------------------------------------------------------------

F = "bo-tieu-chi.xlsx"


def test_a_missing_target_is_placed_on_its_cell_with_the_validators_sentence(book: Path, catalog_text: str):
    edited(book, INDICATORS, 2, "Mục tiêu 2025", None)
    [problem] = problems_of(book)
    sentence = "The rule “threshold” needs a target for every horizon year; missing: 2025."
    assert problem == f'{book}: sheet "Chỉ tiêu", row 2, column "Mục tiêu 2025": {sentence}'
    same = catalog_text.replace("targets: {2025: 60, 2030: 70}", "targets: {2030: 70}")
    assert [p.message for p in _validated(same, book.parent)] == [sentence]


def _validated(text: str, folder: Path):
    path = folder / "same.yaml"
    path.write_text(text, encoding="utf-8")
    return validate_file(path)


def test_an_unknown_type_is_placed_on_its_cell(book: Path, catalog_text: str):
    edited(book, INDICATORS, 4, "Kiểu", "number")
    [problem] = problems_of(book)
    assert problem.startswith(f'{book}: sheet "Chỉ tiêu", row 4, column "Kiểu": ')
    [same] = _validated(catalog_text.replace("type: count", "type: number"), book.parent)
    assert problem.endswith(same.message)


def test_a_duplicated_code_is_placed_on_the_second_one(book: Path):
    edited(book, INDICATORS, 5, "Mã chỉ tiêu", "CQS.01")
    [problem] = problems_of(book)
    assert problem == (
        f'{book}: sheet "Chỉ tiêu", row 5, column "Mã chỉ tiêu": '
        "The code “CQS.01” is used twice; every code must be unique."
    )


def test_a_target_that_is_not_a_number_is_placed_on_its_cell(book: Path, catalog_text: str):
    edited(book, INDICATORS, 5, "Mục tiêu 2030", "chín mươi")
    [problem] = problems_of(book)
    same = catalog_text.replace("targets: {2025: 80, 2030: 90}", 'targets: {2025: 80, 2030: "chín mươi"}')
    [expected] = _validated(same, book.parent)
    assert problem == f'{book}: sheet "Chỉ tiêu", row 5, column "Mục tiêu 2030": {expected.message}'


def test_a_target_typed_with_a_decimal_comma_is_a_number(book: Path):
    edited(book, INDICATORS, 5, "Mục tiêu 2030", "90,5")
    data, _ = read_xlsx(book)
    assert data["pillars"][1]["indicators"][1]["targets"]["2030"] == 90.5


def test_a_choice_target_that_is_not_a_choice_is_placed_on_its_cell(book: Path):
    edited(book, INDICATORS, 3, "Mục tiêu 2025", "chair")
    [problem] = problems_of(book)
    assert problem == (
        f'{book}: sheet "Chỉ tiêu", row 3, column "Mục tiêu 2025": '
        "The target “chair” is not one of the indicator's choice codes."
    )


def test_a_pillar_code_that_does_not_exist_is_placed_on_its_cell(book: Path):
    edited(book, INDICATORS, 4, "Mã nhóm", "XHX")
    [problem] = problems_of(book)
    assert problem == (
        f'{book}: sheet "Chỉ tiêu", row 4, column "Mã nhóm": '
        "The pillar “XHX” is not on sheet “Nhóm”; add it there or correct the code."
    )


def test_a_choice_of_an_unknown_indicator_is_placed_on_its_cell(book: Path):
    edited(book, "Lựa chọn", 2, "Mã chỉ tiêu", "CQS.09")
    assert problems_of(book) == [
        f'{book}: sheet "Lựa chọn", row 2, column "Mã chỉ tiêu": '
        "The indicator “CQS.09” is not on sheet “Chỉ tiêu”; add it there or correct the code."
    ]


def test_every_mistake_is_listed_at_once(book: Path):
    edited(book, INDICATORS, 4, "Mã nhóm", "XHX")
    edited(book, INDICATORS, 2, "Điểm tối đa", __import__("datetime").datetime(2025, 3, 1))
    edited(book, "Xếp loại", 3, "Từ tỷ lệ điểm (%)", __import__("datetime").date(2025, 1, 1))
    problems = problems_of(book)
    assert len(problems) == 3
    assert any('row 2, column "Điểm tối đa": The cell holds a date where a number' in p for p in problems)
    rating = 'sheet "Xếp loại", row 3, column "Từ tỷ lệ điểm (%)": The cell holds a date'
    assert any(rating in p for p in problems)


def test_the_command_lists_every_problem_exits_1_and_writes_nothing(book: Path, tmp_path: Path):
    edited(book, INDICATORS, 2, "Điểm tối đa", "mười")
    edited(book, INDICATORS, 4, "Kiểu", "number")
    out = tmp_path / "bo.yaml"
    code, _, err = cli("catalog", "from-xlsx", str(book), "--out", str(out))
    assert code == 1
    assert len(err.strip().splitlines()) == 2 and "Traceback" not in err
    assert 'column "Điểm tối đa"' in err and 'column "Kiểu"' in err
    assert not out.exists() and list(tmp_path.glob("*.yaml")) == []


# --- hostile spreadsheets -----------------------------------------------------------------------------


def refused(path: Path, tmp_path: Path) -> str:
    """The command's refusal: exit 1, one reason at least, nothing written."""
    out = tmp_path / "ra.yaml"
    code, _, err = cli("catalog", "from-xlsx", str(path), "--out", str(out))
    assert code == 1 and err.strip() and "Traceback" not in err
    assert not out.exists()
    return err


def test_a_formula_is_refused_naming_its_cell(book: Path, tmp_path: Path):
    edited(book, INDICATORS, 2, "Điểm tối đa", "=10+10", text=False)
    err = refused(book, tmp_path)
    assert 'row 2, column "Điểm tối đa": Cell ' in err and "holds a formula" in err


def test_merged_cells_are_refused(book: Path, tmp_path: Path):
    wb = openpyxl.load_workbook(book)
    wb[INDICATORS].merge_cells("A2:A3")
    wb.save(book)
    assert "Sheet “Chỉ tiêu” has merged cells (A2:A3)" in refused(book, tmp_path)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path):
    path = tmp_path / "gia.xlsx"
    path.write_text("format: 1\n", encoding="utf-8")
    assert "is not an Excel workbook" in refused(path, tmp_path)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (80 * 1024 * 1024))
    assert "inflates to more than 64 MB" in refused(path, tmp_path)


def test_a_zip_that_lies_about_its_sizes_is_refused(book: Path, tmp_path: Path):
    path = tmp_path / "doi.xlsx"
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as zf:
        info = zf.getinfo("xl/workbook.xml")
    # shrink the declared size in the central directory: the actual size no longer matches it
    central = data.rfind(b"xl/workbook.xml")
    size_at = central - 46 + 24
    data[size_at : size_at + 4] = (info.file_size // 2).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert "refused as unsafe" in refused(path, tmp_path) or "damaged" in refused(path, tmp_path)


def test_macros_are_refused_by_content_not_by_name(book: Path, tmp_path: Path):
    path = tmp_path / "macro.xlsx"  # an .xlsm renamed
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    assert "contains macros" in refused(path, tmp_path)


def test_external_links_are_refused(book: Path, tmp_path: Path):
    path = tmp_path / "lien-ket.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    assert "external links" in refused(path, tmp_path)


def test_a_very_long_text_is_refused_on_its_cell(book: Path, tmp_path: Path):
    edited(book, INDICATORS, 2, "Hướng dẫn (tiếng Việt)", "a" * 6000)
    assert 'column "Hướng dẫn (tiếng Việt)": The text is 6000 characters long' in refused(book, tmp_path)


@pytest.mark.parametrize("char", ["\u202e", "\u2066"])
def test_control_and_bidi_characters_are_refused_on_their_cell(book: Path, tmp_path: Path, char: str):
    edited(book, INDICATORS, 2, "Tên chỉ tiêu (tiếng Việt)", f"Tỷ lệ{char} hồ sơ")
    assert f"invisible control character (U+{ord(char):04X})" in refused(book, tmp_path)


def test_texts_are_normalised_to_nfc(book: Path):
    decomposed = "Tie\u0302\u0301p nhận"  # "Tiếp nhận" as some keyboards type it
    edited(book, INDICATORS, 2, "Tên chỉ tiêu (tiếng Việt)", decomposed)
    data, _ = read_xlsx(book)
    assert data["pillars"][0]["indicators"][0]["title"]["vi"] == "Tiếp nhận"


def test_the_template_in_the_docs_is_the_example_catalog_as_the_program_writes_it(tmp_path: Path):
    docs = Path(__file__).resolve().parent.parent / "docs"
    data, warnings = read_xlsx(docs / "catalog-template.xlsx")
    assert warnings == []
    assert (
        load_text(yaml.safe_dump(data, allow_unicode=True)).sha256
        == load_file(docs / "catalog-example.yaml").sha256
    )


def test_the_worked_example_is_a_valid_set_with_evidence_and_offices():
    """docs/examples/ntm-tieu-chi-8.xlsx, written in the template as an author would, reads without a
    warning into a catalog that validates, with every criterion's evidence and verifying office."""
    book = Path(__file__).resolve().parent.parent / "docs" / "examples" / "ntm-tieu-chi-8.xlsx"
    data, warnings = read_xlsx(book)
    assert warnings == []
    catalog = load_text(yaml.safe_dump(data, allow_unicode=True))
    assert catalog.id == "ntm-tieu-chi-8" and len(catalog.indicators) == 4
    assert all(i.mandatory and i.evidence.get("vi") and i.verified_by for i in catalog.indicators)
    assert catalog.legal_basis[0].number == "318/QĐ-TTg"


def test_a_deleted_column_is_named_rather_than_guessed(book: Path):
    wb = openpyxl.load_workbook(book)
    wb[INDICATORS].delete_cols(1)  # the pillar code
    wb.save(book)
    assert problems_of(book) == [
        f'{book}: sheet "Chỉ tiêu", row 1: The column “Mã nhóm / Pillar code” is missing.'
    ]


def test_a_workbook_declared_macro_enabled_is_refused_even_without_its_macros(book: Path, tmp_path: Path):
    path = tmp_path / "bo.xlsm"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
                )  # as Excel declares an .xlsm
            dst.writestr(item, data)
    assert "contains macros" in refused(path, tmp_path)


def test_a_zip_of_too_many_parts_is_refused(tmp_path: Path):
    path = tmp_path / "nhieu.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(600):
            zf.writestr(f"xl/media/{i}.bin", b"")
    assert "holds 600 parts" in refused(path, tmp_path)


def test_a_hundred_thousand_rows_are_refused_early_and_memory_stays_small(book: Path, tmp_path: Path):
    import tracemalloc

    big = tmp_path / "lon.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    template = openpyxl.load_workbook(book)
    for name in template.sheetnames:
        ws = wb.create_sheet(name)
        ws.append([c.value for c in template[name][1]])
        if name == INDICATORS:
            for i in range(100_000):
                ws.append(["CQS", f"X.{i}", f"Chỉ tiêu {i}"])
    wb.save(big)
    tracemalloc.start()
    with pytest.raises(XlsxError) as exc:
        read_xlsx(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 16 * 1024 * 1024  # less than the sheet inflated (20 MB): its rows are streamed, not held
    assert [str(p) for p in exc.value.problems] == [
        f'{big}: sheet "Chỉ tiêu": The sheet has more rows than a criteria set needs (2000 at most).'
    ]
    assert not list(tmp_path.glob("*.yaml"))


def test_a_part_packed_with_an_unknown_compression_is_a_damaged_workbook(book):
    """zipfile refuses a compression method it does not know by NotImplementedError: a sentence, no crash."""
    from dtdesktop.authoring.safety import archive_problems

    data = bytearray(book.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # local and central headers
        at = data.find(signature)
        while at != -1:
            data[at + offset : at + offset + 2] = (99).to_bytes(2, "little")  # not a method zipfile has
            at = data.find(signature, at + 4)
    book.write_bytes(bytes(data))
    problems = archive_problems(book)
    assert len(problems) == 1 and "damaged" in problems[0]
    with pytest.raises(XlsxError):
        read_xlsx(book)


def test_long_texts_get_rows_tall_enough_and_labels_columns_wide_enough():
    """Opened in LibreOffice, which keeps a row's stored height, a wrapped text must not spill over the
    rows below; every setting's key and label fits its column."""
    from dtdesktop.authoring.layout import SETTINGS, SETTINGS_COLUMNS
    from dtdesktop.authoring.write import build_workbook

    docs = Path(__file__).resolve().parent.parent / "docs"
    data, _ = read_xlsx(docs / "examples" / "ntm-tieu-chi-8.xlsx")
    wb = build_workbook(data)
    ws = wb[INDICATORS]
    guidance = next(c.column_letter for c in ws[1] if str(c.value).startswith("Hướng dẫn (tiếng Việt)"))
    width = ws.column_dimensions[guidance].width
    for row in range(2, ws.max_row + 1):
        text = ws[f"{guidance}{row}"].value
        lines = -(-len(text) // int(width * 1.1))
        assert (ws.row_dimensions[row].height or 15) >= 15 * lines, (row, text)
    settings = wb[SETTINGS]
    for row, (key, label) in enumerate(settings.iter_rows(min_row=2, max_col=2, values_only=True), 2):
        lines = -(-len(label) // int(SETTINGS_COLUMNS[1].width * 1.1))
        assert len(key) <= SETTINGS_COLUMNS[0].width
        assert (settings.row_dimensions[row].height or 15) >= 15 * lines, label
