"""`dtdesktop trust add` refuses a person's certificate as a root, as the reviewer's window does, with the
same sentence and the command that registers it for its units instead; nothing is trusted then."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pki
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from dtdesktop.cli.errors import EXIT_CHECK_FAILED
from dtdesktop.cli.main import main
from dtdesktop.review.trust import TrustError, is_authority, refuse_if_not_authority
from dtdesktop.signing.trust import fingerprint


@pytest.fixture
def run(capsys, db_path):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def _trusted(run) -> list[dict]:
    code, out, _err = run("trust", "list", "--json")
    assert code == 0
    return json.loads(out)


def _without_basic_constraints() -> x509.Certificate:
    """A certificate that says nothing of being an authority: read as a person's."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Hoàng Văn Cũ")])
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )


def test_an_officers_own_certificate_is_refused_as_a_root_with_the_command_to_register_it(
    run, officer, tmp_path: Path
):
    pem = tmp_path / "ha.pem"
    pem.write_bytes(pki.pem(officer.certificate))
    code, out, err = run("--lang", "en", "trust", "add", str(pem))
    assert code == EXIT_CHECK_FAILED and out == ""
    assert "The certificate of Nguyễn Thị Hà belongs to a person, not to a certificate authority" in err
    assert "Register it for the units its holder signs for instead." in err
    assert f'dtdesktop trust add "{pem}" --unit 15865' in err  # the unit its certificate names
    assert "Traceback" not in err
    assert _trusted(run) == []
    code, out, _err = run("--lang", "en", "trust", "add", str(pem), "--unit", "15865")  # as told
    assert code == 0 and "15865" in out
    [entry] = _trusted(run)
    assert (entry["role"], entry["units"]) == ("officer", ["15865"])


@pytest.mark.parametrize("kind", ["issued_by_a_ca", "no_basic_constraints"])
def test_any_certificate_that_is_not_an_authoritys_is_refused_as_a_root(run, tmp_path: Path, kind):
    cert = (
        pki.issue(pki.make_ca(), "Trần Văn Bình").cert
        if kind == "issued_by_a_ca"
        else _without_basic_constraints()
    )
    pem = tmp_path / "nguoi.pem"
    pem.write_bytes(pki.pem(cert))
    code, _out, err = run("--lang", "en", "trust", "add", str(pem))
    assert code == EXIT_CHECK_FAILED and "belongs to a person" in err
    assert f'dtdesktop trust add "{pem}" --unit CODE' in err  # no unit named: the user fills it in
    assert _trusted(run) == []


def test_a_folder_with_a_persons_certificate_adds_nothing_and_names_the_file(run, officer, tmp_path: Path):
    folder = tmp_path / "chung-thu"
    folder.mkdir()
    root = pki.make_ca()
    (folder / "a-goc.pem").write_bytes(pki.pem(root.cert))
    (folder / "b-ha.pem").write_bytes(pki.pem(officer.certificate))
    code, _out, err = run("--lang", "en", "trust", "add", str(folder))
    assert code == EXIT_CHECK_FAILED and f'"{folder / "b-ha.pem"}"' in err
    assert _trusted(run) == []  # not even the root: nothing changes when one is refused
    (folder / "b-ha.pem").unlink()
    code, out, _err = run("--lang", "en", "trust", "add", str(folder))
    assert code == 0 and "Trusted as a root" in out
    assert [(e["fingerprint"], e["role"]) for e in _trusted(run)] == [(fingerprint(root.cert), "root")]


def test_the_refusal_in_vietnamese(run, officer, tmp_path: Path):
    pem = tmp_path / "ha.pem"
    pem.write_bytes(pki.pem(officer.certificate))
    code, _out, err = run("--lang", "vi", "trust", "add", str(pem))
    assert code == EXIT_CHECK_FAILED
    assert "là của một cá nhân, không phải của tổ chức chứng thực chữ ký số" in err
    assert f'dtdesktop trust add "{pem}" --unit 15865' in err


def test_the_window_and_the_command_line_share_one_rule(officer):
    root = pki.make_ca()
    assert is_authority(root.cert) and is_authority(pki.make_intermediate(pki.make_ca(path_length=None)).cert)
    assert not is_authority(officer.certificate) and not is_authority(_without_basic_constraints())
    refuse_if_not_authority([root.cert])  # an authority passes
    with pytest.raises(TrustError) as refused:
        refuse_if_not_authority([root.cert, officer.certificate])
    assert "dtdesktop trust add" not in str(refused.value)  # the window's sentence names no command
