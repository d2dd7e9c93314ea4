"""The summary as tables, in the reader's language: one per view (overview, units, indicators, groups,
submissions received). The spreadsheet has a sheet per view; the CSV file the units with their
indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dtdesktop.i18n import N_, _
from dtdesktop.summary.area import AreaSummary, UnitLine

STATUS_LABELS = {
    "approved": N_("approved"),
    "submitted": N_("waiting for review"),
    "returned": N_("returned"),
    "kept_aside": N_("cannot be decided yet"),
    "conflict": N_("two files for one revision"),
    "not_sent": N_("not sent"),
}
INDICATOR_LABELS = {
    "met": N_("met"),
    "not_met": N_("not met"),
    "missing": N_("missing"),
    "info": N_("answered"),
}
VERDICT_LABELS = {"valid": N_("valid"), "indeterminate": N_("cannot be decided"), "invalid": N_("not valid")}


@dataclass
class View:
    name: str  # the sheet's name (31 characters at most)
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    percent_columns: frozenset[int] = frozenset()  # columns holding a percentage (0–100)
    widths: dict[int, int] = field(default_factory=dict)


def yes_no(value: bool | None) -> str:
    return "" if value is None else (_("yes") if value else _("no"))


def views(a: AreaSummary) -> list[View]:
    return [overview(a), units(a), indicators(a), groups(a), received(a)]


def overview(a: AreaSummary) -> View:
    v = View(_("Overview"), [_("What"), _("Figure"), _("Target"), _("Met")], widths={0: 60, 1: 16, 2: 16})
    c = a.catalog
    v.rows += [
        [_("Province"), a.province_name, "", ""],
        [_("Period"), a.period, "", ""],
        [_("Criteria set"), f"{c.title.get('vi') if c else '—'} ({c.id} {c.version})" if c else "—", "", ""],
        [_("Units in the area"), len(a.lines), "", ""],
    ]
    for status, n in a.counts.items():
        v.rows.append([_("Units: {status}").format(status=_(STATUS_LABELS[status])), n, "", ""])
    v.rows.append([_("Average score (%)"), a.average_percent, "", ""])
    for code, value in a.pillar_averages().items():
        v.rows.append([_("Average of pillar {code} (%)").format(code=code), value, "", ""])
    for t in a.targets:
        for g in t.groups:
            what = t.target.title.get("vi") + (f" — {g.group}" if g.group else "")
            v.rows.append([what, g.achieved, g.required, yes_no(g.met)])
    for avg in a.averages:
        what = _("{code} {title}: the area's average").format(
            code=avg.indicator.code, title=avg.indicator.title.get("vi")
        )
        target = avg.target if not isinstance(avg.target, bool) else yes_no(avg.target)
        v.rows.append([what, avg.average, f"{avg.op or ''} {target}".strip(), yes_no(avg.met)])
    return v


def units(a: AreaSummary) -> View:
    pillars = [p.code for p in a.catalog.pillars] if a.catalog else []
    headers = [
        _("Group"),
        _("Code"),
        _("Unit"),
        _("Status"),
        _("Revision"),
        _("Score (%)"),
        _("Completed"),
        _("Rating"),
    ]
    headers += [f"{code} (%)" for code in pillars]
    v = View(
        _("Units"),
        headers,
        percent_columns=frozenset({5, *range(8, 8 + len(pillars))}),
        widths={0: 24, 2: 30, 3: 22},
    )
    for line in sorted(a.lines, key=lambda x: (x.group, x.unit.code)):
        v.rows.append(_unit_cells(line) + [line.pillars.get(code) for code in pillars])
    return v


def _unit_cells(line: UnitLine) -> list[Any]:
    return [
        line.group,
        line.unit.code,
        line.unit.full_name,
        _(STATUS_LABELS[line.status]),
        line.revision,
        line.percent,
        yes_no(line.completed),
        line.rating or "",
    ]


def indicators(a: AreaSummary) -> View:
    codes = [i.code for i in a.catalog.indicators] if a.catalog else []
    v = View(_("Indicators"), [_("Code"), _("Unit"), *codes], widths={1: 30})
    for line in sorted(a.lines, key=lambda x: x.unit.code):
        v.rows.append(
            [line.unit.code, line.unit.full_name]
            + [
                _(INDICATOR_LABELS[s]) if (s := line.indicators.get(code)) in INDICATOR_LABELS else ""
                for code in codes
            ]
        )
    return v


def groups(a: AreaSummary) -> View:
    v = View(
        _("Groups"),
        [_("Group"), _("Units"), _("Sent"), _("Approved"), _("Completed"), _("Completed (%)")],
        percent_columns=frozenset({5}),
        widths={0: 30},
    )
    by_code = {line.unit.code: line for line in a.lines}
    for name, codes in a.groups.items():
        lines = [by_code[c] for c in codes if c in by_code]
        sent = sum(1 for x in lines if x.status != "not_sent")
        approved = sum(1 for x in lines if x.status == "approved")
        completed = sum(1 for x in lines if x.completed)
        share = round(completed / len(lines) * 100, 2) if lines else None
        v.rows.append([name or a.province_name, len(lines), sent, approved, completed, share])
    return v


def received(a: AreaSummary) -> View:
    v = View(
        _("Submissions received"),
        [
            _("ID"),
            _("Code"),
            _("Unit"),
            _("Revision"),
            _("Verdict"),
            _("Review"),
            _("File"),
            "SHA-256",
            _("Signer"),
            _("Score (%)"),
        ],
        percent_columns=frozenset({9}),
        widths={2: 30, 6: 30, 7: 66, 8: 24},
    )
    for r in a.received:
        if r.conflict:
            review = _("two files for one revision")
        elif r.verdict != "valid":
            review = ""  # not decidable: nothing to review yet
        else:
            review = _(STATUS_LABELS.get(r.status, r.status))
        v.rows.append(
            [
                r.submission_id,
                r.unit_code,
                r.unit_name,
                r.revision,
                _(VERDICT_LABELS.get(r.verdict, r.verdict)),
                review,
                r.file_name,
                r.file_sha256,
                r.signer or "",
                r.percent,
            ]
        )
    return v
