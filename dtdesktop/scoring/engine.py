"""The scoring engine: pure functions from (catalog, answers, horizon) to a result, the same everywhere.

No I/O and no clock: the same answers and the same catalog (by SHA-256) always give the same result.
Points are rounded to 4 decimals and percentages to 2, so results compare equal across machines.

Whether a value meets its target is decided exactly, before any rounding: a share typed as 601 of 1000
is the rational number 601/1000 × 100, a typed number or a target is the decimal it is written as, and
the two are compared as fractions. So "trên 60%" (`>` 60) is not met by exactly 60% and is met by 60.001%,
however the share is displayed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from dtdesktop.catalogs.model import Catalog, Indicator, Text
from dtdesktop.scoring.answers import AnswerValue, Ratio, to_json

Status = Literal["met", "not_met", "missing", "info"]


@dataclass(slots=True)  # not frozen: frozen instances are slow to build, and 100,000 are built per area
class IndicatorResult:
    code: str
    pillar: str
    status: Status
    points: float
    max: float
    mandatory: bool
    value: float | bool | str | None = None
    target: float | bool | str | None = None
    gap: float | None = None

    @property
    def met(self) -> bool | None:
        """True / False when judged; None when missing or not scored (never silently False)."""
        if self.status in ("missing", "info"):
            return None
        return self.status == "met"


@dataclass(frozen=True, slots=True)
class PillarResult:
    code: str
    score: float
    max: float
    weight: float
    met: int
    not_met: int
    missing: int

    @property
    def percent(self) -> float:
        return round(self.score / self.max * 100.0, 2) if self.max else 0.0


@dataclass(frozen=True, slots=True)
class ScoreResult:
    catalog_id: str
    catalog_version: str
    sha256: str
    horizon: int
    total: float
    max: float
    percent: float
    completed: bool
    rating: Text | None
    pillars: tuple[PillarResult, ...]
    indicators: tuple[IndicatorResult, ...]

    @property
    def missing(self) -> list[str]:
        return [r.code for r in self.indicators if r.status == "missing"]

    @property
    def mandatory_not_met(self) -> list[str]:
        return [r.code for r in self.indicators if r.mandatory and r.status != "met"]

    @property
    def met_count(self) -> int:
        return sum(1 for r in self.indicators if r.status == "met")

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        """The `score` output of the command-line contract, with extra fields beside the named ones."""
        return {
            "catalog": self.catalog_id,
            "version": self.catalog_version,
            "sha256": self.sha256,
            "horizon": self.horizon,
            "total": self.total,
            "max": self.max,
            "percent": self.percent,
            "completed": self.completed,
            "rating": self.rating.get(lang) if self.rating else None,
            "met": self.met_count,
            "missing": self.missing,
            "mandatory_not_met": self.mandatory_not_met,
            "pillars": [
                {
                    "code": p.code,
                    "score": p.score,
                    "max": p.max,
                    "percent": p.percent,
                    "met": p.met,
                    "not_met": p.not_met,
                    "missing": p.missing,
                }
                for p in self.pillars
            ],
            "indicators": [
                {
                    "code": r.code,
                    "pillar": r.pillar,
                    "status": r.status,
                    "met": r.met,
                    "points": r.points,
                    "max": r.max,
                    "mandatory": r.mandatory,
                    "value": r.value,
                    "target": r.target,
                    "gap": r.gap,
                }
                for r in self.indicators
            ],
        }


def _numeric(value: AnswerValue) -> float:
    if isinstance(value, Ratio):
        return value.percent
    return float(value)  # type: ignore[arg-type]


def exact(number: float) -> Fraction:
    """The decimal a number was written as (60.1 is 601/10, not the nearest binary float)."""
    return Fraction(repr(float(number)))


def exact_value(value: AnswerValue) -> Fraction:
    """An answer as an exact rational: a share is numerator × 100 ÷ denominator, with no rounding."""
    if isinstance(value, Ratio):
        return exact(value.numerator) * 100 / exact(value.denominator)
    return exact(value)  # type: ignore[arg-type]


def compare(value: Fraction, op: str, target: Fraction) -> bool:
    """*value* `op` *target*, exactly."""
    if op == ">=":
        return value >= target
    if op == ">":
        return value > target
    if op == "<=":
        return value <= target
    if op == "<":
        return value < target
    return value == target


def _judge(
    ind: Indicator, value: AnswerValue, target: Any, op: str | None
) -> tuple[bool, float, float | None]:
    """(met, points, gap) of one answered, scored indicator; *op* is the comparison for the horizon."""
    kind, maxp = ind.rule.kind, ind.max_points
    if ind.type in ("percent", "count"):
        v = exact_value(value)
        t = exact(target) if target is not None else None
        if kind == "threshold":
            if t is None:
                return False, 0.0, None
            op = op or ">="
            met = compare(v, op, t)
            gap = v - t if op in ("<=", "<") else t - v
            return met, maxp if met else 0.0, float(max(gap, Fraction(0)))
        if kind == "ratio":
            t = t or Fraction(0)
            points = float(min(v / t, Fraction(1))) * maxp if t > 0 else 0.0
            return v >= t, points, float(max(t - v, Fraction(0)))
        # steps: the points of the highest band reached
        points = 0.0
        for step in ind.rule.steps:
            if v >= exact(step.min):
                points = step.points
        met = v >= t if t is not None else points >= maxp
        return met, points, float(max(t - v, Fraction(0))) if t is not None else None
    if ind.type == "boolean":
        wanted = True if target is None else bool(target)
        met = value is wanted
        return met, maxp if met else 0.0, None
    # choice
    chosen = ind.choice(str(value))
    if kind == "threshold":
        met = value == target
        return met, maxp if met else 0.0, None
    points = chosen.points if chosen else 0.0
    if target is not None:
        wanted = ind.choice(str(target))
        met = points >= (wanted.points if wanted else maxp)
    else:
        met = points >= maxp
    return met, points, None


def score_indicator(ind: Indicator, value: AnswerValue | None, horizon: int) -> IndicatorResult:
    target = ind.target_for(horizon)
    if not ind.scored:
        status: Status = "missing" if value is None else "info"
        return IndicatorResult(
            ind.code,
            ind.pillar_code,
            status,
            0.0,
            0.0,
            False,
            to_json(value) if value is not None else None,
            target,
        )
    if value is None:
        return IndicatorResult(
            ind.code, ind.pillar_code, "missing", 0.0, ind.max_points, ind.mandatory, None, target
        )
    met, points, gap = _judge(ind, value, target, ind.op_for(horizon))
    shown = round(_numeric(value), 4) if ind.type in ("percent", "count") else value
    return IndicatorResult(
        ind.code,
        ind.pillar_code,
        "met" if met else "not_met",
        round(points, 4),
        ind.max_points,
        ind.mandatory,
        shown,
        target,
        round(gap, 4) if gap is not None else None,
    )


def score(catalog: Catalog, answers: Mapping[str, AnswerValue], horizon: int | None = None) -> ScoreResult:
    """Score *answers* (indicator code → value; absent means not answered) against *catalog*."""
    year = horizon if horizon is not None else catalog.default_horizon
    results: list[IndicatorResult] = []
    pillars: list[PillarResult] = []
    total = maximum = 0.0
    for pillar in catalog.pillars:
        p_points = p_max = 0.0
        met = not_met = missing = 0
        for ind in pillar.indicators:
            r = score_indicator(ind, answers.get(ind.code), year)
            results.append(r)
            p_points += r.points
            p_max += r.max
            if r.status == "met":
                met += 1
            elif r.status == "not_met":
                not_met += 1
            elif r.status == "missing" and ind.scored:
                missing += 1
        w = pillar.weight
        pillars.append(
            PillarResult(pillar.code, round(p_points * w, 4), round(p_max * w, 4), w, met, not_met, missing)
        )
        total += p_points * w
        maximum += p_max * w
    total, maximum = round(total, 4), round(maximum, 4)
    percent = round(total / maximum * 100.0, 2) if maximum else 0.0
    return ScoreResult(
        catalog.id,
        catalog.version,
        catalog.sha256,
        year,
        total,
        maximum,
        percent,
        _completed(catalog, results, total, maximum),
        _rating(catalog, total, maximum),
        tuple(pillars),
        tuple(results),
    )


def _reaches(total: float, maximum: float, min_percent: float) -> bool:
    """total ÷ maximum × 100 ≥ min_percent, exactly: 79.997 of 100 shows as 80,00% but does not reach 80%."""
    return maximum > 0 and exact(total) * 100 >= exact(min_percent) * exact(maximum)


def _completed(catalog: Catalog, results: list[IndicatorResult], total: float, maximum: float) -> bool:
    rule = catalog.completion
    if rule.rule == "n_of_m":
        of = set(rule.of) if rule.of else None
        met = sum(1 for r in results if r.status == "met" and (of is None or r.code in of))
        return met >= rule.n
    if any(r.mandatory and r.status != "met" for r in results):
        return False
    return _reaches(total, maximum, rule.min_percent)


def _rating(catalog: Catalog, total: float, maximum: float) -> Text | None:
    label = None
    for band in catalog.ratings:
        if band.min_percent == 0 or _reaches(total, maximum, band.min_percent):
            label = band.label
    return label
