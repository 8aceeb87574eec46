"""What merge reads from a source: known tables and columns only, each with its type and cap.

A source database is someone else's file. Merge never runs ``SELECT *`` on it: every
table is read by the explicit column list below, every value is checked against its
column's type, allowed values and size cap, and anything else in the file (extra
tables, views, triggers, extra columns) is ignored. A column added to the schema
must be listed here (``tests/test_merge_hostile.py`` checks the lists against the
schema), with a default when older sources may lack it.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview.domain.records import Mode, Status
from interview.domain.scoring import Recommendation

KB = 1024
MB = 1024 * KB
ID_CAP = 200  # ids, question/area/plan ids, content hashes
SHORT_CAP = 10 * KB  # names, codes, roles, interviewer, titles
TIME_CAP = 64  # ISO timestamps
LONG_CAP = 5 * MB  # notes, justification, reasons, summaries
SNAPSHOT_CAP = 50 * MB  # the rubric, plan and questions a session used


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text", "int" or "real"
    cap: int = 0  # text: the longest value accepted, in characters
    nullable: bool = False
    choices: tuple[str, ...] = ()
    # For columns added after the first schema: the value when a source lacks it.
    default: object = None
    optional: bool = False


def _id(name: str, nullable: bool = False) -> Column:
    return Column(name, "text", ID_CAP, nullable)


def _short(name: str) -> Column:
    return Column(name, "text", SHORT_CAP)


def _long(name: str) -> Column:
    return Column(name, "text", LONG_CAP)


def _time(name: str, nullable: bool = False) -> Column:
    return Column(name, "text", TIME_CAP, nullable)


def _int(name: str, nullable: bool = False) -> Column:
    return Column(name, "int", nullable=nullable)


def _real(name: str, nullable: bool = False) -> Column:
    return Column(name, "real", nullable=nullable)


TABLES: dict[str, tuple[Column, ...]] = {
    "candidates": (
        _id("id"), _short("name"), _short("code"), _time("created_at"), _time("updated_at"),
    ),
    "content_snapshots": (_id("hash"), Column("snapshot", "text", SNAPSHOT_CAP)),
    "sessions": (
        _id("id"), _id("candidate_id"), _short("interviewer"), _short("role"), _short("level"),
        _id("plan_id"), _short("plan_title"), _id("rubric_id"), _id("content_hash"),
        Column("mode", "text", ID_CAP, choices=tuple(m.value for m in Mode)),
        Column("status", "text", ID_CAP, choices=tuple(s.value for s in Status)),
        _int("current_index"), _real("elapsed_seconds"), _time("started_at"),
        _time("updated_at"), _time("submitted_at", nullable=True), _long("justification"),
        _real("weighted_score", nullable=True),
        Column("recommendation", "text", ID_CAP, nullable=True,
               choices=tuple(r.value for r in Recommendation)),
        _int("llm_enabled"), _int("revision"),
    ),
    "answers": (
        _id("id"), _id("session_id"), _id("question_id"), _int("position"), _long("notes"),
        _real("elapsed_seconds"), _time("updated_at"),
    ),
    "signal_observations": (
        _id("id"), _id("session_id"), _id("question_id"), _id("signal_id"), _id("kind"),
        _int("observed"), _id("source"), _time("updated_at"),
    ),
    "followups": (
        _id("id"), _id("session_id"), _id("question_id"), _id("follow_up_id"), _long("text"),
        _id("source"), _long("reason"), _int("asked"), _time("suggested_at"),
        _time("asked_at", nullable=True),
    ),
    "area_scores": (
        _id("id"), _id("session_id"), _id("area_id"), _id("question_id"),
        _int("score", nullable=True), _time("updated_at"),
    ),
    "events": (
        _id("id"), _id("session_id", nullable=True), _time("at"), _short("actor"), _id("kind"),
        _long("detail"),
    ),
    "amendments": (
        _id("id"), _id("session_id"), _time("at"), _short("actor"), _long("reason"),
        _long("changes"),
    ),
    "llm_usage": (
        _id("id"), _id("session_id", nullable=True), _time("at"), _short("model"),
        _id("purpose"), _int("prompt_tokens"), _int("completion_tokens"),
        _real("cost", nullable=True),
    ),
    "calibration_attempts": (
        _id("id"), _short("interviewer"), _id("question_id"), _id("sample_level"),
        _id("area_id"), _int("score"), _int("agreed"), _time("at"),
    ),
    # Sources written before summaries existed have no such table.
    "session_summaries": (
        _id("id"), _id("session_id"), _long("text"), _int("ai_drafted"), _int("edited"),
        _short("model"), _time("created_at"), _time("updated_at"),
    ),
    # A lead's debrief decisions and the interviewers expected on each loop.
    "debrief_decisions": (
        _id("id"), _id("candidate_id"),
        Column("decision", "text", ID_CAP, choices=("hire", "no_hire", "more_evidence")),
        _long("rationale"), _short("decided_by"), _time("decided_at"),
    ),
    "loop_members": (_id("id"), _id("candidate_id"), _short("interviewer"), _time("session_at")),
}  # fmt: skip
DEBRIEF_TABLES = ("debrief_decisions", "loop_members")
OPTIONAL_TABLES = ("session_summaries", *DEBRIEF_TABLES)
REQUIRED_TABLES = tuple(t for t in TABLES if t not in OPTIONAL_TABLES)
# Tables of the schema that merge leaves alone: they belong to one person's install
# (``private_notes``: the interviewer's private pad, which never leaves their machine;
# ``session_leases``: which app window has a session open).
NOT_MERGED = ("prefs", "private_notes", "session_leases")

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
# The interviewer's summary of a session: an annotation outside the scorecard (so not
# part of its fingerprint), one per session; of two versions the one saved last wins.
SUMMARY_TABLE = "session_summaries"


def names(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]
