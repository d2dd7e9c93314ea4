"""What else the command line does for an officer, from the window: the certificate for the reviewers,
answers from a file, checking a submission file, restoring a backup, the history of changes."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.files import atomic_write_bytes
from dtdesktop.i18n import _, current_language
from dtdesktop.profile import Profile
from dtdesktop.signing.certificates import kind_sentence
from dtdesktop.storage.history import HistoryRow
from dtdesktop.text import format_date, format_percent

MAX_ANSWERS_FILE = 5 * 1024 * 1024


def certificate_pem(profile: Profile, passphrase: str) -> bytes:
    """The officer's certificate (public, for the reviewers' trust list), from the file or the token."""
    from cryptography.hazmat.primitives import serialization

    ident = profile.identity
    if ident is None:
        raise ValueError(_("No signing identity is set up yet."))
    if ident.kind == "pkcs12":
        from dtdesktop.signing import pkcs12_file

        cert = pkcs12_file.load(Path(ident.path), passphrase).certificate
    else:
        from dtdesktop.signing.errors import IdentityError
        from dtdesktop.signing.tokens import list_tokens

        found = [
            c.certificate
            for t in list_tokens(Path(ident.path))
            for c in t.certificates
            if c.id == ident.cert_id and (not ident.token_label or t.label == ident.token_label)
        ]
        if not found:
            raise IdentityError(_("The certificate is not on a plugged-in token; plug the token in."))
        cert = found[0]
    return cert.public_bytes(serialization.Encoding.PEM)


def save_certificate(parent: QWidget, profile: Profile) -> Path | None:
    passphrase = ""
    if profile.identity and profile.identity.kind == "pkcs12":
        passphrase, ok = QInputDialog.getText(
            parent,
            _("Save my certificate"),
            _("Passphrase of the signature file:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
    pem = certificate_pem(profile, passphrase)
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Save my certificate"),
        str(Path.home() / "chung-thu.pem"),
        _("Certificates (*.pem)"),
    )
    return atomic_write_bytes(Path(path), pem) if path else None


def read_answers(path: Path) -> dict:
    """An answers file (a JSON object keyed by indicator code), or ValueError with a sentence."""
    try:
        if path.stat().st_size > MAX_ANSWERS_FILE:
            raise ValueError(_("{file} is too large for an answers file.").format(file=path))
        raw = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ValueError(
            _("{file} cannot be read ({reason}).").format(file=path, reason=exc.strerror)
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError(_("{file} is not a JSON file of answers.").format(file=path)) from None
    if not isinstance(raw, dict):
        raise ValueError(_("The answers must be a JSON object keyed by indicator code."))
    return raw


def verification_text(v) -> str:
    """A submission file's check, as sentences: valid or not, who signed, the score, the problems."""
    lang = current_language()
    first = {
        "valid": _("The file is valid."),
        "indeterminate": _("The file is intact, but its validity cannot be decided yet:"),
        "invalid": _("The file is NOT valid."),
    }
    lines = [first[v.verdict]]
    if v.signer is not None:
        lines.append(_("Signed by {name}").format(name=v.signer.name))
        lines.append(kind_sentence(v.signer))
    if v.header is not None:
        lines.append(
            _("{unit}, {period}, revision {revision}").format(
                unit=v.header.unit_name, period=v.header.period, revision=v.header.revision
            )
        )
    if v.percent is not None:
        lines.append(_("Score: {percent}").format(percent=format_percent(v.percent, lang)))
    lines += [f"• {p}" for p in v.problems]
    return "\n".join(lines)


class HistoryDialog(QDialog):
    """Every change of the assessment: when, who, what, from what to what; newest first."""

    def __init__(self, rows: list[HistoryRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History of changes"))
        table = QTableWidget(len(rows), 5)
        table.setHorizontalHeaderLabels([_("When"), _("Who"), _("What"), _("Before"), _("After")])
        lang = current_language()
        for row, e in enumerate(reversed(rows)):
            when = e.at.astimezone() if e.at.tzinfo else e.at
            cells = (f"{format_date(when.date(), lang)} {when:%H:%M:%S}", e.actor, e.what, e.before, e.after)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long note or title is read whole
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(2, 380)
        header.setStretchLastSection(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the code in front, what changed at the end
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(1000, 560)


def show_text(parent: QWidget, title: str, text: str, ok: bool) -> None:
    (QMessageBox.information if ok else QMessageBox.warning)(parent, title, text)
