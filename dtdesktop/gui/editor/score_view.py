"""Always in sight: total, percent, rating, completed or not, answered count, and the pillars' chart.

The figures follow each keystroke; the chart, which costs more to redraw, follows a moment later
(coalesced), so typing is never held up by it.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import QLocale, QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

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
        self.figures = {k: QLabel() for k in ("total", "percent", "rating", "completed", "answered")}
        self.captions = {k: QLabel() for k in self.figures}
        for column, key in enumerate(self.figures):
            self.figures[key].setProperty("role", "scoreFigure")
            self.captions[key].setProperty("role", "scoreCaption")
            grid.addWidget(self.captions[key], 0, column)
            grid.addWidget(self.figures[key], 1, column)
        grid.setColumnStretch(len(self.figures), 1)
        self.retranslate()
        session.scored.connect(self.show_result)

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
    """Each pillar's percentage as a horizontal bar, against 100."""

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
        self.series = QHorizontalBarSeries()
        self.series.append(self.bars)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(self.series)
        self.categories = QBarCategoryAxis()
        self.values = QValueAxis()
        self.values.setRange(0, 100)
        self.values.setTickCount(6)
        self.values.setLabelsVisible(False)  # each bar carries its own figure, in the reader's format
        chart.addAxis(self.categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self.values, Qt.AlignmentFlag.AlignBottom)
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
        labels = [p.code for p in self.session.catalog.pillars][::-1]  # first pillar on top
        self.categories.append(labels)
        self.chart().setTitle(_("Share of points by pillar"))
        self.setToolTip("\n".join(f"{p.code}: {p.title.get(lang)}" for p in self.session.catalog.pillars))
        self.redraw()

    def redraw(self) -> None:
        values = [p.percent for p in self.session.result.pillars][::-1]
        if self.bars.count() != len(values):
            self.bars.remove(0, self.bars.count())
            self.bars.append(values)
        else:
            for i, v in enumerate(values):
                if self.bars.at(i) != v:
                    self.bars.replace(i, v)
        self.series.setLabelsFormat("@value%")
