"""The commune's assessment report: one PDF in the administrative document layout, in Vietnamese or English.

`render` returns the bytes and the place of the signature block; the submission file signs exactly there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from dtdesktop.catalogs.model import Catalog, Indicator
from dtdesktop.i18n import _, using
from dtdesktop.reports import charts, decree30, fonts
from dtdesktop.reports.advice import next_steps
from dtdesktop.reports.decree30 import SignaturePlace
from dtdesktop.reports.errors import ReportError
from dtdesktop.reports.styles import (
    FRAME_WIDTH,
    PAGE,
    Styles,
    make,
)
from dtdesktop.scoring.answers import Ratio
from dtdesktop.scoring.display import (
    status_label,
    target_origin,
    target_origin_short,
    target_text,
    value_text,
)
from dtdesktop.scoring.engine import IndicatorResult, ScoreResult
from dtdesktop.storage.records import Assessment, Evidence
from dtdesktop.text import format_date, format_long_date, format_number, format_percent, traditional_tones

GRID = colors.HexColor("#7A8691")
HEAD_FILL = colors.HexColor("#E8EDF2")
PILLAR_FILL = colors.HexColor("#F4F6F8")
NOT_MET = colors.HexColor("#9E2A2B")
BARS_PER_CHART = 30


@dataclass(frozen=True, slots=True)
class Signatory:
    """Who signs: the name and position printed under the signature."""

    name: str
    title: str


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """A file carried inside the submission, listed in the report's appendix."""

    name: str
    size: int
    sha256: str
    description: str


@dataclass(frozen=True)
class ReportRequest:
    assessment: Assessment
    result: ScoreResult
    revision: int
    issued: dt.date
    lang: str = "vi"
    signatory: Signatory | None = None
    number: str | None = None
    recipients: tuple[str, ...] = ()
    draft: bool = False
    attachments: tuple[AttachmentInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedReport:
    pdf: bytes
    signature: SignaturePlace
    pages: int


def render(req: ReportRequest) -> RenderedReport:
    """Lay out and write the report; the text is translated into `req.lang` whatever the window's language."""
    with using(req.lang):
        return _Builder(req).build()


def default_recipients(a: Assessment, lang: str) -> list[str]:
    """Who receives the report: the level above (the district before 1/7/2025, else the province's
    Department of Science and Technology), and the office's archive."""
    with using(lang):
        if a.unit.scheme == "2025" and a.unit.district_name:
            district = a.unit.district_name
            if lang == "vi":  # "Huyện Hoằng Hóa" in running text is "huyện Hoằng Hóa"
                district = district[:1].lower() + district[1:]
            above = _("People's Committee of {district}").format(district=district)
        else:
            above = _("Department of Science and Technology of {province}").format(
                province=a.unit.province_name
            )
        return [_("{body} (to report)").format(body=above), _("Archive: Office")]


def _p(text: str) -> str:
    """Escape text for a Paragraph (officers type < and & too), NFC, one spelling of a place name."""
    return escape(traditional_tones(text))


class _Builder:
    def __init__(self, req: ReportRequest):
        self.req = req
        self.a = req.assessment
        self.catalog: Catalog = req.assessment.catalog
        self.r = req.result
        self.lang = req.lang
        self.st: Styles = make()
        self.evidence: dict[str, list[Evidence]] = {}
        for e in self.a.evidence:
            self.evidence.setdefault(e.indicator_code, []).append(e)

    # --- the document -----------------------------------------------------------------------------------

    def build(self) -> RenderedReport:
        st, lang, a = self.st, self.lang, self.a
        number = self.req.number or "……/BC-UBND"
        story: list[Flowable] = []
        story += decree30.header(st, a.unit.full_name, a.unit.name, number, self.req.issued, lang)
        story += decree30.title(st, _("REPORT"), self._subject())
        story += self._opening()
        story += self._overall()
        story += self._indicator_table()
        story += self._next_steps()
        signatory = self.req.signatory or Signatory("", "")
        recipients = list(self.req.recipients) or default_recipients(a, lang)
        closing, space = decree30.closing(st, recipients, signatory.title, signatory.name, lang)
        story.append(closing)
        origins = self._origin_rows()
        files = bool(self.req.attachments)
        story += self._origin_appendix(number, origins, "I" if files else "")
        story += self._appendix(number, "II" if origins else "")

        try:
            doc = decree30.write_document(
                story,
                self._subject(),
                lang,
                author=signatory.name or a.unit.full_name,
                subject=self.catalog.title.get(lang),
                first_page=self._first_page,
            )
        except OSError as exc:  # a font file vanished between registering and embedding
            raise ReportError(_("The report could not be written ({reason}).").format(reason=exc)) from None
        if space.place is None:
            raise ReportError(_("The report has no place for the signature; this is a bug in dtdesktop."))
        return RenderedReport(doc.buf.getvalue(), space.place, doc.page)

    def _first_page(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        if self.req.draft:
            decree30.draft_mark(canvas, _("DRAFT"), PAGE[0], PAGE[1] - 14 * mm)

    def _subject(self) -> str:
        return _("Digital transformation self-assessment of {unit}, {period}").format(
            unit=self._unit_in_text(), period=self.a.period
        )

    def _unit_in_text(self) -> str:
        return decree30.unit_in_text(self.a.unit.full_name, self.a.unit.name, self.lang)

    # --- body -------------------------------------------------------------------------------------------

    def _opening(self) -> list[Flowable]:
        docs = []
        for d in self.catalog.legal_basis:
            date = _document_date(dt.date.fromisoformat(d.date), self.lang) if d.date else ""
            ref = f"{d.number}, {date}" if date else d.number
            docs.append(f"{d.title.get(self.lang)} ({ref})")
        committee = decree30.committee_name(self.a.unit.full_name, self.a.unit.name, self.lang)
        text = _(
            "Pursuant to {documents}; {committee} reports the result of its digital transformation "
            "self-assessment for {period} against the criteria set “{catalog}” (version {version}), "
            "with the targets for {horizon}, as follows:"
        ).format(
            documents="; ".join(docs),
            committee=committee[0].upper() + committee[1:],
            period=self.a.period,
            catalog=self.catalog.title.get(self.lang),
            version=self.catalog.version,
            horizon=self.r.horizon,
        )
        return [Paragraph(_p(text), self.st.body)]

    def _overall(self) -> list[Flowable]:
        st, r, lang = self.st, self.r, self.lang
        scored = [i for i in r.indicators if self.catalog.indicator(i.code).scored]  # type: ignore[union-attr]
        met = sum(1 for i in scored if i.status == "met")
        not_met = sum(1 for i in scored if i.status == "not_met")
        missing = sum(1 for i in scored if i.status == "missing")
        u = self.a.unit
        unit_line = f"{u.full_name}, {u.province_name}" + (f", {u.district_name}" if u.district_name else "")
        rating = r.rating.get(lang) if r.rating else "—"
        completed = (
            _("{unit} has completed digital transformation under these criteria.")
            if r.completed
            else _("{unit} has not yet completed digital transformation under these criteria.")
        ).format(unit=u.full_name)
        items = [
            _("Unit: {unit} (unit code {code}).").format(unit=unit_line, code=u.code),
            _("Period assessed: {period}; targets for {horizon}; revision {revision}.").format(
                period=self.a.period, horizon=r.horizon, revision=self.req.revision
            ),
            _("Criteria set: {catalog}, code {id}, version {version}, SHA-256 {sha}.").format(
                catalog=self.catalog.title.get(lang),
                id=self.catalog.id,
                version=self.catalog.version,
                sha=self.catalog.sha256[:16] + "…",
            ),
            _("Total: {total} of {max} points ({percent}); rating: {rating}.").format(
                total=format_number(r.total, lang=lang),
                max=format_number(r.max, lang=lang),
                percent=format_percent(r.percent, lang),
                rating=rating,
            ),
            _("Indicators met: {met} of {count}; not met: {not_met}; not answered: {missing}.").format(
                met=met, count=len(scored), not_met=not_met, missing=missing
            ),
            _("Conclusion: {conclusion} {rule}").format(conclusion=completed, rule=self._completion_rule()),
        ]
        out: list[Flowable] = [Paragraph(_p(_("I. OVERALL RESULT")), st.heading)]
        out += [Paragraph(_p(f"{n}. {t}"), st.bullet) for n, t in enumerate(items, 1)]
        out.append(Spacer(1, 4 * mm))
        out.append(self._pillar_table())
        out.append(Spacer(1, 4 * mm))
        out += self._charts()
        return out

    def _completion_rule(self) -> str:
        c = self.catalog.completion
        if c.rule == "n_of_m":
            count = len(c.of) if c.of else len(self.catalog.indicators)
            return _("(Rule: at least {n} of {m} indicators met.)").format(n=c.n, m=count)
        return _("(Rule: every mandatory indicator met and a total of at least {percent}.)").format(
            percent=format_percent(c.min_percent, self.lang)
        )

    def _pillar_table(self) -> Table:
        st, lang = self.st, self.lang
        head = [_("Pillar"), _("Points"), _("Max."), _("Percent"), _("Met"), _("Not met"), _("Missing")]
        rows: list[list[object]] = [[Paragraph(_p(h), st.cell_head) for h in head]]
        titles = {p.code: p.title.get(lang) for p in self.catalog.pillars}
        for p in self.r.pillars:
            rows.append(
                [
                    Paragraph(_p(titles.get(p.code, p.code)), st.cell),
                    Paragraph(format_number(p.score, lang=lang), st.cell_center),
                    Paragraph(format_number(p.max, lang=lang), st.cell_center),
                    Paragraph(format_percent(p.percent, lang), st.cell_center),
                    Paragraph(str(p.met), st.cell_center),
                    Paragraph(str(p.not_met), st.cell_center),
                    Paragraph(str(p.missing), st.cell_center),
                ]
            )
        rows.append(
            [
                Paragraph(_p(_("Total")), st.cell_head),
                Paragraph(format_number(self.r.total, lang=lang), st.cell_head),
                Paragraph(format_number(self.r.max, lang=lang), st.cell_head),
                Paragraph(format_percent(self.r.percent, lang), st.cell_head),
                Paragraph(str(sum(p.met for p in self.r.pillars)), st.cell_head),
                Paragraph(str(sum(p.not_met for p in self.r.pillars)), st.cell_head),
                Paragraph(str(sum(p.missing for p in self.r.pillars)), st.cell_head),
            ]
        )
        widths = [47 * mm] + [(FRAME_WIDTH - 47 * mm) / 6] * 6
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_grid_style())
        return table

    def _charts(self) -> list[Flowable]:
        lang = self.lang
        titles = {p.code: p.title.get(lang) for p in self.catalog.pillars}
        labels = [titles.get(p.code, p.code) for p in self.r.pillars]
        radar = charts.pillar_radar(labels, [p.percent for p in self.r.pillars], 110 * mm, 78 * mm)
        caption1 = _("Chart 1. Points of each pillar, in percent of its maximum")
        out: list[Flowable] = [KeepTogether([Paragraph(_p(caption1), self.st.caption), _centered(radar)])]
        bars = self._bars()
        caption2 = _("Chart 2. Indicators measured in percent, against their targets")
        for start in range(0, len(bars), BARS_PER_CHART):  # a chart never outgrows a page
            chunk = bars[start : start + BARS_PER_CHART]
            drawing = charts.target_bars(chunk, FRAME_WIDTH, (_("Met"), _("Not met"), _("Target")))
            out.append(KeepTogether([Spacer(1, 3 * mm), Paragraph(_p(caption2), self.st.caption), drawing]))
        return out

    def _bars(self) -> list[charts.Bar]:
        out = []
        for r in self.r.indicators:
            ind = self.catalog.indicator(r.code)
            if ind is None or ind.type != "percent" or not isinstance(r.target, float):
                continue
            value = float(r.value) if isinstance(r.value, int | float) else 0.0
            clamp = partial(max, 0.0)
            out.append(
                charts.Bar(r.code, clamp(min(value, 100.0)), clamp(min(r.target, 100.0)), r.status == "met")
            )
        return out

    def _indicator_table(self) -> list[Flowable]:
        st, lang = self.st, self.lang
        head = [_("Code"), _("Indicator"), _("Value"), _("Target"), _("Result"), _("Points"), _("Evidence")]
        rows: list[list[object]] = [[Paragraph(_p(h), st.cell_head) for h in head]]
        styles: list[tuple] = []
        results = {r.code: r for r in self.r.indicators}
        pillar_scores = {p.code: p for p in self.r.pillars}
        for pillar in self.catalog.pillars:
            ps = pillar_scores.get(pillar.code)
            label = f"{pillar.code}. {pillar.title.get(lang)}"
            if ps:
                label += " — " + _("{score} of {max} points").format(
                    score=format_number(ps.score, lang=lang), max=format_number(ps.max, lang=lang)
                )
            rows.append([Paragraph(f"<b>{_p(label)}</b>", st.cell), "", "", "", "", "", ""])
            n = len(rows) - 1
            styles += [("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), PILLAR_FILL)]
            for ind in pillar.indicators:
                rows.append(self._indicator_row(ind, results[ind.code]))
                if results[ind.code].status == "not_met":
                    styles.append(("TEXTCOLOR", (4, len(rows) - 1), (4, len(rows) - 1), NOT_MET))
        widths = [17 * mm, 54 * mm, 22 * mm, 18 * mm, 16 * mm, 13 * mm, FRAME_WIDTH - 140 * mm]
        table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1)
        table.setStyle(_grid_style(styles))
        note = _("* mandatory indicator. Points are shown as earned / maximum.")
        return [
            CondPageBreak(40 * mm),
            Paragraph(_p(_("II. RESULT OF EACH INDICATOR")), st.heading),
            table,
            Paragraph(_p(note), st.small),
        ]

    def _indicator_row(self, ind: Indicator, r: IndicatorResult) -> list[object]:
        st, lang = self.st, self.lang
        answer = self.a.answers.get(ind.code)
        value = answer.value if answer else None
        code = ind.code + ("*" if ind.mandatory else "")
        result = status_label(r.status) if ind.scored else "—"
        points = (
            f"{format_number(r.points, lang=lang)}/{format_number(r.max, lang=lang)}" if ind.scored else "—"
        )
        shown = value_text(ind, value, lang)
        # A ratio shows numerator/denominator on one line and the percent beneath.
        shown = shown.replace(" (", "<br/>(") if isinstance(value, Ratio) else _p(shown)
        return [
            Paragraph(_p(code), st.cell),
            Paragraph(_p(ind.title.get(lang)), st.cell),
            Paragraph(shown, st.cell_center),
            Paragraph(
                _p(target_text(ind, r.target, lang, ind.op_for(self.r.horizon)) or "—"), st.cell_center
            ),
            Paragraph(_p(result[:1].upper() + result[1:]), st.cell_center),
            Paragraph(points, st.cell_center),
            Paragraph(self._evidence_text(ind.code), st.cell.clone("ev", fontSize=9, leading=10.5)),
        ]

    def _evidence_text(self, code: str) -> str:
        parts = []
        for e in self.evidence.get(code, []):
            if e.doc_number:
                date = format_date(e.doc_date, self.lang) if e.doc_date else ""
                parts.append(_p(f"{e.doc_number} {date}".strip()))
            if e.file_name:
                parts.append("<i>" + _p(e.file_name) + "</i>")
        return "<br/>".join(parts) or "—"

    def _next_steps(self) -> list[Flowable]:
        st = self.st
        out: list[Flowable] = [
            CondPageBreak(30 * mm),
            Paragraph(_p(_("III. WHAT IS NOT YET MET AND WHAT TO DO NEXT")), st.heading),
        ]
        advice = next_steps(self.catalog, self.r, self.a.values, self.lang)
        if not advice:
            out.append(Paragraph(_p(_("Every indicator is answered and met.")), st.body))
            return out
        basis = _("Basis: {basis}.")
        for n, item in enumerate(advice, 1):
            mark = " " + _("(mandatory)") if item.mandatory else ""
            text = (
                f"<b>{n}. {_p(item.code)}{_p(mark)}</b> – {_p(item.title)}. {_p(item.situation)} "
                f"{_p(item.action)} <i>{_p(basis.format(basis=item.basis.rstrip('.')))}</i>"
            )
            out.append(Paragraph(text, st.bullet))
        return out

    def _appendix_heading(self, number: str, ordinal: str, title: str) -> list[Flowable]:
        st, lang = self.st, self.lang
        committee = decree30.committee_name(self.a.unit.full_name, self.a.unit.name, lang)
        heading = _("APPENDIX {ordinal}").format(ordinal=ordinal) if ordinal else _("APPENDIX")
        return [
            PageBreak(),
            Paragraph(_p(heading), st.doc_type),
            Paragraph(_p(title), st.doc_title),
            Paragraph(
                _p(
                    _("(Attached to report No. {number} of {date} of {committee})").format(
                        number=number, date=format_date(self.req.issued, lang), committee=committee
                    )
                ),
                st.caption,
            ),
            Spacer(1, 5 * mm),
        ]

    def _origin_rows(self) -> list[tuple[Indicator, str]]:
        """The indicators whose target for this horizon no published text gives, with why."""
        author = self.catalog.author.get(self.lang)
        out = []
        for ind in self.catalog.indicators:
            origin = target_origin(ind, author, self.r.horizon)
            if origin:
                out.append((ind, origin))
        return out

    def _origin_appendix(
        self, number: str, origins: list[tuple[Indicator, str]], ordinal: str
    ) -> list[Flowable]:
        if not origins:
            return []
        st, lang = self.st, self.lang
        rows: list[list[object]] = [
            [
                Paragraph(_p(h), st.cell_head)
                for h in (_("No."), _("Code"), _("Indicator"), _("Target"), _("Origin"))
            ]
        ]
        author = self.catalog.author.get(lang)
        for n, (ind, _origin) in enumerate(origins, 1):
            origin = target_origin_short(ind, author, self.r.horizon)
            rows.append(
                [
                    Paragraph(str(n), st.cell_center),
                    Paragraph(_p(ind.code), st.cell),
                    Paragraph(_p(ind.title.get(lang)), st.cell),
                    Paragraph(
                        _p(target_text(ind, ind.target_for(h := self.r.horizon), lang, ind.op_for(h))),
                        st.cell_center,
                    ),
                    Paragraph(_p(origin), st.cell),
                ]
            )
        table = Table(
            rows, colWidths=[11 * mm, 17 * mm, 66 * mm, 24 * mm, FRAME_WIDTH - 118 * mm], repeatRows=1
        )
        table.setStyle(_grid_style())
        title = _("TARGETS NOT TAKEN FROM A PUBLISHED TEXT")
        note = _(
            "The indicators above are judged against targets that no published text gives for {year}: "
            "set by {author}, or known only from a secondary source. They are listed so that the reader "
            "can weigh them."
        ).format(year=self.r.horizon, author=self.catalog.author.get(lang))
        return [
            *self._appendix_heading(number, ordinal, title),
            table,
            Spacer(1, 3 * mm),
            Paragraph(_p(note), st.small),
        ]

    def _appendix(self, number: str, ordinal: str = "") -> list[Flowable]:
        if not self.req.attachments:
            return []
        st, lang = self.st, self.lang
        rows: list[list[object]] = [
            [
                Paragraph(_p(h), st.cell_head)
                for h in (_("No."), _("File"), _("Content"), _("Size"), "SHA-256")
            ]
        ]
        for n, att in enumerate(self.req.attachments, 1):
            rows.append(
                [
                    Paragraph(str(n), st.cell_center),
                    Paragraph(_p(att.name), st.cell),
                    Paragraph(_p(att.description), st.cell),
                    Paragraph(_size(att.size, lang), st.cell_center),
                    Paragraph(att.sha256[:16] + "…", st.cell.clone("sha", fontSize=9)),
                ]
            )
        table = Table(
            rows, colWidths=[12 * mm, 52 * mm, 46 * mm, 20 * mm, FRAME_WIDTH - 130 * mm], repeatRows=1
        )
        table.setStyle(_grid_style())
        return [
            *self._appendix_heading(number, ordinal, _("FILES ATTACHED TO THIS REPORT")),
            table,
            Spacer(1, 3 * mm),
            Paragraph(
                _p(
                    _(
                        "These files are embedded in this PDF; open the attachments panel of the PDF "
                        "reader to see them. The signature covers them too."
                    )
                ),
                st.small,
            ),
        ]


def _centered(flowable: Flowable) -> Table:
    table = Table([[flowable]], colWidths=[FRAME_WIDTH])
    table.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    )
    return table


def _document_date(date: dt.date, lang: str) -> str:
    """A document's date in running text: 30/05/2023, or 30 May 2023 in English."""
    return format_long_date(date, "en") if lang == "en" else format_date(date, "vi")


def _size(size: int, lang: str) -> str:
    if size >= 1024 * 1024:
        return format_number(size / 1048576, 1, lang) + " MB"
    return format_number(max(size / 1024, 0.1), 1, lang) + " KB"


def _grid_style(extra: list[tuple] | None = None) -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *(extra or []),
        ]
    )
