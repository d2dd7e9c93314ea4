"""Every target that a catalog says it read in a text agrees with that text, sentence by sentence.

`tests/data/target-quotations/<catalog>.yaml` keeps, for each number a catalog says it read (every target
not set by the compiler), the sentence of the text it rests on, its number and its comparison; a number
read only in a source not kept beside the project is listed under `unquotable` with the reason. The test
checks the catalog against the table, the table's number and comparison against the sentence, and the
sentence against the text itself (the resolutions beside the project, in `../shared/resolutions/`), so
that an edit of a catalog cannot drift from what the text says.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from dtdesktop.catalogs.model import Catalog, Indicator
from dtdesktop.catalogs.registry import shipped_catalogs

TABLES = Path(__file__).parent / "data" / "target-quotations"
SHARED = Path(__file__).resolve().parents[2] / "shared"

# How a Vietnamese text writes each comparison, right before (or after) its number N.
STRICT_ABOVE = r"(?:trên|hơn|vượt)\s+(?:mức\s+)?"
AT_LEAST = r"(?:tối thiểu|ít nhất|không dưới|đạt|bảo đảm|đảm bảo)\s+(?:mức\s+|là\s+)?"
BELOW = r"dưới\s+(?:mức\s+)?"
AT_MOST = r"(?:không quá|tối đa|không vượt quá)\s+(?:mức\s+)?"
# "mọi xã", "từng hộ": a text that says every one, without writing 100%.
EVERY = ("mọi ", "mỗi ", "từng ", "tất cả ", "toàn bộ ", "hoàn toàn ", " đều ", "100% ")


def _says(quote: str, op: str, value: float, percent: bool) -> bool:
    """Whether *quote* sets *value* with the comparison *op*."""
    n = re.escape(_number(value)) + (r"\s?%" if percent else r"(?![\d,])")
    n = r"(?<![\d,.])" + n
    if op == ">":
        return re.search(STRICT_ABOVE + n, quote) is not None
    if op == "<":
        return re.search(BELOW + n, quote) is not None
    if op == "<=":
        return re.search(AT_MOST + n, quote) is not None or re.search(n + r"\s+trở xuống", quote) is not None
    if op == ">=":
        if re.search(AT_LEAST + n, quote) or re.search(n + r"\s+trở lên", quote):
            return True
        bare = [m.start() for m in re.finditer(n, quote)]
        others = "(?:" + "|".join((STRICT_ABOVE, BELOW, AT_MOST)) + ")$"
        if any(
            re.search(others, quote[:i]) is None
            and not quote[i:].split("%", 1)[-1].lstrip().startswith("trở xuống")
            for i in bare
        ):
            return True  # "phấn đấu 50% …": a level to reach
        return value == 100 and any(w in quote for w in EVERY)
    return False


CATALOGS = {c.id: c for c in shipped_catalogs()}


def _table(catalog_id: str) -> dict:
    path = TABLES / f"{catalog_id}.yaml"
    assert path.is_file(), f"{path.name}: every shipped catalog needs its table of quotations"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _flat(text: str) -> str:
    """Text as compared: NFC, no Markdown emphasis, one space for every run of white space."""
    text = unicodedata.normalize("NFC", text).replace("*", "").replace("_", "")
    return re.sub(r"\s+", " ", text).strip()


def _number(value: float) -> str:
    """60 → "60", 0.5 → "0,5": a number as the texts write it."""
    return (f"{value:g}" if value != int(value) else str(int(value))).replace(".", ",")


def _expected_op(ind: Indicator, year: int) -> str:
    return (ind.op_for(year) or ">=") if ind.rule.kind == "threshold" else ">="


def _needs_quote(ind: Indicator, year: int) -> bool:
    """Every number a catalog says it read somewhere, primary text or secondary source."""
    return (
        ind.provenance.status != "set_by_compiler"
        and ind.type in ("percent", "count")
        and ind.rule.kind in ("threshold", "ratio", "steps")
        and year not in ind.provenance.targets_set_by_compiler
    )


def _entries(catalog_id: str) -> list[dict]:
    return _table(catalog_id).get("targets") or []


@pytest.mark.parametrize("catalog_id", sorted(CATALOGS))
def test_every_target_read_in_a_text_has_its_quotation(catalog_id):
    c: Catalog = CATALOGS[catalog_id]
    table = _table(catalog_id)
    assert table["catalog"] == catalog_id
    quoted = {(e["code"], int(e["year"])) for e in _entries(catalog_id)}
    # a number read in a source that is not kept beside the project (a news report) is listed with why
    unquotable = {(u["code"], int(y)) for u in table.get("unquotable") or [] for y in u["years"]}
    assert all(u.get("reason") for u in table.get("unquotable") or [])
    needed = {(i.code, y) for i in c.indicators for y in i.targets if _needs_quote(i, y)}
    assert sorted(needed - quoted - unquotable) == [], "targets said to be read in a text, with no quotation"
    assert quoted & unquotable == set()


def _mismatches(c: Catalog, entries: list[dict]) -> list[tuple]:
    wrong = []
    for e in entries:
        ind = c.indicator(e["code"])
        year = int(e["year"])
        if ind is None or year not in ind.targets:
            wrong.append((e["code"], year, "no such indicator or target year"))
            continue
        target, op = ind.targets[year], _expected_op(ind, year)
        if float(target) != float(e["value"]) or op != e["op"]:
            wrong.append((e["code"], year, f"catalog {op} {target}", f"text {e['op']} {e['value']}"))
    return wrong


@pytest.mark.parametrize("catalog_id", sorted(CATALOGS))
def test_the_catalog_says_what_the_quotation_says(catalog_id):
    assert _mismatches(CATALOGS[catalog_id], _entries(catalog_id)) == []


def test_the_check_catches_a_drifted_target():
    """The table is not decoration: "trên 60%" written as ≥ 60.01, or as ≥ 60, is caught."""
    cid, e = next((cid, e) for cid in sorted(CATALOGS) for e in _entries(cid) if e["op"] == ">")
    c = CATALOGS[cid]
    assert _mismatches(c, [e]) == []
    assert _mismatches(c, [{**e, "op": ">=", "value": float(e["value"]) + 0.01}]) != []
    assert _mismatches(c, [{**e, "op": ">="}]) != []
    assert _mismatches(c, [{**e, "year": 1999}]) != []


@pytest.mark.parametrize("catalog_id", sorted(CATALOGS))
def test_each_quotation_holds_its_number_and_comparison(catalog_id):
    c: Catalog = CATALOGS[catalog_id]
    wrong = []
    for e in _entries(catalog_id):
        ind = c.indicator(e["code"])
        percent = ind is not None and ind.type == "percent"
        if not _says(_flat(e["quote"]).casefold(), e["op"], float(e["value"]), percent):
            wrong.append((e["code"], e["year"], e["op"], e["value"], e["quote"]))
    assert wrong == []


@pytest.mark.parametrize(
    ("quote", "op", "value", "says"),
    [
        ("trên 60% tổng số hồ sơ công việc tại cấp xã", ">", 60, True),
        ("trên 60% tổng số hồ sơ công việc tại cấp xã", ">=", 60, False),
        ("60% hồ sơ được xử lý trên môi trường mạng", ">", 60, False),
        ("60% hồ sơ được xử lý trên môi trường mạng", ">=", 60, True),
        ("phấn đấu 50% hoạt động kiểm tra", ">=", 50, True),
        ("tỷ lệ từ 80% trở lên", ">=", 80, True),
        ("ít nhất 30% số xã", ">=", 30, True),
        ("dưới 5% số hộ", "<", 5, True),
        ("dưới 5% số hộ", "<=", 5, False),
        ("không quá 5% số hộ", "<=", 5, True),
        ("chi tối thiểu 0,5% tổng chi", ">=", 0.5, True),
        ("chi tối thiểu 0,5% tổng chi", ">=", 5, False),
        ("trên 160% kế hoạch", ">", 60, False),
        ("từng hộ gia đình đều tiếp cận được Internet băng thông rộng", ">=", 100, True),
        ("từng hộ gia đình đều tiếp cận được Internet băng thông rộng", ">=", 90, False),
    ],
)
def test_the_reading_of_a_comparison(quote, op, value, says):
    assert _says(_flat(quote).casefold(), op, float(value), True) is says


def _quoted_texts() -> list[tuple[str, str]]:
    """(catalog, text) pairs: the texts beside the project that a catalog's quotations are read in."""
    pairs = set()
    for cid in CATALOGS:
        table = _table(cid)
        for e in _entries(cid):
            if e.get("text") or table.get("text"):
                pairs.add((cid, e.get("text") or table["text"]))
    return sorted(pairs)


@pytest.mark.parametrize(("catalog_id", "text"), _quoted_texts())
def test_each_quotation_is_in_its_text(catalog_id, text):
    path = SHARED / text
    if not path.is_file():
        if os.environ.get("DTDESKTOP_REQUIRE_TOOLS"):
            pytest.fail(f"{path} is missing")
        pytest.skip(f"{path} is not beside the project")
    flat = _flat(path.read_text(encoding="utf-8"))
    default = _table(catalog_id).get("text")
    quotes = [e for e in _entries(catalog_id) if (e.get("text") or default) == text]
    assert quotes
    missing = [(e["code"], e["year"]) for e in quotes if _flat(e["quote"]) not in flat]
    assert missing == [], "quotations not found word for word in " + text
