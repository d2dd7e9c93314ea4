"""Online backup and restore of the SQLite store, through SQLite's backup API (never a bare file copy)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from dtdesktop.files import replacing
from dtdesktop.i18n import _
from dtdesktop.storage.database import HEAD_REVISION, Store, StoreError


def _sqlite_path(store: Store) -> Path:
    path = store.path
    if path is None:
        raise StoreError(_("Backup and restore work on a SQLite store; back up PostgreSQL with pg_dump."))
    return path


Progress = Callable[[int, str], None]
PAGES_PER_STEP = 1024


def _copy(src_path: Path, dst_path: Path, progress: Progress | None = None) -> None:
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    dst = sqlite3.connect(dst_path)

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None and total:
            progress(int(100 * (total - remaining) / total), _("Copying the database"))

    try:
        src.backup(dst, pages=PAGES_PER_STEP if progress else -1, progress=step if progress else None)
    finally:
        dst.close()
        src.close()


def backup(store: Store, out: Path, progress: Progress | None = None) -> Path:
    """Write a consistent copy of the live database to *out*; a failure (or *progress* raising to
    cancel) leaves no half-written file."""
    source = _sqlite_path(store)
    out = out.expanduser().resolve()
    if not out.parent.is_dir():
        raise StoreError(
            _("The folder {folder} does not exist; choose another place for the backup.").format(
                folder=out.parent
            )
        )
    try:
        with replacing(out) as tmp:
            _copy(source, tmp, progress)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            _("The backup could not be written to {file} ({reason}).").format(file=out, reason=exc)
        ) from None
    return out


def check_backup(path: Path) -> str:
    """The schema revision of a backup file, or a StoreError saying why it cannot be restored."""
    if not path.is_file():
        raise StoreError(_("{file} does not exist; check the path.").format(file=path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise StoreError(_("{file} is damaged; choose another backup.").format(file=path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise StoreError(_("{file} is not a dtdesktop backup.").format(file=path)) from None
    if not row or row[0] > HEAD_REVISION:
        raise StoreError(
            _("{file} is not a dtdesktop backup, or was made by a newer version.").format(file=path)
        )
    return row[0]


def restore(store: Store, backup_file: Path) -> Path:
    """Replace the live data by *backup_file*, keeping the data as it was beside it; return that copy."""
    target = _sqlite_path(store)
    backup_file = backup_file.expanduser().resolve()
    check_backup(backup_file)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    safety = target.with_name(f"{target.stem}.before-restore-{stamp}{target.suffix}")
    store.close()
    try:
        if target.exists():
            _copy(target, safety)
        _copy(backup_file, target)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            _("The restore failed ({reason}); your data is unchanged.").format(reason=exc)
        ) from None
    store.migrate()
    return safety
