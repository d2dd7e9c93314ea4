"""The data model of a criteria catalog: plain frozen data classes, built once per catalog file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

InputType = Literal["boolean", "percent", "count", "choice", "text"]
RuleKind = Literal["threshold", "ratio", "steps", "choice", "boolean", "info"]
ProvenanceStatus = Literal["official", "derived", "set_by_compiler", "unverified"]
TargetScope = Literal["commune", "province_average"]
TargetValue = float | bool | str


@dataclass(frozen=True, slots=True)
class Text:
    """A text a person reads, in Vietnamese and English."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True, slots=True)
class Document:
    """A legal document the catalog rests on (số hiệu, ngày, trích yếu)."""

    number: str
    title: Text
    date: str | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an indicator comes from and how sure we are of it.

    `official`: read in the published criteria text itself; `derived`: the number is a resolution's or a
    national target, read in that text; `set_by_compiler`: no text gives the number, the catalog's compiler
    chose it; `unverified`: known only from a secondary source. `targets_set_by_compiler` names the horizon
    years of an otherwise derived or official indicator whose target no text gives.
    """

    status: ProvenanceStatus
    source: str
    section: str | None = None
    note: str | None = None
    targets_set_by_compiler: tuple[int, ...] = ()

    def target_set_by_compiler(self, horizon: int) -> bool:
        """True when no published text gives the target this indicator has for *horizon*."""
        return self.status == "set_by_compiler" or horizon in self.targets_set_by_compiler


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    title: Text
    points: float = 0.0


@dataclass(frozen=True, slots=True)
class Step:
    """A value band: a value of at least `min` earns `points`."""

    min: float
    points: float


@dataclass(frozen=True, slots=True)
class Rule:
    kind: RuleKind
    op: str | None = None
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    title: Text
    guidance: Text
    type: InputType
    rule: Rule
    max_points: float
    mandatory: bool
    evidence: Text
    provenance: Provenance
    pillar_code: str
    unit: Text | None = None
    choices: tuple[Choice, ...] = ()
    targets: dict[int, TargetValue] = field(default_factory=dict)
    target_scope: TargetScope = "commune"
    target_ops: dict[int, str] = field(default_factory=dict)  # a year whose text compares otherwise
    verified_by: Text | None = None  # the office that checks the evidence (Nghệ An's set names one)

    @property
    def scored(self) -> bool:
        return self.rule.kind != "info"

    def target_year(self, horizon: int) -> int | None:
        """The year whose target applies at *horizon*: that year, else the latest earlier one, else the
        earliest given."""
        if not self.targets:
            return None
        if horizon in self.targets:
            return horizon
        earlier = [y for y in self.targets if y <= horizon]
        return max(earlier) if earlier else min(self.targets)

    def target_for(self, horizon: int) -> TargetValue | None:
        year = self.target_year(horizon)
        return None if year is None else self.targets[year]

    def op_for(self, horizon: int) -> str | None:
        """The comparison at *horizon*: the rule's, unless that year's text compares otherwise ("trên 60%"
        in 2025 but "100%" in 2030)."""
        year = self.target_year(horizon)
        return self.target_ops.get(year, self.rule.op) if year is not None else self.rule.op

    def choice(self, code: str) -> Choice | None:
        for c in self.choices:
            if c.code == code:
                return c
        return None


@dataclass(frozen=True, slots=True)
class Pillar:
    code: str
    title: Text
    weight: float
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class Completion:
    """When a unit counts as having completed digital transformation."""

    rule: Literal["mandatory_and_percent", "n_of_m"]
    min_percent: float = 0.0
    n: int = 0
    of: tuple[str, ...] = ()
    provenance: Provenance | None = None


@dataclass(frozen=True, slots=True)
class Rating:
    min_percent: float
    label: Text


@dataclass(frozen=True, slots=True)
class ProgramTarget:
    """A target for the level above: how many units in scope must have completed by a year."""

    code: str
    title: Text
    year: int
    scope: Literal["province", "district"]
    provenance: Provenance
    min_count: int | None = None
    min_percent: float | None = None
    cumulative: bool = True


@dataclass(frozen=True, slots=True)
class Catalog:
    id: str
    version: str
    sha256: str
    title: Text
    issuer: Text | None
    legal_basis: tuple[Document, ...]
    unit_level: str
    horizons: tuple[int, ...]
    pillars: tuple[Pillar, ...]
    completion: Completion
    ratings: tuple[Rating, ...]
    program_targets: tuple[ProgramTarget, ...] = ()
    description: Text | None = None
    compiler: Text | None = None
    canonical: bytes = field(default=b"", repr=False, compare=False)

    @property
    def author(self) -> Text:
        """Who the criteria come from: the body that issued them, or the compiler of a compiled set."""
        return self.issuer or self.compiler  # type: ignore[return-value]  # the rules require one of them

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for p in self.pillars for i in p.indicators)

    def indicator(self, code: str) -> Indicator | None:
        for p in self.pillars:
            for i in p.indicators:
                if i.code == code:
                    return i
        return None

    @property
    def default_horizon(self) -> int:
        return self.horizons[0]
