"""Opening the database: pragmas, migrations, and clean errors for bad files."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; first-time setup is not serialised
    fcntl = None  # type: ignore[assignment]

from interview.storage.schema import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


class StorageError(Exception):
    """A database problem the user can act on; the message is one line."""


def schema_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def _check_header(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise StorageError(f"{path}: is a directory, not a database file")
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StorageError(f"{path}: cannot read ({exc.strerror})") from None
    if head and head != SQLITE_MAGIC:
        raise StorageError(f"{path}: not a SQLite database")


def connect(path: Path | None, *, readonly: bool = False) -> sqlite3.Connection:
    if path is None:
        return sqlite3.connect(":memory:", check_same_thread=False)
    if readonly:
        uri = f"file:{path}?mode=ro"
        return sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
    return sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)


def open_db(path: Path | None, *, migrate: bool = True, readonly: bool = False) -> Database:
    """Open (and create or upgrade) an interview database.

    ``path=None`` gives an in-memory database (tests). A newer or corrupt database
    raises ``StorageError`` and is never modified.
    """
    if path is not None:
        path = Path(path)
        _check_header(path)
        if not readonly and not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"{path.parent}: cannot create folder ({exc.strerror})"
                ) from None
        elif readonly and not path.exists():
            raise StorageError(f"{path}: no such database")
        elif not readonly:
            _check_writable(path)
    try:
        with _setup_lock(path if not readonly else None):
            return _open(path, migrate=migrate, readonly=readonly)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path or ':memory:'}: unusable database ({exc})") from None


def _check_writable(path: Path) -> None:
    """Refuse a database we could not save to, before any work is typed into it."""
    if not os.access(path, os.W_OK):
        raise StorageError(f"{path}: database is read-only; check its permissions")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StorageError(f"{path.parent}: folder is read-only; the database cannot be saved")


@contextmanager
def _setup_lock(path: Path | None) -> Iterator[None]:
    """Serialise first-time setup (WAL switch, migrations) between processes.

    Two processes creating the same new database would otherwise race to create the
    tables. The lock is taken on the database's folder, so no lock file is left
    behind and SQLite's own locks on the database file are left alone.
    """
    if path is None or fcntl is None:
        yield
        return
    try:
        fd: int | None = os.open(path.parent, os.O_RDONLY)
    except OSError:
        fd = None  # folder unreadable: SQLite reports what matters
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        if fd is not None:
            os.close(fd)


def _open(path: Path | None, *, migrate: bool, readonly: bool) -> Database:
    conn = connect(path, readonly=readonly)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db = Database(conn)
    _check_version(db, path)
    if not readonly and path is not None:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    if migrate and not readonly:
        migrations.apply(db)
    return db


def _check_version(db: Database, path: Path | None) -> None:
    names = set(db.table_names())
    if not names:
        return
    if "_sqlite_migrations" not in names:
        if "sessions" in names or "candidates" in names:
            raise StorageError(f"{path}: has no schema version; not an interview database")
        raise StorageError(f"{path}: not an interview database (other tables present)")
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - set(schema_names())
    if unknown:
        raise StorageError(
            f"{path}: written by a newer version of interview "
            f"(unknown schema step {sorted(unknown)[0]}); upgrade interview to open it"
        )
