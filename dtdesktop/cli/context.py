"""What several verbs share: opening the store named by `--db` / `DTDESKTOP_DB`, the `--trust` option."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from dtdesktop.i18n import _
from dtdesktop.storage import Store, database_url


def open_store(args: argparse.Namespace) -> Store:
    return Store(database_url(getattr(args, "db", None) or os.environ.get("DTDESKTOP_DB")))


def add_trust_option(p: argparse.ArgumentParser) -> None:
    """`--trust PEM|DIR`, repeatable: roots trusted for one run, besides the store's trust list."""
    p.add_argument(
        "--trust",
        action="append",
        type=Path,
        default=[],
        metavar=_("PEM|DIR"),
        help=_("more trusted roots for this run, besides the store's trust list (a file or a folder)"),
    )
