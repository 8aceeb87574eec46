"""Schema, versioned with ``sqlite_utils.Migrations``.

Never edit an applied migration: add a new one. Every row has a UUID primary key so
databases kept by different interviewers merge without collisions. Datetimes are
UTC ISO 8601 text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interview.storage.views import PANEL_VIEWS

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

Step = Callable[["Database"], None]


@dataclass(frozen=True)
class _Step:
    name: str
    fn: Step


class SchemaSteps:
    """The ordered schema steps, registered like ``sqlite_utils.Migrations``.

    sqlite_utils is imported only when steps are applied or inspected, so opening an
    up-to-date database (every start of the app) does not pay for importing it.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[_Step] = []

    def __call__(self) -> Callable[[Step], Step]:
        def register(fn: Step) -> Step:
            self._migrations.append(_Step(fn.__name__, fn))
            return fn

        return register

    def _real(self) -> Migrations:
        from sqlite_utils import Migrations

        real = Migrations(self.name)
        for step in self._migrations:
            real(name=step.name)(step.fn)
        return real

    def apply(self, db: Any, *, stop_before: str | None = None) -> None:
        self._real().apply(_sqlite_utils(db), stop_before=stop_before)

    def applied(self, db: Any) -> list[Any]:
        return self._real().applied(_sqlite_utils(db))

    def pending(self, db: Any) -> list[Any]:
        return self._real().pending(_sqlite_utils(db))


def _sqlite_utils(db: Any) -> Database:
    """The app's own ``Database`` or a ``sqlite_utils.Database``: the latter for steps."""
    from sqlite_utils import Database

    return db if isinstance(db, Database) else Database(db.conn)


migrations = SchemaSteps("interview")


@migrations()
def m001_initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE candidates (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_candidates_code ON candidates(code)")
    db.execute("CREATE INDEX idx_candidates_name ON candidates(name)")
    db.execute(
        """
        CREATE TABLE content_snapshots (
            hash TEXT PRIMARY KEY,
            snapshot TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            candidate_id TEXT NOT NULL REFERENCES candidates(id),
            interviewer TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT '',
            plan_id TEXT NOT NULL,
            plan_title TEXT NOT NULL DEFAULT '',
            rubric_id TEXT NOT NULL,
            content_hash TEXT NOT NULL REFERENCES content_snapshots(hash),
            mode TEXT NOT NULL DEFAULT 'interview',
            status TEXT NOT NULL DEFAULT 'in_progress',
            current_index INTEGER NOT NULL DEFAULT 0,
            elapsed_seconds REAL NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            submitted_at TEXT,
            justification TEXT NOT NULL DEFAULT '',
            weighted_score REAL,
            recommendation TEXT,
            llm_enabled INTEGER NOT NULL DEFAULT 0,
            revision INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX idx_sessions_candidate ON sessions(candidate_id)")
    db.execute("CREATE INDEX idx_sessions_status ON sessions(status, mode)")
    db.execute("CREATE INDEX idx_sessions_started ON sessions(started_at)")
    db.execute("CREATE INDEX idx_sessions_role ON sessions(role)")
    db.execute(
        """
        CREATE TABLE answers (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            question_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            elapsed_seconds REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            UNIQUE (session_id, question_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE signal_observations (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            question_id TEXT NOT NULL,
            signal_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            observed INTEGER NOT NULL,
            source TEXT NOT NULL DEFAULT 'interviewer',
            updated_at TEXT NOT NULL,
            UNIQUE (session_id, question_id, signal_id, source)
        )"""
    )
    db.execute(
        """
        CREATE TABLE followups (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            question_id TEXT NOT NULL,
            follow_up_id TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            source TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            asked INTEGER NOT NULL DEFAULT 0,
            suggested_at TEXT NOT NULL,
            asked_at TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_followups_session ON followups(session_id, question_id)")
    db.execute(
        """
        CREATE TABLE area_scores (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            area_id TEXT NOT NULL,
            question_id TEXT NOT NULL DEFAULT '',
            score INTEGER CHECK (score BETWEEN 1 AND 4),
            updated_at TEXT NOT NULL,
            UNIQUE (session_id, area_id, question_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            session_id TEXT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute("CREATE INDEX idx_events_session ON events(session_id, at)")
    # The event log is append-only: the database itself refuses edits.
    db.execute(
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )
    db.execute(
        """
        CREATE TABLE amendments (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            at TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL,
            changes TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute("CREATE INDEX idx_amendments_session ON amendments(session_id)")
    db.execute(
        """
        CREATE TABLE llm_usage (
            id TEXT PRIMARY KEY,
            session_id TEXT,
            at TEXT NOT NULL,
            model TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT 'followups',
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            cost REAL
        )"""
    )
    db.execute(
        """
        CREATE TABLE calibration_attempts (
            id TEXT PRIMARY KEY,
            interviewer TEXT NOT NULL,
            question_id TEXT NOT NULL,
            sample_level TEXT NOT NULL,
            area_id TEXT NOT NULL,
            score INTEGER NOT NULL,
            agreed INTEGER NOT NULL,
            at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE prefs (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )


@migrations()
def m002_views(db: Database) -> None:
    for name, sql in PANEL_VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.execute(f"CREATE VIEW {name} AS {sql}")


@migrations()
def m003_session_summaries(db: Database) -> None:
    # The interviewer's written summary of a session: an annotation for the report, kept
    # apart from the scorecard (it never changes a score and needs no amendment). One per
    # session; a UUID id so panel merges match it, and flags saying whether an LLM drafted
    # it and whether the interviewer then edited the draft.
    db.execute(
        """
        CREATE TABLE session_summaries (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL UNIQUE REFERENCES sessions(id),
            text TEXT NOT NULL,
            ai_drafted INTEGER NOT NULL DEFAULT 0,
            edited INTEGER NOT NULL DEFAULT 0,
            model TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


@migrations()
def m004_scorecard_guards(db: Database) -> None:
    # A submitted scorecard changes only by amendment (see storage/guards.py).
    from interview.storage.guards import create_guards

    create_guards(db.conn)


@migrations()
def m005_scales_of_other_lengths(db: Database) -> None:
    # A rubric may declare 3 to 7 levels per area: area scores up to 7 are valid (the
    # rubric's own scale is checked before a score is written), and the panel views scale
    # each area by its own number of levels. SQLite cannot change a CHECK constraint, so
    # the table is rebuilt; the views that read it are dropped first and made again.
    for name in PANEL_VIEWS:
        db.execute(f"DROP VIEW IF EXISTS {name}")
    db.execute(
        """
        CREATE TABLE area_scores_new (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            area_id TEXT NOT NULL,
            question_id TEXT NOT NULL DEFAULT '',
            score INTEGER CHECK (score BETWEEN 1 AND 7),
            updated_at TEXT NOT NULL,
            UNIQUE (session_id, area_id, question_id)
        )"""
    )
    db.execute("INSERT INTO area_scores_new SELECT * FROM area_scores")
    db.execute("DROP TABLE area_scores")
    db.execute("ALTER TABLE area_scores_new RENAME TO area_scores")
    for name, sql in PANEL_VIEWS.items():
        db.execute(f"CREATE VIEW {name} AS {sql}")
    # The rebuilt table lost its guard trigger: make it again.
    from interview.storage.guards import create_guards

    create_guards(db.conn)


@migrations()
def m006_debrief(db: Database) -> None:
    # The panel's debrief decision, recorded by a lead apart from the formula's
    # recommendation; a changed decision is a new row (the latest is the decision).
    db.execute(
        """
        CREATE TABLE debrief_decisions (
            id TEXT PRIMARY KEY,
            candidate_id TEXT NOT NULL REFERENCES candidates(id),
            decision TEXT NOT NULL CHECK (decision IN ('hire', 'no_hire', 'more_evidence')),
            rationale TEXT NOT NULL,
            decided_by TEXT NOT NULL DEFAULT '',
            decided_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX idx_debrief_candidate ON debrief_decisions(candidate_id)")
    # The interviewers expected on a candidate's loop, and when their session is.
    db.execute(
        """
        CREATE TABLE loop_members (
            id TEXT PRIMARY KEY,
            candidate_id TEXT NOT NULL REFERENCES candidates(id),
            interviewer TEXT NOT NULL,
            session_at TEXT NOT NULL,
            UNIQUE (candidate_id, interviewer)
        )"""
    )


@migrations()
def m007_session_leases(db: Database) -> None:
    # One writer per session: the app instance that has a session open holds its lease
    # (a random owner id per app start, a label saying which process, and a heartbeat in
    # Unix seconds). Another instance opening the session is told, and opens it read only
    # or takes the lease over; a write whose instance no longer holds the lease is refused
    # in the same transaction. Never merged between databases.
    db.execute(
        """
        CREATE TABLE session_leases (
            session_id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            heartbeat REAL NOT NULL
        )"""
    )


@migrations()
def m008_private_notes_and_sample_labels(db: Database) -> None:
    # The interviewer's private scratch pad, per session and question: kept on this
    # machine only. Merge, push, reports and the published views never read it; the
    # candidate's own export includes it and forgetting them erases it.
    db.execute(
        """
        CREATE TABLE private_notes (
            id TEXT PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            question_id TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            UNIQUE (session_id, question_id)
        )"""
    )
    # Demo data is labelled by a ``sample_data`` event: find it without reading the log.
    db.execute("CREATE INDEX idx_events_kind ON events(kind, session_id)")
    # The published views gain a ``sample`` column.
    for name in PANEL_VIEWS:
        db.execute(f"DROP VIEW IF EXISTS {name}")
    for name, sql in PANEL_VIEWS.items():
        db.execute(f"CREATE VIEW {name} AS {sql}")


@migrations()
def m009_unfinished_index(db: Database) -> None:
    # The home screen's resume banner asks for the newest unfinished sessions on every
    # start: read them in order from an index instead of sorting every unfinished one.
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_sessions_unfinished ON sessions(status, mode, updated_at)"
    )
