"""The commune receives the reviewer's decision: verified through the same gate as a submission, matched
with a file this commune signed and sent, then applied in one transaction, or refused with its reason and
nothing changed.

A decision is applied only when every one of these holds:
- the file is intact, signed once over the whole of it, by a certificate valid when it signed and trusted
  here (`dtdesktop trust add` the reviewer's certificate, or the root it chains to);
- it answers a submission file this computer signed and sent (by that file's SHA-256), of the same commune,
  period and catalog, and that file is the latest one sent (a decision on an older revision is stale);
- it is not older than a decision already applied to that revision.
A return reopens exactly the returned criteria, each with its comment (the others stay as sent); an approval
locks the assessment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from sqlalchemy import func, select

from dtdesktop.decisions import document
from dtdesktop.decisions.document import Decision
from dtdesktop.decisions.errors import DecisionRefused
from dtdesktop.exchange import schemacheck
from dtdesktop.exchange.bounded import (
    HostileInput,
    parse_json_bounded,
    read_attachments_bounded,
    read_file_bounded,
)
from dtdesktop.exchange.verify import Verification, check_signed
from dtdesktop.i18n import _
from dtdesktop.review.trust import context
from dtdesktop.signing.trust import fingerprint
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import audit, default_actor, stored_catalog
from dtdesktop.storage.models import AnswerRow, AssessmentRow, ReceivedDecisionRow, SentFileRow
from dtdesktop.text import format_date, format_percent, safe
from dtdesktop.units.registry import unit_list


@dataclass
class Received:
    """A decision file, verified: its decision and who signed it."""

    file: str
    decision: Decision
    file_sha256: str
    signed_sha256: str
    signer_name: str | None
    signer_fingerprint: str | None
    document: dict = field(repr=False)


@dataclass(frozen=True, slots=True)
class Applied:
    assessment_id: int
    decision: Decision
    reopened: tuple[str, ...]  # the criteria open again, each with its comment
    already: bool = False  # this very decision was applied before: nothing changed


def read_decision(
    path: Path, store: Store | None, extra_trust: list[x509.Certificate] | None = None
) -> Received:
    """The decision in *path*, verified against the store's trust list (plus *extra_trust*), or
    DecisionRefused with the first reason it cannot be applied."""
    try:
        data = read_file_bounded(path)
    except HostileInput as exc:
        raise DecisionRefused(exc.code, str(exc)) from None
    v = Verification(file=str(path))
    trust = context(store, extra_trust or ())
    signed = check_signed(data, v, trust)
    invalid = [r for r in v.reasons if r.verdict == "invalid"]
    if not signed or invalid:
        first = invalid[0] if invalid else v.reasons[0]
        raise DecisionRefused(first.code, first.message)
    doc = _document(data)
    if not v.trusted:
        name = v.signer.name if v.signer else "?"
        raise DecisionRefused(
            "signer_unknown",
            _(
                "The decision is signed by {name}, whose certificate is not trusted here; nothing was "
                "changed. Get the reviewer's certificate from the province and trust it: "
                "dtdesktop trust add CERTIFICATE.pem"
            ).format(name=safe(name, 80)),
        )
    try:
        decision = Decision.from_json(doc)
    except (ValueError, KeyError, TypeError):
        raise DecisionRefused("schema", _("The decision inside the file is damaged.")) from None
    _check_reviewer(v, trust, decision)
    _check_meaning(decision)
    assert v.signed_sha256 is not None
    return Received(
        str(path),
        decision,
        hashlib.sha256(data).hexdigest(),
        v.signed_sha256,
        v.signer.name if v.signer else None,
        fingerprint(v.signer_certificate) if v.signer_certificate else None,
        doc,
    )


def _check_reviewer(v: Verification, trust, d: Decision) -> None:
    """Only the commune's reviewer decides: a certificate registered here for its province (or, for the
    three-tier list, its district), or trusted through a root and naming that province. Another commune's
    officer under the same root is trusted as a person, never as the reviewer."""
    a = d.submission
    unit = unit_list(a.unit_scheme).get(a.unit_code, "commune")  # type: ignore[arg-type]
    allowed = {unit.province_code} if unit else set()
    if unit is not None and a.unit_scheme == "2025" and unit.district_code:
        allowed.add(unit.district_code)
    assert v.signer_certificate is not None and v.signer is not None
    # the unit a certificate names counts only when a trusted root vouches for it (see verify._check_binding)
    if trust.units_of(v.signer_certificate) & allowed or (v.vouched and v.signer.unit in allowed):
        return
    province = unit.province_name if unit else a.province_name
    raise DecisionRefused(
        "reviewer_not_registered",
        _(
            "The decision is signed by {name}, who is not registered here as the reviewer of {province}; "
            "nothing was changed. To register the reviewer's certificate: "
            "dtdesktop trust add CERTIFICATE.pem --unit {code}"
        ).format(
            name=safe(v.signer.name, 80),
            province=safe(province, 80),
            code=unit.province_code if unit else "?",
        ),
    )


def _check_meaning(d: Decision) -> None:
    """What the schema cannot say: a return names at least one criterion, each once, each with a comment;
    an approval names none; a decision is not dated in the future."""
    codes = [r.code for r in d.returned]
    blank = any(not r.comment.strip() for r in d.returned)
    future = d.decided_at > dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    if (
        (d.decision == "returned" and (not codes or len(set(codes)) != len(codes) or blank))
        or (d.decision == "approved" and codes)
        or future
    ):
        raise DecisionRefused(
            "decision_inconsistent",
            _(
                "The decision contradicts itself (its criteria, comments or date); it was forged. Nothing "
                "was changed."
            ),
        )


def _document(data: bytes) -> dict:
    try:
        files = read_attachments_bounded(data)
        raw = files.get(document.DECISION_NAME)
        if "assessment.json" in files:
            raise DecisionRefused(
                "not_a_decision",
                _("This is a commune's submission file, not a reviewer's decision; nothing was changed."),
            )
        if raw is None:
            raise DecisionRefused(
                "not_a_decision",
                _("The file carries no decision (decision.json); it is not a reviewer's decision file."),
            )
        doc = parse_json_bounded(raw)
    except HostileInput as exc:
        raise DecisionRefused(exc.code, str(exc)) from None
    problems = schemacheck.errors(
        doc,
        document.schema,
        lambda where, message: _(
            "The decision inside the file does not follow its schema at {where}: {message}"
        ).format(where=where, message=message),
        limit=1,
    )
    if problems:
        raise DecisionRefused("schema", problems[0])
    return doc


def apply_decision(store: Store, received: Received, actor: str | None = None) -> Applied:
    """Apply *received* in one transaction, or DecisionRefused (nothing changed)."""
    actor = actor or default_actor()
    d = received.decision
    a = d.submission
    with store.transaction() as s:
        sent = s.scalars(select(SentFileRow).where(SentFileRow.file_sha256 == a.file_sha256)).first()
        if sent is None:
            raise _not_ours(s, d)
        row = s.get(AssessmentRow, sent.assessment_id)
        assert row is not None
        if (row.unit_scheme, row.unit_code, row.period, row.catalog_sha256) != (
            a.unit_scheme,
            a.unit_code,
            a.period,
            a.catalog_sha256,
        ) or sent.revision != a.revision:
            raise DecisionRefused(
                "not_this_submission",
                _(
                    "The decision names a submission file of this computer but describes another "
                    "assessment; it was forged. Nothing was changed."
                ),
            )
        if s.scalar(
            select(ReceivedDecisionRow.id).where(ReceivedDecisionRow.signed_sha256 == received.signed_sha256)
        ):
            return Applied(row.id, d, _open_codes(row), already=True)
        latest = s.scalar(select(func.max(SentFileRow.revision)).where(SentFileRow.assessment_id == row.id))
        if latest is not None and sent.revision < latest:
            raise DecisionRefused(
                "older_revision",
                _(
                    "The decision answers submission {n}, but submission {latest} was sent since; it no "
                    "longer applies. Nothing was changed; wait for the decision on submission {latest}."
                ).format(n=sent.revision, latest=latest),
            )
        newer = s.scalar(
            select(func.max(ReceivedDecisionRow.decided_at)).where(
                ReceivedDecisionRow.assessment_id == row.id, ReceivedDecisionRow.revision == sent.revision
            )
        )
        if newer is not None and _aware(newer) >= d.decided_at:
            raise DecisionRefused(
                "older_decision",
                _("A later decision on this submission was applied before this one; nothing was changed."),
            )
        catalog = stored_catalog(row.catalog)
        unknown = [r.code for r in d.returned if catalog.indicator(r.code) is None]
        if unknown:
            raise DecisionRefused(
                "unknown_criterion",
                _("The decision returns {codes}, which the catalog of this assessment does not have.").format(
                    codes=safe(", ".join(unknown), 200)
                ),
            )
        _apply(s, row, d, actor)
        s.add(
            ReceivedDecisionRow(
                assessment_id=row.id,
                revision=sent.revision,
                decision=d.decision,
                signed_sha256=received.signed_sha256,
                file_sha256=received.file_sha256,
                signer_name=received.signer_name,
                signer_fingerprint=received.signer_fingerprint,
                decided_at=d.decided_at.astimezone(dt.UTC),
                document=json.dumps(received.document, ensure_ascii=False),
            )
        )
        audit(
            s,
            actor,
            row.id,
            "decision_import",
            received.signed_sha256,
            None,
            json.dumps(
                {"decision": d.decision, "revision": sent.revision, "returned": [r.code for r in d.returned]},
                ensure_ascii=False,
            ),
        )
        return Applied(row.id, d, tuple(r.code for r in d.returned))


def _apply(s, row: AssessmentRow, d: Decision, actor: str) -> None:
    comments = {r.code: r.comment for r in d.returned}
    current = {a.indicator_code: a for a in row.answers}
    for code in comments:
        ans = current.get(code)
        if ans is None:
            ans = AnswerRow(indicator_code=code, value=None, note=None)
            row.answers.append(ans)
            current[code] = ans
    for code, ans in current.items():
        new = comments.get(code)
        if ans.review_comment != new:
            audit(s, actor, row.id, "review_comment", code, ans.review_comment, new)
            ans.review_comment = new
    status = "returned" if d.decision == "returned" else "approved"
    if row.status != status:
        audit(s, actor, row.id, "status", None, row.status, status)
        row.status = status


def _open_codes(row: AssessmentRow) -> tuple[str, ...]:
    return tuple(sorted(a.indicator_code for a in row.answers if a.review_comment is not None))


def _not_ours(s, d: Decision) -> DecisionRefused:
    a = d.submission
    ours = s.scalar(
        select(AssessmentRow.id).where(
            AssessmentRow.unit_scheme == a.unit_scheme, AssessmentRow.unit_code == a.unit_code
        )
    )
    if ours is None:
        return DecisionRefused(
            "another_commune",
            _(
                "The decision is for {unit} ({code}), not for a commune assessed on this computer; "
                "nothing was changed."
            ).format(unit=safe(a.unit_full_name, 80), code=safe(a.unit_code, 16)),
        )
    return DecisionRefused(
        "not_sent_here",
        _(
            "The decision answers a submission file that was not signed on this computer (SHA-256 {sha}); "
            "nothing was changed. Import it on the computer the file was sent from."
        ).format(sha=a.file_sha256[:16] + "…"),
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class LastDecision:
    """The decision last applied to an assessment, as the officer's window shows it."""

    decision: str
    revision: int
    decided_at: dt.datetime
    signer_name: str | None
    overall: str | None


def last_applied(store: Store, assessment_id: int) -> LastDecision | None:
    with store.reading() as s:
        row = s.scalars(
            select(ReceivedDecisionRow)
            .where(ReceivedDecisionRow.assessment_id == assessment_id)
            .order_by(ReceivedDecisionRow.decided_at.desc(), ReceivedDecisionRow.id.desc())
        ).first()
        if row is None:
            return None
        overall = json.loads(row.document).get("overall")
        return LastDecision(row.decision, row.revision, _aware(row.decided_at), row.signer_name, overall)


def plain_words(received: Received, lang: str) -> str:
    """The decision in plain words, as the officer reads it before it is applied."""
    d = received.decision
    when = format_date(d.decided_at.astimezone().date(), lang)
    if d.decision == "approved":
        text = _("{reviewer} approved submission {n} on {date}; the assessment is now locked.")
    else:
        text = _(
            "{reviewer} returned submission {n} on {date}: {count} criteria to complete, listed below; the "
            "others stay as they were sent."
        )
    out = text.format(
        reviewer=safe(received.signer_name or d.reviewer_name, 80),
        n=d.submission.revision,
        date=when,
        count=len(d.returned),
    )
    if d.submission.percent is not None:
        out += " " + _("Score recomputed by the reviewer: {percent}.").format(
            percent=format_percent(d.submission.percent, lang)
        )
    return out
