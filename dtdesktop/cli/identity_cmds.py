"""`dtdesktop identity new|show|cert|tokens`: the officer's signing identity."""

from __future__ import annotations

import argparse
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from dtdesktop.cli import secrets
from dtdesktop.cli.errors import EXIT_OK, UserError
from dtdesktop.cli.output import print_json, print_line
from dtdesktop.files import atomic_write_bytes
from dtdesktop.i18n import _, current_language
from dtdesktop.signing import pkcs12_file
from dtdesktop.signing.certificates import SignerInfo
from dtdesktop.text import format_date
from dtdesktop.units import find


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("identity", help=_("create and inspect signing identities"))
    verbs = p.add_subparsers(dest="verb", metavar=_("VERB"), required=True)

    new = verbs.add_parser("new", help=_("create a key and certificate in a PKCS#12 file"))
    new.add_argument("--name", required=True, metavar=_("NAME"), help=_("the officer's full name"))
    new.add_argument("--title", required=True, metavar=_("POSITION"), help=_("the officer's position"))
    new.add_argument("--unit", required=True, metavar=_("CODE"), help=_("the commune's code"))
    new.add_argument("--out", required=True, type=Path, metavar=_("FILE.p12"), help=_("the file to write"))
    new.add_argument("--json", action="store_true", help=_("print JSON"))
    new.set_defaults(func=cmd_new)

    show = verbs.add_parser("show", help=_("show who a PKCS#12 file names"))
    show.add_argument("file", type=Path, metavar=_("FILE.p12"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    show.set_defaults(func=cmd_show)

    cert = verbs.add_parser("cert", help=_("write the certificate alone, for a reviewer's trust list"))
    cert.add_argument("file", type=Path, metavar=_("FILE.p12"))
    cert.add_argument("--out", required=True, type=Path, metavar=_("FILE.pem"))
    cert.set_defaults(func=cmd_cert)

    tokens = verbs.add_parser(
        "tokens", help=_("list the tokens a PKCS#11 module sees and their certificates")
    )
    tokens.add_argument("--module", required=True, type=Path, metavar=_("PATH"), help=_("PKCS#11 library"))
    tokens.add_argument("--json", action="store_true", help=_("print JSON"))
    tokens.set_defaults(func=cmd_tokens)


def print_signer(info: SignerInfo) -> None:
    lang = current_language()
    print_line(_("Name: {name}").format(name=info.name))
    if info.title:
        print_line(_("Position: {title}").format(title=info.title))
    if info.organisation:
        print_line(_("Organisation: {org}").format(org=info.organisation))
    if info.unit:
        print_line(_("Unit code: {unit}").format(unit=info.unit))
    print_line(_("Certificate issuer: {issuer}").format(issuer=info.issuer))
    print_line(
        _("Valid: {start} to {end}").format(
            start=format_date(info.not_before.date(), lang), end=format_date(info.not_after.date(), lang)
        )
    )
    print_line(_("Serial: {serial}").format(serial=info.serial))
    print_line(_("SHA-256: {fingerprint}").format(fingerprint=info.fingerprint))


def cmd_new(args: argparse.Namespace) -> int:
    unit = find(args.unit)
    if unit is None:
        raise UserError(
            _("There is no unit with code {code}; `dtdesktop units search NAME` finds it.").format(
                code=args.unit
            )
        )
    if args.out.exists():
        raise UserError(
            _("{file} already exists; choose another name (an identity file is never overwritten).").format(
                file=args.out
            )
        )
    passphrase = secrets.new_passphrase()
    pkcs12_file.check_passphrase(passphrase)
    identity = pkcs12_file.create_for_unit(args.name, args.title, unit)
    pkcs12_file.save_new(args.out, identity, passphrase)
    if args.json:
        print_json({"file": str(args.out), **identity.info.to_json()})
    else:
        print_line(_("Identity written to {file}.").format(file=args.out))
        print_signer(identity.info)
        print_line(
            _("Keep the file and its passphrase safe; give reviewers the certificate (identity cert).")
        )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    identity = pkcs12_file.load(args.file, secrets.passphrase())
    if args.json:
        print_json(identity.info.to_json())
    else:
        print_signer(identity.info)
    return EXIT_OK


def cmd_cert(args: argparse.Namespace) -> int:
    identity = pkcs12_file.load(args.file, secrets.passphrase())
    atomic_write_bytes(args.out, identity.certificate.public_bytes(serialization.Encoding.PEM))
    print_line(_("Certificate of {name} written to {file}.").format(name=identity.info.name, file=args.out))
    return EXIT_OK


def cmd_tokens(args: argparse.Namespace) -> int:
    from dtdesktop.signing.tokens import list_tokens

    tokens = list_tokens(args.module)
    if args.json:
        print_json(
            [
                {
                    "slot": t.slot,
                    "label": t.label,
                    "manufacturer": t.manufacturer,
                    "model": t.model,
                    "serial": t.serial,
                    "certificates": [
                        {"id": c.id, "label": c.label, **c.info.to_json()} for c in t.certificates
                    ],
                }
                for t in tokens
            ]
        )
        return EXIT_OK
    for t in tokens:
        print_line(
            _("Token “{label}” ({manufacturer} {model}, serial {serial}), slot {slot}:").format(
                label=t.label, manufacturer=t.manufacturer, model=t.model, serial=t.serial, slot=t.slot
            )
        )
        if not t.certificates:
            print_line("  " + _("no certificates"))
        for c in t.certificates:
            print_line(
                "  "
                + _("ID {id} · serial {serial} · {name} · valid to {end}").format(
                    id=c.id or "—",
                    serial=c.info.serial,
                    name=c.info.name,
                    end=format_date(c.info.not_after.date(), current_language()),
                )
            )
    return EXIT_OK
