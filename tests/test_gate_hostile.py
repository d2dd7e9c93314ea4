"""Hostile files are refused with a reason code and one sentence, quickly and in little memory.

Every hostile family is built here by the test itself (no binary fixture): files that are not files,
JSON that would exhaust the parser, and PDFs whose attachments would exhaust the reader. Each is refused
with its code, in under 2 s; the decompression bomb stays under 100 MB of peak memory. Hypothesis feeds
random bytes and mutations of genuine inputs to the readers: they return or refuse, nothing else.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import struct
import time
import tracemalloc
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PdfFileWriter

from dtdesktop.exchange.attachments import Attachment, embed_all
from dtdesktop.exchange.bounded import (
    DEFAULT,
    HostileInput,
    Limits,
    MiB,
    check_attachment_name,
    parse_json_bounded,
    read_attachments_bounded,
    read_file_bounded,
)
from dtdesktop.text import safe

SECONDS = 2.0


def refused(code: str, call: Callable[[], Any], seconds: float = SECONDS) -> HostileInput:
    """Run *call*, which must refuse with *code* within *seconds*; the sentence is short and printable."""
    start = time.perf_counter()
    with pytest.raises(HostileInput) as exc:
        call()
    elapsed = time.perf_counter() - start
    assert exc.value.code == code, f"{exc.value.code}: {exc.value}"
    assert elapsed < seconds, f"{code} took {elapsed:.2f} s"
    message = str(exc.value)
    assert 0 < len(message) < 200 and message.isprintable()
    return exc.value


# ---------------------------------------------------------------------------------------- files on disk


def test_a_file_at_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "ok.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(991))
    assert read_file_bounded(path, limit=1000) == path.read_bytes()
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert read_file_bounded(empty, limit=1000) == b""


def test_a_file_just_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.pdf"
    path.write_bytes(bytes(1001))
    refused("too_large", lambda: read_file_bounded(path, limit=1000))


def test_a_file_that_grows_while_it_is_read(tmp_path, monkeypatch):
    """The size seen before reading is 100 bytes less than what is there by the time it is read."""
    path = tmp_path / "copying.pdf"
    path.write_bytes(bytes(1000))

    def earlier(real: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
        def stat(*args: Any) -> os.stat_result:
            fields = list(real(*args))
            fields[6] -= 100  # st_size
            return os.stat_result(fields)

        return stat

    monkeypatch.setattr(os, "stat", earlier(os.stat))
    monkeypatch.setattr(os, "fstat", earlier(os.fstat))
    refused("too_large", lambda: read_file_bounded(path, limit=900))
    refused("changing", lambda: read_file_bounded(path, limit=1000))


def test_a_file_close_to_the_real_limit_is_read_fast(tmp_path):
    path = tmp_path / "large.pdf"
    with path.open("wb") as fh:
        fh.truncate(DEFAULT.file)
    start = time.perf_counter()
    assert len(read_file_bounded(path)) == DEFAULT.file
    assert time.perf_counter() - start < SECONDS + DEFAULT.file / (50 * MiB)
    with path.open("ab") as fh:
        fh.write(b"x")
    refused("too_large", lambda: read_file_bounded(path))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_or_a_symlink_to_one_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    link = tmp_path / "link.pdf"
    link.symlink_to(fifo)
    refused("not_regular_file", lambda: read_file_bounded(fifo))
    refused("not_regular_file", lambda: read_file_bounded(link))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_or_a_symlink_to_one_is_refused(tmp_path):
    refused("not_regular_file", lambda: read_file_bounded(Path("/dev/zero")))
    link = tmp_path / "zero.pdf"
    link.symlink_to("/dev/zero")
    refused("not_regular_file", lambda: read_file_bounded(link))


def test_a_folder_a_missing_file_or_a_symlink_loop_is_refused(tmp_path):
    refused("not_regular_file", lambda: read_file_bounded(tmp_path))
    refused("not_found", lambda: read_file_bounded(tmp_path / "missing.pdf"))
    loop = tmp_path / "loop.pdf"
    loop.symlink_to(loop)
    refused("unreadable", lambda: read_file_bounded(loop))


# ------------------------------------------------------------------------------------------------- JSON


def test_genuine_json_is_parsed():
    raw = (
        '{"a": [1, -2, 2.5, true, null, "Hoằng Hoá 😀"], "b": {"c": "\\ud83d\\ude00"}, "n": 9007199254740992}'
    )
    assert parse_json_bounded(raw.encode()) == {
        "a": [1, -2, 2.5, True, None, "Hoằng Hoá 😀"],
        "b": {"c": "😀"},
        "n": 2**53,
    }
    assert parse_json_bounded(b"[1]", expect=list) == [1]
    text = "[" * 1000 + '"{' * 1000  # brackets and quotes inside a text are not nesting
    assert parse_json_bounded(json.dumps({"a": text}).encode()) == {"a": text}


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(
    ("code", "raw"),
    [
        ("too_deep", b"[" * 100_000),
        ("too_deep", _nested(100_000)),
        ("too_deep", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
        ("huge_number", b"[1" + b"0" * 100_000 + b"]"),
        ("huge_number", b"[-9007199254740993]"),
        ("huge_number", b"[0." + b"1" * 100_000 + b"]"),
        ("not_finite", b"[NaN]"),
        ("not_finite", b'{"a": Infinity}'),
        ("not_finite", b"[-Infinity]"),
        ("not_finite", b"[1e400]"),
        ("duplicate_key", b'{"a": 1, "a": 2}'),
        ("duplicate_key", b'{"x": {"score": 10, "score": 99}}'),
        ("duplicate_key", '{"ả": 1, "ả": 2}'.encode()),
        ("lone_surrogate", b'{"a": "\\ud800"}'),
        ("lone_surrogate", b'{"\\udc00": 1}'),
        ("lone_surrogate", b'{"a": ["x\\ud83d"]}'),
        ("huge_string", b'{"a": "' + b"x" * (DEFAULT.json_string + 1) + b'"}'),
        ("too_many_items", b"[" + b"0," * DEFAULT.json_items + b"0]"),
        ("too_large", b" " * (DEFAULT.json_bytes + 1)),
        ("wrong_type", b"[]"),
        ("wrong_type", b'"text"'),
        ("wrong_type", b"1"),
        ("bad_encoding", b'\xef\xbb\xbf{"a": 1}'),
        ("bad_encoding", b'{"a": "\xff"}'),
        ("bad_encoding", '{"a": 1}'.encode("utf-16")),
        ("bad_encoding", b'{"a": "\xed\xa0\x80"}'),  # a surrogate encoded in UTF-8 (CESU)
        ("bad_json", b""),
        ("bad_json", b'{"a": 1'),
        ("bad_json", b"]]]]"),
        ("bad_json", b'{"a": "line\nbreak"}'),
    ],
)
def test_hostile_json_is_refused(code, raw):
    refused(code, lambda: parse_json_bounded(raw))


def test_json_depth_limit_is_exact():
    assert parse_json_bounded(_nested(DEFAULT.json_depth), expect=list) is not None
    refused("too_deep", lambda: parse_json_bounded(_nested(DEFAULT.json_depth + 1), expect=list))


_JSON_TEXT = st.text(alphabet=st.sampled_from('ab"\\/\n\u1ec7\U0001f600'), max_size=12)
_JSON_VALUE = st.recursive(
    st.none() | st.integers(-1000, 1000) | _JSON_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_JSON_TEXT, inner, max_size=4),
    max_leaves=12,
)


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (k, *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUE, st.integers(0, 8), st.booleans())
def test_json_text_limit_is_exact_whatever_the_escapes(value, limit, ascii_only):
    """Quotes and backslashes inside texts never fool the byte-level scan: a text longer than the limit is
    always refused, one within it never."""
    raw = json.dumps({"v": value}, ensure_ascii=ascii_only).encode()
    longest = max(map(len, _texts({"v": value})))
    if longest > limit:
        refused("huge_string", lambda: parse_json_bounded(raw, max_string=limit))
    else:
        assert parse_json_bounded(raw, max_string=limit) == {"v": value}


# ------------------------------------------------------------------------------------------ PDF builders


def _writer() -> PdfFileWriter:
    return PdfFileWriter(stream_xrefs=False)


def _stream(
    w: PdfFileWriter,
    encoded: bytes,
    *,
    filter_name: str | None = None,
    size: int | None = None,
    parms: generic.PdfObject | None = None,
) -> generic.IndirectObject:
    s = generic.StreamObject({pdf_name("/Type"): pdf_name("/EmbeddedFile")}, encoded_data=encoded)
    if filter_name:
        s[pdf_name("/Filter")] = pdf_name(filter_name)
    if parms is not None:
        s[pdf_name("/DecodeParms")] = parms
    if size is not None:
        s[pdf_name("/Params")] = generic.DictionaryObject({pdf_name("/Size"): generic.NumberObject(size)})
    return w.add_object(s)


def _spec(name: str, stream: generic.PdfObject) -> generic.DictionaryObject:
    return generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Filespec"),
            pdf_name("/F"): pdf_string(name),
            pdf_name("/UF"): pdf_string(name),
            pdf_name("/EF"): generic.DictionaryObject({pdf_name("/F"): stream, pdf_name("/UF"): stream}),
        }
    )


def _leaf(specs: list[tuple[str, generic.PdfObject]]) -> generic.DictionaryObject:
    names = generic.ArrayObject()
    for name, spec in specs:
        names.append(pdf_string(name))
        names.append(spec)
    return generic.DictionaryObject({pdf_name("/Names"): names})


def _install(w: PdfFileWriter, tree: generic.PdfObject) -> bytes:
    w.root[pdf_name("/Names")] = generic.DictionaryObject({pdf_name("/EmbeddedFiles"): tree})
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _one(w: PdfFileWriter, name: str, stream: generic.PdfObject) -> bytes:
    """A PDF holding one attachment."""
    return _install(w, w.add_object(_leaf([(name, w.add_object(_spec(name, stream)))])))


def _files(files: dict[str, bytes], compress: bool = False) -> bytes:
    """A PDF holding *files*, each its own stream, in one flat leaf."""
    w = _writer()
    specs = []
    for name, data in files.items():
        stream = _stream(
            w, zlib.compress(data) if compress else data, filter_name="/FlateDecode" if compress else None
        )
        specs.append((name, w.add_object(_spec(name, stream))))
    return _install(w, w.add_object(_leaf(specs)))


def _read(data: bytes, limits: Limits = DEFAULT) -> dict[str, bytes]:
    return read_attachments_bounded(data, limits)


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written byte by byte: object i + 1 is objects[i], object 1 the catalog (for what no writer
    would write: objects nested 100,000 deep, a reference to itself)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _zeros_bomb(gib: int) -> bytes:
    """A zlib stream that inflates to *gib* GiB of zeros, made from one compressed MiB repeated (a full
    flush makes every block's output the same), so that the test builds it in milliseconds."""
    block = bytes(MiB)
    co = zlib.compressobj(9)
    head = co.compress(block) + co.flush(zlib.Z_FULL_FLUSH)
    body = co.compress(block) + co.flush(zlib.Z_FULL_FLUSH)
    assert co.compress(block) + co.flush(zlib.Z_FULL_FLUSH) == body
    tail = co.flush()
    count = gib * 1024
    adler = ((count * MiB) % 65521) << 16 | 1  # the Adler-32 of that many zeros
    return head + body * (count - 1) + tail[:-4] + struct.pack(">I", adler)


# --------------------------------------------------------------------------------------------- PDF: genuine


def test_genuine_attachments_are_read_back_equal():
    base = io.BytesIO()
    _writer().write(base)
    w = IncrementalPdfFileWriter(io.BytesIO(base.getvalue()))
    files = [
        Attachment("assessment.json", b'{"format": "dtdesktop-submission"}' * 50, "application/json", "a"),
        Attachment("ảnh chụp.jpg", os.urandom(5000), "image/jpeg", "b"),  # stored as is
        Attachment("biên bản.txt", "Hoằng Hoá\n".encode() * 100, "text/plain", "c"),  # compressed
    ]
    embed_all(w, files, dt.datetime(2025, 7, 1, tzinfo=dt.UTC))
    out = io.BytesIO()
    w.write(out)
    got = read_attachments_bounded(out.getvalue())
    assert got == {f.name: f.data for f in files}
    assert PdfFileReader(io.BytesIO(out.getvalue())).xrefs.total_revisions == 2  # the update is read


def test_no_attachments_at_all():
    out = io.BytesIO()
    _writer().write(out)
    assert _read(out.getvalue()) == {}


def test_limits_fit_the_store():
    from dtdesktop.storage.assessments import MAX_EVIDENCE_BYTES

    assert DEFAULT.attachment >= MAX_EVIDENCE_BYTES and DEFAULT.total >= DEFAULT.file
    assert 2 * DEFAULT.file + DEFAULT.total < 300 * 1_000_000 + DEFAULT.file  # the issue's memory budget


def test_a_genuine_submission_passes(store, filled, identity_file, tmp_path):
    from conftest import PASSPHRASE

    from dtdesktop.exchange import submission
    from dtdesktop.exchange.export import ExportOptions, export_submission
    from dtdesktop.signing import pkcs12_file

    path = tmp_path / "nop.pdf"
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    export_submission(store, filled, key, path, ExportOptions(number="15/BC-UBND"))
    files = read_attachments_bounded(read_file_bounded(path))
    assert set(files) >= {submission.ASSESSMENT_NAME, submission.SCHEMA_NAME}
    doc = parse_json_bounded(files[submission.ASSESSMENT_NAME])
    assert doc["format"] == submission.FORMAT
    parse_json_bounded(files[submission.SCHEMA_NAME])


# --------------------------------------------------------------------------------------------- PDF: hostile


def test_an_encrypted_pdf_says_so():
    w = _writer()
    w.encrypt("owner", "user")
    out = io.BytesIO()
    w.write(out)
    refused("encrypted", lambda: _read(out.getvalue()))
    refused("not_pdf", lambda: _read(b"PK\x03\x04 not a pdf"))
    refused("damaged", lambda: _read(b"%PDF-1.7\n garbage"))


def test_tens_of_thousands_of_attachments_in_one_leaf():
    w = _writer()
    stream = _stream(w, b"x")
    spec = w.add_object(_spec("x.txt", stream))
    data = _install(w, w.add_object(_leaf([(f"{i}.txt", spec) for i in range(1_500)])))
    refused("too_many_attachments", lambda: _read(data))  # past the count, within the walk's budget
    data = _install(w, w.add_object(_leaf([(f"{i}.txt", spec) for i in range(30_000)])))
    refused("too_many_objects", lambda: _read(data))  # the walk's budget refuses them before the tree


def test_tens_of_thousands_of_attachments_across_leaves():
    w = _writer()
    stream = _stream(w, b"x")
    kids = generic.ArrayObject()
    for leaf in range(40):
        specs = [(f"{leaf}-{i}.txt", w.add_object(_spec(f"{leaf}-{i}.txt", stream))) for i in range(500)]
        kids.append(w.add_object(_leaf(specs)))
    data = _install(w, w.add_object(generic.DictionaryObject({pdf_name("/Kids"): kids})))
    refused("too_many_objects", lambda: _read(data))  # the walk's budget refuses them before the tree


def test_an_attachment_that_inflates_to_gigabytes():
    w = _writer()
    bomb = _zeros_bomb(4)
    assert len(bomb) < 8 * MiB
    data = _one(w, "zeros.txt", _stream(w, bomb, filter_name="/FlateDecode"))
    del bomb
    tracemalloc.start()
    try:
        refused("bomb", lambda: _read(data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * MiB


def test_an_attachment_that_inflates_past_its_cap_within_the_ratio():
    text = os.urandom(64 * 1024).hex().encode()  # compresses about 2:1
    limits = Limits(attachment=len(text) - 1)
    data = _files({"big.txt": text}, compress=True)
    refused("attachment_too_large", lambda: _read(data, limits))
    assert _read(data, Limits(attachment=len(text))) == {"big.txt": text}


def test_a_declared_size_beyond_the_cap_is_refused_before_inflating():
    w = _writer()
    stream = _stream(w, _zeros_bomb(1), filter_name="/FlateDecode", size=2**40)
    data = _one(w, "a.bin", stream)
    refused("attachment_too_large", lambda: _read(data))


def test_many_entries_pointing_at_one_large_attachment():
    w = _writer()
    large = _stream(w, bytes(40 * MiB))
    specs = [(f"copy-{i}.pdf", w.add_object(_spec(f"copy-{i}.pdf", large))) for i in range(50)]
    data = _install(w, w.add_object(_leaf(specs)))
    refused("attachments_too_large", lambda: _read(data))


def test_a_declared_size_that_lies():
    for size, compress in ((5, False), (11, True)):
        w = _writer()
        stream = _stream(
            w,
            zlib.compress(b"0123456789") if compress else b"0123456789",
            size=size,
            filter_name="/FlateDecode" if compress else None,
        )
        data = _one(w, "a.txt", stream)
        refused("size_mismatch", lambda data=data: _read(data))


def test_a_damaged_deflate_stream():
    for encoded in (zlib.compress(b"hello" * 1000)[:-10], b"not deflate", zlib.compress(b"a") + b"trailing"):
        w = _writer()
        stream = _stream(w, encoded, filter_name="/FlateDecode")
        data = _one(w, "a.txt", stream)
        refused("damaged_attachment", lambda data=data: _read(data))


@pytest.mark.parametrize(
    ("filter_name", "parms"),
    [
        ("/LZWDecode", None),
        ("/JBIG2Decode", None),
        ("/DCTDecode", None),
        ("/Crypt", None),
        ("/FlateDecode", generic.DictionaryObject({pdf_name("/Predictor"): generic.NumberObject(12)})),
    ],
)
def test_an_unsupported_filter(filter_name, parms):
    w = _writer()
    stream = _stream(w, zlib.compress(b"data"), filter_name=filter_name, parms=parms)
    data = _one(w, "a.bin", stream)
    refused("unsupported_filter", lambda: _read(data))


def test_a_chain_of_filters_is_unsupported():
    w = _writer()
    stream = _stream(w, zlib.compress(zlib.compress(b"data")))
    stream.get_object()[pdf_name("/Filter")] = generic.ArrayObject([pdf_name("/FlateDecode")] * 2)
    data = _one(w, "a.bin", stream)
    refused("unsupported_filter", lambda: _read(data))


def test_a_names_tree_whose_kids_repeat():
    w = _writer()
    leaf = w.add_object(_leaf([("a.txt", w.add_object(_spec("a.txt", _stream(w, b"a"))))]))
    data = _install(
        w, w.add_object(generic.DictionaryObject({pdf_name("/Kids"): generic.ArrayObject([leaf, leaf])}))
    )
    refused("names_loop", lambda: _read(data))


def test_a_names_tree_whose_kids_loop():
    w = _writer()
    inner = generic.DictionaryObject({pdf_name("/Kids"): generic.ArrayObject()})
    inner_ref = w.add_object(inner)
    root_ref = w.add_object(generic.DictionaryObject({pdf_name("/Kids"): generic.ArrayObject([inner_ref])}))
    inner[pdf_name("/Kids")].append(root_ref)
    inner[pdf_name("/Kids")].append(inner_ref)
    data = _install(w, root_ref)
    refused("names_loop", lambda: _read(data))


def test_a_names_tree_too_deep():
    w = _writer()
    node = w.add_object(_leaf([("a.txt", w.add_object(_spec("a.txt", _stream(w, b"a"))))]))
    for _ in range(DEFAULT.tree_depth + 5):
        node = w.add_object(generic.DictionaryObject({pdf_name("/Kids"): generic.ArrayObject([node])}))
    data = _install(w, node)
    refused("too_deep", lambda: _read(data))


def test_a_reference_to_itself():
    data = _raw_pdf(
        [
            b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>",
            b"<< /Kids [3 0 R] >>",
            b"4 0 R",
            b"3 0 R",
        ]
    )
    refused("names_loop", lambda: _read(data))


def test_objects_nested_100000_deep():
    deep = b"[" * 100_000 + b"]" * 100_000
    data = _raw_pdf(
        [
            b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>",
            b"<< /Names [(a.txt) 3 0 R] >>",
            b"<< /Type /Filespec /UF (a.txt) /Desc " + deep + b" /EF << /F 4 0 R >> >>",
            b"<< /Length 1 >>\nstream\na\nendstream",
        ]
    )
    refused("too_deep", lambda: _read(data))


def test_an_array_of_millions_of_values_is_refused_before_it_is_built():
    import time

    catalog = b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>"
    leaf = b"<< /Names [" + b"0 " * 3_000_000 + b"] >>"
    data = _raw_pdf([catalog, leaf])
    start = time.perf_counter()
    refused("too_many_objects", lambda: _read(data))
    assert time.perf_counter() - start < 1


def test_one_file_specification_listed_a_thousand_times_is_refused_at_once():
    """Each listing would be parsed and kept again: refused as a loop, quickly and in little memory."""
    import time

    spec = b"<< /Type /Filespec /F (a.txt) /UF (a.txt) /EF << /F 4 0 R >> /Desc (%s) >>" % (b"\\a" * 60_000)
    names = b"[" + b"(a.txt) 3 0 R " * 1000 + b"]"
    catalog = b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>"
    stream = b"<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream"
    data = _raw_pdf([catalog, b"<< /Names %s >>" % names, spec, stream])
    start = time.perf_counter()
    refused("names_loop", lambda: _read(data))
    assert time.perf_counter() - start < 1


def test_two_streams_for_one_attachment_are_refused():
    """/EF /F and /EF /UF must be one stream: a viewer extracts one, the gate would check the other."""
    w = _writer()
    shown, checked = _stream(w, b"what a viewer extracts"), _stream(w, b"what the gate reads")
    spec = _spec("a.txt", checked)
    spec[pdf_name("/EF")][pdf_name("/F")] = shown
    refused("bad_structure", lambda: _read(_install(w, w.add_object(_leaf([("a.txt", w.add_object(spec))])))))


def test_a_key_defined_twice_is_damaged():
    """Which definition a reader keeps differs between readers: the file is refused, not read either way."""
    data = _raw_pdf(
        [
            b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>",
            b"<< /Names [(a.txt) 3 0 R] >>",
            b"<< /Type /Filespec /UF (a.txt) /UF (b.txt) /EF << /F 4 0 R >> >>",
            b"<< /Length 1 >>\nstream\na\nendstream",
        ]
    )
    refused("damaged", lambda: _read(data))


@pytest.mark.parametrize(
    "tree",
    [
        b"[1 2 3]",
        b"<< /Names [(a.txt)] >>",
        b"<< /Names [1 << >>] >>",
        b"<< /Names [(a.txt) 5] >>",
        b"<< /Names 7 >>",
        b"<< /Kids [<< /Names [] >>] >>",
        b"<< /Kids 7 >>",
        b"<< /Names [(a.txt) << /UF (a.txt) >>] >>",
        b"<< /Names [(a.txt) << /UF (a.txt) /EF 3 >>] >>",
        b"<< /Names [(a.txt) << /UF (a.txt) /EF << /F 2 >> >>] >>",
        b"<< /Names [(a.txt) << /UF (a.txt) /EF << /F 1 0 R >> >>] >>",
        b"<< /Names [(a) << /Type /Page /UF (a) /EF << >> >>] >>",
    ],
)
def test_wrong_types_in_the_names_tree(tree):
    catalog = b"<< /Type /Catalog /Names << /EmbeddedFiles " + tree + b" >> >>"
    refused("bad_structure", lambda: _read(_raw_pdf([catalog])))


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "..",
        "evidence/a.pdf",
        "C:\\Windows\\evil.exe",
        "C:evil.txt",
        "a\nFAKE: valid signature.txt",
        "a\x1b[31mred.txt",
        "a\x00b.txt",
        "CON",
        "nul.txt",
        "com1.tar.gz",
        "LPT9",
        "trailing.",
        "trailing ",
        "\u202etxt.exe",
        "zero\u200bwidth.txt",
        "line\u2028sep.txt",
        "",
        "x" * 300,
    ],
)
def test_attachment_names_that_escape_or_hide(name):
    refused("bad_name", lambda: check_attachment_name(name))
    refused("bad_name", lambda: _read(_files({name: b"data"})))


def test_plain_names_are_kept():
    for name in ("assessment.json", "Biên bản họp ngày 12.5.pdf", "ảnh (1).jpg", "console.txt", "a..b.pdf"):
        assert check_attachment_name(name) == name
    assert _read(_files({"Quyết định.pdf": b"1"})) == {"Quyết định.pdf": b"1"}


def test_duplicate_names():
    nfc, nfd = "ảnh.jpg", unicodedata.normalize("NFD", "ảnh.jpg")
    for first, second in (("a.txt", "a.txt"), (nfc, nfd)):
        w = _writer()
        stream = _stream(w, b"a")
        specs = [(first, w.add_object(_spec(first, stream))), (second, w.add_object(_spec(second, stream)))]
        data = _install(w, w.add_object(_leaf(specs)))
        refused("duplicate_name", lambda data=data: _read(data))


def test_shown_escapes_and_shortens():
    assert safe("a\nb") == "a\\nb"
    assert safe("\u202eexe") == "\\u202eexe"
    assert safe("x" * 1000, limit=10) == "x" * 10 + "…"
    assert safe("Hoằng Hoá") == "Hoằng Hoá"


# ------------------------------------------------------------------------------------------------- fuzz

_GENUINE_JSON = (
    b'{"format": "dtdesktop-submission", "answers": {"CQS.01": {"value": 61.5}}, "evidence": [1, null]}'
)
_GENUINE_PDF = _files({"assessment.json": _GENUINE_JSON, "b.txt": b"hello " * 50}, compress=True)
_FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mutations(base: bytes) -> st.SearchStrategy[bytes]:
    """*base* with a few bytes replaced, inserted or removed, or cut short."""
    edit = st.tuples(
        st.integers(0, len(base)),
        st.sampled_from(["set", "insert", "delete", "cut"]),
        st.binary(min_size=1, max_size=8),
    )

    def apply(edits: list[tuple[int, str, bytes]]) -> bytes:
        data = bytearray(base)
        for pos, kind, chunk in edits:
            pos = min(pos, len(data))
            if kind == "set":
                data[pos : pos + len(chunk)] = chunk
            elif kind == "insert":
                data[pos:pos] = chunk
            elif kind == "delete":
                del data[pos : pos + len(chunk)]
            else:
                del data[pos:]
        return bytes(data)

    return st.lists(edit, min_size=1, max_size=6).map(apply)


def _only_refusals(call: Callable[[], Any]) -> None:
    """Read or refused with a reason, and quickly: a mutation that makes the reader slow is a finding."""
    start = time.perf_counter()
    try:
        call()
    except HostileInput as exc:
        assert exc.code and re.fullmatch(r"[a-z_]+", exc.code)
    assert time.perf_counter() - start < SECONDS


@_FUZZ
@given(st.binary(max_size=512))
def test_fuzz_json_random_bytes(raw):
    _only_refusals(lambda: parse_json_bounded(raw))


@_FUZZ
@given(_mutations(_GENUINE_JSON))
def test_fuzz_json_mutations(raw):
    _only_refusals(lambda: parse_json_bounded(raw))


@_FUZZ
@given(st.binary(max_size=512))
def test_fuzz_pdf_random_bytes(raw):
    _only_refusals(lambda: _read(b"%PDF-1.7\n" + raw))


@_FUZZ
@given(_mutations(_GENUINE_PDF))
def test_fuzz_pdf_mutations(raw):
    _only_refusals(lambda: _read(raw))


_REF = st.sampled_from([b"2 0 R", b"3 0 R", b"4 0 R", b"5 0 R", b"6 0 R", b"7 0 R", b"9 0 R"])
_VALUE = st.one_of(
    _REF,
    st.sampled_from(
        [b"null", b"0", b"-1", b"1.5", b"99999999999999999999", b"(x)", b"/Name", b"[]", b"<< >>"]
    ),
)
_NAME = st.sampled_from([b"(a.txt)", b"(b.txt)", b"(a.txt)", b"(../x)", b"<FEFF0061>", b"(CON)", b"()", b"1"])
_PAIRS = st.lists(st.tuples(_NAME, st.one_of(_REF, _VALUE)), min_size=1, max_size=4).map(
    lambda pairs: b" ".join(k + b" " + v for k, v in pairs)
)
_LEAF = _PAIRS.map(lambda p: b"<< /Names [" + p + b"] >>")
_KIDS = st.lists(_REF, max_size=3).map(lambda refs: b"<< /Kids [" + b" ".join(refs) + b"] >>")
_SPEC = st.tuples(_NAME, st.one_of(st.just(b"6 0 R"), _REF), st.sampled_from([b"/F", b"/UF", b"/X"])).map(
    lambda t: b"<< /Type /Filespec /UF " + t[0] + b" /EF << " + t[2] + b" " + t[1] + b" >> >>"
)
_OBJECT = st.one_of(
    _LEAF,
    _KIDS,
    _SPEC,
    st.tuples(_VALUE, _VALUE).map(lambda t: b"<< /Type /Filespec /F " + t[0] + b" /EF " + t[1] + b" >>"),
    _VALUE,
)
_BODIES = st.tuples(st.one_of(_LEAF, _KIDS, _OBJECT), st.one_of(_SPEC, _OBJECT), _OBJECT, _OBJECT)
_FILTER = st.sampled_from([b"", b"/Filter /FlateDecode", b"/Filter [/FlateDecode]", b"/Filter /LZWDecode"])
_PARAMS = st.sampled_from(
    [b"", b"/Params << /Size 5 >>", b"/Params << /Size 6 >>", b"/Params 3", b"/DecodeParms << >>"]
)


def _stream_object(filter_: bytes, params: bytes, deflate: bool) -> bytes:
    content = zlib.compress(b"hello") if deflate else b"hello"
    return b"<< /Type /EmbeddedFile %s %s /Length %d >>\nstream\n%s\nendstream" % (
        filter_,
        params,
        len(content),
        content,
    )


@_FUZZ
@given(_BODIES, _FILTER, _PARAMS, st.booleans())
def test_fuzz_pdf_object_graphs(bodies, filter_, params, deflate):
    """Random names trees, file specifications and streams in a well-formed file: the walker's own checks."""
    catalog = b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>"
    objects = [catalog, *bodies, _stream_object(filter_, params, deflate), b"<< /Names [(c.txt) 4 0 R] >>"]
    _only_refusals(lambda: _read(_raw_pdf(objects)))


def test_a_node_that_is_both_leaf_and_inner_is_refused():
    w = _writer()
    leaf = _leaf([("a.txt", w.add_object(_spec("a.txt", _stream(w, b"a"))))])
    leaf[pdf_name("/Kids")] = generic.ArrayObject([w.add_object(_leaf([]))])
    refused("bad_structure", lambda: _read(_install(w, w.add_object(leaf))))


@pytest.mark.parametrize(
    ("listed", "legacy", "unicode_name"),
    [
        ("assessment.json", "assessment.json", "note.txt"),  # /F and the list say one name, /UF another
        ("note.txt", "note.txt", "note.txt.bak"),
        ("other.txt", "a.txt", "a.txt"),  # listed under a name the file specification does not have
    ],
)
def test_one_attachment_under_two_names_is_refused(listed, legacy, unicode_name):
    w = _writer()
    spec = _spec(unicode_name, _stream(w, b"{}"))
    spec[pdf_name("/F")] = pdf_string(legacy)
    refused("bad_name", lambda: _read(_install(w, w.add_object(_leaf([(listed, w.add_object(spec))])))))
