"""Opening the database: pragmas, migrations, and clean errors for bad files."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; first-time setup is not serialised
    fcntl = None  # type: ignore[assignment]

from interview.domain.folding import fold
from interview.storage.private import create_private_file, make_dirs, tighten_database
from interview.storage.schema import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


class StorageError(Exception):
    """A database problem the user can act on; the message is one line."""


def schema_names() -> list[str]:
    return [m.name for m in migrations._migrations]


# Statements that manage transactions themselves: never auto-committed after.
_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}


class Database:
    """An open interview database: the sqlite3 connection and the calls the app makes.

    ``execute`` behaves like ``sqlite_utils.Database.execute``: a write outside an
    explicit transaction is committed at once, and a failed one never leaves an
    implicit transaction open. sqlite_utils itself is only imported to apply schema
    steps, so the app's start does not pay for it.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers = on")

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, () if parameters is None else parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if (
            not was_in_transaction
            and self.conn.in_transaction
            and cursor.description is None
            and _first_keyword(sql) not in _TRANSACTION_CONTROL
        ):
            self.conn.execute("COMMIT")
        return cursor

    def table_names(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return [name for (name,) in rows]

    def applied_steps(self) -> list[str]:
        """Names of the schema steps already applied, oldest first."""
        if "_sqlite_migrations" not in self.table_names():
            return []
        rows = self.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [migrations.name],
        )
        return [name for (name,) in rows]

    def checkpoint(self) -> None:
        """Move everything in the write-ahead log into the database file and empty the log,
        so the ``.db`` file alone carries all data (a copy of it is complete)."""
        # Busy or not in WAL mode: closing the last connection checkpoints too.
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def close(self) -> None:
        self.conn.close()


def _first_keyword(sql: str) -> str:
    words = sql.lstrip(" \t\r\n;").split(None, 1)
    return words[0].upper().rstrip(";") if words else ""


# POSIX drops every lock a process holds on a file when it closes *any* descriptor of
# that file. Reading the header of a database this process already has open (a second
# connection, such as the autosave writer's) would silently release the first
# connection's SQLite locks, and another process could then checkpoint and remove the
# WAL under it. So the header is only read when this process does not hold the file.
# Where /proc is missing, files opened before (device, inode) are remembered instead.
_opened_here: set[tuple[int, int]] = set()


def _held_open(path: Path, identity: tuple[int, int]) -> bool:
    try:
        fds = os.listdir("/proc/self/fd")
    except OSError:
        return identity in _opened_here
    target = os.path.realpath(path)
    for fd in fds:
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == target:
                return True
        except OSError:
            continue
    return False


def _check_header(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise StorageError(f"{path}: is a directory, not a database file")
    st = path.stat()
    if _held_open(path, (st.st_dev, st.st_ino)):
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StorageError(f"{path}: cannot read ({exc.strerror})") from None
    if head and head != SQLITE_MAGIC:
        raise StorageError(f"{path}: not a SQLite database")


def connect(path: Path | None, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with ``fold(text)`` (case- and accent-free, for name search) defined."""
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    elif readonly:
        # Percent-escaped, so "?", "#" and "%" in a path stay part of the file name
        # (unescaped they start the query string or a fragment: another file opens).
        uri = f"file:{quote(os.path.abspath(path), safe='/')}?mode=ro"
        conn = sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.create_function("fold", 1, fold, deterministic=True)
    return conn


def open_db(path: Path | None, *, migrate: bool = True, readonly: bool = False) -> Database:
    """Open (and create or upgrade) an interview database.

    ``path=None`` gives an in-memory database (tests). A newer or corrupt database
    raises ``StorageError`` and is never modified.
    """
    if path is not None:
        path = Path(path)
        try:
            _check_path(path, readonly=readonly)
        except OSError as exc:  # e.g. a folder on the way that we may not enter
            raise StorageError(f"{path}: cannot open ({exc.strerror or exc})") from None
    try:
        with _setup_lock(path if not readonly else None):
            db = _open(path, migrate=migrate, readonly=readonly)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path or ':memory:'}: unusable database ({exc})") from None
    if path is not None:
        st = path.stat()
        _opened_here.add((st.st_dev, st.st_ino))
        if not readonly:
            tighten_database(path)
    return db


def _check_path(path: Path, *, readonly: bool) -> None:
    _check_header(path)
    if not readonly and not path.exists():
        try:
            make_dirs(path.parent)
            create_private_file(path)
        except OSError as exc:
            raise StorageError(f"{path.parent}: cannot create folder ({exc.strerror})") from None
    elif readonly and not path.exists():
        raise StorageError(f"{path}: no such database")
    elif not readonly:
        _check_writable(path)


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
    if migrate and not readonly and set(schema_names()) - set(db.applied_steps()):
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
    applied = set(db.applied_steps())
    unknown = applied - set(schema_names())
    if unknown:
        raise StorageError(
            f"{path}: written by a newer version of interview "
            f"(unknown schema step {sorted(unknown)[0]}); upgrade interview to open it"
        )
