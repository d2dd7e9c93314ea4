"""Killing the application while it saves answers loses nothing already saved and leaves no half-change."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dtdesktop.catalogs.registry import resolve
from dtdesktop.storage import assessments as A
from dtdesktop.units import find
from tests.gui.typist import expected_value

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kill_after", [3, 9])
def test_a_kill_while_saving_keeps_every_saved_answer_and_a_sound_database(
    store, db_path: Path, profile, kill_after: int
):
    catalog = resolve("dti-xa-diem")
    aid = A.create(store, catalog, find("15865"), 2025)
    store.close()
    typist = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.typist", str(db_path), str(aid)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    saved: list[str] = []
    try:
        first = typist.stdout.readline().split()
        assert first and first[0] == "ready", first
        codes = first[1].split(",")
        while len(saved) < kill_after:
            line = typist.stdout.readline()
            assert line, "the typist stopped before it was killed"
            saved.append(line.split()[1])
        typist.send_signal(signal.SIGKILL)  # no clean-up at all, as in a power cut
    finally:
        typist.kill()
        typist.wait(10)

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = dict(conn.execute("SELECT indicator_code, value FROM answers WHERE assessment_id = ?", (aid,)))
        logged = {
            (key, new)
            for key, new in conn.execute(
                "SELECT key, new_value FROM audit_log WHERE assessment_id = ? AND action = 'answer'", (aid,)
            )
        }
    finally:
        conn.close()
    for code in saved:
        assert code in rows, f"{code} was saved before the kill but is gone"
    for code, value in rows.items():
        n = codes.index(code)
        numerator, denominator = expected_value(n)
        assert value in (numerator, f'{{"numerator": {numerator}, "denominator": {denominator}}}'), value
        assert (code, value) in logged, f"{code}: the answer and its audit entry were not written together"
    assert len(rows) >= kill_after
