"""The criteria on the left: pillars and their indicators, each with a mark, and filters.

Marks, strongest first: returned by the reviewer, to check (carried over), then the indicator's status:
met, not met, missing, or answered (an indicator that is informative, not scored).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from dtdesktop.gui.editor.session import AssessmentSession
from dtdesktop.gui.icons import status_icon
from dtdesktop.gui.keys import ComboBox
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.i18n import _, current_language
from dtdesktop.scoring.engine import IndicatorResult
from dtdesktop.text import format_percent

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
FILTERS = ("all", "missing", "not_met", "to_check", "returned")


def mark_of(session: AssessmentSession, r: IndicatorResult) -> str:
    if r.code in session.returned:
        return "returned"
    if r.code in session.to_check:
        return "to_check"
    if r.status == "info":
        return "answered" if r.code in session.values else "missing"
    return r.status


def mark_label(mark: str) -> str:
    return {
        "met": _("met"),
        "not_met": _("not met"),
        "missing": _("missing"),
        "answered": _("answered"),
        "to_check": _("to check"),
        "returned": _("returned by the reviewer"),
    }[mark]


class IndicatorTree(Retranslating, QWidget):
    chosen = Signal(str)  # indicator code

    def __init__(self, session: AssessmentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter = ComboBox()
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.pillar_items: dict[str, QTreeWidgetItem] = {}
        self._build()
        self.retranslate()
        self.filter.currentIndexChanged.connect(self.apply_filter)
        self.tree.currentItemChanged.connect(self._current_changed)
        session.scored.connect(lambda _result: self.refresh())

    def _build(self) -> None:
        lang = current_language()
        for pillar in self.session.catalog.pillars:
            top = QTreeWidgetItem([pillar.title.get(lang)])
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            self.pillar_items[pillar.code] = top
            for ind in pillar.indicators:
                item = QTreeWidgetItem(top, [f"{ind.code}  {ind.title.get(lang)}"])
                item.setData(0, CODE_ROLE, ind.code)
                self.items[ind.code] = item
            top.setExpanded(True)
        self.refresh()

    def retranslate(self) -> None:
        current = self.filter.currentIndex()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItems(
            [
                _("All indicators"),
                _("Only missing"),
                _("Only not met"),
                _("Only to check"),
                _("Only returned"),
            ]
        )
        self.filter.setCurrentIndex(max(current, 0))
        self.filter.blockSignals(False)
        lang = current_language()
        for pillar in self.session.catalog.pillars:
            for ind in pillar.indicators:
                self.items[ind.code].setText(0, f"{ind.code}  {ind.title.get(lang)}")
        self.refresh()

    def refresh(self) -> None:
        """Marks and pillar figures from the session's latest score (cheap: 40 items)."""
        lang = current_language()
        pillars = {p.code: p for p in self.session.result.pillars}
        for r in self.session.result.indicators:
            item = self.items[r.code]
            mark = mark_of(self.session, r)
            if item.data(0, Qt.ItemDataRole.UserRole) != mark:
                item.setData(0, Qt.ItemDataRole.UserRole, mark)
                item.setIcon(0, status_icon(mark))
                item.setToolTip(0, mark_label(mark))
        for pillar in self.session.catalog.pillars:
            p = pillars[pillar.code]
            answered = sum(1 for i in pillar.indicators if i.code in self.session.values)
            share = f"{answered}/{len(pillar.indicators)}"
            text = f"{pillar.title.get(lang)} — {format_percent(p.percent, lang)} ({share})"
            if self.pillar_items[pillar.code].text(0) != text:
                self.pillar_items[pillar.code].setText(0, text)
        self.apply_filter()

    def apply_filter(self) -> None:
        wanted = FILTERS[max(self.filter.currentIndex(), 0)]
        for top in self.pillar_items.values():
            shown = 0
            for i in range(top.childCount()):
                item = top.child(i)
                mark = item.data(0, Qt.ItemDataRole.UserRole)
                visible = wanted == "all" or mark == wanted
                item.setHidden(not visible)
                shown += visible
            top.setHidden(shown == 0)

    def set_filter(self, name: str) -> None:
        self.filter.setCurrentIndex(FILTERS.index(name))

    def select(self, code: str) -> None:
        item = self.items.get(code)
        if item is None:
            return
        if item.isHidden():
            self.set_filter("all")
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)

    def current_code(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, CODE_ROLE) if item else None

    def visible_codes(self) -> list[str]:
        return [c for c, item in self.items.items() if not item.isHidden()]

    def step(self, delta: int, only: str | None = None) -> None:
        """Go to the next (+1) or previous (-1) visible indicator, or the next one with mark *only*."""
        codes = (
            self.visible_codes()
            if only is None
            else [c for c, item in self.items.items() if item.data(0, Qt.ItemDataRole.UserRole) == only]
        )
        if not codes:
            return
        current = self.current_code()
        if current is None:
            self.select(codes[0] if delta > 0 else codes[-1])
            return
        order = {c: n for n, c in enumerate(self.items)}
        pos = order[current]
        ahead = [c for c in codes if (order[c] - pos) * delta > 0]
        if ahead:
            self.select(min(ahead, key=lambda c: abs(order[c] - pos)))
        elif only is not None:
            self.select(codes[0] if delta > 0 else codes[-1])  # wrap round to the first one

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        code = item.data(0, CODE_ROLE) if item else None
        if code:
            self.chosen.emit(code)
