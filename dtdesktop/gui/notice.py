"""A message inside the window, under the toolbar, where the officer is looking: what a background task
did (a backup written, a decision applied) or what went wrong. The status bar at the foot of a maximised
window on a laptop is easy to miss, and its messages vanish; these stay until read and closed (a plain
confirmation fades after a while)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.style import restyle
from dtdesktop.i18n import _

INFO_FADES_MS = 20_000


class NoticeBar(Retranslating, QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # file names and sentences, never markup
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setAutoRaise(True)
        self.close_button.setText("✕")
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.fade = QTimer(self)
        self.fade.setSingleShot(True)
        self.fade.timeout.connect(self.hide)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setToolTip(_("Close this message"))
        self.close_button.setAccessibleName(_("Close this message"))

    def tell(self, sentence: str, level: str = "info") -> None:
        """Show *sentence*; *level* is "info" (fades), "warning" or "error" (stay until closed)."""
        restyle(self, "level", level)
        self.text.setText(sentence)
        self.setAccessibleDescription(sentence)
        self.show()
        if level == "info":
            self.fade.start(INFO_FADES_MS)
        else:
            self.fade.stop()
