"""Signing identities (PKCS#12 files and PKCS#11 tokens) and the PAdES signature of a PDF (pyHanko)."""

from dtdesktop.signing.certificates import SignerInfo, describe
from dtdesktop.signing.errors import IdentityError

__all__ = ["IdentityError", "SignerInfo", "describe"]
