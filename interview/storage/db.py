"""Opening the database: pragmas, migrations, and clean errors for bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

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
    try:
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
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path or ':memory:'}: unusable database ({exc})") from None
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
