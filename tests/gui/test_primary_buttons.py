"""Enter in a dialog presses its main action, never Close: a reviewer who types the passphrase and presses
Enter signs (a Close taken as the default button would shut the dialog and lose what was typed)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.gui.worker import DbWorker
from dtdesktop.profile import Profile, SigningIdentity


def _enter_presses(qtbot, dialog, primary: QPushButton, field) -> None:
    pressed = []
    for button in dialog.findChildren(QPushButton):
        button.clicked.connect(lambda _c=False, b=button: pressed.append(b))
    dialog.show()
    dialog.activateWindow()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert pressed == [primary], [b.text() for b in pressed]
    defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault() or b.autoDefault()]
    assert defaults == [primary]


def test_enter_in_the_decision_dialog_signs(qtbot, store, tmp_path, monkeypatch):
    from dtdesktop.gui.reviewer.decision_sign import DecisionSignDialog

    monkeypatch.setattr(DecisionSignDialog, "sign", lambda self: None)  # the press is what is checked
    profile = Profile(
        officer_name="Lê Văn Bình",
        officer_title="Chuyên viên Sở Khoa học và Công nghệ",
        identity=SigningIdentity("pkcs12", str(tmp_path / "binh.p12"), subject="Lê Văn Bình"),
        role="reviewer",
        reviewer_unit="38",
    )
    ctx = ReviewerContext(store, profile, DbWorker())
    dialog = DecisionSignDialog(ctx, 1, "thong-bao.pdf")
    try:
        assert not dialog.errorLabel.isVisibleTo(dialog)  # no empty warning box before anything is said
        dialog.secretEdit.setText("mật khẩu")
        _enter_presses(qtbot, dialog, dialog.signButton, dialog.secretEdit)
        assert dialog.isVisible() and dialog.secretEdit.text() == "mật khẩu"
    finally:
        dialog.close()
        shiboken6.delete(dialog)
        ctx.worker.shutdown()


def test_enter_in_the_print_preview_prints(qtbot, tmp_path, monkeypatch):
    from dtdesktop.gui.sending.print_preview import PrintPreview

    monkeypatch.setattr(PrintPreview, "print_document", lambda self: None)
    dialog = PrintPreview(tmp_path / "bao-cao.pdf")
    try:
        _enter_presses(qtbot, dialog, dialog.print_button, dialog.view)
    finally:
        dialog.close()
        shiboken6.delete(dialog)
