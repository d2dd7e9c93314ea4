"""The Designer forms in ui/ and their compiled classes stay in step (scripts/compile-forms.sh)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "ui").glob("*.ui"))


def _uic() -> str:
    beside = Path(sys.executable).parent / "pyside6-uic"
    found = str(beside) if beside.exists() else shutil.which("pyside6-uic")
    if not found:
        pytest.skip("pyside6-uic is not installed")
    return found


def _body(text: str) -> str:
    """The compiled form without the line naming the compiler's version."""
    return "\n".join(line for line in text.splitlines() if "Qt User Interface Compiler" not in line)


def test_there_are_forms():
    assert len(FORMS) >= 8


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.stem)
def test_each_compiled_form_matches_its_ui_file(form: Path, tmp_path: Path):
    out = tmp_path / f"ui_{form.stem}.py"
    subprocess.run([_uic(), str(form), "-o", str(out)], check=True)
    committed = ROOT / "dtdesktop" / "gui" / "forms" / f"ui_{form.stem}.py"
    assert committed.exists(), f"run scripts/compile-forms.sh: {committed.name} is missing"
    assert _body(committed.read_text("utf-8")) == _body(out.read_text("utf-8")), (
        f"{form.name} changed; run scripts/compile-forms.sh"
    )
