"""`publication.json`: what a criteria decision states about itself, so that an installer can check the
catalog it carries against what was signed (its SHA-256), and know who issued it, for which province."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from dtdesktop import __version__

FORMAT = "dtdesktop-criteria-decision"
SCHEMA_VERSION = 1
MANIFEST_NAME = "publication.json"
CATALOG_NAME = "catalog.json"  # the catalog's canonical JSON: its SHA-256 is the catalog's identity
TRUST_PREFIX = "trust-"  # a reviewer's certificate carried with the decision: "trust-1.pem"


@dataclass(frozen=True, slots=True)
class Publication:
    number: str
    issued: dt.date
    province_scheme: str
    province_code: str
    province_name: str
    catalog_id: str
    catalog_version: str
    catalog_sha256: str
    signer_name: str
    signer_title: str | None
    trust: tuple[str, ...] = ()  # names of the certificate attachments

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "dtdesktop", "version": __version__},
            "number": self.number,
            "issued": self.issued.isoformat(),
            "province": {
                "scheme": self.province_scheme,
                "code": self.province_code,
                "name": self.province_name,
            },
            "catalog": {
                "id": self.catalog_id,
                "version": self.catalog_version,
                "sha256": self.catalog_sha256,
                "file": CATALOG_NAME,
            },
            "signer": {"name": self.signer_name, "title": self.signer_title},
            "trust": list(self.trust),
        }
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")

    @staticmethod
    def from_json(doc: Any) -> Publication:
        """From the parsed manifest; ValueError, KeyError or TypeError when it is not one."""
        if (
            not isinstance(doc, dict)
            or doc.get("format") != FORMAT
            or doc.get("schema_version") != SCHEMA_VERSION
        ):
            raise ValueError("not a criteria decision")
        p, c, s = doc["province"], doc["catalog"], doc["signer"]
        trust = doc.get("trust", [])
        strings = [
            doc["number"],
            p["scheme"],
            p["code"],
            p["name"],
            c["id"],
            c["version"],
            c["sha256"],
            s["name"],
        ]
        if not all(isinstance(x, str) for x in [*strings, *trust]) or c.get("file") != CATALOG_NAME:
            raise TypeError("a field has the wrong type")
        if not (len(c["sha256"]) == 64 and all(ch in "0123456789abcdef" for ch in c["sha256"])):
            raise ValueError("not a SHA-256")
        if any(not t.startswith(TRUST_PREFIX) for t in trust):
            raise ValueError("not a certificate attachment")
        return Publication(
            doc["number"],
            dt.date.fromisoformat(doc["issued"]),
            p["scheme"],
            p["code"],
            p["name"],
            c["id"],
            c["version"],
            c["sha256"],
            s["name"],
            s.get("title") if isinstance(s.get("title"), str) else None,
            tuple(trust),
        )
