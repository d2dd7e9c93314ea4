"""The whole loop, as two offices run it, each with its own store: the commune exports, the reviewer imports,
returns two criteria with comments, the commune imports the decision and sees exactly those two reopened,
fixes them, exports again, the reviewer sees only the changes and approves, the commune is locked."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import PASSPHRASE, tool

from dtdesktop.cli.main import main

RETURNED = {
    "CQS.01": "Thiếu quyết định thành lập Ban Chỉ đạo; đề nghị bổ sung.",
    "KTS.02": "Số doanh nghiệp chưa khớp với báo cáo quý IV.",
}


@pytest.fixture
def office(capsys, monkeypatch, tmp_path):
    """A command line bound to one office's store: office("commune", "assess", "show", "1")."""
    monkeypatch.setenv("DTDESKTOP_PASSPHRASE", PASSPHRASE)

    def run(who: str, *args: str, ok: bool = True) -> tuple[int, str, str]:
        code = main(["--lang", "en", "--db", str(tmp_path / f"{who}.db"), *args])
        out, err = capsys.readouterr()
        if ok:
            assert code == 0, err
        return code, out, err

    return run


def _json(result: tuple[int, str, str]):
    return json.loads(result[1])


def test_the_whole_review_loop(office, tmp_path):
    d = tmp_path
    commune_id = _json(office("commune", "demo", "--json"))["id"]
    office("commune", "identity", "new", "--name", "Nguyễn Thị Hà", "--title", "Chủ tịch UBND xã",
           "--unit", "15865", "--out", str(d / "ha.p12"))  # fmt: skip
    office("reviewer", "identity", "new", "--name", "Lê Văn Bình", "--title", "Phó Giám đốc",
           "--unit", "38", "--out", str(d / "binh.p12"))  # fmt: skip
    office("reviewer", "identity", "cert", str(d / "binh.p12"), "--out", str(d / "binh.pem"))
    office("commune", "trust", "add", str(d / "binh.pem"), "--unit", "38")  # the commune trusts its reviewer

    # 1. The commune sends; the reviewer imports and returns two criteria.
    office(
        "commune", "export", str(commune_id), "--identity", str(d / "ha.p12"), "--out", str(d / "nop-1.pdf")
    )
    office("reviewer", "trust", "add", str(d / "nop-1.pdf"), "--unit", "15865")
    first = _json(office("reviewer", "import", str(d / "nop-1.pdf"), "--json"))["imported"][0]
    assert first["verdict"] == "valid"
    comments = [x for code, text in RETURNED.items() for x in ("--comment", code, text)]
    office("reviewer", "review", str(first["id"]), "--return", *comments, "--overall", "Bổ sung minh chứng.")
    code, _out, err = office("reviewer", "review", str(first["id"]), "--approve", ok=False)
    assert code == 0  # a returned submission may still be approved by the reviewer...
    office("reviewer", "review", str(first["id"]), "--unapprove", "--reason", "Nhầm lẫn, trả lại như trước.")
    office("reviewer", "review", str(first["id"]), "--return", *comments, "--overall", "Bổ sung minh chứng.")
    office("reviewer", "decision", "export", str(first["id"]), "--identity", str(d / "binh.p12"),
           "--out", str(d / "tra-lai.pdf"), "--number", "12/TB-SKHCN")  # fmt: skip
    out = subprocess.run([tool("pdfsig"), str(d / "tra-lai.pdf")], capture_output=True, text=True).stdout
    assert "Signature is Valid" in out and "Total document signed" in out

    # 2. The commune imports the decision: exactly the two criteria are reopened, with their comments.
    applied = _json(office("commune", "decision", "import", str(d / "tra-lai.pdf"), "--json"))
    assert applied["decision"] == "returned" and {r["code"] for r in applied["returned"]} == set(RETURNED)
    shown = _json(office("commune", "assess", "show", str(commune_id), "--json"))
    assert shown["status"] == "returned"
    assert shown["returned"] == sorted(RETURNED)
    assert {c: a["review_comment"] for c, a in shown["answers"].items() if a["returned"]} == RETURNED
    code, _out, err = office("commune", "assess", "set", str(commune_id), "CQS.03", "no", ok=False)
    assert code == 1 and "CQS.01, KTS.02" in err  # a criterion not returned stays as it was sent
    office("commune", "assess", "set", str(commune_id), "KTS.02", "40/80", "--note", "Theo báo cáo quý IV.")
    office("commune", "assess", "set", str(commune_id), "CQS.01", "-", "--note", "Quyết định số 15/QĐ-UBND.")
    office(
        "commune", "export", str(commune_id), "--identity", str(d / "ha.p12"), "--out", str(d / "nop-2.pdf")
    )

    # 3. The reviewer imports revision 2 and reads only what changed since the return.
    second = _json(office("reviewer", "import", str(d / "nop-2.pdf"), "--json"))["imported"][0]
    assert second["revision"] == 2
    changed = _json(office("reviewer", "diff", str(second["id"]), "--json"))
    assert changed["from"]["revision"] == 1 and changed["changed"] == sorted(RETURNED)
    assert {(c["code"], c["what"]) for c in changed["changes"]} == {
        ("CQS.01", "note"),
        ("KTS.02", "answer"),
        ("KTS.02", "note"),
    }
    code, _out, err = office("reviewer", "review", str(first["id"]), "--approve", ok=False)
    assert code == 1 and "later revision" in err  # only the current revision is decided
    office("reviewer", "review", str(second["id"]), "--approve")
    code, _out, err = office("reviewer", "review", str(second["id"]), "--return", *comments, ok=False)
    assert code == 1 and "locked" in err
    office("reviewer", "decision", "export", str(second["id"]), "--identity", str(d / "binh.p12"),
           "--out", str(d / "phe-duyet.pdf"))  # fmt: skip

    # 4. The commune imports the approval: locked; the stale decision on revision 1 changes nothing.
    office("commune", "decision", "import", str(d / "phe-duyet.pdf"))
    shown = _json(office("commune", "assess", "show", str(commune_id), "--json"))
    assert shown["status"] == "approved" and shown["returned"] == []
    code, _out, err = office("commune", "assess", "set", str(commune_id), "KTS.02", "41/80", ok=False)
    assert code == 1 and "approved" in err
    code, _out, err = office("commune", "export", str(commune_id), "--identity", str(d / "ha.p12"),
                             "--out", str(d / "nop-3.pdf"), ok=False)  # fmt: skip
    assert code == 1 and not (d / "nop-3.pdf").exists()
    code, _out, err = office("commune", "assess", "delete", str(commune_id), "--yes", ok=False)
    assert code == 1 and "approved" in err  # kept as it was approved, never deleted and sent anew

    # 5. The area as a whole: the consolidated report lists the commune as approved, and its pages render.
    office("reviewer", "summary", "--out", str(d / "tong-hop.pdf"))
    text = subprocess.run([tool("pdftotext"), str(d / "tong-hop.pdf"), "-"], capture_output=True, text=True)
    assert "Hoằng Hóa" in text.stdout and "approved" in text.stdout and "ANNEX" in text.stdout
    pages = [tool("pdftoppm"), "-r", "40", "-png", str(d / "tong-hop.pdf"), str(d / "trang")]
    subprocess.run(pages, check=True)
    assert len(list(d.glob("trang-*.png"))) >= 2


def _decided(office, d: Path, commune_id: int) -> tuple[Path, int]:
    """A returned decision on the commune's first submission, written by the reviewer."""
    office("commune", "identity", "new", "--name", "Nguyễn Thị Hà", "--title", "Chủ tịch UBND xã",
           "--unit", "15865", "--out", str(d / "ha.p12"))  # fmt: skip
    office("reviewer", "identity", "new", "--name", "Lê Văn Bình", "--title", "Phó Giám đốc",
           "--unit", "38", "--out", str(d / "binh.p12"))  # fmt: skip
    office("reviewer", "identity", "cert", str(d / "binh.p12"), "--out", str(d / "binh.pem"))
    office(
        "commune", "export", str(commune_id), "--identity", str(d / "ha.p12"), "--out", str(d / "nop-1.pdf")
    )
    office("reviewer", "trust", "add", str(d / "nop-1.pdf"), "--unit", "15865")
    sid = _json(office("reviewer", "import", str(d / "nop-1.pdf"), "--json"))["imported"][0]["id"]
    office("reviewer", "review", str(sid), "--return", "--comment", "CQS.01", "Bổ sung quyết định.")
    office("reviewer", "decision", "export", str(sid), "--identity", str(d / "binh.p12"),
           "--out", str(d / "qd.pdf"))  # fmt: skip
    return d / "qd.pdf", sid


def _unchanged(office, commune_id: int) -> dict:
    shown = _json(office("commune", "assess", "show", str(commune_id), "--json"))
    return {"status": shown["status"], "returned": shown["returned"]}


def test_a_decision_that_cannot_be_applied_changes_nothing(office, tmp_path):
    commune_id = _json(office("commune", "demo", "--json"))["id"]
    decision, _sid = _decided(office, tmp_path, commune_id)
    before = _unchanged(office, commune_id)

    code, _out, err = office("commune", "decision", "import", str(decision), ok=False)
    assert code == 1 and "not trusted" in err  # an unknown signer

    office("commune", "trust", "add", str(tmp_path / "binh.pem"), "--unit", "38")
    data = bytearray(decision.read_bytes())
    at = data.find(b"CQS.01")
    altered = tmp_path / "altered.pdf"
    if at != -1:
        data[at : at + 6] = b"CQS.02"
    else:  # the decision is compressed: flip one byte of the signed content instead
        data[len(data) // 3] ^= 0x01
    altered.write_bytes(bytes(data))
    code, _out, err = office("commune", "decision", "import", str(altered), ok=False)
    assert code == 1  # altered after signing

    code, _out, err = office("commune", "decision", "import", str(tmp_path / "nop-1.pdf"), ok=False)
    assert code == 1 and "submission" in err  # a submission is not a decision
    assert _unchanged(office, commune_id) == before

    office("commune", "export", str(commune_id), "--identity", str(tmp_path / "ha.p12"),
           "--out", str(tmp_path / "nop-2.pdf"))  # fmt: skip
    code, _out, err = office("commune", "decision", "import", str(decision), ok=False)
    assert code == 1 and "submission 2 was sent since" in err  # a decision on an older revision
    assert _unchanged(office, commune_id) == {**before, "status": "signed"}


def test_a_decision_for_another_commune_is_refused(office, tmp_path):
    commune_id = _json(office("commune", "demo", "--json"))["id"]
    decision, _sid = _decided(office, tmp_path, commune_id)
    other = tmp_path / "other"
    other.mkdir()
    code = main(["--lang", "en", "--db", str(other / "x.db"), "demo", "--unit", "00004"])
    assert code == 0
    code = main(
        [
            "--lang",
            "en",
            "--db",
            str(other / "x.db"),
            "trust",
            "add",
            str(tmp_path / "binh.pem"),
            "--unit",
            "38",
        ]
    )
    assert code == 0
    code = main(["--lang", "en", "--db", str(other / "x.db"), "decision", "import", str(decision)])
    assert code == 1


def _forged(tmp_path: Path, change, key_path: Path, name: str) -> Path:
    """The decision in qd.pdf, changed by *change* and signed again with the key at *key_path*."""
    import dataclasses

    from dtdesktop.decisions.document import Decision
    from dtdesktop.decisions.export import DecisionOptions, signed_decision
    from dtdesktop.exchange.bounded import read_attachments_bounded
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.units import find

    doc = json.loads(read_attachments_bounded((tmp_path / "qd.pdf").read_bytes())["decision.json"])
    decision = change(Decision.from_json(doc), dataclasses.replace)
    with pkcs12_file.Pkcs12Key(key_path, PASSPHRASE).open() as opened:
        data = signed_decision(decision, find("15865"), opened, DecisionOptions())
    out = tmp_path / f"{name}.pdf"
    out.write_bytes(data)
    return out


def test_only_the_provinces_reviewer_decides(office, tmp_path):
    """A trusted person registered for another commune (and naming it) is never the reviewer; once
    registered for the province, it is."""
    commune_id = _json(office("commune", "demo", "--json"))["id"]
    _decided(office, tmp_path, commune_id)
    office("other", "identity", "new", "--name", "Trần Văn Khác", "--title", "Công chức",
           "--unit", "00004", "--out", str(tmp_path / "khac.p12"))  # fmt: skip
    office("other", "identity", "cert", str(tmp_path / "khac.p12"), "--out", str(tmp_path / "khac.pem"))
    # a trusted person, registered for the commune it names
    office("commune", "trust", "add", str(tmp_path / "khac.pem"), "--unit", "00004")
    approval = _forged(
        tmp_path,
        lambda d, replace: replace(d, decision="approved", returned=()),
        tmp_path / "khac.p12",
        "khac",
    )
    code, _out, err = office("commune", "decision", "import", str(approval), ok=False)
    assert code == 1 and "not registered here as the reviewer" in err
    assert _unchanged(office, commune_id)["status"] == "signed"
    office(
        "commune", "trust", "add", str(tmp_path / "khac.pem"), "--unit", "38"
    )  # now the province's reviewer
    office("commune", "decision", "import", str(approval))
    assert _unchanged(office, commune_id)["status"] == "approved"


def test_a_self_made_certificate_naming_the_province_decides_only_once_registered_for_it(office, tmp_path):
    """A certificate made on a computer names whatever unit its holder typed: "38" in it is only the
    holder's word. Registered here for a commune, it is no reviewer of the province."""
    commune_id = _json(office("commune", "demo", "--json"))["id"]
    _decided(office, tmp_path, commune_id)
    office("other", "identity", "new", "--name", "Trần Văn Khác", "--title", "Chuyên viên",
           "--unit", "38", "--out", str(tmp_path / "khac.p12"))  # fmt: skip
    office("other", "identity", "cert", str(tmp_path / "khac.p12"), "--out", str(tmp_path / "khac.pem"))
    office("commune", "trust", "add", str(tmp_path / "khac.pem"), "--unit", "00004")
    approval = _forged(
        tmp_path,
        lambda d, replace: replace(d, decision="approved", returned=()),
        tmp_path / "khac.p12",
        "khac",
    )
    code, _out, err = office("commune", "decision", "import", str(approval), ok=False)
    assert code == 1 and "not registered here as the reviewer" in err
    assert _unchanged(office, commune_id)["status"] == "signed"


@pytest.mark.parametrize(
    "change",
    [
        lambda d, replace: replace(d, returned=()),  # a return of nothing would reopen everything
        lambda d, replace: replace(d, returned=d.returned * 2),  # one criterion twice
        lambda d, replace: replace(d, decision="approved"),  # an approval that returns criteria
        lambda d, replace: replace(d, returned=(replace(d.returned[0], comment="   "),)),
        lambda d, replace: replace(d, decided_at=d.decided_at.replace(year=9999)),  # from the future
    ],
    ids=["empty", "twice", "approved-with-criteria", "blank-comment", "future"],
)
def test_a_decision_that_contradicts_itself_is_refused(office, tmp_path, change):
    commune_id = _json(office("commune", "demo", "--json"))["id"]
    _decided(office, tmp_path, commune_id)
    office("commune", "trust", "add", str(tmp_path / "binh.pem"), "--unit", "38")
    forged = _forged(tmp_path, change, tmp_path / "binh.p12", "forged")
    code, _out, err = office("commune", "decision", "import", str(forged), ok=False)
    assert code == 1 and "contradicts itself" in err
    assert _unchanged(office, commune_id)["status"] == "signed"


def test_decisions_in_the_same_second_keep_their_order(office, tmp_path):
    """A return and an approval taken within a second are told apart: the earlier never undoes the later."""
    commune_id = _json(office("commune", "demo", "--json"))["id"]
    returned, sid = _decided(office, tmp_path, commune_id)
    office("commune", "trust", "add", str(tmp_path / "binh.pem"), "--unit", "38")
    office("reviewer", "review", str(sid), "--approve")
    office("reviewer", "decision", "export", str(sid), "--identity", str(tmp_path / "binh.p12"),
           "--out", str(tmp_path / "ok.pdf"))  # fmt: skip
    office("commune", "decision", "import", str(tmp_path / "ok.pdf"))
    code, _out, err = office("commune", "decision", "import", str(returned), ok=False)
    assert code == 1 and "later decision" in err
    assert _unchanged(office, commune_id)["status"] == "approved"


def test_the_longest_comment_and_hidden_characters(office, tmp_path):
    commune_id = _json(office("commune", "demo", "--json"))["id"]
    _path, sid = _decided(office, tmp_path, commune_id)
    long = ("Đề nghị bổ sung quyết định thành lập Ban Chỉ đạo và kế hoạch năm. " * 70)[:4000]
    office("reviewer", "review", str(sid), "--return", "--comment", "CQS.01", long)
    office("reviewer", "decision", "export", str(sid), "--identity", str(tmp_path / "binh.p12"),
           "--out", str(tmp_path / "dai.pdf"))  # fmt: skip
    out = subprocess.run([tool("pdfsig"), str(tmp_path / "dai.pdf")], capture_output=True, text=True).stdout
    assert "Signature is Valid" in out  # the comment runs onto the next page, whole
    for hidden in ("Bổ sung\x1b[31m", "Bổ sung \u202egnus"):
        code, _out, err = office(
            "reviewer", "review", str(sid), "--return", "--comment", "CQS.01", hidden, ok=False
        )
        assert code == 1 and "control or direction" in err
