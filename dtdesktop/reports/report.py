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
from dtdesktop.profile import capacity_for
from dtdesktop.reports import charts, decree30, fonts
from dtdesktop.reports.advice import Gap, PillarGaps, next_steps
from dtdesktop.reports.citation import cite, cited_date, clean_title
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
from dtdesktop.signing.certificates import SignerInfo, kind_sentence
from dtdesktop.storage.records import Assessment, Evidence
from dtdesktop.text import format_date, format_number, format_percent, traditional_tones

GRID = colors.HexColor("#7A8691")
HEAD_FILL = colors.HexColor("#E8EDF2")
PILLAR_FILL = colors.HexColor("#F4F6F8")
NOT_MET = colors.HexColor("#9E2A2B")
BARS_PER_CHART = 30


@dataclass(frozen=True, slots=True)
class Signatory:
    """Who signs: the name and position printed under the signature, and under whose authority (one of
    `profile.CAPACITIES`; "" lets the position decide)."""

    name: str
    title: str
    capacity: str = ""
    certificate: SignerInfo | None = None  # what the signature is worth is said in the appendix


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
        # a committee's report: anyone but the chair or a vice-chair signs by the chair's order unless told
        capacity = signatory.capacity or (capacity_for(signatory.title) if signatory.title else "")
        closing, space = decree30.closing(st, recipients, signatory.title, signatory.name, lang, capacity)
        story.append(closing)
        origins = self._origin_rows()
        story += self._origin_appendix(number, origins, "I")
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
        """The bases, cited as an administrative document cites them; the catalog's own remarks, its id,
        version and hash are in the appendix."""
        committee = decree30.committee_name(self.a.unit.full_name, self.a.unit.name, self.lang)
        text = _(
            "Pursuant to {documents}, {committee} reports the result of its digital transformation "
            "self-assessment for {period} against the {catalog}, with the targets for {horizon}, as follows:"
        ).format(
            documents="; ".join(cite(d, self.lang) for d in self.catalog.legal_basis),
            committee=committee,
            period=self.a.period,
            catalog=clean_title(self.catalog.title.get(self.lang)),
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
        # "Xã Hoằng Hóa" in Vietnamese, "Hoằng Hóa commune" in English
        name = u.full_name if lang == "vi" else self._unit_in_text()
        unit_line = f"{name}, {u.province_name}" + (f", {u.district_name}" if u.district_name else "")
        rating = r.rating.get(lang) if r.rating else "—"
        completed = (
            _("{unit} has completed digital transformation under these criteria.")
            if r.completed
            else _("{unit} has not yet completed digital transformation under these criteria.")
        ).format(unit=name)
        items = [
            _("Unit: {unit} (unit code {code}).").format(unit=unit_line, code=u.code),
            _("Period assessed: {period}; targets for {horizon}; revision {revision}.").format(
                period=self.a.period, horizon=r.horizon, revision=self.req.revision
            ),
            _("Criteria set applied: {catalog}.").format(catalog=clean_title(self.catalog.title.get(lang))),
            _("Total: {total} of {max} points ({percent}); rating: {rating}.").format(
                total=format_number(r.total, lang=lang),
                max=format_number(r.max, lang=lang),
                percent=format_percent(r.percent, lang),
                rating=rating,
            ),
            _("Indicators met: {met} of {count}; not met: {not_met}; without figures yet: {missing}.").format(
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
        head = [
            _("Pillar"),
            _("Points"),
            _("Max."),
            _("Percent"),
            _("Met"),
            _("Not met"),
            _("No figures yet"),
        ]
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
                note = self._note(ind.code)
                if note is not None:  # the officer's explanation of the figure, under its row
                    rows.append(["", note, "", "", "", "", ""])
                    n = len(rows) - 1
                    styles += [("SPAN", (1, n), (-1, n)), ("SPAN", (0, n - 1), (0, n))]
        widths = [17 * mm, 54 * mm, 22 * mm, 18 * mm, 16 * mm, 13 * mm, FRAME_WIDTH - 140 * mm]
        table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
        table.setStyle(_grid_style(styles))
        note = _(
            "* mandatory indicator. Points are shown as earned / maximum. The unit's explanation of a "
            "figure is printed under its row."
        )
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
            Paragraph(self._evidence_cell(ind), st.cell.clone("ev", fontSize=9, leading=10.5)),
        ]

    def _evidence_cell(self, ind: Indicator) -> str:
        """The evidence cited, and the office that verifies it when the catalog names one."""
        cited = self._evidence_text(ind.code)
        if ind.verified_by is None:
            return cited
        office = "<i>" + _p(_("Verified by: {office}").format(office=ind.verified_by.get(self.lang))) + "</i>"
        return office if cited == "—" else f"{cited}<br/>{office}"

    def _note(self, code: str) -> Paragraph | None:
        answer = self.a.answers.get(code)
        text = " ".join((answer.note or "").split()) if answer else ""
        if not text:
            return None
        label = _p(_("Explanation:"))
        return Paragraph(f"<i>{label}</i> {_p(text)}", self.st.cell.clone("note", fontSize=9.5, leading=11.5))

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
        """Section III: per pillar, what is not met and what has no figures yet; the tasks said once."""
        st = self.st
        out: list[Flowable] = [
            CondPageBreak(30 * mm),
            Paragraph(_p(_("III. WHAT IS NOT YET MET AND WHAT TO DO NEXT")), st.heading),
        ]
        pillars = next_steps(self.catalog, self.r, self.a.values, self.lang)
        if not pillars:
            out.append(Paragraph(_p(_("Every indicator is answered and met.")), st.body))
            return out
        for n, pillar in enumerate(pillars, 1):
            out.append(Paragraph(f"<b>{n}. {_p(pillar.title)}</b>", st.bullet))
            for label, items in (
                (_("Indicators not met:"), pillar.not_met),
                (_("Indicators without figures yet:"), pillar.missing),
            ):
                if items:
                    out.append(Paragraph(_p(label), st.bullet))
                    out += [Paragraph(self._gap_line(g), st.item) for g in items]
        out.append(Paragraph(_p(self._tasks(pillars)), st.body))
        return out

    def _gap_line(self, g: Gap) -> str:
        mark = "*" if g.mandatory else ""
        return f"- <b>{_p(g.code + mark)}</b> – {_p(g.title.rstrip('.'))}. {_p(g.situation)}"

    def _tasks(self, pillars: list[PillarGaps]) -> str:
        committee = decree30.committee_name(self.a.unit.full_name, self.a.unit.name, self.lang)
        not_met = [g for p in pillars for g in p.not_met]
        missing = [g for p in pillars for g in p.missing]
        mandatory = [g.code for g in not_met if g.mandatory]
        parts = []
        if not_met and mandatory:
            parts.append(
                _(
                    "Next, {committee} will carry out the tasks that the documents cited above set for the "
                    "indicators not met, to meet them by {year}, the mandatory ones ({codes}) first."
                ).format(committee=committee, year=self.r.horizon, codes=", ".join(mandatory))
            )
        elif not_met:
            parts.append(
                _(
                    "Next, {committee} will carry out the tasks that the documents cited above set for the "
                    "indicators not met, to meet them by {year}."
                ).format(committee=committee, year=self.r.horizon)
            )
        if missing:
            parts.append(
                _(
                    "It will gather the figures and evidence of the indicators without figures ({codes}) "
                    "and report them in a supplement."
                ).format(codes=", ".join(g.code for g in missing))
            )
        return " ".join(parts)

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
        """The criteria set as a machine knows it, and the files the submission carries."""
        st = self.st
        files = bool(self.req.attachments)
        title = _("THE CRITERIA SET AND THE ATTACHED FILES") if files else _("THE CRITERIA SET")
        out = [*self._appendix_heading(number, ordinal, title)]
        if files:
            out.append(Paragraph(_p(_("1. The criteria set")), st.heading))
        out.append(self._catalog_identity())
        if files:
            out.append(Paragraph(_p(_("2. The files attached to this report")), st.heading))
            out += self._files_table()
        return out

    def _catalog_identity(self) -> Table:
        """Id, version, SHA-256 and the bases exactly as the catalog records them, remarks included: what
        a reviewer needs to find the very criteria the score was computed with."""
        st, lang, c = self.st, self.lang, self.catalog
        author = _("Issued by") if c.issuer else _("Compiled by")
        rows = [
            (_("Title"), c.title.get(lang)),
            (_("Code"), c.id),
            (_("Version"), c.version),
            ("SHA-256", c.sha256),
            (author, c.author.get(lang)),
        ]
        for n, d in enumerate(c.legal_basis, 1):
            date = cited_date(dt.date.fromisoformat(d.date), lang) if d.date else ""  # as in the opening
            text = " — ".join(t for t in (d.number, date, d.title.get(lang)) if t)
            rows.append((_("Basis {n}").format(n=n), f"{text}. {d.section}" if d.section else text))
        small = st.cell.clone("identity", fontSize=9.5, leading=11.5)
        table = Table(
            [[Paragraph(_p(k), st.cell), Paragraph(_p(v), small)] for k, v in rows],
            colWidths=[34 * mm, FRAME_WIDTH - 34 * mm],
        )
        table.setStyle(
            _grid_style([("BACKGROUND", (0, 0), (0, -1), HEAD_FILL), ("VALIGN", (0, 0), (-1, -1), "TOP")])
        )
        return table

    def _files_table(self) -> list[Flowable]:
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
            *self._certificate_kind(),
        ]

    def _certificate_kind(self) -> list[Flowable]:
        """Which kind of certificate signs the report (one made on the officer's computer is not a legally
        recognised signature), said where the reader checks what the signature covers."""
        signatory = self.req.signatory
        if signatory is None or signatory.certificate is None:
            return []
        return [Spacer(1, 2 * mm), Paragraph(_p(kind_sentence(signatory.certificate)), self.st.small)]


def _centered(flowable: Flowable) -> Table:
    table = Table([[flowable]], colWidths=[FRAME_WIDTH])
    table.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    )
    return table


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
