"""Identities kept in a PKCS#12 file: the officer's own (made by `identity new`) or one issued by a CA.

A new identity is a 3072-bit RSA key and a certificate naming the officer (CN), the position (title) and
the unit ("DVHC:<code>"), valid for five years, in a file encrypted with AES-256 under the passphrase.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from dtdesktop.files import atomic_write_bytes
from dtdesktop.i18n import _
from dtdesktop.signing.certificates import UNIT_PREFIX, SignerInfo, check_validity, describe, to_der
from dtdesktop.signing.errors import IdentityError
from dtdesktop.signing.keys import OpenKey
from dtdesktop.text import nfc
from dtdesktop.units import Unit

KEY_BITS = 3072
VALID_YEARS = 5
MIN_PASSPHRASE = 8
MAX_PKCS12 = 1024 * 1024


@dataclass(frozen=True)
class Identity:
    """A decrypted PKCS#12 file: the key, its certificate and any CA certificates beside it."""

    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def info(self) -> SignerInfo:
        return describe(self.certificate)


def _not_pkcs12() -> str:
    return _("{file} is not an identity file (PKCS#12, .p12 or .pfx).")


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise IdentityError(_("The passphrase must have at least {n} characters.").format(n=MIN_PASSPHRASE))


def _subject(name: str, title: str, unit_ref: str, organisation: str, province: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, nfc(province)),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, nfc(organisation)),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, UNIT_PREFIX + unit_ref),
            x509.NameAttribute(NameOID.TITLE, nfc(title)),
            x509.NameAttribute(NameOID.COMMON_NAME, nfc(name)),
        ]
    )


def create(
    name: str,
    title: str,
    unit_ref: str,
    organisation: str,
    province: str,
    now: dt.datetime | None = None,
) -> Identity:
    """A new key and a self-signed certificate for the officer."""
    name, title = nfc(name).strip(), nfc(title).strip()
    if not name or not title:
        raise IdentityError(_("An identity needs the officer's name and position."))
    now = now or dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    subject = _subject(name, title, unit_ref, organisation, province)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now.replace(year=now.year + VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CODE_SIGNING]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key, cert)


def create_for_unit(name: str, title: str, unit: Unit) -> Identity:
    """A new identity for an officer of *unit* (the committee as organisation, the province as state).
    The committee is written as Vietnamese writes it: "UBND xã Hoằng Hóa", the kind of unit in lower case
    after the committee's name."""
    if unit.full_name.startswith(("Xã ", "Phường ", "Thị trấn ", "Đặc khu ", "Tỉnh ", "Thành phố ")):
        committee = f"UBND {unit.full_name[0].lower()}{unit.full_name[1:]}"
    else:
        committee = f"UBND {unit.full_name}"
    return create(name, title, unit.ref, committee, unit.province_name)


def to_pkcs12(identity: Identity, passphrase: str) -> bytes:
    check_passphrase(passphrase)
    return pkcs12.serialize_key_and_certificates(
        identity.info.name.encode("utf-8"),
        identity.key,
        identity.certificate,
        list(identity.chain) or None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


def save_new(path: Path, identity: Identity, passphrase: str) -> Path:
    """Write a new identity file; never over an existing one, which may hold the only copy of a key."""
    if path.exists():
        message = _("{file} already exists; choose another name (an identity file is never overwritten).")
        raise IdentityError(message.format(file=path))
    return atomic_write_bytes(path, to_pkcs12(identity, passphrase))


def _is_pkcs12(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native is not None
    except (ValueError, TypeError, KeyError):
        return False


def load(path: Path, passphrase: str) -> Identity:
    """Open a PKCS#12 file; a wrong passphrase, a file that is not PKCS#12, or one without a key each get
    their own sentence."""
    try:
        if path.stat().st_size > MAX_PKCS12:
            raise IdentityError(
                _("{file} is not an identity file (PKCS#12, .p12 or .pfx).").format(file=path)
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise IdentityError(
            _("The identity file {file} does not exist; check the path.").format(file=path)
        ) from None
    except OSError as exc:
        raise IdentityError(
            _("The identity file {file} cannot be read ({reason}).").format(file=path, reason=exc.strerror)
        ) from None
    if not _is_pkcs12(data):
        raise IdentityError(_not_pkcs12().format(file=path))
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8") or None)
    except ValueError:
        raise IdentityError(
            _("The passphrase does not open {file}; type it again (letters, accents and case count).").format(
                file=path.name
            )
        ) from None
    if key is None or cert is None:
        raise IdentityError(_("{file} holds no private key and certificate to sign with.").format(file=path))
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise IdentityError(_("The key in {file} is of a kind dtdesktop cannot sign with.").format(file=path))
    return Identity(key, cert, tuple(extra))


def _pyhanko_signer(identity: Identity):
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key_der = identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    chain = [asn1_x509.Certificate.load(to_der(c)) for c in identity.chain]
    return SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(to_der(identity.certificate)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )


@dataclass(frozen=True)
class Pkcs12Key:
    """A SigningKey read from a PKCS#12 file with its passphrase."""

    path: Path
    passphrase: str

    @contextmanager
    def open(self) -> Iterator[OpenKey]:
        identity = load(self.path, self.passphrase)
        check_validity(identity.info)
        yield OpenKey(_pyhanko_signer(identity), identity.certificate)
