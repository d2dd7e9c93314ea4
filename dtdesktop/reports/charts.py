"""The report's two charts: a radar of the pillars and bars of each measured indicator against its target.

Every label names its font: a label left alone falls back to Helvetica, which has no Vietnamese glyphs
and would not be embedded.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, Line
from reportlab.lib import colors

from dtdesktop.reports import fonts

RESULT_COLOR = colors.HexColor("#2F5D8A")
NOT_MET_COLOR = colors.HexColor("#C0504D")
GRID_COLOR = colors.HexColor("#B9C2CC")


@dataclass(frozen=True, slots=True)
class Bar:
    """One indicator in the bar chart: its code, the value reached and the target (percent), met or not."""

    label: str
    value: float
    target: float
    met: bool


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = fonts.REGULAR  # the renderer's starting font, Helvetica otherwise
    return d


def pillar_radar(labels: list[str], percents: list[float], width: float, height: float) -> Drawing:
    """A radar of the pillars' percentages (0–100), one spoke per pillar."""
    fonts.register()
    d = _drawing(width, height)
    chart = SpiderChart()
    size = min(width, height) - 70
    chart.x, chart.y = (width - size) / 2, (height - size) / 2
    chart.width = chart.height = size
    # The outer strand marks 100% of every pillar, so the reader sees how far each one is from full.
    chart.data = [percents, [100.0] * len(percents)]
    chart.labels = labels
    chart.spokeLabels.fontName = fonts.REGULAR
    chart.spokeLabels.fontSize = 9
    chart.strandLabels.fontName = fonts.REGULAR
    chart.strandLabels.fontSize = 8
    chart.spokes.strokeColor = GRID_COLOR
    chart.strands[0].strokeColor = RESULT_COLOR
    chart.strands[0].fillColor = colors.Color(0.18, 0.36, 0.54, alpha=0.25)
    chart.strands[0].strokeWidth = 1.5
    chart.strands[1].strokeColor = GRID_COLOR
    chart.strands[1].fillColor = None
    chart.strands[1].strokeWidth = 0.5
    d.add(chart)
    return d


def target_bars(
    bars: list[Bar],
    width: float,
    labels: tuple[str, str, str],
    bar_height: float = 7,
    targets: bool = True,
) -> Drawing:
    """One bar per indicator (the value reached, 0–100%), coloured met or not, with its target as a tick.

    *labels* name the legend's entries: met, not met, target (an empty label leaves its entry out);
    without *targets*, no tick is drawn (an average, a ranking).
    """
    fonts.register()
    rows = len(bars)
    pitch = bar_height + 5
    plot_height = rows * pitch
    height = plot_height + 44
    d = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 48, 30
    chart.width, chart.height = width - 64, plot_height
    ordered = list(reversed(bars))  # the first indicator on top
    chart.data = [[b.value for b in ordered]]
    chart.categoryAxis.categoryNames = [b.label for b in ordered]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeWidth = 0.5
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 10
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID_COLOR
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.strokeWidth = 0.5
    chart.barLabels.fontName = fonts.REGULAR
    chart.barWidth = bar_height
    chart.groupSpacing = 5
    chart.bars.strokeColor = None
    for i, b in enumerate(ordered):
        chart.bars[(0, i)].fillColor = RESULT_COLOR if b.met else NOT_MET_COLOR
    d.add(chart)
    for i, b in enumerate(ordered if targets else ()):  # the target: a black tick across the bar's row
        x = chart.x + chart.width * b.target / 100.0
        y = chart.y + pitch * i + (pitch - bar_height) / 2
        d.add(Line(x, y - 2, x, y + bar_height + 2, strokeColor=colors.black, strokeWidth=1.6))
    legend = Legend()
    legend.fontName = fonts.REGULAR
    legend.fontSize = 9
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x, legend.y = chart.x, 10
    legend.dx, legend.dy = 10, 7
    legend.deltax = 120
    pairs = [
        (RESULT_COLOR, labels[0]),
        (NOT_MET_COLOR, labels[1]),
        (colors.black, labels[2] if targets else ""),
    ]
    legend.colorNamePairs = [(color, label) for color, label in pairs if label]
    d.add(legend)
    return d
