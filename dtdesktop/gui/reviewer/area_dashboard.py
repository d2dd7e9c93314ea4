"""The area's dashboard filled from a summary, and the communes behind whatever the reviewer clicks: a count,
a column of the histogram, a group's progress to a target, an indicator of the weakest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidgetItem

from dtdesktop.catalogs.model import Indicator
from dtdesktop.gui.reviewer.area_widgets import CODE_ROLE, TargetBar, capitalised, show_lines
from dtdesktop.i18n import _, current_language
from dtdesktop.summary.area import STATUSES, AreaSummary, UnitLine
from dtdesktop.summary.tables import STATUS_LABELS, yes_no
from dtdesktop.text import format_number, format_percent

Selection = tuple[Any, ...]  # what the side list shows: ("status", "approved"), ("bin", 7), ("target", 0, 1)…


@dataclass(frozen=True)
class Figures:
    """What the dashboard draws that takes a pass over every unit: computed with the summary, on the
    worker, so that the window thread only fills widgets."""

    ranking: list[UnitLine]
    distribution: list[int]
    pillars: dict[str, float | None]
    weakest: list[tuple[Indicator, int, int]]

    @classmethod
    def of(cls, a: AreaSummary) -> Figures:
        return cls(a.ranking(), a.distribution(), a.pillar_averages(), a.weakest())


class Dashboard:
    """Mixed into the area's page (which makes the widgets these methods fill): kept apart so that the page's
    layout and loading read on their own."""

    summary: AreaSummary | None
    selection: Selection | None
    figures_of: tuple[AreaSummary, Figures] | None = None

    def _figures(self, a: AreaSummary) -> Figures:
        if self.figures_of is None or self.figures_of[0] is not a:
            self.figures_of = (a, Figures.of(a))
        return self.figures_of[1]

    def _fill(self, a: AreaSummary | None) -> None:
        lang = current_language()
        if a is None:
            self.heading.setText(_("The area"))
            if self.scopes is not None and not self.loading:
                self.state.setText(
                    _(
                        "No submission has been received yet: import the communes' files, and the area "
                        "appears here."
                    )
                )
            self._fill_figures(None, lang)
            self._fill_targets(None, lang)
            self._fill_charts(None, lang)
            self._fill_weakest(None, lang)
            for view in (self.ranking, self.not_sent):
                show_lines(view, [])
            self.ranking_title.setText(_("Ranking"))
            self.not_sent_title.setText(_("Communes that sent nothing"))
            self.show_selection(None)
            return
        catalog = f" — {a.catalog.title.get(lang)}" if a.catalog else ""
        where = _("{province}, {period}").format(province=a.province_name, period=a.period)
        self.heading.setText(capitalised(where) + catalog)  # "Cả nước, năm 2025"
        self.state.setText("")
        self._fill_figures(a, lang)
        self._fill_targets(a, lang)
        self._fill_charts(a, lang)
        self._fill_weakest(a, lang)
        ranking = self._figures(a).ranking
        show_lines(self.ranking, ranking, {x.unit.code: n for n, x in enumerate(ranking, 1)})
        self.ranking_title.setText(
            _("Ranking of the {n} communes scored (click a heading to sort)").format(n=len(ranking))
        )
        not_sent = [x for x in a.lines if x.status == "not_sent"]
        show_lines(self.not_sent, not_sent)
        self.not_sent_title.setText(
            _("Communes that sent nothing: {n}").format(n=format_number(len(not_sent), 0, lang))
        )
        grouped = len(a.groups) > 1
        self.ranking.setColumnHidden(2, not grouped)
        self.not_sent.setColumnHidden(1, not grouped)
        self.show_selection(self.selection)

    def _fill_figures(self, a: AreaSummary | None, lang: str) -> None:
        counts = a.counts if a else dict.fromkeys(STATUSES, 0)
        total = len(a.lines) if a else 0
        values = {
            "all": total,
            "sent": total - counts["not_sent"],
            **counts,
            "completed": sum(1 for x in a.lines if x.completed) if a else 0,
        }
        captions = {
            "all": _("Communes in the area"),
            "sent": _("Sent"),
            "completed": _("Complete the criteria"),
            "average": _("Average score"),
            **{s: capitalised(_(STATUS_LABELS[s])) for s in STATUSES},
            "conflict": _("Two files, one revision"),
        }
        for key, card in self.cards.items():
            if key == "average":
                figure = (
                    "—" if a is None or a.average_percent is None else format_percent(a.average_percent, lang)
                )
            else:
                figure = format_number(values[key], 0, lang) if a else "—"
            card.set(figure, captions[key])

    def _fill_targets(self, a: AreaSummary | None, lang: str) -> None:
        for widget in (*self.target_bars, *self.average_labels):
            self.targets_box.removeWidget(widget)
            widget.deleteLater()
        self.target_bars, self.average_labels = [], []
        if a is None:
            return
        for ti, t in enumerate(a.targets):
            title = QLabel(t.target.title.get(lang))
            title.setWordWrap(True)
            self.targets_box.addWidget(title)
            self.average_labels.append(title)
            for gi, g in enumerate(t.groups):
                bar = TargetBar()
                name = g.group or a.province_name
                if t.target.cumulative:
                    text = _("{group}: {achieved} / {required} communes by {year}")
                else:
                    text = _("{group}: {achieved} / {required} communes in {year}")
                text = text.format(group=name, achieved=g.achieved, required=g.required, year=t.target.year)
                if t.target.min_percent is not None:
                    text += " " + _("({share} of {units})").format(
                        share=format_percent(t.target.min_percent, lang).replace(",00", ""), units=g.units
                    )
                bar.set(text, g.achieved, g.required, g.met)
                bar.clicked.connect(lambda ti=ti, gi=gi: self.show_selection(("target", ti, gi)))
                self.targets_box.addWidget(bar)
                self.target_bars.append(bar)
        for avg in a.averages:
            target = (
                yes_no(avg.target) if isinstance(avg.target, bool) else format_number(avg.target, lang=lang)
            )
            average = "—" if avg.average is None else format_number(avg.average, lang=lang)
            label = QLabel(
                _(
                    "{code} {title}: the area's average is {average}, the target {op} {target} ({met})."
                ).format(
                    code=avg.indicator.code,
                    title=avg.indicator.title.get(lang),
                    average=average,
                    op=avg.op or "",
                    target=target,
                    met=_("met") if avg.met else (_("not met") if avg.met is False else _("not known yet")),
                )
            )
            label.setWordWrap(True)
            label.setStyleSheet(
                f"color: {'#2E7D32' if avg.met else '#C62828'};" if avg.met is not None else ""
            )
            self.targets_box.addWidget(label)
            self.average_labels.append(label)
        if not a.targets and not a.averages:
            label = QLabel(_("The criteria set gives no target for the area as a whole."))
            self.targets_box.addWidget(label)
            self.average_labels.append(label)

    def _fill_charts(self, a: AreaSummary | None, lang: str) -> None:
        bins = self._figures(a).distribution if a else [0] * 10
        self.histogram.show_values(
            _("Number of communes by score (click a column to list them)"),
            [f"{i * 10}–{i * 10 + 10}" for i in range(10)],
            bins,
            max(bins),
        )
        pillars = self._figures(a).pillars if a else {}
        self.pillars.show_values(
            _("Average share of points by pillar (%)"),
            list(pillars),
            [round(v or 0.0, 1) for v in pillars.values()],
            100,
        )
        self.pillars.setVisible(bool(pillars))
        if a is not None and a.catalog is not None:
            self.pillars.setToolTip("\n".join(f"{p.code}: {p.title.get(lang)}" for p in a.catalog.pillars))

    def _fill_weakest(self, a: AreaSummary | None, lang: str) -> None:
        rows = self._figures(a).weakest if a else []
        self.weakest.setRowCount(len(rows))
        for r, (ind, met, judged) in enumerate(rows):
            cells = [
                ind.code,
                ind.title.get(lang),
                f"{met} / {judged}",
                format_percent(met / judged * 100, lang),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CODE_ROLE, ind.code)
                if c in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.weakest.setItem(r, c, item)
        self.weakest.resizeColumnToContents(0)
        self.weakest.resizeRowsToContents()
        height = self.weakest.horizontalHeader().height() + sum(
            self.weakest.rowHeight(r) for r in range(len(rows))
        )
        self.weakest.setFixedHeight(height + 4)
        self.weakest.setVisible(bool(rows))
        self.weakest_title.setVisible(bool(rows))

    def _weakest_clicked(self, row: int, _column: int) -> None:
        item = self.weakest.item(row, 0)
        if item is not None:
            self.show_selection(("indicator", item.data(CODE_ROLE)))

    # ----------------------------------------------------------------------------------- the side list

    def show_selection(self, selection: Selection | None) -> None:
        """List the communes behind a figure: a count, a column of the histogram, a group's target, an
        indicator of the weakest."""
        self.selection = selection
        found = self.lines_for(selection) if selection is not None and self.summary is not None else None
        if found is None:
            self.side_title.setText(
                _("Click a figure, a column, a target or an indicator to list its communes here.")
            )
            show_lines(self.side, [])
            self.open_button.setEnabled(False)
            return
        title, lines = found
        self.side_title.setText(title)
        show_lines(self.side, lines)
        self.open_button.setEnabled(bool(lines))

    def lines_for(self, selection: Selection) -> tuple[str, list[UnitLine]] | None:
        """The title of the side list and its communes, in the order shown."""
        a, lang = self.summary, current_language()
        if a is None:
            return None
        kind = selection[0]
        by_score = sorted(
            a.lines, key=lambda x: (-(x.percent if x.percent is not None else -1.0), x.unit.code)
        )
        if kind == "status":
            key = selection[1]
            if key == "all":
                lines = by_score
            elif key == "sent":
                lines = [x for x in by_score if x.status != "not_sent"]
            elif key == "completed":
                lines = [x for x in by_score if x.completed]
            else:
                lines = [x for x in by_score if x.status == key]
            return f"{self.cards[key].caption.text()}: {format_number(len(lines), 0, lang)}", lines
        if kind == "bin":
            i = selection[1]
            lines = [x for x in by_score if x.percent is not None and min(int(x.percent // 10), 9) == i]
            if i == 9:
                return _("Scored from 90% to 100%: {n}").format(n=len(lines)), lines
            return _("Scored from {low}% to under {high}%: {n}").format(
                low=i * 10, high=i * 10 + 10, n=len(lines)
            ), lines
        if kind == "target":
            ti, gi = selection[1], selection[2]
            if ti >= len(a.targets) or gi >= len(a.targets[ti].groups):
                return None
            t = a.targets[ti]
            g = t.groups[gi]
            if t.target.scope == "district":
                members = set(a.groups.get(g.group, ()))
            else:
                members = {x.unit.code for x in a.lines}
            lines = [x for x in by_score if x.unit.code in members]
            lines.sort(key=lambda x: not x.completed)
            return _("{group}: {achieved} of the {units} communes have completed (listed first)").format(
                group=g.group or a.province_name, achieved=g.achieved, units=g.units
            ), lines
        if kind == "indicator":
            code = selection[1]
            lines = [x for x in by_score if x.indicators.get(code) in ("not_met", "missing")]
            return _("{code}: not met by {n} communes").format(code=code, n=len(lines)), lines
        return None

    def side_codes(self) -> list[str]:
        """The codes in the side list, in the order shown."""
        proxy = self.side.model()
        return [proxy.index(r, 0).data(CODE_ROLE) for r in range(proxy.rowCount())]

    def _open_selected(self) -> None:
        rows = self.side.selectionModel().selectedRows()
        codes = [r.data(CODE_ROLE) for r in rows] if rows else self.side_codes()
        if codes:
            self.open_units.emit(codes)
