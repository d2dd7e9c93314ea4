"""The decision as data: what `decision.json` inside a decision file holds, built from the reviewer's store
and read back, strictly, on the commune's side."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from dtdesktop import __version__

FORMAT = "dtdesktop-decision"
SCHEMA_VERSION = 1
DECISION_NAME = "decision.json"
SCHEMA_NAME = "decision.schema.json"


@cache
def schema_text() -> str:
    return resources.files("dtdesktop.decisions").joinpath(SCHEMA_NAME).read_text("utf-8")


@cache
def schema() -> dict[str, Any]:
    return json.loads(schema_text())


@dataclass(frozen=True, slots=True)
class Returned:
    """A criterion returned to the commune, with what to fix."""

    code: str
    title: str
    comment: str


@dataclass(frozen=True, slots=True)
class Answered:
    """The submission a decision answers: the file as received, and what it was."""

    file_sha256: str
    signed_sha256: str
    unit_scheme: str
    unit_code: str
    unit_full_name: str
    province_name: str
    period: int
    catalog_id: str
    catalog_version: str
    catalog_sha256: str
    revision: int
    percent: float | None
    catalog_title: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    decision: str  # "returned" or "approved"
    number: str
    decided_at: dt.datetime
    submission: Answered
    overall: str | None
    returned: tuple[Returned, ...]
    reviewer_name: str
    reviewer_title: str | None
    reviewer_organization: str | None

    def to_json(self) -> dict[str, Any]:
        a = self.submission
        return {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "dtdesktop", "version": __version__},
            "created_at": self.decided_at.isoformat(timespec="microseconds"),  # two steps in a second differ
            "decision": self.decision,
            "number": self.number,
            "submission": {
                "file_sha256": a.file_sha256,
                "signed_sha256": a.signed_sha256,
                "unit": {
                    "scheme": a.unit_scheme,
                    "code": a.unit_code,
                    "full_name": a.unit_full_name,
                    "province_name": a.province_name,
                },
                "period": a.period,
                "catalog": {
                    "id": a.catalog_id,
                    "version": a.catalog_version,
                    "sha256": a.catalog_sha256,
                    "title": a.catalog_title,
                },
                "revision": a.revision,
                "percent": a.percent,
            },
            "overall": self.overall,
            "returned": [{"code": r.code, "title": r.title, "comment": r.comment} for r in self.returned],
            "reviewer": {
                "name": self.reviewer_name,
                "title": self.reviewer_title,
                "organization": self.reviewer_organization,
            },
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    @staticmethod
    def from_json(doc: dict[str, Any]) -> Decision:
        """From a document that follows the schema (checked before)."""
        s, u, c, r = (
            doc["submission"],
            doc["submission"]["unit"],
            doc["submission"]["catalog"],
            doc["reviewer"],
        )
        decided = dt.datetime.fromisoformat(doc["created_at"])
        if decided.tzinfo is None:
            raise ValueError("created_at has no time zone")
        return Decision(
            decision=doc["decision"],
            number=doc["number"],
            decided_at=decided,
            submission=Answered(
                s["file_sha256"],
                s["signed_sha256"],
                u["scheme"],
                u["code"],
                u["full_name"],
                u["province_name"],
                s["period"],
                c["id"],
                c["version"],
                c["sha256"],
                s["revision"],
                s.get("percent"),
                c.get("title", ""),
            ),
            overall=doc.get("overall"),
            returned=tuple(Returned(x["code"], x.get("title", ""), x["comment"]) for x in doc["returned"]),
            reviewer_name=r["name"],
            reviewer_title=r.get("title"),
            reviewer_organization=r.get("organization"),
        )
