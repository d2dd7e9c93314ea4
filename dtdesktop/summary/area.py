"""The area as a whole: every unit of a province (or of its groups) for one period, including those that
sent nothing; each unit's status and score; progress against the catalog's program targets; the area's
averages against the province-average targets.

Read from the store in a few queries: each received submission's compact results (`results`, written at
import) carry its percent, completion, pillar percents and each indicator's status and value, so that no
document is parsed here.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import select

from dtdesktop.catalogs.model import Catalog, Indicator
from dtdesktop.i18n import _
from dtdesktop.review.errors import ReviewError
from dtdesktop.scoring.engine import compare, exact
from dtdesktop.scoring.program import TargetProgress, UnitCompletion, evaluate
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import stored_catalog
from dtdesktop.storage.models import CatalogRow, SubmissionRow
from dtdesktop.text import nfc
from dtdesktop.units import Unit
from dtdesktop.units.registry import unit_list

STATUSES = ("approved", "submitted", "returned", "kept_aside", "conflict", "not_sent")
MAX_GROUPS_FILE = 2 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_GROUP_ROWS = 20_000


@dataclass(frozen=True, slots=True)
class UnitLine:
    """One unit of the area: what it sent for the period, and how it scores."""

    unit: Unit
    group: str
    status: str  # one of STATUSES
    submission_id: int | None = None
    revision: int | None = None
    percent: float | None = None
    completed: bool | None = None
    rating: str | None = None
    pillars: dict[str, float | None] = field(default_factory=dict)
    indicators: dict[str, str] = field(default_factory=dict)  # code → met, not_met, missing, info
    values: dict[str, float] = field(default_factory=dict)
    score_matches: bool | None = None


@dataclass(frozen=True, slots=True)
class Received:
    """A submission received for the area and period, whatever became of it (the annex lists them all)."""

    submission_id: int
    unit_code: str
    unit_name: str
    revision: int
    verdict: str
    status: str
    conflict: bool
    file_name: str
    file_sha256: str
    signer: str | None
    percent: float | None


@dataclass(frozen=True, slots=True)
class Average:
    """The area's average of an indicator whose target is set for the province as a whole."""

    indicator: Indicator
    average: float | None
    units: int
    target: Any
    op: str | None
    met: bool | None


@dataclass
class AreaSummary:
    province_code: str
    province_name: str
    period: int
    scheme: str
    catalog: Catalog | None
    horizon: int
    lines: list[UnitLine]
    received: list[Received]
    targets: list[TargetProgress]
    averages: list[Average]
    groups: dict[str, list[str]]  # group → unit codes ("" is the whole province when there are no groups)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(line.status for line in self.lines)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def scored(self) -> list[UnitLine]:
        return [line for line in self.lines if line.percent is not None]

    @property
    def average_percent(self) -> float | None:
        scored = [line.percent for line in self.scored]
        return round(statistics.fmean(scored), 2) if scored else None

    def pillar_averages(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for pillar in self.catalog.pillars if self.catalog else ():
            values = [v for line in self.scored if (v := line.pillars.get(pillar.code)) is not None]
            out[pillar.code] = round(statistics.fmean(values), 2) if values else None
        return out

    def ranking(self) -> list[UnitLine]:
        return sorted(self.scored, key=lambda line: (-(line.percent or 0.0), line.unit.code))

    def distribution(self) -> list[int]:
        """How many units scored in each tenth: 0–10%, 10–20% … 90–100%."""
        bins = [0] * 10
        for line in self.scored:
            bins[min(int((line.percent or 0.0) // 10), 9)] += 1
        return bins

    def weakest(self, n: int = 10) -> list[tuple[Indicator, int, int]]:
        """The indicators least often met across the area: (indicator, met, judged)."""
        if self.catalog is None:
            return []
        met: Counter[str] = Counter()
        judged: Counter[str] = Counter()
        for line in self.scored:  # one pass over the units, not one per indicator (the dashboard waits)
            for code, status in line.indicators.items():
                if status in ("met", "not_met", "missing"):
                    judged[code] += 1
                    met[code] += status == "met"
        out = [
            (i, met[i.code], judged[i.code]) for i in self.catalog.indicators if i.scored and judged[i.code]
        ]
        return sorted(out, key=lambda x: (x[1] / x[2], x[0].code))[:n]


def build_summary(
    store: Store,
    province: str | None = None,
    period: int | None = None,
    groups_file: Path | None = None,
    catalog_id: str | None = None,
    grouped: bool = True,
) -> AreaSummary:
    """The summary of *province* for *period* (both found from what was received when there is one only).

    *grouped* false puts every unit in one group, whatever the list's districts: a reviewer may look at the
    province as a whole even where a target is set for each district."""
    with store.reading() as s:
        rows = s.execute(
            select(
                SubmissionRow.id,
                SubmissionRow.unit_scheme,
                SubmissionRow.unit_code,
                SubmissionRow.period,
                SubmissionRow.catalog_id,
                SubmissionRow.catalog_sha256,
                SubmissionRow.revision,
                SubmissionRow.verdict,
                SubmissionRow.conflict,
                SubmissionRow.status,
                SubmissionRow.file_name,
                SubmissionRow.file_sha256,
                SubmissionRow.signer_name,
                SubmissionRow.percent,
                SubmissionRow.score_matches,
                SubmissionRow.results,
                SubmissionRow.horizon,
            )
        ).all()
        scheme, province, period = _scope(rows, province, period)
        units = unit_list(scheme)  # type: ignore[arg-type]
        if province is None:  # submissions from several provinces: the whole country, by province
            communes, province_name = units.communes(), _("the whole country")
        else:
            prov = units.get(province, "province")
            if prov is None:
                raise ReviewError(
                    _("There is no province {code} in the list of units.").format(code=province)
                )
            communes, province_name = units.communes(province), prov.name
        in_area = {u.code for u in communes}
        here = [r for r in rows if r.unit_scheme == scheme and r.unit_code in in_area]
        if catalog_id is not None and not any(r.catalog_id == catalog_id for r in here):
            raise ReviewError(
                _("No submission of this area used the criteria set {id}.").format(id=catalog_id[:64])
            )
        catalog_id = catalog_id or _most_used(r.catalog_id for r in here if r.period == period)
        mine = [r for r in here if r.catalog_id == catalog_id] if catalog_id else []
        catalog = _latest_catalog(s, [r for r in mine if r.period == period])
    if not grouped:
        groups = {"": [u.code for u in communes]}
    elif groups_file:
        groups = _groups(groups_file, communes, scheme)
    elif province is None:
        groups = {}
        for u in communes:
            groups.setdefault(u.province_name, []).append(u.code)
    else:
        groups = _default_groups(communes, scheme)
    group_of = {code: name for name, codes in groups.items() for code in codes}
    current = _current([r for r in mine if r.period == period])
    lines = [_line(u, group_of.get(u.code, ""), current.get(u.code)) for u in communes]
    received = [
        _received(r, units)
        for r in sorted(here, key=lambda r: (r.unit_code, r.revision, r.id))
        if r.period == period
    ]
    horizon = max((r.horizon for r in current.values()), default=period)
    targets = _targets(catalog, mine, groups, period) if catalog else []
    averages = _averages(catalog, lines, horizon) if catalog else []
    return AreaSummary(
        province or "",
        province_name,
        period,
        scheme,
        catalog,
        horizon,
        lines,
        received,
        targets,
        averages,
        groups,
    )


@dataclass(frozen=True, slots=True)
class CatalogChoice:
    """A criteria set the area's submissions used in a period, for the reviewer to choose from."""

    catalog_id: str
    title_vi: str
    title_en: str
    submissions: int


@dataclass(frozen=True, slots=True)
class Scopes:
    """What there is to summarise for a province: each period received (newest first), the list of units
    its submissions name, and the criteria sets used in it (most used first)."""

    periods: tuple[int, ...]
    schemes: dict[int, str]
    catalogs: dict[int, tuple[CatalogChoice, ...]]


def scopes(store: Store, province: str | None) -> Scopes:
    """The periods and criteria sets a summary of *province* (every province when None) can be asked for:
    read from the store's copies of the units, so that the window fills its choosers without a summary."""
    from dtdesktop.storage.models import UnitRow

    with store.reading() as s:
        query = (
            select(
                SubmissionRow.period,
                SubmissionRow.unit_scheme,
                SubmissionRow.catalog_id,
                CatalogRow.title_vi,
                CatalogRow.title_en,
            )
            .join(
                UnitRow,
                (UnitRow.scheme == SubmissionRow.unit_scheme) & (UnitRow.code == SubmissionRow.unit_code),
            )
            .join(CatalogRow, CatalogRow.sha256 == SubmissionRow.catalog_sha256)
        )
        if province:
            query = query.where(UnitRow.province_code == province)
        rows = s.execute(query).all()
    used: Counter[tuple[int, str]] = Counter()
    titles: dict[str, tuple[str, str]] = {}
    schemes: dict[int, Counter[str]] = {}
    for r in rows:
        used[(r.period, r.catalog_id)] += 1
        titles[r.catalog_id] = (r.title_vi, r.title_en)
        schemes.setdefault(r.period, Counter())[r.unit_scheme] += 1
    periods = tuple(sorted(schemes, reverse=True))
    catalogs = {
        p: tuple(
            CatalogChoice(cid, *titles[cid], n)
            for (_p, cid), n in sorted(used.items(), key=lambda x: (-x[1], x[0][1]))
            if _p == p
        )
        for p in periods
    }
    return Scopes(periods, {p: c.most_common(1)[0][0] for p, c in schemes.items()}, catalogs)


def _scope(rows, province: str | None, period: int | None) -> tuple[str, str | None, int]:
    """Which list, province and period: given, or found among the submissions received (no province when
    they come from several: the whole country)."""
    if period is None:
        periods = {r.period for r in rows}
        if len(periods) != 1:
            raise ReviewError(_("Name the period to summarise (--period YEAR)."))
        period = periods.pop()
    of_period = [r for r in rows if r.period == period]
    schemes = Counter(r.unit_scheme for r in of_period)
    scheme = schemes.most_common(1)[0][0] if schemes else ("2026" if period >= 2025 else "2025")
    if province is None:
        provinces = {_province_of(r.unit_code, r.unit_scheme) for r in of_period}
        provinces.discard(None)
        if len(provinces) == 1:
            province = provinces.pop()
    return scheme, province, period


def _province_of(code: str, scheme: str) -> str | None:
    u = unit_list(scheme).get(code, "commune")  # type: ignore[arg-type]
    return u.province_code if u else None


def _most_used(ids) -> str | None:
    counted = Counter(ids).most_common(1)
    return counted[0][0] if counted else None


def _latest_catalog(s, rows) -> Catalog | None:
    shas = Counter(r.catalog_sha256 for r in rows)
    if not shas:
        return None
    row = s.get(CatalogRow, shas.most_common(1)[0][0])
    return stored_catalog(row) if row is not None else None


def _current(rows) -> dict[str, Any]:
    """Each unit's submission that counts: the highest valid revision not in conflict; else what there is
    (kept aside, or in conflict), to say why nothing counts."""
    out: dict[str, Any] = {}
    for r in sorted(rows, key=lambda r: (r.revision, r.id)):
        valid = r.verdict == "valid" and not r.conflict
        held = out.get(r.unit_code)
        held_valid = held is not None and held.verdict == "valid" and not held.conflict
        if valid or not held_valid:
            out[r.unit_code] = r
    return out


def _line(unit: Unit, group: str, r) -> UnitLine:
    if r is None:
        return UnitLine(unit, group, "not_sent")
    if r.conflict:
        return UnitLine(unit, group, "conflict", r.id, r.revision)
    if r.verdict != "valid":
        return UnitLine(unit, group, "kept_aside", r.id, r.revision)
    res = json.loads(r.results) if r.results else {}
    rating = res.get("rating") or {}
    return UnitLine(
        unit,
        group,
        r.status,
        r.id,
        r.revision,
        res.get("percent", r.percent),
        res.get("completed"),
        rating.get("vi") if isinstance(rating, dict) else None,
        res.get("pillars", {}),
        res.get("status", {}),
        res.get("values", {}),
        r.score_matches,
    )


def _received(r, units) -> Received:
    u = units.get(r.unit_code, "commune")
    return Received(
        r.id,
        r.unit_code,
        u.full_name if u else r.unit_code,
        r.revision,
        r.verdict,
        r.status,
        r.conflict,
        r.file_name,
        r.file_sha256,
        r.signer_name,
        r.percent,
    )


def _default_groups(communes: list[Unit], scheme: str) -> dict[str, list[str]]:
    """The former districts for the three-tier list; the whole province otherwise."""
    if scheme == "2025":
        out: dict[str, list[str]] = {}
        for u in communes:
            out.setdefault(u.district_name or "", []).append(u.code)
        return out
    return {"": [u.code for u in communes]}


def _groups(path: Path, communes: list[Unit], scheme: str) -> dict[str, list[str]]:
    """Groups a province defines: a CSV of (group, unit code) rows, a header line allowed."""
    from dtdesktop.exchange.bounded import HostileInput, read_file_bounded

    try:
        text = read_file_bounded(path, MAX_GROUPS_FILE).decode("utf-8-sig")  # a regular file, bounded
    except HostileInput as exc:
        raise ReviewError(_("The groups file {file}: {reason}").format(file=path.name, reason=exc)) from None
    except UnicodeDecodeError:
        raise ReviewError(
            _("The groups file {file} is not UTF-8 text; save it as CSV UTF-8.").format(file=path.name)
        ) from None
    if _CONTROL.search(text):
        raise ReviewError(
            _("The groups file {file} holds control characters; save it again as CSV text.").format(
                file=path.name
            )
        )
    known = {u.code for u in communes}
    out: dict[str, list[str]] = {}
    dialect = (
        csv.excel_tab if text.count("\t") > text.count(",") and text.count("\t") > text.count(";") else None
    )
    delimiter = ";" if dialect is None and text.count(";") > text.count(",") else ","
    reader = csv.reader(
        io.StringIO(text), dialect or csv.excel, **({} if dialect else {"delimiter": delimiter})
    )
    try:
        rows = list(itertools.islice(reader, MAX_GROUP_ROWS + 1))
    except csv.Error:
        raise ReviewError(_("The groups file {file} is not a CSV file.").format(file=path.name)) from None
    for n, row in enumerate(rows, 1):
        if n > MAX_GROUP_ROWS:
            raise ReviewError(_("The groups file has more than {n} rows.").format(n=MAX_GROUP_ROWS))
        cells = [nfc(c.strip()) for c in row]
        if not any(cells):
            continue
        if len(cells) < 2:
            raise ReviewError(
                _("{file}, line {line}: give a group and a unit code, separated by a comma.").format(
                    file=path.name, line=n
                )
            )
        group, code = cells[0][:200], cells[1]
        if code not in known:
            if n == 1 and not code.isdigit():
                continue  # a header line ("Nhóm,Mã xã")
            raise ReviewError(
                _("{file}, line {line}: {code} is not a commune of this province.").format(
                    file=path.name, line=n, code=code[:32]
                )
            )
        if any(code in codes for codes in out.values()):
            raise ReviewError(
                _("{file}, line {line}: {code} is in two groups.").format(file=path.name, line=n, code=code)
            )
        out.setdefault(group, []).append(code)
    if not out:
        raise ReviewError(
            _("The groups file {file} names no commune of this province.").format(file=path.name)
        )
    rest = [u.code for u in communes if not any(u.code in codes for codes in out.values())]
    if rest:
        out[_("Not in a group")] = rest
    return out


def _targets(catalog: Catalog, rows, groups: dict[str, list[str]], period: int) -> list[TargetProgress]:
    """Each program target: which units completed, by the first period their counting submission did. A
    yearly plan is shown in its own year's summary only."""
    completions = []
    by_period: dict[int, list] = {}
    for r in rows:
        if r.period <= period:
            by_period.setdefault(r.period, []).append(r)
    for year, rs in by_period.items():
        for code, r in _current(rs).items():
            res = json.loads(r.results) if r.results else {}
            if r.verdict == "valid" and not r.conflict and res.get("completed"):
                completions.append(UnitCompletion(code, year))
    out = []
    for target in catalog.program_targets:
        if not target.cumulative and target.year != period:
            continue  # another year's plan is that year's summary's business: here it could only read 0
        scope = (
            groups if target.scope == "district" else {"": [c for codes in groups.values() for c in codes]}
        )
        out.append(evaluate(target, completions, scope))
    return out


def _averages(catalog: Catalog, lines: list[UnitLine], horizon: int) -> list[Average]:
    out = []
    for ind in catalog.indicators:
        if ind.target_scope != "province_average":
            continue
        values = [line.values[ind.code] for line in lines if ind.code in line.values]
        target, op = ind.target_for(horizon), ind.op_for(horizon) or ">="  # a share to reach, at least
        average = round(statistics.fmean(values), 2) if values else None
        met = None
        if average is not None and isinstance(target, int | float) and not isinstance(target, bool) and op:
            met = compare(Fraction(sum(exact(v) for v in values)) / len(values), op, exact(target))
        out.append(Average(ind, average, len(values), target, op, met))
    return out
