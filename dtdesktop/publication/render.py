"""The readable part of a criteria decision: the province's decision (QUYẾT ĐỊNH Về việc ban hành Bộ tiêu
chí …) in the layout of Decree 30/2020/NĐ-CP, its bases and three articles, and the criteria set as an
annex table a person can check against the catalog the file carries."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from dtdesktop.catalogs.model import Catalog, Indicator
from dtdesktop.i18n import _, using
from dtdesktop.publication.document import Publication
from dtdesktop.reports import decree30
from dtdesktop.reports.citation import cite, clean_title
from dtdesktop.reports.decree30 import SignaturePlace
from dtdesktop.reports.errors import ReportError
from dtdesktop.reports.report import _grid_style
from dtdesktop.reports.styles import FRAME_WIDTH, PAGE, make
from dtdesktop.scoring.display import target_text
from dtdesktop.text import format_long_date, nfc, traditional_tones


@dataclass(frozen=True, slots=True)
class Province:
    """The issuing province as the header and the running text name it."""

    full_name: str  # "Tỉnh Thanh Hóa"
    name: str  # "Thanh Hóa"


@dataclass(frozen=True, slots=True)
class RenderedDecision:
    pdf: bytes
    signature: SignaturePlace


def render(
    pub: Publication,
    catalog: Catalog,
    province: Province,
    capacity: str,
    lang: str = "vi",
    draft: bool = False,
) -> RenderedDecision:
    """Lay out the decision publishing *catalog*; *capacity* is "chair" or "vice_chair" (who signs for the
    committee); a *draft* is marked so in its top corner."""
    with using(lang):
        return _Decision(pub, catalog, province, capacity, lang, draft).build()


class _Decision:
    def __init__(
        self, pub: Publication, catalog: Catalog, province: Province, capacity: str, lang: str, draft: bool
    ):
        self.pub, self.c, self.province, self.capacity, self.lang, self.draft = (
            pub,
            catalog,
            province,
            capacity,
            lang,
            draft,
        )
        self.st = make()
        self.centered_bold = self.st.body.clone(
            "centered_bold", alignment=TA_CENTER, fontName=self.st.signer.fontName
        )

    def build(self) -> RenderedDecision:
        st, pub = self.st, self.pub
        story: list[Flowable] = []
        body = decree30.issuing_body(self.province.full_name, self.province.name, self.lang)
        story += decree30.header_of(st, body, self.province.name, pub.number, pub.issued, parent=False)
        story += decree30.title(st, _("DECISION"), self._subject())
        story += self._preamble()
        *articles, last = self._articles()
        story += articles
        recipients = [
            _("As in Article 3"),
            _("Ministry of Science and Technology (to report)"),
            _("Archive: Office"),
        ]
        closing, space = decree30.closing(
            st, recipients, pub.signer_title or "", pub.signer_name, self.lang, self.capacity
        )
        # The last article goes with the signature: a signature page never stands without text of its own.
        story.append(KeepTogether([last, closing]))
        story.append(PageBreak())
        story += self._annex()
        mark = _("DRAFT")

        def first_page(canvas, _doc) -> None:
            if self.draft:
                decree30.draft_mark(canvas, mark, PAGE[0], PAGE[1] - 12 * mm)

        try:
            doc = decree30.write_document(
                story, self._subject(), self.lang, pub.signer_name, first_page=first_page
            )
        except OSError as exc:
            raise ReportError(_("The decision could not be written ({reason}).").format(reason=exc)) from None
        if space.place is None:
            raise ReportError(_("The decision has no place for the signature; this is a bug in dtdesktop."))
        return RenderedDecision(doc.buf.getvalue(), space.place)

    def _title(self) -> str:
        return clean_title(self.c.title.get(self.lang))  # the compiler's remarks in brackets left out

    def _subject(self) -> str:
        return _("On the issuance of the {title}").format(title=self._title())

    def _committee(self) -> str:
        return decree30.committee_name(self.province.full_name, self.province.name, self.lang)

    def _p(self, text: str, style=None) -> Paragraph:
        return Paragraph(escape(nfc(text)), style or self.st.body)

    def _article(self, n: int, text: str) -> Paragraph:
        """ "Điều 1." in bold, then the article's text."""
        label = escape(_("Article {n}.").format(n=n))
        return Paragraph(f"<b>{label}</b> {escape(nfc(text))}", self.st.body)

    def _preamble(self) -> list[Flowable]:
        body = decree30.issuing_body(self.province.full_name, self.province.name, self.lang)
        out: list[Flowable] = [self._p(" ".join(body), self.centered_bold), Spacer(1, 3 * mm)]
        out.append(self._p(_("Pursuant to the Law on the Organisation of Local Government of 16 June 2025;")))
        for d in self.c.legal_basis:  # cited as the report cites them: kind, number, date, issuer, subject
            out.append(self._p(_("Pursuant to {document};").format(document=cite(d, self.lang))))
        out.append(self._p(_("At the proposal of the Director of the Department of Science and Technology.")))
        out += [Spacer(1, 2 * mm), self._p(_("DECIDES:"), self.centered_bold), Spacer(1, 2 * mm)]
        return out

    def _articles(self) -> list[Flowable]:
        c = self.c
        return [
            self._article(
                1,
                _(
                    "To issue together with this Decision the {title} (version {version}), "
                    "with {pillars} groups and {indicators} indicators, for the communes and wards of the "
                    "province to assess their digital transformation."
                ).format(
                    title=self._title(),
                    version=c.version,
                    pillars=len(c.pillars),
                    indicators=len(c.indicators),
                ),
            ),
            self._article(2, _("This Decision takes effect from the date of signing.")),
            self._article(
                3,
                _(
                    "The Chief of the Office of {committee}, the Director of the Department of "
                    "Science and Technology, the Chairpersons of the People's Committees of the communes and "
                    "wards, and the agencies and units concerned are responsible for implementing this "
                    "Decision."
                ).format(committee=self._committee()),
            ),
        ]

    def _annex(self) -> list[Flowable]:
        st, pub = self.st, self.pub
        out: list[Flowable] = [
            self._p(_("ANNEX"), self.centered_bold),
            self._p(self._title().upper(), self.centered_bold),
            self._p(
                _("(Issued together with Decision No. {number} of {date} of {committee})").format(
                    number=traditional_tones(pub.number),
                    date=format_long_date(pub.issued, self.lang),
                    committee=self._committee(),
                ),
                st.body.clone("annex_ref", alignment=TA_CENTER, fontName=st.caption.fontName),
            ),
            Spacer(1, 4 * mm),
            self._table(),
            Spacer(1, 2 * mm),
            self._p(_("* mandatory indicator"), st.small),
            # The machine details, for whoever checks the file, in the annex rather than in the articles.
            self._p(
                _(
                    "The criteria set is carried in this file as data (catalog.json) with the SHA-256 "
                    "fingerprint {sha}; the self-assessment tool installs it from this file."
                ).format(sha=self.c.sha256),
                st.small.clone("fingerprint", alignment=TA_LEFT, spaceBefore=2),
            ),
            *(
                [
                    self._p(
                        _(
                            "The file also carries the certificates of the province's reviewers ({n}), so "
                            "that the communes can check the decisions on their self-assessments."
                        ).format(n=len(pub.trust)),
                        st.small,
                    )
                ]
                if pub.trust
                else []
            ),
        ]
        return out

    def _table(self) -> Table:
        st, c = self.st, self.c
        horizons = list(c.horizons)
        head = [
            _("No."),
            _("Code"),
            _("Indicator"),
            *[_("Target {year}").format(year=y) for y in horizons],
            _("Evidence expected"),
        ]
        offices = any(ind.verified_by is not None for ind in c.indicators)
        if offices:  # the office that checks each criterion, as Nghệ An's set names it
            head.append(_("Verified by"))
        rows: list[list] = [[Paragraph(escape(h), st.cell_head) for h in head]]
        spans: list[tuple] = []
        n = 0
        for p in c.pillars:
            spans.append(("SPAN", (0, len(rows)), (-1, len(rows))))
            rows.append(
                [Paragraph(escape(f"{p.code}. {traditional_tones(p.title.get(self.lang))}"), st.cell_head)]
                + [""] * (len(head) - 1)
            )
            for ind in p.indicators:
                n += 1
                rows.append(
                    [
                        Paragraph(str(n), st.cell_center),
                        Paragraph(escape(ind.code + ("*" if ind.mandatory else "")), st.cell_center),
                        Paragraph(escape(self._indicator(ind)), st.cell),
                        *[Paragraph(escape(self._target(ind, y)), st.cell_center) for y in horizons],
                        Paragraph(escape(traditional_tones(ind.evidence.get(self.lang))), st.cell),
                        *([Paragraph(escape(self._office(ind)), st.cell)] if offices else []),
                    ]
                )
        target_w = 20 * mm
        fixed = 11 * mm + 18 * mm + target_w * len(horizons)
        rest = FRAME_WIDTH - fixed
        shares = (0.45, 0.33, 0.22) if offices else (0.6, 0.4)
        widths = [11 * mm, 18 * mm, rest * shares[0], *[target_w] * len(horizons)]
        widths += [rest * share for share in shares[1:]]
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(_grid_style(spans))
        return table

    def _office(self, ind: Indicator) -> str:
        return traditional_tones(ind.verified_by.get(self.lang)) if ind.verified_by is not None else "—"

    def _indicator(self, ind: Indicator) -> str:
        text = traditional_tones(ind.title.get(self.lang))
        if ind.unit is not None and ind.unit.get(self.lang) not in ("", "%"):
            text += f" ({ind.unit.get(self.lang)})"
        return text

    def _target(self, ind: Indicator, year: int) -> str:
        """As the officer's window and report write it: "≥ 60%", "có", a choice by its title."""
        target = ind.targets.get(year)
        return (
            traditional_tones(target_text(ind, target, self.lang, ind.op_for(year)))
            if target is not None
            else "—"
        )
