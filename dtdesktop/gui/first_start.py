"""The first start: the commune, the officer, the signing identity. Asked once, remembered in the profile."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QWidget, QWizard, QWizardPage

from dtdesktop import profile as profiles
from dtdesktop.gui.collation import sorted_by
from dtdesktop.gui.forms.ui_identity_page import Ui_IdentityPage
from dtdesktop.gui.forms.ui_officer_page import Ui_OfficerPage
from dtdesktop.gui.forms.ui_unit_page import Ui_UnitPage
from dtdesktop.gui.icons import icon
from dtdesktop.i18n import _
from dtdesktop.paths import user_data_dir
from dtdesktop.signing import pkcs12_file
from dtdesktop.signing.errors import IdentityError
from dtdesktop.text import fold, nfc
from dtdesktop.units import Unit, find, search
from dtdesktop.units.registry import unit_list

POSITIONS = (
    "Chủ tịch UBND xã",
    "Phó Chủ tịch UBND xã",
    "Chủ tịch UBND phường",
    "Phó Chủ tịch UBND phường",
    "Công chức Văn phòng - Thống kê",
)
RESULT_LIMIT = 200


TYPE_AHEAD_ROLE = Qt.ItemDataRole.UserRole + 1
TYPE_AHEAD_SECONDS = 1.5


class UnitPage(QWizardPage):
    """Province first, then the commune by name (with or without diacritics) or code."""

    def __init__(self, initial: Unit | None = None) -> None:
        super().__init__()
        self.ui = Ui_UnitPage()
        self.ui.setupUi(self)
        self.unit: Unit | None = None
        self._fill_provinces()
        self.ui.provinceCombo.currentIndexChanged.connect(self._search)
        self.ui.searchEdit.textChanged.connect(self._search)
        self.ui.oldListCheck.toggled.connect(self._scheme_changed)
        self.ui.resultList.currentItemChanged.connect(self._chosen)
        self.ui.searchEdit.installEventFilter(self)  # ↓ from the name goes down the list of communes found
        self.ui.provinceCombo.installEventFilter(self)  # "thanh hoa" typed finds Tỉnh Thanh Hóa
        self.ui.provinceCombo.view().installEventFilter(self)  # ... in the open list too
        self._typed, self._typed_at = "", 0.0
        if initial is not None:
            self.ui.oldListCheck.setChecked(initial.scheme != "2026")
            self._select_province(initial.province_code)
            self.ui.searchEdit.setText(initial.code)
        self._search()

    @property
    def scheme(self) -> str:
        return "2025" if self.ui.oldListCheck.isChecked() else "2026"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched in (self.ui.provinceCombo, self.ui.provinceCombo.view())
            and event.type() == QEvent.Type.KeyPress
        ):
            return self._type_ahead(event, in_list=watched is not self.ui.provinceCombo)  # type: ignore[arg-type]
        lst = self.ui.resultList
        if (
            watched is self.ui.searchEdit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down  # type: ignore[attr-defined]
            and lst.count()
        ):
            lst.setFocus(Qt.FocusReason.TabFocusReason)
            lst.setCurrentRow(min(lst.currentRow() + 1, lst.count() - 1) if lst.selectedItems() else 0)
            return True
        return super().eventFilter(watched, event)

    def _type_ahead(self, event, in_list: bool = False) -> bool:
        """Typing a province's name, with or without diacritics and spaces included, chooses it: the names
        all begin with "Tỉnh" or "Thành phố", so Qt's first-letters search cannot find one."""
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            return False
        now = time.monotonic()
        self._typed = (self._typed if now - self._typed_at < TYPE_AHEAD_SECONDS else "") + text
        self._typed_at = now
        wanted = fold(self._typed).strip()
        combo = self.ui.provinceCombo
        for i in range(combo.count()):
            if str(combo.itemData(i, TYPE_AHEAD_ROLE) or "").startswith(wanted) and wanted:
                if in_list:  # the open list moves to it; Enter or a click chooses it
                    combo.view().setCurrentIndex(combo.model().index(i, combo.modelColumn()))
                else:
                    combo.setCurrentIndex(i)
                break
        return True  # a space is part of the name here, not "open the list"

    def _fill_provinces(self) -> None:
        combo = self.ui.provinceCombo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("All provinces"), "")
        for p in sorted_by(unit_list(self.scheme).provinces(), lambda u: u.name):  # type: ignore[arg-type]
            combo.addItem(p.full_name, p.code)
            combo.setItemData(combo.count() - 1, fold(p.name), TYPE_AHEAD_ROLE)
        combo.blockSignals(False)

    def _select_province(self, code: str) -> None:
        index = self.ui.provinceCombo.findData(code)
        self.ui.provinceCombo.setCurrentIndex(max(index, 0))

    def _scheme_changed(self) -> None:
        self._fill_provinces()
        self._search()

    def _search(self) -> None:
        query = nfc(self.ui.searchEdit.text()).strip()
        province = self.ui.provinceCombo.currentData() or None
        results = search(query, province=province, scheme=self.scheme, limit=RESULT_LIMIT)  # type: ignore[arg-type]
        if not query and province is None:
            results = []  # 3,000 communes help nobody: choose a province or type a name
        lst = self.ui.resultList
        lst.blockSignals(True)
        lst.clear()
        for unit in results:
            item = QListWidgetItem(f"{unit.label}  ({unit.code})")
            item.setData(Qt.ItemDataRole.UserRole, unit)
            lst.addItem(item)
        lst.blockSignals(False)
        keep = self.unit if self.unit in results else (results[0] if len(results) == 1 else None)
        if keep is not None:
            lst.setCurrentRow(results.index(keep))
        self._set_unit(keep)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        self._set_unit(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def _set_unit(self, unit: Unit | None) -> None:
        self.unit = unit
        self.ui.chosenLabel.setText(_("Chosen: {unit}").format(unit=unit.label) if unit else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.unit is not None


def _capacities() -> list[tuple[str, str]]:
    """The capacities as the officer reads them, with the lines they put above the signature."""
    return [
        ("chair", _("Chair, for the committee (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH)")),
        ("vice_chair", _("Vice-chair, in the chair's place (TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH)")),
        ("by_order", _("Civil servant, by the chair's order (TL. CHỦ TỊCH)")),
        ("by_authority", _("Civil servant, by the chair's written authorisation (TUQ. CHỦ TỊCH)")),
    ]


class OfficerPage(QWizardPage):
    """The officer's name, position and the authority under which they sign for the committee."""

    def __init__(self, name: str = "", title: str = "", capacity: str = "") -> None:
        super().__init__()
        self.ui = Ui_OfficerPage()
        self.ui.setupUi(self)
        self.ui.titleCombo.addItems(POSITIONS)
        for code, label in _capacities():
            self.ui.capacityCombo.addItem(label, code)
        self.ui.capacityHint.setText(
            _(
                "A civil servant signs for the committee by the chair's order (TL.), or by a written "
                "authorisation (TUQ.) when the chair has given one; the report prints it above the signature."
            )
        )
        self.ui.nameEdit.setText(name)
        self.ui.titleCombo.setCurrentText(title or POSITIONS[0])
        self._set_capacity(capacity or profiles.capacity_for(self.officer_title))
        self.ui.nameEdit.textChanged.connect(self.completeChanged)
        self.ui.titleCombo.currentTextChanged.connect(self.completeChanged)
        self.ui.titleCombo.currentTextChanged.connect(self._title_changed)

    def _set_capacity(self, capacity: str) -> None:
        self.ui.capacityCombo.setCurrentIndex(max(self.ui.capacityCombo.findData(capacity), 0))

    def _title_changed(self) -> None:
        """A new position suggests its capacity; a civil servant keeps TL. or TUQ. as chosen."""
        implied = profiles.capacity_for(self.officer_title)
        if implied != "by_order" or self.capacity not in ("by_order", "by_authority"):
            self._set_capacity(implied)

    @property
    def officer_name(self) -> str:
        return " ".join(nfc(self.ui.nameEdit.text()).split())

    @property
    def officer_title(self) -> str:
        return " ".join(nfc(self.ui.titleCombo.currentText()).split())

    @property
    def capacity(self) -> str:
        return str(self.ui.capacityCombo.currentData())

    def isComplete(self) -> bool:
        return bool(self.officer_name and self.officer_title)


class _KeyMaker(QThread):
    """Makes the RSA key and writes the identity file off the window's thread (it takes a second)."""

    made = Signal(object)  # SigningIdentity, or the error

    def __init__(self, name: str, title: str, unit: Unit, passphrase: str, out: Path) -> None:
        super().__init__()
        self._args = (name, title, unit, passphrase, out)

    def run(self) -> None:
        name, title, unit, passphrase, out = self._args
        try:
            identity = pkcs12_file.create_for_unit(name, title, unit)
            pkcs12_file.save_new(out, identity, passphrase)
            self.made.emit(profiles.SigningIdentity("pkcs12", str(out), subject=identity.info.name))
        except Exception as exc:  # shown to the officer as the sentence it carries
            self.made.emit(exc)


class IdentityPage(QWizardPage):
    """Create a signing identity here, open a PKCS#12 file, or pick a certificate on a USB token."""

    def __init__(self, current: profiles.SigningIdentity | None = None) -> None:
        super().__init__()
        self.ui = Ui_IdentityPage()
        self.ui.setupUi(self)
        self.identity: profiles.SigningIdentity | None = None
        self._maker: _KeyMaker | None = None
        for radio in (self.ui.createRadio, self.ui.fileRadio, self.ui.tokenRadio):
            radio.toggled.connect(self._mode_changed)
        self.ui.fileBrowse.clicked.connect(self._browse_file)
        self.ui.moduleBrowse.clicked.connect(self._browse_module)
        self.ui.findTokens.clicked.connect(self._find_tokens)
        if current is not None:
            radio = self.ui.fileRadio if current.kind == "pkcs12" else self.ui.tokenRadio
            radio.setChecked(True)
            (self.ui.fileEdit if current.kind == "pkcs12" else self.ui.moduleEdit).setText(current.path)
        self._mode_changed()

    def _mode_changed(self) -> None:
        self.ui.createBox.setVisible(self.ui.createRadio.isChecked())
        self.ui.fileBox.setVisible(self.ui.fileRadio.isChecked())
        self.ui.tokenBox.setVisible(self.ui.tokenRadio.isChecked())
        self._say("")

    def _say(self, text: str) -> None:
        self.ui.messageLabel.setText(text)

    def _browse_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open a signing identity"),
            str(Path.home()),
            _("PKCS#12 files (*.p12 *.pfx);;All files (*)"),
        )
        if path:
            self.ui.fileEdit.setText(path)

    def _browse_module(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("The token's PKCS#11 driver"), "", _("Libraries (*.dll *.so *.dylib);;All files (*)")
        )
        if path:
            self.ui.moduleEdit.setText(path)

    def _find_tokens(self) -> None:
        from dtdesktop.signing.tokens import list_tokens

        self.ui.certificateList.clear()
        try:
            tokens = list_tokens(Path(self.ui.moduleEdit.text().strip()))
        except IdentityError as exc:
            self._say(str(exc))
            return
        for token in tokens:
            for cert in token.certificates:
                item = QListWidgetItem(f"{cert.info.name} — {token.label} ({cert.info.issuer})")
                item.setData(Qt.ItemDataRole.UserRole, (token.label, cert.id, cert.info.name))
                self.ui.certificateList.addItem(item)
        if self.ui.certificateList.count():
            self.ui.certificateList.setCurrentRow(0)
            self._say("")
        else:
            self._say(_("No certificate was found on a plugged-in token; plug it in and try again."))

    def validatePage(self) -> bool:
        """Check the choice for real (open the file, make the key) before the wizard may finish."""
        if self.identity is not None:
            return True
        try:
            if self.ui.fileRadio.isChecked():
                path = Path(self.ui.fileEdit.text().strip())
                ident = pkcs12_file.load(path, self.ui.filePassEdit.text())
                self.identity = profiles.SigningIdentity("pkcs12", str(path), subject=ident.info.name)
                return True
            if self.ui.tokenRadio.isChecked():
                item = self.ui.certificateList.currentItem()
                if item is None:
                    self._say(_("Find the certificates on the token and choose one."))
                    return False
                label, cert_id, subject = item.data(Qt.ItemDataRole.UserRole)
                module = self.ui.moduleEdit.text().strip()
                self.identity = profiles.SigningIdentity("token", module, label, cert_id, subject)
                return True
            return self._start_key()
        except IdentityError as exc:
            self._say(str(exc))
            return False

    def _start_key(self) -> bool:
        passphrase = self.ui.newPassEdit.text()
        pkcs12_file.check_passphrase(passphrase)
        if passphrase != self.ui.repeatPassEdit.text():
            self._say(_("The two passphrases differ; type the same one twice."))
            return False
        if self._maker is not None:
            return False
        wizard = self.wizard()
        officer: OfficerPage = wizard.page(1)  # type: ignore[assignment]
        unit = wizard.page(0).unit  # type: ignore[attr-defined]
        self._maker = _KeyMaker(
            officer.officer_name,
            officer.officer_title,
            unit,
            passphrase,
            _new_identity_path(officer.officer_name),
        )
        self._maker.made.connect(self._key_made)
        self._say(_("Making the key and the certificate…"))
        self.setEnabled(False)
        self._maker.start()
        return False

    def _key_made(self, result: object) -> None:
        self.setEnabled(True)
        maker, self._maker = self._maker, None
        if maker is not None:
            maker.wait()
        if isinstance(result, profiles.SigningIdentity):
            self.identity = result
            self._say(_("The identity was saved in {file}.").format(file=result.path))
            self.wizard().accept()
        else:
            self._say(str(result))


def _new_identity_path(name: str) -> Path:
    """A new file in the user's data folder, named after the officer; never an existing one."""
    folder = user_data_dir() / "identity"
    folder.mkdir(parents=True, exist_ok=True)
    stem = "-".join(fold(name).split()) or "identity"
    path, n = folder / f"{stem}.p12", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.p12", n + 1
    return path


class FirstStart(QWizard):
    """Three pages; on finish the profile is complete and saved."""

    def __init__(self, current: profiles.Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to dtdesktop"))
        self.setWindowIcon(icon("app"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.current = current
        self.unit_page = UnitPage(find(current.unit_ref) if current.unit_ref else None)
        self.officer_page = OfficerPage(current.officer_name, current.officer_title, current.signing_capacity)
        self.identity_page = IdentityPage(current.identity)
        for page in (self.unit_page, self.officer_page, self.identity_page):
            self.addPage(page)
        self.resize(760, 560)

    def result_profile(self) -> profiles.Profile:
        unit = self.unit_page.unit
        assert unit is not None and self.identity_page.identity is not None
        return self.current.with_changes(
            unit_ref=unit.ref,
            officer_name=self.officer_page.officer_name,
            officer_title=self.officer_page.officer_title,
            signing_capacity=self.officer_page.capacity,
            identity=self.identity_page.identity,
        )
