"""Import: nothing forged enters, nothing genuine is lost or duplicated, and two importers at once agree.

Every file is made here: genuine submissions of several communes and revisions, two different files that
claim the same revision, forged and broken files; then imported, again, in another order, and by two
processes at the same time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PASSPHRASE
from sqlalchemy import func, select

from dtdesktop.catalogs.registry import resolve
from dtdesktop.cli.demo_cmd import fill
from dtdesktop.exchange.export import export_submission
from dtdesktop.files import clean_file_name as clean_name
from dtdesktop.i18n import _, set_language
from dtdesktop.review.importing import PARALLEL_FROM, import_files
from dtdesktop.review.trust import register
from dtdesktop.signing import pkcs12_file
from dtdesktop.storage import Store
from dtdesktop.storage import assessments as A
from dtdesktop.storage.models import (
    AuditRow,
    EvidenceFileRow,
    SubmissionEvidenceRow,
    SubmissionRow,
    SubmissionSlotRow,
    UnitRow,
)
from dtdesktop.units import find

ROOT = Path(__file__).resolve().parent.parent


def _sender(store: Store, identity_file: Path):
    """Exports from a commune's own store: the next revision of a unit's assessment, as a file."""
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    catalog = resolve("thanh-hoa-xa-2025")

    def send(unit: str, out: Path, period: int = 2025, change: str | None = None) -> Path:
        out.parent.mkdir(parents=True, exist_ok=True)
        existing = [a for a in A.list_all(store, unit) if a.period == period]
        if existing:
            aid = existing[0].id
        else:
            aid = A.create(store, catalog, find(unit), period)
            fill(store, aid, catalog, period)
        if change:
            A.set_answers(store, aid, {"CQS.04": change})
        return export_submission(store, aid, key, out).path

    return send


@pytest.fixture
def sender(tmp_path, identity_file):
    store = Store(f"sqlite:///{tmp_path / 'xa.sqlite3'}")
    yield _sender(store, identity_file)
    store.close()


def _counts(store: Store) -> dict[str, int]:
    with store.reading() as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (
                SubmissionRow,
                SubmissionSlotRow,
                SubmissionEvidenceRow,
                EvidenceFileRow,
                UnitRow,
                AuditRow,
            )
        }


def test_import_files_each_once(store, sender, tmp_path, officer):
    inbox = tmp_path / "hop-thu"
    a = sender("15865", inbox / "hoang-hoa.pdf")
    register(store, officer.certificate, ["15865"])
    report = import_files(store, [inbox])
    (result,) = report.results
    assert (result.outcome, result.unit, result.period, result.revision, result.verdict) == (
        "imported",
        "15865",
        2025,
        1,
        "valid",
    )
    before = _counts(store)
    shutil.copy(a, inbox / "ban-sao.pdf")
    again = import_files(store, [inbox])
    assert sorted(r.outcome for r in again.results) == ["duplicate", "duplicate"]
    assert _counts(store) == before
    with store.reading() as s:
        row = s.scalar(select(SubmissionRow))
        assert (row.score_matches, row.percent == row.sent_percent, row.conflict) == (True, True, False)
        assert json.loads(row.document)["unit"]["code"] == "15865"


def test_the_worker_processes_give_their_reasons_in_the_language_in_use(store, tmp_path):
    """From PARALLEL_FROM files on, worker processes check them: they speak the importer's language."""
    set_language("en")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(PARALLEL_FROM):
        (inbox / f"broken-{n}.pdf").write_bytes(b"not a PDF %d" % n)
    alone = import_files(store, [inbox], workers=1)
    together = import_files(store, [inbox], workers=2)
    assert [r.outcome for r in together.results] == ["refused"] * PARALLEL_FROM
    assert [r.reason for r in together.results] == [r.reason for r in alone.results]
    assert together.results[0].reason == _("This is not a PDF file.") == "This is not a PDF file."


def test_a_refused_file_writes_nothing(store, sender, tmp_path):
    genuine = sender("15865", tmp_path / "a.pdf")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(genuine.read_bytes().replace(b"/Type /Page", b"/Type /Page ", 1))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    before = _counts(store)
    report = import_files(store, [forged, empty, tmp_path / "khong-co.pdf"])
    assert [r.outcome for r in report.results] == ["refused"] * 3
    assert all(r.reason for r in report.results)
    assert _counts(store) == before


def test_a_later_revision_supersedes_whatever_the_order(store, sender, tmp_path, officer):
    register(store, officer.certificate, ["15865"])
    first = sender("15865", tmp_path / "r1.pdf")
    second = sender("15865", tmp_path / "r2.pdf", change="9/10")
    report = import_files(store, [second, first])
    assert [(r.revision, r.outcome) for r in report.results] == [(2, "imported"), (1, "superseded")]
    with store.reading() as s:
        assert s.scalar(select(func.count()).select_from(SubmissionRow)) == 2  # both kept


def test_two_files_claiming_one_revision_are_a_conflict(store, sender, identity_file, tmp_path, officer):
    register(store, officer.certificate, ["15865"])
    one = sender("15865", tmp_path / "one.pdf")
    copy = Store(f"sqlite:///{tmp_path / 'ban-sao.sqlite3'}")  # the same assessment kept on a second laptop
    other = _sender(copy, identity_file)("15865", tmp_path / "other.pdf", change="1/10")
    copy.close()
    assert one.read_bytes() != other.read_bytes()
    report = import_files(store, [one, other])
    assert [(r.revision, r.outcome) for r in report.results] == [(1, "imported"), (1, "conflict")]
    with store.reading() as s:
        assert [r.conflict for r in s.scalars(select(SubmissionRow))] == [True, True]
    assert not report.clean


def test_evidence_is_stored_once_and_named_safely(store, sender, tmp_path):
    a = sender("15865", tmp_path / "a.pdf")
    b = sender("14758", tmp_path / "b.pdf")
    import_files(store, [a, b])
    with store.reading() as s:
        files = s.scalar(select(func.count()).select_from(EvidenceFileRow))
        links = s.scalars(select(SubmissionEvidenceRow)).all()
    assert files >= 1 and len(links) == 2 * files  # the same sample evidence, sent by two communes
    assert all(link.file_name == clean_name(link.original_name) for link in links)


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Windows\\system32\\CON.txt", "_CON.txt"),
        ("nul", "_nul"),
        ("COM1.pdf", "_COM1.pdf"),
        ("Biên bản\x1b[2J họp.pdf", "Biên bản_[2J họp.pdf"),
        ("báo cáo\u202egnp.exe", "báo cáo_gnp.exe"),
        ('a<b>c:"d|e?f*.docx', "a_b_c__d_e_f_.docx"),
        ("...", "tep"),
        ("tệp. ", "tệp"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_evidence_names_are_cleaned(name, clean):
    assert clean_name(name) == clean


def test_ctrl_c_keeps_what_was_imported(store, sender, tmp_path):
    files = [sender(code, tmp_path / f"{code}.pdf") for code in ("15865", "14758", "14797")]
    calls = []

    def stop_after_two(n, total, result):
        calls.append(result.outcome)
        if n == 2:
            raise KeyboardInterrupt

    report = import_files(store, files, progress=stop_after_two)
    # a file is told once its batch is saved, so the stop may come after more were filed: every file the
    # report lists is in the store, and no other
    assert report.stopped and calls == ["imported", "imported"]
    assert 2 <= len(report.results) <= 3 and {r.outcome for r in report.results} == {"imported"}
    assert _counts(store)["submissions"] == len(report.results)
    rest = import_files(store, files)
    filed = len(report.results)
    assert [r.outcome for r in rest.results] == ["duplicate"] * filed + ["imported"] * (3 - filed)


def test_an_interrupt_outside_the_listener_still_tells_every_file_saved(store, sender, tmp_path):
    files = [sender(code, tmp_path / f"{code}.pdf") for code in ("15865", "14758", "14797")]
    told, asked = [], []

    def interrupted_meanwhile() -> bool:  # Ctrl+C pressed twice: the handler raises between two files
        asked.append(1)
        if len(asked) == 2:
            raise KeyboardInterrupt
        return False

    report = import_files(
        store, files, progress=lambda n, total, r: told.append(r.file), cancelled=interrupted_meanwhile
    )
    assert report.stopped
    assert len(told) == len(report.results) == _counts(store)["submissions"] == 2  # each saved file listed


def test_two_imports_at_once_lose_nothing_and_duplicate_nothing(db_path, sender, tmp_path):
    inbox = tmp_path / "chung"
    codes = ("15865", "14758", "14797", "14812", "14818", "14845")
    for code in codes:
        sender(code, inbox / f"{code}.pdf")
    Store(f"sqlite:///{db_path}").close()  # migrated before the race
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "dtdesktop", "--db", str(db_path), "import", str(inbox), "--json"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for (out, err), p in zip(outs, procs, strict=True):
        assert p.returncode == 0, err.decode()
        report = json.loads(out)
        assert not report["refused"] and not report["conflict"]
    imported = [r["unit"] for (out, _e) in outs for r in json.loads(out)["imported"]]
    assert sorted(imported) == sorted(codes)  # each file imported by exactly one of the two
    store = Store(f"sqlite:///{db_path}")
    assert _counts(store)["submissions"] == len(codes)
    store.close()


PG_SERVER = os.environ.get("DTDESKTOP_TEST_PG_URL")


@pytest.mark.skipif(not PG_SERVER, reason="no PostgreSQL server (set DTDESKTOP_TEST_PG_URL)")
def test_two_reviewers_share_a_postgresql_store(sender, tmp_path):
    import uuid

    from sqlalchemy import create_engine, text

    name = f"dtdesktop_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    url = PG_SERVER.rsplit("/", 1)[0] + "/" + name
    try:
        Store(url).close()  # migrated before the race
        first, second = tmp_path / "mot", tmp_path / "hai"
        codes = ("15865", "14758", "14797", "14812", "14818", "14845")
        for n, code in enumerate(codes):
            path = sender(code, first / f"{code}.pdf")
            if n % 2:  # the folders overlap: every other file is in both
                second.mkdir(exist_ok=True)
                shutil.copy(path, second / path.name)
        sender("14845", second / "14845-r2.pdf", change="3/10")  # a later revision, only in the second
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "dtdesktop", "--db", url, "import", str(folder), "--json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            for folder in (first, second)
        ]
        outs = [p.communicate(timeout=300) for p in procs]
        for (_out, err), p in zip(outs, procs, strict=True):
            assert p.returncode == 0, err.decode()
        reports = [json.loads(out) for out, _e in outs]
        entered = [r["unit"] for rep in reports for key in ("imported", "superseded") for r in rep[key]]
        assert sorted(entered) == sorted([*codes, "14845"])  # every file in exactly once
        store = Store(url)
        with store.reading() as s:
            rows = s.scalars(select(SubmissionRow)).all()
            assert len(rows) == len(codes) + 1 and not any(r.conflict for r in rows)
            assert len({r.file_sha256 for r in rows}) == len(rows)
        store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_file_not_yet_decided_displaces_nothing(store, sender, tmp_path, officer):
    """A forgery under an unknown key with a higher revision is kept aside: the genuine revision stays
    current and out of conflict; and once its signer is known, a genuine file kept aside takes its place."""
    from dtdesktop.signing import pkcs12_file as p12

    register(store, officer.certificate, ["15865"])
    genuine = sender("15865", tmp_path / "r1.pdf")
    stranger = p12.create("Nguyễn Thị Hà", "Chủ tịch UBND xã", "15865", "UBND", "Thanh Hoá")
    key = p12.save_new(tmp_path / "la.p12", stranger, PASSPHRASE)
    copy = Store(f"sqlite:///{tmp_path / 'gia-mao.sqlite3'}")
    forged = _sender(copy, key)("15865", tmp_path / "forged.pdf", change="10/10")
    forged = _sender(copy, key)("15865", tmp_path / "forged2.pdf", change="10/10")  # revision 2
    same_revision = _sender(Store(f"sqlite:///{tmp_path / 'gia-mao-2.sqlite3'}"), key)(
        "15865", tmp_path / "f1.pdf"
    )
    copy.close()
    report = import_files(store, [genuine, forged, same_revision])
    assert [(r.outcome, r.verdict) for r in report.results] == [
        ("imported", "valid"),
        ("imported", "indeterminate"),
        ("imported", "indeterminate"),
    ]
    with store.reading() as s:
        rows = {
            r.revision: r for r in s.scalars(select(SubmissionRow).where(SubmissionRow.verdict == "valid"))
        }
        assert list(rows) == [1] and not rows[1].conflict
    # the stranger's key becomes trusted for this unit: the kept-aside files take their places
    register(store, stranger.certificate, ["15865"])
    again = import_files(store, [forged, same_revision])
    assert [(r.outcome, r.revision) for r in again.results] == [("imported", 2), ("conflict", 1)]


def test_the_same_signed_content_in_another_wrapping_is_a_duplicate(store, sender, tmp_path, officer):
    """The signature container is not itself signed: the same signed ranges with the hex digits in another
    case are the same submission, not a second file that could put the genuine one in conflict."""
    import re

    register(store, officer.certificate, ["15865"])
    genuine = sender("15865", tmp_path / "a.pdf")
    data = genuine.read_bytes()
    m = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)", data)
    b, c = int(m.group(1)), int(m.group(2))
    upper = tmp_path / "upper.pdf"
    upper.write_bytes(data[:b] + data[b:c].lower() + data[c:])
    assert upper.read_bytes() != data
    report = import_files(store, [genuine, upper])
    assert [r.outcome for r in report.results] == ["imported", "duplicate"]
    with store.reading() as s:
        assert not any(r.conflict for r in s.scalars(select(SubmissionRow)))
