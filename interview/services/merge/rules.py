"""How two copies of a session are compared and which one wins, and whose file it is."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from interview.services.merge.tables import CHILD_TABLES, CONTENT_COLUMNS

# A session's (revision, status, updated_at): what decides between two copies.
Key = tuple[int, str, str]


def fingerprints(conn: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
    """A hash of each listed session's scorecard content, comparable across databases."""
    if not ids:
        return {}
    # The ids travel as one JSON array so the query count stays fixed and the
    # session_id indexes are used.
    wanted = json.dumps(sorted(ids))
    parts: dict[str, list[Any]] = {sid: [] for sid in ids}
    cols = CONTENT_COLUMNS["sessions"]
    for row in conn.execute(
        f"SELECT id, {', '.join(cols)} FROM sessions WHERE id IN (SELECT value FROM json_each(?))",
        [wanted],
    ):
        parts[row[0]].append(list(row[1:]))
    for table in CHILD_TABLES:
        cols = CONTENT_COLUMNS[table]
        grouped: dict[str, list[Any]] = {}
        for row in conn.execute(
            f"SELECT session_id, {', '.join(cols)} FROM {table} "
            "WHERE session_id IN (SELECT value FROM json_each(?))",
            [wanted],
        ):
            grouped.setdefault(row[0], []).append(list(row[1:]))
        for sid, values in parts.items():
            values.append(sorted(grouped.get(sid, []), key=repr))
    return {
        sid: hashlib.sha256(json.dumps(v, sort_keys=True, default=str).encode()).hexdigest()
        for sid, v in parts.items()
    }


def decide(src: Key, tgt: Key) -> str:
    """'replace', 'keep' or 'conflict' for two different copies of one session."""
    (s_rev, s_status, s_at), (t_rev, t_status, t_at) = src, tgt
    s_sub, t_sub = s_status == "submitted", t_status == "submitted"
    if t_sub and not s_sub:
        return "keep"  # a submitted scorecard is never taken back to in progress
    if s_rev != t_rev:
        return "replace" if s_rev > t_rev else "keep"
    if s_sub and t_sub:
        return "conflict"
    if s_sub != t_sub:
        return "replace" if s_sub else "keep"
    if s_at != t_at:
        return "replace" if s_at > t_at else "keep"
    return "conflict"


def person(name: str) -> str:
    """An interviewer name as compared: trimmed, spaces folded, case folded."""
    return " ".join(name.split()).casefold()


def owner_of(interviewers: Iterable[str]) -> tuple[str, str]:
    """(key, spelling) of the interviewer most of a file's scorecards name.

    ``("", "")`` when no name is given or two names tie: the file is then no one
    interviewer's own.
    """
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for name in interviewers:
        key = person(name)
        if key:
            counts[key] += 1
            spelling.setdefault(key, " ".join(name.split()))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return "", ""
    return ranked[0][0], spelling[ranked[0][0]]
