"""Realistic sample answers for any catalog: for the `demo` verb, benchmarks and tests.

Deterministic for a given seed: about two thirds of the indicators reach their target, the rest fall a
little short, and a few are left unanswered, as in a real commune half-way through its assessment.
"""

from __future__ import annotations

import random
from typing import Any

from dtdesktop.catalogs.model import Catalog, Indicator

SAMPLE_NOTES = (
    "Số liệu tổng hợp từ Hệ thống quản lý văn bản và điều hành của UBND xã.",
    "Theo báo cáo của Tổ công nghệ số cộng đồng các thôn.",
    "Đã đối chiếu với số liệu của Bưu điện văn hoá xã.",
    "Số liệu đến hết ngày 30/11; sẽ cập nhật khi có báo cáo năm.",
)


def sample_value(ind: Indicator, horizon: int, rng: random.Random, reach: bool) -> Any:
    """A plausible answer for *ind*, reaching its target when *reach* is true."""
    target = ind.target_for(horizon)
    if ind.type == "boolean":
        return reach if target is not False else not reach
    if ind.type == "choice":
        ranked = sorted(ind.choices, key=lambda c: c.points, reverse=True)
        return ranked[0].code if reach or len(ranked) == 1 else ranked[1].code
    if ind.type == "text":
        return "Xã đã ban hành kế hoạch và phân công cán bộ phụ trách."
    lower_is_better = ind.op_for(horizon) in ("<=", "<")
    if isinstance(target, float):
        goal = target
    elif ind.rule.steps:
        goal = max(s.min for s in ind.rule.steps)
    else:
        goal = 50.0 if ind.type == "percent" else 5.0
    if ind.type == "count":
        if lower_is_better:
            return int(max(goal - rng.randint(1, 2), 0) if reach else goal + rng.randint(1, 2))
        return int(goal + rng.randint(1, 2) if reach else max(goal - rng.randint(1, 2), 0))
    share = min(goal + rng.uniform(0.5, 10), 100) if reach else max(goal - rng.uniform(3, 20), 0)
    if lower_is_better:
        share = max(goal - rng.uniform(0.5, 5), 0) if reach else min(goal + rng.uniform(3, 10), 100)
    denominator = rng.choice((120, 245, 380, 512, 1250, 2860))
    return {"numerator": round(share / 100 * denominator), "denominator": denominator}


def sample_answers(
    catalog: Catalog, seed: int = 2025, horizon: int | None = None, reach_share: float = 0.7, missing: int = 2
) -> dict[str, Any]:
    """Answers keyed by indicator code (JSON values, as an answers file holds them)."""
    rng = random.Random(seed)
    year = horizon or catalog.default_horizon
    indicators = list(catalog.indicators)
    skipped = {i.code for i in rng.sample(indicators, min(missing, len(indicators)))}
    return {
        ind.code: sample_value(ind, year, rng, rng.random() < reach_share)
        for ind in indicators
        if ind.code not in skipped
    }
