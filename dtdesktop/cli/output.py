"""Printing results: JSON for scripts (UTF-8, NFC, not escaped), aligned text for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_line(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def print_warning(text: str) -> None:
    """A line for the person at the terminal that is not an error (the command goes on): on stderr, so that
    JSON on stdout stays clean."""
    sys.stderr.write(text + "\n")


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    """Columns padded to their widest cell; the last column is left free."""
    table = [headers, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(headers) - 1)]
    for row in table:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        print_line("  ".join([*cells, row[-1]]).rstrip())
