"""The parts of an administrative document that Decree 30/2020/NĐ-CP fixes: the header (issuing body,
national title and motto, number, place and date), the title, the recipients and the signer's block.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from dtdesktop import __version__
from dtdesktop.i18n import _, current_language
from dtdesktop.profile import capacity_for
from dtdesktop.reports import fonts
from dtdesktop.reports.styles import (
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE,
    Styles,
)
from dtdesktop.text import fold, format_long_date, traditional_tones

# The English name of each kind of commune-level unit, by the Vietnamese word it starts with.
_UNIT_KINDS_EN = (
    ("Đặc khu", "Special Zone"),
    ("Thị trấn", "Township"),
    ("Phường", "Ward"),
    ("Xã", "Commune"),
    ("Tỉnh", "Province"),  # a province publishing its criteria
    ("Thành phố", "City"),
)

SIGNATURE_HEIGHT = 30 * mm


@dataclass(frozen=True, slots=True)
class SignaturePlace:
    """Where the signature stands: a page (0-based) and a box in PDF points (x1, y1, x2, y2)."""

    page: int
    box: tuple[float, float, float, float]


class SignatureSpace(Flowable):
    """The empty space above the signer's name; it remembers where it was drawn for the signature field."""

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height
        self.place: SignaturePlace | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self.place = SignaturePlace(page, (x, y, x + self.width, y + self.height))


class CenteredRule(Flowable):
    """The short solid line under the issuing body, the motto and the title."""

    def __init__(self, length: float, width: float):
        super().__init__()
        self.length, self.width = length, width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, 5

    def draw(self) -> None:
        self.canv.setLineWidth(0.6)
        start = (self.width - self.length) / 2
        self.canv.line(start, 1, start + self.length, 1)


def unit_kind_en(full_name: str) -> str:
    for vi, en in _UNIT_KINDS_EN:
        if full_name.startswith(vi):
            return en
    return "Commune"


def unit_in_text(full_name: str, name: str, lang: str) -> str:
    """The unit in running text: "xã Hoằng Hóa", "Hoằng Hóa commune"."""
    full_name, name = traditional_tones(full_name), traditional_tones(name)
    if lang == "en":
        return f"{name} {unit_kind_en(full_name).lower()}"
    kind, _sep, rest = full_name.partition(" ")
    return f"{kind.lower()} {rest}" if rest else full_name


def issuing_body(full_name: str, name: str, lang: str) -> tuple[str, str]:
    """The two lines of the issuing body: ("ỦY BAN NHÂN DÂN", "XÃ HOẰNG HÓA")."""
    full_name, name = traditional_tones(full_name), traditional_tones(name)
    if lang == "en":
        return "PEOPLE'S COMMITTEE", f"OF {name.upper()} {unit_kind_en(full_name).upper()}"
    return "ỦY BAN NHÂN DÂN", full_name.upper()


def committee_name(full_name: str, name: str, lang: str) -> str:
    """The committee in running text: "Ủy ban nhân dân xã Hoằng Hóa"."""
    full_name, name = traditional_tones(full_name), traditional_tones(name)
    if lang == "en":
        return f"the People's Committee of {name} {unit_kind_en(full_name)}"
    kind, _sep, rest = full_name.partition(" ")
    return f"Ủy ban nhân dân {kind.lower()} {rest}" if rest else f"Ủy ban nhân dân {full_name}"


_COMMITTEE_BLOCKS = {
    "vi": {
        "chair": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        "vice_chair": ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        "by_order": ("TL. CHỦ TỊCH",),
        "by_authority": ("TUQ. CHỦ TỊCH",),
    },
    "en": {
        "chair": ("ON BEHALF OF THE PEOPLE'S COMMITTEE", "CHAIRPERSON"),
        "vice_chair": ("ON BEHALF OF THE PEOPLE'S COMMITTEE", "FOR THE CHAIRPERSON", "VICE CHAIRPERSON"),
        "by_order": ("BY ORDER OF THE CHAIRPERSON",),
        "by_authority": ("AUTHORISED BY THE CHAIRPERSON",),
    },
}


def signer_heading(title: str, lang: str, capacity: str = "") -> list[str]:
    """The lines above the signature, as Decree 30 (Appendix I) writes them for a People's Committee, a
    collective body: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    or "TL. CHỦ TỊCH" / "TUQ. CHỦ TỊCH" above a civil servant's own position. *capacity* (see
    `profile.CAPACITIES`) says which; without it the position decides, and a department's director or
    deputy director signs as the head of a body led by one person."""
    folded = fold(title)
    if not capacity:
        if folded.startswith(("pho giam doc", "deputy director")):
            return (
                ["FOR THE DIRECTOR", "DEPUTY DIRECTOR"] if lang == "en" else ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
            )
        if folded.startswith(("giam doc", "director")):
            return ["DIRECTOR"] if lang == "en" else ["GIÁM ĐỐC"]
        if folded.startswith(("chu tich", "pho chu tich", "chair", "vice chair", "vice-chair")):
            capacity = capacity_for(title)
    lines = _COMMITTEE_BLOCKS["en" if lang == "en" else "vi"].get(capacity)
    if lines is None:
        return [title.upper()] if title else []
    if capacity in ("by_order", "by_authority") and title:
        return [*lines, title.upper()]
    return list(lines)


def header(st: Styles, full_name: str, name: str, number: str, issued: dt.date, lang: str) -> list[Flowable]:
    """A People's Committee's header: the two-column header and nothing else (the title follows)."""
    return header_of(
        st, issuing_body(full_name, name, lang), traditional_tones(name), number, issued, parent=False
    )


def header_of(
    st: Styles, body: tuple[str, str], place: str, number: str, issued: dt.date, parent: bool
) -> list[Flowable]:
    """The two-column header of any issuing body. With *parent*, the first line is the body it answers to,
    in capitals but not bold ("UBND TỈNH THANH HÓA" above "SỞ KHOA HỌC VÀ CÔNG NGHỆ"); else both lines
    are the body's own name, bold ("ỦY BAN NHÂN DÂN" / "XÃ HOẰNG HÓA")."""
    body1, body2 = (escape(traditional_tones(t)) for t in body)
    nation = _("SOCIALIST REPUBLIC OF VIET NAM")
    motto = _("Independence - Freedom - Happiness")
    motto_width = stringWidth(motto, st.header_bold.fontName, 13.5)
    body_width = max(stringWidth(body2, st.header_bold.fontName, st.header_bold.fontSize), 40)
    left_w, right_w = 68 * mm, FRAME_WIDTH - 68 * mm
    place_date = escape(
        _("{place}, {date}").format(
            place=traditional_tones(place), date=format_long_date(issued, current_language())
        )
    )
    left = [
        Paragraph(body1, st.header if parent else st.header_bold),
        Paragraph(body2, st.header_bold),
        CenteredRule(body_width * 0.4, left_w),
    ]
    motto_style = st.header_bold.clone("motto", fontSize=13.5, leading=16)
    right = [
        Paragraph(nation, st.header_bold),
        Paragraph(motto, motto_style),
        CenteredRule(motto_width, right_w),
    ]
    table = Table(
        [
            [left, right],
            [
                Paragraph(escape(_("No.: {number}").format(number=traditional_tones(number))), st.number),
                Paragraph(place_date, st.date_line),
            ],
        ],
        colWidths=[left_w, right_w],
    )
    table.setStyle(_layout_style(("TOPPADDING", (0, 1), (-1, 1), 6)))
    return [table, Spacer(1, 8 * mm)]


def _layout_style(*extra: tuple) -> TableStyle:
    """A borderless table used only to place blocks side by side, as the decree's layout has them."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            *extra,
        ]
    )


def title(st: Styles, doc_type: str, subject: str) -> list[Flowable]:
    """The kind of document and its summary (trích yếu), with a short line beneath."""
    width = min(stringWidth(subject, st.doc_title.fontName, st.doc_title.fontSize), FRAME_WIDTH * 0.8)
    return [
        Paragraph(escape(doc_type), st.doc_type),
        Paragraph(escape(traditional_tones(subject)), st.doc_title),
        Spacer(1, 2),
        CenteredRule(width * 0.3, FRAME_WIDTH),
        Spacer(1, 6 * mm),
    ]


def closing(
    st: Styles, recipients: list[str], signer_title: str, signer_name: str, lang: str, capacity: str = ""
) -> tuple[Flowable, SignatureSpace]:
    """The recipients ("Nơi nhận") on the left, the signer's block on the right; kept on one page together."""
    left: list[Flowable] = [Paragraph(_("Recipients:"), st.recipients_head)]
    for i, item in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        left.append(Paragraph(escape(f"- {traditional_tones(item).rstrip(';.')}{end}"), st.recipients))
    left_w = 72 * mm
    right_w = FRAME_WIDTH - left_w
    space = SignatureSpace(right_w - 16 * mm, SIGNATURE_HEIGHT)
    heading = signer_heading(traditional_tones(signer_title), lang, capacity)
    right: list[Flowable] = [Paragraph(escape(line), st.signer) for line in heading]
    right += [Spacer(1, 2 * mm), _Centered(space, right_w), Spacer(1, 2 * mm)]
    right.append(Paragraph(escape(traditional_tones(signer_name)), st.signer_name))
    table = Table([[left, right]], colWidths=[left_w, right_w])
    table.setStyle(_layout_style())
    return KeepTogether([Spacer(1, 6 * mm), table]), space


class _Centered(Flowable):
    """Centre a fixed-width flowable in a wider column."""

    def __init__(self, inner: Flowable, width: float):
        super().__init__()
        self.inner, self.width = inner, width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, h = self.inner.wrap(avail_width, avail_height)
        self.height = h
        return self.width, h

    def draw(self) -> None:
        w, _h = self.inner.wrap(self.width, self.height)
        self.inner.drawOn(self.canv, (self.width - w) / 2, 0)


def draft_mark(canvas, text: str, page_width: float, top: float) -> None:
    """The "DỰ THẢO" box in the top right corner of the first page of a preview."""
    canvas.saveState()
    canvas.setFont(fonts.BOLD, 12)
    width = stringWidth(text, fonts.BOLD, 12) + 12
    x = page_width - 15 * mm - width
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.8)
    canvas.rect(x, top - 4, width, 18)
    canvas.drawString(x + 6, top + 1, text)
    canvas.restoreState()


def write_document(
    story: list[Flowable], title: str, lang: str, author: str = "", subject: str = "", first_page=None
) -> SimpleDocTemplate:
    """Lay out *story* on A4 with the decree's margins, Arabic page numbers centred in the top margin from
    the second page on; returns the template (its `buf` holds the PDF, its `page` the page count).
    OSError (a font file gone between registering and embedding) is the caller's to word."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator=f"dtdesktop {__version__}",
        lang="en-GB" if lang == "en" else "vi-VN",
        initialFontName=fonts.REGULAR,
    )
    doc.buf = buf
    doc.build(
        story,
        onFirstPage=first_page or (lambda _canvas, _doc: None),
        onLaterPages=_page_number,
        canvasmaker=partial(Canvas, initialFontName=fonts.REGULAR, initialFontSize=12),
    )
    return doc


def _page_number(canvas: Canvas, _doc) -> None:
    canvas.saveState()
    canvas.setFont(fonts.REGULAR, 13)
    center = MARGIN_LEFT + FRAME_WIDTH / 2
    canvas.drawCentredString(center, PAGE[1] - MARGIN_TOP / 2 - 4, str(canvas.getPageNumber()))
    canvas.restoreState()
