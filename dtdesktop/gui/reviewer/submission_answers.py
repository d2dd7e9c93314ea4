"""The answers of a received submission in the catalog's tree (pillar → criterion), read-only, with each
criterion's answer, target and status; beside it the chosen criterion's note, evidence and the reviewer's
comment on it (what a return sends back). Comments are kept here until the return is taken."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui.icons import icon, status_icon
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.i18n import _, current_language
from dtdesktop.review.submission_view import AnswerLine, EvidenceItem, SubmissionView
from dtdesktop.scoring.display import status_label
from dtdesktop.text import format_date, format_number, nfc

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 2
CRITERION, ANSWER, TARGET, STATUS = range(4)


def evidence_text(e: EvidenceItem) -> str:
    """A file by its name and size, a citation by its number, date and summary."""
    lang = current_language()
    if e.kind == "file":
        size = format_number(e.size / 1024, decimals=0 if e.size > 10240 else 1, lang=lang)
        text = _("{name} ({size} KB)").format(name=e.name, size=size)
        return text if e.sha256 else text + " — " + _("not kept with the submission")
    date = format_date(e.date, lang) if e.date else "—"
    return _("Document {number} of {date}: {summary}").format(number=e.number, date=date, summary=e.summary)


def mark_of(line: AnswerLine) -> str:
    if line.status == "info":
        return "answered" if line.value != "—" else "missing"
    return line.status


class AnswersView(Retranslating, QWidget):
    open_evidence = Signal(object)  # EvidenceItem
    comments_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: SubmissionView | None = None
        self.comments: dict[str, str] = {}
        self.code: str | None = None
        self.items: dict[str, QTreeWidgetItem] = {}
        self._filling = False

        self.tree = QTreeWidget()
        self.tree.setObjectName("answersTree")
        self.tree.setColumnCount(4)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.currentItemChanged.connect(self._chosen)

        self.heading = QLabel()
        self.heading.setObjectName("criterionHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.answerLabel, self.targetLabel, self.statusLabel, self.noteLabel = (
            self._value_label(n) for n in ("answerValue", "targetValue", "statusValue", "noteValue")
        )
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.captions = [QLabel() for _i in range(4)]
        for caption, value in zip(
            self.captions, (self.answerLabel, self.targetLabel, self.statusLabel, self.noteLabel), strict=True
        ):
            self.form.addRow(caption, value)
        self.evidenceCaption = QLabel()
        self.evidence = QListWidget()
        self.evidence.setObjectName("evidenceList")
        self.evidence.setMinimumHeight(70)
        self.evidence.setMaximumHeight(140)  # the comment below stays in view
        self.evidence.itemActivated.connect(self._open_item)
        self.evidence.itemDoubleClicked.connect(self._open_item)
        self.evidence.currentItemChanged.connect(lambda *_a: self._update_open())
        self.openButton = QPushButton()
        self.openButton.setObjectName("openEvidence")
        self.openButton.setIcon(icon("open-file"))
        self.openButton.clicked.connect(lambda: self._open_item(self.evidence.currentItem()))
        self.commentCaption = QLabel()
        self.commentCaption.setWordWrap(True)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("criterionComment")
        self.comment.setMinimumHeight(70)
        self.comment.textChanged.connect(self._comment_typed)

        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self.heading)
        column.addLayout(self.form)
        column.addWidget(self.evidenceCaption)
        column.addWidget(self.evidence)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.openButton)
        column.addLayout(row)
        column.addWidget(self.commentCaption)
        column.addWidget(self.comment, 1)
        scroll = QScrollArea()
        scroll.setWidget(detail)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.retranslate()
        self._show_code(None)

    @staticmethod
    def _value_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # the commune's words, never markup
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([_("Criterion"), _("Answer"), _("Target"), _("Status")])
        texts = (_("Answer"), _("Target"), _("Status"), _("Note"))
        for caption, text in zip(self.captions, texts, strict=True):
            caption.setText(text + ":")
        self.evidenceCaption.setText(_("Evidence") + ":")
        self.openButton.setText(_("Open"))
        self.commentCaption.setText(_("Comment to the commune on this criterion (sent with a return):"))
        self.comment.setPlaceholderText(_("What to fix or add; left empty, the criterion is not returned"))

    # ----------------------------------------------------------------------------------------- contents

    def set_view(self, view: SubmissionView, comments: dict[str, str]) -> None:
        """Show *view*; *comments* are the reviewer's comments so far (kept across a reload)."""
        self.view, self.comments = view, dict(comments)
        lang = current_language()
        keep = self.code
        self.tree.clear()
        self.items.clear()
        for pillar in view.catalog.pillars:
            top = QTreeWidgetItem([f"{pillar.code}  {pillar.title.get(lang)}"])
            font = QFont(top.font(0))
            font.setBold(True)
            top.setFont(CRITERION, font)
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for ind in pillar.indicators:
                line = view.answers.get(ind.code)
                if line is None:
                    continue
                item = QTreeWidgetItem(
                    [f"{ind.code}  {ind.title.get(lang)}", line.value, line.target, status_label(line.status)]
                )
                item.setData(CRITERION, CODE_ROLE, ind.code)
                item.setToolTip(CRITERION, f"{ind.code}  {ind.title.get(lang)}")
                item.setToolTip(ANSWER, line.value)
                top.addChild(item)
                self.items[ind.code] = item
                self._mark(ind.code)
            top.setExpanded(True)
        self.tree.resizeColumnToContents(STATUS)
        self.tree.setColumnWidth(CRITERION, 240)  # all four columns in view on a small laptop screen
        self.tree.setColumnWidth(ANSWER, 110)
        self.tree.setColumnWidth(TARGET, 80)
        first = keep if keep in self.items else next(iter(self.items), None)
        if first is not None:
            self.tree.setCurrentItem(self.items[first])
        self._show_code(first)

    def _mark(self, code: str) -> None:
        item, view = self.items.get(code), self.view
        if item is None or view is None:
            return
        line = view.answers[code]
        commented = bool(self.comments.get(code, "").strip())
        item.setIcon(CRITERION, status_icon("returned" if commented else mark_of(line)))
        status = status_label(line.status)
        if commented:
            status += " · " + _("commented")
        item.setText(STATUS, status)

    def set_commenting(self, allowed: bool, why: str | None) -> None:
        """The comment field is open only while a return may be taken."""
        self.comment.setReadOnly(not allowed)
        self.comment.setToolTip("" if allowed else (why or ""))

    def choose(self, code: str) -> None:
        item = self.items.get(code)
        if item is not None:
            self.tree.setCurrentItem(item)

    def collected(self) -> list[tuple[str, str]]:
        """The comments to send, by criterion in the catalog's order, empty ones left out."""
        order = list(self.items)
        kept = [(c, t.strip()) for c, t in self.comments.items() if t.strip()]
        return sorted(kept, key=lambda ct: order.index(ct[0]) if ct[0] in order else len(order))

    # ----------------------------------------------------------------------------------------- detail

    def _chosen(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        code = current.data(CRITERION, CODE_ROLE) if current is not None else None
        self._show_code(code)

    def _show_code(self, code: str | None) -> None:
        self.code = code
        view, lang = self.view, current_language()
        line = view.answers.get(code) if view is not None and code else None
        ind = view.catalog.indicator(code) if view is not None and code else None
        self._filling = True
        try:
            self.comment.setPlainText(self.comments.get(code, "") if code else "")
        finally:
            self._filling = False
        self.comment.setEnabled(line is not None)
        self.evidence.clear()
        if line is None or ind is None or view is None:
            self.heading.setText(_("Choose a criterion in the tree."))
            for label in (self.answerLabel, self.targetLabel, self.statusLabel, self.noteLabel):
                label.clear()
            self._update_open()
            return
        self.heading.setText(f"{ind.code}  {ind.title.get(lang)}")
        self.answerLabel.setText(line.value)
        self.targetLabel.setText(
            _("{target} (for {year})").format(target=line.target, year=view.horizon) if line.target else "—"
        )
        status = status_label(line.status)
        if line.sent_status and line.sent_status != line.status:
            status += " — " + _("the commune's file said: {status}").format(
                status=status_label(line.sent_status)
            )
        self.statusLabel.setText(status)
        self.noteLabel.setText(line.note or "—")
        for e in line.evidence:
            item = QListWidgetItem(icon("attach" if e.kind == "file" else "cite"), evidence_text(e))
            item.setData(EVIDENCE_ROLE, e)
            item.setToolTip(evidence_text(e))
            self.evidence.addItem(item)
        if not line.evidence:
            self.evidence.addItem(QListWidgetItem(_("No evidence given for this criterion.")))
        self._update_open()

    def _update_open(self) -> None:
        item = self.evidence.currentItem()
        e = item.data(EVIDENCE_ROLE) if item is not None else None
        self.openButton.setEnabled(isinstance(e, EvidenceItem) and e.kind == "file" and bool(e.sha256))

    def _open_item(self, item: QListWidgetItem | None) -> None:
        e = item.data(EVIDENCE_ROLE) if item is not None else None
        if isinstance(e, EvidenceItem) and e.kind == "file" and e.sha256:
            self.open_evidence.emit(e)

    def _comment_typed(self) -> None:
        if self._filling or self.code is None or self.comment.isReadOnly():
            return
        text = nfc(self.comment.toPlainText())
        if text.strip():
            self.comments[self.code] = text
        else:
            self.comments.pop(self.code, None)
        self._mark(self.code)
        self.comments_changed.emit()

    def set_comment(self, code: str, text: str) -> None:
        """Type *text* as the comment on *code* (the field, as the reviewer would)."""
        self.choose(code)
        self.comment.setPlainText(text)
