"""Writing files so that a failure never leaves a half-written one: a temporary file, fsync, rename."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from dtdesktop.i18n import _
from dtdesktop.text import nfc


class OutputError(Exception):
    """The output file cannot be written; the message says where and why."""


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise OutputError(
            _("The folder {folder} does not exist; choose another place to save the file.").format(
                folder=path.parent
            )
        )
    if path.is_dir():
        raise OutputError(_("{file} is a folder; give a file name instead.").format(file=path))


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside *path* to write to; when the block ends well, the file is synced to disk and
    moved over *path* in one step; when it fails, the temporary file is removed and the error goes on.

    OS errors are not translated here: each caller says in its own words what could not be written.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call *write* on a temporary file beside *path*, then move it into place in one step.

    Whatever goes wrong (a full disk, a refused folder, an error inside *write*), *path* either keeps its
    old content or gets the complete new one, and the temporary file is removed.
    """
    path = path.expanduser().absolute()
    _check_folder(path)
    try:
        with replacing(path) as tmp, tmp.open("wb") as fh:
            write(fh)
    except OSError as exc:
        raise OutputError(
            _("{file} cannot be written ({reason}); choose another folder.").format(
                file=path, reason=exc.strerror or exc
            )
        ) from None
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    return atomic_write(path, lambda fh: fh.write(data))


def pdf_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and every .pdf below the folders named (recursively), in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and not p.is_dir())
        else:
            out.append(path)
    return out


MAX_FILE_NAME = 120
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
_FORBIDDEN = set('<>:"/\\|?*')


def clean_file_name(name: str, fallback: str = "tep") -> str:
    """A plain file name: no folder part, no control character, none of <>:"/\\|?*, not a Windows device
    name, no trailing dot or space, at most 120 characters (the extension kept)."""
    base = nfc(name).replace("\\", "/").rsplit("/", 1)[-1]
    chars = []
    for ch in base:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or ch in _FORBIDDEN:
            chars.append("_")
        else:
            chars.append(ch)
    out = "".join(chars).strip().rstrip(". ")
    out = out.lstrip(".") or fallback  # no hidden files, no "." or ".."
    if _RESERVED.match(out):
        out = "_" + out
    if len(out) > MAX_FILE_NAME:
        stem, dot, ext = out.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            out = stem[: MAX_FILE_NAME - len(ext) - 1].rstrip(". ") + "." + ext
        else:
            out = out[:MAX_FILE_NAME].rstrip(". ")
    return out or fallback
