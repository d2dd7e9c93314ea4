"""Online backup and restore of the SQLite store, through SQLite's backup API (never a bare file copy).

A backup also carries the officer's identity file (the PKCS#12 file, encrypted as it is) unless they
decline: losing it means a new certificate that every reviewer must register again. It is kept in a table
of its own in the backup file, one file to carry, and put back by the restore.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from dtdesktop.files import OutputError, atomic_write_bytes, clean_file_name, replacing
from dtdesktop.i18n import _
from dtdesktop.paths import user_data_dir
from dtdesktop.storage.database import HEAD_REVISION, Store, StoreError


def _sqlite_path(store: Store) -> Path:
    path = store.path
    if path is None:
        raise StoreError(_("Backup and restore work on a SQLite store; back up PostgreSQL with pg_dump."))
    return path


Progress = Callable[[int, str], None]
PAGES_PER_STEP = 1024
IDENTITY_TABLE = "backup_identity_file"  # only in backup files; dropped from the store after a restore
MAX_IDENTITY = 1024 * 1024  # as signing.pkcs12_file.MAX_PKCS12: an identity file is a few kilobytes


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


def backup(store: Store, out: Path, progress: Progress | None = None, identity: Path | None = None) -> Path:
    """Write a consistent copy of the live database to *out*, with the *identity* file if given; a failure
    (or *progress* raising to cancel) leaves no half-written file."""
    source = _sqlite_path(store)
    out = out.expanduser().resolve()
    if not out.parent.is_dir():
        raise StoreError(
            _("The folder {folder} does not exist; choose another place for the backup.").format(
                folder=out.parent
            )
        )
    kept = (identity.name, _identity_bytes(identity)) if identity is not None else None
    try:
        with replacing(out) as tmp:
            _copy(source, tmp, progress)
            if kept is not None:
                _keep_identity(tmp, *kept)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            _("The backup could not be written to {file} ({reason}).").format(file=out, reason=exc)
        ) from None
    return out


def _identity_bytes(identity: Path) -> bytes:
    try:
        if identity.stat().st_size > MAX_IDENTITY:
            raise StoreError(
                _("{file} is too large to be an identity file; the backup was not written.").format(
                    file=identity
                )
            )
        return identity.read_bytes()
    except OSError as exc:
        raise StoreError(
            _("The identity file {file} cannot be read ({reason}); the backup was not written.").format(
                file=identity, reason=exc.strerror or exc
            )
        ) from None


def _keep_identity(backup_file: Path, name: str, content: bytes) -> None:
    conn = sqlite3.connect(backup_file)
    try:
        with conn:
            conn.execute(f"CREATE TABLE {IDENTITY_TABLE} (name TEXT NOT NULL, content BLOB NOT NULL)")
            conn.execute(f"INSERT INTO {IDENTITY_TABLE} VALUES (?, ?)", (name, content))
    finally:
        conn.close()


def identity_in_backup(path: Path) -> tuple[str, bytes] | None:
    """The identity file a backup carries (its name and content), or None."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute(f"SELECT name, content FROM {IDENTITY_TABLE}").fetchone()
    except sqlite3.OperationalError:  # a backup made without it, or before backups carried it
        return None
    finally:
        conn.close()
    if row is None or not isinstance(row[1], bytes) or len(row[1]) > MAX_IDENTITY:
        return None
    return str(row[0]), row[1]


def restore_identity(backup_file: Path, wanted: Path | None = None) -> Path | None:
    """Put the identity file a backup carries back at *wanted* (where the profile expects it; by default
    the identity folder of the user's data), or beside it under a new name when another file is there: an
    identity file is never overwritten, and the same file already in place is left alone. Where it is, or
    None when the backup carries none."""
    kept = identity_in_backup(backup_file)
    if kept is None:
        return None
    name, content = kept
    first = wanted or user_data_dir() / "identity" / _identity_file_name(name)
    target, n = first, 2
    while target.exists():
        if target.is_file() and target.read_bytes() == content:
            return target
        target, n = first.with_name(f"{first.stem}-{n}{first.suffix}"), n + 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return atomic_write_bytes(target, content)
    except (OSError, OutputError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise StoreError(
            _(
                "The data was restored, but the identity file could not be put back in {file} ({reason})."
            ).format(file=target, reason=reason)
        ) from None


def _identity_file_name(name: str) -> str:
    """The kept name, made safe to write (a backup may come from anywhere), as a .p12 or .pfx file."""
    name = clean_file_name(name, "identity.p12")
    return name if name.lower().endswith((".p12", ".pfx")) else name + ".p12"


def check_backup(path: Path) -> str:
    """The schema revision of a backup file, or a StoreError saying why it cannot be restored."""
    if not path.is_file():
        raise StoreError(_("The file {file} does not exist; check the path.").format(file=path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise StoreError(_("The file {file} is damaged; choose another backup.").format(file=path))
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise StoreError(
            _(
                "The file {file} is not a dtdesktop backup; choose the .sqlite3 file that Back up wrote."
            ).format(file=path)
        ) from None
    if not row or row[0] > HEAD_REVISION:
        raise StoreError(
            _(
                "The file {file} is not a dtdesktop backup, or was made by a newer version; choose another "
                "backup, or install the newer version first."
            ).format(file=path)
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
        _drop_identity(target)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            _("The restore failed ({reason}); your data is unchanged.").format(reason=exc)
        ) from None
    store.migrate()
    return safety


def _drop_identity(database: Path) -> None:
    """The live store never holds the identity file: it stays where the profile points."""
    conn = sqlite3.connect(database)
    try:
        with conn:
            conn.execute(f"DROP TABLE IF EXISTS {IDENTITY_TABLE}")
    finally:
        conn.close()
