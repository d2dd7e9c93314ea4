"""Where a signature comes from: a PKCS#12 file or a PKCS#11 token, both opened the same way.

`SigningKey.open()` yields a pyHanko signer and the signer's certificate for the length of one signing,
so that a token session is always closed and a decrypted key never outlives the export.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from cryptography import x509

if TYPE_CHECKING:  # pyHanko is imported only when something is signed: the other commands start faster
    from pyhanko.sign.signers import Signer


@dataclass(frozen=True)
class OpenKey:
    signer: Signer
    certificate: x509.Certificate


class SigningKey(Protocol):
    def open(self) -> AbstractContextManager[OpenKey]:
        """The signer, ready to sign; raises IdentityError with a sentence saying what is wrong."""
        ...
