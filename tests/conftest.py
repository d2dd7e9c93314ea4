"""Shared fixtures: an isolated data folder and store per test, a small valid catalog."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from dtdesktop.catalogs import load_text
from dtdesktop.i18n import set_language
from dtdesktop.storage import Store

# Widgets are tested without a screen; this must be set before Qt is first imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SMALL_CATALOG = textwrap.dedent(
    """\
    format: 1
    id: thu-nghiem
    version: "1.0"
    title: {vi: "Bộ tiêu chí thử nghiệm", en: "Test criteria set"}
    issuer: {vi: "UBND tỉnh", en: "Provincial People's Committee"}
    legal_basis:
      - number: "01/NQ-TU"
        date: 2021-11-10
        title: {vi: "Nghị quyết về chuyển đổi số", en: "Resolution on digital transformation"}
    unit_level: commune
    horizons: [2025, 2030]
    pillars:
      - code: CQS
        title: {vi: "Chính quyền số", en: "Digital government"}
        indicators:
          - code: CQS.01
            title: {vi: "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng", en: "Work files handled online"}
            guidance: {vi: "Số hồ sơ xử lý trên mạng ÷ tổng số hồ sơ.", en: "Online files ÷ all files."}
            type: percent
            unit: {vi: "%", en: "%"}
            targets: {2025: 60, 2030: 70}
            rule: {kind: threshold, op: ">="}
            max_points: 20
            mandatory: true
            evidence: {vi: "Báo cáo thống kê.", en: "Statistics report."}
            provenance: {status: derived, source: "Nghị quyết 01/NQ-TU", section: "Mục II.2"}
          - code: CQS.02
            title: {vi: "Ban chỉ đạo chuyển đổi số", en: "Steering committee"}
            guidance: {vi: "Ai làm trưởng ban.", en: "Who chairs it."}
            type: choice
            choices:
              - {code: head, title: {vi: "Bí thư hoặc Chủ tịch", en: "Secretary or chair"}, points: 20}
              - {code: deputy, title: {vi: "Phó Chủ tịch", en: "Deputy chair"}, points: 10}
              - {code: none, title: {vi: "Chưa có", en: "None"}, points: 0}
            rule: {kind: choice}
            max_points: 20
            mandatory: false
            evidence: {vi: "Quyết định thành lập.", en: "Founding decision."}
            provenance: {status: official, source: "Biểu tự đánh giá DTI cấp xã", section: "1.1"}
      - code: XHS
        title: {vi: "Xã hội số", en: "Digital society"}
        weight: 2
        indicators:
          - code: XHS.01
            title: {vi: "Số cuộc họp Ban chỉ đạo trong năm", en: "Steering committee meetings a year"}
            guidance: {vi: "Đếm các cuộc họp có biên bản.", en: "Count meetings with minutes."}
            type: count
            rule: {kind: steps, steps: [{min: 1, points: 5}, {min: 2, points: 10}, {min: 3, points: 15},
                                        {min: 4, points: 20}]}
            max_points: 20
            mandatory: false
            evidence: {vi: "Biên bản họp.", en: "Minutes."}
            provenance: {status: unverified, source: "Biểu tự đánh giá DTI cấp xã"}
          - code: XHS.02
            title: {vi: "Tỷ lệ hộ có cáp quang", en: "Households with fibre"}
            guidance: {vi: "Số hộ có cáp quang ÷ tổng số hộ.", en: "Households with fibre ÷ all."}
            type: percent
            targets: {2025: 80, 2030: 90}
            rule: {kind: ratio}
            max_points: 10
            mandatory: true
            evidence: {vi: "Số liệu doanh nghiệp viễn thông.", en: "Operator data."}
            provenance: {status: derived, source: "Nghị quyết 01/NQ-TU"}
          - code: XHS.03
            title: {vi: "Có Tổ công nghệ số cộng đồng", en: "Community digital technology team"}
            guidance: {vi: "Đã thành lập ở mọi thôn.", en: "Set up in every village."}
            type: boolean
            rule: {kind: boolean}
            max_points: 10
            mandatory: false
            evidence: {vi: "Quyết định thành lập.", en: "Founding decision."}
            provenance: {status: derived, source: "Nghị quyết 01/NQ-TU"}
          - code: XHS.04
            title: {vi: "Tỷ lệ máy tính nhiễm mã độc", en: "Computers with malware"}
            guidance: {vi: "Số máy nhiễm ÷ tổng số máy.", en: "Infected ÷ all."}
            type: percent
            targets: {2025: 5, 2030: 1}
            rule: {kind: threshold, op: "<="}
            max_points: 10
            mandatory: false
            evidence: {vi: "Báo cáo an toàn thông tin.", en: "Security report."}
            provenance: {status: derived, source: "Nghị quyết 01/NQ-TU"}
          - code: XHS.05
            title: {vi: "Ghi chú về khó khăn", en: "Difficulties"}
            guidance: {vi: "Mô tả ngắn.", en: "Short description."}
            type: text
            rule: {kind: info}
            max_points: 0
            mandatory: false
            evidence: {vi: "Không bắt buộc.", en: "Not required."}
            provenance: {status: derived, source: "Nghị quyết 01/NQ-TU"}
    completion: {rule: mandatory_and_percent, min_percent: 70}
    ratings:
      - {min_percent: 0, label: {vi: "Chưa đạt", en: "Not achieved"}}
      - {min_percent: 50, label: {vi: "Trung bình", en: "Fair"}}
      - {min_percent: 80, label: {vi: "Tốt", en: "Good"}}
    program_targets:
      - code: T2025
        title: {vi: "300 xã hoàn thành", en: "300 communes complete"}
        year: 2025
        scope: province
        min_count: 300
        provenance: {status: derived, source: "Nghị quyết 01/NQ-TU"}
    """
)


# The fields of `dtdesktop score --json` that spec/cli.md names: extend, never drop.
SCORE_FIELDS = {
    "catalog",
    "sha256",
    "total",
    "max",
    "percent",
    "completed",
    "rating",
    "pillars",
    "indicators",
}


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data folder and starts in Vietnamese."""
    monkeypatch.setenv("DTDESKTOP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DTDESKTOP_DB", raising=False)
    monkeypatch.setenv("DTDESKTOP_ACTOR", "Nguyễn Thị Hà")
    set_language("vi")


@pytest.fixture
def catalog_text() -> str:
    return SMALL_CATALOG


@pytest.fixture
def catalog():
    return load_text(SMALL_CATALOG, "thu-nghiem.yaml")


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    path = tmp_path / "thu-nghiem.yaml"
    path.write_text(SMALL_CATALOG, encoding="utf-8")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


@pytest.fixture
def store(db_path: Path):
    s = Store(f"sqlite:///{db_path}")
    yield s
    s.close()


PASSPHRASE = "mật khẩu của Hà 2026"


def tool(name: str) -> str:
    """The path of an external checker (pdfsig, qpdf, …); skip without it, unless CI requires it."""
    import os
    import shutil

    path = shutil.which(name)
    if path is None:
        if os.environ.get("DTDESKTOP_REQUIRE_TOOLS"):
            pytest.fail(f"{name} is required here but not installed")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def officer():
    """One officer identity for the whole run (making an RSA key takes a moment)."""
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.units import find

    unit = find("15865")
    return pkcs12_file.create_for_unit("Nguyễn Thị Hà", "Chủ tịch UBND xã", unit)  # as the window makes it


@pytest.fixture
def identity_file(tmp_path: Path, officer) -> Path:
    from dtdesktop.signing import pkcs12_file

    return pkcs12_file.save_new(tmp_path / "ha.p12", officer, PASSPHRASE)


@pytest.fixture
def filled(store) -> int:
    """A filled-in Thanh Hoá assessment of Hoằng Hoá with a citation and an evidence file; its id."""
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.cli.demo_cmd import fill
    from dtdesktop.storage import assessments
    from dtdesktop.units import find

    catalog = resolve("thanh-hoa-xa-2025")
    assessment_id = assessments.create(store, catalog, find("15865"), 2025)
    fill(store, assessment_id, catalog, 2025)
    return assessment_id


def signed_with(store, assessment_id: int, identity_file: Path, folder: Path, files: list, name: str) -> Path:
    """A file signed by a genuine key whose attachments are *files* as given: the report of the assessment,
    then the attachments, then the signature, as an attacker holding the key (or a faulty writer) makes it."""
    import io

    from pki import NOW
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from dtdesktop.exchange.attachments import embed_all
    from dtdesktop.exchange.export import write_report
    from dtdesktop.reports.decree30 import SignaturePlace
    from dtdesktop.signing.pdf_signature import signed_bytes
    from dtdesktop.signing.pkcs12_file import Pkcs12Key

    report = write_report(store, assessment_id, folder / f"{name}-base.pdf").read_bytes()
    w = IncrementalPdfFileWriter(io.BytesIO(report))
    embed_all(w, files, NOW)
    with Pkcs12Key(identity_file, PASSPHRASE).open() as opened:
        data = signed_bytes(
            w, opened, SignaturePlace(0, (300, 100, 500, 160)), title="", reason="", location=""
        )
    path = folder / f"{name}.pdf"
    path.write_bytes(data)
    return path
