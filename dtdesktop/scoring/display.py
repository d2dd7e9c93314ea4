"""Values, targets and statuses as a person reads them, in the current language (reports, CLI, window)."""

from __future__ import annotations

from dtdesktop.catalogs.model import Indicator, TargetValue
from dtdesktop.i18n import _
from dtdesktop.scoring.answers import AnswerValue, Ratio
from dtdesktop.text import format_number, format_percent

OP_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def status_label(status: str) -> str:
    """met / not met / missing / info, translated."""
    return {"met": _("met"), "not_met": _("not met"), "missing": _("missing"), "info": _("info")}.get(
        status, status
    )


def assessment_status_label(status: str) -> str:
    """draft / signed and sent / returned / approved, translated."""
    return {
        "draft": _("draft"),
        "signed": _("signed and sent"),
        "returned": _("returned"),
        "approved": _("approved"),
    }.get(status, status)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def value_text(ind: Indicator, value: AnswerValue | None, lang: str) -> str:
    """An answer as typed back to its reader: "45/60 (75%)", "có", "12", a choice's title."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Ratio):
        n, d = format_number(value.numerator, lang=lang), format_number(value.denominator, lang=lang)
        return f"{n}/{d} ({format_percent(value.percent, lang)})"
    if isinstance(value, float):
        if ind.type == "percent":
            return format_percent(value, lang)
        return format_number(value, lang=lang)
    if ind.type == "choice":
        choice = ind.choice(value)
        return choice.title.get(lang) if choice else value
    return value


def target_text(ind: Indicator, target: TargetValue | None, lang: str, op: str | None) -> str:
    """A target with its operator: "> 60%", "≤ 5", "có", or the wanted choice's title; *op* is the
    comparison at the horizon (`Indicator.op_for`), since a year may compare otherwise than the rule."""
    if target is None:
        return ""
    if isinstance(target, bool):
        return yes_no(target)
    if isinstance(target, float):
        sign = OP_SIGNS.get(op or ">=", "≥")
        number = format_number(target, lang=lang) + ("%" if ind.type == "percent" else "")
        return f"{sign} {number}"
    if ind.type == "choice":
        choice = ind.choice(target)
        return choice.title.get(lang) if choice else target
    return target


def goal_text(ind: Indicator, horizon: int, lang: str) -> str:
    """What the indicator asks for at *horizon*, in one line: its target, or, for a scored indicator the
    catalog gives no target, how it scores (a yes, the highest band, the best choice); only an indicator
    that scores nothing is "for information"."""
    target = ind.target_for(horizon)
    if target is not None:
        return _("Target for {year}: {target}").format(
            year=horizon, target=target_text(ind, target, lang, ind.op_for(horizon))
        )
    if not ind.scored:
        return _("No target: for information, it scores no points")
    if ind.type == "boolean":
        return _("Met when the answer is yes")
    if ind.type == "choice":
        return _("Points follow the choice; met with the choice worth the most points")
    if ind.rule.kind == "steps":
        return _("Points follow the band reached; met at the highest band")
    return _(
        "No target is given for {year}: the answer scores no points until the criteria set gives one"
    ).format(year=horizon)


def target_text_plain(op: str | None, target: TargetValue | None, lang: str) -> str:
    """A target without its indicator (the catalog listing): " ≥ 60", " = có"."""
    if target is None:
        return ""
    if isinstance(target, bool):
        return " = " + yes_no(target)
    if isinstance(target, float):
        return f" {OP_SIGNS.get(op or '>=', '≥')} {format_number(target, lang=lang)}"
    return f" = {target}"


def target_origin(ind: Indicator, compiler: str, horizon: int) -> str:
    """One short line when the target for *horizon* does not come from a published text, else ""."""
    if not ind.scored or ind.target_for(horizon) is None:
        return ""
    if ind.provenance.target_set_by_compiler(horizon):
        return _("This target was set by {compiler}; no published text gives it.").format(compiler=compiler)
    if ind.provenance.status == "unverified":
        return _("This target is known only from a secondary source, not from the published text.")
    return ""


def target_origin_short(ind: Indicator, compiler: str, horizon: int) -> str:
    """Where a target not taken from a published text comes from, in a few words (the report's appendix)."""
    if ind.provenance.target_set_by_compiler(horizon):
        return _("Set by {compiler}.").format(compiler=compiler)
    return _("Known from: {source}.").format(source=ind.provenance.source.rstrip("."))
