"""The area's summary: every commune of the province listed, including those that sent nothing; progress to
the catalog's program targets; the outputs as Excel and a reader expect them."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
from conftest import PASSPHRASE, tool

from dtdesktop.catalogs.registry import resolve
from dtdesktop.cli.demo_cmd import fill
from dtdesktop.cli.main import main
from dtdesktop.exchange.export import export_submission
from dtdesktop.review import reviewing, trust
from dtdesktop.review.errors import ReviewError
from dtdesktop.review.importing import import_files
from dtdesktop.signing import pkcs12_file
from dtdesktop.storage import Store, assessments
from dtdesktop.summary.area import build_summary
from dtdesktop.units import find
from dtdesktop.units.registry import unit_list

SENT = ("15865", "14758", "14797")  # Hoằng Hoá, Hàm Rồng, Hạc Thành (Thanh Hoá)


@pytest.fixture
def area(tmp_path, identity_file, officer):
    """A reviewer's store holding one valid submission from each commune of SENT, the first approved."""
    commune = Store(f"sqlite:///{tmp_path / 'xa.sqlite3'}")
    reviewer = Store(f"sqlite:///{tmp_path / 'so.sqlite3'}")
    catalog = resolve("thanh-hoa-xa-2025")
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    files = []
    for code in SENT:
        aid = assessments.create(commune, catalog, find(code), 2025)
        fill(commune, aid, catalog, 2025)
        files.append(export_submission(commune, aid, key, tmp_path / f"nop-{code}.pdf").path)
    trust.register(reviewer, officer.certificate, list(SENT))
    ids = [r.submission_id for r in import_files(reviewer, files).results]
    reviewing.review(reviewer, ids[0], "approve")
    return reviewer, files


def test_every_commune_of_the_province_is_listed(area):
    store, _files = area
    s = build_summary(store)  # the only province and period received
    assert (s.province_code, s.period) == ("38", 2025)
    assert len(s.lines) == len(unit_list().communes("38")) == 166
    assert s.counts["approved"] == 1 and s.counts["submitted"] == 2 and s.counts["not_sent"] == 163
    sent = {x.unit.code: x for x in s.lines if x.status != "not_sent"}
    assert set(sent) == set(SENT) and all(x.percent is not None and x.pillars for x in sent.values())
    target = next(t for t in s.targets if t.target.code == "NQ.2025")
    assert target.groups[0].required == 300 and target.achieved == sum(1 for x in s.lines if x.completed)
    assert len(s.received) == 3


def test_groups_a_province_defines(area, tmp_path):
    store, _files = area
    groups = tmp_path / "nhom.csv"
    groups.write_text("Nhóm;Mã xã\nThành phố cũ;14758\nThành phố cũ;14797\nHoằng Hoá cũ;15865\n", "utf-8-sig")
    s = build_summary(store, "38", 2025, groups)
    assert s.groups["Thành phố cũ"] == ["14758", "14797"] and len(s.groups["Hoằng Hoá cũ"]) == 1
    assert sum(len(v) for v in s.groups.values()) == 166  # the rest in a group of their own
    bad = tmp_path / "sai.csv"
    bad.write_text("A,14758\nB,99999\n", "utf-8")
    with pytest.raises(ReviewError, match=r"sai\.csv, .* 2: 99999"):
        build_summary(store, "38", 2025, bad)
    twice = tmp_path / "hai-lan.csv"
    twice.write_text("A,14758\nB,14758\n", "utf-8")
    with pytest.raises(ReviewError, match=r"hai-lan\.csv, .* 2: 14758"):
        build_summary(store, "38", 2025, twice)


def test_the_three_outputs(area, tmp_path, capsys):
    store, files = area
    db = ["--db", store.url]
    out = {ext: tmp_path / f"tong-hop.{ext}" for ext in ("csv", "xlsx", "pdf")}
    for path in out.values():
        assert main([*db, "summary", "--province", "38", "--period", "2025", "--out", str(path)]) == 0
    capsys.readouterr()

    raw = out["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel opens it in Vietnamese
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 167 and "Mã" in rows[0][1]
    hoang_hoa = next(r for r in rows if r[1] == "15865")
    assert "," in hoang_hoa[5] and "." not in hoang_hoa[5]  # 81,00: a decimal comma

    from openpyxl import load_workbook

    wb = load_workbook(out["xlsx"])
    assert len(wb.sheetnames) == 5
    units = wb.worksheets[1]
    assert units.freeze_panes == "A2" and units.auto_filter.ref.startswith("A1:")
    assert units.max_row == 167
    score = next(row for row in units.iter_rows(values_only=True) if row[1] == "15865")[5]
    assert isinstance(score, int | float) and 0 < score <= 100  # a number, not a text

    text = subprocess.run([tool("pdftotext"), str(out["pdf"]), "-"], capture_output=True, text=True).stdout
    assert "BÁO CÁO" in text and "PHỤ LỤC" in text
    assert "GIÁM ĐỐC" in text.split("PHỤ LỤC")[0]  # the report closes with its signer's block (Decree 30)
    import hashlib

    assert hashlib.sha256(files[0].read_bytes()).hexdigest() in text.replace("\n", "")
    subprocess.run(
        [tool("pdftoppm"), "-r", "40", "-png", "-f", "1", "-l", "1", str(out["pdf"]), str(tmp_path / "p")],
        check=True,
    )
    assert list(tmp_path.glob("p-*.png"))


def test_the_report_is_signed_by_the_director_or_left_for_the_director(area, tmp_path):
    from dtdesktop.summary.area import build_summary
    from dtdesktop.summary.pdf import report_signer, write_pdf

    store, _files = area
    summary = build_summary(store, "38", 2025)
    assert report_signer("Chuyên viên Sở Khoa học và Công nghệ", "Lê Văn Bình") == ("", "")
    assert report_signer("Giám đốc Trung tâm Chuyển đổi số", "Hồ Văn Tâm") == ("", "")  # not the Department's
    assert report_signer("Giám đốc", "Hồ Văn Tâm") == ("Giám đốc", "Hồ Văn Tâm")
    deputy = report_signer("Phó Giám đốc Sở Khoa học và Công nghệ", "Trần Thị Mai")
    assert deputy == ("Phó Giám đốc Sở Khoa học và Công nghệ", "Trần Thị Mai")
    for signer, heading, name in (
        (("", ""), "GIÁM ĐỐC", None),
        (deputy, "KT. GIÁM ĐỐC", "Trần Thị Mai"),
    ):
        out = write_pdf(summary, tmp_path / f"bc-{len(signer[1])}.pdf", "vi", signer=signer)
        text = subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True, text=True).stdout
        body = text.split("PHỤ LỤC")[0]
        assert heading in body, body[-400:]
        if name:
            assert name in body and "PHÓ GIÁM ĐỐC" in body
        assert "Lê Văn Bình" not in body


def test_a_summary_needs_a_known_output(area, tmp_path, capsys):
    store, _files = area
    assert main(["--db", store.url, "summary", "--out", str(tmp_path / "x.txt")]) == 2
    assert not (tmp_path / "x.txt").exists()


def test_a_group_named_like_a_formula_stays_a_text(area, tmp_path):
    store, _files = area
    groups = tmp_path / "nhom.csv"
    groups.write_text('"=HYPERLINK(""http://x"",""bấm"")",14758\n+cmd,15865\n', "utf-8")
    s = build_summary(store, "38", 2025, groups)
    from openpyxl import load_workbook

    from dtdesktop.summary.writers import write_csv, write_xlsx

    wb = load_workbook(write_xlsx(s, tmp_path / "t.xlsx"))
    cells = [c for row in wb.worksheets[1].iter_rows() for c in row if str(c.value).startswith(("=", "+"))]
    assert cells and all(c.data_type == "s" for c in cells)
    text = write_csv(s, tmp_path / "t.csv").read_text("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+cmd" in text


@pytest.mark.parametrize(
    "content",
    [
        None,  # /dev/zero: endless, refused before it is read
        b"A,14758\nB\x01,15865\n",  # a control character
        b'"' + b"x" * 1_500_000 + b'",14758\n',  # one field of 1.5 MB
    ],
    ids=["device", "control", "huge-field"],
)
def test_a_hostile_groups_file_is_refused_with_a_sentence(area, tmp_path, content):
    store, _files = area
    path = Path("/dev/zero") if content is None else tmp_path / "nhom.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReviewError) as err:
        build_summary(store, "38", 2025, path)
    assert path.name in str(err.value) and "\n" not in str(err.value)  # one sentence naming the file


def test_what_there_is_to_summarise_and_the_province_whole(area, tmp_path):
    store, _files = area
    from dtdesktop.summary.area import scopes

    found = scopes(store, "38")
    assert found.periods == (2025,) and found.schemes == {2025: "2026"}
    (choice,) = found.catalogs[2025]
    assert (choice.catalog_id, choice.submissions) == (
        "thanh-hoa-xa-2025",
        3,
    ) and "Thanh Hóa" in choice.title_vi
    assert scopes(store, "19").periods == ()  # Thái Nguyên received nothing
    groups = tmp_path / "nhom.csv"
    groups.write_text("A,14758\nB,15865\n", "utf-8")
    s = build_summary(store, "38", 2025, groups, grouped=False)
    assert list(s.groups) == [""] and len(s.groups[""]) == 166  # the groups file set aside


def test_the_two_ranking_charts_never_show_a_unit_twice():
    from dtdesktop.summary.pdf import split_ranking

    assert split_ranking(list(range(30)), 25) == (list(range(25)), [25, 26, 27, 28, 29])
    assert split_ranking(list(range(60)), 25) == (list(range(25)), list(range(35, 60)))
    assert split_ranking(list(range(10)), 25) == (list(range(10)), [])


def test_a_yearly_plan_is_shown_in_its_own_years_summary_only(area):
    from dtdesktop.summary.area import build_summary

    store, _files = area
    shown = build_summary(store, "38", 2025).targets
    yearly = [t.target for t in shown if not t.target.cumulative]
    assert yearly and {t.year for t in yearly} == {2025}  # the 2022-2024 plans are not read as 0 here
    assert any(t.target.cumulative for t in shown)
