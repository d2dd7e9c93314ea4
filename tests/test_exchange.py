"""The submission file: export, independent checks by poppler and qpdf, verification, and tampering."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
from pathlib import Path

import pki
import pytest
from conftest import PASSPHRASE, signed_with, tool
from pyhanko.pdf_utils import embed
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from dtdesktop.exchange import ExchangeError
from dtdesktop.exchange.attachments import Attachment
from dtdesktop.exchange.export import ExportOptions, export_submission, write_report
from dtdesktop.exchange.verify import verify_file
from dtdesktop.files import OutputError
from dtdesktop.signing import IdentityError, pkcs12_file
from dtdesktop.signing.trust import TrustContext, fingerprint
from dtdesktop.storage import assessments
from dtdesktop.units import find


@pytest.fixture
def key(identity_file):
    return pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)


@pytest.fixture
def exported(store, filled, key, tmp_path) -> Path:
    out = tmp_path / "nop" / "hoang-hoa-2025.pdf"
    out.parent.mkdir()
    export_submission(store, filled, key, out, ExportOptions(number="15/BC-UBND"))
    return out


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True).stdout


def test_export_bumps_revision_and_logs_it(store, filled, key, tmp_path):
    before = assessments.get(store, filled)
    result = export_submission(store, filled, key, tmp_path / "a.pdf")
    after = assessments.get(store, filled)
    assert (result.revision, after.revision, after.status) == (
        before.revision + 1,
        before.revision + 1,
        "signed",
    )
    log = [e for e in assessments.audit_log(store, filled) if e.action == "export"]
    assert len(log) == 1 and result.sha256 in log[0].new_value
    assert result.sha256 == __import__("hashlib").sha256((tmp_path / "a.pdf").read_bytes()).hexdigest()
    second = export_submission(store, filled, key, tmp_path / "b.pdf")
    assert second.revision == result.revision + 1


def test_poppler_and_qpdf_accept_the_file(exported):
    sig = _run(tool("pdfsig"), str(exported))
    assert "Signature is Valid." in sig
    assert "Total document signed" in sig
    assert "Nguyễn Thị Hà" in sig
    assert "ETSI.CAdES.detached" in sig  # PAdES
    check = subprocess.run([tool("qpdf"), "--check", str(exported)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout
    fonts = _run(tool("pdffonts"), str(exported)).splitlines()[2:]
    assert fonts and all(row.split()[-5] == "yes" for row in fonts)
    listed = _run(tool("pdfdetach"), "-list", str(exported))
    assert "assessment.json" in listed and "assessment.schema.json" in listed
    assert "ke-hoach-chuyen-doi-so-2025.txt" in listed


def test_embedded_assessment_holds_what_the_contract_names(store, filled, exported, tmp_path):
    subprocess.run(
        [tool("pdfdetach"), "-saveall", "-o", str(tmp_path), str(exported)], check=True, capture_output=True
    )
    doc = json.loads((tmp_path / "assessment.json").read_text("utf-8"))
    a = assessments.get(store, filled)
    assert doc["schema_version"] == 1 and doc["tool"]["name"] == "dtdesktop"
    assert doc["catalog"]["id"] == "thanh-hoa-xa-2025" and doc["catalog"]["sha256"] == a.catalog.sha256
    assert doc["catalog"]["content"]["id"] == "thanh-hoa-xa-2025"
    assert (doc["unit"]["code"], doc["period"], doc["revision"]) == ("15865", 2025, a.revision)
    assert set(doc["answers"]) == set(a.answers)
    kinds = {e["kind"] for e in doc["evidence"]}
    assert kinds == {"file", "citation"}
    assert doc["score"]["percent"] > 0 and doc["score"]["catalog"] == "thanh-hoa-xa-2025"
    schema = json.loads((tmp_path / "assessment.schema.json").read_text("utf-8"))
    docs_copy = Path(__file__).resolve().parent.parent / "docs" / "submission.schema.json"
    assert schema == json.loads(docs_copy.read_text("utf-8"))


def test_verify_valid_file(exported, officer):
    v = verify_file(exported)
    assert v.intact and v.covers_whole_file and v.score_matches, v.problems
    # without any trust the best verdict is "cannot be decided"
    assert (v.verdict, [r.code for r in v.reasons], v.valid, v.trusted) == (
        "indeterminate",
        ["no_trust_list"],
        False,
        False,
    )
    assert v.signer.name == "Nguyễn Thị Hà"
    assert (v.header.unit_ref, v.header.period, v.header.revision) == ("15865", 2025, 1)
    trusted = verify_file(exported, [officer.certificate])
    assert trusted.valid and trusted.trusted and trusted.registered and trusted.verdict == "valid"


def test_signer_outside_the_trust_list_is_not_valid(exported):
    other = pki.make_ca("CA khác")
    v = verify_file(exported, [other.cert])
    assert not v.valid and not v.trusted and v.intact
    assert any("trust list" in p or "danh sách" in p for p in v.problems)


def test_certificate_from_a_trusted_ca(store, filled, tmp_path):
    ca = pki.make_ca()
    leaf = pki.issue(ca, "Trần Văn Bình")
    p12 = tmp_path / "binh.pfx"
    p12.write_bytes(pki.p12(leaf, ca, "abc12345"))
    out = tmp_path / "ca.pdf"
    export_submission(store, filled, pkcs12_file.Pkcs12Key(p12, "abc12345"), out)
    v = verify_file(out, [ca.cert])
    # a trusted person, but the certificate names no unit and is not registered for Hoằng Hoá
    assert (v.verdict, v.trusted, v.registered) == ("indeterminate", True, False), v.problems
    assert [r.code for r in v.reasons] == ["signer_not_registered"]
    assert "dtdesktop trust add" in v.problems[0] and "--unit 15865" in v.problems[0]
    registered = TrustContext((ca.cert,), {fingerprint(leaf.cert): frozenset({"15865"})}, (leaf.cert,))
    v = verify_file(out, registered)
    assert v.valid and v.trusted and v.registered, v.problems
    elsewhere = TrustContext((ca.cert,), {fingerprint(leaf.cert): frozenset({"15866"})}, (leaf.cert,))
    assert verify_file(out, elsewhere).verdict == "indeterminate"


def _flip_byte(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_any_altered_byte_is_detected(exported, tmp_path):
    data = exported.read_bytes()
    text_at = data.index(b"stream\n") + 20  # inside the first page's content
    for at in (text_at, len(data) // 2, len(data) - 40):
        bad = tmp_path / f"altered-{at}.pdf"
        bad.write_bytes(_flip_byte(data, at))
        v = verify_file(bad)
        assert not v.valid, at
        assert v.problems, at


def test_replaced_attachment_in_an_incremental_update_is_detected(exported, tmp_path):
    data = exported.read_bytes()
    w = IncrementalPdfFileWriter(io.BytesIO(data))
    names = w.root["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == "assessment.json":
            spec = names[i + 1].get_object()
            doc = json.loads(spec["/EF"]["/F"].get_object().data)
            doc["score"]["percent"] = 99.0
            doc["revision"] = 7
            forged = embed.EmbeddedFileObject.from_file_data(w, json.dumps(doc).encode())
            spec["/EF"]["/F"] = w.add_object(forged)
            w.update_container(spec)
    out = io.BytesIO()
    w.write(out)
    bad = tmp_path / "forged.pdf"
    bad.write_bytes(out.getvalue())
    v = verify_file(bad)
    assert not v.valid and not v.covers_whole_file
    assert v.header is None and v.document is None  # nothing of a file changed after signing is read
    assert len(v.problems) == 1  # the layout is refused before anything inside is read


def test_added_content_after_signing_is_detected(exported, tmp_path):
    w = IncrementalPdfFileWriter(io.BytesIO(exported.read_bytes()))
    w.root["/Lang"] = __import__("pyhanko").pdf_utils.generic.TextStringObject("en")
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    bad = tmp_path / "appended.pdf"
    bad.write_bytes(out.getvalue())
    v = verify_file(bad)
    assert not v.valid and not v.covers_whole_file


def test_garbage_appended_or_file_truncated(exported, tmp_path):
    data = exported.read_bytes()
    tail = tmp_path / "tail.pdf"
    tail.write_bytes(data + b"\n% nothing to see\n")
    assert not verify_file(tail).valid
    short = tmp_path / "short.pdf"
    short.write_bytes(data[: len(data) // 2])
    v = verify_file(short)
    assert not v.valid and v.problems


def test_not_a_pdf_unsigned_and_missing_files(store, filled, tmp_path):
    text = tmp_path / "note.pdf"
    text.write_text("xin chào")
    v = verify_file(text)
    assert not v.valid and len(v.problems) == 1 and "PDF" in v.problems[0]
    preview = write_report(store, filled, tmp_path / "preview.pdf")
    v = verify_file(preview)
    assert not v.valid and len(v.problems) == 1
    missing = verify_file(tmp_path / "khong-co.pdf")
    assert not missing.valid and missing.problems


def test_forged_score_with_a_valid_signature_is_caught(store, filled, identity_file, exported, tmp_path):
    """Someone re-signs a file with an edited score: the signature holds but the recomputation does not."""
    from dtdesktop.exchange.bounded import read_attachments_bounded

    files = read_attachments_bounded(exported.read_bytes())
    doc = json.loads(files["assessment.json"])
    doc["score"]["total"] += 10
    doc["score"]["percent"] = 95.0
    forged = [Attachment("assessment.json", json.dumps(doc).encode(), "application/json", "")]
    bad = signed_with(store, filled, identity_file, tmp_path, forged, "reseigned")
    v = verify_file(bad)
    assert v.intact and v.covers_whole_file and not v.score_matches and not v.valid


def test_signer_of_another_unit_is_reported(store, filled, tmp_path):
    other = find("16000") or find("15866")
    identity = pkcs12_file.create("Phạm Văn Dũng", "Công chức", other.ref, "UBND", other.province_name)
    p12 = pkcs12_file.save_new(tmp_path / "dung.p12", identity, PASSPHRASE)
    out = tmp_path / "other.pdf"
    export_submission(store, filled, pkcs12_file.Pkcs12Key(p12, PASSPHRASE), out)
    v = verify_file(out, [identity.certificate])
    assert v.verdict == "indeterminate" and v.trusted and not v.registered
    assert [r.code for r in v.reasons] == ["signer_not_registered"] and other.code in v.problems[0]


def _no_leftovers(folder: Path) -> None:
    assert [p.name for p in folder.iterdir()] == []


def test_wrong_passphrase_writes_nothing(store, filled, identity_file, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(IdentityError, match=r"(?i)passphrase|mật khẩu"):
        export_submission(
            store, filled, pkcs12_file.Pkcs12Key(identity_file, "sai rồi 123"), out_dir / "x.pdf"
        )
    _no_leftovers(out_dir)
    assert assessments.get(store, filled).revision == 0


def test_unwritable_output_writes_nothing(store, filled, key, tmp_path, monkeypatch):
    with pytest.raises(OutputError):
        export_submission(store, filled, key, tmp_path / "khong-co-thu-muc" / "x.pdf")
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dtdesktop.files.os.replace", full_disk)
    with pytest.raises(OutputError, match="No space left"):
        export_submission(store, filled, key, out_dir / "x.pdf")
    _no_leftovers(out_dir)
    assert assessments.get(store, filled).revision == 0


def test_failure_while_signing_writes_nothing(store, filled, key, tmp_path, monkeypatch):
    def token_pulled_out(*_a, **_k):
        raise IdentityError("the token was removed")

    monkeypatch.setattr("dtdesktop.signing.pdf_signature.sign", token_pulled_out)
    with pytest.raises(IdentityError):
        export_submission(store, filled, key, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert assessments.get(store, filled).revision == 0


def test_damaged_image_is_refused_as_evidence(store, filled, tmp_path):
    bad = tmp_path / "anh-chup.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 this is not really a photo")
    with pytest.raises(assessments.AssessmentError, match=r"anh-chup\.jpg"):
        assessments.add_evidence_file(store, filled, "CQS.01", bad)


def test_evidence_damaged_in_the_store_stops_the_export(store, filled, key, db_path, tmp_path):
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE evidence_files SET content = X'00'")
    conn.commit()
    conn.close()
    with pytest.raises(ExchangeError, match="bị hỏng"):
        export_submission(store, filled, key, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_english_submission(store, filled, key, officer, tmp_path):
    out = tmp_path / "en.pdf"
    export_submission(store, filled, key, out, ExportOptions(lang="en"))
    text = _run(tool("pdftotext"), "-enc", "UTF-8", str(out), "-")
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text
    assert verify_file(out, [officer.certificate]).valid


def test_a_process_that_checked_a_file_can_still_sign(store, tmp_path, filled, db_path, identity_file):
    """The officer's window imports a decision (a signature read) and then sends (a signature made), in one
    process: reading first must not keep signing from knowing the attributes it writes."""
    import sys

    from conftest import PASSPHRASE

    from dtdesktop.exchange.export import export_submission
    from dtdesktop.signing import pkcs12_file

    first = export_submission(
        store, filled, pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE), tmp_path / "a.pdf"
    )
    code = f"""
from pathlib import Path
from dtdesktop.exchange.verify import verify_file
from dtdesktop.exchange.export import export_submission
from dtdesktop.signing import pkcs12_file
from dtdesktop.storage import Store
assert verify_file(Path({str(first.path)!r})).intact  # a signature read first, in a new process
store = Store("sqlite:///{db_path}")
key = pkcs12_file.Pkcs12Key(Path({str(identity_file)!r}), {PASSPHRASE!r})
signed = export_submission(store, {filled}, key, Path({str(tmp_path / "b.pdf")!r}))
print(verify_file(signed.path).intact)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("True")
