"""The store's part of an import: filing checked submissions, fast and without losing or duplicating one.

The gate's work (and everything computed from a file: the row's values, the document as stored, the
evidence rows) is done on every core before a file reaches here (`importing.check_file` makes a `Filing`);
this process only writes, with a handful of plain SQL statements per file:

- each file is filed inside a savepoint of its own: a file that fails writes nothing, the others stay;
- savepoints are committed together every fraction of a second (`Filer.BATCH_SECONDS`) or every few
  hundred files, so that a large import is not one disk sync per file; a stop (Ctrl+C, Cancel, an error)
  commits what was filed before it;
- a file that loses a race to another importer (a unique key taken meanwhile, a deadlock on PostgreSQL)
  is rolled back to its savepoint, the batch is committed so that the other importer can finish, and the
  file is filed again, now seeing what the other importer wrote.

What is filed where (same file twice, superseded, conflict, kept aside) is explained in `importing`.
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update
from sqlalchemy.exc import DBAPIError

from dtdesktop.catalogs.model import Catalog
from dtdesktop.exchange.verify import CatalogBook
from dtdesktop.i18n import _
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import default_actor
from dtdesktop.storage.models import (
    AuditRow,
    CatalogRow,
    EvidenceFileRow,
    SubmissionEvidenceRow,
    SubmissionRow,
    SubmissionSlotRow,
    UnitRow,
    utcnow,
)

SUBMISSIONS = SubmissionRow.__table__
SLOTS = SubmissionSlotRow.__table__
EVIDENCE_FILES = EvidenceFileRow.__table__
SUBMISSION_EVIDENCE = SubmissionEvidenceRow.__table__
AUDIT = AuditRow.__table__
UNITS = UnitRow.__table__
CATALOGS = CatalogRow.__table__


_KEY = ("unit_scheme", "unit_code", "period", "catalog_id", "revision")
_PROMOTED = (
    "verdict",
    "reasons",
    "catalog_sha256",
    "file_sha256",
    "file_name",
    "file_size",
    "signer_name",
    "signer_fingerprint",
    "signer_certificate",
    "trust_anchor",
    "signed_at",
)


class _Statements:
    """Every statement a filing runs, built once per dialect (building one costs more than running it)."""

    def __init__(self, dialect: str):
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        s, key = SUBMISSIONS.c, [SUBMISSIONS.c[k] == bindparam("p_" + k) for k in _KEY]
        self.existing = select(s.id, s.verdict).where(s.signed_sha256 == bindparam("p_signed"))
        self.promote = (
            update(SUBMISSIONS)
            .where(s.id == bindparam("p_id"))
            .values({k: bindparam("p_" + k) for k in _PROMOTED})
        )
        self.insert = SUBMISSIONS.insert().returning(s.id)
        self.audit = AUDIT.insert()
        self.evidence = SUBMISSION_EVIDENCE.insert()
        # INSERT … ON CONFLICT DO NOTHING: a row another import added first stays.
        self.evidence_file = insert(EVIDENCE_FILES).on_conflict_do_nothing()
        self.unit = insert(UNITS).on_conflict_do_nothing()
        self.catalog = insert(CATALOGS).on_conflict_do_nothing()
        self.slot = insert(SLOTS).on_conflict_do_nothing()
        self.holder = select(SLOTS.c.signed_sha256).where(*(SLOTS.c[k] == bindparam("p_" + k) for k in _KEY))
        self.conflict = update(SUBMISSIONS).where(*key, s.verdict == "valid").values(conflict=True)
        self.newest = select(func.max(s.revision)).where(
            *key[:-1], s.verdict == "valid", s.conflict.is_(False), s.id != bindparam("p_id")
        )
        self.result = select(s.unit_scheme, s.unit_code, s.period, s.revision, s.verdict, s.reasons).where(
            s.id == bindparam("p_id")
        )


@functools.cache
def _statements(dialect: str) -> _Statements:
    return _Statements(dialect)


@dataclass(slots=True)
class Filing:
    """A file after the gate, with everything the store needs already computed (in a worker process)."""

    file: str
    name: str = ""  # the file's name cleaned for disk
    problem: str | None = None  # refused, with this reason
    row: dict[str, Any] = field(default_factory=dict)  # the submissions row, but its id and conflict
    unit: dict[str, Any] = field(default_factory=dict)  # the units row
    catalog: Catalog | None = None  # the catalog the file was scored with (None: one the book knows)
    evidence: list[dict[str, Any]] = field(default_factory=list)  # submission_evidence rows, no id yet
    contents: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # SHA-256 → (media type, bytes)
    reasons: tuple[tuple[str, str], ...] = ()  # why it is not (yet) valid: (code, sentence)

    @property
    def key(self) -> dict[str, Any]:
        """What one revision of one unit's assessment is filed under."""
        r = self.row
        return {k: r[k] for k in ("unit_scheme", "unit_code", "period", "catalog_id", "revision")}


@dataclass(frozen=True, slots=True)
class Filed:
    """Where a file went: its outcome, the submission row it is (or duplicates), and why."""

    outcome: str
    submission_id: int
    unit: str
    period: int
    revision: int
    verdict: str
    reasons: tuple[tuple[str, str], ...]
    reason: str | None = None


class Filer:
    """Files checked submissions in short batches of savepoints; use as a context manager."""

    BATCH_SECONDS = 0.5
    BATCH_FILES = 500
    ATTEMPTS = 3

    def __init__(self, store: Store, book: CatalogBook):
        self.store, self.book = store, book
        self.conn: Connection | None = None
        self.sql = _statements(store.engine.dialect.name)
        self.actor = default_actor()
        self._units: set[tuple[str, str]] = set()  # known to be in the store (committed or in this batch)
        self._catalogs: set[str] = set()
        self._batch_started = 0.0
        self._batch_files = 0
        self.filed = 0  # files filed so far
        self.saved = 0  # ... of which committed: only those may be reported as imported

    def __enter__(self) -> Filer:
        self.conn = self.store.engine.connect()
        return self

    def __exit__(self, kind, exc, tb) -> None:
        """Whatever stopped the import, what was filed before it is committed."""
        assert self.conn is not None
        try:
            if self.conn.in_transaction() and not self.conn.invalidated:
                self._commit()
        finally:
            self.conn.close()
            self.conn = None

    def file(self, filing: Filing) -> Filed:
        """File one checked submission in a savepoint of its own."""
        assert self.conn is not None
        for attempt in range(self.ATTEMPTS):
            self._begin_batch()
            units, catalogs = set(self._units), set(self._catalogs)
            try:
                with self.conn.begin_nested():
                    filed = self._file(filing)
            except DBAPIError as exc:
                self._units, self._catalogs = units, catalogs  # what the savepoint wrote is gone
                if attempt == self.ATTEMPTS - 1 or not _lost_race(exc):
                    raise
                self._commit()  # let the other importer go on, then see what it wrote
                continue
            self._batch_files += 1
            self.filed += 1
            if (
                self._batch_files >= self.BATCH_FILES
                or time.monotonic() - self._batch_started > self.BATCH_SECONDS
            ):
                self._commit()
            return filed
        raise AssertionError("unreachable")  # pragma: no cover

    def commit(self) -> None:
        """Commit what is filed so far (another process may be waiting for the store)."""
        if self.conn is not None and self.conn.in_transaction():
            self._commit()

    def _commit(self) -> None:
        assert self.conn is not None
        self.conn.commit()
        self.saved = self.filed

    def _begin_batch(self) -> None:
        assert self.conn is not None
        if not self.conn.in_transaction():
            self.conn.begin()
            self._batch_started = time.monotonic()
            self._batch_files = 0

    # -------------------------------------------------------------------------------------- the writes

    def _file(self, f: Filing) -> Filed:
        """Only a valid file counts as the commune's submission: it claims its revision's slot (a second,
        differently signed valid file for that revision is a conflict) and may be current. A file not yet
        decidable (signer or catalog unknown) is kept aside: it claims nothing, puts nothing in conflict
        and is never current, so an unknown key cannot displace what a known one signed; imported again
        once it can be decided, it takes its place."""
        conn, row, sql = self.conn, f.row, self.sql
        assert conn is not None
        valid = row["verdict"] == "valid"
        existing = conn.execute(sql.existing, {"p_signed": row["signed_sha256"]}).first()
        if existing is not None and (existing.verdict == "valid" or not valid):
            return self._filed("duplicate", existing.id, _("The same signed submission was imported before."))
        self._ensure_catalog(f.catalog or self.book.by_sha[row["catalog_sha256"]])
        if existing is not None:  # decidable now: it takes its place, as this file, signed by this signer
            sid = existing.id
            conn.execute(sql.promote, {"p_id": sid, **{"p_" + k: row[k] for k in _PROMOTED}})
        else:
            self._ensure_unit(f.unit)
            sid = conn.execute(sql.insert, {**row, "conflict": False}).scalar_one()
            self._evidence(sid, f)
        audit = {
            "submission": sid,
            "file": row["file_sha256"],
            "unit": f.unit["code"],
            "period": row["period"],
            "revision": row["revision"],
            "verdict": row["verdict"],
        }
        conn.execute(
            sql.audit,
            {
                "at": utcnow(),
                "actor": self.actor,
                "assessment_id": None,
                "action": "import",
                "key": row["signed_sha256"],
                "old_value": None,
                "new_value": json.dumps(audit, ensure_ascii=False),
            },
        )
        if not valid:
            reason = _(
                "Kept aside until it can be decided; it does not count as the commune's submission before "
                "then."
            )
            return self._filed("imported", sid, reason, f)
        return self._claim(f, sid)

    def _claim(self, f: Filing, sid: int) -> Filed:
        """Claim the revision's slot; a slot another file holds makes both a conflict."""
        conn, key, sql = self.conn, f.key, self.sql
        assert conn is not None
        params = {"p_" + k: v for k, v in key.items()}
        conn.execute(sql.slot, {**key, "signed_sha256": f.row["signed_sha256"]})
        if conn.execute(sql.holder, params).scalar() != f.row["signed_sha256"]:
            conn.execute(sql.conflict, params)
            reason = _(
                "Another file claims the same revision {revision} of this assessment; both are kept."
            ).format(revision=key["revision"])
            return self._filed("conflict", sid, reason, f)
        newest = conn.execute(sql.newest, {**params, "p_id": sid}).scalar()
        if newest is not None and newest > key["revision"]:
            reason = _(
                "A later revision ({revision}) is already here; this one is kept in the history."
            ).format(revision=newest)
            return self._filed("superseded", sid, reason, f)
        return self._filed("imported", sid, None, f)

    def _evidence(self, sid: int, f: Filing) -> None:
        conn = self.conn
        assert conn is not None
        if not f.evidence:
            return
        now = utcnow()
        conn.execute(
            self.sql.evidence_file,
            [
                {"sha256": sha, "size": len(data), "media_type": media, "content": data, "added_at": now}
                for sha, (media, data) in f.contents.items()
            ],
        )
        conn.execute(self.sql.evidence, [{**e, "submission_id": sid} for e in f.evidence])

    def _ensure_unit(self, unit: dict[str, Any]) -> None:
        key = (unit["scheme"], unit["code"])
        if key not in self._units:
            assert self.conn is not None
            self.conn.execute(self.sql.unit, unit)
            self._units.add(key)

    def _ensure_catalog(self, catalog: Catalog) -> None:
        assert self.conn is not None
        if catalog.sha256 in self._catalogs:
            return
        self.conn.execute(
            self.sql.catalog,
            {
                "sha256": catalog.sha256,
                "catalog_id": catalog.id,
                "version": catalog.version,
                "title_vi": catalog.title.vi,
                "title_en": catalog.title.en,
                "content": catalog.canonical.decode("utf-8"),
                "added_at": utcnow(),
            },
        )
        self._catalogs.add(catalog.sha256)

    def _filed(self, outcome: str, sid: int, reason: str | None, f: Filing | None = None) -> Filed:
        """The result; the row's values are read back only for a duplicate (the others are *f*'s own)."""
        if f is not None:
            r, scheme = f.row, f.row["unit_scheme"]
            unit = r["unit_code"] if scheme == "2026" else f"{r['unit_code']}@{scheme}"
            return Filed(outcome, sid, unit, r["period"], r["revision"], r["verdict"], f.reasons, reason)
        assert self.conn is not None
        r = self.conn.execute(self.sql.result, {"p_id": sid}).one()
        unit = r.unit_code if r.unit_scheme == "2026" else f"{r.unit_code}@{r.unit_scheme}"
        reasons = tuple((x["code"], x["message"]) for x in json.loads(r.reasons))
        return Filed(outcome, sid, unit, r.period, r.revision, r.verdict, reasons, reason)


def _lost_race(exc: DBAPIError) -> bool:
    """A unique key taken by another importer meanwhile, or a deadlock PostgreSQL broke: worth filing
    again once the batch is committed."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    if isinstance(exc, IntegrityError):
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None) or getattr(
        getattr(exc, "orig", None), "pgcode", None
    )
    return isinstance(exc, OperationalError) and code in ("40P01", "40001")
