"""Hostile files through the whole gate (`verify_file`) and through import: refused with a reason, fast, and
nothing written. The files are signed by a genuine key, so that only the content can betray them."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import signed_with

from dtdesktop.exchange.attachments import Attachment
from dtdesktop.exchange.verify import verify_file
from dtdesktop.review.importing import import_files


def _judged(path: Path, officer) -> tuple[str, list[str], float]:
    start = time.perf_counter()
    v = verify_file(path, [officer.certificate])
    return v.verdict, [r.code for r in v.reasons], time.perf_counter() - start


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
        (b'{"a": 1' + b"0" * 100_000 + b"}", "huge_number"),
        (b'{"a": NaN}', "not_finite"),
        (b'{"a": 1, "a": 2}', "duplicate_key"),
        (b'{"a": "\\ud800"}', "lone_surrogate"),
        (b'{"a": "' + os.urandom(1_000_000).hex().encode() + b'"}', "huge_string"),
        (b"\xff\xfe{}", "bad_encoding"),
        (b'["not", "an", "object"]', "wrong_type"),
    ],
)
def test_a_hostile_assessment_signed_by_a_genuine_key(
    store, filled, identity_file, officer, tmp_path, content, code
):
    path = signed_with(
        store,
        filled,
        identity_file,
        tmp_path,
        [Attachment("assessment.json", content, "application/json", "")],
        code,
    )
    verdict, codes, seconds = _judged(path, officer)
    assert verdict == "invalid" and codes == [code] and seconds < 2


def test_many_evidence_entries_pointing_at_one_large_attachment(
    store, filled, identity_file, officer, tmp_path
):
    big = os.urandom(8 * 1024 * 1024)
    doc = {"format": "dtdesktop-submission"}  # its schema fails after the hashing, which must stay bounded
    doc["evidence"] = [{"attachment": "big.bin"}] * 50_000
    files = [
        Attachment("assessment.json", json.dumps(doc).encode(), "application/json", ""),
        Attachment("big.bin", big, "application/octet-stream", ""),
    ]
    path = signed_with(store, filled, identity_file, tmp_path, files, "many")
    verdict, codes, seconds = _judged(path, officer)
    assert verdict == "invalid" and codes and seconds < 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_pipes_devices_and_links_are_refused_at_once(store, officer, tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    link = tmp_path / "zero.pdf"
    link.symlink_to("/dev/zero")
    for path in (fifo, link, tmp_path):
        start = time.perf_counter()
        v = verify_file(path, [officer.certificate])
        assert v.verdict == "invalid" and [r.code for r in v.reasons] == ["not_regular_file"], path
        assert time.perf_counter() - start < 1
    report = import_files(store, [fifo, link])
    assert [r.outcome for r in report.results] == ["refused", "refused"]


def test_control_characters_never_reach_the_terminal(
    store, filled, identity_file, officer, tmp_path, capsys, db_path
):
    from dtdesktop.cli.main import main

    path = signed_with(store, filled, identity_file, tmp_path, [], "ten")
    sneaky = tmp_path / "a\x1b[2J\nVALID.pdf"
    path.rename(sneaky)
    main(["--db", str(db_path), "--lang", "en", "verify", str(sneaky)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\nVALID" not in out and "\\x1b" in out


def test_an_assessment_with_a_hundred_thousand_schema_errors_is_judged_quickly(
    store, filled, identity_file, officer, tmp_path
):
    """Only the first errors are ever built: a file made of nothing but errors costs no more."""
    doc = {"format": "dtdesktop-submission", "evidence": [1] * 150_000}
    files = [Attachment("assessment.json", json.dumps(doc).encode(), "application/json", "")]
    path = signed_with(store, filled, identity_file, tmp_path, files, "errors")
    verdict, codes, seconds = _judged(path, officer)
    assert verdict == "invalid" and set(codes) == {"schema"} and len(codes) <= 10 and seconds < 2
