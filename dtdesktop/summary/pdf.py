"""The consolidated report of an area in the layout of Decree 30/2020/NĐ-CP: the overview, progress to the
program targets, the province averages, charts (ranking, distribution of scores, pillar averages), the
weakest indicators, and an annex listing every submission received with its verdict and the SHA-256 of its
file. Tables of thousands of rows are plain-text long tables, so that a province of 3,321 communes is
written in about a second."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)

from dtdesktop.decisions.notice import default_issuer
from dtdesktop.files import atomic_write
from dtdesktop.i18n import _, using
from dtdesktop.reports import charts, decree30, fonts
from dtdesktop.reports.styles import (
    FRAME_WIDTH,
    make,
)
from dtdesktop.summary.area import AreaSummary
from dtdesktop.summary.tables import STATUS_LABELS, VERDICT_LABELS, yes_no
from dtdesktop.text import fold, format_number, format_percent

GRID = colors.HexColor("#9AA5B1")
HEAD = colors.HexColor("#E8EEF4")
RANKED = 25  # units shown in each of the ranking charts (the best and the weakest)


def write_pdf(
    a: AreaSummary,
    out: Path,
    lang: str = "vi",
    issued: dt.date | None = None,
    signer: tuple[str, str] = ("", ""),
) -> Path:
    """The area's report; *signer* is (position, name) of whoever signs it for the issuing body. Without
    a position the block names the head of the body (the Department's director) and leaves the name to
    be written under the signature: a reviewer prepares the report, the director signs it."""
    with using(lang):
        data = _Report(a, lang, issued or dt.date.today(), signer).build()
    return atomic_write(out, lambda fh: fh.write(data))


def report_signer(position: str, name: str) -> tuple[str, str]:
    """Who signs the area's report, from the reviewer's profile: the reviewer when a director or deputy
    director of the Department, else nobody named (the block names the director, who signs it)."""
    folded = fold(position)
    heads = ("giam doc", "pho giam doc", "director", "deputy director")
    of_department = (
        "giam doc so ",
        "pho giam doc so ",
        "director of the department",
        "deputy director of the",
    )
    if folded in heads or folded.startswith(of_department):  # not a centre's or a company's director
        return position, name
    return "", ""


def split_ranking(ranking: list, shown: int = RANKED) -> tuple[list, list]:
    """The best *shown* units and the weakest ones after them, never a unit in both charts (30 units: the
    25 best, then the 5 weakest)."""
    best = ranking[:shown]
    weakest = ranking[max(shown, len(ranking) - shown) :]
    return best, weakest


class _Report:
    def __init__(self, a: AreaSummary, lang: str, issued: dt.date, signer: tuple[str, str] = ("", "")):
        self.a, self.lang, self.issued, self.signer = a, lang, issued, signer
        self.st = make()
        fonts.register()

    def build(self) -> bytes:
        a, st = self.a, self.st
        issuer = default_issuer(a.scheme, a.province_code, None, "", "") if a.province_code else None
        lines = issuer.lines if issuer else (_("MINISTRY OF SCIENCE AND TECHNOLOGY"), "")
        place = issuer.place if issuer else _("Hà Nội")
        story: list[Flowable] = []
        story += decree30.header_of(st, lines, place, "……/BC", self.issued, bool(issuer and issuer.parent))
        story += decree30.title(st, _("REPORT"), self._subject())
        story += self._overview()
        story += self._targets()
        story += self._charts()
        story += self._weakest()
        position, name = self.signer
        closing, _space = decree30.closing(
            st, [_("Archive: Office")], position or _("Director"), name if position else "", self.lang
        )
        story.append(closing)
        story += self._annex()
        return decree30.write_document(story, self._subject(), self.lang).buf.getvalue()

    def _subject(self) -> str:
        return _(
            "Summary of the digital transformation self-assessments of the communes of {province}, {period}"
        ).format(province=self.a.province_name, period=self.a.period)

    def _p(self, text: str, style=None) -> Paragraph:
        return Paragraph(escape(text), style or self.st.body)

    def _pct(self, value: float | None) -> str:
        return "—" if value is None else format_percent(value, self.lang)

    def _overview(self) -> list[Flowable]:
        a = self.a
        c = a.counts
        completed = sum(1 for x in a.lines if x.completed)
        catalog = (
            _("“{title}” (version {version})").format(
                title=a.catalog.title.get(self.lang), version=a.catalog.version
            )
            if a.catalog
            else "—"
        )
        return [
            self._p(_("1. The assessments received"), self.st.heading),
            self._p(
                _(
                    "Of the {units} communes of {province}, {sent} sent their self-assessment for {period} "
                    "against the criteria set {catalog}: {approved} approved, {submitted} waiting for "
                    "review, {returned} returned to be completed, {aside} that cannot be decided yet, "
                    "{conflict} with two files for one revision; {not_sent} sent nothing."
                ).format(
                    units=len(a.lines),
                    province=a.province_name,
                    sent=len(a.lines) - c["not_sent"],
                    period=a.period,
                    catalog=catalog,
                    approved=c["approved"],
                    submitted=c["submitted"],
                    returned=c["returned"],
                    aside=c["kept_aside"],
                    conflict=c["conflict"],
                    not_sent=c["not_sent"],
                )
            ),
            self._p(
                _("The average score is {average}; {completed} communes complete the criteria.").format(
                    average=self._pct(a.average_percent), completed=completed
                )
            ),
        ]

    def _targets(self) -> list[Flowable]:
        a, st = self.a, self.st
        out: list[Flowable] = [self._p(_("2. Progress against the targets"), st.heading)]
        rows = [[_("Target"), _("Reached"), _("Required"), _("Met")]]
        bars = []
        for t in a.targets:
            for g in t.groups:
                title = t.target.title.get(self.lang) + (f" — {g.group}" if g.group else "")
                rows.append(
                    [Paragraph(escape(title), st.cell), str(g.achieved), str(g.required), yes_no(g.met)]
                )
                units = g.units or 1
                bars.append(
                    charts.Bar(
                        f"{t.target.code}{' ' + g.group[:12] if g.group else ''}",
                        min(g.achieved / units * 100, 100.0),
                        min(g.required / units * 100, 100.0),
                        g.met,
                    )
                )
        for avg in a.averages:
            target = (
                yes_no(avg.target)
                if isinstance(avg.target, bool)
                else format_number(avg.target, lang=self.lang)
            )
            title = _("{code} {title} (the province's average)").format(
                code=avg.indicator.code, title=avg.indicator.title.get(self.lang)
            )
            rows.append(
                [
                    Paragraph(escape(title), st.cell),
                    self._pct(avg.average),
                    f"{avg.op or ''} {target}".strip(),
                    yes_no(avg.met),
                ]
            )
        if len(rows) == 1:
            out.append(self._p(_("The criteria set gives no target for the area as a whole.")))
            return out
        out.append(self._table(rows, [FRAME_WIDTH - 75 * mm, 25 * mm, 25 * mm, 25 * mm], wrap=True))
        if bars:
            out.append(Spacer(1, 3 * mm))
            out.append(charts.target_bars(bars, FRAME_WIDTH, (_("met"), _("not met"), _("target"))))
        return out

    def _charts(self) -> list[Flowable]:
        a, st = self.a, self.st
        caption = _("Distribution of the scores (number of communes by tenth of the score):")
        heading = self._p(_("3. Scores across the area"), st.heading)
        out: list[Flowable] = [KeepTogether([heading, self._p(caption, st.small), self._distribution()])]
        pillars = a.pillar_averages()
        if pillars:
            bars = [charts.Bar(code, value or 0.0, 0.0, True) for code, value in pillars.items()]
            chart = charts.target_bars(bars, FRAME_WIDTH, (_("average"), "", ""), targets=False)
            out.append(KeepTogether([self._p(_("Average of each pillar:"), st.small), chart]))
        best, weakest = split_ranking(a.ranking())
        if best:
            title = _("The {n} best scores:").format(n=len(best))
            out.append(KeepTogether([self._p(title, st.small), self._ranking(best)]))
        if weakest:
            title = _("The {n} weakest scores:").format(n=len(weakest))
            out.append(KeepTogether([self._p(title, st.small), self._ranking(weakest)]))
        return out

    def _distribution(self) -> Flowable:
        from reportlab.graphics.shapes import Drawing

        bins = self.a.distribution()
        d = Drawing(FRAME_WIDTH, 150)
        d.initialFontName = fonts.REGULAR
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 40, 25, FRAME_WIDTH - 60, 110
        chart.data = [bins]
        chart.categoryAxis.categoryNames = [f"{i * 10}–{i * 10 + 10}%" for i in range(10)]
        for axis in (chart.categoryAxis, chart.valueAxis):
            axis.labels.fontName = fonts.REGULAR
            axis.labels.fontSize = 8
        chart.valueAxis.valueMin = 0
        chart.bars[0].fillColor = charts.RESULT_COLOR
        chart.bars.strokeColor = None
        d.add(chart)
        return d

    def _ranking(self, lines) -> Flowable:
        bars = [charts.Bar(f"{x.unit.name[:18]}", x.percent or 0.0, 0.0, bool(x.completed)) for x in lines]
        return charts.target_bars(
            bars, FRAME_WIDTH, (_("complete"), _("not complete"), ""), bar_height=5, targets=False
        )

    def _weakest(self) -> list[Flowable]:
        weakest = self.a.weakest()
        if not weakest:
            return []
        st = self.st
        rows = [[_("Code"), _("Indicator"), _("Met"), _("Share met")]]
        for ind, met, judged in weakest:
            rows.append(
                [
                    ind.code,
                    Paragraph(escape(ind.title.get(self.lang)), st.cell),
                    f"{met}/{judged}",
                    self._pct(met / judged * 100),
                ]
            )
        return [
            self._p(_("4. The indicators least often met"), st.heading),
            self._table(rows, [22 * mm, FRAME_WIDTH - 72 * mm, 25 * mm, 25 * mm], wrap=True),
        ]

    def _annex(self) -> list[Flowable]:
        a, st = self.a, self.st
        out: list[Flowable] = [PageBreak(), self._p(_("ANNEX"), st.doc_type)]
        out.append(self._p(_("Every commune of the area and its score"), st.doc_title))
        rows = [[_("No."), _("Code"), _("Commune"), _("Status"), _("Score")]]
        for n, x in enumerate(sorted(a.lines, key=lambda x: (x.group, x.unit.code)), 1):
            rows.append(
                [str(n), x.unit.code, x.unit.full_name[:40], _(STATUS_LABELS[x.status]), self._pct(x.percent)]
            )
        out.append(self._table(rows, [12 * mm, 16 * mm, 62 * mm, 50 * mm, FRAME_WIDTH - 140 * mm], size=8))
        out += [
            Spacer(1, 6 * mm),
            self._p(
                _("Every submission received, with its verdict and the SHA-256 of its file"), st.doc_title
            ),
        ]
        rows = [[_("Code"), _("Rev."), _("Verdict"), "SHA-256"]]
        for r in a.received:
            verdict = _(VERDICT_LABELS.get(r.verdict, r.verdict)) + (" *" if r.conflict else "")
            rows.append([r.unit_code, str(r.revision), verdict, r.file_sha256])
        out.append(self._table(rows, [16 * mm, 12 * mm, 30 * mm, FRAME_WIDTH - 58 * mm], size=7, mono=3))
        if any(r.conflict for r in a.received):
            out.append(self._p(_("* two files for one revision"), st.small))
        return out

    def _table(
        self, rows, widths, size: float = 9.5, wrap: bool = False, mono: int | None = None
    ) -> LongTable:
        # One line a row, its height known: the layout does not measure thousands of rows one by one.
        heights = None if wrap else [size + 4] * len(rows)
        table = LongTable(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
        style = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
            ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), size + 2),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD),
            ("GRID", (0, 0), (-1, -1), 0.3, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if mono is not None:
            style.append(("FONTSIZE", (mono, 1), (mono, -1), size - 0.5))
        table.setStyle(TableStyle(style))
        return table
