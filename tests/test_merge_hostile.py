"""Merge treats every source file as untrusted input.

Each test builds a crafted source the way an attacker (or a damaged copy) would and
checks that the target is left unchanged, or changed exactly as documented, with a
one-line message. F-numbers refer to the hostile-input findings.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.services.merge import MergeError, merge_databases
from interview.services.merge.tables import NOT_MERGED, TABLES
from interview.services.panel import PanelService
from interview.storage.db import open_db
from interview.storage.guards import unguarded
from interview.storage.repository import Repository
from tests.panel_support import close, interview, services_at

SCORES = {"python": 3, "api": 2, "databases": 3}


def clone(src: Path, dst: Path) -> Path:
    """A whole copy (WAL included) that sqlite3 can then tamper with."""
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()
    return dst


def tamper(path: Path, *sql: str) -> None:
    """Edit a source as a forger would: the guard triggers of the schema do not stop them."""
    conn = sqlite3.connect(path)
    with conn:
        if any(statement.startswith("ALTER") for statement in sql):  # views would object
            for (view,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'"):
                conn.execute(f"DROP VIEW {view}")
        conn.execute("BEGIN")
        with unguarded(conn):
            for statement in sql:
                conn.execute(statement)
    conn.close()


def insert(path: Path, name: str, *values: object) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"INSERT INTO {name} VALUES ({', '.join('?' * len(values))})", values)
    conn.close()


def table(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in names}
    finally:
        conn.close()


@pytest.fixture
def panel(tmp_path: Path) -> dict[str, Path]:
    """Rosa interviewed Ada (C-1) and Ben (C-2); Olu interviewed Ada only; panel = both."""
    rosa, olu = tmp_path / "rosa.db", tmp_path / "olu.db"
    s = services_at(rosa)
    interview(s, candidate="Ada", code="C-1", interviewer="Rosa Delgado", scores=SCORES)
    interview(s, candidate="Ben", code="C-2", interviewer="Rosa Delgado", scores=SCORES)
    close(s)
    s = services_at(olu)
    interview(s, candidate="Ada", code="C-1", interviewer="Olu Adeyemi", scores=SCORES)
    close(s)
    target = tmp_path / "panel.db"
    merge_databases([rosa, olu], target)
    return {"rosa": rosa, "olu": olu, "panel": target}


def merge_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["merge", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def rosa_session(path: Path, code: str = "C-2") -> str:
    rows = table(
        path,
        "SELECT s.id FROM sessions s JOIN candidates c ON c.id = s.candidate_id "
        f"WHERE c.code = '{code}' AND s.interviewer = 'Rosa Delgado'",
    )
    return str(rows[0][0])


# ------------------------------------------------------------------ the known schema


def test_merge_lists_every_column_of_the_schema(tmp_path: Path) -> None:
    """A column added to the schema must be classified for merge (read, typed, capped)."""
    db = open_db(tmp_path / "fresh.db")
    for name in db.table_names():
        if name.startswith(("_sqlite", "sqlite_")) or name in NOT_MERGED:
            continue
        assert name in TABLES, f"merge does not know table {name}: add it to merge/tables.py"
        columns = [r[1] for r in db.conn.execute(f"PRAGMA table_info({name})")]
        assert columns == [c.name for c in TABLES[name]], name
    db.close()


# ------------------------------------------------------------------ F11: odd columns


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            ("DROP INDEX idx_candidates_code", "ALTER TABLE candidates DROP COLUMN code"),
            "table candidates has no column code",
        ),
        (("UPDATE sessions SET revision = 'abc'",), "sessions.revision in row 1: expected a"),
        (
            (
                "ALTER TABLE sessions RENAME TO old_sessions",
                "CREATE TABLE sessions AS SELECT * FROM old_sessions",
                "DROP TABLE old_sessions",
                "UPDATE sessions SET revision = NULL",
            ),
            "sessions.revision in row 1: is empty (NULL)",
        ),
        (("UPDATE sessions SET status = 'approved'",), "sessions.status in row 1: unknown value"),
        (("UPDATE candidates SET name = x'00ff'",), "candidates.name in row 1: expected text"),
        (
            (f"UPDATE answers SET notes = '{'x' * (6 * 1024 * 1024)}'",),
            "answers.notes in row 1: 6.0 MB, over the 5.0 MB limit",
        ),
    ],
    ids=["no-code-column", "text-revision", "null-revision", "bad-status", "blob-name", "6MB"],
)
def test_unexpected_columns_and_types_are_refused_with_the_column_named(
    panel: dict[str, Path], tmp_path: Path, sql: tuple[str, ...], expected: str
) -> None:
    """F11: no traceback; the message names the table and column; the target is unchanged."""
    source = clone(panel["rosa"], tmp_path / "crafted.db")
    tamper(source, *sql)
    before = dump(panel["panel"])
    code, output = merge_cli(str(source), "-o", str(panel["panel"]))
    assert code == 1
    assert output.startswith("error: ") and output.count("\n") == 1, output
    assert expected in output
    assert dump(panel["panel"]) == before


def test_triggers_views_and_extra_tables_in_a_source_are_ignored(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    source = clone(panel["rosa"], tmp_path / "crafted.db")
    s = services_at(source)
    interview(s, candidate="Cy", code="C-3", interviewer="Rosa Delgado", scores=SCORES)
    close(s)
    tamper(
        source,
        "CREATE TABLE evil (x TEXT)",
        "CREATE TRIGGER wipe AFTER INSERT ON sessions BEGIN DELETE FROM candidates; END",
        "DROP VIEW scorecards",
        "CREATE VIEW scorecards AS SELECT * FROM no_such_table",
        "UPDATE candidates SET name = 'Renamed Ada' WHERE code = 'C-1'",  # same id, new text
    )
    summary = merge_databases([source], panel["panel"])
    assert summary.total("sessions_added") == 1
    names = {r[0] for r in table(panel["panel"], "SELECT name FROM sqlite_master")}
    assert "evil" not in names and "wipe" not in names
    assert table(panel["panel"], "SELECT count(*) FROM candidates") == [(3,)]
    # A row the target already has keeps the target's content.
    assert table(panel["panel"], "SELECT name FROM candidates WHERE code = 'C-1'") == [("Ada",)]
    assert (
        table(panel["panel"], "SELECT sql FROM sqlite_master WHERE name = 'scorecards'")[0][
            0
        ].count("no_such_table")
        == 0
    )


def test_a_view_in_place_of_a_table_or_no_schema_version_is_refused(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    viewed = clone(panel["rosa"], tmp_path / "viewed.db")
    tamper(
        viewed,
        "ALTER TABLE answers RENAME TO real_answers",
        "CREATE VIEW answers AS SELECT * FROM real_answers",
    )
    unversioned = clone(panel["rosa"], tmp_path / "unversioned.db")
    tamper(unversioned, "DROP TABLE _sqlite_migrations")
    for source, expected in ((viewed, "no answers table"), (unversioned, "no schema version")):
        with pytest.raises(MergeError, match=expected):
            merge_databases([source], panel["panel"])


# ------------------------------------------------------------------ F12: forged revision


def test_a_forged_higher_revision_does_not_replace_a_submitted_scorecard(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    """F12: a higher revision with no amendment record is a conflict, left untouched."""
    forged = clone(panel["rosa"], tmp_path / "forged.db")
    sid = rosa_session(forged)
    tamper(
        forged,
        f"UPDATE area_scores SET score = 4 WHERE session_id = '{sid}'",
        "UPDATE sessions SET revision = 99, weighted_score = 100, recommendation = 'strong_yes',"
        f" justification = 'silently replaced' WHERE id = '{sid}'",
    )
    before = dump(panel["panel"])
    code, output = merge_cli(str(forged), "-o", str(panel["panel"]))
    assert code == 3, output
    assert "revision 99 would replace the submitted scorecard" in output
    assert dump(panel["panel"]) == before

    # An in-progress copy with a higher revision never takes a submitted one back.
    reopened = clone(panel["rosa"], tmp_path / "reopened.db")
    tamper(reopened, f"UPDATE sessions SET revision = 5, status = 'in_progress' WHERE id = '{sid}'")
    summary = merge_databases([reopened], panel["panel"])
    assert summary.total("sessions_updated") == 0
    assert dump(panel["panel"]) == before


def test_a_new_session_claiming_amendments_it_does_not_carry_is_not_merged(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    source = tmp_path / "late.db"
    s = services_at(source)
    interview(s, candidate="Dee", code="C-4", interviewer="Rosa Delgado", scores=SCORES)
    close(s)
    tamper(source, "UPDATE sessions SET revision = 7")
    summary = merge_databases([source], panel["panel"])
    assert summary.total("sessions_added") == 0
    assert "revision 7 without its recorded amendments" in summary.lines()[-1]


# ------------------------------------------------------------------ F13: impersonation


def test_a_scorecard_naming_another_interviewer_is_held_and_unblinds_no_one(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    """F13: Rosa's file carries a scorecard for Ben 'by Olu': held, reported, Olu stays blind."""
    rosa = clone(panel["rosa"], tmp_path / "rosa-sent.db")
    s = services_at(rosa)
    interview(s, candidate="Ben", code="C-2", interviewer="Olu Adeyemi",
              scores={"python": 4, "api": 4, "databases": 4})  # fmt: skip
    close(s)
    code, output = merge_cli(str(rosa), "-o", str(panel["panel"]))
    assert code == 3, output
    assert "held: " in output and "names interviewer 'Olu Adeyemi'" in output
    assert "Rosa Delgado's" in output
    olu = table(panel["panel"], "SELECT count(*) FROM sessions WHERE interviewer='Olu Adeyemi'")
    assert olu == [(1,)]  # only Olu's own scorecard for Ada
    service = PanelService(Repository(open_db(panel["panel"])))
    ben = service.find_candidate("C-2")
    assert not service.access(ben.id, "Olu Adeyemi").allowed
    result = CliRunner().invoke(
        cli, ["panel", "C-2", "--as", "Olu Adeyemi", "--db", str(panel["panel"])]
    )
    assert result.exit_code == 1 and "have not submitted" in result.output

    # Told the file is a trusted panel database, merge takes it as Olu's own scorecard.
    summary = merge_databases([rosa], panel["panel"], mixed=True)
    assert summary.total("sessions_added") == 1 and not summary.held


def test_an_update_cannot_move_a_scorecard_to_another_interviewer(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    olu = clone(panel["olu"], tmp_path / "olu-sent.db")
    sid = str(table(olu, "SELECT id FROM sessions")[0][0])
    tamper(
        olu,
        f"UPDATE sessions SET interviewer = 'Rosa Delgado', revision = 1 WHERE id = '{sid}'",
        "INSERT INTO amendments(id, session_id, at, actor, reason, changes) VALUES "
        f"('a1', '{sid}', '2026-03-03T00:00:00Z', 'x', 'mine now', '{{}}')",
    )
    summary = merge_databases([olu], panel["panel"], mixed=True)
    assert summary.total("sessions_updated") == 0
    assert "different interviewer" in str(summary.conflicts[0])


# ------------------------------------------------------------------ F14: snapshots


def test_a_planted_content_snapshot_is_refused(panel: dict[str, Path], tmp_path: Path) -> None:
    """F14: a snapshot whose content does not match its hash never reaches the target."""
    known = str(table(panel["panel"], "SELECT hash FROM content_snapshots")[0][0])
    poison = tmp_path / "poison.db"
    s = services_at(poison)
    close(s)
    snapshot = str(table(panel["panel"], "SELECT snapshot FROM content_snapshots")[0][0])
    poisoned = snapshot.replace('"weight": ', '"weight": 1').replace(
        '"title": "', '"title": "POISONED ', 1
    )
    insert(poison, "content_snapshots", known, poisoned)
    fresh = tmp_path / "fresh.db"
    code, output = merge_cli(str(poison), str(panel["rosa"]), "-o", str(fresh))
    assert code == 1
    assert f"content snapshot {known} does not match its hash" in output
    assert not fresh.exists()
    assert "POISONED" not in str(table(panel["panel"], "SELECT snapshot FROM content_snapshots"))


def test_a_malformed_snapshot_is_one_line(panel: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    close(services_at(bad))
    tamper(
        bad,
        """INSERT INTO content_snapshots VALUES ('0123456789abcdef',
           '{"plan": 1, "rubric": [], "questions": "x"')""",
    )
    before = dump(panel["panel"])
    code, output = merge_cli(str(bad), "-o", str(panel["panel"]))
    assert code == 1 and output.count("\n") == 1
    assert "content snapshot 0123456789abcdef is not valid JSON" in output
    assert dump(panel["panel"]) == before


def test_a_conflicting_session_brings_no_new_snapshot(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    """A session left untouched adds nothing, not even its content version."""
    source = clone(panel["rosa"], tmp_path / "conflict.db")
    sid = rosa_session(source)
    real = str(table(source, f"SELECT content_hash FROM sessions WHERE id = '{sid}'")[0][0])
    # Legitimately hashed new content, used only by a conflicting copy.
    import json

    from interview.domain.models import snapshot_hash

    data = json.loads(str(table(source, "SELECT snapshot FROM content_snapshots")[0][0]))
    data["plan"]["title"] = "Other plan"
    new_hash = snapshot_hash(data)
    insert(source, "content_snapshots", new_hash, json.dumps(data))
    tamper(
        source,
        f"UPDATE sessions SET content_hash = '{new_hash}' WHERE id = '{sid}'",
        f"UPDATE area_scores SET score = 1 WHERE session_id = '{sid}'",
    )  # fmt: skip
    summary = merge_databases([source], panel["panel"])
    assert len(summary.conflicts) == 1
    hashes = {r[0] for r in table(panel["panel"], "SELECT hash FROM content_snapshots")}
    assert new_hash not in hashes and real in hashes


# ------------------------------------------------------------------ F15: read-only folder


def _readonly_dir(tmp_path: Path, panel: dict[str, Path]) -> Path:
    folder = tmp_path / "rodir"
    folder.mkdir()
    source = folder / "x.db"
    s = services_at(source)  # WAL mode, left with its -wal as the app leaves it
    interview(s, candidate="Eve", code="C-5", interviewer="Rosa Delgado", scores=SCORES)
    close(s)
    folder.chmod(0o555)
    return source


def test_a_source_in_a_read_only_folder_merges(panel: dict[str, Path], tmp_path: Path) -> None:
    """F15: nothing needs to be written next to a source."""
    source = _readonly_dir(tmp_path, panel)
    out = tmp_path / "out.db"
    try:
        if os.geteuid() == 0:  # root writes anywhere: drop that power for the merge
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("needs setpriv to act as a user without root's file access")
            proc = subprocess.run(
                [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner",
                 sys.executable, "-m", "interview", "merge", str(source), "-o", str(out)],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            code, output = proc.returncode, proc.stdout + proc.stderr
        else:
            code, output = merge_cli(str(source), "-o", str(out))
        assert code == 0, output
        assert "1 sessions added" in output
    finally:
        source.parent.chmod(0o755)
    assert sorted(p.name for p in source.parent.iterdir()) == sorted(
        p.name for p in source.parent.iterdir() if p.name.startswith("x.db")
    )


def test_merge_leaves_no_wal_or_shm_next_to_its_sources(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    source = tmp_path / "clean" / "x.db"
    source.parent.mkdir()
    clone(panel["rosa"], source)
    before = sorted(p.name for p in source.parent.iterdir())
    merge_databases([source], tmp_path / "out.db")
    assert sorted(p.name for p in source.parent.iterdir()) == before == ["x.db"]


# ------------------------------------------------------------------ F9: odd paths


@pytest.mark.parametrize("name", ["q?mark.db", "hash#tag.db", "pct%41.db", "all?#%.db"])
def test_odd_characters_in_a_database_path_open_that_file(
    panel: dict[str, Path], tmp_path: Path, name: str
) -> None:
    """F9: '?', '#' and '%' are part of the file name, for merge and read-only opens."""
    folder = tmp_path / "cases"
    folder.mkdir()
    odd = clone(panel["rosa"], folder / name)
    db = open_db(odd, readonly=True)
    assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    db.close()
    code, output = merge_cli(str(odd), "-o", str(tmp_path / "out.db"))
    assert code == 0, output
    assert "2 sessions added" in output
    # No stray "q", "hash" or "pct" file: only the database (and its WAL files).
    assert {p.name for p in folder.iterdir()} <= {name, f"{name}-wal", f"{name}-shm"}


def test_a_decoy_named_like_the_start_of_a_path_is_never_read(
    panel: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "decoy"
    folder.mkdir()
    decoy = clone(panel["rosa"], folder / "panel")
    tamper(decoy, "UPDATE candidates SET name = 'DECOY ' || name")
    real = clone(panel["rosa"], folder / "panel#interviewer-rosa.db")
    db = open_db(real, readonly=True)
    names = {r[0] for r in db.execute("SELECT name FROM candidates")}
    db.close()
    assert names == {"Ada", "Ben"}
    out = tmp_path / "merged.db"
    code, output = merge_cli(str(real), "-o", str(out))
    assert code == 0, output
    assert {r[0] for r in table(out, "SELECT name FROM candidates")} == {"Ada", "Ben"}
