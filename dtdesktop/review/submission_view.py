"""One received submission as the reviewer reads it: every answer with its target and status, the evidence,
the score as sent beside the score recomputed, the signer's certificate, the assessment's revisions, and
which review steps the core allows now and why not. Built in one read of the store, off the window's
thread, so that the page only lays it out."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from dtdesktop.catalogs.model import Catalog
from dtdesktop.i18n import _
from dtdesktop.review import reviewing
from dtdesktop.review.errors import ReviewError
from dtdesktop.scoring import parse_answers, score
from dtdesktop.scoring.display import target_text, value_text
from dtdesktop.signing.certificates import SignerInfo, describe, from_der
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import stored_catalog
from dtdesktop.storage.models import (
    CatalogRow,
    EvidenceFileRow,
    ReviewRow,
    SubmissionEvidenceRow,
    SubmissionRow,
    TrustedCertificateRow,
)

SCORE_TOLERANCE = 0.005  # percentages are rounded to 2 decimals on both sides
SIGNER_REASONS = ("signer_unknown", "signer_not_registered", "no_trust_list")


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A file (name, SHA-256, media type, size) or a citation (number, date, summary) of one criterion."""

    kind: str  # "file" or "citation"
    name: str = ""
    sha256: str = ""
    media_type: str = ""
    size: int = 0
    number: str = ""
    date: dt.date | None = None
    summary: str = ""


@dataclass(frozen=True, slots=True)
class AnswerLine:
    code: str
    pillar: str
    value: str  # as people read it ("45/60 (75%)", "có"), "—" when unanswered
    target: str  # for the period's horizon, "" when the catalog gives none
    status: str  # met / not_met / missing / info (recomputed)
    sent_status: str | None  # as the commune's program scored it
    note: str
    evidence: tuple[EvidenceItem, ...]


@dataclass(frozen=True, slots=True)
class PillarLine:
    code: str
    title: str
    sent: float | None
    recomputed: float | None

    @property
    def differs(self) -> bool:
        if self.sent is None or self.recomputed is None:
            return self.sent != self.recomputed
        return abs(self.sent - self.recomputed) > SCORE_TOLERANCE


@dataclass(frozen=True, slots=True)
class SignerCard:
    """What the reviewer knows of who signed: the certificate's fields as the file carried it (kept with
    the submission), else, for a file filed before that was kept, the registered officer's."""

    name: str
    fingerprint: str
    info: SignerInfo | None
    trusted: bool
    why: str  # one sentence: why trusted, or why not
    signed_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class RevisionLine:
    id: int
    revision: int
    received_at: dt.datetime
    percent: float | None
    status: str
    verdict: str
    conflict: bool
    decision: str | None  # the last review step taken on it: "return", "approve", "unapprove"
    comparable: bool  # valid and not in conflict: the diff can use it


@dataclass(frozen=True, slots=True)
class SubmissionView:
    id: int
    unit_name: str
    province_name: str
    unit_code: str
    period: int
    horizon: int
    revision: int
    status: str
    verdict: str
    conflict: bool
    reasons: tuple[str, ...]
    file_name: str
    received_at: dt.datetime
    catalog: Catalog
    answers: dict[str, AnswerLine]
    pillars: tuple[PillarLine, ...]
    sent_percent: float | None
    percent: float | None
    score_matches: bool
    signer: SignerCard
    revisions: tuple[RevisionLine, ...]
    steps: tuple[reviewing.Step, ...]
    not_allowed: dict[str, str | None] = field(default_factory=dict)  # action → why not (None: allowed)

    @property
    def score_differs(self) -> bool:
        return not self.score_matches or any(p.differs for p in self.pillars)

    @property
    def returned(self) -> dict[str, str]:
        """The comments of the return in force, by criterion (to edit them again)."""
        last = self.steps[-1] if self.steps else None
        if last is None or last.action != "return":
            return {}
        return {c.code: c.comment for c in last.comments}


def load(store: Store, submission_id: int, lang: str) -> SubmissionView:
    """Everything the submission page shows, or ReviewError when there is no such submission."""
    with store.reading() as s:
        row = s.get(SubmissionRow, submission_id)
        if row is None:
            raise ReviewError(
                _("There is no received submission number {id}; it may have been removed.").format(
                    id=submission_id
                )
            )
        catalog = stored_catalog(s.get(CatalogRow, row.catalog_sha256))
        doc = json.loads(row.document)
        files = {
            e.file_sha256: e
            for e in s.scalars(
                select(SubmissionEvidenceRow).where(SubmissionEvidenceRow.submission_id == row.id)
            )
        }
        sizes = dict(
            s.execute(
                select(EvidenceFileRow.sha256, EvidenceFileRow.size).where(EvidenceFileRow.sha256.in_(files))
            ).all()
        )
        answers, pillars, percent = _answers(catalog, doc, row.horizon, files, sizes, lang)
        signer = _signer(s, row)
        revisions = _revisions(s, row)
        view = SubmissionView(
            id=row.id,
            unit_name=row.unit.full_name,
            province_name=row.unit.province_name,
            unit_code=row.unit_code,
            period=row.period,
            horizon=row.horizon,
            revision=row.revision,
            status=row.status,
            verdict=row.verdict,
            conflict=row.conflict,
            reasons=tuple(str(r.get("message", "")) for r in json.loads(row.reasons)),
            file_name=row.file_name,
            received_at=_utc(row.received_at),
            catalog=catalog,
            answers=answers,
            pillars=pillars,
            sent_percent=row.sent_percent,
            percent=row.percent if row.percent is not None else percent,
            score_matches=row.score_matches,
            signer=signer,
            revisions=revisions,
            steps=(),
        )
    steps = tuple(reviewing.steps(store, submission_id))
    allowed = {a: reviewing.why_not(store, submission_id, a) for a in ("approve", "return", "unapprove")}
    return _with(view, steps=steps, not_allowed=allowed)


def _with(view: SubmissionView, **changes: Any) -> SubmissionView:
    from dataclasses import replace

    return replace(view, **changes)


def _answers(
    catalog: Catalog,
    doc: dict[str, Any],
    horizon: int,
    files: dict[str, SubmissionEvidenceRow],
    sizes: dict[str, int],
    lang: str,
) -> tuple[dict[str, AnswerLine], tuple[PillarLine, ...], float]:
    """Each criterion as sent and as recomputed from the raw answers with the stored catalog."""
    raw = doc.get("answers", {})
    values, _problems = parse_answers(catalog, {k: (v or {}).get("value") for k, v in raw.items()})
    result = score(catalog, values, horizon)
    sent = doc.get("score", {}) if isinstance(doc.get("score"), dict) else {}
    sent_status = {
        str(i.get("code")): str(i.get("status")) for i in sent.get("indicators", []) if isinstance(i, dict)
    }
    sent_pillars = {
        str(p.get("code")): p.get("percent") for p in sent.get("pillars", []) if isinstance(p, dict)
    }
    evidence: dict[str, list[EvidenceItem]] = {}
    for e in doc.get("evidence", []):
        if not isinstance(e, dict):
            continue
        code = str(e.get("indicator"))
        if e.get("kind") == "file":
            sha = str(e.get("sha256") or "")
            stored = files.get(sha)
            item = EvidenceItem(
                "file",
                name=stored.original_name if stored else str(e.get("name") or ""),
                sha256=sha if stored else "",  # "" : not kept, cannot be opened
                media_type=str(e.get("media_type") or ""),
                size=sizes.get(sha, 0),
            )
        else:
            item = EvidenceItem(
                "citation",
                number=str(e.get("number") or ""),
                date=_date(e.get("date")),
                summary=str(e.get("summary") or ""),
            )
        evidence.setdefault(code, []).append(item)
    lines: dict[str, AnswerLine] = {}
    for r in result.indicators:
        ind = catalog.indicator(r.code)
        assert ind is not None
        target = ind.target_for(horizon)
        lines[r.code] = AnswerLine(
            r.code,
            r.pillar,
            value_text(ind, values.get(r.code), lang),
            target_text(ind, target, lang, ind.op_for(horizon)),
            r.status,
            sent_status.get(r.code),
            str((raw.get(r.code) or {}).get("note") or ""),
            tuple(evidence.get(r.code, ())),
        )
    pillars = tuple(
        PillarLine(
            p.code,
            next((x.title.get(lang) for x in catalog.pillars if x.code == p.code), p.code),
            _number(sent_pillars.get(p.code)),
            p.percent,
        )
        for p in result.pillars
    )
    return lines, pillars, result.percent


def _signer(s, row: SubmissionRow) -> SignerCard:
    fp = row.signer_fingerprint or ""
    cert_row = s.get(TrustedCertificateRow, fp) if fp else None
    der = row.signer_certificate or (cert_row.der if cert_row is not None else None)
    info = describe(from_der(der)) if der else None
    reasons = [r for r in json.loads(row.reasons) if r.get("code") in SIGNER_REASONS]
    trusted = not reasons and row.verdict != "invalid"
    if not trusted:
        why = str(reasons[0].get("message", "")) if reasons else _("Not trusted: the file is not valid.")
    elif cert_row is not None and row.unit_code in [u.unit_code for u in cert_row.units]:
        why = _("The certificate is registered here for this commune.")
    else:
        why = _("The certificate chains to a root certificate trusted here and names this commune.")
    return SignerCard(
        row.signer_name or "", fp, info, trusted, why, _utc(row.signed_at) if row.signed_at else None
    )


def _revisions(s, row: SubmissionRow) -> tuple[RevisionLine, ...]:
    """Every received file of this commune's assessment (same unit, period and catalog), oldest first."""
    rows = s.scalars(
        select(SubmissionRow)
        .where(
            SubmissionRow.unit_scheme == row.unit_scheme,
            SubmissionRow.unit_code == row.unit_code,
            SubmissionRow.period == row.period,
            SubmissionRow.catalog_id == row.catalog_id,
        )
        .order_by(SubmissionRow.revision, SubmissionRow.id)
    ).all()
    out = []
    for r in rows:
        last = s.scalars(
            select(ReviewRow.action).where(ReviewRow.submission_id == r.id).order_by(ReviewRow.id.desc())
        ).first()
        out.append(
            RevisionLine(
                r.id,
                r.revision,
                _utc(r.received_at),
                r.percent,
                r.status,
                r.verdict,
                r.conflict,
                last,
                r.verdict == "valid" and not r.conflict,
            )
        )
    return tuple(out)


def evidence_bytes(store: Store, submission_id: int, sha256: str) -> tuple[str, bytes]:
    """The media type and bytes of one evidence file of *submission_id*, as imported (the gate compared
    them with the attachment's SHA-256); ReviewError when the submission does not carry it."""
    with store.reading() as s:
        link = s.scalars(
            select(SubmissionEvidenceRow).where(
                SubmissionEvidenceRow.submission_id == submission_id,
                SubmissionEvidenceRow.file_sha256 == sha256,
            )
        ).first()
        row = s.get(EvidenceFileRow, sha256) if link is not None else None
        if row is None:
            raise ReviewError(
                _("This evidence file is not kept with the submission; ask the commune for it.")
            )
        return row.media_type, bytes(row.content)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite keeps no time zone: it is UTC


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
