"""The revisions of a commune's assessment as received (when, score, status, decision), the steps of the
review of this file, and what changed between any two revisions, criterion by criterion in plain words, so
that a reviewer reads only what changed since the last decision."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui.keys import ComboBox
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.review.diff import Change, Diff, diff
from dtdesktop.review.reviewing import Step
from dtdesktop.review.submission_view import SubmissionView
from dtdesktop.scoring.answers import AnswerError, parse_value
from dtdesktop.scoring.display import value_text
from dtdesktop.text import format_date, format_percent

SUBMISSION_STATUS = {"submitted": N_("submitted"), "returned": N_("returned"), "approved": N_("approved")}
STEP_SENTENCES = {
    "return": N_("{when}: returned to the commune by {actor}"),
    "approve": N_("{when}: approved by {actor}"),
    "unapprove": N_("{when}: approval withdrawn by {actor}"),
}
STEP_LABELS = {"return": N_("returned"), "approve": N_("approved"), "unapprove": N_("approval withdrawn")}


def when(moment) -> str:
    """A moment in the reviewer's local time: "31/12/2025 14:05"."""
    local = moment.astimezone()
    return f"{format_date(local.date(), current_language())} {local:%H:%M}"


def step_text(step: Step) -> str:
    """One review step in a sentence: who did what, when, and why."""
    sentence = STEP_SENTENCES.get(step.action, STEP_SENTENCES["return"])
    text = _(sentence).format(when=when(step.at), actor=step.actor)
    if step.comments:
        text += " — " + _("criteria returned: {codes}").format(codes=", ".join(c.code for c in step.comments))
    if step.overall:
        text += " — " + step.overall
    if step.reason:
        text += " — " + _("reason: {reason}").format(reason=step.reason)
    return text


def change_text(view: SubmissionView, change: Change) -> str:
    """A change as people read it: "Answer: 45/60 (75,00%) → 50/60 (83,33%)"."""
    if change.what == "answer":
        return _("Answer: {before} → {after}").format(
            before=_answer(view, change.code, change.before), after=_answer(view, change.code, change.after)
        )
    if change.what == "note":
        return _("Note: “{before}” → “{after}”").format(before=change.before or "", after=change.after or "")
    if change.what == "evidence_added":
        return _("Evidence added: {what}").format(what=change.after)
    return _("Evidence removed: {what}").format(what=change.before)


def _answer(view: SubmissionView, code: str, raw: Any) -> str:
    ind = view.catalog.indicator(code)
    if raw is None or ind is None:
        return "—" if raw is None else str(raw)
    try:
        return value_text(ind, parse_value(ind, raw), current_language())
    except (AnswerError, ValueError, TypeError):
        return str(raw)


class HistoryView(Retranslating, QWidget):
    def __init__(self, ctx: ReviewerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: SubmissionView | None = None
        self.last: Diff | None = None
        self.revisionsCaption = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("revisionsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.stepsCaption = QLabel()
        self.steps = QListWidget()
        self.steps.setObjectName("reviewSteps")
        self.steps.setWordWrap(True)

        self.diffCaption = QLabel()
        self.fromLabel, self.toLabel = QLabel(), QLabel()
        self.fromCombo, self.toCombo = ComboBox(), ComboBox()
        self.fromCombo.setObjectName("diffFrom")
        self.toCombo.setObjectName("diffTo")
        self.fromCombo.currentIndexChanged.connect(self.compare)
        self.toCombo.currentIndexChanged.connect(self.compare)
        self.summary = QLabel()
        self.summary.setObjectName("diffSummary")
        self.summary.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setObjectName("diffChanges")
        self.changes.setHeaderHidden(True)
        self.changes.setWordWrap(True)

        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.revisionsCaption)
        column.addWidget(self.table, 2)
        column.addWidget(self.stepsCaption)
        column.addWidget(self.steps, 1)
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.diffCaption)
        row = QHBoxLayout()
        row.addWidget(self.fromLabel)
        row.addWidget(self.fromCombo, 1)
        row.addWidget(self.toLabel)
        row.addWidget(self.toCombo, 1)
        column.addLayout(row)
        column.addWidget(self.summary)
        column.addWidget(self.changes, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.retranslate()

    def retranslate(self) -> None:
        self.revisionsCaption.setText(_("Revisions received of this assessment:"))
        self.table.setHorizontalHeaderLabels(
            [_("Revision"), _("Received"), _("Score"), _("Status"), _("Decision")]
        )
        self.stepsCaption.setText(_("Steps of the review of this file:"))
        self.diffCaption.setText(_("What changed between two revisions:"))
        self.fromLabel.setText(_("From revision"))
        self.toLabel.setText(_("to revision"))

    def set_view(self, view: SubmissionView) -> None:
        self.view = view
        lang = current_language()
        self.table.setRowCount(len(view.revisions))
        for n, r in enumerate(view.revisions):
            status = _(SUBMISSION_STATUS.get(r.status, r.status))
            if r.conflict:
                status += " — " + _("in conflict")
            elif r.verdict != "valid":
                status += " — " + _("cannot be decided yet")
            cells = [
                str(r.revision) + (" ◀" if r.id == view.id else ""),
                when(r.received_at),
                format_percent(r.percent, lang) if r.percent is not None else "—",
                status,
                _(STEP_LABELS[r.decision]) if r.decision in STEP_LABELS else "—",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.id == view.id:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(n, c, item)
        self.steps.clear()
        for step in view.steps:
            self.steps.addItem(step_text(step))
        if not view.steps:
            self.steps.addItem(_("No step taken yet on this file."))
        comparable = [r.revision for r in view.revisions if r.comparable or r.id == view.id]
        comparable = sorted(set(comparable))
        for combo in (self.fromCombo, self.toCombo):
            combo.blockSignals(True)
            combo.clear()
            for rev in comparable:
                combo.addItem(_("revision {n}").format(n=rev), rev)
        earlier = [r for r in comparable if r < view.revision]
        self.fromCombo.setCurrentIndex(comparable.index(earlier[-1]) if earlier else 0)
        self.toCombo.setCurrentIndex(comparable.index(view.revision) if view.revision in comparable else 0)
        for combo in (self.fromCombo, self.toCombo):
            combo.blockSignals(False)
            combo.setEnabled(len(comparable) > 1)
        self.compare()

    def choose(self, rev_from: int, rev_to: int) -> None:
        """Compare *rev_from* with *rev_to* (the two combo boxes, as the reviewer sets them)."""
        self.fromCombo.setCurrentIndex(self.fromCombo.findData(rev_from))
        self.toCombo.setCurrentIndex(self.toCombo.findData(rev_to))

    def compare(self) -> None:
        view = self.view
        self.changes.clear()
        self.last = None
        if view is None:
            return
        a, b = self.fromCombo.currentData(), self.toCombo.currentData()
        if a is None or b is None or self.fromCombo.count() < 2:
            self.summary.setText(_("There is only one revision; there is nothing to compare yet."))
            return
        if a == b:
            self.summary.setText(_("Choose two different revisions to compare."))
            return
        store, sid = self.ctx.store, view.id
        self.summary.setText(_("Comparing…"))
        self.ctx.worker.submit(lambda: diff(store, sid, a, b), self._compared, self._failed)

    def _compared(self, d: Diff) -> None:
        view = self.view
        if view is None or (d.revision_from, d.revision_to) != (
            self.fromCombo.currentData(),
            self.toCombo.currentData(),
        ):
            return  # the reviewer chose other revisions meanwhile
        self.last = d
        lang = current_language()
        self.summary.setText(
            _("From revision {a} to revision {b}: {n} criteria changed.").format(
                a=d.revision_from, b=d.revision_to, n=len(d.codes)
            )
            if d.codes
            else _("Nothing changed between revision {a} and revision {b}.").format(
                a=d.revision_from, b=d.revision_to
            )
        )
        for code in d.codes:
            ind = view.catalog.indicator(code)
            top = QTreeWidgetItem([f"{code}  {ind.title.get(lang) if ind else ''}"])
            for change in d.changes:
                if change.code == code:
                    child = QTreeWidgetItem([change_text(view, change)])
                    child.setToolTip(0, change_text(view, change))
                    top.addChild(child)
            self.changes.addTopLevelItem(top)
            top.setExpanded(True)

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(str(error))
