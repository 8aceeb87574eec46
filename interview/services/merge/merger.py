"""Writing one checked source into the target, inside the caller's transaction."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from interview.services.merge.rules import Key, decide, fingerprints, owner_of, person
from interview.services.merge.source import MergeError, Source
from interview.services.merge.summary import Conflict, Held, SourceSummary
from interview.services.merge.tables import (
    CHILD_TABLES,
    DEBRIEF_TABLES,
    SUMMARY_TABLE,
    UNION_TABLES,
)


class Merger:
    def __init__(self, target: sqlite3.Connection, *, mixed: bool = False) -> None:
        self.target = target
        self.mixed = mixed
        cands = target.execute(
            "SELECT id, code FROM candidates ORDER BY created_at DESC, id DESC"
        ).fetchall()
        self.candidate_ids = {c for c, _ in cands}
        self.by_code = {code: cid for cid, code in cands if code}  # the oldest wins
        self.sessions: dict[str, Key] = {}
        self.interviewer: dict[str, str] = {}
        for sid, rev, status, at, who in target.execute(
            "SELECT id, revision, status, updated_at, interviewer FROM sessions"
        ):
            self.sessions[sid] = (rev, status, at)
            self.interviewer[sid] = who
        self.fingerprints: dict[str, str] = {}

    def _insert(self, table: str, cols: list[str], rows: Iterable[Sequence[Any]], verb: str) -> int:
        sql = f"INSERT {verb} INTO {table}({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})"
        before = self.target.total_changes
        self.target.executemany(sql, rows)
        return self.target.total_changes - before

    def _candidates(
        self, src: Source, summary: SourceSummary
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Same id, else same non-empty code, else a new candidate."""
        remap: dict[str, str] = {}
        names: dict[str, str] = {}
        cols, rows = src.rows("candidates")
        i_id, i_code, i_name = cols.index("id"), cols.index("code"), cols.index("name")
        new, known = [], []
        for row in rows:
            cid, code = row[i_id], row[i_code].strip()
            names[cid] = row[i_name] or code
            if cid in self.candidate_ids:
                remap[cid] = cid
                known.append(row)
                summary.candidates_by_id += 1
            elif code and code in self.by_code:
                remap[cid] = self.by_code[code]
                summary.candidates_by_code += 1
            else:
                remap[cid] = cid
                self.candidate_ids.add(cid)
                if code:
                    self.by_code[code] = cid
                new.append(row)
        summary.candidates_added = self._insert("candidates", cols, new, "")
        self._settle_candidates(cols, known)
        return remap, names

    def _settle_candidates(self, cols: list[str], rows: Sequence[Sequence[Any]]) -> None:
        """The same candidate in several files (each interviewer's own copy): the earliest
        creation, the latest update and the name saved last, whatever the order; the same
        update time keeps the target's text (a copied file cannot rename by tampering)."""
        if not rows:
            return
        ix = {c: cols.index(c) for c in ("id", "name", "created_at", "updated_at")}
        self.target.executemany(
            "UPDATE candidates SET created_at = min(created_at, :created), "
            "updated_at = max(updated_at, :updated), "
            "name = CASE WHEN :updated > updated_at THEN :name ELSE name END "
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

    def _amendments(self, src: Source) -> tuple[Counter[str], Counter[str]]:
        """Per session: amendments with a reason in the source, and those new to the target."""
        cols, rows = src.rows("amendments")
        i_id, i_sid, i_reason = cols.index("id"), cols.index("session_id"), cols.index("reason")
        known = {r[0] for r in self.target.execute("SELECT id FROM amendments")}
        every: Counter[str] = Counter()
        new: Counter[str] = Counter()
        for row in rows:
            if row[i_reason].strip():
                every[row[i_sid]] += 1
                if row[i_id] not in known:
                    new[row[i_sid]] += 1
        return every, new

    def merge(self, src: Source, summary: SourceSummary) -> None:
        remap, names = self._candidates(src, summary)
        snapshots = src.verified_snapshots()
        cols, rows = src.rows("sessions")
        ix = {c: i for i, c in enumerate(cols)}
        interviews = [r for r in rows if r[ix["mode"]] == "interview"]
        owner_key, summary.owner = owner_of(r[ix["interviewer"]] for r in interviews)
        amended, amended_new = self._amendments(src)

        overlap = {r[ix["id"]] for r in rows} & self.sessions.keys()
        src_fp = fingerprints(src.conn, overlap)
        self.fingerprints.update(fingerprints(self.target, overlap - self.fingerprints.keys()))
        copy: set[str] = set()
        untouched: set[str] = set()
        added, replaced = [], []

        def conflict(row: Sequence[Any], detail: str) -> None:
            sid = row[ix["id"]]
            untouched.add(sid)
            summary.conflicts.append(
                Conflict(summary.path, sid, names.get(row[ix["candidate_id"]], ""),
                         row[ix["interviewer"]], detail)
            )  # fmt: skip

        def held(row: Sequence[Any]) -> bool:
            who = person(row[ix["interviewer"]])
            if self.mixed or row[ix["mode"]] != "interview" or not who or who == owner_key:
                return False
            sid = row[ix["id"]]
            untouched.add(sid)
            summary.held.append(
                Held(summary.path, sid, names.get(row[ix["candidate_id"]], ""),
                     row[ix["interviewer"]], summary.owner)
            )  # fmt: skip
            return True

        for row in rows:
            sid = row[ix["id"]]
            values = list(row)
            values[ix["candidate_id"]] = remap.get(row[ix["candidate_id"]], row[ix["candidate_id"]])
            key: Key = (row[ix["revision"]], row[ix["status"]], row[ix["updated_at"]])
            if sid not in self.sessions:
                if held(row):
                    continue
                if key[0] > amended[sid]:
                    conflict(row, f"revision {key[0]} without its recorded amendments; not merged")
                    continue
                added.append(values)
                copy.add(sid)
                self.sessions[sid] = key
                self.interviewer[sid] = row[ix["interviewer"]]
                continue
            if src_fp[sid] == self.fingerprints[sid]:
                summary.sessions_unchanged += 1
                continue
            decision = decide(key, self.sessions[sid])
            if decision == "keep":
                summary.sessions_kept_newer += 1
                continue
            if decision == "conflict":
                conflict(row, f"same revision ({key[0]}) with different content and no amendment")
                continue
            if held(row):
                continue
            if person(row[ix["interviewer"]]) != person(self.interviewer[sid]):
                conflict(row, "names a different interviewer than the copy already merged")
                continue
            t_rev, t_status, _ = self.sessions[sid]
            if t_status == "submitted" and amended_new[sid] < key[0] - t_rev:
                conflict(
                    row,
                    f"revision {key[0]} would replace the submitted scorecard (revision {t_rev}) "
                    "without a recorded amendment and its reason",
                )
                continue
            replaced.append(values)
            copy.add(sid)
            self.sessions[sid] = key
            self.fingerprints[sid] = src_fp[sid]

        # Only the content the merged sessions use, each snapshot checked against its hash.
        used = {v[ix["content_hash"]] for v in (*added, *replaced)}
        summary.rows_added["content_snapshots"] += self._insert(
            "content_snapshots", ["hash", "snapshot"], (s for s in snapshots if s[0] in used),
            "OR IGNORE",
        )  # fmt: skip
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
            cols, rows = src.rows(table)
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
            cols, rows = src.rows(table)
            i_sid = cols.index("session_id")
            keep = (r for r in rows if r[i_sid] not in untouched)
            summary.rows_added[table] += self._insert(table, cols, keep, "OR IGNORE")
        self._merge_summaries(src, untouched, summary)
        self._merge_debrief(src, remap, summary)
        cols, rows = src.rows("calibration_attempts")
        summary.rows_added["calibration_attempts"] += self._insert(
            "calibration_attempts", cols, rows, "OR IGNORE"
        )

    def _merge_summaries(self, src: Source, untouched: set[str], summary: SourceSummary) -> None:
        cols, rows = src.rows(SUMMARY_TABLE)
        if not rows:
            return
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

    def _merge_debrief(self, src: Source, remap: dict[str, str], summary: SourceSummary) -> None:
        """Debrief decisions: a union by id. Loop members: one per candidate and
        interviewer, the latest scheduled session wins (ties: the larger id), so the
        outcome does not depend on the order of the sources."""
        for table in DEBRIEF_TABLES:
            if not src.has(table):
                continue
            cols, rows = src.rows(table)
            i_cand = cols.index("candidate_id")
            moved = [
                [remap.get(v, v) if i == i_cand else v for i, v in enumerate(row)] for row in rows
            ]
            if table == "debrief_decisions":
                summary.rows_added[table] += self._insert(table, cols, moved, "OR IGNORE")
                continue
            before = self.target.total_changes
            self.target.executemany(
                f"INSERT INTO loop_members({', '.join(cols)}) "
                f"VALUES ({','.join('?' * len(cols))}) "
                "ON CONFLICT(candidate_id, interviewer) DO UPDATE SET id = excluded.id, "
                "session_at = excluded.session_at WHERE (excluded.session_at, excluded.id) > "
                "(loop_members.session_at, loop_members.id)",
                moved,
            )
            summary.rows_added[table] += self.target.total_changes - before
