"""`dtdesktop backup --out FILE` and `dtdesktop restore FILE`, with the officer's identity file."""

from __future__ import annotations

import argparse
from pathlib import Path

from dtdesktop import profile as profiles
from dtdesktop.cli.context import open_store
from dtdesktop.cli.errors import EXIT_OK, UsageError
from dtdesktop.cli.output import print_line
from dtdesktop.i18n import _
from dtdesktop.storage.backup import backup, restore, restore_identity


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help=_("write a consistent copy of the data while it is in use"))
    b.add_argument("--out", required=True, type=Path, metavar=_("FILE"), help=_("the backup file to write"))
    b.add_argument(
        "--identity",
        type=Path,
        metavar=_("FILE.p12"),
        help=_("the identity file to keep in the backup (default: the one the window signs with)"),
    )
    b.add_argument(
        "--without-identity", action="store_true", help=_("do not keep the identity file in the backup")
    )
    b.set_defaults(func=cmd_backup)
    r = sub.add_parser("restore", help=_("replace the data by a backup (the current data is kept aside)"))
    r.add_argument("file", type=Path, metavar=_("FILE"), help=_("a backup written by `dtdesktop backup`"))
    r.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    if args.identity and args.without_identity:
        raise UsageError(_("Give either --identity FILE.p12 or --without-identity, not both."))
    identity = None if args.without_identity else args.identity or profile_identity()
    out = backup(open_store(args), args.out, identity=identity)
    print_line(_("Backup written to {file}.").format(file=out))
    if identity is not None:
        print_line(_("It also keeps the identity file {file}, encrypted as it is.").format(file=identity))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    kept = restore(open_store(args), args.file)
    print_line(
        _("Restored from {file}; the data as it was is kept in {kept}.").format(file=args.file, kept=kept)
    )
    identity = restore_identity(args.file, profile_identity(existing=False))
    if identity is not None:
        print_line(_("The identity file is in {file}.").format(file=identity))
    return EXIT_OK


def profile_identity(existing: bool = True) -> Path | None:
    """The identity file the officer's window signs with (a PKCS#12 file, not a token), if there is one."""
    ident = profiles.load().identity
    if ident is None or ident.kind != "pkcs12" or not ident.path:
        return None
    path = Path(ident.path)
    return path if path.is_file() or not existing else None
