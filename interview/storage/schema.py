"""Schema, versioned with ``sqlite_utils.Migrations``.

Never edit an applied migration: add a new one. Every row has a UUID primary key so
databases kept by different interviewers merge without collisions. Datetimes are
UTC ISO 8601 text.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("interview")


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
