"""The audit trail: every change to a submitted scorecard and every removal of data.

Read from the append-only ``events`` table: submissions, amendments (with their reason),
a panel lead's override of blind mode, panel decisions, erasures and retention runs.
Each entry says who, when, what kind and why.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from typing import Any

from interview.services.debrief import DECISIONS
from interview.storage.candidate_data import CandidateRow, loose_event_filter, session_ids
from interview.storage.db import Database
from interview.storage.debrief_queries import decisions_for_audit

AUDIT_KINDS = (
    "submitted",
    "amended",
    "panel_lead_override",
    "panel_decision",
    "decision",
    "erasure",
    "retention_run",
)
FIELDS = ("at", "actor", "kind", "candidate", "session", "why", "detail")


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor: str
    kind: str
    candidate: str
    session: str
    why: str
    detail: dict[str, Any]


def _why(kind: str, detail: dict[str, Any]) -> str:
    if kind == "amended":
        return str(detail.get("reason", ""))
    if kind == "panel_lead_override":
        return "panel lead chose to see the scores blind mode hides"
    if kind == "erasure":
        return "candidate's data erased on request"
    if kind == "retention_run":
        return f"retention policy ({detail.get('policy', '')})"
    return str(detail.get("reason", ""))


def entries(db: Database, candidate: CandidateRow | None = None) -> list[AuditEntry]:
    kinds = ",".join("?" * len(AUDIT_KINDS))
    sql = (
        "SELECT e.at, e.actor, e.kind, e.session_id, e.detail, c.name, c.code "
        "FROM events e LEFT JOIN sessions s ON s.id = e.session_id "
        "LEFT JOIN candidates c ON c.id = s.candidate_id "
        f"WHERE (e.kind IN ({kinds}) OR e.kind LIKE '%decision%') "
        "AND (s.mode IS NULL OR s.mode = 'interview')"
    )
    params: list[Any] = list(AUDIT_KINDS)
    if candidate is not None:
        sids = session_ids(db.conn, candidate.id)
        loose, loose_params = loose_event_filter(candidate)
        loose = loose.replace("session_id", "e.session_id").replace("detail", "e.detail")
        where = [f"({loose})"]
        params_c: list[Any] = list(loose_params)
        if sids:
            where.append(f"e.session_id IN ({','.join('?' * len(sids))})")
            params_c += sids
        sql += " AND (" + " OR ".join(where) + ")"
        params += params_c
    sql += " ORDER BY e.at, e.rowid"
    out = []
    for at, actor, kind, sid, raw, name, code in db.conn.execute(sql, params):
        try:
            detail = json.loads(raw)
        except ValueError:
            detail = {}
        if not isinstance(detail, dict):
            detail = {}
        who = name or ""
        if code:
            who = f"{who} ({code})" if who else code
        if not who and detail.get("candidate"):
            who = str(detail["candidate"])
        out.append(AuditEntry(at, actor, kind, who, (sid or "")[:8], _why(kind, detail), detail))
    out.extend(_decisions(db, candidate))
    out.sort(key=lambda e: e.at)  # stable: events keep their own order
    return out


def _decisions(db: Database, candidate: CandidateRow | None) -> list[AuditEntry]:
    """The panel's debrief decisions (`interview decide`), kept in their own table."""
    out = []
    for row in decisions_for_audit(db, candidate.id if candidate is not None else None):
        who = row["candidate_name"] or ""
        if row["candidate_code"]:
            code = row["candidate_code"]
            who = f"{who} ({code})" if who else code
        label = DECISIONS.get(row["decision"], row["decision"])
        detail = {"decision": row["decision"], "candidate_id": row["candidate_id"]}
        why = f"{label}: {row['rationale']}"
        out.append(
            AuditEntry(row["decided_at"], row["decided_by"], "panel_decision", who, "", why, detail)
        )
    return out


def as_json(items: list[AuditEntry]) -> str:
    return json.dumps([asdict(e) for e in items], indent=2, ensure_ascii=False) + "\n"


def as_csv(items: list[AuditEntry]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FIELDS)
    for e in items:
        row = asdict(e)
        row["detail"] = json.dumps(e.detail, sort_keys=True, ensure_ascii=False)
        writer.writerow([_csv_safe(str(row[f])) for f in FIELDS])
    return buf.getvalue()


def _csv_safe(text: str) -> str:
    """No formula injection when the file is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
