"""The reviewer's decision shown in plain words before it is applied: who decided what, on which submission,
and every returned criterion with its comment."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from dtdesktop.decisions.receive import Received, plain_words
from dtdesktop.gui.screen import fit_to_screen
from dtdesktop.i18n import _, current_language


class DecisionDialog(QDialog):
    def __init__(self, received: Received, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        d = received.decision
        self.setWindowTitle(_("The reviewer's decision"))
        layout = QVBoxLayout(self)
        words = QLabel(plain_words(received, current_language()))
        words.setTextFormat(Qt.TextFormat.PlainText)  # the reviewer's words are text, never markup
        words.setWordWrap(True)
        words.setObjectName("decisionWords")
        layout.addWidget(words)
        self.returned = QTextBrowser()  # every comment whole, wrapped: nothing the reviewer wrote is cut
        self.returned.setObjectName("returnedList")
        rows = "".join(
            f"<p><b>{escape(r.code)}</b> {escape(r.title)}<br>&nbsp;&nbsp;→ {escape(r.comment)}</p>"
            for r in d.returned
        )
        self.returned.setHtml(rows)
        self.returned.setVisible(bool(d.returned))
        layout.addWidget(self.returned, 1)
        if d.overall:
            overall = QLabel(_("Overall: {text}").format(text=d.overall))
            overall.setTextFormat(Qt.TextFormat.PlainText)
            overall.setWordWrap(True)
            layout.addWidget(overall)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(_("Apply the decision"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420 if d.returned else 200)
        fit_to_screen(self)
