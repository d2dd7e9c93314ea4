"""What a verification trusts: roots, and certificates registered for the units their holders sign for.

Pure data, built by the reviewer's store (`dtdesktop.review.trust`) or from files given for one run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from cryptography import x509

from dtdesktop.signing.certificates import to_der


def fingerprint(cert: x509.Certificate) -> str:
    """The SHA-256 of the certificate's DER, in lowercase hex: how a certificate is named here."""
    return hashlib.sha256(to_der(cert)).hexdigest()


def spaced(fp: str) -> str:
    """A fingerprint as people read it aloud and compare it: groups of four."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4)).upper()


@dataclass(frozen=True)
class TrustContext:
    """What a verification trusts: the roots, and the units each certificate is registered for."""

    roots: tuple[x509.Certificate, ...] = ()
    registered: dict[str, frozenset[str]] = field(default_factory=dict)  # fingerprint → unit codes
    officers: tuple[x509.Certificate, ...] = ()  # registered certificates, trusted as themselves

    @property
    def empty(self) -> bool:
        return not self.roots and not self.registered

    @property
    def anchors(self) -> tuple[x509.Certificate, ...]:
        """Everything a chain may end at: the roots and the registered officers' own certificates."""
        return self.roots + self.officers

    def units_of(self, cert: x509.Certificate) -> frozenset[str]:
        return self.registered.get(fingerprint(cert), frozenset())

    def with_roots(self, extra: Iterable[x509.Certificate]) -> TrustContext:
        """This context plus certificates given for one run (`--trust`), trusted as roots."""
        known = {fingerprint(c) for c in self.roots}
        added = tuple(c for c in extra if fingerprint(c) not in known)
        return TrustContext(self.roots + added, self.registered, self.officers)
