"""Finding one candidate and every row stored about them, whatever tables the schema grows.

Rows belong to a candidate through ``candidate_id`` (candidates, sessions, and any table
with that column) or through ``session_id`` of one of their sessions (answers, scores,
notes, follow-ups, summaries, amendments, LLM usage, events and any later table with
that column). Events without a session that name the candidate (a panel lead's override)
are found by the candidate's id or name in their detail.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from interview.domain.folding import fold


class CandidateLookupError(Exception):
    """The candidate given cannot be told apart or does not exist; one line."""


@dataclass(frozen=True)
class CandidateRow:
    id: str
    name: str
    code: str

    @property
    def label(self) -> str:
        if self.code and self.name:
            return f"{self.name} ({self.code})"
        return self.name or self.code or self.id[:8]


def resolve_candidate(conn: sqlite3.Connection, query: str) -> CandidateRow:
    """A candidate by id (or a unique id prefix of 8+), code, or name (case and accents
    ignored). Exact matches only: erasing the wrong person cannot be undone."""
    query = query.strip()
    if not query:
        raise CandidateLookupError("give a candidate's name, code or id")
    rows = [CandidateRow(*r) for r in conn.execute("SELECT id, name, code FROM candidates")]
    folded = fold(query)
    for test in (
        lambda c: c.id == query,
        lambda c: len(query) >= 8 and c.id.startswith(query),
        lambda c: bool(c.code) and fold(c.code) == folded,
        lambda c: bool(c.name) and fold(c.name) == folded,
    ):
        found = [c for c in rows if test(c)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = "; ".join(f"{c.label} id {c.id[:8]}" for c in found[:10])
            raise CandidateLookupError(
                f"{len(found)} candidates match {query!r}: {listed} — give the code or id"
            )
    raise CandidateLookupError(f"no candidate matches {query!r} (give a name, code or id)")


def columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    """(name, declared type, not null) of each column."""
    return [
        (r[1], str(r[2]).upper(), bool(r[3]))
        for r in conn.execute(f"PRAGMA table_info({quote(table)})")
    ]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def tables_with(conn: sqlite3.Connection, column: str) -> list[str]:
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return [t for t in tables if any(c[0] == column for c in columns(conn, t))]


def session_ids(conn: sqlite3.Connection, candidate_id: str) -> list[str]:
    return [
        sid
        for (sid,) in conn.execute(
            "SELECT id FROM sessions WHERE candidate_id = ? ORDER BY started_at, id",
            [candidate_id],
        )
    ]


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def rows_of(conn: sqlite3.Connection, table: str, where: str, params: list[Any]) -> list[dict]:
    cursor = conn.execute(f"SELECT * FROM {quote(table)} WHERE {where} ORDER BY rowid", params)
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, row, strict=True)) for row in cursor.fetchall()]


def loose_event_filter(candidate: CandidateRow) -> tuple[str, list[Any]]:
    """Events with no session that still name the candidate (by id, name or code)."""
    needles = [candidate.id]
    for text in (candidate.name, candidate.code):
        if text:
            needles += [text, json.dumps(text)[1:-1]]
    clause = " OR ".join("instr(detail, ?) > 0" for _ in needles)
    return f"session_id IS NULL AND ({clause})", needles


def candidate_rows(conn: sqlite3.Connection, candidate: CandidateRow) -> dict[str, list[dict]]:
    """Every row about the candidate, by table (tables without such rows left out)."""
    sids = session_ids(conn, candidate.id)
    out: dict[str, list[dict]] = {}
    out["candidates"] = rows_of(conn, "candidates", "id = ?", [candidate.id])
    for table in tables_with(conn, "candidate_id"):
        if table != "sessions":
            found = rows_of(conn, table, "candidate_id = ?", [candidate.id])
            if found:
                out[table] = found
    if sids:
        out["sessions"] = rows_of(conn, "sessions", f"id IN ({_in(sids)})", sids)
        for table in tables_with(conn, "session_id"):
            found = rows_of(conn, table, f"session_id IN ({_in(sids)})", sids)
            if found:
                out[table] = found
    where, params = loose_event_filter(candidate)
    loose = rows_of(conn, "events", where, params)
    if loose:
        out["events"] = out.get("events", []) + loose
    return out
