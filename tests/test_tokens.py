"""USB tokens through PKCS#11, against a real SoftHSM2 token initialised for the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pki
import pytest
from conftest import tool
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from dtdesktop.exchange.export import export_submission
from dtdesktop.exchange.verify import verify_file
from dtdesktop.i18n import set_language
from dtdesktop.signing import IdentityError
from dtdesktop.signing.tokens import TokenKey, list_tokens
from dtdesktop.signing.trust import TrustContext, fingerprint

PIN = "246810"
LABEL = "dtdesktop-test"
MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


def _module() -> Path:
    for candidate in MODULES:
        if Path(candidate).is_file():
            return Path(candidate)
    tool("libsofthsm2.so")  # skips, or fails where the tools are required
    raise AssertionError


def _conf(folder: Path) -> Path:
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    return conf


@pytest.fixture(scope="session")
def token(tmp_path_factory):
    """A SoftHSM2 token holding an RSA key made on the token and a certificate for it from a local CA."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass

    module = _module()
    folder = tmp_path_factory.mktemp("softhsm")
    os.environ["SOFTHSM2_CONF"] = str(_conf(folder))  # read once, when the module is first loaded
    subprocess.run(
        [
            tool("softhsm2-util"),
            "--init-token",
            "--free",
            "--label",
            LABEL,
            "--pin",
            PIN,
            "--so-pin",
            "13579111",
        ],
        check=True,
        capture_output=True,
    )
    ca = pki.make_ca()
    lib = pkcs11.lib(str(module))
    with lib.get_token(token_label=LABEL).open(rw=True, user_pin=PIN) as session:
        pub, _priv = session.generate_keypair(KeyType.RSA, 2048, id=b"\x0a\x01", label="Mai", store=True)
        numbers = rsa.RSAPublicNumbers(
            int.from_bytes(pub[Attribute.PUBLIC_EXPONENT], "big"),
            int.from_bytes(pub[Attribute.MODULUS], "big"),
        )
        leaf = pki.issue(ca, "Đỗ Thị Mai", public_key=numbers.public_key())
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.ID: b"\x0a\x01",
                Attribute.LABEL: "Mai",
                Attribute.SUBJECT: leaf.cert.subject.public_bytes(),
                Attribute.VALUE: leaf.cert.public_bytes(serialization.Encoding.DER),
            }
        )
    return module, ca, leaf


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English here; the Vietnamese ones are checked by the translation test."""
    set_language("en")


def test_tokens_are_listed_with_their_certificates(token):
    module, _ca, leaf = token
    tokens = list_tokens(module)
    ours = next(t for t in tokens if t.label == LABEL)
    (cert,) = ours.certificates
    assert (cert.id, cert.label, cert.info.name) == ("0a01", "Mai", "Đỗ Thị Mai")
    assert cert.info.serial == format(leaf.cert.serial_number, "X")


def test_export_with_the_token_key_chosen_by_id_or_serial(token, store, filled, tmp_path):
    module, ca, leaf = token
    by_id = tmp_path / "by-id.pdf"
    export_submission(store, filled, TokenKey(module, PIN, cert_id="0A01"), by_id)
    trust = TrustContext((ca.cert,), {fingerprint(leaf.cert): frozenset({"15865"})}, (leaf.cert,))
    v = verify_file(by_id, trust)
    assert v.valid and v.trusted and v.signer.name == "Đỗ Thị Mai", v.problems
    by_serial = tmp_path / "by-serial.pdf"
    export_submission(
        store, filled, TokenKey(module, PIN, cert_serial=str(leaf.cert.serial_number)), by_serial
    )
    assert verify_file(by_serial, trust).valid
    sig = subprocess.run([tool("pdfsig"), str(by_id)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig and "Total document signed" in sig


def test_wrong_pin_and_unknown_certificate(token, store, filled, tmp_path):
    module, _ca, _leaf = token
    with pytest.raises(IdentityError, match="PIN"):
        export_submission(store, filled, TokenKey(module, "000000", cert_id="0a01"), tmp_path / "x.pdf")
    with pytest.raises(IdentityError, match="identity tokens"):
        export_submission(store, filled, TokenKey(module, PIN, cert_id="ff"), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_missing_module(tmp_path):
    with pytest.raises(IdentityError, match="does not exist"):
        list_tokens(tmp_path / "libvnpt-ca.so")


def test_absent_token_says_so(tmp_path):
    """A fresh SoftHSM with no initialised token: a reader with nothing plugged in."""
    module = _module()
    env = {**os.environ, "SOFTHSM2_CONF": str(_conf(tmp_path)), "DTDESKTOP_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "dtdesktop", "--lang", "en", "identity", "tokens", "--module", str(module)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "No token is plugged in; insert the USB token and try again."
