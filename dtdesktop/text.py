"""Text at the boundaries: NFC, diacritic folding for search, Vietnamese number and date formats."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Any

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng (NFD)
_OPEN_PAIRS = ("oa", "oe", "uy")  # the rhymes whose mark state documents put on the first vowel
_WORD = re.compile(r"[^\W\d_]+")


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC: decomposed Vietnamese compares unequal and renders badly."""
    return unicodedata.normalize("NFC", text)


def nfc_deep(value: Any) -> Any:
    """Normalise every string (and mapping key) inside nested lists and dicts to NFC."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc_deep(k): nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [nfc_deep(v) for v in value]
    return value


def traditional_tones(text: str) -> str:
    """Put the tone mark of an open "oa", "oe", "uy" on its first vowel ("Hoá" → "Hóa", "Thuỷ" → "Thủy",
    "khoẻ" → "khỏe"), as state documents write place names; NFC out.

    The unit list writes the new placement and the catalogs the traditional one, so without one rule a
    report would spell its own commune two ways. "quý", "quỳ" keep the mark (the u belongs to "qu"), and a
    syllable with a final consonant ("hoàng", "thuyền") or a third vowel ("ngoài") is not touched.
    """
    return nfc(_WORD.sub(_traditional_syllable, nfc(text)))


def _traditional_syllable(match: re.Match[str]) -> str:
    word = match.group()
    decomposed = unicodedata.normalize("NFD", word)
    if len(decomposed) < 3 or decomposed[-1] not in _TONES:
        return word  # the mark of an open "oa"/"oe"/"uy" in the new placement is the last character
    tone, letters = decomposed[-1], decomposed[:-1]
    if any(c in _TONES for c in letters) or letters[-2:].lower() not in _OPEN_PAIRS:
        return word
    if letters[-3:-2].lower() == "q":
        return word  # "quý": the u is part of the consonant
    return letters[:-1] + tone + letters[-1]


def fold(text: str) -> str:
    """Lowercase and strip diacritics so that "thanh hoa" matches "Thanh Hóa" (đ folds to d)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def format_number(value: float, decimals: int = 2, lang: str = "vi") -> str:
    """Format a number the Vietnamese way (1.234,5) or the English way (1,234.5); trailing zeros dropped."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def format_plain(value: float, lang: str = "vi") -> str:
    """A number as typed into a field: no thousands separator (1.234 would read as a decimal), decimal
    comma in Vietnamese, trailing zeros dropped: 1234,5."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "vi" else text


def format_percent(value: float, lang: str = "vi") -> str:
    """Format a percentage with two decimals: 34,87% in Vietnamese, 34.87% in English."""
    text = f"{value:,.2f}"
    if lang == "vi":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text + "%"


def format_date(value: _dt.date, lang: str = "vi") -> str:
    """Format a date as 31/12/2025 (Vietnamese) or 2025-12-31 (English, unambiguous)."""
    if lang == "vi":
        return value.strftime("%d/%m/%Y")
    return value.isoformat()


def parse_date(text: str) -> _dt.date:
    """Parse a date typed as 31/12/2025, 31-12-2025 or 2025-12-31; raise ValueError otherwise."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return _dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


_DECIMAL = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")


def parse_decimal(text: str) -> float:
    """Parse a number typed either way: "34,87", "34.87", "1.234,5" or "1,234.5"; raise ValueError."""
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _DECIMAL.fullmatch(t):  # ASCII digits only: float() would also take "1e3", "1_000" and "١٢"
        raise ValueError(text)
    if "," in t and "." in t:
        t = t.replace(".", "").replace(",", ".") if t.rfind(",") > t.rfind(".") else t.replace(",", "")
    elif "," in t:
        t = t.replace(",", ".") if t.count(",") == 1 else t.replace(",", "")
    elif t.count(".") > 1:
        t = t.replace(".", "")
    return float(t)


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_long_date(value: _dt.date, lang: str = "vi") -> str:
    """The date line of an administrative document: "ngày 05 tháng 3 năm 2026" or "5 March 2026".

    Decree 30/2020/NĐ-CP writes a day below 10 and the months 1 and 2 with a leading zero.
    """
    if lang == "vi":
        month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
        return f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def safe(text: str, limit: int = 300) -> str:
    """Text from outside made safe to print in a message: invisible characters (controls, format and
    bidirectional marks, line separators) shown as escapes, so that no fake line or colour reaches a
    terminal, and cut at *limit* characters, so that a megabyte of text cannot drown the message."""
    out = []
    for ch in text[:limit]:
        if ch.isprintable() and unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out) + ("…" if len(text) > limit else "")
