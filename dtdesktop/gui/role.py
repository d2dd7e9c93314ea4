"""The first question of a fresh installation: is this the commune's computer or the reviewer's? The same
program serves both; the answer chooses the window, and the menu can switch it later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from dtdesktop.gui.icons import icon
from dtdesktop.i18n import _


class RoleDialog(QDialog):
    """Two large choices; `role` is "officer" or "reviewer" once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = ""
        self.setWindowTitle(_("Welcome to dtdesktop"))
        self.setWindowIcon(icon("app"))
        layout = QVBoxLayout(self)
        question = QLabel(_("Who will use dtdesktop on this computer?"))
        question.setObjectName("roleQuestion")
        question.setWordWrap(True)
        layout.addWidget(question)
        self.officer = QCommandLinkButton(
            _("A commune or ward officer"),
            _("Assess the commune's digital transformation and send the signed report to the province."),
        )
        self.reviewer = QCommandLinkButton(
            _("A reviewer at the province"),
            _(
                "Receive the communes' reports, verify them, approve or return them, and follow the whole "
                "province against its targets."
            ),
        )
        for button, role in ((self.officer, "officer"), (self.reviewer, "reviewer")):
            button.clicked.connect(lambda _checked=False, r=role: self._choose(r))
            layout.addWidget(button)
        hint = QLabel(_("You can switch later from the Tools menu."))
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(hint)
        self.officer.setDefault(True)
        self.officer.setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)  # each choice's words on two lines

    def showEvent(self, event) -> None:
        """In the middle of the screen: the first thing a new user sees has no window to stand beside."""
        super().showEvent(event)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and self.parent() is None:
            frame = self.frameGeometry()
            frame.moveCenter(screen.center())
            self.move(frame.topLeft())

    def _choose(self, role: str) -> None:
        self.role = role
        self.accept()
