"""Check what is missing or not met, then sign and save the submission file in the background."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.exchange.export import ExportOptions, ExportResult, default_file_name, export_submission
from dtdesktop.exchange.size import megabytes, size_check, size_warning
from dtdesktop.gui import desktop
from dtdesktop.gui.editor.session import AssessmentSession
from dtdesktop.gui.editor.tree import mark_label, mark_of
from dtdesktop.gui.forms.ui_sign_dialog import Ui_SignDialog
from dtdesktop.gui.icons import icon, status_icon
from dtdesktop.gui.messages import confirm
from dtdesktop.gui.screen import scroll_above_buttons
from dtdesktop.gui.worker import Cancelled
from dtdesktop.i18n import _, current_language
from dtdesktop.media import MAX_SIDE
from dtdesktop.profile import Profile
from dtdesktop.reports.report import default_recipients
from dtdesktop.scoring.progress import progress
from dtdesktop.signing.keys import SigningKey
from dtdesktop.storage import assessments as store_assessments
from dtdesktop.text import format_number, nfc

CHECK, PROGRESS, DONE = range(3)
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_MARKS = ("returned", "missing", "not_met", "to_check")


def signing_key(profile: Profile, secret: str) -> SigningKey:
    from dtdesktop.signing.pkcs12_file import Pkcs12Key
    from dtdesktop.signing.tokens import TokenKey

    ident = profile.identity
    assert ident is not None
    if ident.kind == "token":
        return TokenKey(Path(ident.path), secret, ident.token_label, ident.cert_id)
    return Pkcs12Key(Path(ident.path), secret)


class SignDialog(QDialog):
    signed = Signal(object)  # ExportResult
    print_requested = Signal(object)  # Path

    def __init__(self, session: AssessmentSession, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.profile = session, profile
        self.ui = Ui_SignDialog()
        self.ui.setupUi(self)
        self._make_size_box()
        self.body = scroll_above_buttons(self.ui.checkLayout)  # the Sign button stays in view, always
        self.result: ExportResult | None = None
        self.chosen_code: str | None = None  # an indicator the officer chose to look at from the check
        self._cancel = threading.Event()
        self._fill_check()
        self._fill_size()
        ui = self.ui
        ui.problemList.setMinimumHeight(120)
        ui.problemList.setTextElideMode(Qt.TextElideMode.ElideRight)
        ui.problemList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ui.dateEdit.setDate(QDate.currentDate())
        ui.languageCombo.addItem("Tiếng Việt", "vi")
        ui.languageCombo.addItem("English", "en")
        ui.languageCombo.currentIndexChanged.connect(self._language_changed)
        self._language_changed()
        folder = Path(profile.last_folder) if profile.last_folder else Path.home()
        ui.outputEdit.setText(str(folder / default_file_name(session.assessment)))
        ident = profile.identity
        if ident is not None and ident.kind == "token":
            source = _("certificate on the token {label}").format(label=ident.token_label or "")
        else:
            source = _("signature file {file}").format(file=Path(ident.path).name if ident else "")
        ui.signerLabel.setText(f"{profile.officer_name}, {profile.officer_title} ({source})")
        ui.secretLabel.setText(_("Token PIN:") if ident and ident.kind == "token" else _("Passphrase:"))
        ui.signButton.setIcon(icon("sign"))
        ui.printButton.setIcon(icon("print"))
        ui.folderButton.setIcon(icon("folder"))
        ui.openFileButton.setIcon(icon("open-file"))
        ui.browseButton.clicked.connect(self._browse)
        ui.signButton.clicked.connect(self.sign)
        ui.closeCheckButton.clicked.connect(self.reject)
        ui.closeButton.clicked.connect(self.accept)
        ui.cancelButton.clicked.connect(self._cancel.set)
        ui.problemList.itemActivated.connect(self._go)
        ui.problemList.itemDoubleClicked.connect(self._go)
        ui.openFileButton.clicked.connect(lambda: self.result and desktop.open_file(self.result.path))
        ui.folderButton.clicked.connect(lambda: self.result and desktop.show_in_folder(self.result.path))
        ui.printButton.clicked.connect(lambda: self.result and self.print_requested.emit(self.result.path))
        ui.signButton.setDefault(True)
        ui.secretEdit.setFocus()
        self.body.ensureWidgetVisible(ui.secretEdit)
        self.resize(self.sizeHint().expandedTo(QSize(820, 640)))  # all of it where the screen allows

    def _fill_check(self) -> None:
        s, lst, lang = self.session, self.ui.problemList, current_language()
        for r in s.result.indicators:
            mark = mark_of(s, r)
            if mark not in PROBLEM_MARKS:
                continue
            ind = s.catalog.indicator(r.code)
            title = ind.title.get(lang) if ind else ""
            item = QListWidgetItem(status_icon(mark), f"{r.code}  {title} — {mark_label(mark)}")
            item.setData(CODE_ROLE, r.code)
            lst.addItem(item)
        self.progress = p = progress(s.result, s.to_check, s.returned)
        if p.complete:
            summary = _("All {n} indicators are answered and none is left to check.").format(n=p.total)
        else:
            summary = _(
                "{answered} of {total} indicators answered: {missing} missing, {not_met} not met."
            ).format(answered=p.answered, total=p.total, missing=p.missing, not_met=p.not_met)
            if p.to_check:
                summary += " " + _("{n} answer(s) carried over from last year still to check.").format(
                    n=p.to_check
                )
        self.ui.summaryLabel.setText(summary)
        self.ui.problemsHint.setVisible(not p.complete)
        lst.setVisible(not p.complete)

    def _make_size_box(self) -> None:
        """Below the check: a warning when the file would be too large for e-mail, and the offer to send
        smaller copies of the images."""
        self.sizeLabel = QLabel()
        self.sizeLabel.setObjectName("sizeLabel")
        self.sizeLabel.setProperty("role", "toCheck")
        self.sizeLabel.setWordWrap(True)
        self.sizeLabel.setTextFormat(Qt.TextFormat.PlainText)  # file names, never markup
        self.downscaleButton = QPushButton(_("Send smaller copies of the images…"))
        self.downscaleButton.setObjectName("downscaleButton")
        self.downscaleButton.clicked.connect(self.downscale)
        self.sizeBox = QWidget()
        column = QVBoxLayout(self.sizeBox)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.sizeLabel)
        row = QHBoxLayout()
        row.addWidget(self.downscaleButton)
        row.addStretch(1)
        column.addLayout(row)
        layout = self.ui.checkLayout
        layout.insertWidget(layout.indexOf(self.ui.problemList) + 1, self.sizeBox)

    def _fill_size(self) -> None:
        self.sizes = check = size_check(self.session.evidence)
        self.sizeBox.setVisible(check.over)
        if not check.over:
            return
        text = size_warning(check, current_language())
        if check.downscalable:
            text += " " + _(
                "{n} of the evidence files are images (JPEG, PNG) that can be sent as smaller copies; the "
                "originals stay as they are."
            ).format(n=len(check.downscalable))
        self.sizeLabel.setText(text)
        self.downscaleButton.setVisible(bool(check.downscalable) and self.session.editable)

    def downscale(self) -> None:
        """Only when the officer agrees: the images of the file become smaller copies (the originals are
        kept in the store and on the computer), then the size is checked again."""
        n = len(self.sizes.downscalable)
        if not self.session.may_start_changing():  # kept read-only as it was sent
            return
        if not confirm(
            self,
            _("Send smaller copies of the images"),
            _(
                "Put smaller copies (at most {pixels} pixels on the longest side) of the {n} images in the "
                "submission file instead of the originals? The original files are kept as they are."
            ).format(pixels=MAX_SIDE, n=n),
            _("Use smaller copies"),
        ):
            return
        s = self.session
        self.downscaleButton.setEnabled(False)
        self.ui.errorLabel.clear()
        s.write_pending(now=True)

        def job():
            done = store_assessments.downscale_images(s.store, s.id, s.actor)
            return done, store_assessments.get(s.store, s.id)

        s.worker.submit(job, self._downscaled, self._downscale_failed)

    def _downscaled(self, outcome) -> None:
        done, a = outcome
        s, lang = self.session, current_language()
        s.assessment, s.evidence = a, list(a.evidence)
        for code in {e.indicator_code for e in a.evidence}:
            s.evidence_changed.emit(code)
        self.downscaleButton.setEnabled(True)
        self._fill_size()
        before, after = sum(d.before for d in done), sum(d.after for d in done)
        self.ui.errorLabel.setText(
            _("{n} images made smaller: {before} MB → {after} MB.").format(
                n=len(done), before=megabytes(before, lang), after=megabytes(after, lang)
            )
            if done
            else _("The images are already as small as they can be sent.")
        )

    def _downscale_failed(self, error: BaseException) -> None:
        self.downscaleButton.setEnabled(True)
        self.ui.errorLabel.setText(str(error))

    def _go(self, item: QListWidgetItem) -> None:
        self.chosen_code = item.data(CODE_ROLE)
        self.reject()

    def _language_changed(self) -> None:
        lang = self.ui.languageCombo.currentData()
        self.ui.recipientsEdit.setPlainText("\n".join(default_recipients(self.session.assessment, lang)))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the submission file"), self.ui.outputEdit.text(), _("PDF files (*.pdf)")
        )
        if path:
            self.ui.outputEdit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def options(self) -> ExportOptions:
        ui = self.ui
        recipients = tuple(
            line.strip() for line in nfc(ui.recipientsEdit.toPlainText()).splitlines() if line.strip()
        )
        return ExportOptions(
            lang=ui.languageCombo.currentData(),
            number=nfc(ui.numberEdit.text()).strip() or None,
            recipients=recipients,
            issued=ui.dateEdit.date().toPython(),  # type: ignore[arg-type]
            signer_title=self.profile.officer_title,
            signer_capacity=self.profile.capacity,
        )

    def sign(self) -> None:
        ui = self.ui
        out = Path(ui.outputEdit.text().strip()).expanduser()
        if not ui.outputEdit.text().strip():
            ui.errorLabel.setText(_("Choose where to save the file."))
            return
        if out.exists():
            ui.errorLabel.setText(_("{file} already exists; choose another name.").format(file=out))
            return
        key = signing_key(self.profile, ui.secretEdit.text())
        options, s = self.options(), self.session
        self._cancel.clear()
        ui.errorLabel.clear()
        ui.progressBar.setValue(0)
        ui.stepLabel.setText(_("Preparing…"))
        ui.pages.setCurrentIndex(PROGRESS)
        ui.cancelButton.setEnabled(True)
        ui.cancelButton.setFocus()
        progress = s.worker.progress_reporter(self._progress, self._cancel)
        s.write_pending(now=True)  # what was typed goes first, on the same worker
        s.worker.submit(
            lambda: export_submission(s.store, s.id, key, out, options, s.actor, progress),
            self._done,
            self._failed,
        )

    def _progress(self, percent: int, step: str) -> None:
        self.ui.progressBar.setValue(percent)
        self.ui.stepLabel.setText(step)
        if percent >= 90:
            self.ui.cancelButton.setEnabled(False)  # the file is being moved into place

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.ui.secretEdit.clear()
        lang = current_language()
        self.ui.doneLabel.setText(
            _("Saved to {file}\nRevision {revision} · {size} KB · signed by {signer}\nSHA-256: {sha}").format(
                file=result.path,
                revision=result.revision,
                size=format_number(result.size / 1024, decimals=0, lang=lang),
                signer=result.signer.name,
                sha=result.sha256,
            )
        )
        self.ui.pages.setCurrentIndex(DONE)
        self.ui.closeButton.setFocus()
        self.signed.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.ui.pages.setCurrentIndex(CHECK)
        if isinstance(error, Cancelled):
            self.ui.errorLabel.setText(_("Cancelled; no file was written."))
        else:
            self.ui.errorLabel.setText(str(error))
        self.ui.secretEdit.selectAll()
        self.ui.secretEdit.setFocus()
        self.body.ensureWidgetVisible(self.ui.secretEdit)  # on a small screen, scrolled to it
