"""What a certificate says about its holder, and the trust list a reviewer gives (`--trust PEM|DIR`).

dtdesktop writes the officer's unit into the subject as an organizational unit "DVHC:<code>" (the
administrative unit code of the General Statistics Office), so that a verifier can tell whether the
signer belongs to the unit the assessment is about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from dtdesktop.i18n import _, current_language
from dtdesktop.signing.errors import IdentityError
from dtdesktop.text import format_date, nfc

UNIT_PREFIX = "DVHC:"
CertificateKind = Literal["self_made", "ca_issued"]
MAX_TRUST_FILE = 5 * 1024 * 1024
TRUST_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


@dataclass(frozen=True, slots=True)
class SignerInfo:
    name: str
    title: str | None
    unit: str | None
    organisation: str | None
    serial: str
    fingerprint: str
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime
    self_signed: bool

    @property
    def kind(self) -> CertificateKind:
        """Who vouches for the holder: nobody but the holder (a certificate made on a computer, such as
        `identity new` makes: issuer and subject are the same), or the authority that issued it."""
        return "self_made" if self.self_signed else "ca_issued"

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "unit": self.unit,
            "organisation": self.organisation,
            "serial": self.serial,
            "sha256": self.fingerprint,
            "issuer": self.issuer,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "self_signed": self.self_signed,
            "kind": self.kind,
        }


def _first(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return nfc(str(values[0].value)) if values else None


def unit_of(name: x509.Name) -> str | None:
    for attr in name.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME):
        value = str(attr.value)
        if value.startswith(UNIT_PREFIX):
            return value[len(UNIT_PREFIX) :]
    return None


def describe(cert: x509.Certificate) -> SignerInfo:
    subject = cert.subject
    issuer = _first(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string()
    return SignerInfo(
        name=_first(subject, NameOID.COMMON_NAME) or subject.rfc4514_string(),
        title=_first(subject, NameOID.TITLE),
        unit=unit_of(subject),
        organisation=_first(subject, NameOID.ORGANIZATION_NAME),
        serial=format(cert.serial_number, "X"),
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
        issuer=nfc(issuer),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        self_signed=cert.issuer == cert.subject,
    )


def kind_sentence(info: SignerInfo) -> str:
    """What the signature is worth, said plainly to whoever reads a signed file (the report, `verify`): a
    certificate made on a computer is not a legally recognised digital signature."""
    if info.kind == "self_made":
        return _(
            "The certificate was made on the signer's own computer: it is recognised only by the reviewers "
            "who have registered it, and it is not a legally recognised digital signature."
        )
    return _("The certificate was issued by {issuer}.").format(issuer=info.issuer)


def from_der(data: bytes) -> x509.Certificate:
    return x509.load_der_x509_certificate(data)


def to_der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def _read_certificates(path: Path) -> list[x509.Certificate]:
    try:
        if path.stat().st_size > MAX_TRUST_FILE:
            raise IdentityError(_("{file} is too large to be a certificate file.").format(file=path))
        data = path.read_bytes()
    except FileNotFoundError:
        raise IdentityError(
            _("The trust file {file} does not exist; check the path.").format(file=path)
        ) from None
    except OSError as exc:
        raise IdentityError(
            _("The trust file {file} cannot be read ({reason}).").format(file=path, reason=exc.strerror)
        ) from None
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise IdentityError(
            _("{file} holds no certificate; give PEM or DER certificate files (.pem, .crt, .cer).").format(
                file=path
            )
        ) from None


def load_trust(paths: list[Path]) -> list[x509.Certificate]:
    """Every certificate in the given files and folders (a folder: its .pem/.crt/.cer/.der files)."""
    certs: list[x509.Certificate] = []
    for path in paths:
        for f in trust_files(path):
            certs += _read_certificates(f)
    return certs


def trust_files(path: Path) -> list[Path]:
    """The certificate files *path* names: itself, or a folder's .pem/.crt/.cer/.der files (so that a
    refusal can name the one file at fault)."""
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in TRUST_SUFFIXES and p.is_file())
    if not files:
        raise IdentityError(
            _("The folder {folder} holds no certificate files (.pem, .crt, .cer).").format(folder=path)
        )
    return files


def check_validity(info: SignerInfo, now: dt.datetime | None = None) -> None:
    """Refuse to sign with a certificate outside its validity period."""
    now = now or dt.datetime.now(dt.UTC)
    if now > info.not_after:
        raise IdentityError(
            _(
                "The certificate of {name} expired on {date}; ask for a new one or create a new identity."
            ).format(name=info.name, date=format_date(info.not_after.date(), current_language()))
        )
    if now < info.not_before:
        raise IdentityError(
            _("The certificate of {name} is valid only from {date}; check the computer's clock.").format(
                name=info.name, date=format_date(info.not_before.date(), current_language())
            )
        )
