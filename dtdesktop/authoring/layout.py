"""The workbook's layout, shared by the writer and the reader: sheets, columns, their kinds and drop-downs.

Sheet names and column headers are the author's words (Vietnamese, with English beside them in the header);
they are data of the file format, not messages of the program, so they are not translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TYPES = ("boolean", "percent", "count", "choice", "text")
KINDS = ("threshold", "ratio", "steps", "choice", "boolean", "info")
OPS = (">=", ">", "<=", "<", "==")
STATUSES = ("official", "derived", "set_by_compiler", "unverified")
SCOPES = ("commune", "province_average")
LEVELS = ("commune", "district", "province")
PROGRAM_SCOPES = ("province", "district")
COMPLETIONS = ("mandatory_and_percent", "n_of_m")
YES, NO = "có", "không"


@dataclass(frozen=True, slots=True)
class Column:
    """One column: where its value goes in the catalog (a path inside the row's object) and what it holds.

    kind: text, code, number, int, bool, enum, date, years (a list of years), codes (a list of codes).
    """

    key: tuple[str, ...]
    vi: str
    en: str
    kind: str = "text"
    width: int = 18
    choices: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        return f"{self.vi} / {self.en}"


def _pair(key: str, vi: str, en: str, width: int = 40) -> tuple[Column, Column]:
    return (
        Column((key, "vi"), f"{vi} (tiếng Việt)", f"{en} (Vietnamese)", width=width),
        Column((key, "en"), f"{vi} (tiếng Anh)", f"{en} (English)", width=width),
    )


_PROVENANCE = (
    Column(("provenance", "status"), "Nguồn gốc", "Provenance", "enum", 16, STATUSES),
    Column(("provenance", "source"), "Văn bản nguồn", "Source", width=36),
    Column(("provenance", "section"), "Mục trong văn bản", "Section", width=24),
    Column(("provenance", "note"), "Ghi chú nguồn", "Provenance note", width=30),
    Column(
        ("provenance", "targets_set_by_compiler"),
        "Năm do người biên soạn đặt",
        "Years set by compiler",
        "years",
        14,
    ),
)

SETTINGS = "Thông tin chung"
DOCUMENTS = "Văn bản"
PILLARS = "Nhóm"
INDICATORS = "Chỉ tiêu"
CHOICES = "Lựa chọn"
STEPS = "Bậc điểm"
RATINGS = "Xếp loại"
PROGRAM = "Mục tiêu chương trình"

# Settings: one row per field (key, label, value); completion lives here too.
SETTING_FIELDS: tuple[Column, ...] = (
    Column(("format",), "Phiên bản định dạng", "Format", "int"),
    Column(("id",), "Mã bộ tiêu chí", "Catalog id"),
    Column(("version",), "Phiên bản", "Version"),
    *_pair("title", "Tên bộ tiêu chí", "Title"),
    *_pair("description", "Mô tả", "Description"),
    *_pair("issuer", "Cơ quan ban hành", "Issuer"),
    *_pair("compiler", "Người biên soạn", "Compiler"),
    Column(("unit_level",), "Cấp đơn vị đánh giá", "Unit level", "enum", choices=LEVELS),
    Column(("horizons",), "Các năm mốc", "Horizon years", "years"),
    Column(("completion", "rule"), "Quy tắc hoàn thành", "Completion rule", "enum", choices=COMPLETIONS),
    Column(("completion", "min_percent"), "Tỷ lệ điểm tối thiểu (%)", "Minimum percent", "number"),
    Column(("completion", "n"), "Số chỉ tiêu phải đạt", "Indicators to meet (n)", "int"),
    Column(("completion", "of"), "Trong các chỉ tiêu", "Out of (codes)", "codes"),
    *(
        Column(
            ("completion", *c.key), f"Hoàn thành: {c.vi}", f"Completion: {c.en}", c.kind, choices=c.choices
        )
        for c in _PROVENANCE
    ),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    DOCUMENTS: (
        Column(("number",), "Số hiệu", "Number", "text", 18),
        Column(("date",), "Ngày ban hành", "Date", "date", 14),
        *_pair("title", "Trích yếu", "Title", 50),
        Column(("section",), "Phần áp dụng", "Section", width=30),
    ),
    PILLARS: (
        Column(("code",), "Mã nhóm", "Pillar code", "code", 12),
        *_pair("title", "Tên nhóm", "Pillar title"),
        Column(("weight",), "Trọng số", "Weight", "number", 10),
    ),
    INDICATORS: (
        Column(("pillar",), "Mã nhóm", "Pillar code", "code", 10),
        Column(("code",), "Mã chỉ tiêu", "Indicator code", "code", 12),
        *_pair("title", "Tên chỉ tiêu", "Title", 45),
        *_pair("guidance", "Hướng dẫn", "Guidance", 45),
        Column(("type",), "Kiểu", "Type", "enum", 11, TYPES),
        *_pair("unit", "Đơn vị tính", "Unit", 12),
        Column(("rule", "kind"), "Cách chấm", "Rule", "enum", 11, KINDS),
        Column(("rule", "op"), "Phép so sánh", "Comparison", "enum", 10, OPS),
        Column(("max_points",), "Điểm tối đa", "Max points", "number", 10),
        Column(("mandatory",), "Bắt buộc", "Mandatory", "bool", 10, (YES, NO)),
        # the targets per horizon year go here (see target_columns)
        Column(("target_scope",), "Phạm vi mục tiêu", "Target scope", "enum", 16, SCOPES),
        *_pair("evidence", "Hồ sơ minh chứng", "Evidence expected", 40),
        *_pair("verified_by", "Cơ quan thẩm định", "Verifying office", 30),
        *_PROVENANCE,
    ),
    CHOICES: (
        Column(("indicator",), "Mã chỉ tiêu", "Indicator code", "code", 12),
        Column(("code",), "Mã lựa chọn", "Choice code", "code", 14),
        *_pair("title", "Lựa chọn", "Choice", 40),
        Column(("points",), "Điểm", "Points", "number", 10),
    ),
    STEPS: (
        Column(("indicator",), "Mã chỉ tiêu", "Indicator code", "code", 12),
        Column(("min",), "Từ giá trị", "From value", "number", 12),
        Column(("points",), "Điểm", "Points", "number", 10),
    ),
    RATINGS: (
        Column(("min_percent",), "Từ tỷ lệ điểm (%)", "From percent", "number", 14),
        *_pair("label", "Xếp loại", "Label", 30),
    ),
    PROGRAM: (
        Column(("code",), "Mã mục tiêu", "Target code", "code", 12),
        *_pair("title", "Tên mục tiêu", "Title", 45),
        Column(("year",), "Năm", "Year", "int", 8),
        Column(("scope",), "Phạm vi", "Scope", "enum", 12, PROGRAM_SCOPES),
        Column(("min_count",), "Số đơn vị tối thiểu", "Minimum count", "int", 12),
        Column(("min_percent",), "Tỷ lệ đơn vị tối thiểu (%)", "Minimum percent", "number", 12),
        Column(("cumulative",), "Cộng dồn", "Cumulative", "bool", 10, (YES, NO)),
        *_PROVENANCE,
    ),
}

SHEETS = (SETTINGS, DOCUMENTS, PILLARS, INDICATORS, CHOICES, STEPS, RATINGS, PROGRAM)
SETTINGS_COLUMNS = (
    Column(("key",), "Khóa", "Key", width=46),  # completion.provenance.targets_set_by_compiler
    Column(("label",), "Mục", "Field", width=50),
    Column(("value",), "Giá trị", "Value", width=70),
)

# Indicators: the targets come after "mandatory", one value column and one own-comparison column per year.
TARGETS_AFTER = ("mandatory",)


def target_columns(year: int) -> tuple[Column, Column]:
    return (
        Column(("targets", str(year)), f"Mục tiêu {year}", f"Target {year}", "target", 11),
        Column(("target_ops", str(year)), f"So sánh riêng {year}", f"Own comparison {year}", "enum", 11, OPS),
    )


def indicator_columns(years: list[int]) -> tuple[Column, ...]:
    cols: list[Column] = []
    for col in COLUMNS[INDICATORS]:
        cols.append(col)
        if col.key == TARGETS_AFTER:
            for year in years:
                cols.extend(target_columns(year))
    return tuple(cols)


_TARGET_HEADER = re.compile(r"^(Mục tiêu|So sánh riêng) (\d{4})\b")


def year_column(header: str) -> Column | None:
    """The target or own-comparison column a header names ("Mục tiêu 2025 / Target 2025"), if any."""
    m = _TARGET_HEADER.match(header.strip())
    if not m:
        return None
    value, op = target_columns(int(m.group(2)))
    return value if m.group(1) == "Mục tiêu" else op


def setting_key(col: Column) -> str:
    return ".".join(col.key)
