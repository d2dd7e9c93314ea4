"""Signing identities: made by dtdesktop or issued by a CA, opened with the right passphrase only."""

from __future__ import annotations

import pki
import pytest
from conftest import PASSPHRASE
from cryptography.hazmat.primitives import serialization

from dtdesktop.i18n import set_language
from dtdesktop.signing import IdentityError, pkcs12_file
from dtdesktop.signing.certificates import load_trust


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English here; the Vietnamese ones are checked by the translation test."""
    set_language("en")


def test_new_identity_names_officer_position_and_unit(identity_file):
    identity = pkcs12_file.load(identity_file, PASSPHRASE)
    info = identity.info
    assert (info.name, info.title, info.unit) == ("Nguyễn Thị Hà", "Chủ tịch UBND xã", "15865")
    assert info.organisation == "UBND xã Hoằng Hóa"  # written as Vietnamese writes it
    assert info.self_signed
    assert (info.not_after - info.not_before).days >= 5 * 365


def test_identity_file_is_encrypted(identity_file):
    data = identity_file.read_bytes()
    assert "Nguyễn".encode() not in data  # the friendly name aside, nothing readable
    with pytest.raises(ValueError):
        serialization.pkcs12.load_key_and_certificates(data, None)


def test_wrong_passphrase_says_so(identity_file):
    with pytest.raises(IdentityError, match="passphrase") as err:
        pkcs12_file.load(identity_file, "mật khẩu sai")
    assert "ha.p12" in str(err.value)


def test_not_an_identity_file(tmp_path):
    bogus = tmp_path / "thu.p12"
    bogus.write_bytes(b"%PDF-1.7 not a key")
    with pytest.raises(IdentityError, match="not an identity file"):
        pkcs12_file.load(bogus, PASSPHRASE)
    with pytest.raises(IdentityError, match="does not exist"):
        pkcs12_file.load(tmp_path / "khong-co.p12", PASSPHRASE)


def test_existing_identity_is_never_overwritten(identity_file, officer):
    before = identity_file.read_bytes()
    with pytest.raises(IdentityError, match="already exists"):
        pkcs12_file.save_new(identity_file, officer, PASSPHRASE)
    assert identity_file.read_bytes() == before


def test_short_passphrase_refused(tmp_path, officer):
    with pytest.raises(IdentityError, match="8"):
        pkcs12_file.save_new(tmp_path / "new.p12", officer, "1234")
    assert not (tmp_path / "new.p12").exists()


def test_pkcs12_from_a_ca_is_used_as_it_is(tmp_path):
    ca = pki.make_ca()
    leaf = pki.issue(ca, "Trần Văn Bình")
    path = tmp_path / "vnpt.pfx"
    path.write_bytes(pki.p12(leaf, ca, "abc12345"))
    identity = pkcs12_file.load(path, "abc12345")
    assert identity.info.name == "Trần Văn Bình"
    assert identity.info.unit is None and not identity.info.self_signed
    assert [c.subject for c in identity.chain] == [ca.cert.subject]


def test_expired_certificate_refused_before_signing(tmp_path):
    ca = pki.make_ca()
    old = pki.issue(ca, "Lê Văn Cũ", days=30, not_before=pki.NOW - pki.dt.timedelta(days=400))
    path = tmp_path / "old.p12"
    path.write_bytes(pki.p12(old, ca, "abc12345"))
    key = pkcs12_file.Pkcs12Key(path, "abc12345")
    with pytest.raises(IdentityError, match="expired"), key.open():
        pytest.fail("an expired certificate was opened for signing")


def test_trust_list_from_files_and_folders(tmp_path):
    ca1, ca2 = pki.make_ca("CA một"), pki.make_ca("CA hai")
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "mot.pem").write_bytes(pki.pem(ca1.cert) + pki.pem(ca2.cert))
    (folder / "hai.cer").write_bytes(ca2.cert.public_bytes(serialization.Encoding.DER))
    (folder / "readme.txt").write_text("not a certificate")
    assert len(load_trust([folder])) == 3
    assert len(load_trust([folder / "hai.cer"])) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(IdentityError, match="no certificate"):
        load_trust([empty])
    with pytest.raises(IdentityError, match="holds no certificate"):
        load_trust([folder / "readme.txt"])
