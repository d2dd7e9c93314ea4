"""USB tokens (VNPT-CA, Viettel-CA, the Government CA, …) through their PKCS#11 module.

A key is chosen by its certificate's ID or serial number, never by label: labels repeat across tokens
and some vendors leave them empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509

from dtdesktop.i18n import _
from dtdesktop.signing.certificates import SignerInfo, check_validity, describe
from dtdesktop.signing.errors import IdentityError
from dtdesktop.signing.keys import OpenKey


@dataclass(frozen=True)
class TokenCertificate:
    label: str
    id: str  # hex
    info: SignerInfo
    certificate: x509.Certificate = field(repr=False, compare=False)


@dataclass(frozen=True)
class TokenInfo:
    slot: int
    label: str
    manufacturer: str
    model: str
    serial: str
    certificates: tuple[TokenCertificate, ...]


def _library(module: Path):
    import pkcs11

    if not module.is_file():
        raise IdentityError(
            _(
                "The token module {module} does not exist; give the PKCS#11 library of your token (.dll/.so)."
            ).format(module=module)
        )
    try:
        return pkcs11.lib(str(module))
    except (RuntimeError, OSError, pkcs11.PKCS11Error) as exc:
        raise IdentityError(
            _("{module} cannot be loaded as a PKCS#11 module ({reason}).").format(module=module, reason=exc)
        ) from None


def _certificates(session) -> tuple[TokenCertificate, ...]:
    from pkcs11 import Attribute, ObjectClass

    out = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            cert = x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
        except ValueError:
            continue
        try:
            label = str(obj[Attribute.LABEL] or "")
        except Exception:
            label = ""
        try:
            cid = bytes(obj[Attribute.ID] or b"").hex()
        except Exception:
            cid = ""
        out.append(TokenCertificate(label, cid, describe(cert), cert))
    return tuple(out)


def _tokens_present(lib) -> list:
    import pkcs11

    try:
        slots = lib.get_slots(token_present=True)
    except pkcs11.PKCS11Error as exc:
        raise IdentityError(
            _("The token module failed ({reason}).").format(reason=type(exc).__name__)
        ) from None
    # A reader without a card, or a blank token, is no token to sign with.
    slots = [s for s in slots if s.get_token().flags & pkcs11.TokenFlag.TOKEN_INITIALIZED]
    if not slots:
        raise IdentityError(_("No token is plugged in; insert the USB token and try again."))
    return slots


def _text(value: bytes | str) -> str:
    return (value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)).strip()


def _no_match() -> IdentityError:
    return IdentityError(
        _("No certificate on the token matches; `dtdesktop identity tokens` lists what it holds.")
    )


def list_tokens(module: Path) -> list[TokenInfo]:
    """Every token the module sees and the certificates on it (public objects: no PIN needed)."""
    import pkcs11

    lib = _library(module)
    out = []
    for slot in _tokens_present(lib):
        token = slot.get_token()
        try:
            with token.open() as session:
                certs = _certificates(session)
        except pkcs11.PKCS11Error:
            certs = ()
        out.append(
            TokenInfo(
                slot=slot.slot_id,
                label=token.label.strip(),
                manufacturer=token.manufacturer_id.strip(),
                model=token.model.strip(),
                serial=(
                    token.serial.decode("ascii", "replace")
                    if isinstance(token.serial, bytes)
                    else str(token.serial)
                ).strip(),
                certificates=certs,
            )
        )
    return out


def _pick(certs: tuple[TokenCertificate, ...], cert_id: str | None, serial: str | None) -> TokenCertificate:
    if cert_id:
        wanted = cert_id.lower().removeprefix("0x")
        found = [c for c in certs if c.id == wanted]
    elif serial:
        wanted = serial.upper().removeprefix("0X")
        found = [c for c in certs if c.info.serial == wanted or str(int(c.info.serial, 16)) == serial]
    else:
        found = list(certs)
        if len(found) > 1:
            raise IdentityError(
                _(
                    "The token holds {n} certificates; choose one with --cert-id or --cert-serial "
                    "(`dtdesktop identity tokens` lists them)."
                ).format(n=len(found))
            )
    if not found:
        raise _no_match()
    return found[0]


@dataclass(frozen=True)
class TokenKey:
    """A SigningKey on a PKCS#11 token, opened with the user's PIN for one signing."""

    module: Path
    pin: str
    token_label: str | None = None
    cert_id: str | None = None
    cert_serial: str | None = None

    @contextmanager
    def open(self) -> Iterator[OpenKey]:
        import pkcs11
        from pyhanko.sign.pkcs11 import PKCS11Signer

        lib = _library(self.module)
        slots = _tokens_present(lib)
        tokens = [s.get_token() for s in slots]
        if self.token_label:
            tokens = [t for t in tokens if t.label.strip() == self.token_label]
            if not tokens:
                raise IdentityError(
                    _("No token labelled “{label}” is plugged in.").format(label=self.token_label)
                )
        errors = {
            pkcs11.PinIncorrect: _("The PIN is wrong; type it again (the token locks after a few tries)."),
            pkcs11.PinLocked: _(
                "The token is locked after too many wrong PINs; ask its issuer to unlock it."
            ),
            pkcs11.PinLenRange: _("The PIN has the wrong length for this token."),
        }
        for n, token in enumerate(tokens, 1):
            try:
                session = token.open(user_pin=self.pin)
            except tuple(errors) as exc:
                raise IdentityError(errors[type(exc)]) from None
            except pkcs11.PKCS11Error as exc:
                message = _("The token cannot be opened ({reason}).")
                raise IdentityError(message.format(reason=type(exc).__name__)) from None
            try:
                try:
                    chosen = _pick(_certificates(session), self.cert_id, self.cert_serial)
                except IdentityError:
                    if n < len(tokens):
                        continue  # look on the next token
                    raise
                check_validity(chosen.info)
                key_id = bytes.fromhex(chosen.id)
                yield OpenKey(PKCS11Signer(session, cert_id=key_id, key_id=key_id), chosen.certificate)
                return
            finally:
                session.close()
        raise _no_match()
