"""Merging interviewers' databases into a panel database."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.services.live import LiveSession
from interview.services.merge import MergeError, merge_databases
from tests.panel_support import close, interview, services_at

TABLES = (
    "candidates", "content_snapshots", "sessions", "answers", "signal_observations",
    "followups", "area_scores", "events", "amendments", "llm_usage", "calibration_attempts",
)  # fmt: skip


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        conn.close()


def scalar(path: Path, sql: str, params: tuple[object, ...] = ()) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def two_interviewers(tmp_path: Path) -> tuple[Path, Path]:
    """Alice and Bob each interviewed candidate C-7 in their own database."""
    a, b = tmp_path / "alice.db", tmp_path / "bob.db"
    sa = services_at(a)
    interview(sa, candidate="Ada Lovelace", code="C-7", interviewer="Alice",
              scores={"python": 4, "api": 3, "databases": 2})  # fmt: skip
    interview(sa, candidate="Only Alice", code="C-8", interviewer="Alice", scores={"python": 2})
    close(sa)
    sb = services_at(b)
    interview(sb, candidate="Ada L.", code="C-7", interviewer="Bob",
              scores={"python": 3, "api": 3, "databases": 4})  # fmt: skip
    close(sb)
    return a, b


def test_two_databases_merge_into_one_panel_and_merge_is_idempotent(
    tmp_path: Path, two_interviewers: tuple[Path, Path]
) -> None:
    a, b = two_interviewers
    panel = tmp_path / "panel.db"
    summary = merge_databases([a, b], panel)
    assert summary.created
    assert summary.total("sessions_added") == 3
    assert summary.sources[1].candidates_by_code == 1
    assert not summary.conflicts
    # One candidate for C-7 holding both interviewers' sessions.
    assert scalar(panel, "SELECT count(*) FROM candidates") == 2
    assert (
        scalar(
            panel,
            "SELECT count(DISTINCT s.interviewer) FROM sessions s JOIN candidates c "
            "ON c.id = s.candidate_id WHERE c.code = 'C-7'",
        )
        == 2
    )
    # Children travel with their sessions.
    assert scalar(panel, "SELECT count(*) FROM area_scores") == 7
    assert scalar(panel, "SELECT count(*) FROM answers") == 3
    assert scalar(panel, "SELECT count(*) FROM signal_observations") == 3

    before = dump(panel)
    again = merge_databases([a, b, a], panel)
    assert not again.changed
    assert again.total("sessions_unchanged") == 5
    assert dump(panel) == before
    assert "unchanged" in again.lines()[-1]


def test_amended_scorecard_replaces_older_copy_and_keeps_the_amendment(
    tmp_path: Path, two_interviewers: tuple[Path, Path]
) -> None:
    a, b = two_interviewers
    panel = tmp_path / "panel.db"
    before_amend = tmp_path / "alice-before.db"
    shutil.copyfile(a, before_amend)
    merge_databases([a, b], panel)

    sa = services_at(a)
    sid = next(
        s.id for s in sa.repo.list_sessions(interviewer="Alice") if s.candidate_code == "C-7"
    )
    LiveSession(sa.repo, sid).amend("Re-read my notes on the schema question", {"databases": 3})
    close(sa)

    summary = merge_databases([a], panel)
    assert summary.total("sessions_updated") == 1
    assert (
        scalar(
            panel,
            "SELECT score FROM area_scores WHERE session_id = ? AND area_id = 'databases'",
            (sid,),
        )
        == 3
    )
    assert scalar(panel, "SELECT revision FROM sessions WHERE id = ?", (sid,)) == 1
    assert scalar(panel, "SELECT reason FROM amendments WHERE session_id = ?", (sid,)) == (
        "Re-read my notes on the schema question"
    )
    assert (
        scalar(
            panel, "SELECT count(*) FROM events WHERE session_id = ? AND kind = 'amended'", (sid,)
        )
        == 1
    )

    # The pre-amendment copy arriving later does not roll the scorecard back.
    snapshot = dump(panel)
    late = merge_databases([before_amend], panel)
    assert late.total("sessions_kept_newer") == 1 and late.total("sessions_updated") == 0
    assert dump(panel) == snapshot


def test_same_revision_with_different_content_is_a_conflict_left_untouched(
    tmp_path: Path, two_interviewers: tuple[Path, Path]
) -> None:
    a, b = two_interviewers
    tampered = tmp_path / "alice-copy.db"
    shutil.copyfile(a, tampered)
    conn = sqlite3.connect(tampered)
    with conn:
        # A tampered file: its guard against editing a submitted scorecard is gone.
        conn.execute("DROP TRIGGER scorecard_scores_no_edit")
        conn.execute("UPDATE area_scores SET score = 1 WHERE area_id = 'python' AND score = 4")
        sid = conn.execute("SELECT session_id FROM area_scores WHERE score = 1").fetchone()[0]
    conn.close()

    panel = tmp_path / "panel.db"
    summary = merge_databases([a, b, tampered], panel)
    assert [c.session_id for c in summary.conflicts] == [sid]
    assert summary.conflicts[0].interviewer == "Alice"
    assert "conflict" in summary.lines()[-1]
    command = CliRunner().invoke(cli, ["merge", str(tampered), "-o", str(panel)])
    assert command.exit_code == 3, command.output  # merged, conflicts left untouched
    assert "conflict" in command.output
    assert (
        scalar(
            panel,
            "SELECT score FROM area_scores WHERE session_id = ? AND area_id = 'python'",
            (sid,),
        )
        == 4
    )


def test_submitted_copy_supersedes_the_in_progress_one(tmp_path: Path) -> None:
    src, panel = tmp_path / "carol.db", tmp_path / "panel.db"
    sc = services_at(src)
    sid = interview(sc, candidate="Ben", code="C-9", interviewer="Carol",
                    scores={"api": 2}, submit=False)  # fmt: skip
    close(sc)
    merge_databases([src], panel)
    assert scalar(panel, "SELECT status FROM sessions") == "in_progress"

    sc = services_at(src)
    live = LiveSession(sc.repo, sid)
    live.set_score("testing", 3)
    live.submit("Solid on testing")
    close(sc)
    summary = merge_databases([src], panel)
    assert summary.total("sessions_updated") == 1
    assert scalar(panel, "SELECT status FROM sessions") == "submitted"
    assert scalar(panel, "SELECT count(*) FROM area_scores") == 2


def make_bad_inputs(tmp_path: Path, good: Path) -> dict[str, Path]:
    text = tmp_path / "notes.db"
    text.write_text("not a database at all\n")
    newer = tmp_path / "newer.db"
    shutil.copyfile(good, newer)
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
            "VALUES ('interview', 'm999_future', '2030-01-01')"
        )
    conn.close()
    corrupt = tmp_path / "corrupt.db"
    data = bytearray(good.read_bytes())
    data[100:8192] = b"\xa5" * (8192 - 100)
    corrupt.write_bytes(bytes(data))
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    return {
        "not a SQLite database": text,
        "newer version of interview": newer,
        "unusable database": corrupt,
        "not an interview database": other,
        "no such file": tmp_path / "missing.db",
    }


def test_bad_inputs_get_a_clear_message_and_leave_the_target_unchanged(
    tmp_path: Path, two_interviewers: tuple[Path, Path]
) -> None:
    a, b = two_interviewers
    sa = services_at(a)  # checkpoint so a byte copy holds everything
    sa.repo.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    close(sa)
    panel = tmp_path / "panel.db"
    merge_databases([a], panel)
    before = dump(panel)
    for expected, bad in make_bad_inputs(tmp_path, a).items():
        with pytest.raises(MergeError) as info:
            merge_databases([b, bad], panel)
        assert expected in str(info.value), str(info.value)
        assert "\n" not in str(info.value)
        assert dump(panel) == before
        fresh = tmp_path / "fresh.db"
        with pytest.raises(MergeError):
            merge_databases([b, bad], fresh)
        assert not fresh.exists()


def test_a_failure_midway_rolls_everything_back(
    tmp_path: Path, two_interviewers: tuple[Path, Path]
) -> None:
    a, b = two_interviewers
    panel = tmp_path / "panel.db"
    merge_databases([a], panel)
    before = dump(panel)
    # A database whose answer row reuses an id already in the panel for another session.
    clash = tmp_path / "clash.db"
    sd = services_at(clash)
    interview(sd, candidate="Cy", code="C-10", interviewer="Dan", scores={"api": 1})
    close(sd)
    answer_id = before["answers"][0][0]
    conn = sqlite3.connect(clash)
    with conn:
        conn.execute("UPDATE answers SET id = ?", (answer_id,))
    conn.close()
    with pytest.raises(MergeError, match="clash"):
        merge_databases([b, clash], panel)
    assert dump(panel) == before


def test_merge_command_prints_a_summary_and_fails_cleanly(
    tmp_path: Path, two_interviewers: tuple[Path, Path]
) -> None:
    a, b = two_interviewers
    panel = tmp_path / "panel.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["merge", str(a), str(b), "-o", str(panel)])
    assert result.exit_code == 0, result.output
    assert "3 sessions added" in result.output
    assert "1 matched by code" in result.output

    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    result = runner.invoke(cli, ["merge", str(junk), "-o", str(panel)])
    assert result.exit_code == 1
    assert "not a SQLite database" in result.output
    assert "Traceback" not in result.output


def test_a_source_that_is_the_target_is_skipped(
    tmp_path: Path, two_interviewers: tuple[Path, Path]
) -> None:
    a, b = two_interviewers
    summary = merge_databases([a, b], a)
    assert summary.sources[0].skipped == "it is the target"
    assert summary.total("sessions_added") == 1
    assert "skipped (it is the target)" in summary.lines()[0]


def test_merge_accounts_for_every_candidate_of_a_file(
    tmp_path: Path, two_interviewers: tuple[Path, Path]
) -> None:
    """Added, already there, or matched by code: the three add up to the file's candidates."""
    a, b = two_interviewers
    panel = tmp_path / "panel.db"
    merge_databases([a], panel)
    again = merge_databases([a, b], panel)
    for entry in again.sources:
        conn = sqlite3.connect(entry.path)
        (count,) = conn.execute("SELECT count(*) FROM candidates").fetchone()
        conn.close()
        assert entry.candidates_added + entry.candidates_by_id + entry.candidates_by_code == count
    assert "already there" in "\n".join(again.lines())
