"""One pass over a PDF file's structure, from its first byte to its last, the way the file itself lays it
out: the header line; then, revision after revision, the objects of its body, its cross-reference table,
its trailer, and `startxref … %%EOF`. Nothing is searched for in the whole file, so nothing inside a
stream (an evidence PDF carries its own `startxref`, `/ByteRange`, `/Encrypt`…) is ever taken for the
file's own structure.

What the walk establishes, or refuses with a `LayoutError`:
- every byte belongs to the header, an object, a cross-reference table, a trailer, the `startxref` lines,
  or white space and comments between them;
- each object is closed by `endobj`; a stream is skipped by the `/Length` of its own dictionary (the top
  level of it, never a `/Length` nested in another dictionary), given directly, and ends with
  `endstream`;
- each revision's table lists exactly the objects its body defines, each at its own offset, once; its
  `startxref` points at that table;
- nothing follows the last `%%EOF` but a line end.

Bounded: a step budget (objects, strings and comments visited) grows with the file's size, so that a file
built of millions of tiny pieces is refused at once; no recursion, no decompression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dtdesktop.i18n import _

MAX_REVISIONS = 8
MAX_OBJECTS = 200_000
MAX_STEPS = 20_000  # steps of the walk, plus one per 512 bytes of file

_SPACE = b" \t\r\n\f\x00"
_HEADER = re.compile(rb"%PDF-[0-9]\.[0-9][^\r\n]{0,64}(?:\r\n|\r|\n)")
_OBJ = re.compile(rb"([0-9]{1,10})[ \t\r\n\f\x00]+([0-9]{1,5})[ \t\r\n\f\x00]+obj(?![^ \t\r\n\f\x00<\[(/%])")
_BLANK = re.compile(rb"(?:[ \t\r\n\f\x00]+|%[^\r\n]*)*")
_XREF_SUBSECTION = re.compile(rb"([0-9]{1,10}) ([0-9]{1,10})[ \t]*(?:\r\n|\r|\n)")
_XREF_ENTRY = re.compile(rb"([0-9]{10}) ([0-9]{5}) ([nf])(?: \r| \n|\r\n)")
_STARTXREF = re.compile(rb"startxref[ \t\r\n\f\x00]+([0-9]{1,12})[ \t\r\n\f\x00]+%%EOF(?:\r\n|\r|\n)?")
# a string, a comment, a hex string (a "<" that is neither half of "<<"), or a keyword
_NEXT = re.compile(rb"[(%]|(?<!<)<(?!<)|endobj|stream")
_DICT_TOKEN = re.compile(rb"<<|>>|[(<%]|/Length(?![^ \t\r\n\f\x00()<>\[\]{}/%])")
_LENGTH_VALUE = re.compile(
    rb"[ \t\r\n\f\x00]*([0-9]{1,12})(?![0-9])([ \t\r\n\f\x00]+[0-9]{1,5}[ \t\r\n\f\x00]+R)?"
)
_STRING_STOP = re.compile(rb"[()\\]")
_FLAT_STRING = re.compile(rb"\((?:[^\\()]++|\\[\s\S])*+\)")  # possessive: linear, whatever the string
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n|[\s\S]))")
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPED.update({b"\r\n": b"", b"\r": b"", b"\n": b""})  # a line end after a backslash continues the line


class LayoutError(Exception):
    """The file is not a well-formed submission; `code` names the reason, the message says it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Revision:
    start: int  # first byte of the revision's body
    xref: int  # offset of its cross-reference table
    end: int  # one past its %%EOF line
    objects: dict[int, int]  # its table's objects in use: number → offset
    free: frozenset[int]  # the numbers its table marks free
    trailer: tuple[int, int]  # where its trailer dictionary is


@dataclass(frozen=True, slots=True)
class Walk:
    revisions: tuple[Revision, ...]
    objects: tuple[tuple[int, int, int], ...]  # every object: (number, start, end), in file order
    text: tuple[tuple[int, int], ...]  # what is not stream data: each object's dictionary part, each trailer

    def object_at(self, pos: int) -> tuple[int, int, int] | None:
        """The object whose bytes hold *pos*."""
        import bisect

        i = bisect.bisect_right([o[1] for o in self.objects], pos) - 1
        if i >= 0 and self.objects[i][1] <= pos < self.objects[i][2]:
            return self.objects[i]
        return None

    def find_outside_streams(self, marker: bytes, data: bytes) -> list[int]:
        """Every place *marker* occurs outside stream data: in object dictionaries and trailers."""
        out = []
        for start, end in self.text:
            at = data.find(marker, start, end)
            while at != -1:
                out.append(at)
                at = data.find(marker, at + 1, end)
        return out

    def offsets(self) -> dict[int, int]:
        """The objects as a reader sees them: a later revision's entry replaces an earlier one's, and an
        object a later revision frees is gone."""
        out: dict[int, int] = {}
        for rev in self.revisions:
            for number in rev.free:
                out.pop(number, None)
            out.update(rev.objects)
        return out


@dataclass(slots=True)
class _Steps:
    """What the walk may still do: a submission needs a few hundred steps (objects, strings, comments);
    a file built of millions of tiny pieces to make the walk slow is refused when they run out."""

    left: int

    def take(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise LayoutError(
                "too_many_pieces",
                _("The file holds far more pieces than a submission has; it was altered or is damaged."),
            )


def walk(data: bytes) -> Walk:
    """The file's structure, revision by revision, or LayoutError with the first reason it is not sound."""
    header = _HEADER.match(data)
    if header is None:
        raise LayoutError("not_pdf", _("This is not a PDF file."))
    steps = _Steps(MAX_STEPS + len(data) // 512)
    revisions: list[Revision] = []
    objects: list[tuple[int, int, int]] = []
    text: list[tuple[int, int]] = []
    body: dict[int, int] = {}  # the current revision's objects
    rev_start, pos, end = 0, header.end(), len(data)
    while True:
        pos = skip_blank(data, pos, end)
        if pos >= end:
            break
        steps.take()
        m = _OBJ.match(data, pos)
        if m is not None:
            number = int(m.group(1))
            if number in body:
                raise LayoutError(
                    "duplicate_object",
                    _("An object of the file is defined twice in one revision; the file was altered."),
                )
            if len(body) >= MAX_OBJECTS:
                raise LayoutError(
                    "too_many_objects", _("The file holds too many objects to be a submission.")
                )
            body[number] = pos
            obj_end, dict_end = _object_end(data, m.end(), end, steps)
            objects.append((number, pos, obj_end))
            text.append((pos, dict_end))
            pos = obj_end
            continue
        if data.startswith(b"xref", pos):
            rev = _revision_end(data, rev_start, pos, body)
            revisions.append(rev)
            text.append(rev.trailer)
            if len(revisions) > MAX_REVISIONS:
                raise LayoutError(
                    "too_many_revisions", _("The file was changed too many times to be a submission.")
                )
            body, rev_start, pos = {}, rev.end, rev.end
            continue
        raise LayoutError(
            "unexpected_content",
            _("The file holds content outside its objects; it was altered or is damaged."),
        )
    if not revisions:
        raise LayoutError("broken_xref", _("The file has no cross-reference table; it is damaged."))
    if body or revisions[-1].end != end:
        raise LayoutError(
            "not_whole_file",
            _("Something was added to the file after its end; it was altered after signing."),
        )
    return Walk(tuple(revisions), tuple(objects), tuple(text))


def _revision_end(data: bytes, start: int, xref: int, body: dict[int, int]) -> Revision:
    """The revision whose body ends at *xref*: its table, trailer and `startxref … %%EOF`."""
    listed, free, pos = xref_table(data, xref)
    if not data.startswith(b"trailer", pos):
        raise LayoutError("broken_xref", _("A cross-reference table of the file is damaged."))
    trailer_start = skip_blank(data, pos + 7, len(data))
    if not data.startswith(b"<<", trailer_start):
        raise LayoutError("broken_xref", _("A cross-reference table of the file is damaged."))
    trailer_end = dictionary_end(data, trailer_start)
    tail = _STARTXREF.match(data, skip_blank(data, trailer_end, len(data)))
    if tail is None or int(tail.group(1)) != xref:
        raise LayoutError(
            "broken_xref", _("A cross-reference table is not where the file says it is; it is damaged.")
        )
    if listed != body:
        hidden = set(body) - set(listed) or any(listed.get(n) != at for n, at in body.items())
        raise LayoutError(
            "hidden_object" if hidden else "broken_xref",
            _("The file holds an object that its cross-reference table hides; the file was altered.")
            if hidden
            else _("The cross-reference table points to an object that is not there; the file is damaged."),
        )
    end = tail.end()
    while end < len(data) and data[end] in b"\r\n":
        end += 1
    return Revision(start, xref, end, listed, frozenset(free), (trailer_start, trailer_end))


def xref_table(data: bytes, pos: int) -> tuple[dict[int, int], set[int], int]:
    """The classic table at *pos*: its objects in use (number → offset), the numbers it frees, and where
    it ends."""
    pos += 4
    while pos < len(data) and data[pos] in b" \r\n":
        pos += 1
    listed: dict[int, int] = {}
    free: set[int] = set()
    while True:
        head = _XREF_SUBSECTION.match(data, pos)
        if head is None:
            break
        first, count = int(head.group(1)), int(head.group(2))
        if count > MAX_OBJECTS or len(listed) + count > MAX_OBJECTS:
            raise LayoutError("too_many_objects", _("The file holds too many objects to be a submission."))
        pos = head.end()
        for i in range(count):
            entry = _XREF_ENTRY.match(data, pos)
            if entry is None:
                raise LayoutError("broken_xref", _("A cross-reference table of the file is damaged."))
            pos = entry.end()
            number = first + i
            if entry.group(3) == b"f":
                free.add(number)
                continue
            if number == 0:
                raise LayoutError("broken_xref", _("A cross-reference table of the file is damaged."))
            if number in listed:
                raise LayoutError(
                    "duplicate_object", _("An object is listed twice in a cross-reference table.")
                )
            listed[number] = int(entry.group(1))
    return listed, free, skip_blank(data, pos, len(data))


def skip_blank(data: bytes, pos: int, end: int) -> int:
    """Past white space and comments, in one regular-expression match (linear, whatever their number)."""
    m = _BLANK.match(data, pos, end)
    return m.end() if m else pos


def _object_end(data: bytes, pos: int, end: int, steps: _Steps) -> tuple[int, int]:
    """One past the `endobj` of the object whose body starts at *pos*, and where its dictionary part ends
    (its `stream` keyword, or its end). Strings, hex strings and comments are skipped; a stream by the
    `/Length` at the top level of its dictionary."""
    body = pos
    dict_end = None
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
            pos = skip_blank(data, pos, end)
        elif token == b"<":
            pos = _hex_end(data, pos, end)
        elif token == b"endobj":
            return pos + 6, dict_end if dict_end is not None else pos
        elif data[pos - 1] in _SPACE + b">":  # "stream" as a keyword, not inside a name
            if dict_end is not None:
                raise LayoutError("unexpected_content", _("A stream of the file is damaged."))
            dict_end = pos
            pos = _stream_end(data, body, pos, end)
        else:
            pos += 6
    raise LayoutError("unexpected_content", _("An object of the file is not closed; the file is damaged."))


def _hex_end(data: bytes, pos: int, end: int) -> int:
    close = data.find(b">", pos, end)
    if close == -1:
        raise LayoutError("unexpected_content", _("A text in the file is not closed; the file is damaged."))
    return close + 1


def _stream_end(data: bytes, body: int, pos: int, end: int) -> int:
    """Past `endstream`, skipping exactly the /Length bytes of the stream's own dictionary."""
    length = _top_level_length(data, body, pos)
    start = pos + 6
    if data.startswith(b"\r\n", start):
        start += 2
    elif data.startswith(b"\n", start):
        start += 1
    else:
        raise LayoutError("unexpected_content", _("A stream of the file is damaged."))
    after = skip_blank(data, start + length, end)
    if start + length > end or not data.startswith(b"endstream", after):
        raise LayoutError(
            "unexpected_content", _("A stream of the file is not the length it says; the file was altered.")
        )
    return after + 9


def _dictionary_tokens(data: bytes, pos: int, end: int):
    """The `<<`, `>>` and `/Length` tokens from *pos*, with the nesting depth after each; strings, hex
    strings and comments skipped (a `>>` or `/Length` inside them is text, not structure)."""
    depth = 0
    while pos < end:
        m = _DICT_TOKEN.search(data, pos, end)
        if m is None:
            return
        token, pos = m.group(0), m.end()
        if token == b"(":
            pos = string_end(data, m.start(), end)
        elif token == b"<":
            pos = _hex_end(data, m.start(), end)
        elif token == b"%":
            pos = skip_blank(data, m.start(), end)
        else:
            depth += 1 if token == b"<<" else -1 if token == b">>" else 0
            yield token, pos, depth


def _top_level_length(data: bytes, body: int, end: int) -> int:
    """The /Length of the dictionary that opens at *body*, read at its top level only (a /Length inside a
    nested dictionary, such as /Params, is another object's business), and given directly."""
    found = None
    for token, after, depth in _dictionary_tokens(data, body, end):
        if token != b"/Length" or depth != 1:
            continue
        value = _LENGTH_VALUE.match(data, after, end)
        if value is None or value.group(2) is not None or found is not None:
            raise LayoutError(
                "unexpected_content",
                _("A stream of the file does not give its length as a submission does; it was altered."),
            )
        found = int(value.group(1))
    if found is None:
        raise LayoutError("unexpected_content", _("A stream of the file has no length; the file is damaged."))
    return found


def dictionary_end(data: bytes, pos: int) -> int:
    """One past the `>>` that closes the dictionary opening at *pos* (strings and comments skipped)."""
    for token, after, depth in _dictionary_tokens(data, pos, len(data)):
        if token == b">>" and depth == 0:
            return after
    raise LayoutError("broken_xref", _("A cross-reference table of the file is damaged."))


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
