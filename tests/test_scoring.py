"""The scoring engine: every rule kind, missing answers, completion, ratings, and its properties."""

from __future__ import annotations

import pytest
from conftest import SCORE_FIELDS, SMALL_CATALOG
from hypothesis import given, settings
from hypothesis import strategies as st

from dtdesktop.catalogs import load_text
from dtdesktop.catalogs.model import Catalog, Indicator
from dtdesktop.catalogs.registry import shipped_catalogs
from dtdesktop.scoring import AnswerError, Ratio, parse_answers, parse_value, score


def by_code(result):
    return {r.code: r for r in result.indicators}


FULL = {
    "CQS.01": Ratio(45, 60),
    "CQS.02": "head",
    "XHS.01": 4.0,
    "XHS.02": 80.0,
    "XHS.03": True,
    "XHS.04": 2.0,
    "XHS.05": "Thiếu máy tính",
}


def test_threshold_met_and_not_met(catalog):
    met = by_code(score(catalog, {"CQS.01": Ratio(45, 60)}))["CQS.01"]  # 75% ≥ 60%
    assert (met.status, met.points, met.gap, met.value) == ("met", 20.0, 0.0, 75.0)
    short = by_code(score(catalog, {"CQS.01": Ratio(30, 60)}))["CQS.01"]  # 50% < 60%
    assert (short.status, short.points, short.gap) == ("not_met", 0.0, 10.0)


def test_threshold_at_most(catalog):
    r = by_code(score(catalog, {"XHS.04": 2.0}))["XHS.04"]
    assert (r.status, r.points) == ("met", 10.0)
    r = by_code(score(catalog, {"XHS.04": 7.5}))["XHS.04"]
    assert (r.status, r.points, r.gap) == ("not_met", 0.0, 2.5)


def test_more_than_is_strict(catalog_text):
    from dtdesktop.catalogs import load_text

    c = load_text(catalog_text.replace('op: ">="', 'op: ">"'))
    assert by_code(score(c, {"CQS.01": Ratio(6, 10)}))["CQS.01"].status == "not_met"  # exactly 60%
    assert by_code(score(c, {"CQS.01": Ratio(601, 1000)}))["CQS.01"].status == "met"  # 60.1%


def test_ratio_gives_partial_points_capped_at_the_maximum(catalog):
    assert by_code(score(catalog, {"XHS.02": 40.0}))["XHS.02"].points == 5.0
    assert by_code(score(catalog, {"XHS.02": 100.0}))["XHS.02"].points == 10.0
    assert by_code(score(catalog, {"XHS.02": 40.0}))["XHS.02"].status == "not_met"


@pytest.mark.parametrize(("meetings", "points"), [(0, 0), (1, 5), (2, 10), (3, 15), (4, 20), (9, 20)])
def test_steps(catalog, meetings, points):
    assert by_code(score(catalog, {"XHS.01": float(meetings)}))["XHS.01"].points == points


@pytest.mark.parametrize(
    ("choice", "points", "status"), [("head", 20, "met"), ("deputy", 10, "not_met"), ("none", 0, "not_met")]
)
def test_role_based_choice(catalog, choice, points, status):
    r = by_code(score(catalog, {"CQS.02": choice}))["CQS.02"]
    assert (r.points, r.status) == (points, status)


def test_boolean(catalog):
    assert by_code(score(catalog, {"XHS.03": True}))["XHS.03"].points == 10
    assert by_code(score(catalog, {"XHS.03": False}))["XHS.03"].status == "not_met"


def test_not_answered_is_missing_never_zero(catalog):
    result = score(catalog, {})
    assert result.missing == ["CQS.01", "CQS.02", "XHS.01", "XHS.02", "XHS.03", "XHS.04", "XHS.05"]
    assert all(r.met is None for r in result.indicators)
    assert result.total == 0 and result.max == 140 and not result.completed
    payload = result.to_json()
    assert payload["indicators"][0]["met"] is None and payload["indicators"][0]["status"] == "missing"


def test_totals_weights_percent_rating_and_completion(catalog):
    result = score(catalog, FULL)
    pillars = {p.code: p for p in result.pillars}
    assert (pillars["CQS"].score, pillars["CQS"].max) == (40, 40)
    assert (pillars["XHS"].score, pillars["XHS"].max) == (100, 100)  # weight 2: (20 + 10 + 10 + 10) × 2
    assert (result.total, result.max, result.percent) == (140, 140, 100.0)
    assert result.completed and result.rating.vi == "Tốt"
    assert by_code(result)["XHS.05"].status == "info"


def test_a_mandatory_indicator_not_met_blocks_completion(catalog):
    answers = dict(FULL, **{"XHS.02": 79.0})  # mandatory, ratio: nearly full points but not met
    result = score(catalog, answers)
    assert result.percent > 70 and not result.completed
    assert result.mandatory_not_met == ["XHS.02"]


def test_percent_and_rating_bands(catalog):
    result = score(catalog, {"CQS.01": Ratio(1, 1), "XHS.01": 2.0})  # 20 + 10×2 = 40 of 140
    assert result.percent == 28.57
    assert result.rating.en == "Not achieved"


def test_horizon_picks_the_target(catalog):
    answers = {"CQS.01": 65.0}
    assert by_code(score(catalog, answers, 2025))["CQS.01"].status == "met"
    assert by_code(score(catalog, answers, 2030))["CQS.01"].status == "not_met"
    assert score(catalog, answers, 2030).horizon == 2030


def test_n_of_m_completion(catalog_text):
    from dtdesktop.catalogs import load_text

    c = load_text(
        catalog_text.replace(
            "completion: {rule: mandatory_and_percent, min_percent: 70}",
            "completion: {rule: n_of_m, n: 2, of: [CQS.01, XHS.03, XHS.04]}",
        )
    )
    assert not score(c, {"CQS.01": 70.0}).completed
    assert score(c, {"CQS.01": 70.0, "XHS.04": 1.0}).completed


def test_the_contract_fields_are_there(catalog):
    payload = score(catalog, FULL).to_json("en")
    assert set(payload) >= SCORE_FIELDS
    assert set(payload["pillars"][0]) >= {"code", "score", "max"}
    assert set(payload["indicators"][0]) >= {"code", "met", "points", "max"}
    assert payload["rating"] == "Good" and payload["sha256"] == catalog.sha256


@pytest.mark.parametrize(
    ("code", "raw", "expected"),
    [
        ("CQS.01", {"numerator": 3, "denominator": 4}, Ratio(3, 4)),
        ("CQS.01", "45/60", Ratio(45, 60)),
        ("CQS.01", "34,87", 34.87),
        ("CQS.01", "34.87%", 34.87),
        ("XHS.01", "1.234", 1234),  # a count: thousands grouped the Vietnamese way
        ("XHS.03", "có", True),
        ("XHS.03", "Không", False),
        ("CQS.02", "deputy", "deputy"),
    ],
)
def test_values_are_parsed_the_vietnamese_way(catalog, code, raw, expected):
    assert parse_value(catalog.indicator(code), raw) == expected


@pytest.mark.parametrize(
    ("code", "raw"),
    [
        ("CQS.01", {"numerator": 5, "denominator": 0}),
        ("CQS.01", {"numerator": 7, "denominator": 5}),
        ("CQS.01", 120),
        ("XHS.01", -1),
        ("XHS.01", "nhiều"),
        ("XHS.03", "có lẽ"),
        ("CQS.02", "chief"),
        ("XHS.01", True),
        ("XHS.01", float("nan")),
    ],
)
def test_bad_values_are_refused_with_a_sentence(catalog, code, raw):
    with pytest.raises(AnswerError) as info:
        parse_value(catalog.indicator(code), raw)
    assert code in str(info.value)


def test_answers_file_problems_are_all_listed(catalog):
    values, problems = parse_answers(catalog, {"CQS.01": 50, "KHONG.CO": 1, "XHS.03": "?", "XHS.04": None})
    assert values == {"CQS.01": 50.0}
    assert len(problems) == 2


# --- properties ----------------------------------------------------------------------------------------


def value_strategy(ind: Indicator):
    if ind.type == "boolean":
        return st.booleans()
    if ind.type == "choice":
        return st.sampled_from([c.code for c in ind.choices])
    if ind.type == "text":
        return st.text(max_size=20)
    if ind.type == "percent":
        return st.one_of(
            st.floats(0, 100, allow_nan=False),
            st.integers(1, 5000).flatmap(
                lambda d: st.builds(Ratio, st.integers(0, d).map(float), st.just(float(d)))
            ),
        )
    return st.floats(0, 1e6, allow_nan=False)


def answers_strategy(c: Catalog):
    return st.fixed_dictionaries({}, optional={i.code: value_strategy(i) for i in c.indicators})


def better(ind: Indicator, value, other) -> bool:
    """Is *other* at least as good as *value* for this indicator (the direction the rules reward)?"""
    if ind.type in ("percent", "count"):
        a = value.percent if isinstance(value, Ratio) else value
        b = other.percent if isinstance(other, Ratio) else other
        return b <= a if ind.rule.op in ("<=", "<") else b >= a
    if ind.type == "boolean":
        wanted = ind.target_for(2030) if isinstance(ind.target_for(2030), bool) else True
        return other == wanted or value == other
    if ind.type == "choice":
        points = {c.code: c.points for c in ind.choices}
        if ind.rule.kind == "threshold":
            return other == ind.target_for(2025) or value == other
        return points[other] >= points[value]
    return True


def draw_case(data, c: Catalog):
    """Some answers (any subset of the indicators) and one of the catalog's horizons."""
    return data.draw(answers_strategy(c)), data.draw(st.sampled_from(c.horizons))


CATALOGS = [*shipped_catalogs(), load_text(SMALL_CATALOG)]
each_catalog = pytest.mark.parametrize("any_catalog", CATALOGS, ids=lambda c: c.id)


@each_catalog
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_points_stay_within_bounds_and_results_are_reproducible(any_catalog, data):
    answers, horizon = draw_case(data, any_catalog)
    result = score(any_catalog, answers, horizon)
    for r in result.indicators:
        assert 0 <= r.points <= r.max
        assert (r.status == "missing") == (r.code not in answers)
    for p in result.pillars:
        assert 0 <= p.score <= p.max
    assert 0 <= result.percent <= 100
    assert score(any_catalog, dict(reversed(list(answers.items()))), horizon) == result


@each_catalog
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_improving_a_value_never_lowers_any_score(any_catalog, data):
    answers, horizon = draw_case(data, any_catalog)
    ind = data.draw(st.sampled_from([i for i in any_catalog.indicators if i.scored]))
    new = data.draw(value_strategy(ind))
    if ind.code in answers and not better(ind, answers[ind.code], new):
        return
    before = score(any_catalog, answers, horizon)
    after = score(any_catalog, {**answers, ind.code: new}, horizon)
    assert after.total >= before.total and after.percent >= before.percent
    assert all(a.score >= b.score for a, b in zip(after.pillars, before.pillars, strict=True))
    assert after.completed or not before.completed
    b, a = by_code(before)[ind.code], by_code(after)[ind.code]
    assert a.points >= b.points
    assert a.status == "met" or b.status != "met"
    assert after.met_count >= before.met_count
