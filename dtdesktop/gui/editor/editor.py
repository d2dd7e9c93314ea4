"""The assessment editor: criteria tree and pillar chart on the left; score and indicator on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

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

        self.scroll = scroll = QScrollArea()
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
        self.tree.chosen.connect(lambda _code: self._scroll_to_title())
        session.failed.connect(self._failed)
        session.saved.connect(lambda _codes: self.problem.hide())
        session.changed.connect(self._changed_elsewhere)
        first = sorted(session.returned)[0] if session.returned else session.catalog.indicators[0].code
        self.tree.select(first)

    def _failed(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()

    def _changed_elsewhere(self, code: str, external: bool) -> None:
        """An undo or a redo of another indicator's answer brings that indicator into view: nothing changes
        where the officer cannot see it."""
        if external and self.panel.ind is not None and code != self.panel.ind.code:
            self.tree.select(code)

    def go_to(self, code: str) -> None:
        self.tree.select(code)
        self.panel.focus_input()

    def _scroll_to_title(self) -> None:
        """Another indicator starts at its top: its code and title in view, whatever was scrolled before."""
        self.scroll.verticalScrollBar().setValue(0)
        self.scroll.horizontalScrollBar().setValue(0)

    # --- Tab: through the indicator as the page reads, then on to the next indicator

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab and Shift+Tab pressed anywhere in the editor (Qt passes them up from the focused field)."""
        focus = QApplication.focusWidget()
        if focus is None:
            return super().focusNextPrevChild(forward)
        here = self.panel.stop_holding(focus) if self.panel.isAncestorOf(focus) else None
        if here is not None:
            self._tab_from_panel(here, forward)
            return True
        if focus is self.tree.tree and forward and self.panel.tab_stops():
            self.panel.focus_input()
            return True
        return super().focusNextPrevChild(forward)

    def _tab_from_panel(self, here: int, forward: bool) -> None:
        """From the *here*-th stop of the panel to the one after (or before); past the last one, the next
        indicator's answer; before the first one, the criteria list (never the filter above it)."""
        stops = self.panel.tab_stops()
        there = here + (1 if forward else -1)
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        if 0 <= there < len(stops):
            stops[there].setFocus(reason)
            self.scroll.ensureWidgetVisible(stops[there])
            return
        current = self.tree.current_code()
        if forward:
            self.tree.step(1)
        if forward and self.tree.current_code() != current and self.panel.tab_stops():
            self.panel.focus_input()
        else:  # before the first field, or past the last indicator's last one
            self.tree.tree.setFocus(reason)
