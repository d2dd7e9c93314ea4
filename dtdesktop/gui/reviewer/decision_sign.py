"""Sign and save the decision file on a reviewed submission: where to save it, the notice's number, the
passphrase (or token PIN) of the reviewer's identity, then signing on the store's worker with progress and
Cancel. The core writes the file in one move (`decisions.export`), so a cancel or an error leaves nothing
half-written."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.decisions.export import DecisionOptions, ExportedDecision, export_decision
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.gui.screen import make_primary
from dtdesktop.gui.sending.sign_dialog import signing_key
from dtdesktop.gui.worker import Cancelled
from dtdesktop.i18n import _, current_language
from dtdesktop.review.errors import ReviewError
from dtdesktop.review.reviewing import last_decision
from dtdesktop.text import format_number, nfc

FORM, PROGRESS = range(2)


def default_decision_name(unit_code: str, period: int, revision: int, decision: str) -> str:
    """A file name that says what it is and for whom: "thong-bao-tra-lai-15865-2025-lan-1.pdf"."""
    word = "phe-duyet" if decision == "approve" else "tra-lai"
    return f"thong-bao-{word}-{unit_code}-{period}-lan-{revision}.pdf"


def failure_sentence(error: BaseException) -> str:
    """What the reviewer reads when signing stopped: the core's own sentence, else one that says what to
    do (never a traceback)."""
    from dtdesktop.files import OutputError
    from dtdesktop.review.errors import ReviewError
    from dtdesktop.signing.errors import IdentityError
    from dtdesktop.storage.database import StoreError

    if isinstance(error, Cancelled):
        return _("Cancelled; no file was written.")
    if isinstance(error, ReviewError | IdentityError | OutputError | StoreError):
        return str(error)
    return _(
        "The decision file could not be signed ({kind}); no file was written. Try again, and report it if "
        "it happens again."
    ).format(kind=type(error).__name__)


class DecisionSignDialog(QDialog):
    saved = Signal(object)  # ExportedDecision

    def __init__(
        self,
        ctx: ReviewerContext,
        submission_id: int,
        suggested: str,
        parent: QWidget | None = None,
        decision: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.submission_id = ctx, submission_id
        self.decision = decision  # "return" or "approve": what the reviewer saw; signing checks it still is
        self.result_: ExportedDecision | None = None
        self._cancel = threading.Event()
        self.setWindowTitle(_("Sign and save the decision file"))
        ident = ctx.profile.identity
        token = ident is not None and ident.kind == "token"

        self.outputEdit = QLineEdit()
        self.outputEdit.setObjectName("outputEdit")
        folder = Path(ctx.start_folder())
        self.outputEdit.setText(str(folder / suggested))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.outputEdit, 1)
        where.addWidget(browse)
        self.numberEdit = QLineEdit()
        self.numberEdit.setObjectName("numberEdit")
        self.numberEdit.setPlaceholderText(_("e.g. 15/TB-SKHCN; left empty, a blank to fill by hand"))
        self.secretEdit = QLineEdit()
        self.secretEdit.setObjectName("secretEdit")
        self.secretEdit.setEchoMode(QLineEdit.EchoMode.Password)
        signer = QLabel()
        signer.setWordWrap(True)
        signer.setTextFormat(Qt.TextFormat.PlainText)
        if ident is None:
            signer.setText(_("No signing identity is set in the profile; set one up before signing."))
        else:
            source = (
                _("certificate on the token {label}").format(label=ident.token_label or "")
                if token
                else _("signature file {file}").format(file=Path(ident.path).name)
            )
            signer.setText(f"{ctx.profile.officer_name}, {ctx.profile.officer_title} ({source})")
        form = QFormLayout()
        form.addRow(_("Signed by:"), signer)
        form.addRow(_("Save to:"), where)
        form.addRow(_("Notice number:"), self.numberEdit)
        form.addRow(_("Token PIN:") if token else _("Passphrase:"), self.secretEdit)
        self.errorLabel = QLabel()
        self.errorLabel.setObjectName("errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.errorLabel.setProperty("role", "toCheck")
        self.signButton = QPushButton(_("Sign and save"))
        self.signButton.setObjectName("signButton")
        self.signButton.setEnabled(ident is not None)
        self.signButton.clicked.connect(self.sign)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.signButton)
        form_page = QWidget()
        column = QVBoxLayout(form_page)
        column.addLayout(form)
        column.addWidget(self.errorLabel)
        column.addStretch(1)
        column.addLayout(buttons)

        self.stepLabel = QLabel()
        self.progressBar = QProgressBar()
        self.progressBar.setRange(0, 100)
        self.cancelButton = QPushButton(_("Cancel"))
        self.cancelButton.setObjectName("cancelButton")
        self.cancelButton.clicked.connect(self._cancel.set)
        progress_page = QWidget()
        column = QVBoxLayout(progress_page)
        column.addStretch(1)
        column.addWidget(self.stepLabel)
        column.addWidget(self.progressBar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancelButton)
        column.addLayout(row)
        column.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(progress_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(640, self.sizeHint().height())
        make_primary(self, self.signButton)
        self.errorLabel.hide()  # shown with a sentence only
        self.secretEdit.setFocus()

    def _say(self, sentence: str) -> None:
        self.errorLabel.setText(sentence)
        self.errorLabel.setVisible(bool(sentence))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the decision file"), self.outputEdit.text(), _("PDF files (*.pdf)")
        )
        if path:
            self.outputEdit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def sign(self) -> None:
        text = self.outputEdit.text().strip()
        if not text:
            self._say(_("Choose where to save the file."))
            return
        out = Path(text).expanduser()
        if out.exists():
            self._say(_("{file} already exists; choose another name.").format(file=out))
            return
        if not out.parent.is_dir():
            self._say(
                _("The folder {folder} does not exist; choose another place.").format(folder=out.parent)
            )
            return
        key = signing_key(self.ctx.profile, self.secretEdit.text())
        # the notice goes to a Vietnamese commune: written in Vietnamese whatever the window's language
        options = DecisionOptions(number=nfc(self.numberEdit.text()).strip() or None)
        store, sid = self.ctx.store, self.submission_id
        self._cancel.clear()
        self._say("")
        self.progressBar.setValue(0)
        self.stepLabel.setText(_("Preparing…"))
        self.pages.setCurrentIndex(PROGRESS)
        self.cancelButton.setEnabled(True)
        self.cancelButton.setFocus()
        progress = self.ctx.worker.progress_reporter(self._progress, self._cancel)

        expected = self.decision

        def job() -> ExportedDecision:
            if expected is not None:
                in_force = last_decision(store, sid)
                if in_force is None or in_force.action != expected:
                    raise ReviewError(
                        _(
                            "The decision on submission {id} changed since this window was opened; nothing "
                            "was signed. Open the submission again and sign what it now says."
                        ).format(id=sid)
                    )
            return export_decision(store, sid, key, out, options, progress=progress)

        self.ctx.worker.submit(job, self._done, self._failed)

    def _progress(self, percent: int, step: str) -> None:
        self.progressBar.setValue(percent)
        self.stepLabel.setText(step)
        if percent >= 90:
            self.cancelButton.setEnabled(False)  # the file is being moved into place

    def _done(self, result: ExportedDecision) -> None:
        self.result_ = result
        self.ctx.used(result.path)
        self.secretEdit.clear()
        size = format_number(result.size / 1024, decimals=0, lang=current_language())
        self.ctx.tell(
            _("The decision file is signed and saved to {file} ({size} KB).").format(
                file=result.path, size=size
            ),
            "info",
        )
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.pages.setCurrentIndex(FORM)
        self._say(failure_sentence(error))
        self.secretEdit.selectAll()
        self.secretEdit.setFocus()
