"""What is not yet met and what is still unanswered, pillar by pillar, for the report's section III.

Built from the catalog alone (the target, the gap, the evidence asked for), so the report never says more
than the criteria do; the tasks that follow are said once for the whole section, not once per indicator.
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
class Gap:
    """One scored indicator not met or not answered, with where it stands."""

    code: str
    title: str
    mandatory: bool
    status: str  # "not_met" or "missing"
    situation: str  # the value against the target, or the evidence still to gather
    basis: str


@dataclass(frozen=True, slots=True)
class PillarGaps:
    """A pillar's indicators not met and not answered, mandatory ones first, catalog order."""

    code: str
    title: str
    not_met: tuple[Gap, ...]
    missing: tuple[Gap, ...]


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
    if r.status == "missing":
        return _("Evidence expected: {evidence}.").format(evidence=ind.evidence.get(lang).rstrip("."))
    target = target_text(ind, r.target, lang, ind.op_for(horizon))
    gap = _gap_text(ind, r, lang)
    reached = value_text(ind, value, lang)
    if gap:
        return _("At present: {value}; target: {target}, {gap}.").format(
            value=reached, target=target, gap=gap
        )
    return _("At present: {value}; target: {target}.").format(value=reached, target=target)


def gaps(catalog: Catalog, result: ScoreResult, values: dict[str, AnswerValue], lang: str) -> list[Gap]:
    """Every scored indicator not met or not answered: mandatory ones first, then catalog order."""
    out: list[Gap] = []
    for r in result.indicators:
        ind = catalog.indicator(r.code)
        if ind is None or not ind.scored or r.status not in ("not_met", "missing"):
            continue
        situation = _situation(ind, r, values.get(r.code), lang, result.horizon)
        out.append(Gap(r.code, ind.title.get(lang), ind.mandatory, r.status, situation, basis_text(ind)))
    out.sort(key=lambda g: not g.mandatory)
    return out


def next_steps(
    catalog: Catalog, result: ScoreResult, values: dict[str, AnswerValue], lang: str
) -> list[PillarGaps]:
    """The open indicators grouped by pillar, in the catalog's order; pillars with none are left out."""
    open_ = gaps(catalog, result, values, lang)
    out = []
    for pillar in catalog.pillars:
        codes = {i.code for i in pillar.indicators}
        mine = [g for g in open_ if g.code in codes]
        if mine:
            out.append(
                PillarGaps(
                    pillar.code,
                    pillar.title.get(lang),
                    tuple(g for g in mine if g.status == "not_met"),
                    tuple(g for g in mine if g.status == "missing"),
                )
            )
    return out
