"""Printing a report from the application: the PDF shown with QtPdf, then the system's print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from dtdesktop.gui.icons import icon
from dtdesktop.gui.screen import make_primary
from dtdesktop.i18n import _

PRINT_DPI = 300


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page (or the range chosen in the dialog) onto *printer*; returns pages printed."""
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, last) if first and last else range(document.pageCount())
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            size_pt = document.pagePointSize(page)
            scale = min(area.width() / size_pt.width(), area.height() / size_pt.height())
            target = QSize(int(size_pt.width() * scale), int(size_pt.height() * scale))
            image = document.render(page, target)
            painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
            printed += 1
    finally:
        painter.end()
    return printed


class PrintPreview(QDialog):
    """The report as it will print; Print opens the system's print dialog."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print {file}").format(file=path.name))
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(_("&Print…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setIcon(icon("print"))
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        make_primary(self, self.print_button)
        self.resize(820, 900)

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.document, printer)
            self.accept()
