"""An evidence file opened inside the application: a PDF page by page (QtPdf), an image in a scroll area,
any other kind handed to the system's program on request. The reviewer reads the commune's evidence
without saving it anywhere first; an image too large to decode safely is refused with a sentence."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.exchange.pdfweight import MAX_PAGES, weigh
from dtdesktop.files import clean_file_name
from dtdesktop.gui import desktop
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.i18n import _, current_language
from dtdesktop.media import IMAGE_TYPES
from dtdesktop.text import format_number

MAX_PIXELS = 60_000_000  # a 60-megapixel photo or scan decodes to 240 MB; beyond that it is refused
PDF, IMAGE, OTHER = range(3)


def decode_image(data: bytes) -> tuple[QImage | None, str]:
    """The image, or None and the sentence saying why not. Its size is read from the header first, and
    an image of more than MAX_PIXELS is refused before anything is decoded. The reader is let go before
    its buffer: Qt's TIFF reader touches its device when it is destroyed, and a buffer gone first crashed
    the whole window."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    try:
        size = reader.size()  # read from the header, nothing decoded yet
        if not size.isValid():
            return None, _("This image cannot be read; it may be damaged.")
        if size.width() * size.height() > MAX_PIXELS:
            return None, _(
                "This image is too large to show here ({width} × {height} pixels); open it with the system."
            ).format(width=size.width(), height=size.height())
        reader.setAutoTransform(True)
        image = reader.read()
        if image.isNull():
            return None, _("This image cannot be read; it may be damaged.")
        return image, ""
    finally:
        del reader
        buffer.close()


def kind_of(name: str, media_type: str, data: bytes) -> int:
    """How a file is shown: by its media type, else by its first bytes (a file named .pdf that is not one
    is shown as "other", never fed to a viewer that expects otherwise)."""
    if media_type == "application/pdf" or (not media_type and name.lower().endswith(".pdf")):
        return PDF if data.startswith(b"%PDF-") else OTHER
    if media_type in IMAGE_TYPES:
        return IMAGE
    return OTHER


class EvidenceViewer(Retranslating, QWidget):
    """Shows one evidence file; `show_file(name, media_type, data)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name, self.media_type, self.data = "", "", b""
        self.kind = OTHER
        self.title = QLabel()
        self.title.setObjectName("evidenceTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a commune's file name, never markup
        self.title.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("evidenceProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setProperty("role", "toCheck")
        self.openButton = QPushButton()
        self.openButton.setObjectName("openWithSystem")
        self.openButton.clicked.connect(self.open_with_system)

        self.document = QPdfDocument(self)
        self.pdf = QPdfView(self)
        self.pdf.setObjectName("evidencePdf")
        self.pdf.setDocument(self.document)
        self.pdf.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None

        self.image = QLabel()
        self.image.setObjectName("evidenceImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.imageArea = QScrollArea()
        self.imageArea.setWidget(self.image)
        self.imageArea.setWidgetResizable(True)

        self.other = QLabel()
        self.other.setWordWrap(True)
        self.other.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.pdf)
        self.stack.addWidget(self.imageArea)
        self.stack.addWidget(self.other)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.openButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.stack, 1)
        self.problem.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.openButton.setText(_("Open with the system"))
        self.openButton.setToolTip(_("Open the file in the program this computer uses for its kind"))
        self.other.setText(
            _("This kind of file cannot be shown here; open it with the program this computer uses for it.")
        )
        self._set_title()

    def _set_title(self) -> None:
        if not self.name:
            self.title.clear()
            return
        lang = current_language()
        size = format_number(len(self.data) / 1024, decimals=0 if len(self.data) > 10240 else 1, lang=lang)
        self.title.setText(_("{name} ({size} KB)").format(name=self.name, size=size))

    def show_file(self, name: str, media_type: str, data: bytes) -> None:
        self.name, self.media_type, self.data = name, media_type, data
        self.kind = kind_of(name, media_type, data)
        self.problem.hide()
        self._set_title()
        self.document.close()
        self.image.clear()
        if self.kind == PDF:
            self._show_pdf(data)
        elif self.kind == IMAGE:
            self._show_image(data)
        else:
            self.stack.setCurrentIndex(OTHER)

    def _show_pdf(self, data: bytes) -> None:
        weight = weigh(data)  # a viewer reads a document whole and draws a page in one go
        if weight.pages > MAX_PAGES:
            sentence = _("This PDF file has {n} pages, too many to show here; open it with the system.")
            self._refuse(sentence.format(n=weight.pages))
            return
        if weight.too_heavy:
            self._refuse(_("This PDF file holds too much drawing to show here; open it with the system."))
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # the document reads from it for as long as it is shown
        self.document.load(buffer)
        if self.document.error() not in (QPdfDocument.Error.None_, QPdfDocument.Error.DataNotYetAvailable):
            self._refuse(_("This PDF file cannot be read; it may be damaged. Open it with the system."))
            return
        self.stack.setCurrentIndex(PDF)

    def _show_image(self, data: bytes) -> None:
        image, problem = decode_image(data)
        if image is None:
            self._refuse(problem)
            return
        self.image.setPixmap(QPixmap.fromImage(image))
        self.stack.setCurrentIndex(IMAGE)

    def _refuse(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()
        self.stack.setCurrentIndex(OTHER)

    def open_with_system(self) -> None:
        """A copy in a temporary folder, opened by the system's program (the store keeps the original)."""
        if not self.name:
            return
        folder = Path(tempfile.mkdtemp(prefix="dtdesktop-minh-chung-"))
        path = folder / clean_file_name(self.name)
        try:
            path.write_bytes(self.data)
        except OSError as exc:
            self._refuse(
                _("The file could not be copied for the system's program ({reason}).").format(
                    reason=exc.strerror
                )
            )
            return
        if not desktop.open_file(path):
            self._refuse(_("No program on this computer opens this kind of file."))

    def page_count(self) -> int:
        return self.document.pageCount() if self.kind == PDF else 0


class EvidenceDialog(Retranslating, QDialog):
    """The viewer in a window of its own, beside the submission (not modal: the reviewer compares)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = EvidenceViewer(self)
        self.closeButton = QPushButton()
        self.closeButton.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.closeButton)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer, 1)
        layout.addLayout(row)
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else None
        width, height = 860, 640
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Evidence"))
        self.closeButton.setText(_("Close"))

    def show_file(self, name: str, media_type: str, data: bytes) -> None:
        self.viewer.show_file(name, media_type, data)
        self.show()
        self.raise_()
