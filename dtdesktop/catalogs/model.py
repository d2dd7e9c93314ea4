"""The data model of a criteria catalog: plain frozen data classes, built once per catalog file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

InputType = Literal["boolean", "percent", "count", "choice", "text"]
RuleKind = Literal["threshold", "ratio", "steps", "choice", "boolean", "info"]
ProvenanceStatus = Literal["official", "derived", "unverified"]
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
    """Where an indicator comes from and how sure we are of it."""

    status: ProvenanceStatus
    source: str
    section: str | None = None
    note: str | None = None


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

    @property
    def scored(self) -> bool:
        return self.rule.kind != "info"

    def target_for(self, horizon: int) -> TargetValue | None:
        """The target for *horizon*: that year's, else the latest earlier one, else the earliest given."""
        if not self.targets:
            return None
        if horizon in self.targets:
            return self.targets[horizon]
        earlier = [y for y in self.targets if y <= horizon]
        year = max(earlier) if earlier else min(self.targets)
        return self.targets[year]

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
    issuer: Text
    legal_basis: tuple[Document, ...]
    unit_level: str
    horizons: tuple[int, ...]
    pillars: tuple[Pillar, ...]
    completion: Completion
    ratings: tuple[Rating, ...]
    program_targets: tuple[ProgramTarget, ...] = ()
    description: Text | None = None
    canonical: bytes = field(default=b"", repr=False, compare=False)

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
