"""Import of received submission files into the reviewer's store: nothing forged enters, nothing genuine is
lost or duplicated.

Every file goes through the gate (`exchange.verify`); an invalid one is refused and writes nothing. A file
that passes (valid, or not yet decidable: signer or catalog unknown) is filed under its unit, period and
catalog, in one transaction of its own:

- the same signed submission twice (the same signed ranges, whatever the unsigned signature container
  holds) is a no-op;
- only a valid file counts as the commune's submission; one not yet decidable (signer or catalog unknown)
  is kept aside, counts for nothing and displaces nothing until it can be decided;
- a higher revision supersedes a lower one, which stays in the history ("current" is always the highest
  valid revision that is not in conflict, so it never depends on the order files arrive in);
- two differently signed valid files claiming the same revision are both kept and both marked as a
  conflict, never resolved silently. The first valid file of a revision claims a slot row; a second import
  racing for the same slot finds it taken, on SQLite and on a PostgreSQL store shared by several reviewers
  alike;
- evidence is stored once by SHA-256; names are cleaned for disk, the commune's own name kept for display.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cryptography import x509
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dtdesktop.exchange.bounded import HostileInput, read_file_bounded
from dtdesktop.exchange.verify import CatalogBook, Verification, verify_bytes
from dtdesktop.files import clean_file_name as clean_name
from dtdesktop.files import pdf_files
from dtdesktop.i18n import _
from dtdesktop.review.library import catalog_book
from dtdesktop.review.trust import context
from dtdesktop.signing.certificates import to_der
from dtdesktop.signing.trust import TrustContext, fingerprint
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import default_actor, ensure_catalog, ensure_unit
from dtdesktop.storage.models import (
    AuditRow,
    EvidenceFileRow,
    SubmissionEvidenceRow,
    SubmissionRow,
    SubmissionSlotRow,
)
from dtdesktop.text import safe
from dtdesktop.units import find

Outcome = Literal["imported", "superseded", "duplicate", "conflict", "refused"]
OUTCOMES: tuple[Outcome, ...] = ("imported", "superseded", "duplicate", "conflict", "refused")


@dataclass(frozen=True, slots=True)
class FileResult:
    file: str
    outcome: Outcome
    reason: str | None = None
    submission_id: int | None = None
    unit: str | None = None
    period: int | None = None
    revision: int | None = None
    verdict: str | None = None
    reasons: tuple[tuple[str, str], ...] = ()  # why it is not (yet) valid: (code, sentence)

    def to_json(self) -> dict[str, Any]:
        if self.outcome == "refused":
            return {"file": self.file, "reason": self.reason}
        return {
            "file": self.file,
            "id": self.submission_id,
            "unit": self.unit,
            "period": self.period,
            "revision": self.revision,
            "verdict": self.verdict,
            "reasons": [{"code": c, "message": m} for c, m in self.reasons],
            **({"reason": self.reason} if self.reason else {}),
        }


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    stopped: bool = False  # interrupted; every file listed before the stop is kept as reported

    def by_outcome(self, outcome: Outcome) -> list[FileResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def clean(self) -> bool:
        return not self.by_outcome("refused") and not self.by_outcome("conflict")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {o: [r.to_json() for r in self.by_outcome(o)] for o in OUTCOMES}
        out["stopped"] = self.stopped
        return out


@dataclass
class Checked:
    """A file after the gate, before the store: what the store phase needs, made in a worker process."""

    file: str
    problem: str | None = None  # refused, with this reason
    sha256: str = ""
    size: int = 0
    verification: Verification | None = None


def check_file(path: Path, trust: TrustContext, book: CatalogBook) -> Checked:
    """The gate's part of an import: pure (no store), so that it can run on every core."""
    name = str(path)
    data, problem = _read(path)
    if data is None:
        return Checked(name, problem)
    try:
        v = verify_bytes(data, Verification(file=name), trust, book)
    except Exception as exc:  # a fault of the gate must not stop the batch: the file is refused, with why
        return Checked(
            name,
            _(
                "The file could not be checked ({kind}); it is refused. Please report it with the file."
            ).format(kind=type(exc).__name__),
        )
    invalid = [r for r in v.reasons if r.verdict == "invalid"]
    if invalid or v.header is None or v.catalog is None or v.document is None:
        return Checked(name, invalid[0].message if invalid else _("The file is not valid."))
    return Checked(name, None, hashlib.sha256(data).hexdigest(), len(data), v)


def import_files(
    store: Store,
    paths: Iterable[Path],
    extra_trust: Iterable[x509.Certificate] = (),
    progress: Callable[[int, int, FileResult], None] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import every file; one bad file never stops the others. The gate runs on every core (*workers*
    processes, all cores by default) while this process writes to the store, one file per transaction, in
    the order given. KeyboardInterrupt stops at once: what was imported stays, the file being written is
    rolled back."""
    trust = context(store, extra_trust)
    book = catalog_book(store)
    files = pdf_files(paths)
    report = ImportReport()
    try:
        for n, checked in enumerate(_checked(files, trust, book, workers), 1):
            result = store_checked(store, checked)
            report.results.append(result)
            if progress is not None:
                progress(n, len(files), result)
    except KeyboardInterrupt:
        report.stopped = True
    return report


PARALLEL_FROM = 8  # fewer files are checked here: starting worker processes costs about a second
IN_FLIGHT = 4  # files checked ahead of the store per worker: memory stays flat however many files


def _checked(
    files: list[Path], trust: TrustContext, book: CatalogBook, workers: int | None
) -> Iterator[Checked]:
    count = workers if workers is not None else min(os.cpu_count() or 1, 8)
    if count <= 1 or len(files) < PARALLEL_FROM:
        for path in files:
            yield check_file(path, trust, book)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    spawn = multiprocessing.get_context("spawn")  # no inherited database connections or locks
    state = (
        [to_der(c) for c in trust.roots],
        trust.registered,
        [to_der(c) for c in trust.officers],
        book.by_sha,
    )
    pending: deque = deque()
    with ProcessPoolExecutor(count, mp_context=spawn, initializer=_start_worker, initargs=state) as pool:
        try:
            paths = iter(files)
            for path in itertools.islice(paths, count * IN_FLIGHT):
                pending.append(pool.submit(_check_in_worker, str(path)))
            while pending:
                checked = pending.popleft().result()
                nxt = next(paths, None)
                if nxt is not None:
                    pending.append(pool.submit(_check_in_worker, str(nxt)))
                yield checked
        finally:
            for future in pending:
                future.cancel()


_WORKER: dict[str, Any] = {}


def _start_worker(roots: list[bytes], registered, officers: list[bytes], catalogs) -> None:
    load = x509.load_der_x509_certificate
    _WORKER["trust"] = TrustContext(tuple(map(load, roots)), registered, tuple(map(load, officers)))
    _WORKER["book"] = CatalogBook(catalogs)


def _check_in_worker(path: str) -> Checked:
    return check_file(Path(path), _WORKER["trust"], _WORKER["book"])


def store_checked(store: Store, checked: Checked) -> FileResult:
    """The store's part: file a checked submission in one transaction (or report it refused)."""
    name, v = checked.file, checked.verification
    if checked.problem is not None or v is None or v.header is None:
        return FileResult(name, "refused", checked.problem)
    unit = find(v.header.unit_ref)
    if unit is None:
        return FileResult(
            name,
            "refused",
            _("The unit {code} is not in the national list of administrative units.").format(
                code=safe(v.header.unit_ref, 32)
            ),
        )
    for attempt in range(3):  # a race lost to another importer is retried and then seen as it is
        try:
            with store.transaction() as s:
                return _file(s, Path(name), checked.sha256, checked.size, v, unit)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _read(path: Path) -> tuple[bytes | None, str | None]:
    try:
        return read_file_bounded(path), None
    except HostileInput as exc:
        return None, str(exc)


def _insert_ignore(s: Session, model: type, values: dict[str, Any]) -> None:
    """INSERT … ON CONFLICT DO NOTHING, in the store's dialect: a row another import added first stays."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    s.execute(insert(model).values(**values).on_conflict_do_nothing())


def _file(s: Session, path: Path, sha: str, size: int, v: Verification, unit) -> FileResult:
    """File one checked submission. Only a valid file counts as the commune's submission: it claims its
    revision's slot (a second, differently signed valid file for that revision is a conflict) and may be
    current. A file not yet decidable (signer or catalog unknown) is kept aside: it claims nothing, puts
    nothing in conflict and is never current, so an unknown key cannot displace what a known one signed;
    imported again once it can be decided, it takes its place."""
    h, doc = v.header, v.document
    assert h is not None and doc is not None and v.catalog is not None and v.signed_sha256 is not None
    key = {
        "unit_scheme": unit.scheme,
        "unit_code": unit.code,
        "period": h.period,
        "catalog_id": h.catalog_id,
        "revision": h.revision,
    }
    existing = s.scalar(select(SubmissionRow).where(SubmissionRow.signed_sha256 == v.signed_sha256))
    if existing is not None:
        if existing.verdict == "valid" or v.verdict != "valid":
            return _result(path, "duplicate", existing, _("The same signed submission was imported before."))
        row = existing  # decidable now: it takes its place, as this file, signed by this signer
        ensure_catalog(s, v.catalog)
        row.verdict = v.verdict
        row.reasons = json.dumps([r.to_json() for r in v.reasons], ensure_ascii=False)
        row.catalog_sha256 = v.catalog.sha256
        row.file_sha256, row.file_name, row.file_size = sha, clean_name(path.name), size
        row.signer_name = v.signer.name if v.signer else None
        row.signer_fingerprint = fingerprint(v.signer_certificate) if v.signer_certificate else None
        row.signed_at = v.signed_at
    else:
        ensure_unit(s, unit)
        ensure_catalog(s, v.catalog)
        row = SubmissionRow(
            signed_sha256=v.signed_sha256,
            file_sha256=sha,
            file_name=clean_name(path.name),
            file_size=size,
            catalog_sha256=v.catalog.sha256,
            horizon=h.horizon,
            conflict=False,
            verdict=v.verdict,
            reasons=json.dumps([r.to_json() for r in v.reasons], ensure_ascii=False),
            signer_name=v.signer.name if v.signer else None,
            signer_fingerprint=fingerprint(v.signer_certificate) if v.signer_certificate else None,
            signed_at=v.signed_at,
            score_matches=v.score_matches,
            percent=v.percent,
            sent_percent=_sent_percent(doc),
            document=json.dumps(_without_catalog(doc), ensure_ascii=False, sort_keys=True),
            **key,
        )
        s.add(row)
        s.flush()  # a file imported at the same moment by another reviewer fails here: retried as a duplicate
        _evidence(s, row, doc, v.attachments)
    s.add(
        AuditRow(
            actor=default_actor(),
            assessment_id=None,
            action="import",
            key=v.signed_sha256,
            new_value=json.dumps(
                {
                    "submission": row.id,
                    "file": sha,
                    "unit": h.unit_ref,
                    "period": h.period,
                    "revision": h.revision,
                    "verdict": v.verdict,
                },
                ensure_ascii=False,
            ),
        )
    )
    if v.verdict != "valid":
        reason = _(
            "Kept aside until it can be decided; it does not count as the commune's submission before then."
        )
        return _result(path, "imported", row, reason)
    _insert_ignore(s, SubmissionSlotRow, {**key, "signed_sha256": v.signed_sha256})
    slot = s.get(SubmissionSlotRow, tuple(key.values()))
    if slot is None or slot.signed_sha256 != v.signed_sha256:
        s.execute(
            update(SubmissionRow).where(*_same(key), SubmissionRow.verdict == "valid").values(conflict=True)
        )
        row.conflict = True
        reason = _(
            "Another file claims the same revision {revision} of this assessment; both are kept."
        ).format(revision=h.revision)
        return _result(path, "conflict", row, reason)
    newest = s.scalar(
        select(func.max(SubmissionRow.revision)).where(
            *_filed(key),
            SubmissionRow.verdict == "valid",
            SubmissionRow.conflict.is_(False),
            SubmissionRow.id != row.id,
        )
    )
    if newest is not None and newest > h.revision:
        reason = _("A later revision ({revision}) is already here; this one is kept in the history.").format(
            revision=newest
        )
        return _result(path, "superseded", row, reason)
    return _result(path, "imported", row, None)


def _same(key: dict[str, Any]) -> list:
    return [*_filed(key), SubmissionRow.revision == key["revision"]]


def _filed(key: dict[str, Any]) -> list:
    return [
        SubmissionRow.unit_scheme == key["unit_scheme"],
        SubmissionRow.unit_code == key["unit_code"],
        SubmissionRow.period == key["period"],
        SubmissionRow.catalog_id == key["catalog_id"],
    ]


def _without_catalog(doc: dict[str, Any]) -> dict[str, Any]:
    """The signed assessment as stored: the catalog's content is kept once, in the catalogs table, by the
    SHA-256 the document names (a catalog is about two thirds of a document)."""
    catalog = {k: v for k, v in doc["catalog"].items() if k != "content"}
    return {**doc, "catalog": catalog}


def _sent_percent(doc: dict[str, Any]) -> float | None:
    value = doc.get("score", {}).get("percent")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _evidence(s: Session, row: SubmissionRow, doc: dict[str, Any], files: dict[str, bytes]) -> None:
    for e in doc["evidence"]:
        if e["kind"] != "file" or e["attachment"] not in files:
            continue
        content = files[e["attachment"]]
        sha = e["sha256"]  # the gate compared it with the attachment's own SHA-256
        _insert_ignore(
            s,
            EvidenceFileRow,
            {
                "sha256": sha,
                "size": len(content),
                "media_type": str(e.get("media_type") or "")[:100],
                "content": content,
            },
        )
        s.add(
            SubmissionEvidenceRow(
                submission_id=row.id,
                indicator_code=str(e["indicator"])[:32],
                file_sha256=sha,
                file_name=clean_name(str(e["name"])),
                original_name=str(e["name"])[:1000],
            )
        )


def _result(path: Path, outcome: Outcome, row: SubmissionRow, reason: str | None) -> FileResult:
    unit = row.unit_code if row.unit_scheme == "2026" else f"{row.unit_code}@{row.unit_scheme}"
    reasons = tuple((r["code"], r["message"]) for r in json.loads(row.reasons))
    return FileResult(
        str(path), outcome, reason, row.id, unit, row.period, row.revision, row.verdict, reasons
    )
