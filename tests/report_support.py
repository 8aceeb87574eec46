"""Shared set-up for the report, demo and sessions tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlite_utils import Database

from interview.domain.content_paths import content_layers
from interview.domain.loader import load_content
from interview.domain.models import Content
from interview.services.demo import DemoClock, play_interview, write_demo
from interview.services.demo_data import DMITRI_HANNAH
from interview.storage.db import open_db
from interview.storage.repository import Repository

FIXTURE = Path(__file__).parent / "fixtures" / "reports"
GOLDEN = Path(__file__).parent / "golden"


@cache
def frozen_content() -> Content:
    """A frozen copy of the bundled rubric, questions and plan (goldens must not move)."""
    return load_content([[FIXTURE]]).content


@cache
def bundled_content() -> Content:
    return load_content(content_layers()).content


def golden_session() -> tuple[Database, str]:
    """The sample interview with an amendment, a red flag and a borderline score."""
    db = open_db(None)
    clock = DemoClock()
    session_id = play_interview(Repository(db, clock=clock), frozen_content(), clock, DMITRI_HANNAH)
    return db, session_id


def demo_db(path: Path | None = None) -> Database:
    db = open_db(path)
    write_demo(db, bundled_content(), path=path)
    return db


def session_ids(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM sessions ORDER BY started_at, id")]


class QueryCounter:
    """Counts the SQL statements run on a connection (sqlite3 trace callback)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.statements: list[str] = []

    def __enter__(self) -> QueryCounter:
        self.db.conn.set_trace_callback(self.statements.append)
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.conn.set_trace_callback(None)

    @property
    def count(self) -> int:
        return len(self.statements)


def sample_session(db: Database, key: str) -> str:
    """The id of the sample session written from the script with this key."""
    row = db.execute(
        "SELECT session_id FROM events WHERE kind = 'sample_data' "
        "AND json_extract(detail, '$.script') = ?",
        [key],
    ).fetchone()
    assert row, f"no sample session {key}"
    return str(row[0])
