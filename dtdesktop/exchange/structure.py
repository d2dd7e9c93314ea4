"""What a signed submission file is, established from its own bytes before any PDF library reads it.

A PDF reader that repairs, scans or follows "the latest" definition of an object can be shown one thing
while the signature covers another (incremental updates, shadow objects, signature wrapping). So the gate
first checks the file's layout against the one shape a submission has, and refuses anything else:

- one signature: one `/ByteRange`, `[0 a b c]` with `b + c` the file's length, so that the signed ranges
  and the gap between them are the whole file;
- the gap is exactly the signature dictionary's `/Contents` hex string (`<…>`, hex digits only), preceded by
  the `/Contents` key of the same object that holds the `/ByteRange`;
- the signature dictionary is in the last revision, and nothing follows that revision's `%%EOF`;
- every revision's cross-reference table lists every object its body defines, each at the offset where it is
  defined, once: no object hidden from the table, none defined twice, no offset that points elsewhere;
- no encryption, no object or cross-reference streams (a submission has none; they could hide objects).

The structure itself (revisions, objects, tables, where stream data is) comes from one walk of the file
from its first byte to its last (`pdfwalk`); the signature's markers are looked for only outside stream
data, so that an evidence file carried inside (a PDF with its own signature or cross-reference) is never
taken for the submission's own structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dtdesktop.exchange.pdfwalk import LayoutError, Walk, literal_string, skip_blank, string_end, walk
from dtdesktop.i18n import _

__all__ = ["LayoutError", "SignedLayout", "check_layout", "literal_string"]

_WS = rb"[ \t\r\n\f\x00]"  # PDF white space (not Python's \s, which also has \v)
_BYTERANGE = re.compile(
    rb"/ByteRange%s*\[%s*([0-9]{1,12})%s+([0-9]{1,12})%s+([0-9]{1,12})%s+([0-9]{1,12})%s*\]"
    % (_WS, _WS, _WS, _WS, _WS, _WS)
)
_HEX = re.compile(rb"[0-9A-Fa-f]*")
_NAME = re.compile(rb"/([^ \t\r\n\f\x00()<>\[\]{}/%]*)")


@dataclass(frozen=True, slots=True)
class SignedLayout:
    """The signed file as its bytes describe it."""

    byte_range: tuple[int, int, int, int]
    signature: bytes  # the DER of the CMS signature, from /Contents (trailing zero padding removed)
    revisions: int
    signature_object: int  # number of the object holding the signature dictionary
    signing_time: bytes | None = None  # the dictionary's /M, decoded (a PDF date)
    sub_filter: bytes | None = None  # /SubFilter: ETSI.CAdES.detached for PAdES
    walk: Walk | None = None  # the file's structure, for the readers that follow

    def signed_pieces(self, data: bytes) -> tuple[memoryview, memoryview]:
        """The two signed ranges, without copying the file."""
        a, b, c, d = self.byte_range
        view = memoryview(data)
        return view[a : a + b], view[c : c + d]


def check_layout(data: bytes) -> SignedLayout:
    """The layout of a signed submission, or LayoutError with the first reason it is not one."""
    if not data.startswith(b"%PDF-"):
        raise LayoutError("not_pdf", _("This is not a PDF file."))
    try:
        w = walk(data)
    except LayoutError as exc:
        raise _explained(data, exc) from None
    if w.find_outside_streams(b"/Encrypt", data):
        raise LayoutError(
            "encrypted",
            _("The file is encrypted; a submission never is. Ask the sender for the file as it was signed."),
        )
    ranges = w.find_outside_streams(b"/ByteRange", data)
    if not ranges:
        raise LayoutError(
            "not_signed", _("The file is not signed; a submission must carry the officer's signature.")
        )
    byte_range = _BYTERANGE.match(data, ranges[0])
    if len(ranges) != 1 or byte_range is None:
        raise LayoutError(
            "several_signatures",
            _("The file carries more than one signature (or a damaged one); a submission has exactly one."),
        )
    a, b, c, d = (int(x) for x in byte_range.groups())
    if a != 0 or not 0 < b < c or c + d != len(data):
        raise LayoutError(
            "not_whole_file",
            _("The signature does not cover the whole file: something was added or removed after signing."),
        )
    signature = _gap(data, b, c)
    if w.find_outside_streams(b"/ObjStm", data) or w.find_outside_streams(b"/XRef", data):
        raise LayoutError(
            "object_streams",
            _("The file holds compressed object streams, which a submission never has; it was altered."),
        )
    sig_obj, contents_obj = w.object_at(ranges[0]), w.object_at(b)
    if sig_obj is None or contents_obj is None or sig_obj != contents_obj:
        raise LayoutError(
            "signature_dictionary",
            _("The signature's value does not belong to the signature dictionary; the file was altered."),
        )
    number, start, end = sig_obj
    if start < w.revisions[-1].start:
        raise LayoutError(
            "not_last_revision",
            _("The file was changed after it was signed (the signature is not in its last revision)."),
        )
    body = data[start:b] + data[c:end]
    when = _top_level_string(body, b"M")
    sub = re.search(rb"/SubFilter[ \t\r\n\f\x00]*/([A-Za-z0-9.]+)", body)
    return SignedLayout(
        (a, b, c, d), signature, len(w.revisions), number, when, sub.group(1) if sub else None, w
    )


def _explained(data: bytes, exc: LayoutError) -> LayoutError:
    """A file whose structure is not sound, said as the signer would see it: a second signature, or a
    signature whose range no longer matches the file's length (something was added or cut after signing)
    is the cause; the walk's own reason is a consequence."""
    found = list(_BYTERANGE.finditer(data))  # the file is refused already: this only words the reason
    if len(found) > 1:
        return LayoutError(
            "several_signatures",
            _("The file carries more than one signature (or a damaged one); a submission has exactly one."),
        )
    if found:
        a, b, c, d = (int(x) for x in found[0].groups())
        if a == 0 and 0 < b < c and c + d != len(data):
            return LayoutError(
                "not_whole_file",
                _(
                    "The signature does not cover the whole file: something was added or removed after "
                    "signing."
                ),
            )
    return exc


def _top_level_string(body: bytes, key: bytes) -> bytes | None:
    """The literal string value of /key at the top level of the dictionary in *body* (strings, hex strings
    and nested dictionaries skipped, so that a decoy "/M (…)" inside another value is never read)."""
    depth, i, end = 0, 0, len(body)
    while i < end:
        ch = body[i]
        if ch == 0x28:  # (
            i = string_end(body, i, end)
        elif body.startswith(b"<<", i):
            depth += 1
            i += 2
        elif body.startswith(b">>", i):
            depth -= 1
            i += 2
        elif ch == 0x3C:  # < a hex string
            close = body.find(b">", i)
            i = close + 1 if close != -1 else end
        elif ch == 0x2F and depth == 1:  # a name at the top level
            m = _NAME.match(body, i)
            name = m.group(1) if m else b""
            i += len(m.group(0)) if m else 1
            if name == key:
                j = skip_blank(body, i, end)
                return literal_string(body, j) if body[j : j + 1] == b"(" else None
        else:
            i += 1
    return None


def _gap(data: bytes, b: int, c: int) -> bytes:
    """The signature's DER from the gap, which must be `<hex>` and nothing else, right after `/Contents`."""
    gap = data[b:c]
    if not (gap.startswith(b"<") and gap.endswith(b">")) or _HEX.fullmatch(gap, 1, len(gap) - 1) is None:
        raise LayoutError(
            "contents_not_hex",
            _("The room kept for the signature holds something else; the file was altered after signing."),
        )
    if not re.search(rb"/Contents\s*$", data[max(0, b - 64) : b]):
        raise LayoutError(
            "contents_misplaced",
            _("The signature's value is not where the signature says it is; the file was altered."),
        )
    digits = gap[1:-1]
    if len(digits) % 2:
        raise LayoutError(
            "contents_not_hex", _("The signature's value is damaged (an odd number of digits).")
        )
    raw = bytes.fromhex(digits.decode("ascii"))
    size = _der_size(raw)
    if size is None or raw[size:].strip(b"\x00"):
        raise LayoutError(
            "contents_not_hex", _("The signature's value is damaged or followed by something else.")
        )
    return raw[:size]


def _der_size(raw: bytes) -> int | None:
    """The length of the DER SEQUENCE at the start of *raw* (header included), if it is one."""
    if len(raw) < 2 or raw[0] != 0x30:
        return None
    first = raw[1]
    if first < 0x80:
        size = 2 + first
    else:
        n = first & 0x7F
        if not 1 <= n <= 4 or len(raw) < 2 + n:
            return None
        size = 2 + n + int.from_bytes(raw[2 : 2 + n], "big")
    return size if size <= len(raw) else None
