"""DTDESKTOP_QUIT_WHEN_SHOWN=1, which the build's smoke test and start benchmark use, ends the program once
its first window is painted, with status 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start(home: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dtdesktop"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "DTDESKTOP_HOME": str(home), **env},
    )


def test_the_window_quits_once_its_first_screen_is_painted(tmp_path: Path):
    child = start(tmp_path / "fresh", DTDESKTOP_QUIT_WHEN_SHOWN="1")
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert out.splitlines()[-1] == "shown: RoleDialog"  # a fresh profile: who will use it, asked first
    assert (tmp_path / "fresh" / "dtdesktop.sqlite3").exists()  # the store was opened before
