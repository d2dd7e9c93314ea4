"""What several verbs share: opening the store named by `--db` / `DTDESKTOP_DB`."""

from __future__ import annotations

import argparse
import os

from dtdesktop.storage import Store, database_url


def open_store(args: argparse.Namespace) -> Store:
    return Store(database_url(getattr(args, "db", None) or os.environ.get("DTDESKTOP_DB")))
