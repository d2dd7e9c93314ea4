"""The command line of spec/cli.md: verbs, JSON fields, exit codes, one-sentence errors, languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SCORE_FIELDS

from dtdesktop.cli.main import main


@pytest.fixture
def run(capsys, db_path: Path):
    def _run(*args: str, db: bool = True) -> tuple[int, str, str]:
        argv = (["--db", str(db_path)] if db else []) + list(args)
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def run_json(run, *args: str):
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_catalog_list_and_show(run):
    catalogs = run_json(run, "catalog", "list")
    th = next(c for c in catalogs if c["id"] == "thanh-hoa-xa-2025")
    assert {"id", "version", "title", "sha256", "indicators"} <= set(th) and th["indicators"] == 37
    shown = run_json(run, "catalog", "show", "thanh-hoa-xa-2025")
    assert shown["sha256"] == th["sha256"]
    first = shown["pillars"][0]
    assert first["code"] == "CQS" and first["title"] == "Chính quyền số"
    assert {"code", "title", "type", "mandatory"} <= set(first["indicators"][0])
    assert all(
        i["type"] in {"boolean", "percent", "count", "choice", "text"}
        for p in shown["pillars"]
        for i in p["indicators"]
    )
    code, out, _ = run("catalog", "show", "thanh-hoa-xa-2025")
    assert code == 0 and "Chính quyền số" in out


def test_catalog_validate(run, catalog_file: Path, tmp_path: Path):
    assert run("catalog", "validate", str(catalog_file))[0] == 0
    broken = tmp_path / "hong.yaml"
    broken.write_text(catalog_file.read_text(encoding="utf-8").replace("type: count", "type: dem"), "utf-8")
    code, out, _ = run("catalog", "validate", str(catalog_file), str(broken))
    assert code == 1
    assert out.splitlines()[-1].startswith(f"{broken}:")
    report = json.loads(run("catalog", "validate", str(broken), "--json")[1])
    assert report[0]["valid"] is False and report[0]["problems"][0]["line"] > 1


def test_score_is_stateless_and_follows_the_contract(run, catalog_file: Path, tmp_path: Path):
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {"CQS.01": {"numerator": 45, "denominator": 60}, "CQS.02": "deputy", "XHS.01": 4, "XHS.03": True}
        ),
        "utf-8",
    )
    result = run_json(run, "score", "--catalog", str(catalog_file), "--answers", str(answers))
    assert set(result) >= SCORE_FIELDS
    assert result["total"] == 20 + 10 + 2 * (20 + 10) and result["max"] == 140
    assert result["missing"] == ["XHS.02", "XHS.04", "XHS.05"]
    codes = {i["code"]: i for i in result["indicators"]}
    assert codes["XHS.02"]["met"] is None and codes["CQS.02"]["met"] is False
    later = run_json(
        run, "score", "--catalog", str(catalog_file), "--answers", str(answers), "--horizon", "2030"
    )
    assert later["horizon"] == 2030
    code, out, _ = run("score", "--catalog", str(catalog_file), "--answers", str(answers))
    assert code == 0 and "64,29%" in out  # 90 of 140, written the Vietnamese way


@pytest.mark.parametrize(
    ("content", "fragment"),
    [("{broken", "JSON"), ('{"CQS.01": 140}', "CQS.01"), ('{"KHONG": 1}', "KHONG"), ("[1, 2]", "JSON")],
)
def test_bad_answers_files_get_a_sentence(run, catalog_file: Path, tmp_path: Path, content, fragment):
    answers = tmp_path / "a.json"
    answers.write_text(content, "utf-8")
    code, out, err = run("score", "--catalog", str(catalog_file), "--answers", str(answers))
    assert code == 1 and out == ""
    assert fragment in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(run):
    code, _out, err = run("score")
    assert code == 2 and "--catalog" in err
    assert run("catalog", "frobnicate")[0] == 2
    code, _out, err = run(
        "score", "--catalog", "thanh-hoa-xa-2025", "--answers", "x.json", "--horizon", "2040"
    )
    assert code == 2


def test_an_assessment_from_start_to_show(run, tmp_path: Path):
    new = run_json(
        run, "assess", "new", "--catalog", "thanh-hoa-xa-2025", "--unit", "00004", "--period", "2025"
    )
    aid = str(new["id"])
    shown = run_json(run, "catalog", "show", "thanh-hoa-xa-2025")
    percent = next(i["code"] for p in shown["pillars"] for i in p["indicators"] if i["type"] == "percent")
    boolean = next(i["code"] for p in shown["pillars"] for i in p["indicators"] if i["type"] == "boolean")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({percent: {"numerator": 9, "denominator": 10}}), "utf-8")
    assert run("assess", "load", aid, "--answers", str(answers))[0] == 0
    evidence = tmp_path / "Kế hoạch CĐS 2025.pdf"
    evidence.write_bytes(b"%PDF-1.7 ke hoach")
    code, _, err = run(
        "assess",
        "set",
        aid,
        boolean,
        "có",
        "--note",
        "Đã ban hành",
        "--evidence",
        str(evidence),
        "--cite",
        "125/QĐ-UBND",
        "05/03/2025",
        "Kiện toàn Ban chỉ đạo",
    )
    assert code == 0, err
    data = run_json(run, "assess", "show", aid)
    assert data["status"] == "draft" and data["revision"] == 0
    assert data["answers"][boolean] == {
        "value": True,
        "note": "Đã ban hành",
        "to_check": False,
        "returned": False,
        "review_comment": None,
    }
    assert data["answers"][percent]["value"] == {"numerator": 9, "denominator": 10}
    assert [e["file"] for e in data["evidence"]] == ["Kế hoạch CĐS 2025.pdf", None]
    assert data["evidence"][1]["number"] == "125/QĐ-UBND" and data["evidence"][1]["date"] == "2025-03-05"
    assert data["score"]["sha256"] == shown["sha256"] and len(data["score"]["missing"]) == 35
    listed = run_json(run, "assess", "list")
    assert [a["id"] for a in listed] == [int(aid)]
    log = run_json(run, "assess", "log", aid)
    assert [e["action"] for e in log][:3] == ["create", "answer", "answer"]


def test_assess_errors(run):
    code, _, err = run(
        "assess", "new", "--catalog", "thanh-hoa-xa-2025", "--unit", "99999", "--period", "2025"
    )
    assert code == 1 and "99999" in err
    code, _, err = run("assess", "show", "42")
    assert code == 1 and "42" in err and "Traceback" not in err
    code, _, err = run("assess", "set", "1", "X", "1", "--cite", "1/QĐ", "ngày mai", "x")
    assert code == 2


def test_language_switch(run):
    _c, _o, vi = run("assess", "show", "42")
    _c, _o, en = run("--lang", "en", "assess", "show", "42")
    assert vi != en and "There is no assessment number 42" in en


def test_global_options_also_after_the_verb(run, tmp_path: Path):
    _c, _o, before = run("--lang", "en", "assess", "show", "42")
    code, _o, after = run("assess", "show", "42", "--lang", "en")
    assert code == 1 and after == before and "There is no assessment number 42" in after
    code, out, _e = run("catalog", "list", "--lang", "en")  # a verb with a verb of its own
    assert code == 0 and out.startswith("ID") and "Version" in out.splitlines()[0]
    _c, _o, vi = run("--lang", "en", "assess", "show", "42", "--lang", "vi")  # the last one wins
    assert vi != before
    other = tmp_path / "other.sqlite3"  # --db after the verb, and nothing given leaves the global one
    new = ("assess", "new", "--catalog", "thanh-hoa-xa-2025", "--unit", "15865", "--period", "2025")
    assert run(*new)[0] == 0
    code, out, _e = run("assess", "list", "--json", "--db", str(other), db=False)
    assert code == 0 and json.loads(out) == [] and other.exists()


def test_demo_fills_a_realistic_assessment(run):
    data = run_json(run, "demo")
    assert data["created"] is True
    score = data["score"]
    assert 0 < score["percent"] < 100 and score["missing"]
    assert any(i["status"] == "met" for i in score["indicators"])
    assert any(i["status"] == "not_met" for i in score["indicators"])
    again = run_json(run, "demo")
    assert again["created"] is False and again["id"] == data["id"]


def test_backup_and_restore_commands(run, tmp_path: Path):
    run_json(run, "demo")
    out = tmp_path / "sao-luu.sqlite3"
    assert run("backup", "--out", str(out))[0] == 0 and out.stat().st_size > 0
    assert run("assess", "delete", "1", "--yes")[0] == 0
    assert run("restore", str(out))[0] == 0
    assert run_json(run, "assess", "show", "1")["id"] == 1
    assert run("assess", "delete", "1")[0] == 2  # needs --yes


def test_backup_keeps_the_profiles_identity_file_unless_declined(run, tmp_path: Path):
    from dtdesktop import profile as profiles
    from dtdesktop.storage.backup import identity_in_backup

    identity = tmp_path / "ha.p12"
    identity.write_bytes(b"encrypted identity")
    profiles.save(profiles.Profile(identity=profiles.SigningIdentity("pkcs12", str(identity))))
    out, bare = tmp_path / "sao-luu.sqlite3", tmp_path / "khong-dinh-danh.sqlite3"
    code, said, _e = run("--lang", "en", "backup", "--out", str(out))
    assert code == 0 and "identity file" in said
    assert identity_in_backup(out) == ("ha.p12", b"encrypted identity")
    assert run("backup", "--out", str(bare), "--without-identity")[0] == 0
    assert identity_in_backup(bare) is None
    assert run("backup", "--out", str(bare), "--without-identity", "--identity", str(identity))[0] == 2
    identity.unlink()
    code, said, _e = run("--lang", "en", "restore", str(out))
    assert code == 0 and identity.read_bytes() == b"encrypted identity" and str(identity) in said


def test_units_search(run):
    found = run_json(run, "units", "search", "thanh hoa", "--level", "province")
    assert found[0]["full_name"] == "Tỉnh Thanh Hóa"
    assert run("units", "search", "zzzz")[0] == 1


def test_an_unexpected_failure_is_one_sentence_and_a_log(run, monkeypatch, tmp_path: Path):
    import dtdesktop.cli.catalog_cmds as cmds

    def boom(*_a, **_k):
        raise RuntimeError("internal")

    monkeypatch.setattr(cmds, "shipped_catalogs", boom)
    code, _, err = run("catalog", "list")
    assert code == 1 and "RuntimeError" in err and "Traceback" not in err
    assert (tmp_path / "home" / "crash.log").read_text(encoding="utf-8").count("Traceback") == 1


def test_the_console_entry_point_runs(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "dtdesktop", "--lang", "en", "catalog", "show", "khong-co"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and proc.stderr.startswith("No catalog")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "argv", [["assess", "show", "abc"], ["report", "1,5", "--out", "x.pdf"], ["demo", "--period", "năm"]]
)
def test_a_number_mistyped_on_the_command_line_is_said_in_words(run, argv):
    code, _out, err = run(*argv)
    assert code == 2 and "int" not in err.split(":")[-1] and "“" in err


def test_catalog_show_json_gives_the_evidence_expected_and_the_verifying_office(run):
    import json
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "docs" / "catalog-example.yaml"
    code, out, _err = run("catalog", "show", str(example), "--json")
    assert code == 0
    indicators = [i for p in json.loads(out)["pillars"] for i in p["indicators"]]
    assert any(i.get("verified_by") for i in indicators) and any(i.get("evidence") for i in indicators)
