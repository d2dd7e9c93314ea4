"""On a 1366×768 laptop at 100%, 125% and 150% (Windows' display scaling), every window and dialog opens
inside the screen's available area: each is opened in a process of its own with that screen and scale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("small_screen_probe.py")


@pytest.mark.parametrize("scale", ["1", "1.25", "1.5"])
def test_every_dialog_fits_a_1366x768_screen(tmp_path, scale):
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]})
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    out = subprocess.run([sys.executable, str(PROBE)], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    fits = json.loads(out.stdout.strip().splitlines()[-1])
    assert fits and all(fits.values()), {name: ok for name, ok in fits.items() if not ok}
