"""The reviewer's first start: the province whose communes they receive, who they are, and the identity
that signs their decisions. The officer's pages are reused; the unit is a province, not a commune."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from dtdesktop import profile as profiles
from dtdesktop.gui.first_start import IdentityPage, OfficerPage, UnitPage
from dtdesktop.gui.icons import icon
from dtdesktop.i18n import _
from dtdesktop.units import find

REVIEWER_POSITIONS = (
    "Chuyên viên Sở Khoa học và Công nghệ",
    "Trưởng phòng Sở Khoa học và Công nghệ",
    "Phó Giám đốc Sở Khoa học và Công nghệ",
    "Giám đốc Sở Khoa học và Công nghệ",
)


class ProvincePage(UnitPage):
    """The province only: the commune search of the officer's page is hidden."""

    def __init__(self, code: str = "") -> None:
        super().__init__(None)
        for widget in (self.ui.searchEdit, self.ui.resultList, self.ui.oldListCheck):
            widget.hide()
        for label in self.findChildren(QWidget):
            if label.objectName() in ("searchLabel", "resultLabel", "hintLabel"):
                label.hide()
        self.ui.provinceCombo.setItemText(0, _("Choose the province"))
        self.retitle()
        if code:
            self._select_province(code)
        self._search()

    def retitle(self) -> None:
        self.setTitle(_("Your province"))
        self.setSubTitle(_("The province whose communes send you their reports."))

    def _search(self) -> None:
        code = self.ui.provinceCombo.currentData() or ""
        self._set_unit(find(code) if code else None)


class ReviewerSetup(QWizard):
    """Three pages; on finish the reviewer's part of the profile is complete."""

    def __init__(self, current: profiles.Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to dtdesktop"))
        self.setWindowIcon(icon("app"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.current = current
        self.unit_page = ProvincePage(current.reviewer_unit)
        title = current.officer_title if current.reviewer_unit else ""
        self.officer_page = OfficerPage(current.officer_name, title or REVIEWER_POSITIONS[0])
        self.officer_page.ui.titleCombo.clear()
        self.officer_page.ui.titleCombo.addItems(REVIEWER_POSITIONS)
        self.officer_page.ui.titleCombo.setCurrentText(title or REVIEWER_POSITIONS[0])
        for widget in self.officer_page.findChildren(QWidget):
            if widget.objectName().startswith("capacity"):
                widget.hide()  # a reviewer signs for the Department, not in the committee's name
        self.officer_page.setTitle(_("The reviewer"))
        self.officer_page.setSubTitle(
            _(
                "Who reviews the communes' reports; the name and position appear under the signature of "
                "each decision."
            )
        )
        self.identity_page = IdentityPage(current.identity)
        self.identity_page.setSubTitle(
            _(
                "The decisions sent back to the communes are signed with it. The passphrase and the PIN are "
                "never stored."
            )
        )
        for page in (self.unit_page, self.officer_page, self.identity_page):
            self.addPage(page)
        self.resize(760, 560)

    def result_profile(self) -> profiles.Profile:
        unit = self.unit_page.unit
        assert unit is not None and self.identity_page.identity is not None
        return self.current.with_changes(
            role="reviewer",
            reviewer_unit=unit.code,
            officer_name=self.officer_page.officer_name,
            officer_title=self.officer_page.officer_title,
            identity=self.identity_page.identity,
        )
