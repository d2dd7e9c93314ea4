"""The machine-readable assessment carried inside the submission file (`assessment.json`).

Its form is fixed by `submission.schema.json` (a copy stands in `docs/`). It holds everything needed to
recompute the score without the sender's database: the catalog itself with its SHA-256, the unit, the
period, the revision, every answer and evidence citation, and the score as computed when it was signed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from dtdesktop import __version__
from dtdesktop.scoring.answers import to_json
from dtdesktop.scoring.engine import ScoreResult
from dtdesktop.storage.records import Assessment

FORMAT = "dtdesktop-submission"
SCHEMA_VERSION = 1
ASSESSMENT_NAME = "assessment.json"
SCHEMA_NAME = "assessment.schema.json"


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """An evidence file's bytes and the name it has inside the PDF."""

    attachment: str
    sha256: str
    media_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Header:
    """The facts a reviewer sees first, read back from an `assessment.json`."""

    unit_scheme: str
    unit_code: str
    unit_name: str
    province_name: str
    period: int
    horizon: int
    revision: int
    catalog_id: str
    catalog_version: str
    catalog_sha256: str
    signer_name: str | None

    @property
    def unit_ref(self) -> str:
        return self.unit_code if self.unit_scheme == "2026" else f"{self.unit_code}@{self.unit_scheme}"


@cache
def schema_text() -> str:
    return resources.files("dtdesktop.exchange").joinpath("submission.schema.json").read_text("utf-8")


@cache
def schema() -> dict[str, Any]:
    return json.loads(schema_text())


def build(
    a: Assessment,
    result: ScoreResult,
    revision: int,
    files: dict[str, EvidenceFile],
    signer: dict[str, str | None],
    report: dict[str, str],
    now: dt.datetime,
) -> dict[str, Any]:
    """The assessment document for *revision*; *files* maps an evidence file's SHA-256 to its attachment."""
    u = a.unit
    evidence: list[dict[str, Any]] = []
    for e in a.evidence:
        if e.file_sha256:
            f = files[e.file_sha256]
            evidence.append(
                {
                    "indicator": e.indicator_code,
                    "kind": "file",
                    "name": e.file_name,
                    "sha256": e.file_sha256,
                    "size": e.file_size,
                    "media_type": f.media_type,
                    "attachment": f.attachment,
                }
            )
        else:
            evidence.append(
                {
                    "indicator": e.indicator_code,
                    "kind": "citation",
                    "number": e.doc_number,
                    "date": e.doc_date.isoformat() if e.doc_date else None,
                    "summary": e.summary,
                }
            )
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "dtdesktop", "version": __version__},
        "created_at": now.isoformat(timespec="seconds"),
        "unit": {
            "scheme": u.scheme,
            "code": u.code,
            "name": u.name,
            "full_name": u.full_name,
            "province_code": u.province_code,
            "province_name": u.province_name,
            "district_name": u.district_name,
        },
        "period": a.period,
        "horizon": result.horizon,
        "revision": revision,
        "signer": signer,
        "report": report,
        "catalog": {
            "id": a.catalog.id,
            "version": a.catalog.version,
            "sha256": a.catalog.sha256,
            "content": json.loads(a.catalog.canonical),
        },
        "answers": {
            code: {
                "value": to_json(ans.value) if ans.value is not None else None,
                "note": ans.note,
                "updated_at": ans.updated_at.isoformat(timespec="seconds"),
            }
            for code, ans in sorted(a.answers.items())
        },
        "evidence": evidence,
        "score": score_json(result),
    }


def score_json(result: ScoreResult) -> dict[str, Any]:
    """The score as stored in the file: the contract's fields, the rating in both languages."""
    data = result.to_json("vi")
    data["rating"] = {"vi": result.rating.vi, "en": result.rating.en} if result.rating else None
    return json.loads(json.dumps(data))  # the JSON form exactly, so that a comparison is like for like


def to_bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def header(doc: dict[str, Any]) -> Header:
    u, c = doc["unit"], doc["catalog"]
    signer = doc.get("signer") or {}
    return Header(
        unit_scheme=u["scheme"],
        unit_code=u["code"],
        unit_name=u["full_name"],
        province_name=u["province_name"],
        period=doc["period"],
        horizon=doc["horizon"],
        revision=doc["revision"],
        catalog_id=c["id"],
        catalog_version=c["version"],
        catalog_sha256=c["sha256"],
        signer_name=signer.get("name"),
    )
