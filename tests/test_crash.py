"""A process killed while saving answers leaves the store consistent, with every acknowledged answer kept."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conftest import SMALL_CATALOG

from dtdesktop.catalogs import load_text
from dtdesktop.storage import Store
from dtdesktop.storage import assessments as A

WRITER = textwrap.dedent(
    """\
    import sys
    from pathlib import Path
    from dtdesktop.catalogs import load_file
    from dtdesktop.storage import Store
    from dtdesktop.storage import assessments as A

    store = Store(sys.argv[1])
    ids = [int(x) for x in sys.argv[2].split(",")]
    start = int(sys.argv[3])
    i = start
    while True:
        A.set_answer(store, ids[i % len(ids)], "XHS.01", i)
        print(i, flush=True)  # acknowledged only once committed
        i += 1
    """
)


def _kill_after(url: str, ids: list[int], start: int, acks: int, tmp: Path) -> int:
    """Run a writer and kill -9 it, while it writes, after *acks* acknowledgements; return the last one."""
    script = tmp / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), url, ",".join(map(str, ids)), str(start)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    last = start - 1
    deadline = time.monotonic() + 60
    assert proc.stdout is not None
    while last < start + acks - 1 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        last = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert last >= start + acks - 1, "the writer did not get far enough"
    return last


def test_kill_while_saving_keeps_every_acknowledged_answer(tmp_path: Path):
    db = tmp_path / "crash.sqlite3"
    url = f"sqlite:///{db}"
    store = Store(url)
    catalog = load_text(SMALL_CATALOG)
    from dtdesktop.units import search

    units = search("", province="38")[:4]
    ids = [A.create(store, catalog, u, 2025) for u in units]
    store.close()

    start = 0
    for acks in (25, 40, 15):
        last = _kill_after(url, ids, start, acks, tmp_path)
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        store = Store(url)
        written = sum(1 for e in A.audit_log(store) if e.action == "answer")
        assert written in (last + 1, last + 2), "the audit log must match the committed answers"
        committed_last = written - 1  # the in-flight write either committed whole or not at all
        for k, assessment_id in enumerate(ids):
            expected = max((i for i in range(committed_last + 1) if i % len(ids) == k), default=None)
            assert A.get(store, assessment_id).values.get("XHS.01") == expected
        store.close()
        start = committed_last + 1
