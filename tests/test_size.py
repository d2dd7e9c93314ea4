"""A submission too large for e-mail is warned about before signing, naming the largest evidence files;
images are sent as smaller copies only when asked, the originals kept, the recorded SHA-256 that of what
the file embeds."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import subprocess
from pathlib import Path

import pytest
from conftest import PASSPHRASE, tool
from PIL import Image

from dtdesktop.exchange.export import export_submission
from dtdesktop.exchange.size import EMAIL_LIMIT, size_check, size_warning
from dtdesktop.exchange.verify import verify_file
from dtdesktop.media import MAX_SIDE, downscale
from dtdesktop.signing import pkcs12_file
from dtdesktop.storage import assessments as A
from dtdesktop.storage.history import history
from dtdesktop.storage.records import Evidence

MB = 1024 * 1024


def photo(path: Path, size: tuple[int, int] = (3000, 2250), kind: str = "JPEG") -> Path:
    """A photo-like image that compresses badly (noise), as a phone's photo of a document does."""
    rng = random.Random(path.name)  # another name, another photo
    img = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    img.save(path, kind, **({"quality": 95} if kind == "JPEG" else {}))
    return path


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(("kind", "media"), [("JPEG", "image/jpeg"), ("PNG", "image/png")])
def test_a_large_image_gets_a_smaller_copy_that_still_opens(tmp_path, kind, media):
    data = photo(tmp_path / "anh", (2600, 1300), kind).read_bytes()
    small = downscale(media, data)
    assert small is not None and len(small) < len(data)
    with Image.open(io.BytesIO(small)) as img:
        assert max(img.size) == MAX_SIDE and img.format == kind
        assert img.size[0] / img.size[1] == pytest.approx(2, rel=0.01)  # proportions kept


def test_no_copy_when_it_would_not_be_smaller_or_is_not_an_image(tmp_path):
    tiny = photo(tmp_path / "nho.jpg", (200, 100)).read_bytes()
    assert downscale("image/jpeg", tiny) is None
    assert downscale("application/pdf", b"%PDF-1.7 ...") is None


def _evidence(name: str, size: int, n: int) -> Evidence:
    return Evidence(n, "CQS.01", name, f"{n:064x}", size, None, None, None)


def test_the_warning_names_the_largest_files_first():
    files = [
        _evidence("bien-ban.pdf", 3 * MB, 1),
        _evidence("anh-chup.jpg", 9 * MB, 2),
        _evidence("bang-so-lieu.xlsx", 6 * MB, 3),
        _evidence("anh-chup.jpg", 9 * MB, 2),  # the same file for a second indicator: embedded once
        _evidence("quyet-dinh.png", 4 * MB, 4),
    ]
    check = size_check(files)
    assert check.over and check.estimate == 22 * MB + MB // 2
    assert [f.name for f in check.downscalable] == ["anh-chup.jpg", "quyet-dinh.png"]
    text = size_warning(check, "vi")
    assert "22,5 MB" in text and "20 MB" in text
    assert text.index("anh-chup.jpg (9 MB)") < text.index("bang-so-lieu.xlsx (6 MB)")
    assert text.index("bang-so-lieu.xlsx") < text.index("quyet-dinh.png (4 MB)")
    assert "bien-ban.pdf" not in text  # three are named
    assert not size_check(files[:1]).over
    tiny = size_check([_evidence("bao-cao.pdf", 21 * MB, 5), _evidence("ghi-chu.txt", 300, 6)])
    assert "ghi-chu.txt" not in size_warning(tiny, "vi")  # never "(0 MB)"


def test_smaller_copies_replace_the_images_in_the_file_only_when_asked(
    store, filled, identity_file, officer, tmp_path
):
    original = photo(tmp_path / "anh-tru-so.jpg")
    on_disk = original.read_bytes()
    A.add_evidence_file(store, filled, "CQS.01", original)
    a = A.get(store, filled)
    ev = next(e for e in a.evidence if e.file_name == "anh-tru-so.jpg")
    assert ev.file_sha256 == _sha(on_disk)

    done = A.downscale_images(store, filled, actor="Nguyễn Thị Hà")
    assert [(d.name, d.before) for d in done] == [("anh-tru-so.jpg", len(on_disk))]
    assert done[0].after < done[0].before
    after = next(e for e in A.get(store, filled).evidence if e.id == ev.id)
    copy = A.evidence_content(store, after.file_sha256)
    assert after.file_sha256 == _sha(copy) != ev.file_sha256 and after.file_size == len(copy)
    assert A.evidence_content(store, ev.file_sha256) == on_disk  # the original is kept in the store
    assert original.read_bytes() == on_disk  # and on the disk, untouched
    assert A.downscale_images(store, filled) == []  # asked again: nothing left to make smaller

    rows = history(A.audit_log(store, filled), a.catalog, "en")
    assert any(r.what.startswith("CQS.01 — ") and "smaller" in r.what for r in rows)

    out = tmp_path / "nop.pdf"
    export_submission(store, filled, pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE), out)
    v = verify_file(out, [officer.certificate])
    assert v.valid, v.problems
    embedded = _embedded(out)
    doc = json.loads(embedded["assessment.json"])
    recorded = next(e for e in doc["evidence"] if "anh-tru-so.jpg" in json.dumps(e))
    assert recorded["sha256"] == _sha(embedded["anh-tru-so.jpg"]) == _sha(copy)


def _embedded(path: Path) -> dict[str, bytes]:
    """The file's attachments as poppler (not our own reader) takes them out."""
    folder = path.parent / "detached"
    folder.mkdir()
    subprocess.run(
        [tool("pdfdetach"), "-saveall", "-o", str(folder), str(path)], check=True, capture_output=True
    )
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_export_warns_on_stderr_and_still_writes_the_file(
    store, filled, identity_file, db_path, tmp_path, capsys, monkeypatch
):
    from dtdesktop.cli.main import main

    for name, size in (("bang-so-lieu.xlsx", 12 * MB), ("bien-ban-hop.docx", 9 * MB)):
        path = tmp_path / name
        path.write_bytes(os.urandom(size))
        A.add_evidence_file(store, filled, "CQS.01", path)
    monkeypatch.setenv("DTDESKTOP_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "nop.pdf"
    args = ["--db", str(db_path), "--lang", "en", "export", str(filled), "--identity", str(identity_file)]
    code = main([*args, "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0 and out.stat().st_size > EMAIL_LIMIT
    warning = [line for line in captured.err.splitlines() if line.startswith("Warning:")]
    assert len(warning) == 1 and "bang-so-lieu.xlsx (12 MB)" in warning[0] and "20 MB" in warning[0]
    assert warning[0].index("bang-so-lieu.xlsx") < warning[0].index("bien-ban-hop.docx")
    assert "Warning" not in captured.out
