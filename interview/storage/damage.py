"""Damaged or incomplete databases, said in one line that never quotes stored content.

SQLite reports a damaged page as "database disk image is malformed", a dropped table as
"no such table: answers", and text that is not UTF-8 as "Could not decode to UTF-8
column 'snapshot' with text '…'" followed by the stored text itself. The CLI and the app
say what is wrong and what to do, and leave the stored text out.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from interview.storage.db import StorageError

# What callers catch around reads that may meet a damaged database.
DB_ERRORS: tuple[type[Exception], ...] = (StorageError, sqlite3.DatabaseError)
# Opening a session also meets rows an index points at but that are gone, and snapshots
# that no longer parse.
OPEN_ERRORS: tuple[type[Exception], ...] = (*DB_ERRORS, LookupError, ValueError)

_UTF8 = re.compile(r"Could not decode to UTF-8 column '([^']{0,64})'")
_MISSING = re.compile(r"^no such (table|view|column): ([\w.]{1,64})")
ADVICE = "restore it from a backup"


def reason(exc: BaseException) -> str:
    """The cause in a few words, without any text read from the file."""
    if isinstance(exc, StorageError):
        return str(exc).splitlines()[0] if str(exc) else "unusable database"
    text = str(exc)
    match = _UTF8.search(text)
    if match:
        return f"text in column '{match.group(1)}' is not valid UTF-8"
    match = _MISSING.match(text)
    if match:
        return f"no {match.group(1)} '{match.group(2)}'"
    first = text.splitlines()[0] if text else type(exc).__name__
    if "'" in first or len(first) > 120:  # may quote stored content: leave it out
        return type(exc).__name__
    return first


def message(exc: BaseException, path: Path | str | None = None) -> str:
    """One line for the user: which database, what is wrong with it, what to do."""
    if isinstance(exc, StorageError):
        return reason(exc)
    where = f"{path}: " if path else ""
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return f"{where}database is locked by another program; try again"
    return f"{where}damaged or incomplete database ({reason(exc)}); {ADVICE}"


def failure(exc: BaseException | None) -> str:
    """A background load's error for the screen: database damage in one clean line."""
    if isinstance(exc, DB_ERRORS):
        return message(exc)
    return str(exc)
