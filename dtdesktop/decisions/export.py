"""The reviewer writes a decision file: the notice, `decision.json` and its schema embedded, signed over the
whole file (PAdES) like a submission, bound to the SHA-256 of the submission file it answers."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dtdesktop.decisions import document, notice
from dtdesktop.decisions.document import Answered, Decision, Returned
from dtdesktop.exchange.attachments import Attachment, embed_all
from dtdesktop.files import atomic_write_bytes
from dtdesktop.i18n import _, using
from dtdesktop.reports import decree30
from dtdesktop.review import reviewing
from dtdesktop.review.errors import ReviewError
from dtdesktop.signing.certificates import describe
from dtdesktop.signing.keys import SigningKey
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import default_actor, stored_catalog
from dtdesktop.storage.models import AuditRow, CatalogRow, SubmissionRow


@dataclass(frozen=True, slots=True)
class DecisionOptions:
    number: str | None = None  # the notice's number, as registered by the office ("15/TB-SKHCN")
    lang: str = "vi"
    now: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ExportedDecision:
    path: Path
    size: int
    sha256: str
    decision: Decision


def build(
    store: Store, submission_id: int, reviewer: tuple[str, str | None, str | None], options: DecisionOptions
) -> tuple[Decision, SubmissionRow]:
    """The decision in force on *submission_id* (its last return or approval), as data."""
    step = reviewing.last_decision(store, submission_id)
    if step is None:
        raise ReviewError(
            _(
                "Submission {id} has no decision to send: return it or approve it first "
                "(`dtdesktop review {id} --return …` or `--approve`)."
            ).format(id=submission_id)
        )
    with store.reading() as s:
        row = s.get(SubmissionRow, submission_id)
        assert row is not None
        catalog = stored_catalog(s.get(CatalogRow, row.catalog_sha256))
        unit = row.unit
        s.expunge(row)
    with using(options.lang):
        returned = tuple(
            Returned(c.code, _title(catalog, c.code, options.lang), c.comment) for c in step.comments
        )
    answered = Answered(
        row.file_sha256,
        row.signed_sha256,
        row.unit_scheme,
        row.unit_code,
        unit.full_name,
        unit.province_name,
        row.period,
        row.catalog_id,
        catalog.version,
        row.catalog_sha256,
        row.revision,
        row.percent,
        catalog.title.get(options.lang),
    )
    decision = Decision(
        "returned" if step.action == "return" else "approved",
        options.number or ("……/TB-SKHCN" if row.unit_scheme == "2026" else "……/TB-UBND"),
        options.now or step.at,
        answered,
        step.overall,
        returned,
        *reviewer,
    )
    return decision, row


def export_decision(
    store: Store,
    submission_id: int,
    key: SigningKey,
    out: Path,
    options: DecisionOptions | None = None,
    actor: str | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> ExportedDecision:
    """Write the signed decision file of *submission_id* to *out*. *progress(percent, step)* is told each
    step and may raise to stop (Cancel in the window): until the file is moved into place, nothing is
    written."""
    options = options or DecisionOptions()
    step = progress or (lambda _percent, _step: None)
    step(10, _("Opening the signing key"))
    with key.open() as opened:
        info = describe(opened.certificate)
        step(30, _("Writing the decision"))
        decision, row = build(store, submission_id, (info.name, info.title, info.organisation), options)
        step(50, _("Signing"))
        data = signed_decision(decision, row.unit, opened, options)
    digest = hashlib.sha256(data).hexdigest()
    step(90, _("Saving the file"))
    path = atomic_write_bytes(out, data)
    with store.transaction() as s:
        s.add(
            AuditRow(
                actor=actor or default_actor(),
                assessment_id=None,
                action="decision_export",
                key=row.signed_sha256,
                new_value=json.dumps(
                    {
                        "submission": submission_id,
                        "decision": decision.decision,
                        "file": out.name,
                        "sha256": digest,
                    },
                    ensure_ascii=False,
                ),
            )
        )
    return ExportedDecision(path, len(data), digest, decision)


def signed_decision(decision: Decision, unit, opened, options: DecisionOptions) -> bytes:
    """The decision file's bytes: the notice for *unit* (the commune's row), `decision.json` and its
    schema embedded, signed with the open key over the whole file."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from dtdesktop.signing import pdf_signature

    info = describe(opened.certificate)
    with using(options.lang):
        issuer = notice.default_issuer(
            decision.submission.unit_scheme,
            unit.province_code,
            unit.district_code,
            info.name,
            info.title or "",
        )
        commune = decree30.unit_in_text(unit.full_name, unit.name, options.lang)
        rendered = notice.render(decision, issuer, commune, options.lang)
        writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
        files = [
            Attachment(
                document.DECISION_NAME,
                decision.to_bytes(),
                "application/json",
                _("The decision, for the program"),
            ),
            Attachment(
                document.SCHEMA_NAME,
                document.schema_text().encode("utf-8"),
                "application/schema+json",
                _("Its schema"),
            ),
        ]
        embed_all(writer, files, options.now or dt.datetime.now(dt.UTC))
        reason = _(
            "Appraisal of the digital transformation self-assessment of {unit}, submission {n}"
        ).format(unit=unit.full_name, n=decision.submission.revision)
        return pdf_signature.signed_bytes(
            writer, opened, rendered.signature, title=info.title or "", reason=reason, location=issuer.place
        )


def _title(catalog, code: str, lang: str) -> str:
    ind = catalog.indicator(code)
    return ind.title.get(lang) if ind is not None else ""
