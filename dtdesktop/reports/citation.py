"""How a report names the documents it rests on, the administrative way: "Quyết định số 1829/QĐ-UBND ngày
30/5/2023 của Ủy ban nhân dân tỉnh Thanh Hóa về việc ban hành …".

A catalog records its documents for the reader of the catalog: a title may carry the compiler's remarks in
brackets (where the number was read, what is not known), a number field may say that no number is known.
None of that belongs in a document a People's Committee signs; the report's appendix carries it instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dtdesktop.catalogs.model import Document
from dtdesktop.text import format_long_date, traditional_tones

# The kind of document by the abbreviation in its number (Decree 30/2020/NĐ-CP, Appendix III).
_KINDS = {
    "NQ": ("Nghị quyết", "Resolution"),
    "QĐ": ("Quyết định", "Decision"),
    "NĐ": ("Nghị định", "Decree"),
    "TT": ("Thông tư", "Circular"),
    "CT": ("Chỉ thị", "Directive"),
    "KH": ("Kế hoạch", "Plan"),
    "HD": ("Hướng dẫn", "Guidance"),
    "TB": ("Thông báo", "Notice"),
    "BC": ("Báo cáo", "Report"),
}
# Issuing bodies the abbreviation after the kind names outright.
_ISSUERS = {
    "TTg": ("Thủ tướng Chính phủ", "the Prime Minister"),
    "CP": ("Chính phủ", "the Government"),
    "BTTTT": ("Bộ Thông tin và Truyền thông", "the Ministry of Information and Communications"),
    "BKHCN": ("Bộ Khoa học và Công nghệ", "the Ministry of Science and Technology"),
}
_NUMBER = re.compile(r"^\d+[-/](?P<kind>[A-ZĐ]+)[-/](?P<body>[A-Za-zĐ]+)$")
_BRACKETS = re.compile(r"\s*\(([^()]*)\)")
_KEPT_BRACKETS = re.compile(r"^(phiên bản|version)\b|^[A-ZĐ0-9-]{2,10}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Parts:
    kind: str  # "Quyết định", or "" when neither the number nor the title says
    rest: str  # the title after the kind: "về việc ban hành …", "của Ban Thường vụ … về …"


def clean_title(title: str) -> str:
    """A title without the remarks in brackets that a compiler added; an edition ("phiên bản 1.0") or an
    abbreviation ("DTI") in brackets is part of the name and stays."""

    def keep(match: re.Match[str]) -> str:
        return match.group() if _KEPT_BRACKETS.search(match.group(1).strip()) else ""

    return " ".join(_BRACKETS.sub(keep, traditional_tones(title)).split())


def has_number(doc: Document) -> bool:
    """The document's number is a real one ("1829/QĐ-UBND"), not a note that none is known."""
    return bool(_NUMBER.match(doc.number.strip()))


def cite(doc: Document, lang: str) -> str:
    """The document as running text cites it: kind, number, date, issuer, then its summary."""
    number = doc.number.strip() if has_number(doc) else ""
    title = clean_title(doc.title.get(lang))
    parts = _split(title, number, lang)
    words = [parts.kind] if parts.kind else []
    if number:
        words.append(f"số {number}" if lang == "vi" else number)
    if doc.date:
        date = cited_date(dt.date.fromisoformat(doc.date), lang)
        words.append(f"ngày {date}" if lang == "vi" else f"of {date}")
    rest = parts.rest
    issuer = _issuer(number, doc.title.vi, lang)
    if issuer and not rest.lower().startswith(("của ", "of ")):
        words.append(f"của {issuer}" if lang == "vi" else f"of {issuer}")
    words.append(rest)
    return " ".join(w for w in words if w)


def _split(title: str, number: str, lang: str) -> _Parts:
    match = _NUMBER.match(number)
    kinds = [_KINDS[match["kind"]]] if match and match["kind"] in _KINDS else list(_KINDS.values())
    index = 0 if lang == "vi" else 1
    for names in kinds:
        name = names[index]
        if title.lower().startswith(name.lower() + " "):
            return _Parts(name, title[len(name) :].strip())
    kind = kinds[0][index] if match and len(kinds) == 1 else ""
    if not kind:
        return _Parts("", title)
    about = ("về ", "về việc ") if lang == "vi" else ("on ",)
    if title.lower().startswith(about):
        return _Parts(kind, title[:1].lower() + title[1:])
    return _Parts(kind, ("về " if lang == "vi" else "on ") + title)


def _issuer(number: str, title_vi: str, lang: str) -> str:
    match = _NUMBER.match(number)
    if not match:
        return ""
    body = match["body"]
    if body in _ISSUERS:
        return _ISSUERS[body][0 if lang == "vi" else 1]
    province = _province(title_vi)
    if not province:
        return ""
    if body == "UBND":
        return (
            f"Ủy ban nhân dân tỉnh {province}"
            if lang == "vi"
            else f"the {province} Provincial People's Committee"
        )
    if body == "TU":
        return f"Tỉnh ủy {province}" if lang == "vi" else f"the {province} Provincial Party Committee"
    return ""


def _province(title_vi: str) -> str:
    """The province a title names: "… trên địa bàn tỉnh Thanh Hóa" → "Thanh Hóa"."""
    words = traditional_tones(title_vi).replace(",", " ").split()
    for i, word in enumerate(words[:-1]):
        if word == "tỉnh":
            name = []
            for w in words[i + 1 :]:
                if not w[:1].isupper():
                    break
                name.append(w)
            if name:
                return " ".join(name)
    return ""


def cited_date(date: dt.date, lang: str) -> str:
    """A cited document's date: 30/5/2023, 06/9/2023, 20/01/2022 (Decree 30 pads a day below 10 and the
    months 1 and 2), or 30 May 2023 in English."""
    if lang == "en":
        return format_long_date(date, "en")
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"{date.day:02d}/{month}/{date.year}"
