"""The trust list as the reviewer's window shows it, and the files a certificate is taken from there.

`trust.entries` says what the store holds; the window also needs what each certificate says of its holder
(name, position, issuer, validity), and a certificate taken from a file the reviewer picks: a PEM/DER file
(bounded before it is parsed) or the signer of a genuine submission. Every refusal is a TrustError whose
message is the sentence the reviewer reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from sqlalchemy import select

from dtdesktop.i18n import _, current_language
from dtdesktop.review.trust import TrustEntry, TrustError, _entry
from dtdesktop.signing.certificates import SignerInfo, describe, load_trust
from dtdesktop.signing.errors import IdentityError
from dtdesktop.storage import Store
from dtdesktop.storage.models import TrustedCertificateRow
from dtdesktop.text import format_date, safe


@dataclass(frozen=True)
class TrustedCertificate:
    """One certificate of the trust list with what it says of its holder."""

    entry: TrustEntry
    info: SignerInfo
    certificate: x509.Certificate

    @property
    def kind(self) -> str:
        """ "root"; "province" for a certificate registered only for provinces (the province's reviewers
        and publishers); else "officer" (a commune's)."""
        if self.entry.role == "root":
            return "root"
        if self.entry.units and all(_is_province(u) for u in self.entry.units):
            return "province"
        return "officer"

    def expired(self, now: dt.datetime | None = None) -> bool:
        return (now or dt.datetime.now(dt.UTC)) > self.info.not_after


def _is_province(ref: str) -> bool:
    from dtdesktop.units import find

    unit = find(ref)
    return unit is not None and unit.level == "province"


def detailed(store: Store) -> list[TrustedCertificate]:
    """Every trusted certificate, roots first, then by holder's name (runs on the store's worker)."""
    with store.reading() as s:
        rows = s.scalars(select(TrustedCertificateRow)).unique().all()
        out = []
        for row in rows:
            cert = x509.load_der_x509_certificate(row.der)
            out.append(TrustedCertificate(_entry(row), describe(cert), cert))
    out.sort(key=lambda t: (t.entry.role != "root", t.info.name.casefold()))
    return out


def check_current(cert: x509.Certificate, now: dt.datetime | None = None) -> SignerInfo:
    """Refuse a certificate outside its validity period: a file it signs could never be accepted."""
    info = describe(cert)
    now = now or dt.datetime.now(dt.UTC)
    lang = current_language()
    if now > info.not_after:
        raise TrustError(
            _(
                "The certificate of {name} expired on {date}, so it was not added. Ask its holder for the "
                "current certificate."
            ).format(name=safe(info.name, 80), date=format_date(info.not_after.date(), lang))
        )
    if now < info.not_before:
        raise TrustError(
            _(
                "The certificate of {name} is valid only from {date}, so it was not added; check the "
                "computer's clock."
            ).format(name=safe(info.name, 80), date=format_date(info.not_before.date(), lang))
        )
    return info


def certificates_in(path: Path, now: dt.datetime | None = None) -> list[x509.Certificate]:
    """The certificates of a PEM/DER/CRT file, each still valid; the size is checked before it is read."""
    try:
        certs = load_trust([path])
    except IdentityError as exc:
        raise TrustError(str(exc)) from None
    if not certs:
        raise TrustError(
            _("{file} holds no certificate; give PEM or DER certificate files (.pem, .crt, .cer).").format(
                file=path.name
            )
        )
    for cert in certs:
        check_current(cert, now)
    return certs


def submission_signer(path: Path, store: Store | None = None) -> tuple[x509.Certificate, str]:
    """The signer's certificate and unit of a genuine submission file (a forged or damaged one is refused);
    the file is read bounded by the same gate as an import."""
    from dtdesktop.exchange.verify import verify_file
    from dtdesktop.review.library import catalog_book

    v = verify_file(path, None, catalog_book(store) if store is not None else None)
    invalid = [r for r in v.reasons if r.verdict == "invalid"]
    if v.signer_certificate is None or v.header is None or invalid:
        reason = invalid[0].message if invalid else ""
        raise TrustError(
            _("{file} is not a genuine submission, so its signer cannot be registered. {reason}")
            .format(file=path.name, reason=reason)
            .strip()
        )
    return v.signer_certificate, v.header.unit_ref
