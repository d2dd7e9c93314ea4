"""Reading a catalog file: parse, normalise to NFC, validate, hash the canonical form, build the model."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from pathlib import Path
from typing import Any

import yaml

from dtdesktop.catalogs.model import (
    Catalog,
    Choice,
    Completion,
    Document,
    Indicator,
    Pillar,
    ProgramTarget,
    Provenance,
    Rating,
    Rule,
    Step,
    Text,
)
from dtdesktop.catalogs.problems import Problem, locate_lines
from dtdesktop.catalogs.rules import semantic_problems
from dtdesktop.catalogs.schema_messages import schema_problems
from dtdesktop.i18n import _
from dtdesktop.text import nfc, traditional_tones

MAX_CATALOG_BYTES = 5 * 1024 * 1024

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class CatalogError(Exception):
    """A catalog could not be used; `problems` says every reason, each with its place."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def normalise(value: Any) -> Any:
    """NFC every string; mapping keys to strings (YAML reads `2025:` as a number); dates to ISO strings."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(str(k)): normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()[:10]
    return value


def canonical_bytes(data: Any) -> bytes:
    """The canonical form whose SHA-256 is the catalog's identity (see docs/catalog-format.md)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def parse_text(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML (JSON is YAML too) into normalised data, or say where the syntax is broken."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or str(exc)
        msg = _("The file is not valid YAML ({what}); correct the syntax at this line.").format(what=what)
        return None, [Problem(name, (), msg, line)]
    except yaml.YAMLError as exc:
        msg = _("The file is not valid YAML ({what}).").format(what=exc)
        return None, [Problem(name, (), msg)]
    if not isinstance(data, dict):
        return None, [
            Problem(name, (), _("A catalog must be a mapping of keys (format, id, pillars, …)."), 1)
        ]
    return normalise(data), []


def check(data: dict[str, Any], text: str, name: str) -> list[Problem]:
    """Every problem of the data: the schema first, then the rules the schema cannot express."""
    problems = schema_problems(data, name)
    if not problems:
        problems = semantic_problems(data, name)
    if problems:
        lines = locate_lines(text, [p.path for p in problems])
        located = zip(problems, lines, strict=True)
        problems = [Problem(p.file, p.path, p.message, line, p.warning) for p, line in located]
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a catalog from being used (warnings left out)."""
    return [p for p in problems if not p.warning]


def read_file_text(path: Path) -> tuple[str | None, list[Problem]]:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(name, (), _("The file cannot be read ({reason}).").format(reason=exc.strerror))]
    if size > MAX_CATALOG_BYTES:
        msg = _("The file is too large for a catalog ({size} bytes; at most {limit}).")
        return None, [Problem(name, (), msg.format(size=size, limit=MAX_CATALOG_BYTES))]
    try:
        return path.read_bytes().decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [Problem(name, (), _("The file is not UTF-8 text; save it as UTF-8 and try again."))]
    except OSError as exc:
        return None, [Problem(name, (), _("The file cannot be read ({reason}).").format(reason=exc.strerror))]


def validate_file(path: Path) -> list[Problem]:
    """Every problem of the catalog at *path* (empty when it is valid)."""
    text, problems = read_file_text(path)
    if text is None:
        return problems
    data, problems = parse_text(text, str(path))
    if data is None:
        return problems
    return check(data, text, str(path))


def load_text(text: str, name: str = "<catalog>") -> Catalog:
    """Build a Catalog from YAML/JSON text; raise CatalogError listing every problem."""
    data, problems = parse_text(nfc(text), name)
    if data is None:
        raise CatalogError(problems)
    problems = errors(check(data, text, name))
    if problems:
        raise CatalogError(problems)
    return build(data)


def load_data(data: Any, name: str = "<catalog>") -> Catalog:
    """Build a Catalog from data already parsed (the catalog a signed file carries): the same checks as
    `load_text`, with neither YAML nor line numbers to find."""
    if not isinstance(data, dict):
        raise CatalogError(
            [Problem(name, (), _("A catalog must be a mapping of keys (format, id, pillars, …)."))]
        )
    data = normalise(data)
    problems = errors(schema_problems(data, name) or semantic_problems(data, name))
    if problems:
        raise CatalogError(problems)
    return build(data)


def load_file(path: Path) -> Catalog:
    text, problems = read_file_text(path)
    if text is None:
        raise CatalogError(problems)
    return load_text(text, str(path))


def sha256_of(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(data)).hexdigest()


# --- building the model from validated data ---------------------------------------------------------


def _text(d: dict[str, str] | None) -> Text | None:
    """The text in both languages, place names spelled as the unit list spells them ("Thanh Hóa"); the
    hash is of the file as written, so a respelling never changes a catalog's identity."""
    return Text(traditional_tones(d["vi"]), d["en"]) if d else None


def _spelled(text: str | None) -> str | None:
    return traditional_tones(text) if text else text


def _prov(d: dict[str, Any] | None) -> Provenance | None:
    if not d:
        return None
    return Provenance(
        d["status"],  # type: ignore[arg-type]
        traditional_tones(d["source"]),
        _spelled(d.get("section")),
        _spelled(d.get("note")),
        tuple(int(y) for y in d.get("targets_set_by_compiler", ())),
    )


def _rule(d: dict[str, Any]) -> Rule:
    steps = tuple(
        sorted((Step(float(s["min"]), float(s["points"])) for s in d.get("steps", ())), key=lambda s: s.min)
    )
    return Rule(d["kind"], d.get("op"), steps)


def _target(value: Any) -> float | bool | str:
    if isinstance(value, bool | str):
        return value
    if isinstance(value, dict):  # {">": 60}: that year's comparison and number
        return float(next(iter(value.values())))
    return float(value)


def _indicator(d: dict[str, Any], pillar_code: str) -> Indicator:
    return Indicator(
        code=d["code"],
        title=_text(d["title"]),  # type: ignore[arg-type]
        guidance=_text(d["guidance"]),  # type: ignore[arg-type]
        type=d["type"],
        rule=_rule(d["rule"]),
        max_points=float(d["max_points"]),
        mandatory=bool(d["mandatory"]),
        evidence=_text(d["evidence"]),  # type: ignore[arg-type]
        provenance=_prov(d["provenance"]),  # type: ignore[arg-type]
        pillar_code=pillar_code,
        unit=_text(d.get("unit")),
        choices=tuple(
            Choice(c["code"], _text(c["title"]), float(c.get("points", 0)))  # type: ignore[arg-type]
            for c in d.get("choices", ())
        ),
        targets={int(y): _target(v) for y, v in d.get("targets", {}).items()},
        target_scope=d.get("target_scope", "commune"),
        target_ops={int(y): next(iter(v)) for y, v in d.get("targets", {}).items() if isinstance(v, dict)},
        verified_by=_text(d.get("verified_by")),
    )


def build(data: dict[str, Any]) -> Catalog:
    """The model of already validated, normalised catalog data."""
    canonical = canonical_bytes(data)
    comp = data["completion"]
    return Catalog(
        id=data["id"],
        version=data["version"],
        sha256=hashlib.sha256(canonical).hexdigest(),
        title=_text(data["title"]),  # type: ignore[arg-type]
        issuer=_text(data.get("issuer")),
        compiler=_text(data.get("compiler")),
        legal_basis=tuple(
            Document(d["number"], _text(d["title"]), d.get("date"), _spelled(d.get("section")))  # type: ignore[arg-type]
            for d in data["legal_basis"]
        ),
        unit_level=data["unit_level"],
        horizons=tuple(sorted(data["horizons"])),
        pillars=tuple(
            Pillar(
                p["code"],
                _text(p["title"]),
                float(p.get("weight", 1)),  # type: ignore[arg-type]
                tuple(_indicator(i, p["code"]) for i in p["indicators"]),
            )
            for p in data["pillars"]
        ),
        completion=Completion(
            comp["rule"],
            float(comp.get("min_percent", 0)),
            int(comp.get("n", 0)),
            tuple(comp.get("of", ())),
            _prov(comp.get("provenance")),
        ),
        ratings=tuple(
            sorted(
                (
                    Rating(float(r["min_percent"]), _text(r["label"]))  # type: ignore[arg-type]
                    for r in data["ratings"]
                ),
                key=lambda r: r.min_percent,
            )
        ),
        program_targets=tuple(
            ProgramTarget(
                t["code"],
                _text(t["title"]),
                int(t["year"]),
                t["scope"],  # type: ignore[arg-type]
                _prov(t["provenance"]),
                t.get("min_count"),  # type: ignore[arg-type]
                float(t["min_percent"]) if "min_percent" in t else None,
                t.get("cumulative", True),
            )
            for t in data.get("program_targets", ())
        ),
        description=_text(data.get("description")),
        canonical=canonical,
    )
