"""Publish a criteria decision from the reviewer's window: the catalog file, the decision's number, who signs
for the committee, the reviewers' certificates it carries to the communes, or an unsigned draft to read
first. Signed with the profile's identity on the store's worker, with progress and Cancel; the file appears
whole or not at all."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from cryptography import x509
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui import desktop
from dtdesktop.gui.icons import icon
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.gui.screen import fit_to_screen, make_primary, scroll_above_buttons
from dtdesktop.gui.style import restyle
from dtdesktop.gui.worker import Cancelled
from dtdesktop.i18n import _, current_language
from dtdesktop.profile import capacity_of_position
from dtdesktop.signing.certificates import describe
from dtdesktop.text import nfc

CERT_ROLE = Qt.ItemDataRole.UserRole + 1


def default_capacity(ctx: ReviewerContext) -> str:
    """The capacity the profile chose or its position implies, when it is one a decision is signed in."""
    chosen = ctx.profile.signing_capacity or capacity_of_position(ctx.profile.officer_title) or "chair"
    return chosen if chosen in ("chair", "vice_chair") else "chair"


def publish_job(
    catalog_path: Path,
    out: Path,
    options,
    key,
    draft: bool,
    signer: tuple[str, str],
    progress,
):
    """Read and validate the catalog, sign (or lay out the draft), then move the file into place; a Cancel
    before the move leaves nothing behind. Runs on the store's worker."""
    from dtdesktop.catalogs.loader import CatalogError, load_file
    from dtdesktop.files import replacing
    from dtdesktop.publication.errors import PublicationError
    from dtdesktop.publication.publish import publish, write_draft

    progress(5, _("Reading the criteria set…"))
    try:
        catalog = load_file(catalog_path)
    except CatalogError as exc:
        raise PublicationError(
            "catalog_invalid",
            _("The criteria file does not validate ({n} problems); nothing was signed.").format(
                n=len(exc.problems)
            ),
            tuple(str(p) for p in exc.problems),
        ) from None
    progress(25, _("Writing the draft…") if draft else _("Signing the decision…"))
    with replacing(out) as tmp:
        if draft:
            write_draft(catalog, tmp, options, *signer)
            result: object = out
        else:
            result = replace(publish(catalog, key, tmp, options), path=out)  # where it is moved to
        progress(95, _("Saving the file…"))  # the last moment a Cancel is heard
    return result


class PublishDialog(QDialog):
    published = Signal(object)  # Published (signed) or Path (a draft)

    def __init__(self, ctx: ReviewerContext, catalog: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: object = None
        self._cancel = threading.Event()
        self.setWindowTitle(_("Publish a criteria decision"))
        column = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The decision issues a criteria set to the communes of the province: one signed PDF that "
                "carries the set, which a commune installs after checking who signed it."
            )
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        column.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: fits a narrow screen
        self.catalog_edit = QLineEdit(str(catalog) if catalog else "")
        self.catalog_edit.setObjectName("catalogEdit")
        self.catalog_edit.setPlaceholderText(_("The criteria file (.yaml)"))
        self.catalog_edit.editingFinished.connect(self._suggest_output)
        browse = QPushButton(icon("open-file"), _("Choose…"))
        browse.clicked.connect(self._browse_catalog)
        form.addRow(_("Criteria file:"), _row(self.catalog_edit, browse))
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("numberEdit")
        self.number_edit.setPlaceholderText("…/QĐ-UBND")
        form.addRow(_("Decision number:"), self.number_edit)
        self.capacity_combo = QComboBox()
        self.capacity_combo.setObjectName("capacityCombo")
        self.capacity_combo.addItem(_("The chair, for the committee (TM. … CHỦ TỊCH)"), "chair")
        self.capacity_combo.addItem(
            _("A vice-chair, for the chair (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)"), "vice_chair"
        )
        self.capacity_combo.setCurrentIndex(self.capacity_combo.findData(default_capacity(ctx)))
        form.addRow(_("Signs as:"), self.capacity_combo)
        self.reviewer_list = QListWidget()
        self.reviewer_list.setObjectName("reviewerList")
        self.reviewer_list.setMaximumHeight(90)
        add = QPushButton(_("Add…"))
        add.clicked.connect(lambda: self.add_reviewers())
        drop = QPushButton(_("Remove"))
        drop.clicked.connect(self._drop_reviewer)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(drop)
        side.addStretch(1)
        reviewers = QHBoxLayout()
        reviewers.addWidget(self.reviewer_list, 1)
        reviewers.addLayout(side)
        form.addRow(_("Reviewers' certificates to carry (optional):"), reviewers)
        self.draft_check = QCheckBox(_("An unsigned draft to read first (it cannot be installed)"))
        self.draft_check.setObjectName("draftCheck")
        self.draft_check.toggled.connect(self._draft_toggled)
        form.addRow(self.draft_check)
        self.out_edit = QLineEdit()
        self.out_edit.setObjectName("outEdit")
        save = QPushButton(icon("folder"), _("Choose…"))
        save.clicked.connect(self._browse_out)
        form.addRow(_("Save as:"), _row(self.out_edit, save))
        profile = ctx.profile
        ident = profile.identity
        if ident is not None and ident.kind == "token":
            source = _("certificate on the token {label}").format(label=ident.token_label or "")
        else:
            source = _("signature file {file}").format(file=Path(ident.path).name if ident else "—")
        self.signer_label = QLabel(f"{profile.officer_name}, {profile.officer_title} ({source})")
        self.signer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.signer_label.setWordWrap(True)
        form.addRow(_("Signer:"), self.signer_label)
        self.secret_label = QLabel(_("Token PIN:") if ident and ident.kind == "token" else _("Passphrase:"))
        self.secret_edit = QLineEdit()
        self.secret_edit.setObjectName("secretEdit")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.secret_label, self.secret_edit)
        column.addLayout(form)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.step_label = QLabel()
        self.step_label.setWordWrap(True)
        column.addWidget(self.progress_bar)
        column.addWidget(self.step_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        restyle(self.error_label, "role", "fieldError")
        column.addWidget(self.error_label)
        self.done_label = QLabel()
        self.done_label.setObjectName("doneLabel")
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.done_label)
        buttons = QHBoxLayout()
        self.folder_button = QPushButton(icon("folder"), _("Open the folder"))
        self.folder_button.setObjectName("folderButton")
        self.folder_button.clicked.connect(self._show_folder)
        self.sign_button = QPushButton(icon("sign"), "")
        self.sign_button.setObjectName("signButton")
        self.sign_button.clicked.connect(self.sign)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self._cancel.set)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        column.addLayout(buttons)
        self.body = scroll_above_buttons(column)  # on a small screen the form scrolls, the buttons stay
        self._working(False)
        self.folder_button.hide()
        self._draft_toggled(False)
        self._suggest_output()
        self.resize(760, self.sizeHint().height())
        make_primary(self, self.sign_button)
        fit_to_screen(self)

    # --- the form

    def _browse_catalog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("The criteria file"), self.catalog_edit.text(), _("Criteria files (*.yaml *.yml)")
        )
        if path:
            self.catalog_edit.setText(path)
            self._suggest_output()

    def _suggest_output(self) -> None:
        """Beside the criteria file, named after it, unless the reviewer chose already."""
        if self.out_edit.text().strip() or not self.catalog_edit.text().strip():
            return
        src = Path(self.catalog_edit.text().strip()).expanduser()
        self.out_edit.setText(str(src.with_name(f"quyet-dinh-{src.stem}.pdf")))

    def _browse_out(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the decision"), self.out_edit.text(), _("PDF files (*.pdf)")
        )
        if path:
            self.out_edit.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def add_reviewers(self, paths: list[Path] | None = None) -> None:
        """Reviewers' certificates (PEM/DER), read on the worker; each one listed with its holder."""
        if paths is None:
            chosen, _filter = QFileDialog.getOpenFileNames(
                self,
                _("Reviewers' certificates"),
                self.ctx.profile.last_folder,
                _("Certificates (*.pem *.crt *.cer *.der)"),
            )
            paths = [Path(p) for p in chosen]
        if not paths:
            return
        from dtdesktop.review.trust_files import certificates_in

        files = list(paths)
        self.ctx.worker.submit(
            lambda: [(p, c) for p in files for c in certificates_in(p)],
            self._reviewers_read,
            lambda e: self.error_label.setText(str(e)),
        )

    def _reviewers_read(self, found: list[tuple[Path, x509.Certificate]]) -> None:
        from dtdesktop.signing.trust import fingerprint

        have = {fingerprint(c) for c in self.reviewers}
        for path, cert in found:
            if fingerprint(cert) in have:
                continue
            have.add(fingerprint(cert))
            info = describe(cert)
            item = QListWidgetItem(f"{info.name}{', ' + info.title if info.title else ''} — {path.name}")
            item.setData(CERT_ROLE, cert)
            self.reviewer_list.addItem(item)
        self.error_label.clear()

    def _drop_reviewer(self) -> None:
        for item in self.reviewer_list.selectedItems():
            self.reviewer_list.takeItem(self.reviewer_list.row(item))

    @property
    def reviewers(self) -> list[x509.Certificate]:
        return [self.reviewer_list.item(i).data(CERT_ROLE) for i in range(self.reviewer_list.count())]

    def _draft_toggled(self, draft: bool) -> None:
        self.secret_edit.setEnabled(not draft)
        self.sign_button.setText(_("Write the draft") if draft else _("Sign and save"))

    def _working(self, busy: bool) -> None:
        self.body.widget().setEnabled(not busy)
        self.sign_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress_bar.setVisible(busy)
        self.step_label.setVisible(busy)

    # --- signing

    def sign(self) -> None:
        from dtdesktop.publication.publish import PublishOptions

        profile, draft = self.ctx.profile, self.draft_check.isChecked()
        catalog_text = self.catalog_edit.text().strip()
        out_text = self.out_edit.text().strip()
        self.done_label.clear()
        self.folder_button.hide()
        if not catalog_text:
            self.error_label.setText(_("Choose the criteria file the decision issues."))
            return
        if not out_text:
            self.error_label.setText(_("Choose where to save the file."))
            return
        out = Path(out_text).expanduser()
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        if out.exists():
            self.error_label.setText(_("{file} already exists; choose another name.").format(file=out))
            return
        if not out.parent.is_dir():
            self.error_label.setText(
                _("The folder {folder} does not exist; choose another.").format(folder=out.parent)
            )
            return
        if draft and not self.ctx.province:
            self.error_label.setText(
                _("A draft names its province: choose the province you review for in the profile first.")
            )
            return
        if not draft and not nfc(self.number_edit.text()).strip():
            self.error_label.setText(
                _(
                    "A decision is issued under its number: type it (e.g. 12/QĐ-UBND), or write an unsigned "
                    "draft first."
                )
            )
            self.number_edit.setFocus()
            return
        key = None
        if not draft:
            if profile.identity is None:
                self.error_label.setText(
                    _("The profile names no signing identity; choose one in the profile before signing.")
                )
                return
            if not self.secret_edit.text():
                self.error_label.setText(
                    _("Type the token's PIN.")
                    if profile.identity.kind == "token"
                    else _("Type the passphrase of the signature file.")
                )
                self.secret_edit.setFocus()
                return
            from dtdesktop.gui.sending.sign_dialog import signing_key

            key = signing_key(profile, self.secret_edit.text())
        options = PublishOptions(
            number=nfc(self.number_edit.text()).strip(),
            province=self.ctx.province,  # the province the reviewer serves publishes
            capacity=self.capacity_combo.currentData(),
            trust=tuple(self.reviewers),
            lang=current_language(),
        )
        catalog = Path(catalog_text).expanduser()
        signer = (profile.officer_name, profile.officer_title)
        self._cancel.clear()
        self.error_label.clear()
        self.progress_bar.setValue(0)
        self.step_label.setText(_("Preparing…"))
        self._working(True)
        progress = self.ctx.worker.progress_reporter(self._progress, self._cancel)
        self.ctx.worker.submit(
            lambda: publish_job(catalog, out, options, key, draft, signer, progress),
            self._done,
            self._failed,
        )

    def _progress(self, percent: int, step: str) -> None:
        self.progress_bar.setValue(percent)
        self.step_label.setText(step)
        if percent >= 95:
            self.cancel_button.setEnabled(False)  # the file is being moved into place

    def _done(self, result) -> None:
        self._working(False)
        self.secret_edit.clear()
        self.result = result
        if isinstance(result, Path):
            self.done_label.setText(
                _("Draft decision written to {file}; it is not signed and cannot be installed.").format(
                    file=result
                )
            )
        else:
            p = result.publication
            self.done_label.setText(
                _("Signed decision {number} issuing {id} {version} written to {file}.").format(
                    number=p.number, id=p.catalog_id, version=p.catalog_version, file=result.path
                )
            )
        self.folder_button.show()
        self.folder_button.setFocus()
        self.published.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._working(False)
        if isinstance(error, Cancelled):
            self.error_label.setText(_("Cancelled; no file was written."))
            return
        problems = getattr(error, "problems", ())
        self.error_label.setText("\n".join([str(error), *problems]))
        self.secret_edit.selectAll()

    @property
    def written(self) -> Path | None:
        r = self.result
        return r if isinstance(r, Path) else (r.path if r is not None else None)

    def _show_folder(self) -> None:
        if self.written is not None:
            desktop.show_in_folder(self.written)


def _row(edit: QWidget, button: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(button)
    return box
