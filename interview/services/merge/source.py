"""Opening and reading a source database as untrusted input.

The source is copied (with its ``-wal``, if any) into a private temporary folder and
opened there, so a source in a read-only folder merges, nothing (``-wal``, ``-shm``)
is ever left next to it, and odd characters in its path (``?``, ``#``, ``%``) cannot
change which file is read. The copy is opened with ``trusted_schema`` off and read
by explicit column lists only; its triggers and views are never used.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from interview.domain.models import rubric_from_snapshot, snapshot_hash
from interview.reports.text import one_line
from interview.services.merge.tables import (
    MB,
    OPTIONAL_TABLES,
    REQUIRED_TABLES,
    TABLES,
    Column,
)
from interview.storage.db import SQLITE_MAGIC, schema_names
from interview.storage.schema import migrations


class MergeError(Exception):
    """Bad input or a failed merge; the message is one line and the target is unchanged."""


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n:,} characters"


class Source:
    """One source database, copied aside and checked; rows come out validated."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self.tables = {
            name: sql or ""
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
            )
        }
        self._cache: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}

    def fail(self, message: str) -> MergeError:
        return MergeError(f"{self.path}: {message}; nothing was merged")

    def has(self, table: str) -> bool:
        return table in self.tables

    def rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Every row of ``table`` by its known columns, each value checked."""
        if table in self._cache:
            return self._cache[table]
        spec = TABLES[table]
        if not self.has(table):
            if table in OPTIONAL_TABLES:
                return [c.name for c in spec], []
            raise self.fail(f"no {table} table")
        present = {r[1] for r in self.conn.execute(f'PRAGMA table_info("{table}")')}
        select = []
        for col in spec:
            if col.name in present:
                select.append(f'"{col.name}"')
            elif col.optional:
                select.append("?")
            else:
                raise self.fail(f"table {table} has no column {col.name}")
        defaults = [c.default for c in spec if c.name not in present]
        out = []
        cursor = self.conn.execute(f'SELECT {", ".join(select)} FROM "{table}"', defaults)
        for number, row in enumerate(cursor, 1):
            for col, value in zip(spec, row, strict=True):
                problem = _check(col, value)
                if problem:
                    raise self.fail(f"{table}.{col.name} in row {number}: {problem}")
            out.append(tuple(row))
        result = ([c.name for c in spec], out)
        self._cache[table] = result
        return result

    def verified_snapshots(self) -> list[tuple[str, str]]:
        """The content snapshots, each checked against its hash (a planted one is refused)."""
        _, rows = self.rows("content_snapshots")
        for content_hash, text in rows:
            label = one_line(content_hash)[:20]
            try:
                data = json.loads(text)
            except ValueError:
                raise self.fail(f"content snapshot {label} is not valid JSON") from None
            if not _well_formed(data):
                raise self.fail(f"content snapshot {label} is malformed")
            if snapshot_hash(data) != content_hash:
                raise self.fail(
                    f"content snapshot {label} does not match its hash (the rubric or "
                    "questions were altered)"
                )
        return rows


def _check(col: Column, value: Any) -> str:
    if value is None:
        return "" if col.nullable else "is empty (NULL)"
    if col.kind == "text":
        if not isinstance(value, str):
            return f"expected text, found {_kind(value)}"
        if len(value) > col.cap:
            return f"{_size(len(value))}, over the {_size(col.cap)} limit for this field"
        if col.choices and value not in col.choices:
            return f"unknown value (expected one of {', '.join(col.choices)})"
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, found {_kind(value)}"
    if col.kind == "int" and not isinstance(value, int):
        return f"expected a whole number, found {_kind(value)}"
    return ""


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, float):
        return "a decimal number"
    return "a number" if isinstance(value, int) else type(value).__name__


def _well_formed(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    if not (
        isinstance(data.get("rubric"), dict)
        and isinstance(data.get("plan"), dict)
        and isinstance(data.get("questions"), list)
    ):
        return False
    try:
        rubric_from_snapshot(data["rubric"])
    except Exception:  # any shape the reports could not read
        return False
    return True


@contextmanager
def open_source(path: Path) -> Iterator[Source]:
    """Copy ``path`` aside, check it is a healthy interview database, and read it."""
    try:
        found, folder = path.exists(), path.is_dir()
    except OSError as exc:  # e.g. inside a folder this user may not enter
        raise MergeError(f"{path}: cannot read ({exc.strerror})") from None
    if not found:
        raise MergeError(f"{path}: no such file")
    if folder:
        raise MergeError(f"{path}: is a directory, not a database file")
    with tempfile.TemporaryDirectory(prefix="interview-merge-") as tmp:
        copy = Path(tmp) / "source.db"
        try:
            with path.open("rb") as fh:
                head = fh.read(16)
            if head != SQLITE_MAGIC:
                raise MergeError(f"{path}: not a SQLite database")
            shutil.copyfile(path, copy)
            wal = Path(f"{path}-wal")
            if wal.is_file():
                shutil.copyfile(wal, Path(f"{copy}-wal"))
        except OSError as exc:
            raise MergeError(f"{path}: cannot read ({exc.strerror or exc})") from None
        conn = sqlite3.connect(copy)
        try:
            try:
                source = _checked(path, conn)
            except sqlite3.DatabaseError as exc:
                raise MergeError(f"{path}: unusable database ({exc})") from None
            yield source
        finally:
            conn.close()


def _checked(path: Path, conn: sqlite3.Connection) -> Source:
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise MergeError(f"{path}: corrupt database ({one_line(str(result))[:200]})")
    conn.execute("PRAGMA query_only = ON")
    source = Source(path, conn)
    if "_sqlite_migrations" not in source.tables:
        if "sessions" in source.tables or "candidates" in source.tables:
            raise MergeError(f"{path}: has no schema version; not an interview database")
        raise MergeError(f"{path}: not an interview database (no sessions table)")
    applied = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.name]
        )
        if isinstance(r[0], str)
    }
    unknown = applied - set(schema_names())
    if unknown:
        raise MergeError(
            f"{path}: written by a newer version of interview (unknown schema step "
            f"{one_line(sorted(unknown)[0])[:60]}); upgrade interview to merge it"
        )
    if not applied:
        raise MergeError(f"{path}: has no schema version; not an interview database")
    for table in REQUIRED_TABLES:
        if table not in source.tables:
            raise MergeError(f"{path}: not an interview database (no {table} table)")
    for table, sql in source.tables.items():
        if table in TABLES and sql.lstrip().upper().startswith("CREATE VIRTUAL"):
            raise MergeError(f"{path}: table {table} is not a plain table")
    return source
