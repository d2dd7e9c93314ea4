"""The rules of a catalog that JSON Schema cannot express: unique codes, type/rule fit, targets, monotony."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from dtdesktop.catalogs.problems import Problem
from dtdesktop.i18n import _

_RULES_FOR_TYPE = {
    "boolean": {"boolean", "threshold", "info"},
    "percent": {"threshold", "ratio", "steps", "info"},
    "count": {"threshold", "ratio", "steps", "info"},
    "choice": {"choice", "threshold", "info"},
    "text": {"info"},
}


def semantic_problems(data: dict[str, Any], name: str) -> list[Problem]:
    problems: list[Problem] = []

    def add(path: tuple[str | int, ...], message: str, warning: bool = False) -> None:
        problems.append(Problem(name, path, message, warning=warning))

    if "issuer" not in data and "compiler" not in data:
        msg = _(
            "Name who the criteria come from: “issuer” for a criteria set a body published, or “compiler” "
            "for a set compiled from the documents in legal_basis."
        )
        add(("issuer",), msg)
    horizons = set(data["horizons"])
    seen: dict[str, tuple[str | int, ...]] = {}
    scored_codes: set[str] = set()
    for pi, pillar in enumerate(data["pillars"]):
        _unique(pillar["code"], ("pillars", pi, "code"), seen, add)
        for ii, ind in enumerate(pillar["indicators"]):
            path: tuple[str | int, ...] = ("pillars", pi, "indicators", ii)
            _unique(ind["code"], (*path, "code"), seen, add)
            _check_indicator(ind, path, horizons, add)
            if ind["rule"]["kind"] != "info":
                scored_codes.add(ind["code"])
    _check_completion(data["completion"], scored_codes, add)
    _check_ratings(data["ratings"], add)
    targets_seen: dict[str, tuple[str | int, ...]] = {}
    for ti, target in enumerate(data.get("program_targets", ())):
        _unique(target["code"], ("program_targets", ti, "code"), targets_seen, add)
    if not scored_codes:
        add(("pillars",), _("The catalog has no scored indicator; at least one must earn points."))
    return problems


def _unique(code: str, path: tuple[str | int, ...], seen: dict[str, tuple[str | int, ...]], add: Any) -> None:
    if code in seen:
        add(path, _("The code “{code}” is used twice; every code must be unique.").format(code=code))
    else:
        seen[code] = path


def _check_indicator(ind: dict[str, Any], path: tuple[str | int, ...], horizons: set[int], add: Any) -> None:
    typ, rule, kind = ind["type"], ind["rule"], ind["rule"]["kind"]
    maxp = ind["max_points"]
    targets = {int(y): v for y, v in ind.get("targets", {}).items()}
    if kind not in _RULES_FOR_TYPE[typ]:
        allowed = ", ".join(sorted(_RULES_FOR_TYPE[typ]))
        msg = _("The rule “{kind}” does not fit an indicator of type “{type}”; use {allowed}.")
        add((*path, "rule", "kind"), msg.format(kind=kind, type=typ, allowed=allowed))
        return
    if typ == "choice" and not ind.get("choices"):
        add((*path, "choices"), _("An indicator of type “choice” needs a list of choices."))
        return
    if typ != "choice" and ind.get("choices"):
        add((*path, "choices"), _("Only an indicator of type “choice” may have choices."))
    if kind == "info":
        if maxp != 0:
            add((*path, "max_points"), _("An “info” indicator is not scored; its max_points must be 0."))
        if ind["mandatory"]:
            add((*path, "mandatory"), _("An “info” indicator is not scored and cannot be mandatory."))
        return
    if maxp <= 0:
        add((*path, "max_points"), _("A scored indicator needs max_points greater than 0."))
    if ind.get("target_scope") == "province_average" and ind["mandatory"]:
        msg = _(
            "A target set for the province's average is not a pass mark for each commune: set mandatory to "
            "false, or target_scope to commune if the text says every commune must reach it."
        )
        add((*path, "mandatory"), msg)
    if ind["provenance"]["status"] == "set_by_compiler" and ind["mandatory"]:
        msg = _(
            "No published text sets this indicator, so a commune should not fail on it: make it mandatory: "
            "false, or cite the text that sets it."
        )
        add((*path, "mandatory"), msg, True)
    for year in ind["provenance"].get("targets_set_by_compiler", ()):
        if year not in targets:
            msg = _("{year} is listed in targets_set_by_compiler but the indicator has no target for it.")
            add((*path, "provenance", "targets_set_by_compiler"), msg.format(year=year))
    for year, value in list(targets.items()):
        if isinstance(value, dict):
            if kind != "threshold" or typ not in ("percent", "count"):
                msg = _('Only a threshold on a number may give a year its own comparison, as {{">": 60}}.')
                add((*path, "targets", str(year)), msg)
                continue
            targets[year] = value = next(iter(value.values()))
        _check_target(ind, value, (*path, "targets", str(year)), add)
    if kind in ("threshold", "ratio"):
        missing = sorted(horizons - set(targets))
        if missing:
            msg = _("The rule “{kind}” needs a target for every horizon year; missing: {years}.")
            add((*path, "targets"), msg.format(kind=kind, years=", ".join(map(str, missing))))
    if kind == "threshold":
        numeric = typ in ("percent", "count")
        if not numeric and rule["op"] != "==":
            add((*path, "rule", "op"), _("Use == for a yes/no or a choice indicator."))
    if kind == "ratio":
        for year, value in targets.items():
            if isinstance(value, int | float) and not isinstance(value, bool) and value <= 0:
                add((*path, "targets", str(year)), _("A ratio needs a target greater than 0."))
    if kind == "steps":
        _check_steps(rule["steps"], maxp, (*path, "rule", "steps"), add)
        for si, step in enumerate(rule["steps"]):
            _check_decimals(step["min"], (*path, "rule", "steps", si, "min"), add, _read_in_text(ind))
    if kind == "choice":
        best = max(c.get("points", 0) for c in ind["choices"])
        if best != maxp:
            msg = _("The best choice gives {best} points but max_points is {max}; make them equal.")
            add((*path, "max_points"), msg.format(best=best, max=maxp))
    codes = [c["code"] for c in ind.get("choices", ())]
    if len(set(codes)) != len(codes):
        add((*path, "choices"), _("Two choices have the same code; every choice code must be unique."))


def _decimals(value: float) -> int:
    exponent = Decimal(repr(float(value))).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _looks_nudged(value: float) -> bool:
    """True for a number one unit in its last decimal away from a rounder one: 50.01, 49.99, 0.51, 60.001.

    A published text gives "trên 50%", "0,25%" or "1,5%", never 50.01; a number like that is a comparison
    written into the number ("more than 50" as "at least 50.01"), which misjudges a share of 50.005%.
    """
    d = Decimal(repr(float(value)))
    exponent = d.as_tuple().exponent
    if not isinstance(exponent, int) or exponent > -2:
        return False
    rounder = d.quantize(Decimal(1).scaleb(exponent + 1), rounding=ROUND_HALF_EVEN)
    return abs(d - rounder) == Decimal(1).scaleb(exponent)


# The texts write a share with at most one decimal ("9,6%", "0,5%"); a number said to be read in a text with
# more is either mistyped or a comparison written into the number.
MAX_TEXT_DECIMALS = 1


def _check_decimals(value: Any, path: tuple[str | int, ...], add: Any, read_in_text: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    if _looks_nudged(value) or (read_in_text and _decimals(value) > MAX_TEXT_DECIMALS):
        msg = _(
            "The number {value} has more decimals than a published text gives; write the text's number and "
            "its comparison (“trên 50%” is op “>” with 50, “50% trở lên” is op “>=” with 50)."
        )
        add(path, msg.format(value=value), True)


def _read_in_text(ind: dict[str, Any]) -> bool:
    return ind["provenance"]["status"] != "set_by_compiler"


def _check_target(ind: dict[str, Any], value: Any, path: tuple[str | int, ...], add: Any) -> None:
    typ = ind["type"]
    if typ in ("percent", "count"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            add(path, _("The target of a number indicator must be a number."))
            return
        _check_decimals(value, path, add, _read_in_text(ind))
        if value < 0 or (typ == "percent" and value > 100):
            add(
                path,
                _("A percentage target must be between 0 and 100.")
                if typ == "percent"
                else _("A count target cannot be negative."),
            )
    elif typ == "boolean" and not isinstance(value, bool):
        add(path, _("The target of a yes/no indicator must be true or false."))
    elif typ == "choice" and value not in [c["code"] for c in ind.get("choices", ())]:
        add(path, _("The target “{value}” is not one of the indicator's choice codes.").format(value=value))


def _check_steps(steps: list[dict[str, Any]], maxp: float, path: tuple[str | int, ...], add: Any) -> None:
    ordered = sorted(steps, key=lambda s: s["min"])
    mins = [s["min"] for s in ordered]
    if len(set(mins)) != len(mins):
        add(path, _("Two steps have the same minimum; each band needs its own."))
    for lower, higher in itertools.pairwise(ordered):
        if higher["points"] < lower["points"]:
            msg = _("A higher value must never give fewer points: {high} gives {hp} but {low} gives {lp}.")
            add(
                path,
                msg.format(high=higher["min"], hp=higher["points"], low=lower["min"], lp=lower["points"]),
            )
    if max(s["points"] for s in steps) != maxp:
        add(path, _("The best step must give exactly max_points ({max}).").format(max=maxp))


def _check_completion(comp: dict[str, Any], scored: set[str], add: Any) -> None:
    if comp["rule"] != "n_of_m":
        return
    of = comp.get("of") or sorted(scored)
    for i, code in enumerate(comp.get("of", ())):
        if code not in scored:
            add(
                ("completion", "of", i),
                _("“{code}” is not a scored indicator of this catalog.").format(code=code),
            )
    if comp["n"] > len(of):
        msg = _("The completion rule asks for {n} indicators met out of only {m}.")
        add(("completion", "n"), msg.format(n=comp["n"], m=len(of)))


def _check_ratings(ratings: list[dict[str, Any]], add: Any) -> None:
    mins = [r["min_percent"] for r in ratings]
    if 0 not in mins:
        add(("ratings",), _("The lowest rating band must start at 0."))
    if len(set(mins)) != len(mins):
        add(("ratings",), _("Two rating bands start at the same percentage."))
