"""Issue 18: a hard kill lost the last second of typing, because notes were handed to the
writer only once typing paused 0.5 s or 0.9 s after the first unsaved keystroke (checked
every 0.25 s). Now they go within a tenth of a second of a keystroke, even while typing
goes on. The autosave's clock is replaced here, so the test is about what is on disk
after how long, not about how fast anything runs (the timing is bench/bench_typing_kill.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from interview.tui.app import build_app
from interview.tui.screens import interview_saving
from interview.tui.screens.interview import InterviewScreen
from tests.tui_support import make_services, seed_session, wait_for


def stored_notes(db: Path, session_id: str) -> str:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT notes FROM answers WHERE session_id = ? AND notes != ''", [session_id]
        ).fetchall()
    finally:
        conn.close()
    return rows[0][0] if rows else ""


async def test_typing_is_on_disk_a_tenth_of_a_second_later_while_typing_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(interview_saving, "time", SimpleNamespace(monotonic=lambda: now[0]))
    db = tmp_path / "notes.db"
    services = make_services(db)
    session_id = seed_session(services).id
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(session_id)
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, InterviewScreen) and app.screen._writer is not None,
        )
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen._writer is not None
        await pilot.press("i")
        typed = ""
        for burst in ("idempotency ", "key stored ", "atomically"):
            # Keys 30 ms apart, never a pause: the old debounce would still be waiting.
            for ch in burst:
                await pilot.press("space" if ch == " " else ch)
                now[0] += 0.03
            typed += burst
            await pilot.pause()
            # A tenth of a second after the last key the autosave has handed it over.
            now[0] += 0.1
            screen._autosave_tick()
            assert screen._writer.flush(5)
            assert stored_notes(db, session_id) == typed
