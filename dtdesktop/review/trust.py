"""The reviewer's trust list: whom to believe, and for which communes.

Trust binds a person to a unit. A root (the Government CA, VNPT-CA, Viettel-CA, or a province's own CA)
makes every certificate that chains to it a trusted *person*; whether that person may sign for a commune is
a second question: only if the certificate names the unit (`OU=DVHC:<code>`) or the reviewer registered the
certificate for it. An officer's self-made certificate becomes trusted by being registered for its units.
Every change is audited.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from dtdesktop.i18n import _
from dtdesktop.signing.certificates import describe, to_der
from dtdesktop.signing.trust import TrustContext, fingerprint
from dtdesktop.storage import Store
from dtdesktop.storage.assessments import default_actor
from dtdesktop.storage.models import AuditRow, CertificateUnitRow, TrustedCertificateRow


class TrustError(Exception):
    """A change to the trust list that cannot be made; the message says why."""


@dataclass(frozen=True, slots=True)
class TrustEntry:
    fingerprint: str
    subject: str
    role: str  # "root" or "officer"
    not_after: dt.datetime
    units: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "fingerprint": self.fingerprint,
            "subject": self.subject,
            "role": self.role,
            "not_after": self.not_after.isoformat(),
            "units": list(self.units),
        }


def _audit(s, action: str, fp: str, detail: dict[str, object]) -> None:
    s.add(
        AuditRow(
            actor=default_actor(),
            assessment_id=None,
            action=action,
            key=fp[:64],
            new_value=json.dumps(detail, ensure_ascii=False),
        )
    )


def _row(s, cert: x509.Certificate, role: str) -> TrustedCertificateRow:
    fp = fingerprint(cert)
    row = s.get(TrustedCertificateRow, fp)
    if row is None:
        info = describe(cert)
        row = TrustedCertificateRow(
            fingerprint=fp,
            der=to_der(cert),
            subject=cert.subject.rfc4514_string({NameOID.TITLE: "title"}),
            role=role,
            not_after=info.not_after,
        )
        s.add(row)
        s.flush()
    elif role == "root" and row.role != "root":
        row.role = "root"
    return row


def is_authority(cert: x509.Certificate) -> bool:
    """Whether *cert* is a certification authority's (BasicConstraints ca=True): only such a certificate
    issues others, so only it is worth trusting as a root."""
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def refuse_if_not_authority(certs: Iterable[x509.Certificate], source: str | Path | None = None) -> None:
    """TrustError for the first of *certs* that belongs to a person rather than to an authority, before
    anything is trusted. A root vouches for every certificate it issued; a person's own certificate is
    registered for its units instead, or it would be trusted for whatever unit it names (a certificate made
    on a computer names the unit its maker chose). With *source* (the file given on the command line), the
    sentence ends with the command that registers it."""
    for cert in certs:
        if is_authority(cert):
            continue
        info = describe(cert)
        message = _(
            "The certificate of {name} belongs to a person, not to a certificate authority, so it was "
            "not added as a root. Register it for the units its holder signs for instead."
        ).format(name=info.name)
        if source is not None:
            unit = (info.unit or "").split("@")[0] or _("CODE")
            how = _('To register it for a unit: dtdesktop trust add "{file}" --unit {unit}')
            message += " " + how.format(file=source, unit=unit)
        raise TrustError(message)


def add_roots(store: Store, certs: list[x509.Certificate]) -> list[str]:
    """Trust *certs* as roots; returns their fingerprints. Adding one already there changes nothing."""
    out = []
    with store.transaction() as s:
        for cert in certs:
            existed = s.get(TrustedCertificateRow, fingerprint(cert)) is not None
            row = _row(s, cert, "root")
            if not existed:
                _audit(s, "trust_add", row.fingerprint, {"role": "root", "subject": row.subject})
            out.append(row.fingerprint)
    return out


def register(store: Store, cert: x509.Certificate, units: Iterable[str]) -> str:
    """Register *cert*'s holder as allowed to sign for *units*; returns the fingerprint."""
    codes = sorted({u.strip() for u in units if u.strip()})
    if not codes:
        raise TrustError(_("Name the unit the certificate is registered for (--unit CODE)."))
    with store.transaction() as s:
        return register_in(s, cert, codes)


def register_in(s, cert: x509.Certificate, codes: Iterable[str]) -> str:
    """`register` inside a transaction already open (a criteria decision installs its reviewers with its
    catalog, in one)."""
    row = _row(s, cert, "officer")
    have = {u.unit_code for u in row.units}
    for code in codes:
        if code not in have:
            row.units.append(CertificateUnitRow(fingerprint=row.fingerprint, unit_code=code))
            _audit(s, "trust_register", row.fingerprint, {"unit": code, "subject": row.subject})
    return row.fingerprint


def remove(store: Store, prefix: str) -> TrustEntry:
    """Remove the certificate whose fingerprint starts with *prefix* (8 hex digits at least)."""
    wanted = prefix.replace(" ", "").replace(":", "").lower()
    if len(wanted) < 8 or any(c not in "0123456789abcdef" for c in wanted):
        raise TrustError(_("Give at least the first 8 hexadecimal digits of the fingerprint."))
    with store.transaction() as s:
        rows = s.scalars(
            select(TrustedCertificateRow).where(TrustedCertificateRow.fingerprint.startswith(wanted))
        ).all()
        if not rows:
            raise TrustError(_("No trusted certificate has this fingerprint; `trust list` shows them."))
        if len(rows) > 1:
            raise TrustError(_("Several certificates start with these digits; give more of them."))
        entry = _entry(rows[0])
        _audit(s, "trust_remove", entry.fingerprint, {"subject": entry.subject, "units": list(entry.units)})
        s.delete(rows[0])
    return entry


def _entry(row: TrustedCertificateRow) -> TrustEntry:
    not_after = row.not_after if row.not_after.tzinfo else row.not_after.replace(tzinfo=dt.UTC)
    return TrustEntry(
        row.fingerprint, row.subject, row.role, not_after, tuple(u.unit_code for u in row.units)
    )


def entries(store: Store) -> list[TrustEntry]:
    with store.reading() as s:
        rows = s.scalars(
            select(TrustedCertificateRow).order_by(TrustedCertificateRow.role, TrustedCertificateRow.subject)
        )
        return [_entry(r) for r in rows.unique()]


def context(store: Store | None, extra: Iterable[x509.Certificate] = ()) -> TrustContext:
    """The store's trust list, plus *extra* certificates trusted as roots for this run."""
    roots: list[x509.Certificate] = []
    officers: list[x509.Certificate] = []
    registered: dict[str, frozenset[str]] = {}
    if store is not None:
        with store.reading() as s:
            for row in s.scalars(select(TrustedCertificateRow)).unique():
                cert = x509.load_der_x509_certificate(row.der)
                units = frozenset(u.unit_code for u in row.units)
                if row.role == "root":
                    roots.append(cert)
                if units:
                    registered[row.fingerprint] = units
                    officers.append(cert)
    return TrustContext(tuple(roots), registered, tuple(officers)).with_roots(extra)
