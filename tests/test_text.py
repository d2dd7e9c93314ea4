"""Vietnamese numbers and dates, NFC and diacritic folding."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtdesktop.text import (
    fold,
    format_date,
    format_number,
    format_percent,
    nfc,
    parse_date,
    parse_decimal,
    traditional_tones,
)


def test_numbers_and_dates_the_vietnamese_way():
    assert format_percent(34.8712) == "34,87%"
    assert format_percent(34.8712, "en") == "34.87%"
    assert format_number(1234567.5) == "1.234.567,5"
    assert format_number(20.0) == "20"
    assert format_date(dt.date(2025, 12, 31)) == "31/12/2025"


@pytest.mark.parametrize(
    ("text", "value"),
    [("34,87", 34.87), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("60", 60.0), (" 7 ", 7.0)],
)
def test_parse_decimal(text, value):
    assert parse_decimal(text) == value


def test_parse_date():
    assert parse_date("05/03/2026") == dt.date(2026, 3, 5)
    assert parse_date("2026-03-05") == dt.date(2026, 3, 5)
    with pytest.raises(ValueError):
        parse_date("5 tháng 3")


def test_nfc_and_fold():
    decomposed = unicodedata.normalize("NFD", "Thanh Hoá")
    assert nfc(decomposed) == "Thanh Hoá" != decomposed
    assert fold("Đông Sơn") == fold("dong son") == "dong son"
    assert fold("THANH HÓA") == fold("Thanh Hoá")


TONES = "\u0300\u0301\u0303\u0309\u0323"
ONSETS = ("", "h", "th", "kh", "t", "ng", "x", "l", "q", "qu", "gi", "H", "TH", "Ng")
NUCLEI = ("oa", "oe", "uy", "a", "o", "e", "u", "y", "ua", "ia", "oă", "uyê", "oai", "ươ", "OA", "UY", "Oe")
CODAS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "u", "y", "NG")


def _syllable(onset: str, nucleus: str, coda: str, tone: str, on: int) -> str:
    """A Vietnamese-shaped syllable with *tone* on the vowel at index *on* of the nucleus (any placement)."""
    marked = nucleus[: on + 1] + tone + nucleus[on + 1 :]
    return nfc(onset + marked + coda)


syllables = st.builds(
    _syllable,
    st.sampled_from(ONSETS),
    st.sampled_from(NUCLEI),
    st.sampled_from(CODAS),
    st.sampled_from(("", *TONES)),
    st.integers(0, 2),
)
texts = st.lists(st.one_of(syllables, st.text(max_size=4)), max_size=8).map(" ".join)


def _toneless(text: str) -> str:
    return nfc("".join(c for c in unicodedata.normalize("NFD", text) if c not in TONES))


def _tones(text: str) -> list[str]:
    return [c for c in unicodedata.normalize("NFD", text) if c in TONES]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanh Hoá", "Thanh Hóa"),
        ("TỈNH THANH HOÁ", "TỈNH THANH HÓA"),
        ("Thuỷ Nguyên", "Thủy Nguyên"),
        ("Hoà Bình", "Hòa Bình"),
        ("sức khoẻ", "sức khỏe"),
        ("Uỷ ban", "Ủy ban"),
        ("kế hoạch", "kế hoạch"),
        ("quý, quỳ", "quý, quỳ"),
        ("Hoằng Hoá, hoàng, thuyền, ngoài, khuỷu", "Hoằng Hóa, hoàng, thuyền, ngoài, khuỷu"),
        ("Thanh Hóa", "Thanh Hóa"),
    ],
)
def test_tone_marks_the_way_state_documents_place_them(text, expected):
    assert traditional_tones(text) == expected
    assert traditional_tones(unicodedata.normalize("NFD", text)) == expected


@given(texts)
def test_traditional_tones_is_idempotent_and_nfc(text):
    once = traditional_tones(text)
    assert traditional_tones(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert traditional_tones(unicodedata.normalize("NFD", text)) == once


@given(texts)
def test_traditional_tones_moves_tone_marks_only(text):
    out = traditional_tones(text)
    assert _toneless(out) == _toneless(text)
    assert len(out.split(" ")) == len(text.split(" "))
    for before, after in zip(nfc(text).split(" "), out.split(" "), strict=True):
        assert sorted(_tones(after)) == sorted(_tones(before))


@given(syllables.filter(lambda s: _toneless(s)[-1:].lower() in set("cmnpgth")))
def test_a_syllable_with_a_final_consonant_is_left_alone(syllable):
    assert traditional_tones(syllable) == syllable
