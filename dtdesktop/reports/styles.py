"""Page and paragraph styles of an administrative document (Decree 30/2020/NĐ-CP, Appendix I).

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; body 14 pt with the first line indented
1 cm and 6 pt between paragraphs; the header's names 12–13 pt bold; the date line 14 pt italic.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm

from dtdesktop.reports import fonts

PAGE = A4
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
FRAME_WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT


@dataclass(frozen=True)
class Styles:
    header: ParagraphStyle
    header_bold: ParagraphStyle
    number: ParagraphStyle
    date_line: ParagraphStyle
    doc_type: ParagraphStyle
    doc_title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    item: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    recipients_head: ParagraphStyle
    recipients: ParagraphStyle
    signer: ParagraphStyle
    signer_name: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle


def make() -> Styles:
    """The styles, with Tinos registered first."""
    fonts.register()
    regular, bold, italic = fonts.REGULAR, fonts.BOLD, fonts.ITALIC

    def style(name: str, **kw: object) -> ParagraphStyle:
        base = {"fontName": regular, "fontSize": 14, "leading": 17, "alignment": TA_LEFT}
        base.update(kw)
        return ParagraphStyle(name, **base)  # type: ignore[arg-type]

    return Styles(
        header=style("header", fontSize=12.5, leading=15, alignment=TA_CENTER),
        header_bold=style("header_bold", fontName=bold, fontSize=12.5, leading=15, alignment=TA_CENTER),
        number=style("number", fontSize=13, leading=16, alignment=TA_CENTER),
        date_line=style("date_line", fontName=italic, fontSize=14, leading=17, alignment=TA_CENTER),
        doc_type=style("doc_type", fontName=bold, fontSize=14, leading=17, alignment=TA_CENTER),
        doc_title=style("doc_title", fontName=bold, fontSize=14, leading=17, alignment=TA_CENTER),
        heading=style("heading", fontName=bold, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        body=style("body", alignment=TA_JUSTIFY, firstLineIndent=1 * cm, spaceBefore=6, leading=18),
        bullet=style("bullet", alignment=TA_JUSTIFY, firstLineIndent=1 * cm, spaceBefore=3, leading=18),
        item=style("item", alignment=TA_JUSTIFY, leftIndent=1 * cm, spaceBefore=2, leading=17),
        cell=style("cell", fontSize=10.5, leading=12.5),
        cell_center=style("cell_center", fontSize=10.5, leading=12.5, alignment=TA_CENTER),
        cell_head=style("cell_head", fontName=bold, fontSize=10.5, leading=12.5, alignment=TA_CENTER),
        recipients_head=style("recipients_head", fontName=fonts.BOLD_ITALIC, fontSize=12, leading=14),
        recipients=style("recipients", fontSize=11, leading=13),
        signer=style("signer", fontName=bold, fontSize=14, leading=17, alignment=TA_CENTER),
        signer_name=style("signer_name", fontName=bold, fontSize=14, leading=17, alignment=TA_CENTER),
        small=style("small", fontSize=11, leading=13, alignment=TA_JUSTIFY),
        caption=style("caption", fontName=italic, fontSize=12, leading=14, alignment=TA_CENTER),
    )
