"""The report's typeface: Tinos (metric-compatible with Times New Roman, Apache-2.0), shipped and embedded.

The standard 14 PDF fonts have no Vietnamese glyphs, so every piece of text, charts and the signature
stamp included, is set in Tinos; ReportLab embeds a subset of each face it uses.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dtdesktop.i18n import _
from dtdesktop.paths import resource_dir
from dtdesktop.reports.errors import ReportError

FAMILY = "Tinos"
REGULAR = "Tinos"
BOLD = "Tinos-Bold"
ITALIC = "Tinos-Italic"
BOLD_ITALIC = "Tinos-BoldItalic"
STAMP = "NotoSerif"  # pyHanko lays out Tinos with wrong advances; Noto Serif it sets right
_FILES = {
    REGULAR: "Tinos-Regular.ttf",
    BOLD: "Tinos-Bold.ttf",
    ITALIC: "Tinos-Italic.ttf",
    BOLD_ITALIC: "Tinos-BoldItalic.ttf",
    STAMP: "NotoSerif-Vietnamese.ttf",
}


def font_path(face: str = REGULAR) -> Path:
    """The TrueType file of *face*; a ReportError names the missing file."""
    path = resource_dir("resources") / "fonts" / _FILES[face]
    if not path.is_file():
        raise ReportError(_("The font file {file} is missing; reinstall dtdesktop.").format(file=path))
    return path


@cache
def register() -> str:
    """Register the Tinos family with ReportLab once (so <b> and <i> work); return the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for face in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        try:
            pdfmetrics.registerFont(TTFont(face, str(font_path(face))))
        except TTFError:
            raise ReportError(
                _("The font file {file} is damaged; reinstall dtdesktop.").format(file=font_path(face))
            ) from None
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, face)
    return FAMILY
