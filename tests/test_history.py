"""The history of changes as an officer reads it: one row per change of a field, indicators by code and
title in the reader's language, values as typed."""

from __future__ import annotations

import datetime as dt

from dtdesktop.i18n import set_language
from dtdesktop.storage import assessments as A
from dtdesktop.storage.history import history, runs
from dtdesktop.storage.records import AuditEntry
from dtdesktop.units import find


def test_a_run_of_saves_of_one_field_is_one_row(store, catalog):
    set_language("en")
    aid = A.create(store, catalog, find("00004"), 2025, actor="Nguyễn Thị Hà")
    for note in ("B", "Ba", "Ban", "Ban đã"):  # saves while typing, as the window writes them
        A.set_answers(store, aid, {}, actor="Nguyễn Thị Hà", notes={"CQS.02": note})
    for count in ("1", "12"):
        A.set_answer(store, aid, "XHS.01", count, actor="Nguyễn Thị Hà")
    A.set_answer(store, aid, "CQS.01", "45/60", actor="Trần Văn Nam")
    A.set_answers(store, aid, {}, actor="Nguyễn Thị Hà", notes={"CQS.02": "Ban đã họp"})
    A.set_answer(store, aid, "XHS.03", "có", actor="Nguyễn Thị Hà")
    A.set_answer(store, aid, "XHS.03", None, actor="Nguyễn Thị Hà")  # typed and taken back: no change
    rows = history(A.audit_log(store, aid), catalog, "en")
    assert [(r.actor, r.what, r.before, r.after) for r in rows] == [
        ("Nguyễn Thị Hà", "Assessment created", "", ""),
        ("Nguyễn Thị Hà", "CQS.02 — Steering committee: note changed", "", "Ban đã"),
        ("Nguyễn Thị Hà", "XHS.01 — Steering committee meetings a year: answer changed", "", "12"),
        ("Trần Văn Nam", "CQS.01 — Work files handled online: answer changed", "", "45/60 (75.00%)"),
        ("Nguyễn Thị Hà", "CQS.02 — Steering committee: note changed", "Ban đã", "Ban đã họp"),
    ]
    assert not any(r.what.startswith("note ") or " CQS" in r.what for r in rows)


def test_the_reader_sees_titles_in_their_language(store, catalog):
    aid = A.create(store, catalog, find("00004"), 2025)
    A.set_answer(store, aid, "CQS.02", "deputy")
    set_language("vi")
    row = history(A.audit_log(store, aid), catalog, "vi")[-1]
    assert row.what.startswith("CQS.02 — Ban chỉ đạo chuyển đổi số: ")
    assert row.after == "Phó Chủ tịch"


def test_saves_far_apart_or_by_two_people_stay_apart():
    at = dt.datetime(2026, 3, 5, 9, 0)
    e = [
        AuditEntry(at, "Hà", 1, "note", "CQS.02", None, "a"),
        AuditEntry(at + dt.timedelta(seconds=30), "Hà", 1, "note", "CQS.02", "a", "ab"),
        AuditEntry(at + dt.timedelta(minutes=30), "Hà", 1, "note", "CQS.02", "ab", "abc"),
        AuditEntry(at + dt.timedelta(minutes=30, seconds=5), "Nam", 1, "note", "CQS.02", "abc", "abcd"),
    ]
    assert [(r.actor, r.old_value, r.new_value) for r in runs(e)] == [
        ("Hà", None, "ab"),
        ("Hà", "ab", "abc"),
        ("Nam", "abc", "abcd"),
    ]
