"""Merge interviewers' databases into one panel database.

Rows are matched by UUID, so merging the same file twice adds nothing. Candidates
recorded under the same non-empty code become one candidate. For a session present
on both sides:

- identical content: nothing to do;
- a higher ``revision`` (an amendment) replaces the older version only when the
  source carries the amendment records (with their reasons) that account for it;
  amendments and events are unions, so the history is kept;
- a submitted scorecard supersedes the same session still in progress (never the
  reverse), and of two in-progress copies the one saved last wins;
- two submitted copies with the same revision but different content cannot be
  decided: the session is listed as a conflict and left untouched.

Every source is untrusted input (``source.py``): it is read through a private copy,
by known tables and columns only, every value checked and capped, content snapshots
checked against their hashes. A file speaks for one interviewer: a scorecard in it
naming someone else is held back and reported, unless ``mixed`` says the sources are
panel databases holding several interviewers' scorecards. The target is written in
one transaction, so a failure leaves it exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

from interview.services.merge.merger import Merger
from interview.services.merge.source import MergeError, Source, open_source
from interview.services.merge.summary import Conflict, Held, MergeSummary, SourceSummary
from interview.services.merge.tables import CHILD_TABLES, SUMMARY_TABLE
from interview.storage.db import StorageError, open_db

__all__ = [
    "CHILD_TABLES",
    "SUMMARY_TABLE",
    "Conflict",
    "Held",
    "MergeError",
    "MergeSummary",
    "SourceSummary",
    "merge_databases",
    "open_source",
]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def merge_databases(
    sources: Sequence[Path],
    target: Path,
    *,
    mixed: bool = False,
    progress: Callable[[str], None] | None = None,
) -> MergeSummary:
    """Merge ``sources`` into ``target`` (created if missing) in one transaction."""
    if not sources:
        raise MergeError("name at least one database to merge")
    target = Path(target)
    try:
        created = not target.exists()
    except OSError as exc:
        raise MergeError(f"{target}: cannot open ({exc.strerror})") from None
    summary = MergeSummary(str(target), created)
    try:
        with ExitStack() as stack:
            opened: list[tuple[SourceSummary, Source | None]] = []
            for path in map(Path, sources):
                entry = SourceSummary(str(path))
                if _same_file(path, target):
                    entry.skipped = "it is the target"
                    opened.append((entry, None))
                    continue
                opened.append((entry, stack.enter_context(open_source(path))))
            _merge_into(target, opened, summary, mixed=mixed, progress=progress)
    except BaseException:
        if created:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        raise
    return summary


def _merge_into(
    target: Path,
    opened: list[tuple[SourceSummary, Source | None]],
    summary: MergeSummary,
    *,
    mixed: bool,
    progress: Callable[[str], None] | None,
) -> None:
    try:
        tdb = open_db(target)
    except StorageError as exc:
        raise MergeError(str(exc)) from None
    conn = tdb.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        merger = Merger(conn, mixed=mixed)
        for entry, source in opened:
            summary.sources.append(entry)
            if source is None:
                continue
            if progress:
                progress(f"merging {entry.path}")
            merger.merge(source, entry)
        summary.warnings.extend(_sample_warning(conn, str(target)))
        conn.commit()
    except BaseException as exc:
        conn.rollback()
        if isinstance(exc, sqlite3.DatabaseError):
            raise MergeError(f"merge failed, {target} left unchanged ({exc})") from None
        raise
    finally:
        conn.close()


def _sample_warning(conn: sqlite3.Connection, target: str) -> list[str]:
    """A warning when the result holds both demo scorecards and real ones."""
    sample, real = conn.execute(
        "SELECT count(*) FILTER (WHERE e.session_id IS NOT NULL), "
        "count(*) FILTER (WHERE e.session_id IS NULL) FROM sessions s "
        "LEFT JOIN (SELECT DISTINCT session_id FROM events WHERE kind = 'sample_data') e "
        "ON e.session_id = s.id WHERE s.mode = 'interview'"
    ).fetchone()
    if not (sample and real):
        return []
    return [
        f"{target} mixes {sample} sample session(s) from `interview demo` with {real} real "
        "one(s); panels mark the sample data, but keep them apart for real hiring"
    ]
