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

import contextlib
import datetime as dt
import hashlib
import itertools
import json
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cryptography import x509

from dtdesktop.exchange.bounded import HostileInput, read_file_bounded
from dtdesktop.exchange.verify import CatalogBook, Verification, verify_bytes
from dtdesktop.files import clean_file_name as clean_name
from dtdesktop.files import pdf_files
from dtdesktop.i18n import _, current_language, set_language
from dtdesktop.review.diff import fingerprints
from dtdesktop.review.filing import Filer, Filing
from dtdesktop.review.library import catalog_book
from dtdesktop.review.trust import context
from dtdesktop.signing.certificates import to_der
from dtdesktop.signing.trust import TrustContext, fingerprint
from dtdesktop.storage import Store
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


def check_file(path: Path, trust: TrustContext, book: CatalogBook) -> Filing:
    """The gate's part of an import, and everything computed from the file for the store: pure (no store),
    so that it runs on every core and the one writing process only writes."""
    name = str(path)
    data, problem = _read(path)
    if data is None:
        return Filing(name, problem=problem)
    try:
        v = verify_bytes(data, Verification(file=name), trust, book)
    except Exception as exc:  # a fault of the gate must not stop the batch: the file is refused, with why
        return Filing(
            name,
            problem=_(
                "The file could not be checked ({kind}); it is refused. Please report it with the file."
            ).format(kind=type(exc).__name__),
        )
    invalid = [r for r in v.reasons if r.verdict == "invalid"]
    if invalid or v.header is None or v.catalog is None or v.document is None:
        return Filing(name, problem=invalid[0].message if invalid else _("The file is not valid."))
    unit = find(v.header.unit_ref)
    if unit is None:
        return Filing(
            name,
            problem=_("The unit {code} is not in the national list of administrative units.").format(
                code=safe(v.header.unit_ref, 32)
            ),
        )
    return _filing(path, data, v, unit)


def _filing(path: Path, data: bytes, v: Verification, unit) -> Filing:
    h, doc, catalog = v.header, v.document, v.catalog
    assert h is not None and doc is not None and catalog is not None and v.signed_sha256 is not None
    row = {
        "signed_sha256": v.signed_sha256,
        "file_sha256": hashlib.sha256(data).hexdigest(),
        "file_name": clean_name(path.name),
        "file_size": len(data),
        "unit_scheme": unit.scheme,
        "unit_code": unit.code,
        "period": h.period,
        "catalog_id": h.catalog_id,
        "catalog_sha256": catalog.sha256,
        "horizon": h.horizon,
        "revision": h.revision,
        "verdict": v.verdict,
        "reasons": json.dumps([r.to_json() for r in v.reasons], ensure_ascii=False),
        "signer_name": v.signer.name if v.signer else None,
        "signer_fingerprint": fingerprint(v.signer_certificate) if v.signer_certificate else None,
        "signer_certificate": to_der(v.signer_certificate) if v.signer_certificate else None,
        "trust_anchor": v.trust_anchor,
        "signed_at": v.signed_at,
        "score_matches": v.score_matches,
        "percent": v.percent,
        "sent_percent": _sent_percent(doc),
        "document": json.dumps(_without_catalog(doc), ensure_ascii=False, sort_keys=True),
        # with each criterion's fingerprint, so that the inbox counts what changed without the documents
        "results": json.dumps({**results_of(v.score), "digest": fingerprints(doc)}, ensure_ascii=False)
        if v.score
        else None,
        "received_at": dt.datetime.now(dt.UTC),
    }
    units = {
        "scheme": unit.scheme,
        "code": unit.code,
        "name": unit.name,
        "full_name": unit.full_name,
        "level": unit.level,
        "province_code": unit.province_code,
        "province_name": unit.province_name,
        "district_code": unit.district_code,
        "district_name": unit.district_name,
    }
    evidence, contents = _evidence(doc, v.attachments)
    return Filing(
        str(path),
        row["file_name"],
        None,
        row,
        units,
        catalog,
        evidence,
        contents,
        tuple((r.code, r.message) for r in v.reasons),
    )


def import_files(
    store: Store,
    paths: Iterable[Path],
    extra_trust: Iterable[x509.Certificate] = (),
    progress: Callable[[int, int, FileResult], None] | None = None,
    workers: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import every file; one bad file never stops the others. The gate runs on every core (*workers*
    processes, all cores by default) while this process files the results, in the order given, each file
    in a savepoint of its own (`filing.Filer`). Ctrl+C (or *cancelled* returning true) stops between two
    files, and KeyboardInterrupt raised by *progress* at once: what was filed before stays."""
    trust = context(store, extra_trust)
    book = catalog_book(store)
    files = pdf_files(paths)
    report = ImportReport()
    told = _Teller(progress, len(files))
    with _ctrl_c_stops() as interrupted, Filer(store, book) as filer:

        def idle() -> None:  # waiting for a slow check: save what is filed, and tell it
            filer.commit()
            told.up_to(filer.saved)

        try:
            for n, filing in enumerate(_checked(files, trust, book, workers, idle), 1):
                result = _store(filer, filing)
                report.results.append(result)
                told.add(n, result, filer.filed)
                told.up_to(filer.saved)
                if interrupted() or (cancelled is not None and cancelled()):
                    report.stopped = n < len(files)
                    break
        except KeyboardInterrupt:
            report.stopped = True
            if told.deaf:
                told.waiting.clear()  # whoever raised it from *progress* wants to hear no more
    try:
        told.up_to(None)  # the filer has committed everything on leaving
    except KeyboardInterrupt:
        report.stopped = True
    return report


class _Teller:
    """Passes each file's result to *progress* once it is saved: a file filed in a batch not yet committed
    is told when the batch is, so that whoever listens never hears "imported" of a file a crash then loses."""

    def __init__(self, progress: Callable[[int, int, FileResult], None] | None, total: int) -> None:
        self.progress, self.total = progress, total
        self.waiting: deque[tuple[int, FileResult, int]] = deque()
        self.deaf = False  # *progress* itself raised KeyboardInterrupt: tell it nothing more

    def add(self, n: int, result: FileResult, filed: int) -> None:
        if self.progress is not None:
            self.waiting.append((n, result, filed))

    def up_to(self, saved: int | None) -> None:
        """Tell every waiting result filed within the first *saved* files (None: all of them)."""
        while self.waiting and (saved is None or self.waiting[0][2] <= saved):
            n, result, _filed = self.waiting.popleft()
            assert self.progress is not None
            try:
                self.progress(n, self.total, result)
            except KeyboardInterrupt:
                self.deaf = True
                raise


@contextlib.contextmanager
def _ctrl_c_stops() -> Iterator[Callable[[], bool]]:
    """While it lasts, Ctrl+C asks the import to stop after the file being filed instead of breaking into
    the middle of a database statement (which would cost the whole uncommitted batch). Only the main thread
    can catch signals; elsewhere (the window's worker thread) the caller's *cancelled* does this."""
    flag = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield flag.is_set
        return

    def handler(_signum, _frame) -> None:
        if flag.is_set():  # pressed twice: stop at once
            raise KeyboardInterrupt
        flag.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield flag.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def _store(filer: Filer, filing: Filing) -> FileResult:
    if filing.problem is not None:
        return FileResult(filing.file, "refused", filing.problem)
    f = filer.file(filing)
    return FileResult(
        filing.file, f.outcome, f.reason, f.submission_id, f.unit, f.period, f.revision, f.verdict, f.reasons
    )


PARALLEL_FROM = 8  # fewer files are checked here: starting worker processes costs about a second
IN_FLIGHT = 4  # files checked ahead of the store per worker: memory stays flat however many files
IDLE_AFTER = 0.05  # seconds of waiting for a check before the store's open batch is committed


def _checked(
    files: list[Path],
    trust: TrustContext,
    book: CatalogBook,
    workers: int | None,
    idle: Callable[[], None] = lambda: None,
) -> Iterator[Filing]:
    """The files checked, in order. *idle* is called before waiting for a check that is not ready (the
    store's open batch is committed then, so that another process writing to the store is not kept
    waiting while a slow file is checked)."""
    count = workers if workers is not None else min(os.cpu_count() or 1, 8)
    if count <= 1 or len(files) < PARALLEL_FROM:
        for path in files:
            idle()
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
        current_language(),  # a spawned worker starts in the default language; its reasons are shown as is
    )
    pending: deque = deque()
    with ProcessPoolExecutor(count, mp_context=spawn, initializer=_start_worker, initargs=state) as pool:
        try:
            paths = iter(files)
            for path in itertools.islice(paths, count * IN_FLIGHT):
                pending.append(pool.submit(_check_in_worker, str(path)))
            while pending:
                future = pending.popleft()
                try:
                    checked = future.result(timeout=IDLE_AFTER)
                except TimeoutError:
                    idle()
                    checked = future.result()
                nxt = next(paths, None)
                if nxt is not None:
                    pending.append(pool.submit(_check_in_worker, str(nxt)))
                yield checked
        finally:
            for future in pending:
                future.cancel()


_WORKER: dict[str, Any] = {}


def end_with_parent() -> None:
    """In a spawned process: end at once when the process that started it ends, however it ended (a
    process killed outright cannot stop its children itself; orphans would hold memory and files)."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="dtdesktop-parent-watch", daemon=True).start()


def _start_worker(roots: list[bytes], registered, officers: list[bytes], catalogs, lang: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the importing process's to handle
    end_with_parent()
    set_language(lang)
    load = x509.load_der_x509_certificate
    _WORKER["trust"] = TrustContext(tuple(map(load, roots)), registered, tuple(map(load, officers)))
    _WORKER["book"] = CatalogBook(catalogs)


def _check_in_worker(path: str) -> Filing:
    filing = check_file(Path(path), _WORKER["trust"], _WORKER["book"])
    if filing.catalog is not None and filing.catalog.sha256 in _WORKER["book"].by_sha:
        filing.catalog = None  # the importing process knows it: it need not travel
    return filing


def _read(path: Path) -> tuple[bytes | None, str | None]:
    try:
        return read_file_bounded(path), None
    except HostileInput as exc:
        return None, str(exc)


def _without_catalog(doc: dict[str, Any]) -> dict[str, Any]:
    """The signed assessment as stored: the catalog's content is kept once, in the catalogs table, by the
    SHA-256 the document names (a catalog is about two thirds of a document)."""
    catalog = {k: v for k, v in doc["catalog"].items() if k != "content"}
    return {**doc, "catalog": catalog}


def results_of(score: dict[str, Any]) -> dict[str, Any]:
    """The recomputed score in the few figures the area's summary reads for every unit, so that it never
    parses thousands of documents: percent, completion, rating, each pillar's percent and each indicator's
    status."""
    return {
        "percent": score.get("percent"),
        "completed": bool(score.get("completed")),
        "rating": score.get("rating"),
        "pillars": {p["code"]: p.get("percent") for p in score.get("pillars", [])},
        "status": {i["code"]: i.get("status") for i in score.get("indicators", [])},
        "values": {
            i["code"]: i["value"]
            for i in score.get("indicators", [])
            if isinstance(i.get("value"), int | float) and not isinstance(i.get("value"), bool)
        },
    }


def _sent_percent(doc: dict[str, Any]) -> float | None:
    value = doc.get("score", {}).get("percent")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _evidence(
    doc: dict[str, Any], files: dict[str, bytes]
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, bytes]]]:
    """The submission's evidence rows, and each evidence file's bytes once by SHA-256 (which the gate
    compared with the attachment's own)."""
    rows: list[dict[str, Any]] = []
    contents: dict[str, tuple[str, bytes]] = {}
    for e in doc["evidence"]:
        if e["kind"] != "file" or e["attachment"] not in files:
            continue
        sha = e["sha256"]
        contents.setdefault(sha, (str(e.get("media_type") or "")[:100], files[e["attachment"]]))
        rows.append(
            {
                "indicator_code": str(e["indicator"])[:32],
                "file_sha256": sha,
                "file_name": clean_name(str(e["name"])),
                "original_name": str(e["name"])[:1000],
            }
        )
    return rows, contents
