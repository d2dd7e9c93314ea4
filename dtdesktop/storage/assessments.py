"""Assessments in the store: create, answer, attach evidence, read back. Each call is one transaction.

Every change writes an audit entry (who, when, old → new) in the same transaction as the change itself,
so the log can never disagree with the data.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import mimetypes
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dtdesktop.catalogs.loader import build
from dtdesktop.catalogs.model import Catalog
from dtdesktop.i18n import _
from dtdesktop.media import MediaError, downscale
from dtdesktop.media import check as media_check
from dtdesktop.scoring.answers import AnswerValue, parse_value, to_json
from dtdesktop.storage.database import Store
from dtdesktop.storage.models import (
    AnswerRow,
    AssessmentRow,
    AuditRow,
    CatalogRow,
    EvidenceFileRow,
    EvidenceRow,
    SentFileRow,
    UnitRow,
    utcnow,
)
from dtdesktop.storage.records import (
    Answer,
    Assessment,
    AssessmentSummary,
    AuditEntry,
    Evidence,
    UnitInfo,
    next_revision,
)
from dtdesktop.text import nfc
from dtdesktop.units import Unit

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
EDITABLE = ("draft", "returned", "signed")


class AssessmentError(Exception):
    """A request the store refuses; the message is one sentence saying why and what to do."""


class AlreadyAssessed(AssessmentError):
    """The unit already has an assessment for that year with that catalog: *existing* is its id, so that
    the window can offer to open it."""

    def __init__(self, message: str, existing: int, period: int) -> None:
        super().__init__(message)
        self.existing, self.period = existing, period


def default_actor() -> str:
    """Who is making changes: env `DTDESKTOP_ACTOR`, else the system user name."""
    try:
        return nfc(os.environ.get("DTDESKTOP_ACTOR") or getpass.getuser())
    except (KeyError, OSError):
        return "unknown"


def audit(
    s: Session,
    actor: str,
    assessment_id: int | None,
    action: str,
    key: str | None = None,
    old: str | None = None,
    new: str | None = None,
) -> None:
    s.add(
        AuditRow(
            actor=actor, assessment_id=assessment_id, action=action, key=key, old_value=old, new_value=new
        )
    )


# --- catalogs and units -------------------------------------------------------------------------------


def ensure_catalog(s: Session, catalog: Catalog) -> None:
    if s.get(CatalogRow, catalog.sha256) is None:
        s.add(
            CatalogRow(
                sha256=catalog.sha256,
                catalog_id=catalog.id,
                version=catalog.version,
                title_vi=catalog.title.vi,
                title_en=catalog.title.en,
                content=catalog.canonical.decode("utf-8"),
            )
        )


def ensure_unit(s: Session, unit: Unit) -> UnitRow:
    row = s.get(UnitRow, (unit.scheme, unit.code))
    if row is None:
        row = UnitRow(
            scheme=unit.scheme,
            code=unit.code,
            name=unit.name,
            full_name=unit.full_name,
            level=unit.level,
            province_code=unit.province_code,
            province_name=unit.province_name,
            district_code=unit.district_code,
            district_name=unit.district_name,
        )
        s.add(row)
    return row


@lru_cache(maxsize=32)
def _catalog_from_content(sha256: str, content: str) -> Catalog:
    catalog = build(json.loads(content))
    if catalog.sha256 != sha256:
        raise AssessmentError(
            _("The stored catalog {sha} was altered; restore a backup.").format(sha=sha256[:12])
        )
    return catalog


def stored_catalog(row: CatalogRow) -> Catalog:
    return _catalog_from_content(row.sha256, row.content)


# --- assessments ----------------------------------------------------------------------------------------


def create(
    store: Store,
    catalog: Catalog,
    unit: Unit,
    period: int,
    horizon: int | None = None,
    actor: str | None = None,
) -> int:
    """A new draft assessment of *unit* for *period* against *catalog*; returns its id."""
    actor = actor or default_actor()
    if not 2000 <= period <= 2100:
        raise AssessmentError(_("The period must be a year such as 2025."))
    horizon = horizon or default_horizon(catalog, period)
    if horizon not in catalog.horizons:
        raise AssessmentError(
            _("This catalog has targets for {years}; choose one of them.").format(
                years=", ".join(map(str, catalog.horizons))
            )
        )
    with store.transaction() as s:
        existing = s.scalars(
            select(AssessmentRow.id)
            .join(CatalogRow)
            .where(
                AssessmentRow.unit_scheme == unit.scheme,
                AssessmentRow.unit_code == unit.code,
                AssessmentRow.period == period,
                CatalogRow.catalog_id == catalog.id,
            )
        ).first()
        if existing is not None:
            raise AlreadyAssessed(
                _(
                    "{unit} already has an assessment for {period} with this catalog (number "
                    "{id}); open that one instead."
                ).format(unit=unit.full_name, period=period, id=existing),
                existing,
                period,
            )
        ensure_catalog(s, catalog)
        ensure_unit(s, unit)
        row = AssessmentRow(
            unit_scheme=unit.scheme,
            unit_code=unit.code,
            period=period,
            catalog_sha256=catalog.sha256,
            horizon=horizon,
            revision=0,
            status="draft",
        )
        s.add(row)
        s.flush()
        audit(
            s,
            actor,
            row.id,
            "create",
            None,
            None,
            json.dumps(
                {"unit": unit.code, "period": period, "catalog": catalog.id, "sha256": catalog.sha256},
                ensure_ascii=False,
            ),
        )
        return row.id


def default_horizon(catalog: Catalog, period: int) -> int:
    """A new assessment's horizon: the first at or after the period (2024 → 2025), else the last."""
    later = [h for h in catalog.horizons if h >= period]
    return min(later) if later else max(catalog.horizons)


def _row(s: Session, assessment_id: int) -> AssessmentRow:
    row = s.get(AssessmentRow, assessment_id)
    if row is None:
        raise AssessmentError(
            _("There is no assessment number {id}; `dtdesktop assess list` shows them.").format(
                id=assessment_id
            )
        )
    return row


def _editable(row: AssessmentRow, code: str | None = None) -> None:
    """An approved assessment never changes; one the reviewer returned changes only in the criteria
    returned (a return reopens exactly those), until the next decision."""
    if row.status not in EDITABLE:
        raise AssessmentError(
            _(
                "Assessment {id} was approved and can no longer change; duplicate it as a new draft instead."
            ).format(id=row.id)
        )
    if code is None:
        return
    returned = [a.indicator_code for a in row.answers if a.review_comment is not None]
    if returned and code not in returned:
        raise AssessmentError(
            _(
                "The reviewer returned only {codes}; {code} stays as it was sent until the next decision."
            ).format(codes=", ".join(sorted(returned)), code=code)
        )


def _touch(s: Session, row: AssessmentRow, actor: str) -> None:
    row.updated_at = utcnow()
    if row.status == "signed":
        audit(s, actor, row.id, "status", None, "signed", "draft")
        row.status = "draft"


def set_answers(
    store: Store,
    assessment_id: int,
    raw: Mapping[str, object],
    actor: str | None = None,
    notes: Mapping[str, str | None] | None = None,
) -> int:
    """Set many answers at once, all or nothing; `None` clears an answer. Returns how many changed."""
    actor = actor or default_actor()
    with store.transaction() as s:
        row = _row(s, assessment_id)
        _editable(row)
        catalog = stored_catalog(row.catalog)
        parsed: dict[str, AnswerValue | None] = {}
        for code, value in raw.items():
            ind = catalog.indicator(nfc(code))
            if ind is None:
                raise AssessmentError(
                    _("“{code}” is not an indicator of the catalog {catalog}.").format(
                        code=code, catalog=catalog.id
                    )
                )
            _editable(row, ind.code)
            parsed[ind.code] = None if value is None else parse_value(ind, value)
        current = {a.indicator_code: a for a in row.answers}
        changed = 0
        for code, value in parsed.items():
            new = None if value is None else json.dumps(to_json(value), ensure_ascii=False)
            changed += _write_answer(s, row, current, code, new, (notes or {}).get(code, ...), actor)
        if notes:
            for code, note in notes.items():
                code = nfc(code)
                if code not in parsed:
                    if catalog.indicator(code) is None:
                        raise AssessmentError(
                            _("“{code}” is not an indicator of the catalog {catalog}.").format(
                                code=code, catalog=catalog.id
                            )
                        )
                    _editable(row, code)
                    changed += _write_answer(s, row, current, code, ..., note, actor)
        if changed:
            _touch(s, row, actor)
        return changed


def _write_answer(
    s: Session,
    row: AssessmentRow,
    current: dict[str, AnswerRow],
    code: str,
    new_value: str | object | None,
    note: str | object | None,
    actor: str,
) -> int:
    """Apply one value and/or note (`...` means leave as is); audit each real change."""
    ans = current.get(code)
    if ans is None:
        ans = AnswerRow(indicator_code=code, value=None, note=None)
        row.answers.append(ans)
        current[code] = ans
    changed = 0
    if new_value is not ... and new_value != ans.value:
        audit(s, actor, row.id, "answer", code, ans.value, new_value)  # type: ignore[arg-type]
        ans.value = new_value  # type: ignore[assignment]
        changed = 1
    if note is not ...:
        note = nfc(note).strip() or None if isinstance(note, str) else None
        if note != ans.note:
            audit(s, actor, row.id, "note", code, ans.note, note)
            ans.note = note
            changed = 1
    if changed:
        ans.updated_at = utcnow()
        if ans.to_check:
            audit(s, actor, row.id, "checked", code, None, None)
            ans.to_check = False
    return changed


def mark_checked(store: Store, assessment_id: int, code: str, actor: str | None = None) -> bool:
    """The officer looked at an answer carried over from last year and keeps it; True if it was marked."""
    actor = actor or default_actor()
    with store.transaction() as s:
        row = _row(s, assessment_id)
        _check_code(row, code)
        _editable(row, code)
        ans = next((a for a in row.answers if a.indicator_code == code), None)
        if ans is None or not ans.to_check:
            return False
        ans.to_check = False
        audit(s, actor, row.id, "checked", code, None, None)
        _touch(s, row, actor)
        return True


def duplicate(store: Store, assessment_id: int, period: int, actor: str | None = None) -> int:
    """Next year's draft from an assessment: same unit, catalog and horizon rule; answers, notes and
    evidence carried over, every answer (not a note alone) marked to check. Returns the new id."""
    actor = actor or default_actor()
    with store.reading() as s:
        src = _row(s, assessment_id)
        catalog = stored_catalog(src.catalog)
        unit = src.unit
        unit_ref = Unit(
            unit.scheme,  # type: ignore[arg-type]
            unit.code,
            unit.name,
            unit.full_name,
            unit.level,  # type: ignore[arg-type]
            unit.province_code,
            unit.province_name,
            unit.district_code,
            unit.district_name,
        )
    horizon = default_horizon(catalog, period)
    new_id = create(store, catalog, unit_ref, period, horizon, actor)
    with store.transaction() as s:
        src, row = _row(s, assessment_id), _row(s, new_id)
        for a in src.answers:
            if a.value is None and a.note is None:
                continue
            row.answers.append(
                AnswerRow(
                    indicator_code=a.indicator_code,
                    value=a.value,
                    note=a.note,
                    to_check=a.value is not None,
                )
            )
        for e in src.evidence:
            row.evidence.append(
                EvidenceRow(
                    indicator_code=e.indicator_code,
                    file_sha256=e.file_sha256,
                    file_name=e.file_name,
                    doc_number=e.doc_number,
                    doc_date=e.doc_date,
                    summary=e.summary,
                )
            )
        audit(s, actor, new_id, "duplicate", None, str(assessment_id), str(period))
    return new_id


def set_answer(
    store: Store,
    assessment_id: int,
    code: str,
    value: object,
    note: str | object | None = ...,
    actor: str | None = None,
) -> int:
    """Set (or with `None` clear) one answer, and optionally its note, in one transaction."""
    notes = None if note is ... else {code: note}  # type: ignore[dict-item]
    return set_answers(store, assessment_id, {code: value}, actor, notes)


def add_evidence_file(
    store: Store, assessment_id: int, code: str, path: Path, actor: str | None = None
) -> int:
    """Attach a file as evidence; its bytes are stored once, keyed by SHA-256."""
    actor = actor or default_actor()
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise AssessmentError(
                _("“{file}” is a folder; choose the files inside it.").format(file=path)
                if path.is_dir()
                else _("“{file}” is not an ordinary file; copy it into a folder first.").format(file=path)
            )
        if size > MAX_EVIDENCE_BYTES:
            raise AssessmentError(
                _(
                    "{file} is too large ({size} MB; at most {limit} MB); attach a smaller "
                    "copy or cite the document instead."
                ).format(file=path, size=round(size / 1048576, 1), limit=MAX_EVIDENCE_BYTES // 1048576)
            )
        content = path.read_bytes()
    except FileNotFoundError:
        raise AssessmentError(
            _("The evidence file {file} does not exist; check the path.").format(file=path)
        ) from None
    except OSError as exc:
        raise AssessmentError(
            _("The evidence file {file} cannot be read ({reason}).").format(file=path, reason=exc.strerror)
        ) from None
    digest = hashlib.sha256(content).hexdigest()
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    try:
        media_check(nfc(path.name), media, content)
    except MediaError as exc:
        raise AssessmentError(str(exc)) from None
    with store.transaction() as s:
        row = _row(s, assessment_id)
        _check_code(row, code)
        _editable(row, code)
        if s.get(EvidenceFileRow, digest) is None:
            s.add(EvidenceFileRow(sha256=digest, size=len(content), media_type=media, content=content))
        ev = EvidenceRow(indicator_code=code, file_sha256=digest, file_name=nfc(path.name))
        row.evidence.append(ev)
        s.flush()
        audit(s, actor, row.id, "evidence_add", code, None, f"{nfc(path.name)} sha256:{digest}")
        _touch(s, row, actor)
        return ev.id


def add_citation(
    store: Store,
    assessment_id: int,
    code: str,
    number: str,
    date: dt.date,
    summary: str,
    actor: str | None = None,
) -> int:
    """Cite a document as evidence: số hiệu, ngày, trích yếu."""
    actor = actor or default_actor()
    number, summary = nfc(number).strip(), nfc(summary).strip()
    if not number or not summary:
        raise AssessmentError(_("A citation needs the document number and a summary."))
    with store.transaction() as s:
        row = _row(s, assessment_id)
        _check_code(row, code)
        _editable(row, code)
        ev = EvidenceRow(indicator_code=code, doc_number=number, doc_date=date, summary=summary)
        row.evidence.append(ev)
        s.flush()
        audit(s, actor, row.id, "evidence_add", code, None, f"{number} {date.isoformat()} {summary}")
        _touch(s, row, actor)
        return ev.id


def remove_evidence(store: Store, evidence_id: int, actor: str | None = None) -> None:
    actor = actor or default_actor()
    with store.transaction() as s:
        ev = s.get(EvidenceRow, evidence_id)
        if ev is None:
            raise AssessmentError(_("There is no evidence number {id}.").format(id=evidence_id))
        row = ev.assessment
        _editable(row, ev.indicator_code)
        what = ev.file_name or ev.doc_number
        audit(s, actor, row.id, "evidence_remove", ev.indicator_code, what, None)
        s.delete(ev)
        _touch(s, row, actor)


@dataclass(frozen=True, slots=True)
class Downscaled:
    name: str
    before: int  # bytes
    after: int


def downscale_images(store: Store, assessment_id: int, actor: str | None = None) -> list[Downscaled]:
    """Smaller copies of the assessment's JPEG and PNG evidence, for a file that e-mail accepts; only when
    the officer asks. Each such evidence then points to its copy, so that its recorded SHA-256 is that of
    what the file embeds; the original stays in the store (and on the officer's disk) as it was. While a
    return is in force, only the evidence of the criteria returned changes."""
    actor = actor or default_actor()
    with store.transaction() as s:
        row = _row(s, assessment_id)
        _editable(row)
        returned = {a.indicator_code for a in row.answers if a.review_comment is not None}
        copies: dict[str, EvidenceFileRow | None] = {}
        done: list[Downscaled] = []
        for ev in row.evidence:
            if ev.file is None or (returned and ev.indicator_code not in returned):
                continue
            original = ev.file
            if original.sha256 not in copies:
                copies[original.sha256] = _smaller_copy(s, original)
                copy = copies[original.sha256]
                if copy is not None:
                    done.append(Downscaled(ev.file_name or original.sha256[:12], original.size, copy.size))
            copy = copies[original.sha256]
            if copy is None:
                continue
            audit(
                s,
                actor,
                row.id,
                "evidence_downscale",
                ev.indicator_code,
                f"{ev.file_name} sha256:{original.sha256}",
                f"{ev.file_name} sha256:{copy.sha256}",
            )
            ev.file_sha256 = copy.sha256
        if done:
            _touch(s, row, actor)
        return done


def _smaller_copy(s: Session, original: EvidenceFileRow) -> EvidenceFileRow | None:
    """The stored downscaled copy of an image (added once), or None when it would not be smaller."""
    small = downscale(original.media_type, original.content)
    if small is None:
        return None
    digest = hashlib.sha256(small).hexdigest()
    copy = s.get(EvidenceFileRow, digest)
    if copy is None:
        copy = EvidenceFileRow(sha256=digest, size=len(small), media_type=original.media_type, content=small)
        s.add(copy)
    return copy


def evidence_content(store: Store, sha256: str) -> bytes:
    with store.reading() as s:
        row = s.get(EvidenceFileRow, sha256)
        if row is None:
            raise AssessmentError(_("The evidence file {sha} is not in the store.").format(sha=sha256[:12]))
        return row.content


def evidence_files(store: Store, assessment_id: int) -> dict[str, tuple[str, bytes]]:
    """The evidence files of an assessment: SHA-256 → (media type, bytes), each checked against its hash."""
    with store.reading() as s:
        row = _row(s, assessment_id)
        out: dict[str, tuple[str, bytes]] = {}
        for ev in row.evidence:
            if ev.file is None or ev.file_sha256 in out:
                continue
            content = ev.file.content
            if hashlib.sha256(content).hexdigest() != ev.file_sha256:
                raise AssessmentError(
                    _(
                        "The evidence file {file} is damaged in the store; remove it and attach it again."
                    ).format(file=ev.file_name)
                )
            out[ev.file_sha256] = (ev.file.media_type, content)
        return out


def record_export(
    store: Store,
    assessment_id: int,
    expected: tuple[int, dt.datetime],
    write: Callable[[], None],
    sent: tuple[str, str],
    actor: str | None = None,
) -> int:
    """Bump the revision for a submission file and mark the assessment signed, in one transaction with
    *write* (which writes the file): either both happen or neither. *sent* is the file's (name, SHA-256),
    kept so that a reviewer's decision can be matched with the file it answers.

    *expected* is the (revision, last change) the file was built from, for revision + 1; if the
    assessment changed since, nothing is written and the caller is told to export again.
    """
    actor = actor or default_actor()
    with store.transaction() as s:
        row = _row(s, assessment_id)
        if (row.revision, _naive(row.updated_at)) != (expected[0], _naive(expected[1])):
            raise AssessmentError(
                _("Assessment {id} changed while the file was being made; export it again.").format(
                    id=assessment_id
                )
            )
        if row.status == "approved":
            raise AssessmentError(
                _("Assessment {id} was approved and cannot be sent again.").format(id=assessment_id)
            )
        revision = next_revision(row.revision, row.status)
        write()
        name, sha = sent
        s.add(SentFileRow(assessment_id=row.id, revision=revision, file_sha256=sha, file_name=name[:255]))
        audit(s, actor, row.id, "export", None, str(row.revision), f"{revision} {name} sha256:{sha}")
        if row.status != "signed":
            audit(s, actor, row.id, "status", None, row.status, "signed")
        row.revision = revision
        row.status = "signed"
        return revision


def _naive(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=None)


def _check_code(row: AssessmentRow, code: str) -> None:
    if stored_catalog(row.catalog).indicator(code) is None:
        raise AssessmentError(
            _("“{code}” is not an indicator of the catalog {catalog}.").format(
                code=code, catalog=row.catalog.catalog_id
            )
        )


def delete(store: Store, assessment_id: int, actor: str | None = None) -> None:
    actor = actor or default_actor()
    with store.transaction() as s:
        row = _row(s, assessment_id)
        if row.status == "approved":
            raise AssessmentError(
                _(
                    "Assessment {id} was approved by the reviewer and is kept as it was approved; it "
                    "cannot be deleted."
                ).format(id=row.id)
            )
        audit(s, actor, row.id, "delete", None, f"{row.unit_code} {row.period} rev {row.revision}", None)
        s.delete(row)


# --- reading --------------------------------------------------------------------------------------------


def _unit_info(u: UnitRow) -> UnitInfo:
    return UnitInfo(u.scheme, u.code, u.name, u.full_name, u.province_code, u.province_name, u.district_name)


def get(store: Store, assessment_id: int) -> Assessment:
    """The whole assessment: catalog, answers (values parsed back), evidence."""
    with store.reading() as s:
        row = s.scalars(
            select(AssessmentRow)
            .where(AssessmentRow.id == assessment_id)
            .options(
                selectinload(AssessmentRow.answers),
                selectinload(AssessmentRow.evidence)
                .selectinload(EvidenceRow.file)
                .load_only(EvidenceFileRow.size, EvidenceFileRow.sha256),
            )
        ).first()
        if row is None:
            raise AssessmentError(
                _("There is no assessment number {id}; `dtdesktop assess list` shows them.").format(
                    id=assessment_id
                )
            )
        catalog = stored_catalog(row.catalog)
        answers = {}
        for a in row.answers:
            ind = catalog.indicator(a.indicator_code)
            value = parse_value(ind, json.loads(a.value)) if (a.value is not None and ind) else None
            answers[a.indicator_code] = Answer(
                a.indicator_code, value, a.note, a.updated_at, a.to_check, a.review_comment
            )
        evidence = tuple(
            Evidence(
                e.id,
                e.indicator_code,
                e.file_name,
                e.file_sha256,
                e.file.size if e.file else None,
                e.doc_number,
                e.doc_date,
                e.summary,
            )
            for e in row.evidence
        )
        return Assessment(
            row.id,
            _unit_info(row.unit),
            row.period,
            catalog,
            row.horizon,
            row.revision,
            row.status,
            row.created_at,
            row.updated_at,
            answers,
            evidence,
        )


def list_all(store: Store, unit_code: str | None = None) -> list[AssessmentSummary]:
    with store.reading() as s:
        query = select(AssessmentRow).join(CatalogRow).order_by(AssessmentRow.period.desc(), AssessmentRow.id)
        if unit_code:
            query = query.where(AssessmentRow.unit_code == unit_code)
        return [
            AssessmentSummary(
                r.id,
                _unit_info(r.unit),
                r.period,
                r.catalog.catalog_id,
                r.catalog.version,
                r.catalog_sha256,
                r.revision,
                r.status,
                r.updated_at,
            )
            for r in s.scalars(query).unique()
        ]


def audit_log(store: Store, assessment_id: int | None = None) -> list[AuditEntry]:
    with store.reading() as s:
        query = select(AuditRow).order_by(AuditRow.id)
        if assessment_id is not None:
            query = query.where(AuditRow.assessment_id == assessment_id)
        return [
            AuditEntry(a.at, a.actor, a.assessment_id, a.action, a.key, a.old_value, a.new_value)
            for a in s.scalars(query)
        ]
