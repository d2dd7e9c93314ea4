"""The gate's own reader of PDF objects: it reads what a PDF writer writes, exactly, and refuses what is
damaged or built to exhaust it."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils import generic

from dtdesktop.exchange import pdfobjects
from dtdesktop.exchange.pdfobjects import Name, PdfString, PdfSyntaxError, Ref, _Parser


def parse(raw: bytes):
    value, end = _Parser(raw).value(0, 0)
    return value, raw[end:]


def test_values_and_their_ends():
    assert parse(b"<< /Type /Filespec /F (a.pdf) /Size 12 0 R /N 12 /X -1.5 >>rest") == (
        {"/Type": "/Filespec", "/F": b"a.pdf", "/Size": Ref(12, 0), "/N": 12, "/X": -1.5},
        b"rest",
    )
    assert parse(b"[1 2 R 3 4 5 R true false null]")[0] == [Ref(1, 2), 3, Ref(4, 5), True, False, None]
    assert parse(b"/A#20B")[0] == Name("/A B")
    assert parse(b"<48 65 6c6C 6>")[0] == b"Hell`"  # white space skipped; an odd last digit is followed by 0
    assert parse(b"(a\\(b\\)c (nested) \\101\\n\\\nd)")[0] == b"a(b)c (nested) A\nd"
    assert parse(b"% a comment\n  12 ")[0] == 12


@pytest.mark.parametrize(
    "raw",
    [
        b"<< /A 1 /A 2 >>",  # a key defined twice: one reader would keep one, another the other
        b"<< (not a name) 1 >>",
        b"<< /A 1",  # never closed
        b"[1 2",
        b"(never closed",
        b"nullx",
        b"truefalse",
        b"1" * 30,  # a number of thirty digits
        b"<zz>",
        b"}",
    ],
)
def test_damaged_values_are_refused(raw):
    with pytest.raises(PdfSyntaxError) as err:
        parse(raw)
    assert err.value.code == "damaged"


def test_nesting_is_bounded():
    with pytest.raises(PdfSyntaxError) as err:
        parse(b"[" * 100_000 + b"]" * 100_000)
    assert err.value.code == "too_deep"
    assert parse(b"[" * pdfobjects.MAX_DEPTH + b"]" * pdfobjects.MAX_DEPTH)[1] == b""


def test_text_strings():
    assert PdfString("Biên bản".encode("utf-16-be")).text is None  # no BOM: PDFDocEncoding bytes, not text
    assert PdfString(b"\xfe\xff" + "Biên bản".encode("utf-16-be")).text == "Biên bản"
    assert PdfString(b"\xef\xbb\xbf" + "ảnh.jpg".encode()).text == "ảnh.jpg"
    assert PdfString(b"plain.txt").text == "plain.txt"
    assert PdfString(b"\xfe\xff\xd8\x00").text is None  # a lone surrogate is not text


_NAMES = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=8)
_LEAVES = st.one_of(
    st.integers(-(10**9), 10**9).map(generic.NumberObject),
    st.booleans().map(generic.BooleanObject),
    st.just(generic.NullObject()),
    _NAMES.map(lambda n: generic.NameObject("/" + n)),
    st.binary(max_size=40).map(generic.ByteStringObject),
    # No control characters: PDFDocEncoding has no U+0000, which the writer would encode as 0xAD (a name
    # never holds one: attachment names are refused with them).
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).map(generic.TextStringObject),
    st.tuples(st.integers(1, 999), st.integers(0, 3)).map(lambda r: ("ref", *r)),
)


def _objects():
    return st.recursive(
        _LEAVES,
        lambda inner: (
            st.lists(inner, max_size=4).map(generic.ArrayObject)
            | st.dictionaries(_NAMES.map(lambda n: generic.NameObject("/" + n)), inner, max_size=4).map(
                generic.DictionaryObject
            )
        ),
        max_leaves=12,
    )


def _write(obj) -> bytes:
    if isinstance(obj, tuple):
        return b"%d %d R" % obj[1:]
    if isinstance(obj, generic.ArrayObject):
        return b"[" + b" ".join(_write(x) for x in obj) + b"]"
    if isinstance(obj, generic.DictionaryObject):
        return b"<<" + b"".join(_write(k) + b" " + _write(v) for k, v in dict.items(obj)) + b">>"
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


def _expected(obj):
    if isinstance(obj, tuple):
        return Ref(obj[1], obj[2])
    if isinstance(obj, generic.ArrayObject):
        return [_expected(x) for x in obj]
    if isinstance(obj, generic.DictionaryObject):
        return {str(k): _expected(v) for k, v in dict.items(obj)}
    if isinstance(obj, generic.NullObject):
        return None
    if isinstance(obj, generic.BooleanObject):
        return bool(obj)
    if isinstance(obj, generic.TextStringObject):
        return str(obj)
    return obj


def _comparable(value):
    if isinstance(value, PdfString):
        return value.text if value.text is not None else bytes(value)
    if isinstance(value, list):
        return [_comparable(x) for x in value]
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    return value


@settings(max_examples=300, deadline=None)
@given(_objects())
def test_reads_exactly_what_a_pdf_writer_writes(obj):
    value, rest = parse(_write(obj) + b" ")
    assert rest == b" "
    expected = _expected(obj)
    got = _comparable(value)
    if isinstance(obj, generic.ByteStringObject):
        assert bytes(value) == bytes(obj)
    elif isinstance(obj, generic.TextStringObject | generic.ByteStringObject):
        assert got == expected
    else:
        assert _loose(got) == _loose(expected)


def _loose(value):
    """Strings compared as text when they are text, as bytes otherwise (a writer picks either form)."""
    if isinstance(value, generic.ByteStringObject):
        text = PdfString(bytes(value)).text
        return text if text is not None else bytes(value)
    if isinstance(value, list):
        return [_loose(x) for x in value]
    if isinstance(value, dict):
        return {k: _loose(v) for k, v in value.items()}
    return value
