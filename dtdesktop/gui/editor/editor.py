"""The assessment editor: criteria tree and pillar chart on the left; score and indicator on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from dtdesktop.decisions.receive import LastDecision
from dtdesktop.gui.editor.panel import IndicatorPanel
from dtdesktop.gui.editor.review_banner import ReviewBanner
from dtdesktop.gui.editor.score_view import PillarChart, ScoreStrip
from dtdesktop.gui.editor.session import AssessmentSession
from dtdesktop.gui.editor.tree import IndicatorTree


class AssessmentEditor(QWidget):
    def __init__(
        self, session: AssessmentSession, decision: LastDecision | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.banner = ReviewBanner(session, decision)
        self.tree = IndicatorTree(session)
        self.chart = PillarChart(session)
        self.strip = ScoreStrip(session)
        self.panel = IndicatorPanel(session)
        self.problem = QLabel()
        self.problem.setProperty("role", "reviewComment")
        self.problem.setWordWrap(True)
        self.problem.hide()

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.tree)
        left.addWidget(self.chart)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        left.setChildrenCollapsible(False)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.panel)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.strip)
        column.addWidget(self.problem)
        column.addWidget(scroll, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        split.setSizes([2000, 3000])  # two fifths to the tree and chart at any width (scaled 150% too)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        self.banner.show_returned.connect(lambda: self.tree.set_filter("returned"))

        self.tree.chosen.connect(self.panel.show_indicator)
        session.failed.connect(self._failed)
        session.saved.connect(lambda _codes: self.problem.hide())
        first = sorted(session.returned)[0] if session.returned else session.catalog.indicators[0].code
        self.tree.select(first)

    def _failed(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()

    def go_to(self, code: str) -> None:
        self.tree.select(code)
        self.panel.focus_input()
