"""Evidence images of every common kind open in the reviewer's window, and the window survives them: a TIFF
reader destroyed after its buffer crashed the whole process, so the check runs in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import io, gc
from PIL import Image
from PySide6.QtWidgets import QApplication
app = QApplication([])
from dtdesktop.gui.reviewer.evidence_view import decode_image
for fmt in ("TIFF", "PNG", "JPEG", "BMP", "GIF", "WEBP"):
    b = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(b, fmt)
    image, why = decode_image(b.getvalue())
    print(fmt, image.width() if image is not None else None, image.height() if image is not None else None)
    del image
    gc.collect()
print("damaged", decode_image(b"II*\\x00 not really a TIFF")[0] is None)
"""


def test_every_common_image_kind_opens_and_the_process_survives():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.split("\n")
    for fmt in ("TIFF", "PNG", "JPEG", "BMP", "GIF", "WEBP"):
        assert f"{fmt} 200 100" in lines, out.stdout
    assert "damaged True" in lines
