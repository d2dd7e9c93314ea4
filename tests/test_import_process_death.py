"""What an import process that dies leaves behind: nothing orphaned, and nothing heard that is not stored.

1. The child's own checking processes (the pool `import_files` starts) end with it: they watch it.
2. A file is reported only once the batch it was filed in is committed: when the child dies, the batch it
   had open is lost, and nothing of it was reported as imported.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dtdesktop.review.import_process import ImportStopped, import_files_apart
from dtdesktop.review.trust import register
from dtdesktop.storage.models import SubmissionRow
from tests.inbox_files import make_received

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture(scope="module")
def received(tmp_path_factory, officer):
    return make_received(tmp_path_factory.mktemp("attack2"), officer)


@pytest.fixture
def folder(received, tmp_path):
    box = received.folder(tmp_path / "hop-thu", "hoang_hoa_1", "hoang_hoa_2", "hoang_hoa_3", "ham_rong")
    for n in range(6):
        shutil.copy(received.tampered, box / f"hong-{n}.pdf")
    for n in range(40):  # enough for the import to outlast its first batch (files are told once saved)
        shutil.copy(received.hoang_hoa_3, box / f"gui-lai-{n:02}.pdf")
    return box


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        out += [int(p) for p in task.read_text().split()]
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def test_the_childs_checking_processes_do_not_outlive_it(store, received, folder):
    register(store, received.certificate, ["15865"])
    pool: list[int] = []

    def kill_the_child(n, total, result) -> None:
        for p in multiprocessing.active_children():
            if p.name == "dtdesktop-import" and p.is_alive():
                pool.extend(_children(p.pid))
                p.kill()

    with pytest.raises(ImportStopped):
        import_files_apart(store, [folder], progress=kill_the_child)
    assert pool, "the child had started its checking processes"
    time.sleep(3)
    survivors = [pid for pid in pool if _alive(pid)]
    for pid in survivors:  # leave the machine as it was
        os.kill(pid, 9)
    assert not survivors, f"orphaned checking processes: {survivors}"


def test_what_the_window_heard_as_imported_is_in_the_store(store, received, folder):
    register(store, received.certificate, ["15865"])
    heard = []

    def kill_at_the_first_filed(n, total, result) -> None:
        if result.outcome in ("imported", "superseded"):
            heard.append(result.file)
            for p in multiprocessing.active_children():
                if p.name == "dtdesktop-import" and p.is_alive():
                    for pid in _children(p.pid):
                        os.kill(pid, 9)
                    p.kill()

    with pytest.raises(ImportStopped):
        import_files_apart(store, [folder], progress=kill_at_the_first_filed)
    with store.reading() as s:
        in_store = s.scalar(select(func.count()).select_from(SubmissionRow))
    assert in_store >= len(heard), f"heard {len(heard)} filed, {in_store} in the store"
