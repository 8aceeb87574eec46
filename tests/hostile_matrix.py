"""The hostile-text matrix: one database where every fillable text field is an attack.

A field is a row in ``FIELDS``: the table and column it lives in (anything a person
types or a merged file can carry). Adding a field (a decision rationale, a new label)
is one line here; every command, export and screen in ``test_hostile_matrix.py`` then
checks it. Each value starts with a CSV formula starter and carries Rich markup, raw
terminal escapes (CSI, OSC 8, OSC 52, bell), HTML and script, a Markdown table
breaker, a right-to-left override, zero-width characters and NUL; long-text fields
also carry 2 MB.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from interview.domain.models import snapshot_hash
from interview.domain.records import Mode
from interview.services.live import LiveSession
from interview.storage.guards import unguarded
from tests.panel_support import close, interview, services_at

MARKUP = "[bold]B0LD[/bold] [link=https://evil.example/m]L1NK[/link] [@click=app.quit]QU1T[/]"
ESCAPES = (
    "\x1b[31mCSI\x1b[0m \x1b[2J \x1b]8;;https://evil.example/o\x1b\\OSC8\x1b]8;;\x1b\\ "
    "\x1b]52;c;ZXZpbA==\x07 bell\x07 c1csi\x9b31m"
)
HTML = "<script>alert(1)</script><img src=x onerror=alert(2)>"
TABLE_BREAKER = "| cell | x |\n|---|---|"
ODD = "\u202eevil\u202c zero\u200bwidth\u200d nul\x00"
FORMULA_STARTS = ("=", "+", "-", "@")
BIG = 2 * 1024 * 1024

# Markers that prove markup was printed as text rather than applied.
LITERAL_MARKUP = ("[bold]", "[link=", "[@click=")


@dataclass(frozen=True)
class Field:
    name: str
    table: str
    column: str
    long: bool = False  # carries the 2 MB tail too


FIELDS = (
    Field("candidate name", "candidates", "name"),
    Field("candidate code", "candidates", "code"),
    Field("role", "sessions", "role"),
    Field("level", "sessions", "level"),
    Field("interviewer", "sessions", "interviewer"),
    Field("plan title", "sessions", "plan_title"),
    Field("notes", "answers", "notes", long=True),
    Field("justification", "sessions", "justification", long=True),
    Field("amendment reason", "amendments", "reason"),
    Field("amendment actor", "amendments", "actor"),
    Field("session summary", "session_summaries", "text", long=True),
    Field("follow-up text", "followups", "text"),
    Field("event actor", "events", "actor"),
    Field("calibration interviewer", "calibration_attempts", "interviewer"),
)
# Titles and labels from content files, as stored with each session (JSON paths).
CONTENT_FIELDS = ("rubric title", "area title", "question title", "signal text", "signal label")


def payload(label: str, n: int) -> str:
    start = FORMULA_STARTS[n % len(FORMULA_STARTS)]
    return f"{start}1+1 {label} {MARKUP} {ESCAPES} {HTML} {TABLE_BREAKER} {ODD}"


def build(path: Path) -> dict[str, str]:
    """Write the matrix database; returns the candidate code and a session id."""
    services = services_at(path)
    scores = {"python": 4, "api": 2, "databases": 3}
    first = interview(services, candidate="Matrix", code="M-1", interviewer="One", scores=scores)
    interview(services, candidate="Matrix", code="M-1", interviewer="Two",
              scores={"python": 1, "api": 4, "databases": 2})  # fmt: skip
    interview(services, candidate="Other", code="M-2", interviewer="One", scores=scores)
    interview(services, candidate="Other", code="M-2", interviewer="Two", scores=scores)
    interview(services, candidate="Practice", interviewer="", scores=scores, mode=Mode.PRACTICE)
    live = LiveSession(services.repo, first)
    cid = services.repo.db.execute("SELECT candidate_id FROM sessions WHERE id = ?", [first])
    cid = cid.fetchone()[0]
    live.record_suggestion(live.question.id, "probe", live_source(), reason="why")
    live.amend("first reason", {"python": 3})
    services.repo.save_summary_note(first, "summary", ai_drafted=False, edited=False)
    repo = services.repo
    repo.db.execute(
        "INSERT INTO calibration_attempts VALUES ('cal1', 'One', 'q', 'senior', 'python', 3, 3, "
        "'2026-03-02T10:00:00Z')"
    )
    close(services)

    conn = sqlite3.connect(path)
    with conn:
        # Planting hostile text in submitted scorecards is exactly what the guard triggers
        # refuse; the fixture lifts them for the planting, as a forged file would have.
        conn.execute("BEGIN")
        with unguarded(conn):
            for n, field in enumerate(FIELDS):
                value = payload(field.name, n)
                tail = "x" * BIG if field.long else ""
                # Each row differs (two interviewers stay two), the start stays the attack.
                conn.execute(
                    f"UPDATE {field.table} SET {field.column} = ? || ' #' || rowid || ?",
                    [value, tail],
                )
        for content_hash, text in conn.execute("SELECT hash, snapshot FROM content_snapshots"):
            data = json.loads(text)
            data["rubric"]["title"] = payload("rubric title", 0)
            for area in data["rubric"]["areas"]:
                area["title"] = payload("area title", 1) + " " + area["id"]
            for question in data["questions"]:
                question["title"] = payload("question title", 2)
                for signal in (*question["senior_signals"], *question["junior_signals"]):
                    signal["text"] = payload("signal text", 3)
                    signal["label"] = payload("signal label", 0)[:40]
            # Stored under its true hash: a valid (if hostile) merge source.
            new_hash = snapshot_hash(data)
            conn.execute(
                "UPDATE content_snapshots SET snapshot = ?, hash = ? WHERE hash = ?",
                [json.dumps(data, ensure_ascii=False), new_hash, content_hash],
            )
            conn.execute(
                "UPDATE sessions SET content_hash = ? WHERE content_hash = ?",
                [new_hash, content_hash],
            )
    conn.close()
    conn = sqlite3.connect(path)
    interviewer = conn.execute("SELECT interviewer FROM sessions WHERE id = ?", [first])
    info = {"candidate": cid, "session": first, "interviewer": interviewer.fetchone()[0]}
    conn.close()
    return info


def live_source() -> object:
    from interview.domain.records import FollowUpSource

    return FollowUpSource.LLM
