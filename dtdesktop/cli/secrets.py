"""Passphrases and PINs: from the environment for scripts, else asked at the terminal without echo."""

from __future__ import annotations

import getpass
import os
import sys

from dtdesktop.cli.errors import UserError
from dtdesktop.i18n import _
from dtdesktop.text import nfc


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise UserError(
            _("No terminal to ask for the secret; set DTDESKTOP_PASSPHRASE (or DTDESKTOP_PIN for a token).")
        )
    try:
        return nfc(getpass.getpass(prompt))
    except EOFError:
        raise UserError(_("No passphrase was given.")) from None


def passphrase(prompt: str | None = None) -> str:
    """The passphrase of an identity file: env DTDESKTOP_PASSPHRASE, else asked."""
    env = os.environ.get("DTDESKTOP_PASSPHRASE")
    if env is not None:
        return nfc(env)
    return _ask(prompt or _("Passphrase of the identity file: "))


def new_passphrase() -> str:
    """A passphrase for a new identity, typed twice when asked."""
    env = os.environ.get("DTDESKTOP_PASSPHRASE")
    if env is not None:
        return nfc(env)
    first = _ask(_("New passphrase (at least 8 characters): "))
    if _ask(_("Type the passphrase again: ")) != first:
        raise UserError(_("The two passphrases differ; nothing was written. Try again."))
    return first


def pin() -> str:
    """The PIN of a token: env DTDESKTOP_PIN, else asked."""
    env = os.environ.get("DTDESKTOP_PIN")
    if env is not None:
        return env
    return _ask(_("PIN of the token: "))
