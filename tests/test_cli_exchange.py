"""The command-line contract of identity, export, report and verify (spec/cli.md)."""

from __future__ import annotations

import json

import pytest
from conftest import PASSPHRASE

from dtdesktop.cli.main import main

VERIFY_FIELDS = {
    "file",
    "valid",
    "intact",
    "trusted",
    "signer",
    "unit",
    "period",
    "revision",
    "catalog",
    "score_matches",
    "problems",
}


@pytest.fixture
def run(capsys, db_path, monkeypatch):
    monkeypatch.setenv("DTDESKTOP_PASSPHRASE", PASSPHRASE)

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_identity_export_verify_round_trip(run, filled, tmp_path):
    p12 = tmp_path / "ha.p12"
    code, out, err = run(
        "identity",
        "new",
        "--name",
        "Nguyễn Thị Hà",
        "--title",
        "Chủ tịch UBND xã",
        "--unit",
        "15865",
        "--out",
        str(p12),
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["unit"] == "15865"
    pem = tmp_path / "ha.pem"
    assert run("identity", "cert", str(p12), "--out", str(pem))[0] == 0
    pdf = tmp_path / "nop.pdf"
    code, out, err = run("export", str(filled), "--identity", str(p12), "--out", str(pdf), "--json")
    assert code == 0, err
    assert json.loads(out)["revision"] == 1
    code, out, err = run("verify", str(pdf), "--trust", str(pem), "--json")
    assert code == 0, err
    (result,) = json.loads(out)
    assert set(result) >= VERIFY_FIELDS
    assert result["valid"] and result["trusted"] and result["score_matches"] and result["problems"] == []
    assert (result["unit"], result["period"], result["revision"]) == ("15865", 2025, 1)
    assert result["catalog"] == "thanh-hoa-xa-2025" and result["signer"] == "Nguyễn Thị Hà"
    # with no --trust and an empty trust list, it cannot be decided; one step registers the signer
    code, out, _err = run("--lang", "en", "verify", str(pdf))
    assert code == 1 and f"{pdf}: CANNOT BE DECIDED" in out
    code, out, _err = run("--lang", "en", "trust", "add", str(pdf))
    assert code == 0 and "15865" in out
    code, out, _err = run("--lang", "vi", "verify", str(pdf))
    assert code == 0 and f"{pdf}: HỢP LỆ" in out


def test_verify_exits_1_when_any_file_is_not_valid(run, filled, identity_file, tmp_path):
    good = tmp_path / "good.pdf"
    assert run("export", str(filled), "--identity", str(identity_file), "--out", str(good))[0] == 0
    assert run("trust", "add", str(good))[0] == 0
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(good.read_bytes().replace(b"/Type /Page", b"/Type /Page ", 1))
    code, out, _err = run("verify", str(good), str(bad), "--json")
    assert code == 1
    results = json.loads(out)
    assert [r["valid"] for r in results] == [True, False]
    assert results[1]["problems"]


def test_wrong_passphrase_is_one_sentence(run, filled, identity_file, tmp_path, monkeypatch):
    monkeypatch.setenv("DTDESKTOP_PASSPHRASE", "không đúng 1")
    code, out, err = run(
        "--lang",
        "en",
        "export",
        str(filled),
        "--identity",
        str(identity_file),
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "passphrase" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_export_needs_exactly_one_key(run, filled, identity_file, tmp_path):
    assert run("export", str(filled), "--out", str(tmp_path / "x.pdf"))[0] == 2
    code, _out, _err = run(
        "export",
        str(filled),
        "--identity",
        str(identity_file),
        "--token",
        "/x.so",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 2


def test_report_preview_does_not_bump_the_revision(run, filled, tmp_path):
    out_file = tmp_path / "xem-truoc.pdf"
    code, _out, err = run(
        "report", str(filled), "--out", str(out_file), "--number", "15/BC-UBND", "--date", "05/03/2026"
    )
    assert code == 0, err
    assert out_file.stat().st_size > 10_000
    shown = json.loads(run("assess", "show", str(filled), "--json")[1])
    assert shown["revision"] == 0
    code, _out, err = run("report", str(filled), "--out", str(tmp_path / "x.pdf"), "--date", "31/02/2026")
    assert code == 2 and "31/02/2026" in err


def test_the_kind_of_certificate_is_named_in_verify_and_in_the_report(run, filled, identity_file, tmp_path):
    """A certificate made on the officer's computer is said to be one, plainly (not a legally recognised
    signature); a CA's is named by its issuer: in `verify` (text and JSON) and in the signed report."""
    import pki
    from conftest import tool
    from test_reports import pdftotext

    ca = pki.make_ca("CA thử nghiệm")
    issued = tmp_path / "ca.p12"
    issued.write_bytes(pki.p12(pki.issue(ca, "Trần Văn Bình"), ca, PASSPHRASE))
    tool("pdftotext")
    for key, kind, words in (
        (identity_file, "self_made", "not a legally recognised digital signature"),
        (issued, "ca_issued", "The certificate was issued by CA thử nghiệm."),
    ):
        pdf = tmp_path / f"{kind}.pdf"
        assert run("--lang", "en", "export", str(filled), "--identity", str(key), "--out", str(pdf))[0] == 0
        (result,) = json.loads(run("verify", str(pdf), "--json")[1])
        assert result["certificate_kind"] == kind and result["signer_certificate"]["kind"] == kind
        _code, out, _err = run("--lang", "en", "verify", str(pdf))
        assert words in out
        report = " ".join(pdftotext(pdf.read_bytes(), tmp_path).split())
        assert words in report


def test_the_signers_authority_is_given_on_the_command_line(run, filled, tmp_path):
    import subprocess

    from conftest import tool

    def block(*options: str) -> list[str]:
        out_file = tmp_path / "sign.pdf"
        code, _out, err = run("report", str(filled), "--out", str(out_file), *options)
        assert code == 0, err
        text = subprocess.run(
            [tool("pdftotext"), "-enc", "UTF-8", str(out_file), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        return [ln.strip() for ln in text.splitlines() if ln.strip()]

    clerk = ("--position", "Công chức Văn phòng - Thống kê")
    lines = block(*clerk)  # a civil servant signs by the chair's order unless told otherwise
    i = lines.index("TL. CHỦ TỊCH")
    assert lines[i + 1] == "CÔNG CHỨC VĂN PHÒNG - THỐNG KÊ"
    lines = block(*clerk, "--signs-as", "by-authority")
    assert lines[lines.index("TUQ. CHỦ TỊCH") + 1] == "CÔNG CHỨC VĂN PHÒNG - THỐNG KÊ"
    lines = block("--position", "Phó Chủ tịch UBND xã")
    i = lines.index("KT. CHỦ TỊCH")
    assert lines[i - 1] == "TM. ỦY BAN NHÂN DÂN" and lines[i + 1] == "PHÓ CHỦ TỊCH"
    code, _out, err = run("report", str(filled), "--out", str(tmp_path / "x.pdf"), "--signs-as", "king")
    assert code == 2 and "king" in err


def test_a_draft_without_a_position_leaves_the_chairs_block_to_sign(run, filled, tmp_path):
    import subprocess

    from conftest import tool

    out_file = tmp_path / "draft.pdf"
    assert run("report", str(filled), "--out", str(out_file))[0] == 0
    text = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(out_file), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert lines[lines.index("TM. ỦY BAN NHÂN DÂN") + 1] == "CHỦ TỊCH"


def test_the_block_above_the_signature_never_contradicts_the_signers_position(run, filled, tmp_path):
    """A chair's certificate under "KT. CHỦ TỊCH", or a civil servant's under "TM. … / CHỦ TỊCH", is refused
    with a sentence; a draft takes the officer's own position and authority from the profile."""
    import subprocess

    from conftest import tool

    from dtdesktop import profile as profiles

    chair = tmp_path / "chair.p12"
    assert (
        run(
            "identity",
            "new",
            "--name",
            "Lê Văn An",
            "--title",
            "Chủ tịch UBND xã",
            "--unit",
            "15865",
            "--out",
            str(chair),
        )[0]
        == 0
    )
    code, _out, err = run(
        "export",
        str(filled),
        "--identity",
        str(chair),
        "--out",
        str(tmp_path / "a.pdf"),
        "--signs-as",
        "vice-chair",
    )
    assert code != 0 and "Chủ tịch UBND xã" in err and "KT." in err and not (tmp_path / "a.pdf").exists()
    code, _out, err = run(
        "report",
        str(filled),
        "--out",
        str(tmp_path / "b.pdf"),
        "--position",
        "Công chức Văn phòng - Thống kê",
        "--signs-as",
        "chair",
    )
    assert code != 0 and "TM." in err
    profiles.save(
        profiles.Profile(
            "15865", "Trần Thị Bình", "Công chức Văn phòng - Thống kê", signing_capacity="by_authority"
        )
    )
    assert run("report", str(filled), "--out", str(tmp_path / "c.pdf"))[0] == 0
    text = subprocess.run(
        [tool("pdftotext"), "-enc", "UTF-8", str(tmp_path / "c.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert "TUQ. CHỦ TỊCH" in lines and "Trần Thị Bình" in lines
