"""The submission number ("lần gửi thứ N") is decided once: the draft report, the next file's default name
and the signed file agree, whether never sent, sent once, sent and edited, or returned by the reviewer."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import PASSPHRASE, tool

from dtdesktop.exchange.export import ExportOptions, default_file_name, export_submission, write_report
from dtdesktop.exchange.verify import verify_file
from dtdesktop.signing import pkcs12_file
from dtdesktop.storage import assessments as A
from dtdesktop.storage.models import AnswerRow, AssessmentRow


def _numbers(store, aid: int, tmp_path: Path, name: str) -> tuple[int, int]:
    """(the number in the draft report, the number in the next file's default name)."""
    draft = write_report(store, aid, tmp_path / f"{name}.pdf", ExportOptions(lang="vi"))
    text = subprocess.run(
        [tool("pdftotext"), str(draft), "-"], capture_output=True, text=True, check=True
    ).stdout
    in_report = re.search(r"lần gửi thứ\s+(\d+)", " ".join(text.split()))
    in_name = re.search(r"-lan-(\d+)\.pdf$", default_file_name(A.get(store, aid)))
    assert in_report and in_name, text
    return int(in_report.group(1)), int(in_name.group(1))


def _sign(store, aid: int, identity_file: Path, out: Path) -> int:
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    return export_submission(store, aid, key, out).revision


def _returned(store, aid: int) -> None:
    """What applying the reviewer's "returned" decision leaves in the store: the status and a comment."""
    with store.transaction() as s:
        row = s.get(AssessmentRow, aid)
        row.status = "returned"
        answer = s.query(AnswerRow).filter_by(assessment_id=aid).first()
        answer.review_comment = "Bổ sung minh chứng"


def test_draft_report_file_name_and_signed_file_agree_in_every_state(
    store, filled, identity_file, officer, tmp_path
):
    assert _numbers(store, filled, tmp_path, "never-sent") == (1, 1)
    assert _sign(store, filled, identity_file, tmp_path / "first.pdf") == 1
    assert verify_file(tmp_path / "first.pdf", [officer.certificate]).header.revision == 1

    assert _numbers(store, filled, tmp_path, "sent-once") == (2, 2)
    a = A.get(store, filled)
    code = next(iter(a.values))
    A.set_answers(store, filled, {}, notes={code: "Sửa sau khi gửi"})
    assert A.get(store, filled).status == "draft"
    assert _numbers(store, filled, tmp_path, "sent-and-edited") == (2, 2)

    _returned(store, filled)
    assert _numbers(store, filled, tmp_path, "returned") == (2, 2)
    assert _sign(store, filled, identity_file, tmp_path / "second.pdf") == 2
    assert verify_file(tmp_path / "second.pdf", [officer.certificate]).header.revision == 2


def test_an_approved_assessment_keeps_the_number_that_was_approved(store, filled, identity_file, tmp_path):
    _sign(store, filled, identity_file, tmp_path / "first.pdf")
    with store.transaction() as s:
        s.get(AssessmentRow, filled).status = "approved"
    assert _numbers(store, filled, tmp_path, "approved") == (1, 1)
