"""A process killed with SIGKILL loses at most what was typed after the last autosave,
and the next start resumes the session at the same question with the same notes and
clocks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from interview.tui.app import build_app
from interview.tui.screens.interview import InterviewScreen
from tests.tui_support import make_services, screen_text, wait_for

CHILD = Path(__file__).with_name("tui_crash_child.py")


def run_until_saved(db: Path, saves: int) -> tuple[str, str]:
    """Start the child, wait for ``saves`` autosaves, SIGKILL it; (session id, last saved)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    session_id, saved, seen = "", "", 0
    watchdog = threading.Timer(60, proc.kill)  # a hung child fails the test, never hangs it
    watchdog.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("SESSION "):
                session_id = line.split()[1]
            elif line.startswith("SAVED "):
                saved, seen = line[len("SAVED ") :].rstrip("\n"), seen + 1
                if seen == saves:
                    break
    finally:
        watchdog.cancel()
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL, err
    assert session_id and saved, f"the child never reported a save: {err}"
    return session_id, saved


@pytest.mark.slow
async def test_sigkill_keeps_saved_notes_and_resume_restores_them(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    session_id, saved = run_until_saved(db, saves=3)

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notes, q_elapsed = conn.execute(
            "SELECT notes, elapsed_seconds FROM answers WHERE session_id = ? AND position = 1",
            [session_id],
        ).fetchone()
        index, s_elapsed, status = conn.execute(
            "SELECT current_index, elapsed_seconds, status FROM sessions WHERE id = ?",
            [session_id],
        ).fetchone()
        observed = conn.execute(
            "SELECT count(*) FROM signal_observations WHERE session_id = ? AND observed = 1",
            [session_id],
        ).fetchone()[0]
    finally:
        conn.close()
    # Everything reported saved is there; at most the unsaved tail is missing.
    assert notes.startswith(saved)
    assert notes in (saved, saved + " unsaved tail")
    assert (index, status, observed) == (1, "in_progress", 1)
    assert q_elapsed == 65 and s_elapsed == 65

    app = build_app(make_services(db))
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Unfinished: Ada Lovelace" in screen_text(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        text = screen_text(app)
        assert "Question 2 of 4" in text
        assert saved in text
        assert "Q 01:05/11:00" in text and "Total 01:05/40:00" in text
        assert "■ Requires a client-supplied" in text
