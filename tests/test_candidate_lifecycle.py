"""A candidate's data: `forget`, `export-candidate`, `retention` and `audit` from the command
line, with the bad inputs a user meets (unknown or ambiguous candidate, a busy or read-only
database) giving one line and changing nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.domain.records import iso
from tests import test_cli_errors as cli_errors
from tests.report_support import demo_db
from tests.test_cli_errors import can_drop_privileges, needs_other_user, world

__all__ = ["world"]  # a fixture shared with the other command-line error tests

NAME, CODE = "Dmitri Volkov", "C-2042"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo_db(path).conn.close()
    return path


@pytest.fixture
def db(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "data" / "interview.db"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    return path


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def one_line_error(result: Result, *expected: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for text in expected:
        assert text in lines[0], lines[0]


def write_config(home: Path, text: str) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text(text)


def query(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def texts_about(path: Path, name: str) -> list[str]:
    """Every sentence typed about the candidate: notes, justifications, amendment reasons."""
    cid = query(path, "SELECT id FROM candidates WHERE name = ?", (name,))[0][0]
    rows = query(
        path,
        "SELECT a.notes FROM answers a JOIN sessions s ON s.id = a.session_id "
        "WHERE s.candidate_id = ? UNION ALL SELECT justification FROM sessions "
        "WHERE candidate_id = ? UNION ALL SELECT m.reason FROM amendments m JOIN sessions s "
        "ON s.id = m.session_id WHERE s.candidate_id = ?",
        (cid, cid, cid),
    )
    sentences = []
    for (text,) in rows:
        sentences += [s.strip() for s in str(text).replace("\n", ".").split(".") if len(s) > 25]
    return sentences


def raw_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


# ---------------------------------------------------------------- forget


def test_forget_leaves_no_byte_of_the_name_or_the_notes(db: Path) -> None:
    sentences = texts_about(db, NAME)
    assert len(sentences) > 5
    assert NAME.encode() in raw_bytes(db)
    result = run("forget", NAME, "--yes", "--as", "Data Officer", "--db", db)
    assert result.exit_code == 0, result.output
    assert f"erased {NAME} ({CODE}): 3 session(s)" in result.stdout
    data = raw_bytes(db)
    for needle in (NAME, "Volkov", CODE, *sentences):
        assert needle.encode() not in data, needle
    assert query(db, "SELECT count(*) FROM candidates WHERE name = 'Tom Becker'") == [(1,)]
    (event,) = query(db, "SELECT actor, detail FROM events WHERE kind = 'erasure'")
    assert event[0] == "Data Officer"
    assert json.loads(str(event[1])) == {"kept_anonymous_scorecards": 0, "sessions": 3}
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    # The event log is still append-only afterwards.
    with pytest.raises(sqlite3.IntegrityError):
        query(db, "DELETE FROM events")


def test_forget_keeps_anonymous_scores_when_configured(db: Path, isolated_home: Path) -> None:
    write_config(isolated_home, "[retention]\nkeep_anonymous_scores = true\n")
    before = query(
        db,
        "SELECT s.interviewer, s.weighted_score FROM sessions s JOIN candidates c "
        "ON c.id = s.candidate_id WHERE c.name = ? ORDER BY 1",
        (NAME,),
    )
    old_ids = {r[0] for r in query(db, "SELECT id FROM sessions")}
    result = run("forget", CODE, "--yes", "--db", db)
    assert result.exit_code == 0, result.output
    assert "3 scorecard(s) kept as anonymous scores" in result.stdout
    kept = query(
        db,
        "SELECT s.id, s.interviewer, s.weighted_score, s.justification, c.name, c.code "
        "FROM sessions s JOIN candidates c ON c.id = s.candidate_id "
        "WHERE c.code LIKE 'anonymous-%' ORDER BY 2",
    )
    assert [(r[1], r[2]) for r in kept] == before
    assert all(r[0] not in old_ids and r[3] == "" and r[4] == "" for r in kept)
    assert len({r[5] for r in kept}) == 1  # one new anonymous candidate for the panel
    anonymous_notes = (
        "SELECT count(*) FROM answers WHERE session_id IN (SELECT id FROM sessions "
        "WHERE candidate_id IN (SELECT id FROM candidates WHERE code LIKE 'anon%'))"
    )
    assert query(db, anonymous_notes) == [(0,)]
    assert NAME.encode() not in raw_bytes(db)


def test_forget_asks_first_and_no_leaves_everything(db: Path) -> None:
    result = run("forget", NAME, "--db", db, input="n\n")
    assert result.exit_code == 1
    assert "Erase Dmitri Volkov (C-2042)" in result.stderr
    assert query(db, "SELECT count(*) FROM candidates WHERE name = ?", (NAME,)) == [(1,)]


def test_forget_an_unknown_candidate(db: Path) -> None:
    one_line_error(run("forget", "Nobody Atall", "--yes", "--db", db), "no candidate matches")


def test_forget_two_matches_lists_them_and_erases_neither(db: Path) -> None:
    conn = sqlite3.connect(db)
    with conn:
        for cid, code in (("11111111-aaaa", "C-9001"), ("22222222-bbbb", "C-9002")):
            conn.execute(
                "INSERT INTO candidates(id, name, code, created_at, updated_at) "
                "VALUES (?, 'Sam Twin', ?, '2026-03-01', '2026-03-01')",
                (cid, code),
            )
    conn.close()
    result = run("forget", "sam twin", "--yes", "--db", db)
    one_line_error(result, "2 candidates match", "C-9001", "C-9002")
    assert query(db, "SELECT count(*) FROM candidates WHERE name = 'Sam Twin'") == [(2,)]
    assert run("forget", "C-9002", "--yes", "--db", db).exit_code == 0
    assert query(db, "SELECT code FROM candidates WHERE name = 'Sam Twin'") == [("C-9001",)]


def test_forget_refuses_while_a_session_is_open_in_the_app(db: Path) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE sessions SET updated_at = ? WHERE status = 'in_progress'",
            (iso(datetime.now(UTC)),),
        )
    conn.close()
    result = run("forget", "Priya Raman", "--yes", "--db", db)
    one_line_error(result, "has a session in progress", "nothing was erased")
    assert query(db, "SELECT count(*) FROM candidates WHERE name = 'Priya Raman'") == [(1,)]


def test_forget_on_a_database_another_program_is_writing(db: Path) -> None:
    sentences = texts_about(db, NAME)
    other = sqlite3.connect(db)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = run("forget", NAME, "--yes", "--db", db)
    finally:
        other.rollback()
        other.close()
    one_line_error(result, "busy", "nothing was")
    assert query(db, "SELECT count(*) FROM candidates WHERE name = ?", (NAME,)) == [(1,)]
    assert texts_about(db, NAME) == sentences


def test_forget_needs_a_candidate(db: Path) -> None:
    one_line_error(run("forget", "  ", "--yes", "--db", db), "give a candidate")


def test_forget_on_a_missing_database(tmp_path: Path) -> None:
    one_line_error(run("forget", NAME, "--yes", "--db", tmp_path / "none.db"), "no such database")


# ---------------------------------------------------------------- export-candidate


def test_export_candidate_holds_everything_and_is_private(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "dmitri.json"
    result = run("export-candidate", "dmitri volkov", "-o", out, "--db", db)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600
    data = json.loads(out.read_text())
    assert data["schema"] == "interview-candidate-export/1"
    assert data["candidate"]["name"] == NAME and data["candidate"]["code"] == CODE
    tables = data["tables"]
    assert len(tables["sessions"]) == 3
    notes = " ".join(a["notes"] for a in tables["answers"])
    for sentence in texts_about(db, NAME)[:5]:
        assert sentence in notes + json.dumps(tables, ensure_ascii=False)
    assert tables["amendments"][0]["reason"]
    assert isinstance(tables["events"][0]["detail"], dict)
    assert {s["candidate_id"] for s in tables["sessions"]} == {data["candidate"]["id"]}


def test_export_candidate_matches_its_schema(db: Path, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "tom.json"
    assert run("export-candidate", "C-2044", "-o", out, "--db", db).exit_code == 0
    schema = json.loads(
        (
            Path(__file__).parent.parent / "interview/reports/candidate_export.schema.json"
        ).read_text()
    )
    jsonschema.validate(json.loads(out.read_text()), schema)


def test_export_candidate_bad_input(db: Path, tmp_path: Path) -> None:
    one_line_error(
        run("export-candidate", "Nobody", "-o", tmp_path / "x.json", "--db", db), "no candidate"
    )
    assert not (tmp_path / "x.json").exists()
    (tmp_path / "x.json").write_text("keep")
    one_line_error(
        run("export-candidate", NAME, "-o", tmp_path / "x.json", "--db", db), "already exists"
    )
    assert (tmp_path / "x.json").read_text() == "keep"


# ---------------------------------------------------------------- audit


def test_audit_shows_who_changed_a_scorecard_when_and_why(db: Path) -> None:
    text = run("audit", NAME, "--db", db)
    assert text.exit_code == 0, text.output
    amended = [line for line in text.stdout.splitlines() if "amended" in line]
    assert len(amended) == 1 and "Hannah Schmidt" in amended[0] and "—" in amended[0]
    assert "Tom Becker" not in text.stdout
    rows = json.loads(run("audit", NAME, "--format", "json", "--db", db).stdout)
    assert {r["kind"] for r in rows} == {"submitted", "amended"}
    reason = next(r["why"] for r in rows if r["kind"] == "amended")
    assert reason and reason in amended[0]
    csv_text = run("audit", "--format", "csv", "--db", db).stdout
    assert csv_text.splitlines()[0] == "at,actor,kind,candidate,session,why,detail"
    assert "Tom Becker" in csv_text
    run("forget", NAME, "--yes", "--as", "DPO", "--db", db)
    after = run("audit", "--db", db).stdout
    assert "erasure" in after and "DPO" in after and NAME not in after


def test_audit_bad_input(db: Path) -> None:
    one_line_error(run("audit", "Nobody", "--db", db), "no candidate")
    assert run("audit", "--format", "xml", "--db", db).exit_code == 2


# ---------------------------------------------------------------- retention


def test_retention_dry_run_lists_and_apply_anonymises(db: Path, isolated_home: Path) -> None:
    write_config(
        isolated_home, "[retention]\nanonymise_after_days = 1\ndelete_after_days = 36500\n"
    )
    before = raw_bytes(db)
    dry = run("retention", "--dry-run", "--db", db)
    assert dry.exit_code == 0, dry.output
    listed = dry.stdout.splitlines()
    assert len(listed) == 10 and all(line.startswith("anonymise") for line in listed)
    assert "Priya Raman" not in dry.stdout  # in progress: never touched
    assert "would anonymise 10 and would delete 0" in dry.stderr
    assert query(db, "SELECT count(*) FROM candidates WHERE name = ?", (NAME,)) == [(1,)]
    assert len(raw_bytes(db)) == len(before)
    applied = run("retention", "--apply", "--as", "Ops", "--db", db)
    assert applied.exit_code == 0, applied.output
    assert "anonymised 10 and deleted 0" in applied.stdout
    names = {r[0] for r in query(db, "SELECT name FROM candidates")}
    assert names == {"", "Priya Raman", "Sam Lee"}
    assert NAME.encode() not in raw_bytes(db)
    (event,) = query(db, "SELECT actor, detail FROM events WHERE kind = 'retention_run'")
    assert event[0] == "Ops" and json.loads(str(event[1]))["anonymised"] == 10
    assert NAME not in str(event[1])
    again = run("retention", "--dry-run", "--db", db)
    assert "nothing is older" in again.stderr


def test_retention_deletes_after_the_horizon(db: Path, isolated_home: Path) -> None:
    write_config(isolated_home, '[retention]\npreset = "us-federal"\ndelete_after_days = 1\n')
    applied = run("retention", "--apply", "--db", db)
    assert "anonymised 0 and deleted 10" in applied.stdout
    assert query(db, "SELECT count(*) FROM sessions WHERE mode = 'interview'") == [(1,)]


def test_retention_bad_input(db: Path, isolated_home: Path) -> None:
    one_line_error(run("retention", "--apply", "--db", db), "no retention policy")
    one_line_error(run("retention", "--db", db), "--dry-run")
    write_config(isolated_home, '[retention]\npreset = "mars"\n')
    one_line_error(run("retention", "--dry-run", "--db", db), "preset must be one of")
    write_config(isolated_home, "[retention]\nanonymise_after_days = 400\ndelete_after_days = 30\n")
    one_line_error(run("retention", "--dry-run", "--db", db), "less than")
    write_config(isolated_home, "[retention]\ndelete_after_days = -3\n")
    one_line_error(run("retention", "--dry-run", "--db", db), "whole number of days")


# ---------------------------------------------------------------- read-only


@needs_other_user
def test_forget_and_retention_on_a_read_only_database(world: Path, demo_template: Path) -> None:
    db = world / "read-only.db"
    shutil.copyfile(demo_template, db)
    db.chmod(0o444)
    before = db.read_bytes()
    as_nobody = can_drop_privileges()
    proc = cli_errors.interview("forget", NAME, "--yes", "--db", db, home=world / "home",
                                as_nobody=as_nobody)  # fmt: skip
    cli_errors.assert_clean_failure(proc, "read-only.db", ("read-only", "readonly"))
    (world / "home" / "config").mkdir(parents=True, exist_ok=True)
    (world / "home" / "config" / "config.toml").write_text('[retention]\npreset = "eu-default"\n')
    (world / "home" / "config").chmod(0o777)
    (world / "home" / "config" / "config.toml").chmod(0o644)
    proc = cli_errors.interview("retention", "--apply", "--db", db, home=world / "home",
                                as_nobody=as_nobody)  # fmt: skip
    cli_errors.assert_clean_failure(proc, "read-only.db", ("read-only", "readonly"))
    assert db.read_bytes() == before
