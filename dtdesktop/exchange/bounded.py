"""Bounded readers for untrusted submission files: the file, its attachments and its JSON.

A reviewer receives files from anyone. Each reader here bounds its work before doing it (count, size, depth
and ratio limits checked up front, streams inflated with a cap), so that a hostile file is refused quickly,
in little memory, with a reason code and one sentence, and never reaches a library that could hang, blow
the stack or fill the memory on it. Every refusal is a `HostileInput`; nothing else escapes these readers.

The sentences never quote what the file holds: the caller names the file, and `shown` makes any text taken
from a file safe to print.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import stat
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dtdesktop.exchange import pdfobjects
from dtdesktop.exchange.pdfobjects import PdfString, Ref
from dtdesktop.i18n import _

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The most a genuine submission can hold; anything beyond is refused before it is read.

    A submission is the report, assessment.json (about 150 KB with the largest catalog: 1,400 values,
    9 levels deep, no text above 4,000 characters) and evidence files of at most 50 MB each (the store's
    own limit); most evidence is stored uncompressed (images, PDF, office files). The issue allows
    2 s + 1 s per 50 MB and 300 MB + the file's size of memory: the file, the reader's copy of its streams
    and the inflated attachments fit in that at these limits.
    """

    file: int = 128 * MiB  # two evidence files at the store's 50 MB limit, plus the report
    attachments: int = 1000  # a catalog has about a hundred indicators; a few files each at most
    attachment: int = 64 * MiB  # one inflated attachment: an evidence file at the store's limit, with room
    total: int = 144 * MiB  # all inflated attachments together (each name counted, even if shared)
    ratio: int = 200  # inflated / stored, beyond ratio_floor: text compresses 5-20×, zeros 1,000×
    ratio_floor: int = 1 * MiB  # small streams may compress well; only their size matters
    tree_depth: int = 16  # levels of the /EmbeddedFiles name tree (a writer makes one or two)
    tree_nodes: int = 2000  # nodes of that tree visited
    json_bytes: int = 8 * MiB  # assessment.json: 50× the largest real one
    json_depth: int = 32  # nesting of arrays and objects: 3× the real one
    json_string: int = 64 * 1024  # characters of one text: 16× the longest real one
    json_items: int = 200_000  # values (containers, members, elements): 100× the real count


DEFAULT = Limits()


class HostileInput(Exception):
    """The file is refused; `code` names the reason (snake_case), the message says it in one sentence."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------------------------------------- the file


def read_file_bounded(path: Path, limit: int = DEFAULT.file) -> bytes:
    """The bytes of the regular file at *path*, at most *limit* of them.

    A named pipe, a device, a socket or a folder (or a symlink to one) is refused from its type before it
    is opened, so that reading never blocks or runs forever; the file is opened non-blocking anyway, in case
    it is swapped between the check and the open, and its type and identity are checked again on the open
    descriptor. At most *limit* + 1 bytes are read, so a file that grows while it is read is caught.
    """
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise HostileInput("not_found", _("The file does not exist; check the path.")) from None
    except OSError as exc:
        raise _unreadable(exc) from None
    if not stat.S_ISREG(before.st_mode):
        raise _not_regular()
    if before.st_size > limit:
        raise _too_large(before.st_size)
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _not_regular()
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino) or opened.st_size > limit:
            raise _changing()
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as fh:
            data = _read_exactly(fh, opened.st_size)
            extra = fh.read(1)
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        os.close(fd)
    if extra:
        raise _too_large(limit + 1) if opened.st_size + 1 > limit else _changing()
    if len(data) != opened.st_size:
        raise _changing()
    return data


def _read_exactly(fh: io.RawIOBase, size: int) -> bytes:
    """Up to *size* bytes; one read (no copy) when the system gives them all at once, as it usually does."""
    chunks = []
    got = 0
    while got < size:
        chunk = fh.read(size - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _unreadable(exc: OSError) -> HostileInput:
    return HostileInput("unreadable", _("The file cannot be read ({reason}).").format(reason=exc.strerror))


def _not_regular() -> HostileInput:
    return HostileInput(
        "not_regular_file",
        _("This is not an ordinary file but a folder, a device or a pipe; give the submission file itself."),
    )


def _too_large(size: int) -> HostileInput:
    return HostileInput(
        "too_large", _("The file is too large ({size} MB) to be a submission.").format(size=size // MiB)
    )


def _changing() -> HostileInput:
    return HostileInput(
        "changing", _("The file changed while it was read; wait until it is fully copied and try again.")
    )


# ------------------------------------------------------------------------------------------------ the PDF


def read_attachments_bounded(
    data: bytes, limits: Limits = DEFAULT, structure: pdfobjects.pdfwalk.Walk | None = None
) -> dict[str, bytes]:
    """Every embedded file of the PDF *data*, by its name, read from the file's own objects
    (`pdfobjects`) for untrusted files.

    The document catalog is the one the last trailer names (for a submission, the layout check has proved
    the last revision to be the signed one). The /EmbeddedFiles name tree is walked without recursion,
    each kid once (a kid met twice is a loop), within depth, node and count limits; every object has the
    type it must have; each stream is inflated here (no filter or /FlateDecode only), in steps, against
    the per-file, total and ratio limits; names are plain file names, each once.
    """
    if not data.startswith(b"%PDF-"):
        raise HostileInput("not_pdf", _("This is not a PDF file."))
    try:
        table = pdfobjects.ObjectTable(data, structure)
        if "/Encrypt" in table.trailer:
            raise _encrypted()
        return _AttachmentReader(table, limits).read()
    except pdfobjects.PdfSyntaxError as exc:
        if exc.code == "too_many_values":
            raise HostileInput(
                "too_many_objects",
                _(
                    "The file holds far more objects than a submission has; "
                    "ask the sender for the file again."
                ),
            ) from None
        if exc.code == "too_deep":
            raise HostileInput(
                "too_deep", _("The file holds objects nested too deeply; ask the sender for the file again.")
            ) from None
        raise _damaged() from None
    except (ValueError, IndexError, RecursionError):  # a guard: the parser raises only PdfSyntaxError
        raise _damaged() from None


def _damaged() -> HostileInput:
    return HostileInput(
        "damaged", _("The PDF file is damaged and cannot be read; ask the sender for the file again.")
    )


def _encrypted() -> HostileInput:
    return HostileInput(
        "encrypted",
        _("The file is encrypted; a submission never is. Ask the sender for the file as it was signed."),
    )


@dataclass(slots=True)
class _AttachmentReader:
    table: pdfobjects.ObjectTable
    limits: Limits
    total: int = 0

    def read(self) -> dict[str, bytes]:
        raw_root = self.table.trailer.get("/Root")
        root = self.deref(raw_root)
        if not isinstance(raw_root, Ref) or not isinstance(root, dict):
            raise _damaged()
        names = self.deref(root.get("/Names"))
        if names is None:
            return {}
        if not isinstance(names, dict):
            raise _bad_structure()
        raw_tree = names.get("/EmbeddedFiles")
        tree = self.deref(raw_tree)
        if tree is None:
            return {}
        out: dict[str, bytes] = {}
        seen_names: set[str] = set()
        for spec in self.filespecs(tree, raw_tree if isinstance(raw_tree, Ref) else None):
            name, stream = self.filespec(spec)
            key = unicodedata.normalize("NFC", name)
            if key in seen_names:
                raise HostileInput(
                    "duplicate_name",
                    _("Two attachments of the file have the same name; ask the sender for the file again."),
                )
            seen_names.add(key)
            out[name] = self.inflate(stream)
        return out

    def deref(self, obj: Any) -> Any:
        """The object *obj* refers to, following at most a few references."""
        for _hop in range(8):
            if not isinstance(obj, Ref):
                return obj
            obj = self.table.get(obj)
        raise _loop()

    def filespecs(self, tree: Any, tree_ref: Ref | None) -> list[dict[str, Any]]:
        """The file specifications in the name tree, in order, walked with an explicit stack."""
        limits = self.limits
        out: list[dict[str, Any]] = []
        seen: set[Ref] = {tree_ref} if tree_ref else set()
        stack: list[tuple[Any, int]] = [(tree, 0)]
        visited = 0
        while stack:
            node, depth = stack.pop()
            visited += 1
            if depth > limits.tree_depth:
                raise HostileInput(
                    "too_deep",
                    _(
                        "The file's list of attachments is nested too deeply; "
                        "ask the sender for the file again."
                    ),
                )
            if visited > limits.tree_nodes:
                raise _too_many()
            if not isinstance(node, dict):
                raise _bad_structure()
            names = self.deref(node.get("/Names"))
            if names is not None and node.get("/Kids") is not None:
                raise _bad_structure()  # a node is a leaf or an inner node, never both
            if names is not None:
                if not isinstance(names, list) or len(names) % 2:
                    raise _bad_structure()
                if len(out) + len(names) // 2 > limits.attachments:
                    raise _too_many()
                for i in range(0, len(names), 2):
                    if isinstance(names[i + 1], Ref):
                        if names[i + 1] in seen:
                            raise _loop()  # one file specification listed twice
                        seen.add(names[i + 1])
                    key, spec = self.deref(names[i]), self.deref(names[i + 1])
                    if not isinstance(key, PdfString) or not isinstance(spec, dict):
                        raise _bad_structure()
                    _same_names(key, spec)
                    out.append(spec)
            kids = self.deref(node.get("/Kids"))
            if kids is not None:
                if not isinstance(kids, list):
                    raise _bad_structure()
                if visited + len(stack) + len(kids) > limits.tree_nodes:
                    raise _too_many()
                pending = []
                for kid in kids:
                    if not isinstance(kid, Ref):  # the standard: kids are references
                        raise _bad_structure()
                    if kid in seen:
                        raise _loop()
                    seen.add(kid)
                    pending.append((self.deref(kid), depth + 1))
                stack.extend(reversed(pending))
        return out

    def filespec(self, spec: dict[str, Any]) -> tuple[str, pdfobjects.Stream]:
        """The checked name and the embedded stream of one file specification."""
        kind = self.deref(spec.get("/Type"))
        if kind is not None and kind != "/Filespec":
            raise _bad_structure()
        raw_name = self.deref(spec.get("/UF"))
        if raw_name is None:
            raw_name = self.deref(spec.get("/F"))
        text = raw_name.text if isinstance(raw_name, PdfString) else None
        if text is None:
            raise _bad_name()
        name = check_attachment_name(text)
        ef = self.deref(spec.get("/EF"))
        if not isinstance(ef, dict):
            raise _bad_structure()
        raw_stream = ef.get("/UF")
        if raw_stream is None:
            raw_stream = ef.get("/F")
        elif ef.get("/F") is not None and ef.get("/F") != raw_stream:
            raise _bad_structure()  # one reader would extract /F, another /UF: they must be one stream
        stream = self.deref(raw_stream)
        if not isinstance(stream, pdfobjects.Stream):
            raise _bad_structure()
        kind = self.deref(stream.dictionary.get("/Type"))
        if kind is not None and kind != "/EmbeddedFile":
            raise _bad_structure()
        return name, stream

    def inflate(self, stream: pdfobjects.Stream) -> bytes:
        """The stream's content, decoded here within the limits."""
        limits = self.limits
        flate = self.flate(stream)
        declared = self.declared_size(stream)
        cap = min(limits.attachment, limits.total - self.total)
        if declared is not None and declared > cap:
            raise self._over(declared)
        encoded = self.table.encoded(stream)
        if not flate:
            data = bytes(encoded)
        else:
            bound = cap if declared is None else declared
            data = self._inflate(encoded, bound)
        if len(data) > cap:
            raise self._over(len(data))
        if declared is not None and declared != len(data):
            raise HostileInput(
                "size_mismatch",
                _(
                    "An attachment is not the size the file declares for it; "
                    "ask the sender for the file again."
                ),
            )
        self.total += len(data)
        return data

    def _inflate(self, encoded: memoryview, bound: int) -> bytes:
        """Inflate *encoded* in steps, stopping as soon as it passes *bound* + 1 or the ratio limit."""
        limits = self.limits
        d = zlib.decompressobj()
        chunks: list[bytes] = []
        produced = 0
        pending: Any = encoded
        step = 1 * MiB
        try:
            while not d.eof:
                chunk = d.decompress(pending, min(step, bound + 1 - produced))
                pending = d.unconsumed_tail
                chunks.append(chunk)
                produced += len(chunk)
                consumed = len(encoded) - len(pending)
                if produced > limits.ratio_floor and produced > limits.ratio * max(consumed, 1):
                    raise _bomb()
                if produced > bound:
                    break
                if not chunk and not pending:
                    break  # the input ended before the stream did
        except zlib.error:
            raise _damaged_attachment() from None
        if produced <= bound and (not d.eof or d.unused_data.strip(b" \t\r\n\f\x00")):
            raise _damaged_attachment()
        return b"".join(chunks)

    def flate(self, stream: pdfobjects.Stream) -> bool:
        """Whether the stream is deflated; any other filter, or any decoding parameter, is refused."""
        filters = self.deref(stream.dictionary.get("/Filter"))
        parms = self.deref(stream.dictionary.get("/DecodeParms"))
        if isinstance(filters, list) and len(filters) <= 1:
            filters = self.deref(filters[0]) if filters else None
        if isinstance(parms, list) and len(parms) <= 1:
            parms = self.deref(parms[0]) if parms else None
        if filters not in (None, "/FlateDecode") or parms not in (None, {}):
            raise HostileInput(
                "unsupported_filter",
                _(
                    "An attachment is encoded in a way a submission never is; "
                    "ask the sender for the file again."
                ),
            )
        return filters is not None

    def declared_size(self, stream: pdfobjects.Stream) -> int | None:
        params = self.deref(stream.dictionary.get("/Params"))
        if params is None:
            return None
        if not isinstance(params, dict):
            raise _bad_structure()
        size = self.deref(params.get("/Size"))
        if size is None:
            return None
        if type(size) is not int or size < 0:
            raise _bad_structure()
        return size

    def _over(self, size: int) -> HostileInput:
        if size > self.limits.attachment:
            return HostileInput(
                "attachment_too_large",
                _(
                    "An attachment of the file is too large for a submission; "
                    "ask the sender for the file again."
                ),
            )
        return HostileInput(
            "attachments_too_large",
            _(
                "The attachments of the file are too large together for a submission; "
                "ask the sender for the file again."
            ),
        )


def _bomb() -> HostileInput:
    return HostileInput(
        "bomb",
        _(
            "An attachment inflates far beyond its stored size (a decompression bomb); "
            "ask the sender for the file again."
        ),
    )


def _bad_structure() -> HostileInput:
    return HostileInput(
        "bad_structure", _("The file's list of attachments is damaged; ask the sender for the file again.")
    )


def _too_many() -> HostileInput:
    return HostileInput(
        "too_many_attachments",
        _("The file holds too many attachments for a submission; ask the sender for the file again."),
    )


def _loop() -> HostileInput:
    return HostileInput(
        "names_loop",
        _("The file's list of attachments goes round in a loop; ask the sender for the file again."),
    )


def _damaged_attachment() -> HostileInput:
    return HostileInput(
        "damaged_attachment", _("An attachment of the file is damaged; ask the sender for the file again.")
    )


def _same_names(key: PdfString, spec: dict[str, Any]) -> None:
    """The name a file is listed under, its /F and its /UF must tell one story: a reader that shows one
    and a reader that reads another must not see two files."""
    from dtdesktop.exchange.attachments import ascii_name

    unicode_name, legacy = spec.get("/UF"), spec.get("/F")
    listed = key.text
    if unicode_name is not None and legacy is not None:
        if not isinstance(unicode_name, PdfString) or not isinstance(legacy, PdfString):
            raise _bad_name()
        if unicode_name.text is None or legacy.text not in (unicode_name.text, ascii_name(unicode_name.text)):
            raise _bad_name()  # /F is /UF itself, or its plain-ASCII form, never another name
    given = {x.text for x in (unicode_name, legacy) if isinstance(x, PdfString)}
    if listed is None or listed not in given:
        raise _bad_name()


def _bad_name() -> HostileInput:
    return HostileInput(
        "bad_name",
        _(
            "An attachment has a name that is not a plain file name; "
            "ask the sender to rename it and send again."
        ),
    )


# ------------------------------------------------------------------------------------------------- names

MAX_NAME = 255
_WINDOWS_RESERVED = re.compile(r"(?i)(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9¹²³])(\..*)?")
_NOT_IN_NAMES = frozenset("/\\:")
_HIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def check_attachment_name(name: str) -> str:
    """*name* if it is a plain file name on every system, else HostileInput("bad_name").

    Plain: 1 to 255 characters of assigned, visible Unicode (no control, format or bidirectional
    characters, no lone surrogates, no line separators), no folder part (/ \\ :), not "." or "..", not a
    Windows device name (CON, nul.txt, COM1…), not ending with a dot or a space (Windows drops them).
    """
    if not 0 < len(name) <= MAX_NAME or name in (".", ".."):
        raise _bad_name()
    if not name.isascii():
        if any(unicodedata.category(c) in _HIDDEN_CATEGORIES for c in name):
            raise _bad_name()
    elif not name.isprintable():
        raise _bad_name()
    if _NOT_IN_NAMES.intersection(name) or name[-1] in ". " or _WINDOWS_RESERVED.fullmatch(name.rstrip(" .")):
        raise _bad_name()
    return name


# -------------------------------------------------------------------------------------------------- JSON

_BRACKETS_ONLY = bytes(c for c in range(256) if c not in b"[]{}")
_MAX_INT = 2**53
_MAX_NUMBER_TEXT = 24


def parse_json_bounded(
    raw: bytes,
    max_depth: int = DEFAULT.json_depth,
    max_string: int = DEFAULT.json_string,
    max_items: int = DEFAULT.json_items,
    max_bytes: int = DEFAULT.json_bytes,
    expect: type | None = dict,
) -> Any:
    """The JSON value in *raw*, strictly: UTF-8 without BOM, no duplicate key, only finite numbers that a
    double holds exactly, no lone surrogate, and within the size, depth, item and text limits.

    Depth and item count are read from the bytes before parsing (brackets and commas outside strings), so
    the parser never recurses deeper than *max_depth* nor builds more than *max_items* values; a number's
    digits are counted before it is converted (CPython's int() is quadratic in them).
    """
    if len(raw) > max_bytes:
        raise HostileInput(
            "too_large", _("The assessment inside the file is too large; ask the sender for the file again.")
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _bad_encoding()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad_encoding() from None
    longest = _prescan(raw, max_depth, max_items)
    try:
        value = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError:
        raise HostileInput("bad_json", _("The assessment inside the file is not valid JSON.")) from None
    except RecursionError:  # not reached after the prescan; kept so that nothing else can escape
        raise _too_deep() from None
    if expect is not None and not isinstance(value, expect):
        raise HostileInput(
            "wrong_type",
            _("The assessment inside the file is not a JSON object; ask the sender for the file again."),
        )
    if longest > max_string or _SURROGATE_ESCAPE.search(raw):
        _check_strings(value, max_string)  # the exact check, only when the bytes leave a doubt
    return value


# A surrogate can reach a parsed string only as a \uD800-\uDFFF escape (the UTF-8 was decoded strictly),
# and a text cannot have more characters than its token has bytes: so the bytes tell when all is well.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _prescan(raw: bytes, max_depth: int, max_items: int) -> int:
    """Bound the parser's work from the bytes alone: nesting depth and the number of values. Returns the
    length in bytes of the longest string token (no text can have more characters).

    Inside a JSON string every backslash starts an escape of one character, so replacing escaped
    backslashes and then escaped quotes (left to right, each by two bytes) leaves a quote only where a
    string starts or ends: the pieces between quotes alternate outside / inside, at C speed."""
    cleaned = raw.replace(b"\\\\", b"\0\0").replace(b'\\"', b"\0\0")
    pieces = cleaned.split(b'"')
    if len(pieces) % 2 == 0:
        raise HostileInput("bad_json", _("The assessment inside the file is not valid JSON."))
    skeleton = b"".join(pieces[0::2])
    longest = max(map(len, pieces[1::2]), default=0)
    openers = skeleton.count(b"[") + skeleton.count(b"{")
    closers = skeleton.count(b"]") + skeleton.count(b"}")
    if 1 + openers + skeleton.count(b",") > max_items:
        raise HostileInput(
            "too_many_items",
            _("The assessment inside the file holds too many items; ask the sender for the file again."),
        )
    if closers > openers:
        raise HostileInput("bad_json", _("The assessment inside the file is not valid JSON."))
    if openers <= max_depth:
        return longest
    depth = 0
    for b in skeleton.translate(None, _BRACKETS_ONLY):
        if b in b"[{":
            depth += 1
            if depth > max_depth:
                raise _too_deep()
        else:
            depth -= 1
    return longest


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs) or (
        not "".join(out).isascii() and len({unicodedata.normalize("NFC", k) for k in out}) != len(out)
    ):
        raise HostileInput(
            "duplicate_key",
            _("The assessment inside the file repeats a key; ask the sender for the file again."),
        )
    return out


def _int(text: str) -> int:
    if len(text) > _MAX_NUMBER_TEXT:
        raise _huge_number()
    value = int(text)
    if not -_MAX_INT <= value <= _MAX_INT:
        raise _huge_number()
    return value


def _float(text: str) -> float:
    if len(text) > _MAX_NUMBER_TEXT:
        raise _huge_number()
    value = float(text)
    if not math.isfinite(value):  # 1e400
        raise _not_finite()
    return value


def _constant(_text: str) -> Any:
    raise _not_finite()


def _check_strings(value: Any, max_string: int) -> None:
    """Every key and text: not too long, no lone surrogate (json accepts "\\ud800" and Python keeps it)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            for k, item in v.items():
                _check_string(k, max_string)
                stack.append(item)
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, str):
            _check_string(v, max_string)


def _check_string(s: str, max_string: int) -> None:
    if len(s) > max_string:
        raise HostileInput(
            "huge_string",
            _("The assessment inside the file holds a text too long; ask the sender for the file again."),
        )
    if not s.isascii():
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            raise HostileInput(
                "lone_surrogate",
                _(
                    "The assessment inside the file holds broken text (a lone surrogate); "
                    "ask the sender for the file again."
                ),
            ) from None


def _bad_encoding() -> HostileInput:
    return HostileInput(
        "bad_encoding",
        _("The assessment inside the file is not UTF-8 text; ask the sender for the file again."),
    )


def _too_deep() -> HostileInput:
    return HostileInput(
        "too_deep",
        _("The assessment inside the file is nested too deeply; ask the sender for the file again."),
    )


def _huge_number() -> HostileInput:
    return HostileInput(
        "huge_number",
        _(
            "The assessment inside the file holds a number too large to be exact; "
            "ask the sender for the file again."
        ),
    )


def _not_finite() -> HostileInput:
    return HostileInput(
        "not_finite",
        _(
            "The assessment inside the file holds a number that is not finite (NaN or Infinity); "
            "ask the sender for the file again."
        ),
    )
