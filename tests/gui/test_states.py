"""The officer's window in every state of an assessment: carried over, signed and sent, returned; the
check before signing counts as the command line does."""

from __future__ import annotations

import datetime as dt
import json

from dtdesktop.cli.main import main
from dtdesktop.i18n import _
from dtdesktop.storage import assessments as A


def _shown(db_path, aid: int, capsys) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db_path), "assess", "show", str(aid), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_sign_check_counts_as_assess_show_does(qtbot, window, store, filled, db_path, capsys):
    from dtdesktop.gui.sending.sign_dialog import SignDialog

    before = A.get(store, filled)
    missing = [i.code for i in before.catalog.indicators if i.code not in before.values]
    note_only, evidence_only = missing[0], missing[1]
    A.set_answers(store, filled, {}, notes={note_only: "Chưa có số liệu, chỉ ghi chú"})
    A.add_citation(store, filled, evidence_only, "12/QĐ-UBND", dt.date(2025, 3, 5), "Quyết định")
    new = A.duplicate(store, filled, 2026)
    window.open_assessment(new)
    session = window.session
    assert session.to_check == set(before.values)  # the note alone is not an answer to check
    dialog = SignDialog(session, window.profile, window)
    qtbot.addWidget(dialog)
    shown = _shown(db_path, new, capsys)
    p = dialog.progress
    indicators = shown["score"]["indicators"]
    assert p.missing == len(shown["score"]["missing"]) == len(missing)
    assert p.not_met == sum(1 for i in indicators if i["status"] == "not_met") > 0
    assert p.answered == len(indicators) - len(shown["score"]["missing"]) == len(before.values)
    assert p.to_check == len(shown["to_check"]) == len(before.values)
    assert shown["progress"] == {
        "total": p.total,
        "answered": p.answered,
        "missing": p.missing,
        "not_met": p.not_met,
        "to_check": p.to_check,
        "returned": p.returned,
    }
    summary = dialog.ui.summaryLabel.text()
    for n in (p.answered, p.total, p.missing, p.not_met, p.to_check):
        assert str(n) in summary


def test_the_count_field_takes_whole_numbers_and_says_so_with_a_capital(qtbot, window, store):
    from dtdesktop.catalogs.registry import resolve
    from dtdesktop.units import find
    from tests.gui.driving import settle

    filled = A.create(store, resolve("dti-xa-diem"), find("15865"), 2025)
    window.open_assessment(filled)
    a = window.session.assessment
    code = next(i.code for i in a.catalog.indicators if i.type == "count")
    window.editor.tree.select(code)
    panel = window.editor.panel
    before = A.get(store, filled).values.get(code)
    for typed in ("12,5", "1e3", "١٢", "-3"):
        panel.input.edit.setText(typed)
        shown = panel.ui.errorLabel.text()
        assert panel.ui.errorLabel.isVisibleTo(panel) and (shown[0] == "“" or shown[0].isupper()), shown
        assert not shown.startswith(code) and panel.input.edit.property("invalid") is True
    assert panel.ui.errorLabel.text().startswith("Giá trị")  # "-3": the value cannot be negative
    settle(qtbot, window)
    assert A.get(store, filled).values.get(code) == before
    panel.input.edit.setText(" 1.234 ")
    assert not panel.ui.errorLabel.isVisibleTo(panel)
    settle(qtbot, window)
    assert A.get(store, filled).values[code] == 1234


def _sent(store, aid: int, identity_file, tmp_path) -> None:
    from dtdesktop.exchange.export import export_submission
    from dtdesktop.signing import pkcs12_file
    from tests.conftest import PASSPHRASE

    export_submission(store, aid, pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE), tmp_path / "sent.pdf")
    assert A.get(store, aid).status == "signed"


def _counting_asks(monkeypatch) -> list[str]:
    """The questions the window asks (the real dialog still opens)."""
    from dtdesktop.gui import main_window

    asked: list[str] = []
    real = main_window.confirm

    def counting(parent, title, text, action):
        asked.append(text)
        return real(parent, title, text, action)

    monkeypatch.setattr(main_window, "confirm", counting)
    return asked


def _press(qtbot, label: str):
    from PySide6.QtWidgets import QMessageBox

    from tests.gui.test_editor import on_next_dialog

    def click(box: QMessageBox) -> None:
        if label == "Cancel":
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            next(b for b in box.buttons() if b.text().replace("&", "") == label).click()

    on_next_dialog(qtbot, click)


def test_changing_a_sent_assessment_asks_once_and_then_saves(
    qtbot, window, store, filled, identity_file, tmp_path, monkeypatch
):
    from dtdesktop.gui.app import switch_language
    from tests.gui.driving import settle

    _sent(store, filled, identity_file, tmp_path)
    switch_language("en")
    asked = _counting_asks(monkeypatch)
    window.open_assessment(filled)
    code = window.editor.panel.ind.code
    _press(qtbot, "Change it")
    qtbot.keyClicks(window.editor.panel.ui.noteEdit, "Da sua")
    qtbot.keyClicks(window.editor.panel.ui.noteEdit, " them. ")
    settle(qtbot, window)
    assert len(asked) == 1 and "new signed file" in asked[0] and "submission 1" in asked[0]
    a = A.get(store, filled)
    assert a.status == "draft" and a.answers[code].note.startswith("Da sua them. ")
    assert window.editor.panel.isEnabled()


def test_declining_leaves_a_sent_assessment_untouched_and_read_only(
    qtbot, window, store, filled, identity_file, tmp_path, monkeypatch
):
    from tests.gui.driving import settle

    _sent(store, filled, identity_file, tmp_path)
    before, log = A.get(store, filled), A.audit_log(store, filled)
    asked = _counting_asks(monkeypatch)
    window.open_assessment(filled)
    panel = window.editor.panel
    code = panel.ind.code
    _press(qtbot, "Cancel")
    qtbot.keyClicks(panel.ui.noteEdit, "x")
    settle(qtbot, window)
    assert len(asked) == 1
    assert panel.ui.noteEdit.toPlainText() == (before.answers[code].note or "") and not panel.isEnabled()
    window.editor.tree.select(window.session.catalog.indicators[-1].code)
    assert not window.editor.panel.isEnabled()  # every indicator, not only the one typed in
    window.session.edit_value(code, None)
    window.session.mark_checked(code)
    settle(qtbot, window)
    assert len(asked) == 1  # asked once per opening
    after = A.get(store, filled)
    assert (after.status, after.values, after.updated_at) == (before.status, before.values, before.updated_at)
    assert A.audit_log(store, filled) == log


def test_deleting_a_sent_assessment_says_it_was_sent(
    qtbot, window, store, filled, identity_file, tmp_path, monkeypatch
):
    from dtdesktop.gui.app import switch_language

    switch_language("en")
    asked = _counting_asks(monkeypatch)
    window.refresh_list()
    qtbot.waitUntil(lambda: window.list_page.selected_id() == filled, timeout=10000)
    _press(qtbot, "Cancel")
    window.list_page.ui.deleteButton.click()
    _sent(store, filled, identity_file, tmp_path)
    window.refresh_list()
    qtbot.waitUntil(
        lambda: window.list_page.rows and window.list_page.rows[0].summary.revision == 1, timeout=10000
    )
    _press(qtbot, "Cancel")
    window.list_page.ui.deleteButton.click()
    window.worker.wait()
    assert len(asked) == 2 and "sent" not in asked[0]
    assert "signed and sent (submission 1)" in asked[1]
    assert [s.id for s in A.list_all(store)] == [filled]


def test_history_names_the_officer_and_the_indicator_one_row_per_change(
    qtbot, window, store, catalog, monkeypatch
):
    from dtdesktop.gui.app import switch_language
    from dtdesktop.units import find
    from tests.gui.driving import settle
    from tests.gui.test_editor import on_next_dialog

    monkeypatch.setenv("DTDESKTOP_ACTOR", "admin-pc")  # the computer's account, never shown
    switch_language("en")
    aid = A.create(store, catalog, find("15865"), 2025, actor=window.actor)
    window.open_assessment(aid)
    window.editor.tree.select("CQS.02")
    note = window.editor.panel.ui.noteEdit
    for part in ("Ban ", "chi ", "dao ", "da hop"):  # typed in bursts, each saved on its own
        qtbot.keyClicks(note, part)
        settle(qtbot, window)
    assert len([e for e in A.audit_log(store, aid) if e.action == "note"]) > 1
    seen = {}

    def read(dialog) -> None:
        t = dialog.table
        seen["rows"] = [[t.item(r, c).text() for c in range(5)] for r in range(t.rowCount())]
        dialog.reject()

    on_next_dialog(qtbot, read)
    window.act_history.trigger()
    notes = [r for r in seen["rows"] if "note" in r[2]]
    assert len(notes) == 1
    assert notes[0][1:] == [
        "Nguyễn Thị Hà",
        "CQS.02 — Steering committee: note changed",
        "",
        "Ban chi dao da hop",
    ]
    assert all(r[1] == "Nguyễn Thị Hà" for r in seen["rows"])


def test_the_sign_dialog_warns_of_a_file_too_large_and_sends_smaller_images_when_asked(
    qtbot, window, store, filled, identity_file, officer, tmp_path
):
    import hashlib

    from dtdesktop.exchange.verify import verify_file
    from dtdesktop.gui.sending.sign_dialog import DONE, SignDialog
    from tests.conftest import PASSPHRASE
    from tests.gui.driving import type_text
    from tests.test_size import photo

    pictures = [photo(tmp_path / f"anh-{n}.jpg", (4000, 3000)) for n in (1, 2)]
    on_disk = [p.read_bytes() for p in pictures]
    assert sum(map(len, on_disk)) > 20 * 1024 * 1024
    for p in pictures:
        A.add_evidence_file(store, filled, "CQS.01", p)
    window.open_assessment(filled)
    dialog = SignDialog(window.session, window.profile, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sizes.over, dialog.sizes
    assert dialog.sizeBox.isVisible() and dialog.downscaleButton.isVisible()
    warning = dialog.sizeLabel.text()
    assert "anh-1.jpg" in warning and "anh-2.jpg" in warning and "20 MB" in warning
    before = A.get(store, filled)

    _press(qtbot, "Cancel")  # asked first; declining changes nothing
    dialog.downscaleButton.click()
    window.worker.wait()
    assert A.get(store, filled).evidence == before.evidence

    _press(qtbot, _("Use smaller copies"))  # in the window's language
    dialog.downscaleButton.click()
    qtbot.waitUntil(lambda: not dialog.sizeBox.isVisible(), timeout=30000)
    assert "2" in dialog.ui.errorLabel.text() and "MB" in dialog.ui.errorLabel.text()
    assert [p.read_bytes() for p in pictures] == on_disk  # the originals on disk are untouched
    after = A.get(store, filled)
    shas = {e.file_name: e.file_sha256 for e in after.evidence if e.file_name in ("anh-1.jpg", "anh-2.jpg")}
    assert set(shas.values()).isdisjoint({hashlib.sha256(d).hexdigest() for d in on_disk})

    out = tmp_path / "nop.pdf"
    dialog.ui.outputEdit.setText(str(out))
    type_text(dialog.ui.secretEdit, PASSPHRASE)
    dialog.ui.signButton.click()
    qtbot.waitUntil(lambda: dialog.ui.pages.currentIndex() == DONE, timeout=60000)
    assert out.stat().st_size < 20 * 1024 * 1024
    assert verify_file(out, [officer.certificate]).valid


def test_after_signing_undo_cannot_change_the_file_sent_unasked(qtbot, window, store, filled, tmp_path):
    from dtdesktop.exchange.export import ExportResult
    from tests.gui.driving import settle

    window.open_assessment(filled)
    code = window.editor.panel.ind.code
    qtbot.keyClicks(window.editor.panel.ui.noteEdit, "Da sua")
    settle(qtbot, window)
    assert window.session.undo_stack.canUndo()
    result = ExportResult(tmp_path / "nop.pdf", 1, 0, "", None)
    window._signed(result)  # what the sign dialog reports when the file is written
    settle(qtbot, window)
    assert not window.session.undo_stack.canUndo() and not window.undo_action.isEnabled()
    assert A.get(store, filled).answers[code].note.startswith("Da sua")
