"""A large import run in a process of its own (`review.import_process`): the same results as importing in
place, each file's news as it is filed, Cancel passed on, and a child that dies leaves the store whole and
the import can simply be run again."""

from __future__ import annotations

import multiprocessing
import shutil

import pytest
from sqlalchemy import func, select

from dtdesktop.i18n import _
from dtdesktop.review import import_process
from dtdesktop.review.import_process import ImportStopped, import_files_apart, separate_process_pays
from dtdesktop.review.importing import PARALLEL_FROM, import_files
from dtdesktop.review.trust import register
from dtdesktop.storage import Store
from dtdesktop.storage.models import SubmissionRow
from tests.inbox_files import make_received

NAMES = ("hoang_hoa_1", "hoang_hoa_2", "hoang_hoa_3", "ham_rong", "tampered", "not_pdf")


@pytest.fixture(scope="module")
def received(tmp_path_factory, officer):
    return make_received(tmp_path_factory.mktemp("import-process"), officer)


@pytest.fixture
def folder(received, tmp_path):
    """Nine files, as a commune's mail brings them: three revisions, another commune, a tampered copy, a
    text file, and three copies of the first revision sent again under other names."""
    box = received.folder(tmp_path / "hop-thu", *NAMES)
    for n in range(3):
        shutil.copy(received.hoang_hoa_1, box / f"gui-lai-{n}.pdf")
    assert len(list(box.iterdir())) >= PARALLEL_FROM
    return box


def _count(store: Store) -> int:
    with store.reading() as s:
        return s.scalar(select(func.count()).select_from(SubmissionRow))


def _outcomes(report) -> list[tuple[str, str]]:
    return sorted((r.file, r.outcome) for r in report.results)


def test_a_large_import_runs_apart_and_files_as_an_import_in_place_does(store, received, folder, tmp_path):
    register(store, received.certificate, ["15865"])
    heard, apart = [], []

    def progress(n, total, result) -> None:
        heard.append((n, total, result.file))
        apart.append(any(p.name == "dtdesktop-import" for p in multiprocessing.active_children()))

    report = import_files_apart(store, [folder], progress=progress)
    assert all(apart) and len(apart) == 9  # every file was filed by the other process
    assert [h[0] for h in heard] == list(range(1, 10)) and {h[1] for h in heard} == {9}
    assert [h[2] for h in heard] == [r.file for r in report.results]
    in_place = Store(f"sqlite:///{tmp_path / 'in-place.sqlite3'}")
    try:
        register(in_place, received.certificate, ["15865"])
        assert _outcomes(report) == _outcomes(import_files(in_place, [folder]))
        assert _count(store) == _count(in_place) == 4
    finally:
        in_place.close()
    outcomes = [o for _f, o in _outcomes(report)]
    assert outcomes.count("duplicate") == 3 and outcomes.count("refused") == 2


def test_cancel_is_passed_on_and_what_is_reported_is_what_was_filed(store, received, folder):
    register(store, received.certificate, ["15865"])
    asked = []
    report = import_files_apart(
        store, [folder], progress=lambda *a: asked.append(1), cancelled=lambda: bool(asked)
    )
    assert report.stopped and 1 <= len(report.results) < 9
    filed = [r for r in report.results if r.outcome in ("imported", "superseded", "conflict")]
    assert _count(store) == len(filed)
    again = import_files(store, [folder])  # the rest comes in later; nothing is filed twice
    assert _count(store) == 4
    assert sum(r.outcome == "duplicate" for r in again.results) >= len(filed)


def test_a_child_that_dies_stops_the_import_in_words_and_the_store_stays_whole(store, received, folder):
    register(store, received.certificate, ["15865"])

    def kill_the_child(n, total, result) -> None:
        for p in multiprocessing.active_children():
            if p.name == "dtdesktop-import":
                p.kill()

    with pytest.raises(ImportStopped) as stopped:
        import_files_apart(store, [folder], progress=kill_the_child)
    assert str(stopped.value) == _("The importing process ended unexpectedly.")
    assert not [p for p in multiprocessing.active_children() if p.name == "dtdesktop-import"]
    report = import_files(store, [folder])  # run again: everything ends up filed once
    assert _count(store) == 4 and len(report.results) == 9


def test_a_store_the_child_cannot_use_is_said_in_words(store, received, folder, tmp_path, monkeypatch):
    broken = tmp_path / "hong.sqlite3"
    broken.write_text("Đây không phải cơ sở dữ liệu." * 100, encoding="utf-8")
    monkeypatch.setattr(store, "url", f"sqlite:///{broken}")
    with pytest.raises(ImportStopped) as stopped:
        import_files_apart(store, [folder])
    said = str(stopped.value)
    assert said and "Traceback" not in said and "\n" not in said, said


def test_few_files_or_a_private_database_are_imported_in_place(received, folder, tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(import_process, "_child", lambda *a: started.append(a))
    memory = Store("sqlite://")
    try:
        files = sorted(folder.iterdir())
        assert not separate_process_pays(memory, files)
        report = import_files_apart(memory, [folder])
        assert len(report.results) == 9 and not started
    finally:
        memory.close()
    file_store = Store(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    try:
        assert separate_process_pays(file_store, files)
        assert not separate_process_pays(file_store, files[: PARALLEL_FROM - 1])
        report = import_files_apart(file_store, files[:2])
        assert len(report.results) == 2 and not started
    finally:
        file_store.close()


def test_cancel_ends_a_child_stuck_on_a_locked_store_in_seconds(store, received, folder):
    import sqlite3
    import threading
    import time

    register(store, received.certificate, ["15865"])
    holder = sqlite3.connect(store.path, timeout=1)  # another program holds the store's write lock
    holder.isolation_level = None
    holder.execute("BEGIN IMMEDIATE")
    asked = threading.Event()
    out: list = []
    worker = threading.Thread(
        target=lambda: out.append(import_files_apart(store, [folder], cancelled=asked.is_set))
    )
    try:
        worker.start()
        time.sleep(3)  # the child is started and waits for the lock
        pressed = time.monotonic()
        asked.set()
        worker.join(timeout=import_process.GRACE + 10)
        took = time.monotonic() - pressed
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not worker.is_alive() and took < import_process.GRACE + 3, took
    (report,) = out
    assert report.stopped and _count(store) == len(
        [r for r in report.results if r.outcome in ("imported", "superseded", "conflict")]
    )
    assert not [p for p in multiprocessing.active_children() if p.name == "dtdesktop-import"]
    again = import_files(store, [folder])  # nothing half-written: the import simply runs again
    assert len(again.results) == 9 and _count(store) == 4


def test_when_no_process_can_be_started_the_files_are_imported_here(store, received, folder, monkeypatch):
    from multiprocessing.context import SpawnProcess

    def cannot(self):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(SpawnProcess, "start", cannot)
    register(store, received.certificate, ["15865"])
    report = import_files_apart(store, [folder])
    assert len(report.results) == 9 and _count(store) == 4


def test_a_checking_process_that_dies_is_said_in_words():
    from concurrent.futures.process import BrokenProcessPool

    from dtdesktop.review.import_process import in_words

    said = in_words(BrokenProcessPool("A process in the process pool was terminated abruptly"))
    assert said == _(
        "A process checking the files ended unexpectedly (short of memory, or stopped from outside)."
    )
