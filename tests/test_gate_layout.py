"""The gate reads the file's shape from its own bytes: every family of forgery is built here and refused.

Each test starts from a genuine signed submission and forges it the way an attacker would; the layout check
(`dtdesktop.exchange.structure`) names the reason, and `verify_file` refuses the file without reading any of
the forged content. The genuine file is accepted by the gate and by poppler's `pdfsig`.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from conftest import PASSPHRASE, tool
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from dtdesktop.exchange.export import ExportOptions, export_submission
from dtdesktop.exchange.structure import LayoutError, check_layout
from dtdesktop.exchange.verify import verify_file
from dtdesktop.signing import pkcs12_file


@pytest.fixture
def key(identity_file):
    return pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)


@pytest.fixture
def genuine(store, filled, key, tmp_path) -> bytes:
    out = tmp_path / "nop.pdf"
    export_submission(store, filled, key, out, ExportOptions(number="15/BC-UBND"))
    return out.read_bytes()


def _refused(data: bytes, tmp_path: Path, code: str) -> None:
    with pytest.raises(LayoutError) as exc:
        check_layout(data)
    assert exc.value.code == code, str(exc.value)
    path = tmp_path / f"forged-{code}.pdf"
    path.write_bytes(data)
    v = verify_file(path)
    assert not v.valid and v.header is None and v.document is None
    assert str(exc.value) in v.problems


def _gap(data: bytes) -> tuple[int, int]:
    m = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert m is not None
    return int(m.group(1)), int(m.group(2))


def test_the_genuine_file_passes_the_gate_and_pdfsig(genuine, officer, tmp_path):
    layout = check_layout(genuine)
    a, _b, c, d = layout.byte_range
    assert (a, c + d) == (0, len(genuine)) and layout.revisions == 2
    path = tmp_path / "ok.pdf"
    path.write_bytes(genuine)
    assert verify_file(path, [officer.certificate]).valid
    out = subprocess.run([tool("pdfsig"), str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in out and "Total document signed" in out


def test_appended_bytes_or_update(genuine, tmp_path):
    _refused(genuine + b"\n% a comment\n", tmp_path, "not_whole_file")
    w = IncrementalPdfFileWriter(io.BytesIO(genuine))
    w.root["/Lang"] = generic.TextStringObject("en")
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    _refused(out.getvalue(), tmp_path, "not_whole_file")


def test_truncated(genuine, tmp_path):
    _refused(genuine[:-200], tmp_path, "not_whole_file")


def test_contents_as_a_literal_string(genuine, tmp_path):
    b, c = _gap(genuine)
    forged = genuine[:b] + b"(" + b"x" * (c - b - 2) + b")" + genuine[c:]
    _refused(forged, tmp_path, "contents_not_hex")


def test_gap_that_hides_something_besides_the_signature(genuine, tmp_path):
    b, c = _gap(genuine)
    hidden = b"> /Hidden (1 0 obj) <"
    digits = genuine[b + 1 : c - 1]
    forged = genuine[: c - 1 - len(hidden)] + hidden + genuine[c - 1 :]
    assert len(forged) == len(genuine) and digits.endswith(b"0" * len(hidden))
    _refused(forged, tmp_path, "contents_not_hex")


def test_bytes_after_the_signature_inside_the_gap(genuine, tmp_path):
    _b, c = _gap(genuine)
    forged = genuine[: c - 9] + b"41414141" + genuine[c - 1 :]
    _refused(forged, tmp_path, "contents_not_hex")


def test_a_second_signature(genuine, tmp_path):
    second = genuine.replace(b"/Type /Sig", b"/ByteRange [0 1 2 3] /Type /Sig", 1)
    assert second != genuine
    _refused(second, tmp_path, "several_signatures")


def test_a_hidden_object_between_two_objects(genuine, tmp_path):
    """A shadow object: defined in the body, listed in no cross-reference table."""
    first_obj = re.search(rb"\n(\d+) 0 obj", genuine)
    assert first_obj is not None
    at = first_obj.start() + 1
    shadow = b"999 0 obj\n<< /Type /EmbeddedFile >>\nendobj\n"
    _refused(genuine[:at] + shadow + genuine[at:], tmp_path, "not_whole_file")
    # the same with the signed ranges shifted to match, so that only the layout can tell
    forged = _shift(genuine[:at] + shadow + genuine[at:], at, len(shadow))
    _refused(forged, tmp_path, "hidden_object")


def test_an_object_defined_twice_in_one_revision(genuine, tmp_path):
    m = re.search(rb"\n((\d+) 0 obj\b.*?endobj\n)", genuine, re.S)
    assert m is not None
    at = m.end()
    forged = _shift(genuine[:at] + m.group(1) + genuine[at:], at, len(m.group(1)))
    with pytest.raises(LayoutError) as exc:
        check_layout(forged)
    assert exc.value.code in ("duplicate_object", "hidden_object")


def test_an_encrypted_file(genuine, tmp_path):
    forged = genuine.replace(b"/Size", b"/Encrypt 1 0 R /Size", 1)
    _refused(forged, tmp_path, "not_whole_file")  # written into the signed file: it no longer fits its range
    _refused(_raw_signed(b"<< /Type /Catalog >>", b"/Encrypt 1 0 R"), tmp_path, "encrypted")


def test_object_streams(genuine, tmp_path):
    forged = genuine.replace(b"/Type /EmbeddedFile", b"/Type /ObjStm      ", 1)
    assert forged != genuine
    _refused(forged, tmp_path, "object_streams")


def test_a_cross_reference_offset_that_points_elsewhere(genuine, tmp_path):
    table = genuine.rindex(b"\nxref")
    m = re.search(rb"\n(\d{10}) 00000 n", genuine[table:])
    assert m is not None
    start = table + m.start(1)
    wrong = b"%010d" % (int(m.group(1)) + 1)
    _refused(genuine[:start] + wrong + genuine[start + 10 :], tmp_path, "hidden_object")


def test_not_a_pdf_and_not_signed(genuine, tmp_path):
    _refused(b"GIF89a" + genuine[6:], tmp_path, "not_pdf")
    _refused(genuine.replace(b"/ByteRange", b"/ByteRangf"), tmp_path, "not_signed")


def _shift(data: bytes, at: int, by: int) -> bytes:
    """Renumber the byte range and every later cross-reference offset after inserting *by* bytes at *at*."""
    m = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert m is not None
    b, c, _d = (int(x) for x in m.groups())
    new = b"/ByteRange [0 %d %d %d]" % (b + by, c + by, len(data) - c - by)
    new = new.ljust(len(m.group(0)))
    data = data[: m.start()] + new + data[m.end() :]

    def fix(entry: re.Match[bytes]) -> bytes:
        offset = int(entry.group(1))
        return (b"%010d" % (offset + by if offset >= at else offset)) + entry.group(2)

    data = re.sub(rb"(\d{10})( \d{5} n)", fix, data)
    return re.sub(rb"startxref\s+(\d+)", lambda s: b"startxref\n%d" % (int(s.group(1)) + by), data)


def _pyhanko_says(data: bytes) -> tuple[bool, bool, str]:
    """(intact, valid, coverage) as pyHanko judges the last signature: a second opinion, never the verdict."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    sig = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures[-1]
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[]), skip_diff=True)
    return status.intact, status.valid, status.coverage.name


def test_the_gate_and_an_independent_validator_agree_on_the_genuine_file(genuine):
    assert _pyhanko_says(genuine) == (True, True, "ENTIRE_FILE")
    check_layout(genuine)


def _update(genuine: bytes, change) -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(genuine))
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_shadow_hide_replace_and_hide_and_replace(genuine, tmp_path):
    """The shadow attacks (Mainka et al.) all end with an update after signing; each is refused, and pdfsig
    agrees that such a file is not signed as a whole."""

    def hide(w):  # the page shows what the signer saw; an update removes its content
        page = w.root["/Pages"]["/Kids"][0].get_object()
        page["/Contents"] = w.add_object(generic.StreamObject(stream_data=b""))
        w.update_container(page)

    def replace(w):  # the assessment attachment replaced by another stream under the same name
        names = w.root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names), 2):
            if str(names[i]) == "assessment.json":
                spec = names[i + 1].get_object()
                forged = generic.StreamObject(
                    {generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile")}, stream_data=b"{}"
                )
                spec["/EF"]["/F"] = w.add_object(forged)
                w.update_container(spec)

    def hide_and_replace(w):  # the whole names tree swapped for one the attacker wrote
        w.root["/Names"] = w.add_object(generic.DictionaryObject())
        w.update_root()

    for name, change in (("hide", hide), ("replace", replace), ("hide-and-replace", hide_and_replace)):
        forged = _update(genuine, change)
        _refused(forged, tmp_path, "not_whole_file")
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(forged)
        out = subprocess.run([tool("pdfsig"), str(path)], capture_output=True, text=True).stdout
        assert "Total document signed" not in out, name


def test_signature_wrapping(genuine, tmp_path):
    """The signed ranges moved so that new content sits in a gap the signature does not cover."""
    b, c = _gap(genuine)
    injected = b"\n999 0 obj\n<< /Type /EmbeddedFile >>\nendobj\n"
    # 1. the injected objects inside the gap, after the signature's hex digits, the ranges moved to fit
    m = re.search(rb"/ByteRange\s*\[[^\]]*\]", genuine)
    assert m is not None
    data = genuine[: c - 1] + b">" + injected + b"<" + genuine[c - 1 :]
    new_c = c + len(injected) + 2
    br = b"/ByteRange [0 %d %d %d]" % (b, new_c, len(data) - new_c)
    data = data[: m.start()] + br.ljust(len(m.group(0))) + data[m.end() :]
    with pytest.raises(LayoutError) as exc:
        check_layout(data)
    assert exc.value.code in ("contents_not_hex", "not_whole_file", "hidden_object", "several_signatures")
    # 2. the same content appended after the end, the ranges unchanged
    _refused(genuine + injected, tmp_path, "not_whole_file")
    # 3. the second range made to start later, leaving bytes before it unsigned
    br = b"/ByteRange [0 %d %d %d]" % (b, c + 10, len(genuine) - c - 10)
    data = genuine[: m.start()] + br.ljust(len(m.group(0))) + genuine[m.end() :]
    _refused(data, tmp_path, "contents_not_hex")


def test_random_damage_is_never_accepted_and_never_crashes(genuine, officer):
    """150 files damaged at random (bytes flipped, cut, repeated, inserted): every one is judged invalid,
    with a reason, and none makes the gate raise."""
    import random

    from dtdesktop.exchange.verify import CatalogBook, Verification, verify_bytes
    from dtdesktop.signing.trust import TrustContext

    rng = random.Random(20261129)
    trust, book = TrustContext((officer.certificate,)), CatalogBook.shipped()
    for n in range(150):
        data = bytearray(genuine)
        kind = n % 4
        at = rng.randrange(len(data))
        if kind == 0:
            data[at] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del data[at : at + rng.randrange(1, 64)]
        elif kind == 2:
            data[at:at] = data[at : at + rng.randrange(1, 64)]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        if bytes(data) == genuine:
            continue
        v = verify_bytes(bytes(data), Verification(file=f"damaged-{n}.pdf"), trust, book)
        assert v.verdict == "invalid" and v.reasons, (n, kind, at)


def test_the_signing_time_is_read_from_the_dictionary_itself():
    from dtdesktop.exchange.structure import _top_level_string
    from dtdesktop.signing.cms import pdf_date

    body = (
        b"52 0 obj\n<< /Name (x /M (D:20260101000000Z)) /Prop << /M (D:20250101000000Z) >> "
        b"/M (D:20991231000000Z)"
    )
    assert _top_level_string(body, b"M") == b"D:20991231000000Z"
    assert _top_level_string(b"1 0 obj\n<< /Name (/M (D:2026)) >>", b"M") is None
    assert pdf_date(b"D:20261129212824+23'99'") is None  # an impossible offset, not a crash
    assert pdf_date(b"D:20261329000000Z") is None
    assert pdf_date(b"D:20261129212824+07'00'").utcoffset().total_seconds() == 7 * 3600


def test_pdf_white_space_only_inside_the_byte_range(genuine, tmp_path):
    m = re.search(rb"/ByteRange \[0 ", genuine)
    assert m is not None
    forged = genuine[: m.end() - 1] + b"\x0b" + genuine[m.end() :]  # a vertical tab, which PDF does not know
    _refused(forged, tmp_path, "several_signatures")


def test_an_object_between_the_trailer_and_startxref(genuine, tmp_path):
    at = genuine.rindex(b"startxref")
    hidden = b"99 0 obj\n<< /Type /EmbeddedFile >>\nendobj\n"
    forged = genuine[:at] + hidden + genuine[at:]
    m = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", forged)
    b, c = int(m.group(1)), int(m.group(2))
    ranges = (b"/ByteRange [0 %d %d %d]" % (b, c, len(forged) - c)).ljust(len(m.group(0)))
    forged = forged[: m.start()] + ranges + forged[m.end() :]
    with pytest.raises(LayoutError) as exc:
        check_layout(forged)
    assert exc.value.code in ("hidden_object", "broken_xref")


def _raw_signed(body: bytes, trailer: bytes = b"") -> bytes:
    """A file with a signature's shape (one /ByteRange over the whole file, a hex gap holding a DER
    sequence) and *body* as object 1, written byte by byte: for what no writer makes."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    one = b"1 0 obj\n" + body + b"\nendobj\n"
    sig_at = len(head) + len(one)
    der = bytes.fromhex("3003020100") + bytes(27)
    pre = (
        b"2 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /M (D:20250701000000Z) "
        b"/ByteRange [0 %010d %010d %010d] /Contents "
    )
    b = sig_at + len(pre % (0, 0, 0))
    c = b + 2 + 2 * len(der)
    sig = pre + b"<" + der.hex().encode() + b"> >>\nendobj\n"
    xref_at = sig_at + len(sig % (0, 0, 0))
    tail = b"xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \n" % (len(head), sig_at)
    tail += b"trailer\n<< /Size 3 /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref_at)
    total = xref_at + len(tail)
    return head + one + sig % (b, c, total - c) + tail


@pytest.mark.parametrize(
    "body",
    [
        b"[" + b"()" * 2_000_000 + b"]",  # millions of empty strings
        b"[" + b"%\n0 " * 1_000_000 + b"]",  # a comment between every two numbers
        b"(" * 1_000_000 + b")" * 1_000_000,  # one string nested a million deep
    ],
    ids=["strings", "comments", "nested"],
)
def test_a_file_of_millions_of_tiny_pieces_is_refused_quickly(body):
    import time

    assert check_layout(_raw_signed(b"[() (a) % c\n 0]")).revisions == 1  # the shape itself is accepted
    data = _raw_signed(body)
    start = time.perf_counter()
    with pytest.raises(LayoutError) as exc:
        check_layout(data)
    assert exc.value.code == "too_many_pieces" and time.perf_counter() - start < 1


# ------------------------------------------------------- what an attack on the gate found, kept as tests

_EVIDENCE_PDF = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length 4 >>\nstream\n1 0 \nendstream\nendobj\n"
    b"2 0 obj\n<< /Type /Sig /ByteRange [0 10 20 30] /Contents <00> >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000090 00000 n \n"
    b"trailer\n<< /Size 3 /Root 1 0 R /Encrypt 2 0 R >>\nstartxref\n160\n%%EOF\n"
)


def test_a_pdf_evidence_with_its_own_structure_is_not_taken_for_the_submissions(
    store, filled, key, officer, tmp_path
):
    """An evidence PDF is carried as it is: its own startxref, signature, encryption dictionary and object
    streams are stream data of the submission, never its structure."""
    from dtdesktop.storage import assessments

    evidence = tmp_path / "Quyết định có chữ ký số.pdf"
    evidence.write_bytes(_EVIDENCE_PDF)
    assessments.add_evidence_file(store, filled, "CQS.01", evidence)
    out = tmp_path / "nop.pdf"
    export_submission(store, filled, key, out, ExportOptions(number="15/BC-UBND"))
    data = out.read_bytes()
    assert _EVIDENCE_PDF in data  # stored as it is, not compressed
    layout = check_layout(data)
    assert layout.revisions == 2
    v = verify_file(out, [officer.certificate])
    assert v.valid and _EVIDENCE_PDF in v.attachments.values()
    checked = subprocess.run([tool("pdfsig"), str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in checked and "Total document signed" in checked


def test_a_header_line_that_hides_an_object(tmp_path):
    """The header ends at its own line end, \\r included: nothing after it goes unwalked."""
    data = _raw_signed(b"<< /Type /Catalog >>")
    hidden = data.replace(b"%PDF-1.7\n", b"%PDF-1.7\r9 0 obj (hidden) endobj\n", 1)
    with pytest.raises(LayoutError):
        check_layout(hidden)


def test_a_stream_length_is_read_at_the_top_of_its_own_dictionary():
    """A /Length nested in /Params is another dictionary's: the stream is skipped by its own."""
    stream = b"<< /Params << /Length 300 >> /Length 5 >>\nstream\nhello\nendstream"
    assert check_layout(_raw_signed(stream)).revisions == 1
    lying = b"<< /Params << /Length 5 >> >>\nstream\nhello\nendstream"  # no length of its own
    with pytest.raises(LayoutError):
        check_layout(_raw_signed(lying))
    indirect = b"<< /Length 7 0 R >>\nstream\nhello\nendstream"
    with pytest.raises(LayoutError):
        check_layout(_raw_signed(indirect))


@pytest.mark.parametrize(
    "edit",
    ["unknown key algorithm", "certificate version 4", "huge PSS salt"],
)
def test_an_edited_signature_container_is_refused_never_a_crash(genuine, officer, tmp_path, edit):
    """The signature's container sits in the unsigned gap: anyone can edit it. Whatever it then holds,
    the verdict is a refusal with a reason."""
    from asn1crypto import algos
    from asn1crypto import cms as acms

    m = re.search(rb"/Contents\s*<([0-9A-Fa-f]*)>", genuine)
    b, c = m.start(1), m.end(1)
    der = bytes.fromhex(m.group(1).decode())
    info = acms.ContentInfo.load(der)
    raw = info.dump()
    if edit == "unknown key algorithm":
        rsa = bytes.fromhex("06092a864886f70d010101")
        new = raw.replace(rsa, rsa[:-1] + b"\x7f", 1)
    elif edit == "certificate version 4":
        new = raw.replace(bytes.fromhex("a003020102"), bytes.fromhex("a003020103"), 1)
    else:
        info["content"]["signer_infos"][0]["signature_algorithm"] = algos.SignedDigestAlgorithm(
            {
                "algorithm": "rsassa_pss",
                "parameters": {
                    "hash_algorithm": {"algorithm": "sha256"},
                    "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": "sha256"}},
                    "salt_length": 2**40,
                },
            }
        )
        new = info.dump(force=True)
    assert new != raw
    digits = new.hex().encode()
    path = tmp_path / "edited.pdf"
    path.write_bytes(genuine[:b] + digits + b"0" * (c - b - len(digits)) + genuine[c:])
    v = verify_file(path, [officer.certificate])
    assert v.verdict == "invalid" and v.reasons and v.reasons[0].code


def test_a_text_never_closed_is_refused_at_once():
    """A string that never ends must not make the scan of strings try every way to split it (it once took
    seconds for thirty characters)."""
    import time

    for body in (b"<< /A (" + b"a" * 1_000_000 + b" >>", b"[(" + b"ab" * 400_000 + b"]"):
        data = _raw_signed(body)
        start = time.perf_counter()
        with pytest.raises(LayoutError):
            check_layout(data)
        assert time.perf_counter() - start < 1
