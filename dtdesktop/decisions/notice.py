"""The readable part of a decision file: a notice of the appraisal result (THÔNG BÁO Kết quả thẩm định) in
the layout of Decree 30/2020/NĐ-CP, issued by the reviewer's body to the commune."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from dtdesktop.decisions.document import Decision
from dtdesktop.i18n import _, using
from dtdesktop.reports import decree30
from dtdesktop.reports.decree30 import SignaturePlace
from dtdesktop.reports.errors import ReportError
from dtdesktop.reports.report import _grid_style
from dtdesktop.reports.styles import (
    FRAME_WIDTH,
    make,
)
from dtdesktop.text import format_percent, nfc


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who issues the notice: the header's two lines (with *parent*, the first is the body the issuer
    answers to), the issuer in running text, the place, and who signs."""

    lines: tuple[str, str]
    parent: bool
    name: str
    place: str
    signer_name: str
    signer_title: str


def default_issuer(
    scheme: str, province_code: str, district_code: str | None, signer_name: str, signer_title: str
) -> Issuer:
    """The reviewer's body as the reform made it: the province's Department of Science and Technology
    for the two-tier list, the district's People's Committee for the three-tier one; in the language in
    use."""
    from dtdesktop.units.registry import unit_list

    units = unit_list(scheme)  # type: ignore[arg-type]
    district = units.get(district_code, "district") if district_code else None
    if scheme == "2025" and district is not None:
        kind, _sep, rest = district.full_name.partition(" ")
        name = _("People's Committee of {district}").format(district=f"{kind.lower()} {rest}")
        return Issuer(
            (_("PEOPLE'S COMMITTEE"), district.full_name.upper()),
            False,
            name,
            district.name,
            signer_name,
            signer_title,
        )
    province = units.get(province_code, "province")
    full = province.full_name if province else province_code
    short = province.name if province else province_code
    return Issuer(
        (
            _("PEOPLE'S COMMITTEE OF {province}").format(province=full.upper()),
            _("DEPARTMENT OF SCIENCE AND TECHNOLOGY"),
        ),
        True,
        _("The Department of Science and Technology"),
        short,
        signer_name,
        signer_title,
    )


@dataclass(frozen=True, slots=True)
class RenderedNotice:
    pdf: bytes
    signature: SignaturePlace


def render(decision: Decision, issuer: Issuer, commune: str, lang: str = "vi") -> RenderedNotice:
    """Lay out the notice of *decision* for *commune* (its name in running text: "xã Hoằng Hóa")."""
    with using(lang):
        return _Notice(decision, issuer, commune, lang).build()


class _Notice:
    def __init__(self, decision: Decision, issuer: Issuer, commune: str, lang: str):
        self.d, self.issuer, self.commune, self.lang = decision, issuer, nfc(commune), lang
        self.st = make()

    def build(self) -> RenderedNotice:
        d, st, issuer = self.d, self.st, self.issuer
        story: list[Flowable] = []
        story += decree30.header_of(
            st, issuer.lines, issuer.place, d.number, d.decided_at.date(), issuer.parent
        )
        story += decree30.title(st, _("NOTICE"), self._subject())
        story += self._body()
        recipients = [self._commune_recipient(), _("Archive: Office")]
        closing, space = decree30.closing(st, recipients, issuer.signer_title, issuer.signer_name, self.lang)
        story.append(closing)
        try:
            doc = decree30.write_document(
                story, self._subject(), self.lang, issuer.signer_name or issuer.name
            )
        except OSError as exc:
            raise ReportError(_("The notice could not be written ({reason}).").format(reason=exc)) from None
        if space.place is None:
            raise ReportError(_("The notice has no place for the signature; this is a bug in dtdesktop."))
        return RenderedNotice(doc.buf.getvalue(), space.place)

    def _subject(self) -> str:
        return _("The appraisal of the digital transformation self-assessment of {unit}, {period}").format(
            unit=self.commune, period=self.d.submission.period
        )

    def _commune_recipient(self) -> str:
        return _("People's Committee of {unit}").format(unit=self.commune)

    def _p(self, text: str, style=None) -> Paragraph:
        return Paragraph(escape(nfc(text)), style or self.st.body)

    def _body(self) -> list[Flowable]:
        d, a, st = self.d, self.d.submission, self.st
        out: list[Flowable] = [
            self._p(
                _(
                    "Having examined the digital transformation self-assessment of {unit} for {period} "
                    "(submission {revision}) against the criteria set “{catalog}” (version {version}), "
                    "{body} gives notice of the result as follows:"
                ).format(
                    unit=self.commune,
                    period=a.period,
                    revision=a.revision,
                    catalog=a.catalog_title or a.catalog_id,
                    version=a.catalog_version,
                    body=self.issuer.name,
                )
            ),
            self._p(
                _("The submission file examined has the SHA-256 fingerprint {sha}.").format(
                    sha=a.file_sha256
                ),
                st.small.clone("fingerprint", alignment=TA_LEFT, spaceBefore=2),
            ),
        ]
        score = (
            _("The score, recomputed from the answers, is {percent}.").format(
                percent=format_percent(a.percent, self.lang)
            )
            if a.percent is not None
            else ""
        )
        if d.decision == "approved":
            out.append(self._p(_("1. Result: the self-assessment is approved.") + " " + score))
            out.append(
                self._p(
                    _(
                        "The self-assessment is closed for this period; a later change is made in the next "
                        "period's assessment."
                    )
                )
            )
        else:
            out.append(
                self._p(
                    _("1. Result: returned to be completed, for {n} criteria listed below.").format(
                        n=len(d.returned)
                    )
                    + " "
                    + score
                )
            )
            out.append(self._p(_("2. The criteria to complete:")))
            out.append(Spacer(1, 2 * mm))
            out.append(self._returned_table())
            out.append(
                self._p(
                    _(
                        "The People's Committee of {unit} is asked to complete the criteria above, sign the "
                        "self-assessment again and send it back."
                    ).format(unit=self.commune)
                )
            )
        if d.overall:
            label = _("3. General remarks: ") if d.decision == "returned" else _("2. General remarks: ")
            out.append(self._p(label + d.overall))
        out.append(Spacer(1, 2 * mm))
        return out

    def _returned_table(self) -> Table:
        st = self.st
        rows = [
            [
                Paragraph(escape(_("No.")), st.cell_head),
                Paragraph(escape(_("Code")), st.cell_head),
                Paragraph(escape(_("Criterion")), st.cell_head),
                Paragraph(escape(_("To complete")), st.cell_head),
            ]
        ]
        for n, r in enumerate(self.d.returned, 1):
            rows.append(
                [
                    Paragraph(str(n), st.cell_center),
                    Paragraph(escape(nfc(r.code)), st.cell_center),
                    Paragraph(escape(nfc(r.title)), st.cell),
                    Paragraph(escape(nfc(r.comment)), st.cell),
                ]
            )
        widths = [10 * mm, 20 * mm, 55 * mm, FRAME_WIDTH - 85 * mm]
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)  # a long comment goes on overleaf
        table.setStyle(_grid_style())
        return table
