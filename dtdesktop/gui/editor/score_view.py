"""Always in sight: total, percent, rating, completed or not, answered count, and the pillars' chart.

The figures follow each keystroke; the chart, which costs more to redraw, follows a moment later
(coalesced), so typing is never held up by it.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QLocale, QMargins, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from dtdesktop.gui.editor.session import AssessmentSession
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.style import restyle
from dtdesktop.i18n import _, current_language
from dtdesktop.scoring import ScoreResult
from dtdesktop.text import format_number, format_percent

CHART_DELAY_MS = 120


class ScoreStrip(Retranslating, QFrame):
    def __init__(self, session: AssessmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setProperty("role", "scoreStrip")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 6, 12, 6)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(2)
        self.figures = {k: QLabel() for k in ("total", "percent", "rating", "completed", "answered")}
        self.captions = {k: QLabel() for k in self.figures}
        figures = [k for k in self.figures if k != "rating"]
        for column, key in enumerate(figures):
            self.figures[key].setProperty("role", "scoreFigure")
            self.captions[key].setProperty("role", "scoreCaption")
            grid.addWidget(self.captions[key], 0, column)
            grid.addWidget(self.figures[key], 1, column)
        grid.setColumnStretch(len(figures), 1)
        # The rating is words, not a figure: on its own line under the figures, as long as it needs, with
        # whether what is on the screen is on the disk beside it (where the officer looks).
        line = QHBoxLayout()
        line.setSpacing(8)
        self.captions["rating"].setProperty("role", "scoreCaption")
        self.figures["rating"].setProperty("role", "scoreRating")
        self.figures["rating"].setWordWrap(True)
        self.save_state = QLabel()
        self.save_state.setProperty("role", "saveState")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        line.addWidget(self.captions["rating"], 0, Qt.AlignmentFlag.AlignVCenter)
        line.addWidget(self.figures["rating"], 1)
        line.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addLayout(line, 2, 0, 1, len(figures) + 1)
        self._saved_at: str | None = None
        self._failed = False
        self.retranslate()
        session.scored.connect(self.show_result)
        session.saved.connect(self._saved)
        session.failed.connect(self._not_saved)

    def retranslate(self) -> None:
        for key, text in (
            ("total", _("Points")),
            ("percent", _("Percent")),
            ("rating", _("Rating")),
            ("completed", _("Completed")),
            ("answered", _("Answered")),
        ):
            self.captions[key].setText(text)
        self.show_result(self.session.result)
        self._show_save_state()

    def _saved(self, _codes: object) -> None:
        self._saved_at, self._failed = QTime.currentTime().toString("HH:mm:ss"), False
        self._show_save_state()

    def _not_saved(self, _sentence: str) -> None:
        self._failed = True
        self._show_save_state()

    def _show_save_state(self) -> None:
        if self._failed:
            text = _("Not saved: see the message below")
        elif self._saved_at:
            text = _("All changes saved ({time})").format(time=self._saved_at)
        else:
            text = _("All changes saved")
        self.save_state.setText(text)
        restyle(self.save_state, "role", "saveFailed" if self._failed else "saveState")

    def show_result(self, r: ScoreResult) -> None:
        lang = current_language()
        f = self.figures
        total = len(r.indicators)
        texts = {
            "total": f"{format_number(r.total, lang=lang)}/{format_number(r.max, lang=lang)}",
            "percent": format_percent(r.percent, lang),
            "rating": r.rating.get(lang) if r.rating else "—",
            "completed": _("yes") if r.completed else _("not yet"),
            "answered": f"{total - len(r.missing)}/{total}",
        }
        for key, text in texts.items():
            if f[key].text() != text:  # an unchanged label costs no new layout
                f[key].setText(text)
        restyle(f["completed"], "role", "completedYes" if r.completed else "completedNo")


class PillarChart(Retranslating, QChartView):
    """Each pillar's percentage as a column, against 100: columns, because the chart sits under the tree,
    wide and short, and eight pillars (the DTI-style sets) then still get a readable code each."""

    def __init__(self, session: AssessmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(170)
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(4)
        chart.setLocalizeNumbers(True)  # 74,62% in Vietnamese
        self.bars = QBarSet("")
        self.bars.setColor(QColor("#1F5FAE"))
        self.bars.setLabelColor(QColor("#102A43"))
        small = self.font()
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1.5))
        self.bars.setLabelFont(small)
        self.series = QBarSeries()
        self.series.append(self.bars)
        self.series.setBarWidth(0.6)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(self.series)
        self.categories = QBarCategoryAxis()
        self.categories.setLabelsFont(small)
        self.categories.setGridLineVisible(False)
        self.categories.setTruncateLabels(False)  # "ATTT" whole; the charts' own rule cuts it needlessly
        self.values = QValueAxis()
        self.values.setRange(0, 118)  # room above a full column for its figure
        self.values.setTickCount(2)
        self.values.setLabelsVisible(False)  # each column carries its own figure, in the reader's format
        self.values.setGridLineVisible(False)
        self.values.setVisible(False)
        chart.addAxis(self.categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.values, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.categories)
        self.series.attachAxis(self.values)
        self.setChart(chart)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHART_DELAY_MS)
        self.timer.timeout.connect(self.redraw)
        session.scored.connect(lambda _r: self.timer.start())
        self.retranslate()

    def retranslate(self) -> None:
        lang = current_language()
        self.chart().setLocale(QLocale())
        self.categories.clear()
        labels = [p.code for p in self.session.catalog.pillars]
        self.categories.append(labels)
        self.chart().setTitle(_("Share of points by pillar (%)"))
        self.setToolTip("\n".join(f"{p.code}: {p.title.get(lang)}" for p in self.session.catalog.pillars))
        self.redraw()

    def redraw(self) -> None:
        values = [p.percent for p in self.session.result.pillars]
        if self.bars.count() != len(values):
            self.bars.remove(0, self.bars.count())
            self.bars.append(values)
        else:
            for i, v in enumerate(values):
                if self.bars.at(i) != v:
                    self.bars.replace(i, v)
        self.series.setLabelsFormat("@value")  # the title says "%": a narrow column holds "77,5" whole
