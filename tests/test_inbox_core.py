"""The reviewer's inbox, read from the store: one line per assessment (its current revision), its status,
trust and flags, and the criteria changed since the last decision, counted without reading documents."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from dtdesktop.review import reviewing
from dtdesktop.review.diff import diff
from dtdesktop.review.importing import import_files
from dtdesktop.review.inbox import approve_selected, criteria_of, inbox_rows
from dtdesktop.review.trust import register
from dtdesktop.storage.models import SubmissionRow
from tests.inbox_files import make_received


@pytest.fixture(scope="session")
def received(tmp_path_factory, officer):
    return make_received(tmp_path_factory.mktemp("inbox-core"), officer)


def _by_unit(rows):
    return {r.unit_code: r for r in rows}


def test_one_line_per_assessment_with_trust_flags_and_changes(store, received):
    register(store, received.certificate, ["15865"])
    import_files(store, [received.hoang_hoa_1, received.hoang_hoa_2, received.ham_rong])
    rows = inbox_rows(store)
    assert sorted(r.unit_code for r in rows) == ["14758", "15865"]  # revision 1 is history, not a line
    hh, hr = _by_unit(rows)["15865"], _by_unit(rows)["14758"]
    assert (hh.revision, hh.status, hh.trust, hh.flags) == (2, "submitted", "trusted", frozenset())
    assert (hh.unit_name, hh.unit_full_name, hh.province_code) == ("Hoằng Hóa", "Xã Hoằng Hóa", "38")
    assert (hh.catalog_id, hh.period, hh.signer_name) == ("thanh-hoa-xa-2025", 2025, "Nguyễn Thị Hà")
    assert hh.catalog_version and hh.percent == hh.sent_percent and hh.percent is not None
    assert (hh.changes, hh.changes_from) == (len(diff(store, hh.submission_id).codes), 1) == (1, 1)
    assert hh.clean and hh.awaiting
    assert (hr.status, hr.trust, hr.verdict) == ("kept_aside", "unknown", "indeterminate")
    assert hr.flags == {"untrusted_signer"} and not hr.clean and hr.awaiting
    assert any(code == "signer_not_registered" for code, _m in hr.reasons)
    assert hr.changes is None  # nothing earlier to compare with
    assert inbox_rows(store, province="38", period=2025) == rows
    assert inbox_rows(store, province="01") == [] and inbox_rows(store, period=2024) == []


def test_changes_count_from_the_last_decision_and_without_the_fingerprints(store, received):
    register(store, received.certificate, ["15865"])
    import_files(store, [received.hoang_hoa_1, received.hoang_hoa_2])
    (two,) = inbox_rows(store)
    reviewing.review(store, two.submission_id, "return", [("CQS.04", "Chưa khớp báo cáo.")])
    import_files(store, [received.hoang_hoa_3])
    (three,) = inbox_rows(store)
    assert (three.revision, three.changes_from, three.changes) == (3, 2, 2)  # CQS.04 and CQS.05, from 2
    assert three.changes == len(diff(store, three.submission_id).codes)
    # a store filled before the fingerprints were kept: the documents are compared instead
    with store.transaction() as s:
        for sid, results in s.execute(select(SubmissionRow.id, SubmissionRow.results)).all():
            res = json.loads(results)
            res.pop("digest")
            s.execute(update(SubmissionRow).where(SubmissionRow.id == sid).values(results=json.dumps(res)))
    assert inbox_rows(store)[0].changes == 2


def test_a_score_that_differs_and_a_conflict_are_flagged(store, received):
    register(store, received.certificate, ["15865"])
    import_files(store, [received.hoang_hoa_1])
    with store.transaction() as s:
        s.execute(update(SubmissionRow).values(sent_percent=SubmissionRow.percent + 1))
    (row,) = inbox_rows(store)
    assert row.flags == {"score_mismatch"} and row.score_mismatch and not row.clean
    with store.transaction() as s:
        s.execute(update(SubmissionRow).values(conflict=True))
    (row,) = inbox_rows(store)
    assert row.status == "conflict" and "conflict" in row.flags


def test_bulk_approval_approves_only_the_clean_and_says_why_not(store, received):
    register(store, received.certificate, ["15865"])
    import_files(store, [received.hoang_hoa_1, received.ham_rong])
    rows = _by_unit(inbox_rows(store))
    done = approve_selected(store, [rows["15865"], rows["14758"]])
    assert done.approved == (rows["15865"].submission_id,)
    assert done.skipped == ((rows["14758"].submission_id, "flagged"),)
    assert _by_unit(inbox_rows(store))["15865"].status == "approved"
    again = approve_selected(store, [rows["15865"]])  # the stale line still says "submitted"
    assert again.approved == () and again.skipped_by() == {"changed": 1}
    fresh = _by_unit(inbox_rows(store))["15865"]
    assert approve_selected(store, [fresh]).skipped_by() == {"not_waiting": 1}


def test_the_criteria_to_return(store, received):
    register(store, received.certificate, ["15865"])
    import_files(store, [received.hoang_hoa_1])
    (row,) = inbox_rows(store)
    criteria = criteria_of(store, row.submission_id)
    assert criteria[0].code == "CQS.01" and criteria[0].title and len(criteria) > 20


def test_an_approval_decided_on_an_older_screen_never_overrides_a_colleagues_return(store, received):
    """Reviewer A saw the line as waiting; colleague B returned it since: A's approval is refused and the
    return stands. As seen now, it goes through."""
    from dtdesktop.review.errors import ReviewError

    register(store, received.certificate, ["15865"])
    import_files(store, [received.hoang_hoa_1])
    [row] = inbox_rows(store)
    reviewing.review(store, row.submission_id, "return", [("CQS.01", "Bổ sung biên bản")], actor="B")
    with pytest.raises(ReviewError, match="người khác"):
        reviewing.review(store, row.submission_id, "approve", actor="A", seen_status=row.status)
    assert [s.action for s in reviewing.steps(store, row.submission_id)] == ["return"]
    [now] = inbox_rows(store)
    reviewing.review(store, now.submission_id, "approve", actor="A", seen_status=now.status)
    assert [s.action for s in reviewing.steps(store, row.submission_id)] == ["return", "approve"]


def test_a_signer_whose_trust_was_removed_is_no_longer_shown_trusted_nor_bulk_approved(store, received):
    from dtdesktop.review.trust import remove
    from dtdesktop.signing.trust import fingerprint

    register(store, received.certificate, ["15865"])
    import_files(store, [received.hoang_hoa_1])
    [before] = inbox_rows(store)
    assert before.trust == "trusted" and before.clean
    remove(store, fingerprint(received.certificate))
    [after] = inbox_rows(store)
    assert after.trust == "unknown" and "untrusted_signer" in after.flags and not after.clean
    assert any(code == "trust_removed" for code, _m in after.reasons)
    assert approve_selected(store, [after]).skipped_by() == {"flagged": 1}
    register(store, received.certificate, ["15865"])  # trusted again: the line is trusted again
    assert inbox_rows(store)[0].trust == "trusted"
