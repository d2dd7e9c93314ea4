"""The pieces of the area's dashboard: a figure to click, a target's progress bar, the two charts, and the
table model every list of communes on the page shares (so that thousands of rows cost no widget each)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QSizePolicy, QTableView, QVBoxLayout, QWidget

from dtdesktop.gui.style import ACCENT, restyle
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.summary.area import UnitLine
from dtdesktop.summary.tables import STATUS_LABELS
from dtdesktop.text import format_percent

MET = "#2E7D32"
NOT_MET = "#C62828"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class Clickable(QFrame):
    """A frame that acts as a button: click, Enter or Space; focusable, so the keyboard reaches it."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class FigureCard(Clickable):
    """A big figure over its caption ("37" / "Chưa gửi"); clicked, the page lists its communes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "areaFigure")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.figure = QLabel("—")
        font = self.figure.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.figure.setFont(font)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(0)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption, 1)
        # Room for two lines of caption whatever the width: "Hai tệp cho cùng một lần gửi" wraps.
        lines = self.caption.fontMetrics().lineSpacing() * 2
        self.setFixedHeight(self.figure.fontMetrics().height() + lines + 14)

    def set(self, figure: str, caption: str) -> None:
        self.figure.setText(figure)
        self.caption.setText(caption)
        self.setAccessibleName(f"{caption}: {figure}")


class ElidedLabel(QLabel):
    """One line, cut with "…" when the page is narrow; the whole text in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40))
        super().setText(shown)


class TargetBar(Clickable):
    """One group's progress to a target: the sentence above ("Thanh Hóa: 212 / 300 xã đến 2025"), the bar
    under it, green when the target is reached and red while it is not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.bar.setMaximumHeight(16)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.met: bool | None = None

    def set(self, text: str, achieved: int, required: int, met: bool) -> None:
        self.label.setText(text)
        self.bar.setRange(0, max(required, 1))
        self.bar.setValue(min(achieved, max(required, 1)))
        self.bar.setFormat(f"{achieved} / {required}")
        self.met = met
        colour = MET if met else NOT_MET
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background-color: {colour}; }}")
        restyle(self, "met", "yes" if met else "no")
        self.setAccessibleName(text)


def _chart(title_font_scale: float = 1.0) -> QChart:
    chart = QChart()
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.setLocalizeNumbers(True)
    return chart


class BarChart(QChartView):
    """Columns with their figure on top, as the officer's pillar chart draws them; a column clicked says
    which (the histogram lists that tenth's communes)."""

    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, height: int = 200) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(height)
        chart = _chart()
        self.bars = QBarSet("")
        self.bars.setColor(QColor(ACCENT))
        self.bars.setLabelColor(QColor("#102A43"))
        small = self.font()
        small.setPointSizeF(max(7.5, small.pointSizeF() - 1.5))
        self.bars.setLabelFont(small)
        self.series = QBarSeries()
        self.series.append(self.bars)
        self.series.setBarWidth(0.7)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.series.setLabelsFormat("@value")
        chart.addSeries(self.series)
        self.categories = QBarCategoryAxis()
        self.categories.setLabelsFont(small)
        self.categories.setGridLineVisible(False)
        self.categories.setTruncateLabels(False)
        self.values = QValueAxis()
        self.values.setVisible(False)
        chart.addAxis(self.categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.values, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.categories)
        self.series.attachAxis(self.values)
        self.setChart(chart)
        self.series.clicked.connect(lambda index, _set: self.bar_clicked.emit(index))

    def show_values(self, title: str, labels: Sequence[str], values: Sequence[float], top: float) -> None:
        chart = self.chart()
        chart.setLocale(QLocale())
        chart.setTitle(title)
        if list(self.categories.categories()) != list(labels):
            self.categories.clear()
            self.categories.append(list(labels))
        if self.bars.count() != len(values):
            self.bars.remove(0, self.bars.count())
            self.bars.append([float(v) for v in values])
        else:
            for i, v in enumerate(values):
                self.bars.replace(i, float(v))
        self.values.setRange(0, top * 1.18 if top > 0 else 1)  # room above the highest for its figure

    def bar_centre(self, index: int):
        """Where column *index* is drawn, in the view's viewport (a test clicks there)."""
        from PySide6.QtCore import QPointF

        point = self.chart().mapToPosition(QPointF(index, self.bars.at(index) / 2), self.series)
        return self.mapFromScene(self.chart().mapToScene(point))


COLUMNS = {
    "rank": N_("No."),
    "unit": N_("Unit"),
    "group": N_("Group"),
    "score": N_("Score"),
    "status": N_("Status"),
    "completed": N_("Completed"),
}


class LinesModel(QAbstractTableModel):
    """Communes of the area as rows (a ranking, the non-senders, what a click listed), in the columns
    asked for; sorted through a proxy on SORT_ROLE, the figures by value and the names as read."""

    def __init__(self, columns: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.lines: list[UnitLine] = []
        self.ranks: dict[str, int] = {}

    def set_lines(self, lines: list[UnitLine], ranks: dict[str, int] | None = None) -> None:
        self.beginResetModel()
        self.lines, self.ranks = lines, ranks or {}
        self.endResetModel()

    def codes(self) -> list[str]:
        return [line.unit.code for line in self.lines]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[self.columns[section]])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        line, column = self.lines[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == SORT_ROLE:
            return self._key(line, column)
        if role == CODE_ROLE:
            return line.unit.code
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("rank", "score"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == "unit":
            return f"{line.unit.full_name} ({line.unit.code})"
        return None

    def _text(self, line: UnitLine, column: str) -> str:
        if column == "rank":
            rank = self.ranks.get(line.unit.code)
            return str(rank) if rank else ""
        if column == "unit":
            return line.unit.full_name
        if column == "group":
            return line.group
        if column == "score":
            return "—" if line.percent is None else format_percent(line.percent, current_language())
        if column == "status":
            return _(STATUS_LABELS[line.status])
        if column == "completed":
            return "" if line.completed is None else (_("yes") if line.completed else _("no"))
        return ""

    def _key(self, line: UnitLine, column: str) -> Any:
        if column == "rank":
            return self.ranks.get(line.unit.code, 1 << 30)
        if column == "score":
            return -1.0 if line.percent is None else line.percent
        if column == "completed":
            return -1 if line.completed is None else int(line.completed)
        return self._text(line, column)


def show_lines(view: QTableView, lines: list[UnitLine], ranks: dict[str, int] | None = None) -> None:
    """Put *lines* in *view* in the order given (already sorted by the core): the proxy is set unsorted
    first, or it would sort thousands of rows through Python calls again (0.2 s for the whole country)."""
    proxy = view.model()
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    proxy.sort(-1)
    proxy.sourceModel().set_lines(lines, ranks)
