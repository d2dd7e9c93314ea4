"""What the reviewer decided, at the top of the assessment, where it cannot be missed: the criteria returned
(with a button that shows only them) and the overall comment, or the approval that locked the assessment."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from dtdesktop.decisions.receive import LastDecision
from dtdesktop.gui.editor.session import AssessmentSession
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.i18n import _, current_language
from dtdesktop.text import format_date


class ReviewBanner(Retranslating, QFrame):
    show_returned = Signal()

    def __init__(
        self, session: AssessmentSession, decision: LastDecision | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.session, self.decision = session, decision
        self.setObjectName("reviewBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the reviewer's words are text, never markup
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(self.show_returned.emit)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.retranslate()

    def retranslate(self) -> None:
        returned, status = self.session.returned, self.session.assessment.status
        d = self.decision
        when = format_date(d.decided_at.astimezone().date(), current_language()) if d else ""
        if status == "approved":
            text = (
                _("Approved by the reviewer on {date}; the assessment is locked.").format(date=when)
                if d
                else _("Approved by the reviewer; the assessment is locked.")
            )
        elif returned:
            text = _("The reviewer returned {n} criteria to complete: {codes}.").format(
                n=len(returned), codes=", ".join(sorted(returned))
            )
            if d is not None:
                text += " " + _("Decision of {date}.").format(date=when)
        else:
            text = ""
        if d is not None and d.overall and (returned or status == "approved"):
            text += "\n" + _("Overall: {text}").format(text=d.overall)
        self.text.setText(text)
        self.button.setText(_("Show only the returned criteria"))
        self.button.setVisible(bool(returned) and status != "approved")
        self.setVisible(bool(text))
