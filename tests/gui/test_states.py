"""The officer's window in every state of an assessment: carried over, signed and sent, returned; the
check before signing counts as the command line does."""

from __future__ import annotations

import datetime as dt
import json

from dtdesktop.cli.main import main
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
