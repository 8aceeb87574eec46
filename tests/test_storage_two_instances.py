"""Two app instances on one database file: nobody's writes are lost, nothing is corrupted,
and a locked moment delays a note instead of dropping it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from interview.services.live import AutosaveWriter, LiveSession, NotesJob
from interview.storage.db import open_db
from interview.storage.repository import Repository
from tests.tui_support import StepClock, make_services, seed_session

ROOT = Path(__file__).resolve().parent.parent

# One "instance": its own connection, an autosave writer, signals and scores, for a
# fixed number of rounds. It prints the session id it wrote.
INSTANCE = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from interview.services.live import AutosaveWriter, LiveSession, NotesJob
from tests.tui_support import make_services, seed_session

services = make_services(Path(sys.argv[1]))
live = seed_session(services, name=sys.argv[2])
writer = AutosaveWriter(services.repo, services.db_path)
for round_ in range(int(sys.argv[3])):
    for position, (_, question) in enumerate(live.items):
        notes = f"{{sys.argv[2]}} round {{round_}} question {{position}}"
        writer.submit(NotesJob(live.id, question.id, position, notes, round_, round_))
        signal = question.senior_signals[round_ % len(question.senior_signals)]
        live.toggle_signal(question.id, signal.id)
    live.set_score("python", 1 + round_ % 4)
assert writer.close(timeout=30)
print(live.id)
"""


def test_two_processes_writing_one_file_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    open_db(db).conn.close()
    rounds = 30
    script = INSTANCE.format(root=str(ROOT))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(db), name, str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Ada", "Alan")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    ids = [out.strip() for out, _ in outputs]

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for session_id, name in zip(ids, ("Ada", "Alan"), strict=True):
            notes = conn.execute(
                "SELECT position, notes FROM answers WHERE session_id = ? ORDER BY position",
                [session_id],
            ).fetchall()
            assert notes == [(i, f"{name} round {rounds - 1} question {i}") for i in range(4)]
            toggles = conn.execute(
                "SELECT count(*) FROM events WHERE session_id = ? AND kind LIKE 'signal_%'",
                [session_id],
            ).fetchone()[0]
            assert toggles == rounds * 4
            score = conn.execute(
                "SELECT score FROM area_scores WHERE session_id = ? AND area_id = 'python'",
                [session_id],
            ).fetchone()[0]
            assert score == 1 + (rounds - 1) % 4
    finally:
        conn.close()


def test_two_instances_on_the_same_session_keep_each_others_writes(tmp_path: Path) -> None:
    db = tmp_path / "same.db"
    first = make_services(db)
    live_a = seed_session(first)
    second = make_services(db)
    live_b = LiveSession(second.repo, live_a.id)
    q1, q2 = live_a.items[0][1], live_a.items[1][1]

    live_a.save_notes(q1.id, "from instance A", 10, 10)
    live_b.toggle_signal(q1.id, q1.senior_signals[0].id)
    live_b.save_notes(q2.id, "from instance B", 20, 30)
    live_a.toggle_follow_up(q1.id, q1.follow_ups[0])

    state = LiveSession(Repository(open_db(db)), live_a.id).state
    assert state.answers[q1.id].notes == "from instance A"
    assert state.answers[q2.id].notes == "from instance B"
    assert state.observed(q1.id) == {q1.senior_signals[0].id}
    assert [f.follow_up_id for f in state.followups if f.asked] == [q1.follow_ups[0].id]


def test_a_note_written_while_another_process_holds_the_lock_waits_then_lands(
    tmp_path: Path,
) -> None:
    db = tmp_path / "busy.db"
    services = make_services(db)
    live = seed_session(services)
    question = live.question
    saved = threading.Event()
    writer = AutosaveWriter(services.repo, db, on_saved=lambda job: saved.set())

    blocker = sqlite3.connect(db, timeout=10)
    blocker.execute("BEGIN IMMEDIATE")  # another instance mid-write
    writer.submit(NotesJob(live.id, question.id, 0, "typed while locked", 5, 5))
    time.sleep(0.3)
    assert not saved.is_set()  # waiting, not failed and not dropped
    blocker.rollback()
    blocker.close()
    assert writer.close(timeout=10)
    assert saved.is_set()
    assert LiveSession(services.repo, live.id).notes(question.id) == "typed while locked"


def test_a_failed_write_is_retried_not_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "retry.db"
    services = make_services(db)
    live = seed_session(services)
    question = live.question
    failures: list[Exception] = []
    real_save = Repository.save_answer
    calls = {"n": 0}

    def flaky(self: Repository, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.OperationalError("disk I/O error")
        real_save(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Repository, "save_answer", flaky)
    monkeypatch.setattr(AutosaveWriter, "RETRY_SECONDS", 0.05)
    writer = AutosaveWriter(services.repo, db, on_error=failures.append)
    writer.submit(NotesJob(live.id, question.id, 0, "kept through a failure", 1, 1))
    assert writer.close(timeout=10)
    assert len(failures) == 1
    reopened = Repository(open_db(db), clock=StepClock())
    assert LiveSession(reopened, live.id).notes(question.id) == "kept through a failure"


# Another program reading the database (interview sessions, Datasette, sqlite3).
READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
print(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
conn.close()
"""


def test_a_reader_elsewhere_never_removes_the_log_of_unsaved_writes(tmp_path: Path) -> None:
    """The app and its autosave writer each hold a connection; a program that reads the
    database meanwhile must not think it is the last one and fold away the write-ahead
    log under them (the notes in it would be gone after a kill)."""
    path = tmp_path / "live.db"
    app = open_db(path)
    app.execute("INSERT INTO prefs (key, value) VALUES ('interviewer', 'Kim')")
    writer = open_db(path)  # the autosave writer's own connection, in the same process
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    subprocess.run([sys.executable, "-c", READER, str(path)], check=True, capture_output=True)
    assert wal.exists(), "another process removed the WAL while this one had it open"
    assert app.execute("SELECT value FROM prefs WHERE key = 'interviewer'").fetchone() == ("Kim",)
    writer.close()
    app.close()
