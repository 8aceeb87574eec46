"""Another program holding the database's write lock costs the interview screen nothing:
ticks, probes, pauses and notes show at once and queue off the event loop, the status
line says it is waiting for the database, and everything lands once the lock is gone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from interview.services.autosave import AutosaveWriter, NotesJob
from interview.services.live import LiveSession
from interview.tui.app import build_app
from interview.tui.screens.interview import InterviewScreen
from tests.tui_support import make_services, screen_text, seed_session, wait_for


def stored(db: Path, session_id: str) -> LiveSession:
    return LiveSession(make_services(db).repo, session_id)


async def test_writes_wait_for_the_lock_without_freezing_the_screen(tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    services = make_services(db)
    live = seed_session(services)
    question = live.question
    first, second = question.senior_signals[0], question.senior_signals[1]
    app = build_app(make_services(db))
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        assert isinstance(screen, InterviewScreen)

        holder = sqlite3.connect(db, timeout=0)
        holder.execute("BEGIN IMMEDIATE")  # another process mid-write, holding the lock
        holder.execute("INSERT INTO prefs(key, value) VALUES ('lockholder', '1')")
        try:
            # Senior 1 and 2 and junior 1 ticked and cleared, then probe 1 asked.
            await pilot.press("1", "2", "1", "2", "q", "q", "z")
            await pilot.press("space")  # pause: a timeline event
            await pilot.press("i", *"typed while locked")
            # Every change is on screen at once, while nothing could be written yet.
            assert screen.live.observed(question.id) == set()
            assert screen.live.asked_follow_ups(question.id) == {question.follow_ups[0].id}
            assert "typed while locked" in screen_text(app)
            await wait_for(pilot, lambda: "waiting for the database" in screen_text(app), 8)
            assert "Not recorded" not in " ".join(n.message for n in app._notifications)
            before = stored(db, live.id)
            assert before.observed(question.id) == set() and not before.state.followups
        finally:
            holder.rollback()
            holder.close()

        await wait_for(pilot, lambda: "waiting for the database" not in screen_text(app), 15)
        await pilot.press("escape", "1")  # after the release: written as usual
        assert screen.save_now(timeout=10)
        await pilot.press("ctrl+q")

    after = stored(db, live.id)
    assert after.observed(question.id) == {first.id}
    assert second.id not in after.observed(question.id)
    assert after.asked_follow_ups(question.id) == {question.follow_ups[0].id}
    assert after.notes(question.id) == "typed while locked"
    kinds = [e["kind"] for e in after.repo.events(live.id)]
    assert kinds.count("signal_observed") == 4 and kinds.count("signal_cleared") == 3
    assert "clock_paused" in kinds


def test_notes_typed_while_locked_queue_as_one_write_and_all_land(tmp_path: Path) -> None:
    """Autosave hands the writer a note every fraction of a second; while the lock is
    held elsewhere none of those calls waits, they do not pile up, and the newest text
    lands (after the tick queued before it) once the lock is released."""
    db = tmp_path / "typing.db"
    services = make_services(db)
    live = seed_session(services)
    question = live.question
    saved: list[NotesJob] = []
    writer = AutosaveWriter(services.repo, db, on_saved=saved.append)
    holder = sqlite3.connect(db, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        signal = question.senior_signals[0]
        writer.run(lambda r: r.set_signal(live.id, question.id, signal.id, "senior", True))
        text = ""
        for word in range(60):  # a note every keystroke pause, for a while
            text += f" w{word}"
            writer.submit(NotesJob(live.id, question.id, 0, text.strip(), word, word))
        assert writer.waiting_since is not None
        assert not writer.idle
    finally:
        holder.rollback()
        holder.close()
    assert writer.close(timeout=30)
    after = stored(db, live.id)
    assert after.notes(question.id) == text.strip()
    assert after.observed(question.id) == {signal.id}
    assert saved and saved[-1].notes == text.strip()
    assert len(saved) <= 3  # coalesced: never one write per keystroke behind a lock
