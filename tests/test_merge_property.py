"""Merging is a defined exchange: the same data merged twice, in any order and in any
grouping of merge runs, gives the same database (the rules `merge`, `push` and `pull`
share)."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview.services.demo import write_per_interviewer
from interview.services.merge import merge_databases
from interview.storage.db import open_db
from interview.storage.guards import unguarded
from tests.report_support import bundled_content

SKIP = {"_sqlite_migrations", "sqlite_sequence"}


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] not in SKIP
        ]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("sources")
    write_per_interviewer(folder, bundled_content())
    hannah = folder / "hannah-schmidt.db"
    # An older copy of Hannah's file: the amended scorecard before its amendment.
    older = folder / "hannah-before-amendment.db"
    older.write_bytes(hannah.read_bytes())
    db = open_db(older)
    # Forging an older copy goes around the scorecard guards, as only erasure may.
    with db.conn:
        db.conn.execute("BEGIN")
        with unguarded(db.conn):
            (sid,) = db.conn.execute("SELECT session_id FROM amendments").fetchone()
            db.conn.execute("UPDATE sessions SET revision = 0 WHERE id = ?", [sid])
            db.conn.execute("DELETE FROM amendments WHERE session_id = ?", [sid])
            db.conn.execute(
                "UPDATE area_scores SET score = 2 WHERE session_id = ? AND area_id = 'databases' "
                "AND question_id = ''",
                [sid],
            )
    # Two leads' views of the loop and their decisions on the same candidate.
    for name, at in (
        ("lead-a", "2026-03-02T10:00:00+00:00"),
        ("lead-b", "2026-03-03T10:00:00+00:00"),
    ):
        (cid,) = db.conn.execute("SELECT candidate_id FROM sessions LIMIT 1").fetchone()
        copy = folder / f"{name}.db"
        copy.write_bytes(hannah.read_bytes())
        lead = open_db(copy)
        with lead.conn:
            lead.conn.execute(
                "INSERT INTO loop_members VALUES (?, ?, 'Olu Adeyemi', ?)",
                [f"loop-{name}", cid, at],
            )
            lead.conn.execute(
                "INSERT INTO debrief_decisions VALUES (?, ?, 'hire', 'ok', ?, ?)",
                [f"decision-{name}", cid, name, at],
            )
        lead.conn.close()
    db.conn.close()
    return sorted(folder.glob("*.db"))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_order_and_repetition_gives_the_same_database(
    sources: list[Path], data: st.DataObject
) -> None:
    # Every source at least once, some twice, shuffled, cut into merge runs.
    repeats = data.draw(st.lists(st.sampled_from(sources), max_size=len(sources)))
    order = data.draw(st.permutations([*sources, *repeats]))
    cuts = sorted(data.draw(st.sets(st.integers(1, len(order) - 1), max_size=4)))
    runs = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]
    with tempfile.TemporaryDirectory() as scratch:
        reference = Path(scratch) / "reference.db"
        merge_databases(sources, reference)
        target = Path(scratch) / "target.db"
        for group in runs:
            merge_databases(group, target)
        assert dump(target) == dump(reference)
