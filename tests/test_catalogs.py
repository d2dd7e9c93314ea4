"""Catalog files: the shipped set, validation with places, the canonical hash."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pytest

from dtdesktop.catalogs import CatalogError, load_text, validate_file
from dtdesktop.catalogs.registry import resolve, shipped_catalogs, shipped_paths

EXPECTED_CATALOGS = {
    "thanh-hoa-xa-2025",
    "thai-nguyen-xa",
    "thai-binh-xa",
    "gia-lai-xa",
    "quang-ngai-xa",
    "quoc-gia-2361-xa",
    "dti-xa-diem",
}


def test_every_shipped_catalog_is_valid():
    paths = shipped_paths()
    assert paths
    problems = {str(p): [str(x) for x in validate_file(p)] for p in paths}
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_shipped_set_is_complete_and_large_enough():
    catalogs = {c.id: c for c in shipped_catalogs()}
    assert set(catalogs) >= EXPECTED_CATALOGS
    for cid, c in catalogs.items():
        minimum = 12 if cid == "quoc-gia-2361-xa" else 20  # the national framework's source is shorter
        assert len(c.indicators) >= minimum, cid
        assert c.unit_level == "commune"


def test_shipped_catalogs_are_nfc_and_bilingual():
    for path in shipped_paths():
        text = path.read_text(encoding="utf-8")
        assert text == unicodedata.normalize("NFC", text), path
    for c in shipped_catalogs():
        for ind in c.indicators:
            assert ind.title.vi != ind.title.en, ind.code
            assert ind.provenance.source


def test_thanh_hoa_says_what_was_read_of_decision_1829():
    c = resolve("thanh-hoa-xa-2025")
    assert c.issuer is None and c.compiler is not None and c.compiler.vi == "dtdesktop"
    basis = {d.number: d for d in c.legal_basis}
    assert basis["1829/QĐ-UBND"].title.vi == (
        "Về việc ban hành các tiêu chí chuyển đổi số cấp xã đến năm 2025 trên địa bàn tỉnh Thanh Hóa"
    )
    assert any(n.startswith("06-NQ/TU") for n in basis)
    # the three thresholds known only from a news report of Decision 1829
    reported = [
        i for i in c.indicators if i.provenance.status == "unverified" and "1829" in i.provenance.source
    ]
    assert sorted(float(i.target_for(2025)) for i in reported) == [30.0, 60.0, 95.0]
    assert not [i for i in c.indicators if i.provenance.status == "official"]
    # the electricity bill paid without cash is in the digital society group, as the report places it
    electricity = next(i for i in reported if i.target_for(2025) == 60.0)
    assert electricity.pillar_code == "XHS"
    assert c.completion.provenance is not None and c.completion.provenance.status == "set_by_compiler"
    plan = {t.year: t.min_count for t in c.program_targets if not t.cumulative}
    assert plan == {2022: 94, 2023: 132, 2024: 133, 2025: 118}
    assert any(t.min_count == 300 and t.year == 2025 and t.cumulative for t in c.program_targets)
    assert any(t.min_percent == 80 and t.year == 2030 for t in c.program_targets)


def test_no_commune_must_meet_a_province_average_or_a_target_no_text_sets():
    for c in shipped_catalogs():
        for i in c.indicators:
            if i.target_scope == "province_average" or i.provenance.status == "set_by_compiler":
                assert not i.mandatory, (c.id, i.code)


def test_ratings_read_the_same_in_english_everywhere():
    english = {}
    for c in shipped_catalogs():
        for r in c.ratings:
            english.setdefault(r.label.vi.split(" (")[0], set()).add(r.label.en.split(" (")[0])
    assert {vi: en for vi, en in english.items() if len(en) > 1} == {}
    assert english["Khá"] == {"Good"} and english["Trung bình"] == {"Average"}


def test_catalogs_compiled_by_dtdesktop_say_so():
    for c in shipped_catalogs():
        assert c.issuer is None and c.compiler is not None, c.id
        assert c.description is not None and "dtdesktop" in c.description.vi
        text = c.description.vi + c.description.en
        for stale in ("X,01", "X.01", "only has", "chỉ có phép so sánh"):
            assert stale not in text, (c.id, stale)


def test_thai_nguyen_targets_every_district():
    c = resolve("thai-nguyen-xa")
    assert any(t.scope == "district" and t.min_percent == 30 for t in c.program_targets)


def test_dti_example_uses_steps_and_roles():
    c = resolve("dti-xa-diem")
    kinds = {i.rule.kind for i in c.indicators}
    assert {"steps", "choice"} <= kinds
    chair = c.indicator("NTS.1.1")
    assert chair is not None
    assert sorted(ch.points for ch in chair.choices) == [0, 10, 20]


def test_hash_ignores_layout_and_comments(catalog_text: str):
    a = load_text(catalog_text)
    b = load_text("# bình luận\n" + catalog_text.replace('version: "1.0"', "version: '1.0'  # chú thích"))
    assert a.sha256 == b.sha256


def test_hash_changes_with_any_value(catalog_text: str):
    a = load_text(catalog_text)
    b = load_text(
        catalog_text.replace("max_points: 10\n", "max_points: 11\n", 1).replace(
            "{2025: 80, 2030: 90}", "{2025: 80, 2030: 91}"
        )
    )
    assert a.sha256 != b.sha256


def test_decomposed_text_is_normalised_and_hashes_the_same(catalog_text: str):
    nfd = unicodedata.normalize("NFD", catalog_text)
    assert nfd != catalog_text
    a, b = load_text(catalog_text), load_text(nfd)
    assert a.sha256 == b.sha256
    assert b.pillars[0].title.vi == "Chính quyền số"


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in validate_file(path)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("max_points: 20\n", "max_pointz: 20\n", "max_points"),
        ("mandatory: true\n", "mandatory: true\n        target_scope: province_average\n", "mandatory"),
        ("{2025: 60, 2030: 70}", "{2025: 60}", "2030"),
        ("code: CQS.02", "code: CQS.01", "CQS.01"),
        ("{min: 4, points: 20}", "{min: 4, points: 2}", "rule.steps"),
        ("kind: ratio", "kind: ratioo", "ratioo"),
        (
            'status: derived, source: "Nghị quyết 01/NQ-TU", section',
            'status: maybe, source: "x", section',
            "maybe",
        ),
        ("points: 20}\n", "points: 25}\n", "max_points"),
        ("{2025: 80, 2030: 90}", "{2025: 180, 2030: 90}", "targets.2025"),
    ],
)
def test_validation_names_the_place(tmp_path: Path, catalog_text: str, old: str, new: str, expected: str):
    source = catalog_text.replace(old, new, 1)
    assert source != catalog_text
    problems = _problems(tmp_path, source)
    assert problems, "a broken catalog must be reported"
    assert any(expected in p for p in problems), problems
    for p in problems:
        assert p.startswith(str(tmp_path / "broken.yaml") + ":")
        assert "\n" not in p


def test_validation_gives_the_line(tmp_path: Path, catalog_text: str):
    source = catalog_text.replace("type: count", "type: counter")
    problems = validate_file(_write(tmp_path, source))
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "type: counter" in text)
    assert [p.line for p in problems] == [line]
    assert problems[0].where == "pillars[1].indicators[0].type"


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path, catalog_text: str):
    source = catalog_text.replace("type: count", "type: counter").replace("weight: 2", "weight: -2")
    assert len(validate_file(_write(tmp_path, source))) == 2


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "c.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("format: 1\nid: [unclosed\n", "YAML"),
        (b"id: \xff\xfe broken", "UTF-8"),
        ("- just\n- a list\n", "format, id, pillars"),
        ("", "format, id, pillars"),
    ],
)
def test_broken_files_get_one_clear_sentence(tmp_path: Path, content, expected: str):
    problems = validate_file(_write(tmp_path, content))
    assert len(problems) == 1
    assert expected in problems[0].message


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    problems = validate_file(path)
    assert len(problems) == 1 and "6291456" in problems[0].message


def test_load_raises_with_every_problem(catalog_text: str):
    with pytest.raises(CatalogError) as info:
        load_text(catalog_text.replace("format: 1", "format: 2"))
    assert len(info.value.problems) == 1


def test_resolve_by_id_hash_and_file(catalog_file: Path):
    by_file = resolve(str(catalog_file))
    assert by_file.id == "thu-nghiem"
    shipped = shipped_catalogs()[0]
    assert resolve(shipped.id).sha256 == shipped.sha256
    assert resolve(shipped.sha256[:12]).id == shipped.id
    with pytest.raises(CatalogError):
        resolve("khong-co")


def test_the_national_framework_carries_its_real_title():
    c = resolve("quoc-gia-2361-xa")
    doc = next(d for d in c.legal_basis if d.number == "2361/QĐ-BTTTT")
    assert doc.title.vi == (
        "Khung tiêu chí và phương pháp đánh giá, xét công nhận mức độ chuyển đổi số cấp huyện và cấp xã "
        "(phiên bản 1.0)"
    )


def test_catalog_text_spells_place_names_one_way_and_keeps_its_hash(catalog_text: str):
    """ "Hoá" written in a catalog reads as "Hóa", as the unit list spells it; the hash stays that of the file
    as written (a published catalog's identity never changes with the reader's spelling)."""
    written = catalog_text.replace("Chính quyền số", "Chính quyền số Thanh Hoá, Thuỷ")
    c = load_text(written)
    assert c.pillars[0].title.vi == "Chính quyền số Thanh Hóa, Thủy"
    assert "Thanh Hoá, Thuỷ" in c.canonical.decode("utf-8")
    assert c.sha256 == hashlib.sha256(c.canonical).hexdigest()


def test_versions_are_compared_as_people_read_them():
    """The newest of an id is 2026.10 after 2026.9 and 10.0 after 9.1, not the last in alphabetical order."""
    import dataclasses

    from dtdesktop.catalogs.registry import resolve, version_key

    assert sorted(["10.0", "9.1", "2026.10", "2026.9"], key=version_key) == [
        "9.1",
        "10.0",
        "2026.9",
        "2026.10",
    ]
    base = resolve("thanh-hoa-xa-2025")
    nine, ten = (
        dataclasses.replace(base, version=v, sha256=h * 64) for v, h in (("2026.9", "a"), ("2026.10", "b"))
    )
    assert resolve("thanh-hoa-xa-2025", installed=[ten, nine]) is ten
    assert resolve("thanh-hoa-xa-2025@2026.9", installed=[ten, nine]) is nine
