"""`dtdesktop backup --out FILE` and `dtdesktop restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from dtdesktop.cli.context import open_store
from dtdesktop.cli.errors import EXIT_OK
from dtdesktop.cli.output import print_line
from dtdesktop.i18n import _
from dtdesktop.storage.backup import backup, restore


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help=_("write a consistent copy of the data while it is in use"))
    b.add_argument("--out", required=True, type=Path, metavar=_("FILE"), help=_("the backup file to write"))
    b.set_defaults(func=cmd_backup)
    r = sub.add_parser("restore", help=_("replace the data by a backup (the current data is kept aside)"))
    r.add_argument("file", type=Path, metavar=_("FILE"), help=_("a backup written by `dtdesktop backup`"))
    r.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    out = backup(open_store(args), args.out)
    print_line(_("Backup written to {file}.").format(file=out))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    kept = restore(open_store(args), args.file)
    print_line(
        _("Restored from {file}; the data as it was is kept in {kept}.").format(file=args.file, kept=kept)
    )
    return EXIT_OK
