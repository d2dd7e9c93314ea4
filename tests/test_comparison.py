"""How a value is compared with its target: exactly, as rational numbers, never rounded first.

And the format rules that keep a catalog honest: a target written as 50.01 is flagged, a province's
average is never a commune's pass mark, and a catalog says who issued or compiled it.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import SMALL_CATALOG
from hypothesis import given
from hypothesis import strategies as st

from dtdesktop.catalogs import CatalogError, load_text
from dtdesktop.catalogs.loader import check, errors, parse_text
from dtdesktop.scoring import Ratio, score
from dtdesktop.scoring.engine import compare, exact, exact_value


def _with_op(op: str, target: str = "60") -> object:
    text = SMALL_CATALOG.replace('op: ">="', f'op: "{op}"').replace(
        "{2025: 60, 2030: 70}", f"{{2025: {target}}}"
    )
    return load_text(text.replace("horizons: [2025, 2030]", "horizons: [2025]"))


def _status(catalog, value) -> str:
    return {r.code: r for r in score(catalog, {"CQS.01": value}).indicators}["CQS.01"].status


# Exactly X, just above and just below, as a share of whole numbers and as a typed percentage. A share
# of 600001/1000000 is 60.0001%: above 60, though it shows as 60,00%.
EXACT = [Ratio(60, 100), Ratio(3, 5), 60.0]
ABOVE = [Ratio(600001, 1000000), Ratio(601, 1000), 60.0001, Ratio(181, 300)]
BELOW = [Ratio(599999, 1000000), Ratio(599, 1000), 59.9999, Ratio(179, 300)]

EXPECTED = {  # op → (exactly, above, below)
    ">": ("not_met", "met", "not_met"),
    ">=": ("met", "met", "not_met"),
    "<": ("not_met", "not_met", "met"),
    "<=": ("met", "not_met", "met"),
    "==": ("met", "not_met", "not_met"),
}


@pytest.mark.parametrize("op", sorted(EXPECTED))
def test_each_operator_at_its_boundary(op):
    c = _with_op(op)
    at, above, below = EXPECTED[op]
    assert [_status(c, v) for v in EXACT] == [at] * len(EXACT)
    assert [_status(c, v) for v in ABOVE] == [above] * len(ABOVE)
    assert [_status(c, v) for v in BELOW] == [below] * len(BELOW)


def test_a_decimal_target_is_the_decimal_written():
    # 0.1 + 0.2 is not 0.3 in binary floating point; written targets and typed shares are decimals.
    c = _with_op(">=", "30.3")
    assert _status(c, Ratio(303, 1000)) == "met"  # exactly 30.3%
    assert _status(c, Ratio(30299, 100000)) == "not_met"
    assert _status(c, 30.3) == "met"
    c = _with_op(">", "0.3")
    assert _status(c, Ratio(3, 1000)) == "not_met"  # 0.3% is not more than 0.3%
    assert _status(c, Ratio(1, 333)) == "met"  # 0.3003…%


def test_a_share_is_not_rounded_before_judging():
    c = _with_op(">")
    r = {x.code: x for x in score(c, {"CQS.01": Ratio(600001, 1000000)}).indicators}["CQS.01"]
    assert r.status == "met" and r.points == 20.0
    assert round(r.value, 2) == 60.0  # what the reader sees, not what was judged


def test_gap_is_what_is_missing_exactly():
    c = _with_op(">=", "60")
    r = {x.code: x for x in score(c, {"CQS.01": Ratio(1, 2)}).indicators}["CQS.01"]
    assert r.gap == 10.0
    c = _with_op("<=", "60")
    r = {x.code: x for x in score(c, {"CQS.01": Ratio(7, 10)}).indicators}["CQS.01"]
    assert r.gap == 10.0


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=0, max_value=1000),
)
def test_exact_comparison_agrees_with_integer_arithmetic(num, den, tenths):
    num = min(num, den)
    value = exact_value(Ratio(float(num), float(den)))
    target = exact(tenths / 10)
    # num/den × 100 against tenths/10, cross-multiplied in integers
    left, right = num * 100 * 10, tenths * den
    assert compare(value, ">", target) is (left > right)
    assert compare(value, ">=", target) is (left >= right)
    assert compare(value, "<", target) is (left < right)
    assert compare(value, "<=", target) is (left <= right)
    assert compare(value, "==", target) is (left == right)


def test_exact_reads_the_written_decimal():
    assert exact(60.1) == Fraction(601, 10)
    assert exact(0.25) == Fraction(1, 4)
    assert exact_value(Ratio(1.5, 3.0)) == 50


# --- the format's rules -----------------------------------------------------------------------------------


def _problems(text: str):
    data, problems = parse_text(text, "c.yaml")
    assert not problems
    return check(data, text, "c.yaml")


@pytest.mark.parametrize("target", ["50.01", "49.99", "60.001", "0.51", "80.01"])
def test_a_nudged_target_is_warned_about(target):
    text = SMALL_CATALOG.replace("{2025: 60, 2030: 70}", f"{{2025: {target}, 2030: 70}}")
    found = _problems(text)
    assert [p.warning for p in found] == [True]
    assert target in found[0].message and "targets.2025" in str(found[0])
    assert str(found[0]).startswith("c.yaml:")
    load_text(text)  # a warning does not stop the catalog from loading


@pytest.mark.parametrize("target", ["50", "60.5", "0.1", "12.5", "100"])
def test_a_number_a_text_could_give_is_not_warned_about(target):
    text = SMALL_CATALOG.replace("{2025: 60, 2030: 70}", f"{{2025: {target}, 2030: 70}}")
    assert _problems(text) == []


@pytest.mark.parametrize("target", ["50.02", "50.005", "80.15", "0.25"])
def test_a_number_said_to_be_read_in_a_text_has_at_most_one_decimal(target):
    text = SMALL_CATALOG.replace("{2025: 60, 2030: 70}", f"{{2025: {target}, 2030: 70}}")
    assert [p.warning for p in _problems(text)] == [True]
    chosen = text.replace(
        'provenance: {status: derived, source: "Nghị quyết 01/NQ-TU", section: "Mục II.2"}',
        'provenance: {status: set_by_compiler, source: "dtdesktop"}',
    ).replace("mandatory: true", "mandatory: false", 1)
    # a compiler may choose 0.25 (a quarter of a percent of the budget); only 50.01-like numbers stay suspect
    assert _problems(chosen) == []
    nudged = chosen.replace(f"{{2025: {target}, 2030: 70}}", "{2025: 50.01, 2030: 70}")
    assert [p.warning for p in _problems(nudged)] == [True]


def test_a_nudged_step_is_warned_about():
    text = SMALL_CATALOG.replace("{min: 2, points: 10}", "{min: 2.01, points: 10}")
    found = _problems(text)
    assert [(p.warning, p.path[-1]) for p in found] == [(True, "min")]


def test_a_province_average_cannot_be_a_commune_pass_mark():
    text = SMALL_CATALOG.replace(
        "        mandatory: true\n",
        "        mandatory: true\n        target_scope: province_average\n",
        1,
    )
    found = errors(_problems(text))
    assert len(found) == 1 and found[0].path[-1] == "mandatory"
    with pytest.raises(CatalogError):
        load_text(text)
    ok = text.replace(
        "        mandatory: true\n        target_scope",
        "        mandatory: false\n        target_scope",
        1,
    )
    c = load_text(ok)
    ind = c.indicator("CQS.01")
    assert (ind.target_scope, ind.mandatory) == ("province_average", False)
    # it still scores and shows its gap
    r = {x.code: x for x in score(c, {"CQS.01": Ratio(1, 2)}).indicators}["CQS.01"]
    assert (r.status, r.gap, r.mandatory) == ("not_met", 10.0, False)


def test_a_catalog_names_its_issuer_or_its_compiler():
    no_one = SMALL_CATALOG.replace('issuer: {vi: "UBND tỉnh", en: "Provincial People\'s Committee"}\n', "")
    assert no_one != SMALL_CATALOG
    with pytest.raises(CatalogError) as exc:
        load_text(no_one)
    assert "compiler" in str(exc.value)
    compiled = load_text(
        no_one.replace("legal_basis:", 'compiler: {vi: "dtdesktop", en: "dtdesktop"}\nlegal_basis:')
    )
    assert compiled.issuer is None and compiled.author.vi == "dtdesktop"


def test_years_set_by_the_compiler_must_be_target_years():
    text = SMALL_CATALOG.replace(
        'provenance: {status: derived, source: "Nghị quyết 01/NQ-TU", section: "Mục II.2"}',
        'provenance: {status: derived, source: "Nghị quyết 01/NQ-TU", targets_set_by_compiler: [2031]}',
    )
    assert [p.path[-1] for p in errors(_problems(text))] == ["targets_set_by_compiler"]
    c = load_text(text.replace("[2031]", "[2030]"))
    prov = c.indicator("CQS.01").provenance
    assert (prov.target_set_by_compiler(2030), prov.target_set_by_compiler(2025)) == (True, False)


def test_a_mandatory_indicator_no_text_sets_is_warned_about():
    text = SMALL_CATALOG.replace(
        'provenance: {status: derived, source: "Nghị quyết 01/NQ-TU", section: "Mục II.2"}',
        'provenance: {status: set_by_compiler, source: "dtdesktop"}',
    )
    found = _problems(text)
    assert [(p.warning, p.path[-1]) for p in found] == [(True, "mandatory")]


def test_a_year_may_have_its_own_comparison():
    """ "trên 60%" by 2025 but "100%" by 2030: each year is judged by its own text."""
    text = SMALL_CATALOG.replace("{2025: 60, 2030: 70}", '{2025: {">": 60}, 2030: 100}')
    c = load_text(text)
    ind = c.indicator("CQS.01")
    assert (ind.op_for(2025), ind.op_for(2030), ind.target_for(2025)) == (">", ">=", 60.0)
    exactly_60 = {"CQS.01": Ratio(60, 100)}
    assert {r.code: r for r in score(c, exactly_60, 2025).indicators}["CQS.01"].status == "not_met"
    everything = {"CQS.01": Ratio(100, 100)}
    assert {r.code: r for r in score(c, everything, 2030).indicators}["CQS.01"].status == "met"
    from dtdesktop.scoring.display import target_text

    assert target_text(ind, 60.0, "vi", ind.op_for(2025)) == "> 60%"
    assert target_text(ind, 100.0, "vi", ind.op_for(2030)) == "≥ 100%"
    # a comparison of its own only for a threshold on a number
    bad = SMALL_CATALOG.replace("{2025: 80, 2030: 90}", '{2025: {">": 80}, 2030: 90}')
    assert [p.path[-1] for p in errors(_problems(bad))] == ["2025"]


def test_completion_and_rating_are_judged_on_the_total_not_its_rounding():
    """79.997 of 100 shows as 80,00% but does not reach "80% trở lên"."""
    from dtdesktop.scoring.engine import _reaches

    assert _reaches(80.0, 100.0, 80.0) and _reaches(80.0001, 100.0, 80.0)
    assert not _reaches(79.997, 100.0, 80.0) and not _reaches(79.9999, 100.0, 80.0)
    assert _reaches(56.0, 70.0, 80.0) and not _reaches(55.9999, 70.0, 80.0)
    # through the engine: a commune one step short of the band is rated below it
    text = SMALL_CATALOG.replace("{min: 4, points: 20}", "{min: 3.5, points: 19.997}, {min: 4, points: 20}")
    c = load_text(text)
    answers = {"CQS.01": Ratio(45, 60), "CQS.02": "head", "XHS.02": 80.0, "XHS.03": True, "XHS.04": 2.0}
    full, short = score(c, {**answers, "XHS.01": 4.0}), score(c, {**answers, "XHS.01": 3.5})
    assert short.total == round(full.total - 0.003 * 2, 4)  # the pillar's weight is 2
    bands = [b.min_percent for b in c.ratings]
    expected = max(b for b in bands if short.total * 100 >= b * short.max)
    assert short.rating == next(b.label for b in c.ratings if b.min_percent == expected)
