"""The few PDF objects the gate reads (the document catalog, the attachments' name tree, file
specifications and their streams), parsed from the file's own bytes at the offsets its cross-reference
tables give.

A general PDF library repairs, follows references without end, copies every stream it meets and parses
whatever it is pointed at; here nothing is repaired (a damaged object is refused), nesting is bounded,
every string is bounded, a key defined twice in a dictionary is refused (one reader would keep one, another
the other), and a stream's bytes are a view of the file, copied only when an attachment is returned.
Everything that goes wrong is a `PdfSyntaxError`; the reader above turns it into one sentence.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from dtdesktop.exchange import pdfwalk

MAX_DEPTH = 32  # arrays and dictionaries inside one another; a submission's objects have three levels
MAX_STRING = 64 * 1024  # bytes of one string in the objects read: names, dates, identifiers
MAX_NUMBER = 24  # characters of one number (int() of a long digit run is slow)
MAX_VALUES = 200_000  # values parsed from one file: 10× what a thousand attachments need

_END = rb"(?![^ \t\r\n\f\x00()<>\[\]{}/%])"  # the token ends: white space, a delimiter or the end
_SKIP = re.compile(rb"(?:[ \t\r\n\f\x00]+|%[^\r\n]*)*")
_NUMBER = re.compile(rb"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_REF_TAIL = re.compile(rb"[ \t\r\n\f\x00]+([0-9]{1,5})[ \t\r\n\f\x00]+R" + _END)
_NAME = re.compile(rb"/([^ \t\r\n\f\x00()<>\[\]{}/%]*)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_KEYWORD = re.compile(rb"(true|false|null)" + _END)
_PRINTABLE_ASCII = re.compile(rb"[\x20-\x7e]*")
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f \t\r\n\f\x00]*)>")
_OBJ_HEAD = re.compile(rb"([0-9]{1,10})[ \t\r\n\f\x00]+([0-9]{1,5})[ \t\r\n\f\x00]+obj" + _END)


class PdfSyntaxError(Exception):
    """The bytes are not the object they should be; `code` is "damaged", "too_deep" or "too_many_values"."""

    def __init__(self, code: str = "damaged"):
        super().__init__(code)
        self.code = code


class Ref(NamedTuple):
    """An indirect reference: object number and generation."""

    number: int
    generation: int


class Name(str):
    """A PDF name, with its slash: "/Type"."""


class PdfString(bytes):
    """A PDF string's bytes; `text` is its text when it is one (a BOM'd UTF-16 or UTF-8 string, or
    PDFDocEncoding), else None."""

    @property
    def text(self) -> str | None:
        raw = bytes(self)
        try:
            if raw.startswith(codecs.BOM_UTF16_BE):
                return raw[2:].decode("utf-16-be")
            if raw.startswith(codecs.BOM_UTF16_LE):
                return raw[2:].decode("utf-16-le")
            if raw.startswith(codecs.BOM_UTF8):
                return raw[3:].decode("utf-8")
            if _PRINTABLE_ASCII.fullmatch(raw):
                return raw.decode("ascii")  # PDFDocEncoding is ASCII there
            from pyhanko.pdf_utils.generic import decode_pdfdocencoding

            return decode_pdfdocencoding(raw)
        except UnicodeDecodeError:
            return None


@dataclass(frozen=True, slots=True)
class Stream:
    """A stream object: its dictionary and where its bytes are in the file."""

    dictionary: dict[str, Any]
    start: int
    length: int


class ObjectTable:
    """The file's objects by number, as its cross-reference tables place them (a later revision's entry
    replaces an earlier one's), and the last trailer."""

    def __init__(self, data: bytes, structure: pdfwalk.Walk | None = None):
        self.data = data
        try:
            w = structure or pdfwalk.walk(data)
        except pdfwalk.LayoutError as exc:
            raise PdfSyntaxError("too_many_values" if exc.code == "too_many_pieces" else "damaged") from None
        self.offsets = w.offsets()
        start, _end = w.revisions[-1].trailer
        self.parser = _Parser(data)
        self._cache: dict[Ref, Any] = {}
        trailer, _ = self.parser.value(start, 0)
        if not isinstance(trailer, dict):
            raise PdfSyntaxError()
        self.trailer: dict[str, Any] = trailer

    def get(self, ref: Ref) -> Any:
        """The object *ref* names (None if the file has no such object, as the standard says); parsed once
        however often it is referred to."""
        if ref in self._cache:
            return self._cache[ref]
        value = self._read(ref)
        self._cache[ref] = value
        return value

    def _read(self, ref: Ref) -> Any:
        offset = self.offsets.get(ref.number)
        if offset is None:
            return None
        head = _OBJ_HEAD.match(self.data, offset)
        if head is None or int(head.group(1)) != ref.number or int(head.group(2)) != ref.generation:
            raise PdfSyntaxError()
        value, pos = self.parser.value(head.end(), 0)
        pos = self.parser.skip(pos)
        if self.data.startswith(b"stream", pos):
            if not isinstance(value, dict):
                raise PdfSyntaxError()
            return self._stream(value, pos + 6)
        if not self.data.startswith(b"endobj", pos):
            raise PdfSyntaxError()
        return value

    def _stream(self, dictionary: dict[str, Any], pos: int) -> Stream:
        data = self.data
        if data.startswith(b"\r\n", pos):
            pos += 2
        elif data.startswith(b"\n", pos):
            pos += 1
        else:
            raise PdfSyntaxError()
        length = dictionary.get("/Length")
        if isinstance(length, Ref):
            length = self.get(length)
        if type(length) is not int or length < 0 or pos + length > len(data):
            raise PdfSyntaxError()
        end = self.parser.skip(pos + length)
        if not data.startswith(b"endstream", end):
            raise PdfSyntaxError()
        return Stream(dictionary, pos, length)

    def encoded(self, stream: Stream) -> memoryview:
        """The stream's bytes as stored (still encoded), without a copy."""
        return memoryview(self.data)[stream.start : stream.start + stream.length]


class _Parser:
    """One value at a time, with bounded nesting and a bounded number of values in all (an array of
    millions of numbers is refused before it is built); no object is ever followed from here."""

    def __init__(self, data: bytes):
        self.data = data
        self.left = MAX_VALUES

    def skip(self, pos: int) -> int:
        m = _SKIP.match(self.data, pos)
        return m.end() if m else pos

    def value(self, pos: int, depth: int) -> tuple[Any, int]:
        data = self.data
        self.left -= 1
        if self.left < 0:
            raise PdfSyntaxError("too_many_values")
        pos = self.skip(pos)
        if pos >= len(data):
            raise PdfSyntaxError()
        ch = data[pos]
        if data.startswith(b"<<", pos):
            return self._dictionary(pos + 2, depth + 1)
        if ch == 0x5B:  # [
            return self._array(pos + 1, depth + 1)
        if ch == 0x2F:  # /
            return self._name(pos)
        if ch == 0x28:  # (
            return self._literal(pos)
        if ch == 0x3C:  # <
            m = _HEX_STRING.match(data, pos)
            if m is None or len(m.group(1)) > 2 * MAX_STRING:
                raise PdfSyntaxError()
            digits = re.sub(rb"[ \t\r\n\f\x00]", b"", m.group(1))
            if len(digits) % 2:
                digits += b"0"
            return PdfString(bytes.fromhex(digits.decode("ascii"))), m.end()
        m = _NUMBER.match(data, pos)
        if m is not None:
            return self._number(m)
        m = _KEYWORD.match(data, pos)
        if m is not None:
            return {b"true": True, b"false": False, b"null": None}[m.group(1)], m.end()
        raise PdfSyntaxError()

    def _number(self, m: re.Match) -> tuple[Any, int]:
        text = m.group(0)
        if len(text) > MAX_NUMBER:
            raise PdfSyntaxError()
        if b"." in text:
            return float(text), m.end()
        number = int(text)
        tail = _REF_TAIL.match(self.data, m.end())
        if tail is not None and text.isdigit():
            return Ref(number, int(tail.group(1))), tail.end()
        return number, m.end()

    def _dictionary(self, pos: int, depth: int) -> tuple[dict[str, Any], int]:
        if depth > MAX_DEPTH:
            raise PdfSyntaxError("too_deep")
        out: dict[str, Any] = {}
        while True:
            pos = self.skip(pos)
            if self.data.startswith(b">>", pos):
                return out, pos + 2
            key, pos = self.value(pos, depth)
            if not isinstance(key, Name) or key in out:
                raise PdfSyntaxError()  # a key that is not a name, or defined twice
            out[key], pos = self.value(pos, depth)

    def _array(self, pos: int, depth: int) -> tuple[list[Any], int]:
        if depth > MAX_DEPTH:
            raise PdfSyntaxError("too_deep")
        out: list[Any] = []
        while True:
            pos = self.skip(pos)
            if self.data.startswith(b"]", pos):
                return out, pos + 1
            item, pos = self.value(pos, depth)
            out.append(item)

    def _name(self, pos: int) -> tuple[Name, int]:
        m = _NAME.match(self.data, pos)
        assert m is not None  # a slash always starts a (possibly empty) name
        raw = _NAME_ESCAPE.sub(lambda e: bytes((int(e.group(1), 16),)), m.group(1))
        return Name("/" + raw.decode("utf-8", "surrogateescape")), m.end()

    def _literal(self, pos: int) -> tuple[PdfString, int]:
        try:
            end = pdfwalk.string_end(self.data, pos, min(len(self.data), pos + 2 * MAX_STRING + 2))
        except pdfwalk.LayoutError:
            raise PdfSyntaxError() from None
        text = pdfwalk.literal_string(self.data[pos:end], 0, MAX_STRING)
        if text is None:
            raise PdfSyntaxError()
        return PdfString(text), end
