"""Merge interviewers' databases into one panel database.

Rows are matched by UUID, so merging the same file twice adds nothing. Candidates
recorded under the same non-empty code become one candidate. For a session present
on both sides:

- identical content: nothing to do;
- a higher ``revision`` (an amendment) replaces the older version; amendments and
  events are unions, so the history is kept;
- a submitted scorecard supersedes the same session still in progress, and of two
  in-progress copies the one saved last wins (a live session only moves forward);
- two submitted copies with the same revision but different content cannot be
  decided: the session is listed as a conflict and left untouched.

Sources are opened read-only and checked before anything is written; the target is
written in one transaction, so a failure leaves it exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview.storage.db import Database, StorageError, open_db

# Tables copied per session, and the columns that make up a session's content (volatile
# bookkeeping such as timestamps, clocks and the cursor position is left out).
CHILD_TABLES = ("answers", "signal_observations", "followups", "area_scores")
CONTENT_COLUMNS = {
    "sessions": (
        "interviewer", "role", "level", "plan_id", "plan_title", "rubric_id", "content_hash",
        "mode", "status", "submitted_at", "justification", "weighted_score", "recommendation",
        "llm_enabled", "revision",
    ),
    "answers": ("question_id", "position", "notes"),
    "signal_observations": ("question_id", "signal_id", "kind", "observed", "source"),
    "followups": ("question_id", "follow_up_id", "text", "source", "reason", "asked"),
    "area_scores": ("area_id", "question_id", "score"),
}  # fmt: skip
# Append-only tables: union by id.
UNION_TABLES = ("amendments", "events", "llm_usage")
REQUIRED_TABLES = (
    "candidates", "content_snapshots", "sessions", *CHILD_TABLES, *UNION_TABLES,
    "calibration_attempts",
)  # fmt: skip
# The interviewer's summary of a session: an annotation outside the scorecard (so not
# part of its fingerprint), one per session; of two versions the one saved last wins.
# Sources written before summaries existed have no such table.
SUMMARY_TABLE = "session_summaries"
# A lead's debrief decisions and the interviewers expected on each loop (newer sources).
DEBRIEF_TABLES = ("debrief_decisions", "loop_members")


class MergeError(Exception):
    """Bad input or a failed merge; the message is one line and the target is unchanged."""


@dataclass(frozen=True)
class Conflict:
    source: str
    session_id: str
    candidate: str
    interviewer: str
    detail: str

    def __str__(self) -> str:
        who = f"{self.candidate or '?'} / {self.interviewer or '?'}"
        return f"{self.source}: session {self.session_id[:8]} ({who}): {self.detail}"


@dataclass
class SourceSummary:
    path: str
    candidates_added: int = 0
    candidates_by_code: int = 0
    sessions_added: int = 0
    sessions_updated: int = 0
    sessions_unchanged: int = 0
    sessions_kept_newer: int = 0
    rows_added: Counter[str] = field(default_factory=Counter)
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: str = ""


@dataclass
class MergeSummary:
    target: str
    created: bool
    sources: list[SourceSummary] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for s in self.sources for c in s.conflicts]

    def total(self, name: str) -> int:
        return sum(int(getattr(s, name)) for s in self.sources)

    @property
    def changed(self) -> bool:
        return any(
            s.candidates_added or s.sessions_added or s.sessions_updated or +s.rows_added
            for s in self.sources
        )

    def lines(self) -> list[str]:
        out = []
        for s in self.sources:
            if s.skipped:
                out.append(f"{s.path}: skipped ({s.skipped})")
                continue
            rows = ", ".join(f"{n} {t}" for t, n in sorted(s.rows_added.items()) if n)
            out.append(
                f"{s.path}: sessions {s.sessions_added} added, {s.sessions_updated} updated, "
                f"{s.sessions_unchanged} unchanged, {s.sessions_kept_newer} older copies skipped, "
                f"{len(s.conflicts)} conflicts; candidates {s.candidates_added} added, "
                f"{s.candidates_by_code} matched by code"
                + (f"; rows added: {rows}" if rows else "")
            )
        verb = "created" if self.created else "updated" if self.changed else "unchanged"
        out.append(
            f"{self.target}: {verb} — {self.total('sessions_added')} sessions added, "
            f"{self.total('sessions_updated')} updated, "
            f"{self.total('sessions_unchanged') + self.total('sessions_kept_newer')} skipped, "
            f"{len(self.conflicts)} conflicts left untouched"
        )
        out.extend(f"conflict: {c}" for c in self.conflicts)
        out.extend(f"warning: {w}" for w in self.warnings)
        return out


# ---------------------------------------------------------------------------- reading


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def open_source(path: Path) -> Database:
    """Open a source read-only and check it is a healthy interview database."""
    try:
        found, folder = path.exists(), path.is_dir()
    except OSError as exc:  # e.g. inside a folder this user may not enter
        raise MergeError(f"{path}: cannot read ({exc.strerror})") from None
    if not found:
        raise MergeError(f"{path}: no such file")
    if folder:
        raise MergeError(f"{path}: is a directory, not a database file")
    try:
        db = open_db(path, readonly=True, migrate=False)
        names = set(db.table_names())
        missing = [t for t in REQUIRED_TABLES if t not in names]
        if missing:
            raise MergeError(f"{path}: not an interview database (no {missing[0]} table)")
        result = db.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise MergeError(f"{path}: corrupt database ({result})")
    except StorageError as exc:
        raise MergeError(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise MergeError(f"{path}: unusable database ({exc})") from None
    return db


def _fingerprints(conn: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
    """A hash of each listed session's scorecard content, comparable across databases."""
    if not ids:
        return {}
    # The ids travel as one JSON array so the query count stays fixed and the
    # session_id indexes are used, on read-only sources too.
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


# ---------------------------------------------------------------------------- merging


@dataclass
class _TargetState:
    candidate_ids: set[str]
    by_code: dict[str, str]
    # session id -> (revision, status, updated_at)
    sessions: dict[str, tuple[int, str, str]]
    fingerprints: dict[str, str]


def _decide(src: tuple[int, str, str], tgt: tuple[int, str, str]) -> str:
    """'replace', 'keep' or 'conflict' for two different copies of one session."""
    (s_rev, s_status, s_at), (t_rev, t_status, t_at) = src, tgt
    if s_rev != t_rev:
        return "replace" if s_rev > t_rev else "keep"
    s_sub, t_sub = s_status == "submitted", t_status == "submitted"
    if s_sub and t_sub:
        return "conflict"
    if s_sub != t_sub:
        return "replace" if s_sub else "keep"
    if s_at != t_at:
        return "replace" if s_at > t_at else "keep"
    return "conflict"


class _Merger:
    def __init__(self, target: sqlite3.Connection) -> None:
        self.target = target
        self.cols = {t: _columns(target, t) for t in REQUIRED_TABLES}
        cands = target.execute(
            "SELECT id, code FROM candidates ORDER BY created_at DESC, id DESC"
        ).fetchall()
        by_code = {code: cid for cid, code in cands if code}  # the oldest wins
        sessions = {
            r[0]: (r[1], r[2], r[3])
            for r in target.execute("SELECT id, revision, status, updated_at FROM sessions")
        }
        self.state = _TargetState({c for c, _ in cands}, by_code, sessions, {})

    def _select(self, src: sqlite3.Connection, table: str) -> tuple[list[str], list[Any]]:
        available = set(_columns(src, table))
        cols = [c for c in self.cols[table] if c in available]
        rows = src.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        return cols, rows

    def _insert(self, table: str, cols: list[str], rows: Iterable[Sequence[Any]], verb: str) -> int:
        sql = f"INSERT {verb} INTO {table}({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})"
        before = self.target.total_changes
        self.target.executemany(sql, rows)
        return self.target.total_changes - before

    def merge(self, src: sqlite3.Connection, summary: SourceSummary) -> None:
        state = self.state
        # Candidates: same id, else same non-empty code, else new.
        remap: dict[str, str] = {}
        names: dict[str, str] = {}
        cols, rows = self._select(src, "candidates")
        i_id, i_code, i_name = cols.index("id"), cols.index("code"), cols.index("name")
        new_candidates, known = [], []
        for row in rows:
            cid, code = row[i_id], (row[i_code] or "").strip()
            names[cid] = row[i_name] or code
            if cid in state.candidate_ids:
                remap[cid] = cid
                known.append(row)
            elif code and code in state.by_code:
                remap[cid] = state.by_code[code]
                summary.candidates_by_code += 1
            else:
                remap[cid] = cid
                state.candidate_ids.add(cid)
                if code:
                    state.by_code[code] = cid
                new_candidates.append(row)
        summary.candidates_added = self._insert("candidates", cols, new_candidates, "")
        self._settle_candidates(cols, known)

        cols, rows = self._select(src, "content_snapshots")
        summary.rows_added["content_snapshots"] += self._insert(
            "content_snapshots", cols, rows, "OR IGNORE"
        )

        # Sessions.
        cols, rows = self._select(src, "sessions")
        ix = {c: i for i, c in enumerate(cols)}
        overlap = {r[ix["id"]] for r in rows} & state.sessions.keys()
        src_fp = _fingerprints(src, overlap)
        missing_fp = overlap - state.fingerprints.keys()
        state.fingerprints.update(_fingerprints(self.target, missing_fp))
        copy: set[str] = set()
        untouched: set[str] = set()
        added, replaced = [], []
        for row in rows:
            sid = row[ix["id"]]
            values = list(row)
            values[ix["candidate_id"]] = remap.get(row[ix["candidate_id"]], row[ix["candidate_id"]])
            key = (row[ix["revision"]], row[ix["status"]], row[ix["updated_at"]])
            if sid not in state.sessions:
                added.append(values)
                copy.add(sid)
                state.sessions[sid] = key
                continue
            if src_fp[sid] == state.fingerprints[sid]:
                summary.sessions_unchanged += 1
                continue
            decision = _decide(key, state.sessions[sid])
            if decision == "keep":
                summary.sessions_kept_newer += 1
            elif decision == "conflict":
                untouched.add(sid)
                summary.conflicts.append(
                    Conflict(
                        summary.path,
                        sid,
                        names.get(row[ix["candidate_id"]], ""),
                        row[ix["interviewer"]],
                        f"same revision ({key[0]}) with different content and no amendment",
                    )
                )
            else:
                replaced.append(values)
                copy.add(sid)
                state.sessions[sid] = key
                state.fingerprints[sid] = src_fp[sid]
        summary.sessions_added = self._insert("sessions", cols, added, "")
        if replaced:
            # Keep the target's candidate (it may have been matched by code earlier).
            fields = [c for c in cols if c not in ("id", "candidate_id")]
            self.target.executemany(
                f"UPDATE sessions SET {', '.join(f'{c} = ?' for c in fields)} WHERE id = ?",
                [[v[ix[c]] for c in fields] + [v[ix["id"]]] for v in replaced],
            )
            for table in CHILD_TABLES:
                self.target.executemany(
                    f"DELETE FROM {table} WHERE session_id = ?", [[v[ix["id"]]] for v in replaced]
                )
        summary.sessions_updated = len(replaced)

        for table in CHILD_TABLES:
            cols, rows = self._select(src, table)
            i_sid = cols.index("session_id")
            try:
                summary.rows_added[table] += self._insert(
                    table, cols, (r for r in rows if r[i_sid] in copy), ""
                )
            except sqlite3.IntegrityError as exc:
                raise MergeError(
                    f"{summary.path}: {table} rows clash with the target ({exc})"
                ) from None
        for table in UNION_TABLES:
            cols, rows = self._select(src, table)
            i_sid = cols.index("session_id")
            keep = (r for r in rows if r[i_sid] not in untouched)
            summary.rows_added[table] += self._insert(table, cols, keep, "OR IGNORE")
        self._merge_summaries(src, untouched, summary)
        self._merge_debrief(src, remap, summary)
        cols, rows = self._select(src, "calibration_attempts")
        summary.rows_added["calibration_attempts"] += self._insert(
            "calibration_attempts", cols, rows, "OR IGNORE"
        )

    def _settle_candidates(self, cols: list[str], rows: list[Sequence[Any]]) -> None:
        """The same candidate in several files (each interviewer's own copy): the earliest
        creation, the latest update and the name saved last, whatever the order."""
        if not rows or not {"created_at", "updated_at", "name"} <= set(cols):
            return
        ix = {c: cols.index(c) for c in ("id", "name", "created_at", "updated_at")}
        self.target.executemany(
            "UPDATE candidates SET created_at = min(created_at, :created), "
            "updated_at = max(updated_at, :updated), "
            "name = CASE WHEN (:updated, :name) > (updated_at, name) THEN :name ELSE name END "
            "WHERE id = :id",
            [
                {
                    "id": r[ix["id"]],
                    "name": r[ix["name"]],
                    "created": r[ix["created_at"]],
                    "updated": r[ix["updated_at"]],
                }
                for r in rows
            ],
        )

    def _merge_summaries(
        self, src: sqlite3.Connection, untouched: set[str], summary: SourceSummary
    ) -> None:
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if SUMMARY_TABLE not in tables:
            return
        self.cols.setdefault(SUMMARY_TABLE, _columns(self.target, SUMMARY_TABLE))
        cols, rows = self._select(src, SUMMARY_TABLE)
        i_sid, i_at = cols.index("session_id"), cols.index("updated_at")
        saved_at = dict(
            self.target.execute(f"SELECT session_id, updated_at FROM {SUMMARY_TABLE}").fetchall()
        )
        added, newer = [], []
        for row in rows:
            sid = row[i_sid]
            if sid in untouched:
                continue
            if sid not in saved_at:
                added.append(row)
            elif row[i_at] > saved_at[sid]:  # equal times: the target's copy stays
                newer.append(row)
            else:
                continue
            saved_at[sid] = row[i_at]
        changed = self._insert(SUMMARY_TABLE, cols, added, "")
        fields = [c for c in cols if c != "session_id"]
        before = self.target.total_changes
        self.target.executemany(
            f"UPDATE {SUMMARY_TABLE} SET {', '.join(f'{c} = ?' for c in fields)} "
            "WHERE session_id = ?",
            [[row[cols.index(c)] for c in fields] + [row[i_sid]] for row in newer],
        )
        changed += self.target.total_changes - before
        summary.rows_added[SUMMARY_TABLE] += changed

    def _merge_debrief(
        self, src: sqlite3.Connection, remap: dict[str, str], summary: SourceSummary
    ) -> None:
        """Debrief decisions: a union by id. Loop members: one per candidate and
        interviewer, the latest scheduled session wins (ties: the larger id), so the
        outcome does not depend on the order of the sources."""
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table in DEBRIEF_TABLES:
            if table not in tables:
                continue
            self.cols.setdefault(table, _columns(self.target, table))
            cols, rows = self._select(src, table)
            i_cand = cols.index("candidate_id")
            rows = [
                [remap.get(v, v) if i == i_cand else v for i, v in enumerate(row)] for row in rows
            ]
            if table == "debrief_decisions":
                summary.rows_added[table] += self._insert(table, cols, rows, "OR IGNORE")
                continue
            before = self.target.total_changes
            self.target.executemany(
                f"INSERT INTO loop_members({', '.join(cols)}) "
                f"VALUES ({','.join('?' * len(cols))}) "
                "ON CONFLICT(candidate_id, interviewer) DO UPDATE SET id = excluded.id, "
                "session_at = excluded.session_at WHERE (excluded.session_at, excluded.id) > "
                "(loop_members.session_at, loop_members.id)",
                rows,
            )
            summary.rows_added[table] += self.target.total_changes - before


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


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def merge_databases(
    sources: Sequence[Path],
    target: Path,
    *,
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
    opened: list[tuple[SourceSummary, Database | None]] = []
    try:
        for path in map(Path, sources):
            entry = SourceSummary(str(path))
            if _same_file(path, target):
                entry.skipped = "it is the target"
                opened.append((entry, None))
                continue
            opened.append((entry, open_source(path)))
        try:
            tdb = open_db(target)
        except StorageError as exc:
            raise MergeError(str(exc)) from None
        conn = tdb.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            merger = _Merger(conn)
            for entry, db in opened:
                summary.sources.append(entry)
                if db is None:
                    continue
                if progress:
                    progress(f"merging {entry.path}")
                merger.merge(db.conn, entry)
            summary.warnings.extend(_sample_warning(conn, str(target)))
            conn.commit()
        except BaseException as exc:
            conn.rollback()
            if isinstance(exc, sqlite3.DatabaseError):
                raise MergeError(f"merge failed, {target} left unchanged ({exc})") from None
            raise
        finally:
            conn.close()
    except BaseException:
        if created:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        for _, db in opened:
            if db is not None:
                db.conn.close()
    return summary
