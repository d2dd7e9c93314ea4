"""Evidence of one indicator: files (added by button or dropped on the list) and cited documents."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QWidget

from dtdesktop.gui.forms.ui_citation import Ui_Citation
from dtdesktop.gui.icons import icon
from dtdesktop.i18n import _, current_language
from dtdesktop.storage.records import Evidence
from dtdesktop.text import format_date, format_number, nfc

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def describe(e: Evidence) -> str:
    lang = current_language()
    if e.file_name:
        size = format_number(
            (e.file_size or 0) / 1024, decimals=0 if (e.file_size or 0) > 10240 else 1, lang=lang
        )
        return _("{name} ({size} KB)").format(name=e.file_name, size=size)
    date = format_date(e.doc_date, lang) if e.doc_date else ""
    return _("Document {number} of {date}: {summary}").format(
        number=e.doc_number, date=date, summary=e.summary
    )


class EvidenceList(QListWidget):
    """The list of evidence; files dropped on it are added."""

    dropped = Signal(list)  # of Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

    def show_evidence(self, items: list[Evidence]) -> None:
        self.clear()
        for e in items:
            item = QListWidgetItem(icon("attach" if e.file_name else "cite"), describe(e))
            item.setData(ID_ROLE, e)
            self.addItem(item)

    def current_evidence(self) -> Evidence | None:
        item = self.currentItem()
        return item.data(ID_ROLE) if item else None

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)


class CitationDialog(QDialog):
    """Số hiệu, ngày, trích yếu of a document cited as evidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_Citation()
        self.ui.setupUi(self)
        self.ui.dateEdit.setDate(QDate.currentDate())
        self.ui.buttons.accepted.connect(self._accept)

    def _accept(self) -> None:
        if not self.number or not self.summary:
            self.ui.errorLabel.setText(_("A citation needs the document number and a summary."))
            return
        self.accept()

    @property
    def number(self) -> str:
        return nfc(self.ui.numberEdit.text()).strip()

    @property
    def date(self) -> dt.date:
        return self.ui.dateEdit.date().toPython()  # type: ignore[return-value]

    @property
    def summary(self) -> str:
        return " ".join(nfc(self.ui.summaryEdit.toPlainText()).split())


def viewing_copy(name: str, content: bytes) -> Path:
    """A copy of an evidence file for the system's viewer, in a private temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="dtdesktop-"))
    path = folder / Path(name).name
    path.write_bytes(content)
    return path
