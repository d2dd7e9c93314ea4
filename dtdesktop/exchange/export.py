"""Writing the submission file: the report, then the attachments, then the signature, then one rename.

The whole file is built in memory from one snapshot of the assessment; the revision is bumped in the same
transaction that moves the finished file into place, so a failure anywhere leaves neither a half-written
file nor a revision that was never sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dtdesktop.exchange import submission
from dtdesktop.exchange.attachments import Attachment, embed_all
from dtdesktop.exchange.bounded import DEFAULT as DEFAULT_LIMITS
from dtdesktop.exchange.errors import ExchangeError
from dtdesktop.files import atomic_write_bytes, clean_file_name
from dtdesktop.i18n import _, using
from dtdesktop.media import MediaError
from dtdesktop.media import check as media_check
from dtdesktop.reports.report import AttachmentInfo, RenderedReport, ReportRequest, Signatory, render
from dtdesktop.scoring import ScoreResult, score
from dtdesktop.signing.certificates import SignerInfo, describe
from dtdesktop.signing.keys import SigningKey
from dtdesktop.storage import assessments as store_assessments
from dtdesktop.storage.database import Store
from dtdesktop.storage.records import Assessment
from dtdesktop.text import fold

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ExportOptions:
    lang: str = "vi"
    number: str | None = None
    recipients: tuple[str, ...] = ()
    issued: dt.date | None = None
    signer_title: str | None = None  # when the certificate names no position
    signer_capacity: str = ""  # under whose authority the officer signs (profile.CAPACITIES)
    signer_name: str = ""  # printed under the signature of a draft (a signed file takes the certificate's)
    usual_capacity: str = (
        ""  # the officer's, from the profile: used when none is given and it fits the signer
    )
    now: dt.datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    revision: int
    size: int
    sha256: str
    signer: SignerInfo


def default_file_name(a: Assessment) -> str:
    """The next submission file's name: unit, period and the same submission number as its report."""
    unit = "-".join(fold(a.unit.full_name).split())
    return f"danh-gia-cds-{unit}-{a.period}-lan-{a.next_revision}.pdf"


def _no_progress(_percent: int, _step: str) -> None:
    return None


def _evidence(store: Store, a: Assessment) -> dict[str, submission.EvidenceFile]:
    """Each evidence file once, with a unique attachment name (its own, else prefixed by its hash)."""
    try:
        blobs = store_assessments.evidence_files(store, a.id)
    except store_assessments.AssessmentError as exc:
        raise ExchangeError(str(exc)) from None
    files: dict[str, submission.EvidenceFile] = {}
    taken = {submission.ASSESSMENT_NAME, submission.SCHEMA_NAME}
    for e in a.evidence:
        if not e.file_sha256 or e.file_sha256 in files:
            continue
        media_type, content = blobs[e.file_sha256]
        try:
            media_check(e.file_name or e.file_sha256, media_type, content)
        except MediaError as exc:
            raise ExchangeError(
                _("{problem} (evidence of {code})").format(problem=exc, code=e.indicator_code)
            ) from None
        name = clean_file_name(e.file_name or e.file_sha256[:12])  # a name every receiving disk accepts
        if name in taken:
            name = clean_file_name(f"{e.file_sha256[:8]}-{name}")
        taken.add(name)
        files[e.file_sha256] = submission.EvidenceFile(name, e.file_sha256, media_type, content)
    return files


def _attachments(
    doc_bytes: bytes, a: Assessment, files: dict[str, submission.EvidenceFile]
) -> list[Attachment]:
    codes: dict[str, list[str]] = {}
    for e in a.evidence:
        if e.file_sha256:
            codes.setdefault(e.file_sha256, []).append(e.indicator_code)
    out = [
        Attachment(
            submission.ASSESSMENT_NAME, doc_bytes, "application/json", _("The assessment, machine-readable")
        ),
        Attachment(
            submission.SCHEMA_NAME,
            submission.schema_text().encode("utf-8"),
            "application/schema+json",
            _("The JSON Schema of assessment.json"),
        ),
    ]
    for sha, f in files.items():
        description = _("Evidence for {codes}").format(codes=", ".join(sorted(set(codes.get(sha, [])))))
        out.append(Attachment(f.attachment, f.content, f.media_type, description))
    return out


def _report_request(
    a: Assessment,
    result: ScoreResult,
    revision: int,
    options: ExportOptions,
    signatory: Signatory | None,
    attachments: list[Attachment],
    issued: dt.date,
    draft: bool,
) -> ReportRequest:
    return ReportRequest(
        assessment=a,
        result=result,
        revision=revision,
        issued=issued,
        lang=options.lang,
        signatory=signatory,
        number=options.number,
        recipients=options.recipients,
        draft=draft,
        attachments=tuple(
            AttachmentInfo(f.name, len(f.data), hashlib.sha256(f.data).hexdigest(), f.description)
            for f in attachments
        ),
    )


def _build(
    store: Store,
    a: Assessment,
    revision: int,
    options: ExportOptions,
    signatory: Signatory | None,
    draft: bool = False,
) -> tuple[RenderedReport, list[Attachment]]:
    """The report and its attachments for *revision* (the signature is not there yet)."""
    now = options.now or dt.datetime.now(dt.UTC).astimezone()
    files = _evidence(store, a)
    result = score(a.catalog, a.values, a.horizon)
    issued = options.issued or now.date()
    doc = submission.build(
        a,
        result,
        revision,
        files,
        signer={"name": signatory.name if signatory else "", "title": signatory.title if signatory else None},
        report={"number": options.number or "", "date": issued.isoformat(), "language": options.lang},
        now=now,
    )
    attachments = _attachments(submission.to_bytes(doc), a, files)
    req = _report_request(a, result, revision, options, signatory, attachments, issued, draft)
    return render(req), attachments


def export_submission(
    store: Store,
    assessment_id: int,
    key: SigningKey,
    out: Path,
    options: ExportOptions | None = None,
    actor: str | None = None,
    progress: Progress = _no_progress,
) -> ExportResult:
    """Write the signed submission file of an assessment to *out* and bump its revision."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from dtdesktop.signing import pdf_signature

    options = options or ExportOptions()
    with using(options.lang):
        progress(5, _("Reading the assessment"))
        a = store_assessments.get(store, assessment_id)
        if a.status == "approved":
            raise ExchangeError(
                _("Assessment {id} was approved and cannot be sent again.").format(id=assessment_id)
            )
        revision = a.next_revision
        progress(15, _("Opening the signing key"))
        with key.open() as opened:
            info = describe(opened.certificate)
            title = info.title or options.signer_title or ""
            signatory = Signatory(info.name, title, _capacity(options, title), info)
            _check_capacity(signatory)
            progress(30, _("Writing the report"))
            report, attachments = _build(store, a, revision, options, signatory)
            progress(60, _("Embedding the assessment and the evidence"))
            now = options.now or dt.datetime.now(dt.UTC)
            writer = IncrementalPdfFileWriter(io.BytesIO(report.pdf))
            embed_all(writer, attachments, now)
            progress(75, _("Signing"))
            data = pdf_signature.signed_bytes(
                writer,
                opened,
                report.signature,
                title=signatory.title,
                reason=_("Submission of the digital transformation self-assessment, revision {n}").format(
                    n=revision
                ),
                location=f"{a.unit.full_name}, {a.unit.province_name}",
            )
        if len(data) > DEFAULT_LIMITS.file:
            raise ExchangeError(
                _(
                    "The signed file would be {size} MB, more than a reviewer accepts ({limit} MB); attach "
                    "smaller evidence files (scans at a lower resolution) and sign again."
                ).format(size=len(data) // 1048576, limit=DEFAULT_LIMITS.file // 1048576)
            )
        progress(90, _("Saving the file"))
        digest = hashlib.sha256(data).hexdigest()
        written: list[Path] = []

        def write() -> None:
            written.append(atomic_write_bytes(out, data))

        try:
            store_assessments.record_export(
                store,
                assessment_id,
                (a.revision, a.updated_at),
                write,
                sent=(out.name, digest),
                actor=actor,
            )
        except Exception:
            for path in written:  # the file is there but the revision was not recorded: take it back
                path.unlink(missing_ok=True)
            raise
        progress(100, _("Done"))
        return ExportResult(written[0], revision, len(data), digest, info)


def _capacity(options: ExportOptions, title: str) -> str:
    """The capacity asked for; else the officer's usual one when it fits the position that signs; else ""
    (the position decides)."""
    from dtdesktop.profile import capacity_agrees

    if options.signer_capacity:
        return options.signer_capacity
    usual = options.usual_capacity
    return usual if usual and capacity_agrees(title, usual) else ""


def _check_capacity(signatory: Signatory) -> None:
    """Refuse a block above the signature that the signer's position contradicts (a chair's certificate
    under "KT. CHỦ TỊCH", a civil servant's under "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH")."""
    from dtdesktop.profile import capacity_agrees

    if not capacity_agrees(signatory.title, signatory.capacity):
        mark = {"chair": "TM.", "vice_chair": "KT.", "by_order": "TL.", "by_authority": "TUQ."}
        raise ExchangeError(
            _(
                "The signer's position is “{title}”, which does not sign “{mark}”. Choose the authority that "
                "matches the position, or sign with the certificate of the person who signs."
            ).format(title=signatory.title, mark=mark.get(signatory.capacity, signatory.capacity))
        )


def write_report(store: Store, assessment_id: int, out: Path, options: ExportOptions | None = None) -> Path:
    """The report alone, unsigned and marked as a draft, for preview: it shows the submission number the
    signed file will have (as its default name does); the revision does not change."""
    options = options or ExportOptions()
    with using(options.lang):
        a = store_assessments.get(store, assessment_id)
        # the lines above the space a printed draft is signed in; with no position given, the chair's, who
        # usually signs a committee's report
        title = options.signer_title or ""
        capacity = _capacity(options, title) or ("" if title else "chair")
        signatory = Signatory(options.signer_name, title, capacity)
        _check_capacity(signatory)
        report, _attachments = _build(store, a, a.next_revision, options, signatory, draft=True)
        return atomic_write_bytes(out, report.pdf)
