"""Checking a submission file: the signature, who signed, what was signed, and whether the score holds.

A file is valid when its signature is intact and covers the whole file (anything appended after signing,
even a harmless-looking incremental update, makes it invalid), the assessment inside is well-formed, its
catalog matches its SHA-256, every evidence file matches its hash, the score recomputes to the same
result, and, when a trust list is given, the signer is trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509

from dtdesktop.catalogs.loader import CatalogError, load_text, sha256_of
from dtdesktop.exchange import submission
from dtdesktop.exchange.attachments import read_all
from dtdesktop.exchange.structure import LayoutError, SignedLayout, check_layout
from dtdesktop.i18n import _
from dtdesktop.scoring import parse_answers, score
from dtdesktop.signing.certificates import SignerInfo, describe, from_der, to_der

MAX_FILE = 512 * 1024 * 1024


@dataclass
class Verification:
    file: str
    valid: bool = False
    intact: bool = False
    covers_whole_file: bool = False
    trusted: bool = False
    signer: SignerInfo | None = None
    signed_at: dt.datetime | None = None
    header: submission.Header | None = None
    score_matches: bool = False
    percent: float | None = None
    problems: list[str] = field(default_factory=list)
    document: dict[str, Any] | None = field(default=None, repr=False)
    attachments: dict[str, bytes] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict[str, Any]:
        h = self.header
        return {
            "file": self.file,
            "valid": self.valid,
            "intact": self.intact,
            "covers_whole_file": self.covers_whole_file,
            "trusted": self.trusted,
            "signer": self.signer.name if self.signer else None,
            "signer_certificate": self.signer.to_json() if self.signer else None,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "unit": h.unit_ref if h else None,
            "unit_name": h.unit_name if h else None,
            "period": h.period if h else None,
            "revision": h.revision if h else None,
            "catalog": h.catalog_id if h else None,
            "catalog_version": h.catalog_version if h else None,
            "catalog_sha256": h.catalog_sha256 if h else None,
            "score_matches": self.score_matches,
            "percent": self.percent,
            "problems": list(self.problems),
        }


def _quiet_pyhanko() -> None:
    """pyHanko logs a traceback for every untrusted certificate; the problems list says it in one line."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def verify_file(path: Path, trust: list[x509.Certificate] | None = None) -> Verification:
    """Check one submission file; every problem found is listed, not only the first."""
    v = Verification(file=str(path))
    data = _read(path, v)
    if data is None:
        return v
    layout = _layout(data, v)
    if layout is None:
        return v
    if not _digest_matches(layout, data):
        v.problems.append(
            _("The signature does not match the content: the file was changed after it was signed.")
        )
        return v
    root = _check_signature(data, trust, v)
    if root is not None:
        _check_content(root, v)
    v.valid = (
        v.intact
        and v.covers_whole_file
        and v.header is not None
        and v.score_matches
        and (v.trusted or not trust)
        and not v.problems
    )
    return v


def _read(path: Path, v: Verification) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            v.problems.append(
                _("The file is too large ({size} MB) to be a submission.").format(size=size // 1048576)
            )
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        v.problems.append(_("The file does not exist; check the path."))
        return None
    except OSError as exc:
        v.problems.append(_("The file cannot be read ({reason}).").format(reason=exc.strerror))
        return None
    if not data.startswith(b"%PDF-"):
        v.problems.append(_("This is not a PDF file."))
        return None
    return data


def _layout(data: bytes, v: Verification) -> SignedLayout | None:
    """The file's shape from its own bytes: one signature covering the whole file, nothing hidden."""
    try:
        return check_layout(data)
    except LayoutError as exc:
        v.problems.append(str(exc))
        return None


def _digest_matches(layout: SignedLayout, data: bytes) -> bool:
    """The digest the signer signed is the digest of the signed ranges, computed here from the bytes."""
    from asn1crypto import cms

    try:
        signed = cms.ContentInfo.load(layout.signature)["content"]
        infos = signed["signer_infos"]
        if len(infos) != 1:
            return False
        info = infos[0]
        algorithm = info["digest_algorithm"]["algorithm"].native
        attrs = {a["type"].native: a["values"] for a in info["signed_attrs"]}
        claimed = attrs["message_digest"][0].native
    except (ValueError, KeyError, TypeError, IndexError):
        return False
    if algorithm not in ("sha256", "sha384", "sha512"):
        return False
    return hashlib.new(algorithm, layout.signed_bytes(data)).digest() == claimed


def _check_signature(data: bytes, trust: list[x509.Certificate] | None, v: Verification):
    """Validate the signature(s); return the document catalog of the signed revision, or None."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    _quiet_pyhanko()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        v.problems.append(_("The PDF file is damaged and cannot be read; ask the sender for the file again."))
        return None
    if len(signatures) != 1:
        v.problems.append(
            _("The file carries more than one signature (or a damaged one); a submission has exactly one.")
            if signatures
            else _("The file is not signed; a submission must carry the officer's signature.")
        )
        return None
    roots = [_asn1(c) for c in trust or []]
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    last = signatures[-1]
    v.intact = True
    for sig in signatures:
        try:
            status = validate_pdf_signature(sig, context, skip_diff=True)
        except Exception:
            v.intact = False
            v.problems.append(_("A signature in the file is damaged and cannot be checked."))
            continue
        if not (status.intact and status.valid):
            v.intact = False
            v.problems.append(
                _("The signature does not match the content: the file was changed after it was signed.")
            )
        if sig is last:
            v.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
            v.trusted = bool(status.trusted)
            v.signed_at = status.signer_reported_dt
            v.signer = describe(from_der(status.signing_cert.dump()))
    if v.intact and not v.covers_whole_file:
        v.problems.append(
            _("Content was added to the file after it was signed; only the signed part can be trusted.")
        )
    if trust and not v.trusted:
        v.problems.append(
            _(
                "The signer {name} is not in the trust list; ask the province for the officer's certificate."
            ).format(name=v.signer.name if v.signer else "?")
        )
    try:
        return reader.get_historical_root(last.signed_revision)
    except (PdfError, KeyError, IndexError, ValueError):
        return reader.root


def _asn1(cert: x509.Certificate):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(to_der(cert))


def _check_content(root, v: Verification) -> None:
    try:
        files = read_all(root)
    except Exception:
        v.problems.append(_("The attachments of the file are damaged."))
        return
    v.attachments = files
    raw = files.get(submission.ASSESSMENT_NAME)
    if raw is None:
        v.problems.append(
            _("The file carries no assessment (assessment.json); it is not a dtdesktop submission.")
        )
        return
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        v.problems.append(_("The assessment inside the file is not valid JSON."))
        return
    errors = _schema_errors(doc)
    if errors:
        v.problems += errors
        return
    v.document = doc
    v.header = submission.header(doc)
    _check_evidence(doc, files, v)
    _check_score(doc, v)
    _check_unit(v)


def _schema_errors(doc: Any) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(submission.schema())
    out = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))[:10]:
        where = "/".join(str(p) for p in err.absolute_path) or "/"
        out.append(
            _("The assessment inside the file does not follow its schema at {where}: {message}").format(
                where=where, message=err.message
            )
        )
    return out


def _check_evidence(doc: dict[str, Any], files: dict[str, bytes], v: Verification) -> None:
    for e in doc["evidence"]:
        if e["kind"] != "file":
            continue
        content = files.get(e["attachment"])
        if content is None:
            v.problems.append(
                _("The evidence file {file} of {code} is missing from the file.").format(
                    file=e["name"], code=e["indicator"]
                )
            )
        elif hashlib.sha256(content).hexdigest() != e["sha256"]:
            v.problems.append(
                _("The evidence file {file} of {code} does not match its hash.").format(
                    file=e["name"], code=e["indicator"]
                )
            )


def _check_score(doc: dict[str, Any], v: Verification) -> None:
    content = doc["catalog"]["content"]
    if sha256_of(content) != doc["catalog"]["sha256"]:
        v.problems.append(_("The catalog inside the file does not match its SHA-256."))
        return
    try:
        catalog = load_text(json.dumps(content, ensure_ascii=False), "assessment.json/catalog")
    except CatalogError as exc:
        v.problems.append(
            _("The catalog inside the file is not valid: {problem}").format(problem=exc.problems[0].message)
        )
        return
    raw_answers = {code: a.get("value") for code, a in doc["answers"].items() if a.get("value") is not None}
    values, problems = parse_answers(catalog, raw_answers)
    if problems:
        v.problems.append(
            _("Some answers inside the file do not fit the catalog: {list}").format(list=" ".join(problems))
        )
        return
    if doc["horizon"] not in catalog.horizons:
        v.problems.append(_("The horizon {year} is not one of the catalog's.").format(year=doc["horizon"]))
        return
    recomputed = submission.score_json(score(catalog, values, doc["horizon"]))
    v.percent = recomputed["percent"]
    embedded = doc["score"]
    if recomputed == embedded:
        v.score_matches = True
        return
    differing = [
        r["code"]
        for r, e in zip(recomputed["indicators"], embedded.get("indicators", []), strict=False)
        if (r.get("points"), r.get("met")) != (e.get("points"), e.get("met"))
    ]
    v.problems.append(
        _("The score in the file ({given}) differs from the recomputed score ({computed}){where}.").format(
            given=embedded.get("percent"),
            computed=recomputed["percent"],
            where=(": " + ", ".join(differing)) if differing else "",
        )
    )


def _check_unit(v: Verification) -> None:
    """A certificate made by dtdesktop names its unit; it must be the unit of the assessment."""
    if v.signer and v.signer.unit and v.header and v.signer.unit != v.header.unit_ref:
        v.problems.append(
            _("The signer's certificate is for unit {signer_unit}, not for {unit}.").format(
                signer_unit=v.signer.unit, unit=v.header.unit_ref
            )
        )
