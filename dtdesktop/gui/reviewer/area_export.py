"""The area's report out of the dashboard: written as PDF, XLSX or CSV by dtdesktop.summary on the store's
worker (the file appears whole or not at all), or printed through the report's PDF."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from dtdesktop.files import OutputError
from dtdesktop.i18n import N_, _, current_language, using
from dtdesktop.review.errors import ReviewError
from dtdesktop.summary.area import AreaSummary

EXPORTS = {
    "pdf": N_("PDF report (*.pdf)"),
    "xlsx": N_("Excel workbook (*.xlsx)"),
    "csv": N_("CSV file (*.csv)"),
}


class ReportOutput:
    """Mixed into the area's page: export and print what it shows."""

    summary: AreaSummary | None
    printed: int | None

    def export(self) -> None:
        """Ask where, then write the area's report there (PDF, XLSX or CSV, by the name's ending)."""
        a = self.summary
        if a is None:
            return
        folder = Path(self.ctx.profile.last_folder) if self.ctx.profile.last_folder else Path.home()
        name = f"tong-hop-{a.province_code or 'ca-nuoc'}-{a.period}.pdf"
        filters = [_(text) for text in EXPORTS.values()]
        path, chosen = QFileDialog.getSaveFileName(
            self, _("Export the area report"), str(folder / name), ";;".join(filters)
        )
        if not path:
            return
        out = Path(path)
        if out.suffix.lower().lstrip(".") not in EXPORTS:
            kind = list(EXPORTS)[filters.index(chosen)] if chosen in filters else "pdf"
            out = out.with_name(out.name + "." + kind)
        self.export_to(out)

    def export_to(
        self, out: Path, on_done: Callable[[Path], None] | None = None, announce: bool = True
    ) -> Future | None:
        """Write the report to *out* on the store's worker; the file appears whole or not at all.
        *announce* false for a file of the program's own (the PDF a print goes through)."""
        a, lang = self.summary, current_language()
        kind = out.suffix.lower().lstrip(".")
        if a is None:
            return None
        if kind not in EXPORTS:
            self.ctx.tell(_("Name the report .pdf, .xlsx or .csv."), "error")
            return None
        from dtdesktop.summary.pdf import report_signer, write_pdf
        from dtdesktop.summary.writers import write_csv, write_xlsx

        signer = report_signer(self.ctx.profile.officer_title, self.ctx.profile.officer_name)

        def job() -> Path:
            with using(lang):
                if kind == "pdf":
                    return write_pdf(a, out, lang, signer=signer)
                if kind == "xlsx":
                    return write_xlsx(a, out)
                return write_csv(a, out, lang)

        def done(path: Path) -> None:
            if announce:
                self.ctx.tell(_("The area report was written to {file}.").format(file=path), "info")
            if on_done is not None:
                on_done(path)

        self.state.setText(_("Writing the area report…"))
        return self.ctx.worker.submit(
            job, lambda path: (self.state.setText(""), done(path)), self._write_failed(out)
        )

    def _write_failed(self, out: Path) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if isinstance(error, OSError):
                sentence = _(
                    "The report could not be written to {file} ({reason}); choose another folder, or close "
                    "the file if another program has it open."
                ).format(file=out, reason=error.strerror or type(error).__name__)
            elif isinstance(error, ReviewError | OutputError):
                sentence = str(error)  # already a sentence naming the file or folder
            else:
                sentence = _(
                    "The report could not be written ({reason}); try again, or choose another format."
                ).format(reason=str(error).splitlines()[0][:200] if str(error) else type(error).__name__)
            self.state.setText(sentence)
            self.ctx.tell(sentence, "error")

        return failed

    def _temporary_pdf(self) -> Path:
        a = self.summary
        assert a is not None
        return (
            Path(tempfile.mkdtemp(prefix="dtdesktop-"))
            / f"tong-hop-{a.province_code or 'ca-nuoc'}-{a.period}.pdf"
        )

    def print_report(self) -> None:
        """The report as it will print, then the system's print dialog."""
        if self.summary is None:
            return

        def preview(path: Path) -> None:
            from dtdesktop.gui.sending.print_preview import PrintPreview

            PrintPreview(path, self).exec()

        self.export_to(self._temporary_pdf(), preview, announce=False)

    def print_to(self, printer: QPrinter, on_printed: Callable[[int], None] | None = None) -> Future | None:
        """Write the report, then print every page onto *printer* (no dialog: a chosen printer, tests)."""
        if self.summary is None:
            return None

        def send(path: Path) -> None:
            from PySide6.QtPdf import QPdfDocument

            from dtdesktop.gui.sending.print_preview import print_pdf

            document = QPdfDocument(self)
            document.load(str(path))
            self.printed = print_pdf(document, printer)
            document.deleteLater()
            if on_printed is not None:
                on_printed(self.printed)

        return self.export_to(self._temporary_pdf(), send, announce=False)
