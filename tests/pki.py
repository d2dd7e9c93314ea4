"""Test certificates: a small local CA and the officers it certifies, as a province's CA would issue them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

NOW = dt.datetime.now(dt.UTC)


@dataclass
class Issued:
    key: object
    cert: x509.Certificate


def _name(cn: str, org: str = "Sở Khoa học và Công nghệ", unit: str | None = None) -> x509.Name:
    ou = [x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"DVHC:{unit}")] if unit else []
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            *ou,
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def make_ca(cn: str = "CA thử nghiệm tỉnh Thanh Hoá", path_length: int | None = 0) -> Issued:
    """A root; *path_length* None lets it issue intermediate authorities (`make_intermediate`)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(cn)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, cert)


def make_intermediate(root: Issued, cn: str = "CA cấp dưới thử nghiệm") -> Issued:
    """An intermediate authority issued by *root*, as a national CA's issuing CA sits under its root."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(root.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), critical=False
        )
        .sign(root.key, hashes.SHA256())
    )
    return Issued(key, cert)


def issue(
    ca: Issued,
    cn: str,
    public_key=None,
    days: int = 365,
    not_before: dt.datetime | None = None,
    unit: str | None = None,
) -> Issued:
    """A signing certificate for *cn* from *ca*; a new EC key unless *public_key* is given (a token's);
    naming *unit* (OU=DVHC:<code>) when given, as a certificate issued for a commune's officer does."""
    key = None
    if public_key is None:
        key = ec.generate_private_key(ec.SECP256R1())
        public_key = key.public_key()
    start = not_before or NOW - dt.timedelta(hours=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, "UBND xã Hoằng Hoá", unit))
        .issuer_name(ca.cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Issued(key, cert)


def p12(leaf: Issued, ca: Issued, passphrase: str, *more: Issued) -> bytes:
    """The leaf's key and certificate with its issuer's, and *more* authorities up the chain."""
    return pkcs12.serialize_key_and_certificates(
        b"officer",
        leaf.key,
        leaf.cert,
        [ca.cert, *(m.cert for m in more)],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


__all__ = ["Issued", "issue", "make_ca", "make_intermediate", "p12", "pem", "rsa"]
