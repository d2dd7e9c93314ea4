"""The CMS signature of a submission, checked here with `cryptography`: who signed, that the signature over
the signed attributes holds, that the digest signed is the digest of the file's signed ranges, and whether
the signer's certificate chains to a trusted anchor, certificate by certificate, at the time of signing.

Everything a gate needs and nothing it does not (no network, no revocation fetching): faster than a full
PAdES validator by an order of magnitude, and its verdict rests on this code's own reading of the bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from asn1crypto import cms, tsp
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from dtdesktop.signing.trust import TrustContext, fingerprint

# asn1crypto builds its name → OID table for CMS attributes the first time a signature is read here; a
# name registered after that (importing asn1crypto.tsp registers signing_certificate_v2, which signing
# needs) would never be found, and a process that checked a file before signing one (the officer's window
# importing a decision, then sending) could not sign. Imported first, it is always there.
_REGISTERED_FIRST = tsp

_HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}
MAX_CHAIN = 6
MAX_CERTS = 20


class SignatureProblem(Exception):
    """The signature cannot be accepted; `code` names why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CheckedSignature:
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # from the signer up to an anchor, when one was reached


def check(
    der: bytes, signed: Iterable[bytes | memoryview]
) -> tuple[x509.Certificate, tuple[x509.Certificate, ...]]:
    """The signer's certificate and the other certificates carried, once the signature over the
    concatenation of the *signed* pieces holds; SignatureProblem otherwise."""
    try:
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            raise SignatureProblem("not_signed_data")
        sd = info["content"]
        signers = sd["signer_infos"]
        carried = [c.chosen for c in sd["certificates"] or [] if c.name == "certificate"]
    except Exception as exc:  # asn1crypto raises many kinds on hostile DER: all mean "damaged"
        raise SignatureProblem("signature_damaged") from exc
    if len(signers) != 1 or not carried or len(carried) > MAX_CERTS:
        raise SignatureProblem("signature_damaged")
    si = signers[0]
    try:
        certs = [x509.load_der_x509_certificate(c.dump()) for c in carried]
        sid = si["sid"]
        if sid.name == "issuer_and_serial_number":
            serial = sid.chosen["serial_number"].native
            issuer = sid.chosen["issuer"].dump()
            matches = [
                c
                for c, a in zip(certs, carried, strict=True)
                if a.serial_number == serial and a.issuer.dump() == issuer
            ]
        else:
            key_id = sid.chosen.native
            matches = [c for c, a in zip(certs, carried, strict=True) if a.key_identifier == key_id]
        algorithm = si["digest_algorithm"]["algorithm"].native
        attrs = si["signed_attrs"]
        by_type = {a["type"].native: a["values"] for a in attrs}
        claimed = by_type["message_digest"][0].native
        content_type = by_type["content_type"][0].native
        signature = si["signature"].native
        sig_algo = si["signature_algorithm"]
        sig_name = sig_algo.signature_algo
        to_verify = attrs.untag().dump()  # signed with the SET OF tag, not the [0] it is stored under
    except Exception as exc:  # a certificate of version 4, an unknown key type…: damaged, never a crash
        raise SignatureProblem("signature_damaged") from exc
    if len(matches) != 1 or algorithm not in _HASHES or content_type != "data":
        raise SignatureProblem("signature_damaged")
    digest = hashlib.new(algorithm)
    for piece in signed:
        digest.update(piece)
    if digest.digest() != claimed:
        raise SignatureProblem("digest_mismatch")
    cert = matches[0]
    try:
        key = cert.public_key()
    except Exception as exc:  # an algorithm the library does not know
        raise SignatureProblem("unsupported_algorithm") from exc
    _verify(key, signature, to_verify, algorithm, sig_name, sig_algo)
    return cert, tuple(c for c in certs if c is not cert), (algorithm, digest.digest())


def _verify(key, signature: bytes, data: bytes, algorithm: str, sig_name: str, sig_algo) -> None:
    digest = _HASHES[algorithm]()
    try:
        if isinstance(key, rsa.RSAPublicKey) and sig_name == "rsassa_pss":
            params = sig_algo["parameters"]
            pss_hash = _HASHES.get(params["hash_algorithm"]["algorithm"].native)
            if pss_hash is None:
                raise SignatureProblem("signature_invalid")
            pad = padding.PSS(padding.MGF1(pss_hash()), params["salt_length"].native)
            key.verify(signature, data, pad, pss_hash())
        elif isinstance(key, rsa.RSAPublicKey) and sig_name == "rsassa_pkcs1v15":
            key.verify(signature, data, padding.PKCS1v15(), digest)
        elif isinstance(key, ec.EllipticCurvePublicKey) and sig_name == "ecdsa":
            key.verify(signature, data, ec.ECDSA(digest))
        else:
            raise SignatureProblem("unsupported_algorithm")
    except SignatureProblem:
        raise
    except InvalidSignature as exc:
        raise SignatureProblem("signature_invalid") from exc
    except Exception as exc:  # parameters built to break the library (a salt of 2**40 bytes…)
        raise SignatureProblem("signature_damaged") from exc


def chain_to_anchor(
    leaf: x509.Certificate, carried: tuple[x509.Certificate, ...], trust: TrustContext, when: dt.datetime
) -> tuple[x509.Certificate, ...] | None:
    """The chain from *leaf* to a trusted root, each certificate issued by the next and valid at *when*
    (intermediates must be CAs); None when no such chain exists. A registered officer's certificate is
    trusted as itself only, never as an issuer: registering a CA's certificate for a unit must not make
    every certificate it issued a trusted signer."""
    if fingerprint(leaf) in trust.registered:
        return (leaf,)
    anchors = {fingerprint(a) for a in trust.roots}
    pool = [*carried, *trust.roots]
    chain = [leaf]
    current = leaf
    for _ in range(MAX_CHAIN):
        if fingerprint(current) in anchors:
            return tuple(chain)
        issuer = _issuer_of(current, pool, when)
        if issuer is None or issuer in chain:
            return None
        chain.append(issuer)
        current = issuer
    return None


def _issuer_of(
    cert: x509.Certificate, pool: list[x509.Certificate], when: dt.datetime
) -> x509.Certificate | None:
    for candidate in pool:
        if candidate.subject != cert.issuer or candidate is cert:
            continue
        if not _is_ca(candidate) or not _valid_at(candidate, when):
            continue
        try:
            cert.verify_directly_issued_by(candidate)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return candidate
    return None


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _valid_at(cert: x509.Certificate, when: dt.datetime) -> bool:
    return cert.not_valid_before_utc <= when <= cert.not_valid_after_utc


_PDF_DATE = re.compile(rb"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?'?")


def pdf_date(raw: bytes) -> dt.datetime | None:
    """A PDF date string (D:YYYYMMDDHHmmSS+hh'mm') as an aware datetime, or None."""
    m = _PDF_DATE.match(raw)
    if m is None:
        return None
    year, month, day, hour, minute, second, sign, tzh, tzm = m.groups()
    try:
        value = dt.datetime(
            int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return None
    hours, minutes = int(tzh or 0), int(tzm or 0)
    if hours > 23 or minutes > 59:
        return None
    offset = dt.timedelta(hours=hours, minutes=minutes)
    if sign == b"-":
        offset = -offset
    return value.replace(tzinfo=dt.timezone(offset) if sign and sign not in (b"Z", b"z") else dt.UTC)
