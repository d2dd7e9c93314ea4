"""The reviewer's trust list: the roots and the officers' certificates whose files are believed, and for
which communes. Adding, registering and removing all run on the store's worker; every refusal is a sentence,
under the table and in the window's message bar."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui.icons import icon
from dtdesktop.gui.messages import confirm
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.gui.screen import fit_to_screen
from dtdesktop.gui.style import restyle
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.review.trust_files import TrustedCertificate
from dtdesktop.signing.certificates import describe
from dtdesktop.signing.trust import fingerprint, spaced
from dtdesktop.text import format_date, nfc
from dtdesktop.units import Unit, find, search

EXPIRED = QColor("#B3261E")
FP_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_LABELS = {
    "root": N_("Trusted root"),
    "province": N_("Province (reviewer, publisher)"),
    "officer": N_("Commune officer"),
}
COLUMNS = (
    N_("Role"),
    N_("Holder"),
    N_("Units"),
    N_("Valid"),
    N_("Certificate issuer"),
    N_("Fingerprint"),
)
REMOVE_QUESTION = N_(
    "Stop trusting the certificate of {holder}?\n\nFingerprint: {fingerprint}\n\nFiles signed with "
    "it (or, for a root, with a certificate it issued) will no longer be trusted; the submissions "
    "already received stay as they are."
)
CERT_FILTER = N_("Certificates (*.pem *.crt *.cer *.der)")
REGISTER_FILTER = N_("Certificates or submission files (*.pem *.crt *.cer *.der *.pdf)")


def unit_name(ref: str) -> str:
    """A unit as people read it: "Xã Hoằng Hóa, Tỉnh Thanh Hóa (15865)"; the code alone if unknown."""
    unit = find(ref)
    if unit is None:
        return ref
    if unit.level == "province":
        return f"{unit.full_name} ({unit.ref})"
    return f"{unit.full_name}, {unit.province_name} ({unit.ref})"


def holder(info) -> str:
    return f"{info.name}, {info.title}" if info.title else info.name


def validity(t: TrustedCertificate, lang: str) -> str:
    return _("{start} to {end}").format(
        start=format_date(t.info.not_before.date(), lang), end=format_date(t.info.not_after.date(), lang)
    )


def _issuer(t: TrustedCertificate) -> str:
    """Who issued it, in words: a root issues itself, as any certification authority's root does; a
    person's certificate that issues itself was made on that person's own computer."""
    if not t.info.self_signed:
        return t.info.issuer
    if t.kind == "root":
        return _("itself (the root of a certification authority)")
    return _("the holder (made on the holder's own computer)")


def details(t: TrustedCertificate, lang: str) -> str:
    """What the inspect panel says of the selected certificate, in lines."""
    info = t.info
    lines = [
        _("Holder: {name}").format(name=info.name),
        _("Position: {title}").format(title=info.title or "—"),
        _("Organisation: {org}").format(org=info.organisation or "—"),
        _("Role: {role}").format(role=_(KIND_LABELS[t.kind])),
        _("Certificate issuer: {issuer}").format(issuer=_issuer(t)),
        _("Serial number: {serial}").format(serial=info.serial),
        _("Valid: {period}").format(period=validity(t, lang)),
    ]
    if t.expired():
        lines.append(_("This certificate has expired: files it signs are no longer accepted."))
    if info.unit:
        lines.append(_("The certificate names: {unit}").format(unit=unit_name(info.unit)))
    if t.entry.units:
        lines.append(
            _("Registered for: {units}").format(units="; ".join(unit_name(u) for u in t.entry.units))
        )
    elif t.kind == "root":
        lines.append(
            _(
                "Every certificate it issued is trusted as a person; it may sign for a commune only if it "
                "names the commune or is registered for it."
            )
        )
    return "\n".join(lines)


class UnitChooser(QDialog):
    """Choose the units an officer's certificate is registered for: search by name, with or without
    diacritics, or by code; the unit the certificate (or the submission) names is chosen already."""

    def __init__(
        self, cert: x509.Certificate, default: str | None, province: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.province = province
        self.chosen: dict[str, Unit] = {}
        info = describe(cert)
        self.setWindowTitle(_("Register an officer's certificate"))
        column = QVBoxLayout(self)
        who = QLabel(
            _("{holder}\nFingerprint: {fingerprint}\nChoose the units this person signs for.").format(
                holder=holder(info), fingerprint=spaced(fingerprint(cert))
            )
        )
        who.setTextFormat(Qt.TextFormat.PlainText)  # names from a file are text, never markup
        who.setWordWrap(True)
        who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(who)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("unitSearch")
        self.search_edit.setPlaceholderText(_("Search a commune or province by name or code"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search)
        column.addWidget(self.search_edit)
        self.list = QListWidget()
        self.list.setObjectName("unitList")
        self.list.itemChanged.connect(self._toggled)
        column.addWidget(self.list, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.register_button = buttons.addButton(_("Register"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        unit = find(default) if default else None
        if unit is not None:
            self.chosen[unit.ref] = unit
        self._search("")
        self.resize(560, 440)
        fit_to_screen(self)
        self.search_edit.setFocus()

    @property
    def codes(self) -> list[str]:
        return sorted(self.chosen)

    def _search(self, text: str) -> None:
        query = nfc(text).strip()
        found: list[Unit] = []
        if query:
            found = search(query, level="province", limit=10) + search(
                query, province=self.province or None, limit=40
            )
        shown = list(self.chosen.values()) + [u for u in found if u.ref not in self.chosen]
        self.list.blockSignals(True)
        self.list.clear()
        for unit in shown:
            item = QListWidgetItem(unit_name(unit.ref))
            item.setData(CODE_ROLE, unit.ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit.ref in self.chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if query and not found:
            self.summary.setText(_("No unit has this name or code; check the spelling."))
        else:
            self._said()

    def _toggled(self, item: QListWidgetItem) -> None:
        ref = item.data(CODE_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            unit = find(ref)
            if unit is not None:
                self.chosen[ref] = unit
        else:
            self.chosen.pop(ref, None)
        self._said()

    def choose(self, ref: str, on: bool = True) -> None:
        """Tick or untick the unit *ref* among those listed (what a click on its box does)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(CODE_ROLE) == ref:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return

    def _said(self) -> None:
        if self.chosen:
            self.summary.setText(
                _("Registered for: {units}").format(units="; ".join(unit_name(r) for r in self.codes))
            )
        else:
            self.summary.setText(_("Choose at least one unit."))
        self.register_button.setEnabled(bool(self.chosen))


class TrustPage(Retranslating, QWidget):
    changed = Signal()  # the trust list changed: what was verified may read otherwise now

    def __init__(self, ctx: ReviewerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[TrustedCertificate] = []
        self.loaded = False  # the table was read from the store at least once
        self.act_add_root = QAction(icon("new"), "", self)
        self.act_add_root.triggered.connect(lambda: self.add_root())
        self.act_register = QAction(icon("open-file"), "", self)
        self.act_register.triggered.connect(lambda: self.register_certificate())
        self.act_remove = QAction(icon("delete"), "", self)
        self.act_remove.triggered.connect(lambda: self.remove_selected())
        column = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setProperty("role", "pageTitle")
        column.addWidget(self.title)
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        column.addWidget(self.hint)
        row = QHBoxLayout()
        self.add_button = QPushButton(icon("new"), "")
        self.add_button.setObjectName("addRootButton")
        self.add_button.clicked.connect(self.act_add_root.trigger)
        self.register_button = QPushButton(icon("open-file"), "")
        self.register_button.setObjectName("registerButton")
        self.register_button.clicked.connect(self.act_register.trigger)
        self.remove_button = QPushButton(icon("delete"), "")
        self.remove_button.setObjectName("removeButton")
        self.remove_button.clicked.connect(self.act_remove.trigger)
        for b in (self.add_button, self.register_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        column.addLayout(row)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("trustTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        copy = QAction(self.table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_fingerprint)
        self.table.addAction(copy)
        self.status = QLabel()
        self.status.setObjectName("trustStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addWidget(self.table, 1)
        top_column.addWidget(self.status)
        self.panel = QWidget()
        panel_column = QVBoxLayout(self.panel)
        panel_column.setContentsMargins(0, 0, 0, 0)
        self.details = QPlainTextEdit()  # scrolls on a small screen; every word can be selected and copied
        self.details.setObjectName("trustDetails")
        self.details.setReadOnly(True)
        panel_column.addWidget(self.details, 1)
        fp_row = QHBoxLayout()
        self.fp_label = QLabel()
        self.fp_edit = QLineEdit()
        self.fp_edit.setObjectName("fingerprintEdit")
        self.fp_edit.setReadOnly(True)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_fingerprint)
        fp_row.addWidget(self.fp_label)
        fp_row.addWidget(self.fp_edit, 1)
        fp_row.addWidget(self.copy_button)
        panel_column.addLayout(fp_row)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([300, 200])
        column.addWidget(self.splitter, 1)
        self.retranslate()
        self._selected()

    # --- texts

    def retranslate(self) -> None:
        self.title.setText(_("Trusted certificates"))
        self.hint.setText(
            _(
                "Files are accepted only when their signer is trusted here: a certificate issued by a "
                "trusted root, or an officer's certificate registered for the commune it signs for."
            )
        )
        self.act_add_root.setText(_("Add a trusted &root…"))
        self.act_register.setText(_("Register an &officer's certificate…"))
        self.act_remove.setText(_("Remove the certificate…"))
        self.add_button.setText(_("Add a trusted root…"))
        self.register_button.setText(_("Register an officer's certificate…"))
        self.remove_button.setText(_("Remove…"))
        self.fp_label.setText(_("Fingerprint (SHA-256):"))
        self.copy_button.setText(_("Copy"))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self._fill()

    def actions(self) -> list[QAction]:
        return [self.act_add_root, self.act_register, self.act_remove]

    # --- the table

    def refresh(self) -> None:
        from dtdesktop.review.trust_files import detailed

        store = self.ctx.store
        self.ctx.worker.submit(lambda: detailed(store), self._loaded, self._failed)

    def _loaded(self, rows: list[TrustedCertificate]) -> None:
        self.rows, self.loaded = rows, True
        self._fill()

    def _fill(self) -> None:
        lang = current_language()
        wanted = self.selected_fingerprint()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.rows))
        for r, t in enumerate(self.rows):
            expired = t.expired()
            cells = [
                _(KIND_LABELS[t.kind]),
                holder(t.info),
                "; ".join(unit_name(u) for u in t.entry.units) or "—",
                validity(t, lang) + (" — " + _("expired") if expired else ""),
                _("itself") if t.info.self_signed else t.info.issuer,
                spaced(t.entry.fingerprint),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(FP_ROLE, t.entry.fingerprint)
                item.setToolTip(text)
                if expired:
                    item.setForeground(QBrush(EXPIRED))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c, most in ((1, 260), (2, 280), (4, 200)):
            if self.table.columnWidth(c) > most:
                self.table.setColumnWidth(c, most)
        if self.loaded and not self.rows and not self.status.text():
            self._say(
                _(
                    "No certificate is trusted yet: add the root of your certificate authority, or register "
                    "an officer's certificate."
                ),
                "info",
            )
        self.select(wanted)
        self._selected()

    def select(self, fp: str | None) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if fp and item is not None and item.data(FP_ROLE) == fp:
                self.table.selectRow(r)
                return

    def selected(self) -> TrustedCertificate | None:
        fp = self.selected_fingerprint()
        return next((t for t in self.rows if t.entry.fingerprint == fp), None)

    def selected_fingerprint(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(FP_ROLE) if items else None

    def _selected(self) -> None:
        t = self.selected()
        self.act_remove.setEnabled(t is not None)
        self.remove_button.setEnabled(t is not None)
        self.copy_button.setEnabled(t is not None)
        if t is None:
            self.details.setPlainText(_("Select a certificate to see what it says of its holder."))
            self.fp_edit.clear()
            return
        self.details.setPlainText(details(t, current_language()))
        self.fp_edit.setText(spaced(t.entry.fingerprint))
        self.fp_edit.setCursorPosition(0)  # read from its start, as it is compared

    def copy_fingerprint(self) -> None:
        t = self.selected()
        if t is not None:
            QGuiApplication.clipboard().setText(spaced(t.entry.fingerprint))

    # --- telling

    def _say(self, sentence: str, level: str) -> None:
        self.status.setText(sentence)
        restyle(self.status, "role", "fieldError" if level == "error" else "hint")

    def _tell(self, sentence: str, level: str = "info") -> None:
        self._say(sentence, level)
        self.ctx.tell(sentence, level)

    def _failed(self, error: BaseException) -> None:
        self._tell(str(error), "error")

    # --- adding a root

    def add_root(self, path: Path | None = None) -> None:
        """Trust the certificates of a PEM/DER file as roots: an authority's, whose every certificate is
        then a trusted person."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Add a trusted root"), self.ctx.profile.last_folder, _(CERT_FILTER)
            )
            if not chosen:
                return
            path = Path(chosen)
        store = self.ctx.store

        def job():
            from dtdesktop.review import trust
            from dtdesktop.review.trust_files import certificates_in

            certs = certificates_in(path)
            trust.refuse_if_not_authority(certs)
            trust.add_roots(store, certs)
            return certs

        self.ctx.worker.submit(job, self._roots_added, self._failed)

    def _roots_added(self, certs: list[x509.Certificate]) -> None:
        names = ", ".join(describe(c).name for c in certs)
        self._tell(
            _("Trusted as a root: {names}. Files signed with certificates it issued are now trusted.").format(
                names=names
            )
        )
        self.changed.emit()
        self._reload_then_select(fingerprint(certs[0]))

    # --- registering an officer

    def register_certificate(self, path: Path | None = None) -> None:
        """Register an officer's certificate (from a PEM/DER file, or the signer of a received submission)
        for the units the reviewer chooses."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self,
                _("Register an officer's certificate"),
                self.ctx.profile.last_folder,
                _(REGISTER_FILTER),
            )
            if not chosen:
                return
            path = Path(chosen)
        store = self.ctx.store

        def job():
            from dtdesktop.review.trust import TrustError
            from dtdesktop.review.trust_files import certificates_in, check_current, submission_signer

            if path.suffix.lower() == ".pdf":
                cert, unit = submission_signer(path, store)
                check_current(cert)
                return cert, unit
            certs = certificates_in(path)
            if len(certs) > 1:
                raise TrustError(
                    _(
                        "{file} holds {n} certificates; register an officer from a file holding only theirs."
                    ).format(file=path.name, n=len(certs))
                )
            return certs[0], describe(certs[0]).unit

        self.ctx.worker.submit(job, self._choose_units, self._failed)

    def _choose_units(self, found: tuple[x509.Certificate, str | None]) -> None:
        cert, unit = found
        dialog = UnitChooser(cert, unit, self.ctx.province, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.codes:
            return
        codes, store = dialog.codes, self.ctx.store

        def job():
            from dtdesktop.review import trust

            return trust.register(store, cert, codes)

        def done(fp: str) -> None:
            self._tell(
                _("{holder} is registered for {units}.").format(
                    holder=holder(describe(cert)), units="; ".join(unit_name(c) for c in codes)
                )
            )
            self.changed.emit()
            self._reload_then_select(fp)

        self.ctx.worker.submit(job, done, self._failed)

    # --- removing

    def remove_selected(self) -> None:
        t = self.selected()
        if t is None:
            self._tell(_("Select the certificate to remove first."), "warning")
            return
        text = _(REMOVE_QUESTION).format(holder=holder(t.info), fingerprint=spaced(t.entry.fingerprint))
        if not confirm(self, _("Remove a trusted certificate"), text, _("Stop trusting")):
            return
        store, fp = self.ctx.store, t.entry.fingerprint

        def job():
            from dtdesktop.review import trust

            return trust.remove(store, fp)

        def done(_entry) -> None:
            self._tell(
                _("No longer trusted: {holder} ({fingerprint}).").format(
                    holder=holder(t.info), fingerprint=spaced(fp)
                )
            )
            self.changed.emit()
            self.refresh()

        self.ctx.worker.submit(job, done, self._failed)

    def _reload_then_select(self, fp: str) -> None:
        from dtdesktop.review.trust_files import detailed

        store = self.ctx.store

        def loaded(rows: list[TrustedCertificate]) -> None:
            self._loaded(rows)
            self.select(fp)

        self.ctx.worker.submit(lambda: detailed(store), loaded, self._failed)
