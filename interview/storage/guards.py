"""Triggers that make the record trustworthy, and the one path allowed around them.

- ``events`` is append-only (created with the first schema step).
- A submitted scorecard changes only by amendment: its justification, weighted score and
  recommendation may change only in an UPDATE that raises ``revision`` (the amendment
  path does both in one statement), it cannot go back to in progress, and its final area
  scores may change only at the time of an amendment row for the session (the amendment
  path writes that row first).

Erasure and retention must remove rows these triggers protect. They do it inside one
transaction through :func:`unguarded`, which drops the triggers, yields, and creates them
again before the transaction commits: no other connection ever sees the tables unguarded,
and a failure rolls the triggers' removal back with everything else.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

GUARDS: dict[str, str] = {
    "events_no_update": (
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    ),
    "events_no_delete": (
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    ),
    "scorecard_no_edit": (
        "CREATE TRIGGER scorecard_no_edit BEFORE UPDATE OF justification, weighted_score, "
        "recommendation ON sessions "
        "WHEN OLD.status = 'submitted' AND NEW.revision <= OLD.revision "
        "AND (NEW.justification IS NOT OLD.justification "
        "OR NEW.weighted_score IS NOT OLD.weighted_score "
        "OR NEW.recommendation IS NOT OLD.recommendation) "
        "BEGIN SELECT RAISE(ABORT, 'this scorecard is submitted; amend it to change it'); END"
    ),
    "scorecard_no_reopen": (
        "CREATE TRIGGER scorecard_no_reopen BEFORE UPDATE OF status ON sessions "
        "WHEN OLD.status = 'submitted' AND NEW.status = 'in_progress' "
        "BEGIN SELECT RAISE(ABORT, 'a submitted scorecard cannot be reopened'); END"
    ),
    "scorecard_scores_no_edit": (
        "CREATE TRIGGER scorecard_scores_no_edit BEFORE UPDATE ON area_scores "
        "WHEN OLD.question_id = '' "
        "AND (SELECT status FROM sessions WHERE id = OLD.session_id) = 'submitted' "
        "AND NOT EXISTS (SELECT 1 FROM amendments a WHERE a.session_id = NEW.session_id "
        "AND a.at = NEW.updated_at) "
        "BEGIN SELECT RAISE(ABORT, 'this scorecard is submitted; amend it to change it'); END"
    ),
}


def create_guards(conn: sqlite3.Connection) -> None:
    existing = {
        name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for name, sql in GUARDS.items():
        if name not in existing:
            conn.execute(sql)


@contextmanager
def unguarded(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside an open transaction: the guard triggers are gone until the block ends."""
    if not conn.in_transaction:
        raise RuntimeError("unguarded() needs an open transaction")
    for name in GUARDS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
    finally:
        if conn.in_transaction:
            create_guards(conn)
