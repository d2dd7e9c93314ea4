"""Progress of an area against the program targets of a catalog (e.g. ≥ 300 communes complete by 2025).

Pure: it takes which units completed in which year, and the units in scope, and says how far each target is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dtdesktop.catalogs.model import ProgramTarget


@dataclass(frozen=True, slots=True)
class UnitCompletion:
    """A unit that completed digital transformation in a year (the first year its assessment completed)."""

    unit_code: str
    year: int


@dataclass(frozen=True, slots=True)
class GroupProgress:
    """One scope group: the whole province, or one district when the target applies to every district."""

    group: str
    achieved: int
    units: int
    required: int

    @property
    def met(self) -> bool:
        return self.achieved >= self.required

    @property
    def percent(self) -> float:
        return round(self.achieved / self.units * 100.0, 2) if self.units else 0.0


@dataclass(frozen=True, slots=True)
class TargetProgress:
    target: ProgramTarget
    groups: tuple[GroupProgress, ...]

    @property
    def met(self) -> bool:
        return bool(self.groups) and all(g.met for g in self.groups)

    @property
    def achieved(self) -> int:
        return sum(g.achieved for g in self.groups)

    @property
    def required(self) -> int:
        return sum(g.required for g in self.groups)


def required_count(target: ProgramTarget, units: int) -> int:
    """How many units must have completed: the count given, or the share rounded up (30% of 7 is 3)."""
    if target.min_count is not None:
        return target.min_count
    share = target.min_percent or 0.0
    return -(-round(share * units * 100) // 10000)  # ceil without float error: 30% of 10 is 3, not 4


def evaluate(
    target: ProgramTarget, completions: Iterable[UnitCompletion], groups: Mapping[str, Iterable[str]]
) -> TargetProgress:
    """Progress of *target*: *groups* maps each scope group (province or district) to its unit codes.

    A cumulative target counts completions up to and including its year; a yearly one only that year's.
    """
    done: dict[str, int] = {}
    for c in completions:
        done[c.unit_code] = min(c.year, done.get(c.unit_code, c.year))

    def counts(year: int) -> bool:
        return year <= target.year if target.cumulative else year == target.year

    result = []
    for name, codes in groups.items():
        members = list(codes)
        achieved = sum(1 for code in members if code in done and counts(done[code]))
        result.append(GroupProgress(name, achieved, len(members), required_count(target, len(members))))
    return TargetProgress(target, tuple(result))
