"""One count of how far an assessment is: carried-over answers marked to check only when they were answers,
and `assess show --json` counting as the sign check does, in every answer state."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dtdesktop.catalogs import load_text
from dtdesktop.cli.main import main
from dtdesktop.scoring import score
from dtdesktop.scoring.progress import progress
from dtdesktop.storage import Store
from dtdesktop.storage import assessments as A
from dtdesktop.units import find
from tests.conftest import SMALL_CATALOG

# A value for each indicator of the small catalog: one that meets its 2030 target (the horizon of a 2026
# assessment) and one that does not.
VALUES = {
    "CQS.01": ("45/60", "30/60"),
    "CQS.02": ("head", "none"),
    "XHS.01": ("4", "0"),
    "XHS.02": ("95/100", "10/100"),
    "XHS.03": ("có", "không"),
    "XHS.04": ("1/100", "50/100"),
    "XHS.05": ("Thiếu máy tính", "Thiếu người"),
}
STATES = ("nothing", "note", "evidence", "met", "not_met", "met+note")


def _fill(store: Store, aid: int, states: dict[str, str]) -> None:
    for code, state in states.items():
        if state == "note":
            A.set_answers(store, aid, {}, notes={code: "Chỉ có ghi chú"})
        elif state == "evidence":
            A.add_citation(store, aid, code, "12/QĐ-UBND", dt.date(2025, 3, 5), "Quyết định")
        elif state in ("met", "met+note"):
            A.set_answer(store, aid, code, VALUES[code][0], "Có ghi chú" if state == "met+note" else ...)
        elif state == "not_met":
            A.set_answer(store, aid, code, VALUES[code][1])


def _shown(db: Path, aid: int, capsys) -> dict:
    assert main(["--db", str(db), "assess", "show", str(aid), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _counts_of(shown: dict) -> dict:
    """The counts as a reader of the JSON works them out from the score and the answers."""
    indicators = shown["score"]["indicators"]
    missing = len(shown["score"]["missing"])
    return {
        "total": len(indicators),
        "answered": len(indicators) - missing,
        "missing": missing,
        "not_met": sum(1 for i in indicators if i["status"] == "not_met"),
        "to_check": len(shown["to_check"]),
        "returned": len(shown["returned"]),
    }


def test_duplicate_marks_to_check_only_what_was_answered(store, catalog, capsys, db_path):
    aid = A.create(store, catalog, find("00004"), 2025)
    _fill(
        store,
        aid,
        {"CQS.01": "met+note", "CQS.02": "note", "XHS.01": "evidence", "XHS.03": "not_met"},
    )
    new = A.duplicate(store, aid, 2026)
    a = A.get(store, new)
    assert a.to_check == {"CQS.01", "XHS.03"}  # not the note alone (CQS.02), not the evidence alone
    assert a.answers["CQS.02"].note == "Chỉ có ghi chú" and a.answers["CQS.02"].to_check is False
    assert [e.indicator_code for e in a.evidence] == ["XHS.01"]
    shown = _shown(db_path, new, capsys)
    assert shown["to_check"] == ["CQS.01", "XHS.03"]
    assert shown["answers"]["CQS.02"]["to_check"] is False
    assert shown["progress"] == _counts_of(shown)
    assert shown["progress"] == {
        "total": 7,
        "answered": 2,
        "missing": 5,
        "not_met": 1,
        "to_check": 2,
        "returned": 0,
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(states=st.fixed_dictionaries({code: st.sampled_from(STATES) for code in VALUES}))
def test_counts_agree_in_every_answer_state(states, capsys):
    catalog = load_text(SMALL_CATALOG, "thu-nghiem.yaml")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "store.sqlite3"
        store = Store(f"sqlite:///{db}")
        try:
            aid = A.create(store, catalog, find("00004"), 2025)
            _fill(store, aid, states)
            new = A.duplicate(store, aid, 2026)
            a = A.get(store, new)
            answered = {c for c, s in states.items() if s in ("met", "not_met", "met+note")}
            assert a.to_check == answered
            p = progress(score(a.catalog, a.values, a.horizon), a.to_check, a.returned)
            assert p.answered == len(answered) and p.to_check == len(answered)
            assert p.not_met == sum(
                1 for c, s in states.items() if s == "not_met" and catalog.indicator(c).scored
            )
            shown = _shown(db, new, capsys)
            assert (
                shown["progress"]
                == _counts_of(shown)
                == {
                    "total": p.total,
                    "answered": p.answered,
                    "missing": p.missing,
                    "not_met": p.not_met,
                    "to_check": p.to_check,
                    "returned": p.returned,
                }
            )
        finally:
            store.close()
