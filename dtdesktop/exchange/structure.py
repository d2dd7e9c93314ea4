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

Bounded: one linear pass over the bytes with regular expressions, no recursion, no decompression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dtdesktop.i18n import _

MAX_REVISIONS = 8
MAX_OBJECTS = 200_000
MAX_STEPS = 20_000  # steps of the walk, plus one per 512 bytes of file

_OBJ = re.compile(rb"(?<![0-9])([0-9]{1,10})[ \t\r\n\f\x00]+([0-9]{1,5})[ \t\r\n\f\x00]+obj\b")
_WS = rb"[ \t\r\n\f\x00]"  # PDF white space (not Python's \s, which also has \v)
_BYTERANGE = re.compile(
    rb"/ByteRange%s*\[%s*([0-9]{1,12})%s+([0-9]{1,12})%s+([0-9]{1,12})%s+([0-9]{1,12})%s*\]"
    % (_WS, _WS, _WS, _WS, _WS, _WS)
)
_STARTXREF = re.compile(rb"startxref%s+([0-9]{1,12})%s+%%%%EOF" % (_WS, _WS))
_HEX = re.compile(rb"[0-9A-Fa-f]*")
_NAME = re.compile(rb"/([^ \t\r\n\f\x00()<>\[\]{}/%]*)")
_BLANK = re.compile(rb"(?:[ \t\r\n\f\x00]+|%[^\r\n]*)*")
_XREF_SUBSECTION = re.compile(rb"([0-9]{1,10}) ([0-9]{1,10})[ \t]*\r?\n")
_XREF_ENTRY = re.compile(rb"([0-9]{10}) ([0-9]{5}) ([nf])(?: \r| \n|\r\n)")


class LayoutError(Exception):
    """The file is not a well-formed submission; `code` names the reason, the message says it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class SignedLayout:
    """The signed file as its bytes describe it."""

    byte_range: tuple[int, int, int, int]
    signature: bytes  # the DER of the CMS signature, from /Contents (trailing zero padding removed)
    revisions: int
    signature_object: int  # number of the object holding the signature dictionary
    signing_time: bytes | None = None  # the dictionary's /M, decoded (a PDF date)
    sub_filter: bytes | None = None  # /SubFilter: ETSI.CAdES.detached for PAdES

    def signed_pieces(self, data: bytes) -> tuple[memoryview, memoryview]:
        """The two signed ranges, without copying the file."""
        a, b, c, d = self.byte_range
        view = memoryview(data)
        return view[a : a + b], view[c : c + d]


@dataclass(frozen=True, slots=True)
class Revision:
    start: int  # first byte of the revision's body
    xref: int  # offset of its cross-reference table
    end: int  # one past its %%EOF line


def check_layout(data: bytes) -> SignedLayout:
    """The layout of a signed submission, or LayoutError with the first reason it is not one."""
    if not data.startswith(b"%PDF-"):
        raise LayoutError("not_pdf", _("This is not a PDF file."))
    # Each whole-file search below is one pass at memory speed (a literal, never an alternation).
    if data.find(b"/Encrypt") != -1:
        raise LayoutError(
            "encrypted",
            _("The file is encrypted; a submission never is. Ask the sender for the file as it was signed."),
        )
    first = data.find(b"/ByteRange")
    if first == -1:
        raise LayoutError(
            "not_signed", _("The file is not signed; a submission must carry the officer's signature.")
        )
    byte_range = _BYTERANGE.match(data, first)
    if byte_range is None or data.find(b"/ByteRange", first + 1) != -1:
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
    if data.find(b"/ObjStm") != -1 or data.find(b"/XRef") != -1:  # the gap is hex: it holds neither
        raise LayoutError(
            "object_streams",
            _("The file holds compressed object streams, which a submission never has; it was altered."),
        )
    revs = revisions(data)
    last = revs[-1]
    sig_obj = _enclosing_object(data, first)
    contents_obj = _enclosing_object(data, b)
    if sig_obj is None or contents_obj is None or sig_obj[1] != contents_obj[1]:
        raise LayoutError(
            "signature_dictionary",
            _("The signature's value does not belong to the signature dictionary; the file was altered."),
        )
    if sig_obj[1] < last.start:
        raise LayoutError(
            "not_last_revision",
            _("The file was changed after it was signed (the signature is not in its last revision)."),
        )
    steps = _Steps(MAX_STEPS + len(data) // 512)
    for rev in revs:
        _check_revision(data, rev, steps)
    end = data.find(b"endobj", c)
    body = data[sig_obj[1] : b] + data[c : end if end != -1 else c]
    when = _top_level_string(body, b"M")
    sub = re.search(rb"/SubFilter[ \t\r\n\f\x00]*/([A-Za-z0-9.]+)", body)
    return SignedLayout((a, b, c, d), signature, len(revs), sig_obj[0], when, sub.group(1) if sub else None)


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
                j = _skip_blank(body, i, end)
                return literal_string(body, j) if body[j : j + 1] == b"(" else None
        else:
            i += 1
    return None


_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n|[\s\S]))")
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPED.update({b"\r\n": b"", b"\r": b"", b"\n": b""})  # a line end after a backslash continues the line


def _unescape(m: re.Match) -> bytes:
    if m.group(1) is not None:
        return bytes((int(m.group(1), 8) & 0xFF,))
    return _ESCAPED.get(m.group(2), m.group(2))


def literal_string(data: bytes, pos: int, limit: int = 1024) -> bytes | None:
    """The bytes of the PDF literal string starting with "(" at *pos*: escapes decoded, nesting followed;
    None if it is longer than *limit* or not closed."""
    try:
        end = string_end(data, pos, len(data))
    except LayoutError:
        return None
    raw = data[pos + 1 : end - 1]
    if b"\\" in raw:
        raw = _ESCAPE.sub(_unescape, raw)
    return raw if len(raw) <= limit else None


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


def _enclosing_object(data: bytes, pos: int) -> tuple[int, int] | None:
    """(number, offset) of the indirect object whose body holds *pos*, if it is still open there."""
    start = data.rfind(b" obj", 0, pos)
    while start != -1:
        m = _OBJ.search(data, max(0, start - 24), start + 4)
        if m is not None and m.end() <= pos:
            if data.find(b"endobj", m.end(), pos) != -1:
                return None
            return int(m.group(1)), m.start()
        start = data.rfind(b" obj", 0, start)
    return None


def revisions(data: bytes) -> list[Revision]:
    """The revisions in file order; the file must end with the last one's %%EOF (and a line end)."""
    markers = []
    at = data.find(b"startxref")
    while at != -1:
        m = _STARTXREF.match(data, at)
        if m is not None:
            markers.append(m)
            if len(markers) > MAX_REVISIONS:
                raise LayoutError(
                    "too_many_revisions", _("The file was changed too many times to be a submission.")
                )
        at = data.find(b"startxref", at + 9)
    if not markers:
        raise LayoutError("broken_xref", _("The file has no cross-reference table; it is damaged."))
    if data[markers[-1].end() :].strip(b"\r\n") != b"":
        raise LayoutError(
            "not_whole_file",
            _("Something was added to the file after its end; it was altered after signing."),
        )
    revisions = []
    start = 0
    for m in markers:
        xref = int(m.group(1))
        if not start <= xref < m.start() or not data.startswith(b"xref", xref):
            raise LayoutError(
                "broken_xref", _("A cross-reference table is not where the file says it is; it is damaged.")
            )
        end = m.end()
        while end < len(data) and data[end] in b"\r\n":
            end += 1
        revisions.append(Revision(start, xref, end))
        start = end
    return revisions


@dataclass(slots=True)
class _Steps:
    """What the walk may still do: a submission needs a few hundred steps (objects, strings, comments);
    a file built of millions of tiny pieces to make the walk slow is refused when they run out."""

    left: int

    def take(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise LayoutError(
                "unexpected_content",
                _("The file holds far more pieces than a submission has; it was altered or is damaged."),
            )


def _check_revision(data: bytes, rev: Revision, steps: _Steps) -> None:
    """The revision's body is a sequence of objects, each listed once in its table at its own offset.

    The body is walked object by object (a stream is skipped by its /Length), so that nothing can sit
    between two objects unlisted, and text that merely looks like an object inside a stream is never
    mistaken for one.
    """
    listed = xref_entries(data, rev.xref)
    pos = rev.start
    if pos == 0:
        pos = data.index(b"\n") + 1  # the %PDF- line; a binary comment line follows, skipped below
    seen: set[int] = set()
    while True:
        pos = _skip_blank(data, pos, rev.xref)
        if pos >= rev.xref:
            break
        m = _OBJ.match(data, pos)
        if m is None:
            raise LayoutError(
                "unexpected_content",
                _("The file holds content outside its objects; it was altered or is damaged."),
            )
        number = int(m.group(1))
        if number in seen:
            raise LayoutError(
                "duplicate_object",
                _("An object of the file is defined twice in one revision; the file was altered."),
            )
        if listed.get(number) != pos:
            raise LayoutError(
                "hidden_object",
                _("The file holds an object that its cross-reference table hides; the file was altered."),
            )
        seen.add(number)
        pos = _object_end(data, m.end(), rev.xref, listed, steps)
    if seen != set(listed):
        raise LayoutError(
            "broken_xref",
            _("The cross-reference table points to an object that is not there; the file is damaged."),
        )


_LENGTH = re.compile(rb"/Length\s+([0-9]{1,12})(?:\s+([0-9]{1,5})\s+R)?")
_DELIMITERS = b"()<>[]{}/%"
_SPACE = b" \t\r\n\f\x00"


def _skip_blank(data: bytes, pos: int, end: int) -> int:
    """Past white space and comments, in one regular-expression match (linear, whatever their number)."""
    m = _BLANK.match(data, pos, end)
    return m.end() if m else pos


_NEXT = re.compile(rb"[(%]|endobj|stream")


def _object_end(data: bytes, pos: int, end: int, listed: dict[int, int], steps: _Steps) -> int:
    """One past the `endobj` of the object whose body starts at *pos* (strings and streams skipped).

    Jumps from one byte that matters to the next: the start of a string, a comment, `stream` or `endobj`
    (none can occur in the signature's hex digits, so the gap needs no special case)."""
    body = pos
    while pos < end:
        steps.take()
        m = _NEXT.search(data, pos, end)
        if m is None:
            break
        pos = m.start()
        token = m.group(0)
        if token == b"(":
            pos = string_end(data, pos, end, steps)
        elif token == b"%":
            pos = _skip_blank(data, pos, end)
        elif token == b"endobj":
            return pos + 6
        elif data[pos - 1] in _SPACE + b">":  # "stream" as a keyword, not inside a name
            pos = _stream_end(data, body, pos, end, listed)
        else:
            pos += 6
    raise LayoutError("unexpected_content", _("An object of the file is not closed; the file is damaged."))


_STRING_STOP = re.compile(rb"[()\\]")
_FLAT_STRING = re.compile(rb"\((?:[^\\()]+|\\[\s\S])*\)")  # a string without nested parentheses


def string_end(data: bytes, pos: int, end: int, steps: _Steps | None = None) -> int:
    """One past the ")" that closes the literal string whose "(" is at *pos* (nesting and escapes followed),
    in one match when nothing is nested, else jumping from one parenthesis or backslash to the next."""
    flat = _FLAT_STRING.match(data, pos, end)
    if flat is not None:
        return flat.end()
    depth = 0
    while True:
        if steps is not None:
            steps.take()
        m = _STRING_STOP.search(data, pos, end)
        if m is None:
            raise LayoutError(
                "unexpected_content", _("A text in the file is not closed; the file is damaged.")
            )
        i = m.start()
        ch = data[i]
        if ch == 0x5C:  # backslash escapes the next byte
            pos = i + 2
            continue
        if ch == 0x28:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i + 1
        pos = i + 1


def _stream_end(data: bytes, body: int, pos: int, end: int, listed: dict[int, int]) -> int:
    """Past `endstream`, skipping exactly /Length bytes of stream data."""
    m = _LENGTH.search(data, body, pos)
    if m is None:
        raise LayoutError("unexpected_content", _("A stream of the file has no length; the file is damaged."))
    length = int(m.group(1))
    if m.group(2) is not None:  # an indirect length: "N 0 R" → the integer object N
        at = listed.get(length)
        value = re.compile(rb"[0-9]{1,10}\s+[0-9]{1,5}\s+obj\s+([0-9]{1,12})\s+endobj").match(data, at or 0)
        if at is None or value is None:
            raise LayoutError(
                "unexpected_content", _("A stream of the file has no length; the file is damaged.")
            )
        length = int(value.group(1))
    start = pos + 6
    if data.startswith(b"\r\n", start):
        start += 2
    elif data.startswith(b"\n", start):
        start += 1
    else:
        raise LayoutError("unexpected_content", _("A stream of the file is damaged."))
    after = _skip_blank(data, start + length, end)
    if start + length > end or not data.startswith(b"endstream", after):
        raise LayoutError(
            "unexpected_content", _("A stream of the file is not the length it says; the file was altered.")
        )
    return after + 9


def xref_entries(data: bytes, pos: int) -> dict[int, int]:
    """Object number → offset of the in-use entries of the classic table at *pos*."""
    pos += 4
    while pos < len(data) and data[pos] in b" \r\n":
        pos += 1
    out: dict[int, int] = {}
    while True:
        head = _XREF_SUBSECTION.match(data, pos)
        if head is None:
            break
        first, count = int(head.group(1)), int(head.group(2))
        if count > MAX_OBJECTS:
            raise LayoutError("too_many_objects", _("The file holds too many objects to be a submission."))
        pos = head.end()
        for i in range(count):
            entry = _XREF_ENTRY.match(data, pos)
            if entry is None:
                raise LayoutError("broken_xref", _("A cross-reference table of the file is damaged."))
            pos = entry.end()
            if entry.group(3) == b"n":
                if first + i == 0:
                    raise LayoutError("broken_xref", _("A cross-reference table of the file is damaged."))
                if first + i in out:
                    raise LayoutError(
                        "duplicate_object", _("An object is listed twice in a cross-reference table.")
                    )
                out[first + i] = int(entry.group(1))
    if not data.startswith(b"trailer", pos):
        raise LayoutError("broken_xref", _("A cross-reference table of the file is damaged."))
    tail = data[pos : data.find(b"startxref", pos)]
    if _OBJ.search(tail) or b"stream" in tail:  # the trailer holds one dictionary, never an object
        raise LayoutError(
            "hidden_object",
            _("The file holds an object that its cross-reference table hides; the file was altered."),
        )
    return out
