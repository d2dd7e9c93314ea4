"""The gate: whether a submission file is genuine, who signed it, for whom, and whether its score holds.

Three verdicts, as ETSI EN 319 102-1 has them: **valid**; **indeterminate** (it cannot be decided: the
signer is unknown, or a trusted person not registered for this commune, or the catalog is unknown); and
**invalid** (forged, altered, damaged, or wrong inside). Each reason has a code and one sentence.

The file's shape is established from its own bytes first (`structure.check_layout`: one signature covering
the whole file, nothing hidden, nothing appended); the signature is checked here with `cryptography`
(`signing.cms`: the digest of the signed ranges, the signature over the signed attributes, the chain to a
trusted anchor at the time of signing). Only then are the attachments read, from the file's own objects
(`pdfobjects`) with bounds, in its last revision, which the layout proved to be the signed one. Then the
assessment inside is read, the catalog bound to the one the reviewer knows, and the score recomputed from
the raw answers.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from dtdesktop.catalogs.loader import CatalogError, load_data, sha256_of
from dtdesktop.catalogs.model import Catalog
from dtdesktop.exchange import schemacheck, submission
from dtdesktop.exchange.bounded import (
    HostileInput,
    parse_json_bounded,
    read_attachments_bounded,
    read_file_bounded,
)
from dtdesktop.exchange.structure import LayoutError, SignedLayout, check_layout
from dtdesktop.i18n import N_, _
from dtdesktop.scoring import parse_answers, score
from dtdesktop.signing import cms
from dtdesktop.signing.certificates import SignerInfo, describe
from dtdesktop.signing.trust import TrustContext, fingerprint
from dtdesktop.text import safe

Verdict = Literal["valid", "indeterminate", "invalid"]
VERDICT_LABELS = {"valid": N_("VALID"), "indeterminate": N_("CANNOT BE DECIDED"), "invalid": N_("NOT VALID")}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a file is not valid: a stable code, one sentence in the reader's language, and its weight."""

    code: str
    message: str
    verdict: Verdict = "invalid"

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "verdict": self.verdict}


@dataclass(frozen=True)
class CatalogBook:
    """The catalogs the reviewer knows, by SHA-256, and which SHA-256 each id and version is known by."""

    by_sha: dict[str, Catalog] = field(default_factory=dict)

    @functools.cached_property
    def versions(self) -> dict[tuple[str, str], set[str]]:  # built once per book, not once per file
        out: dict[tuple[str, str], set[str]] = {}
        for sha, c in self.by_sha.items():
            out.setdefault((c.id, c.version), set()).add(sha)
        return out

    @staticmethod
    def shipped() -> CatalogBook:
        return _shipped_book()


@functools.cache
def _shipped_book() -> CatalogBook:
    """The catalogs shipped with the program: read once per process (they do not change while it runs)."""
    from dtdesktop.catalogs.registry import shipped_catalogs

    return CatalogBook({c.sha256: c for c in shipped_catalogs()})


@dataclass
class Verification:
    file: str
    intact: bool = False
    covers_whole_file: bool = False
    trusted: bool = False  # the signer is a trusted person (chains to a root, or is registered)
    registered: bool = False  # ... and may sign for the submission's unit
    catalog_known: bool = False
    signer: SignerInfo | None = None
    signer_certificate: x509.Certificate | None = field(default=None, repr=False)
    # the SHA-256 fingerprint of the certificate the chain ended at (a root, or the registered signer's
    # own): what the trust rests on, so that a later removal is judged by it alone
    trust_anchor: str | None = None
    vouched: bool = False  # a trusted root vouches for the signer's certificate (and the unit it names)
    signed_at: dt.datetime | None = None
    header: submission.Header | None = None
    score_matches: bool = False
    percent: float | None = None
    reasons: list[Reason] = field(default_factory=list)
    document: dict[str, Any] | None = field(default=None, repr=False)
    attachments: dict[str, bytes] = field(default_factory=dict, repr=False)
    catalog: Catalog | None = field(default=None, repr=False)
    signed_sha256: str | None = None  # SHA-256 of the signed ranges: the submission's identity
    layout_walk: Any = field(default=None, repr=False, compare=False)  # the file's structure, once walked
    score: dict[str, Any] | None = field(default=None, repr=False)  # the score recomputed, as JSON

    @property
    def verdict(self) -> Verdict:
        if any(r.verdict == "invalid" for r in self.reasons):
            return "invalid"
        if not (self.intact and self.covers_whole_file and self.header and self.score_matches):
            return "invalid"  # never reached with no reason given; a guard, not a verdict path
        return "indeterminate" if self.reasons else "valid"

    @property
    def valid(self) -> bool:
        return self.verdict == "valid"

    @property
    def problems(self) -> list[str]:
        return [r.message for r in self.reasons]

    def __getstate__(self) -> dict[str, Any]:
        """Picklable (import checks files in worker processes): the certificate travels as DER."""
        state = dict(self.__dict__)
        state["layout_walk"] = None  # not needed once checked, and large
        cert = state.pop("signer_certificate")
        state["signer_der"] = cert.public_bytes(Encoding.DER) if cert is not None else None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        der = state.pop("signer_der")
        self.__dict__.update(state)
        self.signer_certificate = x509.load_der_x509_certificate(der) if der is not None else None

    def add(self, code: str, message: str, verdict: Verdict = "invalid") -> None:
        self.reasons.append(Reason(code, message, verdict))

    def to_json(self) -> dict[str, Any]:
        h = self.header
        return {
            "file": self.file,
            "valid": self.valid,
            "verdict": self.verdict,
            "intact": self.intact,
            "covers_whole_file": self.covers_whole_file,
            "trusted": self.trusted,
            "registered": self.registered,
            "catalog_known": self.catalog_known,
            "signer": self.signer.name if self.signer else None,
            "signer_certificate": self.signer.to_json() if self.signer else None,
            "certificate_kind": self.signer.kind if self.signer else None,
            "signer_fingerprint": fingerprint(self.signer_certificate) if self.signer_certificate else None,
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
            "problems": self.problems,
            "reasons": [{"code": r.code, "message": r.message} for r in self.reasons],
        }


def verify_file(
    path: Path,
    trust: TrustContext | list[x509.Certificate] | None = None,
    catalogs: CatalogBook | None = None,
) -> Verification:
    """Check one submission file against *trust* (a context, or certificates trusted as roots) and the
    known *catalogs* (the shipped ones by default); every reason is listed."""
    v = Verification(file=str(path))
    data = _read(path, v)
    if data is None:
        return v
    if not isinstance(trust, TrustContext):
        trust = TrustContext(roots=tuple(trust or ()))
    return verify_bytes(data, v, trust, catalogs or CatalogBook.shipped())


def verify_bytes(data: bytes, v: Verification, trust: TrustContext, catalogs: CatalogBook) -> Verification:
    try:
        if not check_signed(data, v, trust):
            return v
        _check_content(data, v, catalogs, v.layout_walk)
    except Exception:  # a guard: every check above refuses with its own reason; none may escape as a crash
        v.reasons = [r for r in v.reasons if r.verdict == "invalid"]
        v.add("unreadable", _(UNREADABLE))
        return v
    _check_binding(v, trust)
    return v


def check_signed(data: bytes, v: Verification, trust: TrustContext) -> bool:
    """The part of the gate every signed file of the program goes through (a submission, a reviewer's
    decision): its layout from its own bytes, its one signature, the signer and the chain to a trusted
    anchor. Whether its content is worth reading; every reason is added to *v*."""
    try:
        layout = check_layout(data)
    except LayoutError as exc:
        v.add(exc.code, str(exc))
        return False
    v.covers_whole_file = True
    v.layout_walk = layout.walk
    return _check_signature(data, layout, trust, v)


def _read(path: Path, v: Verification) -> bytes | None:
    try:
        return read_file_bounded(path)
    except HostileInput as exc:
        v.add(exc.code, str(exc))
        return None


UNREADABLE = N_(
    "The file is damaged or built to mislead the check; it is refused. Ask the sender for it again."
)

SIGNATURE_PROBLEMS = {
    "digest_mismatch": N_(
        "The signature does not match the content: the file was changed after it was signed."
    ),
    "signature_invalid": N_(
        "The signature does not match the content: the file was changed after it was signed."
    ),
    "unsupported_algorithm": N_("The file is signed with an algorithm a submission never uses."),
    "not_signed_data": N_("The signature in the file is damaged and cannot be checked."),
    "signature_damaged": N_("The signature in the file is damaged and cannot be checked."),
}


def _check_signature(data: bytes, layout: SignedLayout, trust: TrustContext, v: Verification) -> bool:
    """The one signature, checked here from the bytes: the digest of the signed ranges, the signature over
    the signed attributes, the signer, the time of signing and the chain to a trusted anchor. Whether the
    content is worth reading."""
    if layout.sub_filter not in (b"ETSI.CAdES.detached", b"adbe.pkcs7.detached"):
        v.add("signature_damaged", _(SIGNATURE_PROBLEMS["signature_damaged"]))
        return False
    try:
        cert, carried, (algorithm, digest) = cms.check(layout.signature, layout.signed_pieces(data))
    except cms.SignatureProblem as exc:
        v.add(exc.code, _(SIGNATURE_PROBLEMS.get(exc.code, SIGNATURE_PROBLEMS["signature_damaged"])))
        return False
    v.intact = True
    # What was signed, whatever the unsigned signature container holds (extra certificates, hex case):
    # two files with the same signed ranges are the same submission.
    if algorithm == "sha256":
        v.signed_sha256 = digest.hex()
    else:
        pieces = layout.signed_pieces(data)
        v.signed_sha256 = _sha256(pieces)
    v.signer_certificate = cert
    v.signer = describe(cert)
    v.signed_at = cms.pdf_date(layout.signing_time) if layout.signing_time else None
    _check_validity_at_signing(v)
    when = v.signed_at or dt.datetime.now(dt.UTC)
    chain = cms.chain_to_anchor(cert, carried, trust, when)
    v.trusted = chain is not None
    v.trust_anchor = fingerprint(chain[-1]) if chain else None
    v.vouched = chain is not None and (
        fingerprint(chain[-1]) not in trust.registered
        or cms.chain_to_anchor(cert, carried, TrustContext(trust.roots), when) is not None
    )
    return True


def _sha256(pieces) -> str:
    h = hashlib.sha256()
    for piece in pieces:
        h.update(piece)
    return h.hexdigest()


def _check_validity_at_signing(v: Verification) -> None:
    """A certificate outside its validity when it signed is never valid, trusted or not."""
    info, when = v.signer, v.signed_at
    if info is None:
        return
    if when is None:
        v.add("no_signing_time", _("The signature carries no signing time; it cannot be checked."))
        return
    if when > dt.datetime.now(dt.UTC) + dt.timedelta(days=1):
        v.add(
            "signing_time_in_future", _("The file claims to have been signed in the future; it was forged.")
        )
        return
    if when > info.not_after:
        v.add("certificate_expired", _("The signer's certificate had expired when the file was signed."))
    elif when < info.not_before:
        v.add(
            "certificate_not_yet_valid",
            _("The signer's certificate was not yet valid when the file was signed."),
        )


def _check_content(data: bytes, v: Verification, catalogs: CatalogBook, structure=None) -> None:
    """The attachments, read from the last revision (the layout proved it the signed one), then the
    assessment they carry."""
    try:
        files = read_attachments_bounded(data, structure=structure)
    except HostileInput as exc:
        v.add(exc.code, str(exc))
        return
    v.attachments = files
    raw = files.get(submission.ASSESSMENT_NAME)
    if raw is None:
        v.add(
            "not_a_submission",
            _("The file carries no assessment (assessment.json); it is not a dtdesktop submission."),
        )
        return
    try:
        doc = parse_json_bounded(raw)
    except HostileInput as exc:
        v.add(exc.code, str(exc))
        return
    errors = _schema_errors(doc)
    if errors:
        for message in errors:
            v.add("schema", message)
        return
    v.document = doc
    v.header = submission.header(doc)
    _check_evidence(doc, files, v)
    catalog = _catalog(doc, v, catalogs)
    if catalog is not None:
        v.catalog = catalog
        _check_score(doc, catalog, v)


def _schema_errors(doc: Any) -> list[str]:
    return schemacheck.errors(
        doc,
        submission.schema,
        lambda where, message: _(
            "The assessment inside the file does not follow its schema at {where}: {message}"
        ).format(where=where, message=message),
    )


def _check_evidence(doc: dict[str, Any], files: dict[str, bytes], v: Verification) -> None:
    digests: dict[str, str] = {}  # many entries may name one large attachment: hash it once
    for e in doc["evidence"]:
        if e["kind"] != "file":
            continue
        content = files.get(e["attachment"])
        if content is not None and e["attachment"] not in digests:
            digests[e["attachment"]] = hashlib.sha256(content).hexdigest()
        if content is None:
            v.add(
                "evidence_missing",
                _("The evidence file {file} of {code} is missing from the file.").format(
                    file=safe(e["name"], 80), code=safe(e["indicator"], 32)
                ),
            )
        elif digests[e["attachment"]] != e["sha256"]:
            v.add(
                "evidence_mismatch",
                _("The evidence file {file} of {code} does not match its hash.").format(
                    file=safe(e["name"], 80), code=safe(e["indicator"], 32)
                ),
            )


def _catalog(doc: dict[str, Any], v: Verification, catalogs: CatalogBook) -> Catalog | None:
    """The catalog the file was scored with, bound to the one the reviewer knows by its SHA-256."""
    c = doc["catalog"]
    sha, content = c["sha256"], c["content"]
    if not isinstance(content, dict) or (content.get("id"), content.get("version")) != (
        c["id"],
        c["version"],
    ):
        v.add(
            "catalog_header_mismatch",
            _("The criteria set named in the file is not the one it carries; the file was forged."),
        )
        return None
    if sha256_of(content) != sha:
        v.add("catalog_hash_mismatch", _("The catalog inside the file does not match its SHA-256."))
        return None
    known = catalogs.by_sha.get(sha)
    if known is not None:
        v.catalog_known = True
        return known  # already validated: neither its YAML nor its schema is read again
    if catalogs.versions.get((c["id"], c["version"])):
        v.add(
            "catalog_altered",
            _(
                "The catalog inside the file has the id and version of one you know ({id} {version}) but "
                "different content; its targets or points were changed."
            ).format(id=safe(c["id"], 64), version=safe(c["version"], 32)),
        )
        return None
    try:
        catalog = load_data(content, "assessment.json/catalog")
    except CatalogError as exc:
        v.add(
            "catalog_invalid",
            _("The catalog inside the file is not valid: {problem}").format(problem=exc.problems[0].message),
        )
        return None
    v.add(
        "catalog_unknown",
        _(
            "The criteria set {id} {version} is not one you know; install it or accept it before the file "
            "can be decided."
        ).format(id=safe(c["id"], 64), version=safe(c["version"], 32)),
        "indeterminate",
    )
    return catalog


def _check_score(doc: dict[str, Any], catalog: Catalog, v: Verification) -> None:
    raw_answers = {code: a.get("value") for code, a in doc["answers"].items() if a.get("value") is not None}
    values, problems = parse_answers(catalog, raw_answers)
    if problems:
        v.add(
            "answers_invalid",
            _("Some answers inside the file do not fit the catalog: {list}").format(
                list=safe(" ".join(problems), 300)
            ),
        )
        return
    if doc["horizon"] not in catalog.horizons:
        v.add("bad_horizon", _("The horizon {year} is not one of the catalog's.").format(year=doc["horizon"]))
        return
    recomputed = submission.score_json(score(catalog, values, doc["horizon"]))
    v.percent = recomputed["percent"]
    v.score = recomputed
    embedded = doc["score"]
    if recomputed == embedded:
        v.score_matches = True
        return
    differing = [
        r["code"]
        for r, e in zip(recomputed["indicators"], embedded.get("indicators", []), strict=False)
        if (r.get("points"), r.get("met")) != (e.get("points"), e.get("met"))
    ]
    v.add(
        "score_mismatch",
        _("The score in the file ({given}) differs from the recomputed score ({computed}){where}.").format(
            given=safe(str(embedded.get("percent")), 20),
            computed=recomputed["percent"],
            where=(": " + safe(", ".join(differing[:20]), 200)) if differing else "",
        ),
    )


def _check_binding(v: Verification, trust: TrustContext) -> None:
    """A trusted person may sign for a unit only if the certificate names it or it is registered for it.
    The unit a certificate names counts only when an authority vouches for it (the chain ends at a root):
    a certificate trusted because the reviewer registered it, and made by its holder, names whatever unit
    its holder typed, so it signs only for the units it is registered for."""
    if v.signer is None or v.signer_certificate is None or v.header is None:
        return
    unit, named = v.header.unit_ref, v.signer.unit
    registered = trust.units_of(v.signer_certificate)
    may_sign = unit in registered or (named == unit and v.vouched)
    if trust.empty:
        v.add(
            "no_trust_list",
            _(
                "No trusted certificate is known, so the signer cannot be checked; add the province's roots "
                "or the officer's certificate with `dtdesktop trust add`."
            ),
            "indeterminate",
        )
    elif not v.trusted:
        v.add(
            "signer_unknown",
            _(
                "The signer {name} is not trusted: the certificate is not in the trust list and does not "
                "chain to a trusted root. To trust it for this unit: "
                'dtdesktop trust add "{file}" --unit {unit}'
            ).format(name=safe(v.signer.name, 80), file=safe(v.file, 200), unit=safe(unit, 32)),
            "indeterminate",
        )
    elif may_sign:
        v.registered = True
        return
    if may_sign or (not v.trusted and not (named and named != unit)):
        return  # an untrusted signer's reason already says how to register; another unit is worth saying
    if named and named != unit:
        message = _(
            "The signer's certificate is for unit {signer_unit}, not for {unit}, and is not registered for "
            'it. To register it: dtdesktop trust add "{file}" --unit {unit}'
        ).format(signer_unit=safe(named, 32), unit=safe(unit, 32), file=safe(v.file, 200))
    else:
        message = _(
            "The signer {name} is not registered for this commune ({unit}). To register: "
            'dtdesktop trust add "{file}" --unit {unit}'
        ).format(name=safe(v.signer.name, 80), unit=safe(unit, 32), file=safe(v.file, 200))
    v.add("signer_not_registered", message, "indeterminate")
