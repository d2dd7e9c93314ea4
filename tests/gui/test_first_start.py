"""The first start: the commune found with or without diacritics, the officer, a new signing identity;
remembered, never asked twice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from dtdesktop import profile as profiles
from dtdesktop.signing import pkcs12_file
from tests.gui.driving import type_text


def test_first_start_finds_the_commune_makes_an_identity_and_remembers(qtbot, monkeypatch):
    from dtdesktop.gui.app import create_application
    from dtdesktop.gui.first_start import FirstStart

    create_application()
    wizard = FirstStart(profiles.Profile())
    qtbot.addWidget(wizard)
    wizard.show()
    unit_page = wizard.unit_page
    assert not unit_page.isComplete() and unit_page.ui.resultList.count() == 0
    province = unit_page.ui.provinceCombo
    province.setCurrentIndex(province.findText("Tỉnh Thanh Hóa"))
    qtbot.keyClicks(unit_page.ui.searchEdit, "hoang hoa")  # without diacritics
    texts = [unit_page.ui.resultList.item(i).text() for i in range(unit_page.ui.resultList.count())]
    assert any(t.startswith("Xã Hoằng Hóa") for t in texts)
    assert all(t.split("  (")[0].endswith("Thanh Hóa") for t in texts)
    unit_page.ui.searchEdit.clear()
    type_text(unit_page.ui.searchEdit, "Hoằng Hoá")  # with them, typed through the input method
    assert unit_page.unit is not None and unit_page.unit.code == "15865"
    assert unit_page.isComplete()
    wizard.next()

    officer = wizard.officer_page
    assert not officer.isComplete() or officer.ui.nameEdit.text() == ""
    type_text(officer.ui.nameEdit, "Nguyễn  Thị Hà ")
    officer.ui.titleCombo.setCurrentText("Chủ tịch UBND xã")
    assert officer.isComplete() and officer.officer_name == "Nguyễn Thị Hà"
    assert officer.capacity == "chair"
    wizard.next()

    page = wizard.identity_page
    assert page.ui.tokenRadio.isChecked()  # a CA's certificate is what the wizard recommends
    assert not page.ui.lossLabel.isVisibleTo(page)
    page.ui.createRadio.setChecked(True)
    assert page.ui.lossLabel.isVisibleTo(page) and page.ui.selfMadeLabel.isVisibleTo(page)
    type_text(page.ui.newPassEdit, "mật khẩu 2026")
    type_text(page.ui.repeatPassEdit, "mật khẩu 2027")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "khác nhau" in page.ui.messageLabel.text() and wizard.isVisible()
    page.ui.repeatPassEdit.clear()
    type_text(page.ui.repeatPassEdit, "mật khẩu 2026")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=30000)

    chosen = wizard.result_profile()
    assert chosen.complete and chosen.unit_ref == "15865" and chosen.officer_name == "Nguyễn Thị Hà"
    assert chosen.signing_capacity == "chair"
    identity = pkcs12_file.load(profiles.Path(chosen.identity.path), "mật khẩu 2026")
    assert identity.info.name == "Nguyễn Thị Hà" and identity.info.unit == "15865"


def test_a_complete_profile_is_never_asked_again(qtbot, store, profile, monkeypatch):
    from dtdesktop.gui import main_window as mw
    from dtdesktop.gui.app import create_application

    create_application()
    monkeypatch.setattr(mw.FirstStart, "exec", lambda self: (_ for _ in ()).throw(AssertionError("asked")))
    window = mw.MainWindow(store, profiles.load())
    qtbot.addWidget(window)
    assert window.start()
    assert "Hoằng Hóa" in window.list_page.ui.headingLabel.text()
    window.close()


def test_an_existing_pkcs12_file_is_checked_before_it_is_remembered(qtbot, identity_file):
    from dtdesktop.gui.app import create_application
    from dtdesktop.gui.first_start import IdentityPage

    create_application()
    page = IdentityPage()
    qtbot.addWidget(page)
    page.ui.fileRadio.setChecked(True)
    page.ui.fileEdit.setText(str(identity_file))
    type_text(page.ui.filePassEdit, "sai mật khẩu")
    assert not page.validatePage() and page.ui.messageLabel.text()
    page.ui.filePassEdit.clear()
    from tests.conftest import PASSPHRASE

    type_text(page.ui.filePassEdit, PASSPHRASE)
    assert page.validatePage()
    assert page.identity == profiles.SigningIdentity("pkcs12", str(identity_file), subject="Nguyễn Thị Hà")


def test_the_identity_page_recommends_a_ca_and_says_what_a_home_made_certificate_is_worth(qtbot):
    """The choices of a certification authority come first; making a certificate here says plainly that it
    is not a legally recognised signature, and warns once that a lost file or passphrase means a new one."""
    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.first_start import IdentityPage

    create_application()
    switch_language("en")
    try:
        page = IdentityPage()
        qtbot.addWidget(page)
        page.show()
        layout = page.layout()
        order = [layout.indexOf(r) for r in (page.ui.tokenRadio, page.ui.fileRadio, page.ui.createRadio)]
        assert order == sorted(order) and layout.indexOf(page.ui.adviceLabel) < order[0]
        advice = page.ui.adviceLabel.text()
        assert all(ca in advice for ca in ("Ban Cơ yếu Chính phủ", "VNPT-CA", "Viettel-CA", "PKCS#12"))
        assert "certification authority" in page.ui.tokenRadio.text()
        assert "certification authority" in page.ui.fileRadio.text()
        assert page.ui.tokenBox.isVisible() and not page.ui.createBox.isVisible()
        page.ui.createRadio.setChecked(True)
        assert page.ui.createBox.isVisible() and not page.ui.tokenBox.isVisible()
        made_here = page.ui.selfMadeLabel.text()
        assert "only by the reviewers who register it" in made_here
        assert "not a legally recognised digital signature" in made_here
        loss = page.ui.lossLabel.text()
        assert page.ui.lossLabel.isVisible() and "copy" in loss and "nobody can recover it" in loss
        assert "register it again" in loss
        labels = [w for w in page.findChildren(type(page.ui.lossLabel)) if "recover" in w.text()]
        assert labels == [page.ui.lossLabel]  # warned once, not on every page
    finally:
        switch_language("vi")


def test_the_officer_says_under_whose_authority_they_sign(qtbot):
    from dtdesktop.gui.app import create_application
    from dtdesktop.gui.first_start import OfficerPage

    create_application()
    page = OfficerPage("Lê Văn An", "Phó Chủ tịch UBND xã")
    qtbot.addWidget(page)
    page.show()
    combo = page.ui.capacityCombo
    assert combo.isVisible() and combo.count() == 4 and page.capacity == "vice_chair"
    assert "KT. CHỦ TỊCH" in combo.currentText()
    page.ui.titleCombo.setCurrentText("Công chức Văn phòng - Thống kê")  # a civil servant: asked how
    assert page.capacity == "by_order" and "TL." in combo.currentText()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the keyboard picks the written authorisation
    assert page.capacity == "by_authority" and "TUQ." in combo.currentText()
    page.ui.titleCombo.setCurrentText("Công chức Văn hóa - Xã hội")  # another civil servant: kept
    assert page.capacity == "by_authority"
    page.ui.titleCombo.setCurrentText("Chủ tịch UBND xã")
    assert page.capacity == "chair"
    remembered = OfficerPage("Lê Văn An", "Công chức Văn phòng - Thống kê", "by_authority")
    qtbot.addWidget(remembered)
    assert remembered.capacity == "by_authority"
    old = OfficerPage("Lê Văn An", "Phó Chủ tịch UBND phường", "")  # a profile saved before it was asked
    qtbot.addWidget(old)
    assert old.capacity == "vice_chair"
