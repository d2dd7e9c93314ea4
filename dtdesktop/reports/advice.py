"""What is missing and what to do next, indicator by indicator, pointing to the resolution's tasks.

Built from the catalog alone (the target, the gap, the evidence asked for, the provenance's section), so
the advice never says more than the criteria do.
"""

from __future__ import annotations

from dataclasses import dataclass

from dtdesktop.catalogs.model import Catalog, Indicator
from dtdesktop.i18n import _
from dtdesktop.scoring.answers import AnswerValue
from dtdesktop.scoring.display import target_text, value_text
from dtdesktop.scoring.engine import IndicatorResult, ScoreResult
from dtdesktop.text import format_number


@dataclass(frozen=True, slots=True)
class Advice:
    code: str
    title: str
    mandatory: bool
    status: str  # "not_met" or "missing"
    situation: str
    action: str
    basis: str


def basis_text(ind: Indicator) -> str:
    """The source and section an indicator rests on: "Nghị quyết …, Phần III, mục 2"."""
    prov = ind.provenance
    return f"{prov.source}, {prov.section}" if prov.section else prov.source


def _gap_text(ind: Indicator, r: IndicatorResult, lang: str) -> str:
    if r.gap is None or r.gap <= 0:
        return ""
    amount = format_number(r.gap, lang=lang)
    if ind.type == "percent":
        return _("{amount} percentage points short").format(amount=amount)
    return _("{amount} short").format(amount=amount)


def _situation(ind: Indicator, r: IndicatorResult, value: AnswerValue | None, lang: str, horizon: int) -> str:
    target = target_text(ind, r.target, lang, ind.op_for(horizon))
    if r.status == "missing":
        return _("Not answered yet; the target is {target}.").format(target=target or "—")
    gap = _gap_text(ind, r, lang)
    reached = value_text(ind, value, lang)
    if gap:
        return _("Now {value}; the target is {target}, {gap}.").format(value=reached, target=target, gap=gap)
    return _("Now {value}; the target is {target}.").format(value=reached, target=target)


def _action(ind: Indicator, r: IndicatorResult, lang: str, horizon: int) -> str:
    if r.status == "missing":
        return _("Gather the figures and the evidence ({evidence}) and enter the answer.").format(
            evidence=ind.evidence.get(lang).rstrip(".")
        )
    return _("Carry out the task its source sets and reach the target by {year}.").format(year=horizon)


def next_steps(
    catalog: Catalog, result: ScoreResult, values: dict[str, AnswerValue], lang: str
) -> list[Advice]:
    """Advice for every scored indicator not met or not answered: mandatory ones first, catalog order."""
    out: list[Advice] = []
    for r in result.indicators:
        ind = catalog.indicator(r.code)
        if ind is None or not ind.scored or r.status not in ("not_met", "missing"):
            continue
        out.append(
            Advice(
                code=r.code,
                title=ind.title.get(lang),
                mandatory=ind.mandatory,
                status=r.status,
                situation=_situation(ind, r, values.get(r.code), lang, result.horizon),
                action=_action(ind, r, lang, result.horizon),
                basis=basis_text(ind),
            )
        )
    out.sort(key=lambda a: not a.mandatory)
    return out
