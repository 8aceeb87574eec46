"""One session, one writer: a second app instance opening a session that is open
elsewhere is told so, and opens it read only or takes it over; the first is then told,
stops writing, and its older copy of the notes never overwrites the newer one."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Static

from interview.services import lease
from interview.services.autosave import AutosaveWriter, LeaseRef, NotesJob
from interview.services.live import LiveSession
from interview.storage.leases import TakenOver
from interview.tui.app import build_app
from interview.tui.screens.confirm import ConfirmScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.widgets.notes import NotesEditor
from tests.tui_support import make_services, seed_session, wait_for


def job(live: LiveSession, notes: str) -> NotesJob:
    question = live.question
    return NotesJob(live.id, question.id, 0, notes, 5, 5)


def stored_notes(db: Path, live: LiveSession) -> str:
    return LiveSession(make_services(db).repo, live.id).notes(live.question.id)


def test_a_taken_over_instance_cannot_overwrite_the_newer_notes(tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    first_services = make_services(db)
    first = seed_session(first_services)
    second = LiveSession(make_services(db).repo, first.id)

    assert lease.claim(first.repo, first.id, "owner-a") is None
    refused: list[Exception] = []
    saved = threading.Event()
    writer_a = AutosaveWriter(
        first.repo,
        db,
        lease=LeaseRef(first.id, "owner-a", lease.this_process()),
        on_refused=refused.append,
        on_saved=lambda _: saved.set(),
    )
    writer_a.submit(job(first, "jadok from instance one"))
    assert writer_a.flush(10) and saved.is_set()

    # The second instance is told who has it open, and takes it over explicitly.
    holder = lease.claim(second.repo, first.id, "owner-b")
    assert holder is not None and holder.owner == "owner-a"
    assert "open in another interview window (pid " in lease.describe(holder)
    assert lease.claim(second.repo, first.id, "owner-b", take_over=True) is None
    writer_b = AutosaveWriter(
        second.repo, db, lease=LeaseRef(first.id, "owner-b", lease.this_process())
    )
    writer_b.submit(job(second, "kodaj from instance two"))
    assert writer_b.flush(10)

    # The first instance's older copy (its 5-second clock checkpoint) is refused.
    writer_a.submit(job(first, "jadok from instance one A1first"))
    writer_a.run(lambda r: r.set_area_score(first.id, "python", 1))
    assert writer_a.flush(10)
    assert stored_notes(db, first) == "kodaj from instance two"
    assert LiveSession(make_services(db).repo, first.id).state.scores == {}
    assert writer_a.lost
    assert len(refused) == 1 and isinstance(refused[0], TakenOver)
    assert "taken over by another interview window" in str(refused[0])

    writer_a.close()
    writer_b.close()


def test_a_lease_is_given_back_on_close_and_a_stale_one_is_taken(tmp_path: Path) -> None:
    db = tmp_path / "close.db"
    live = seed_session(make_services(db))
    writer = AutosaveWriter(live.repo, db, lease=LeaseRef(live.id, "owner-a", lease.this_process()))
    assert lease.claim(live.repo, live.id, "owner-a") is None
    writer.submit(job(live, "typed"))
    writer.close()
    assert lease.claim(live.repo, live.id, "owner-b") is None  # free again

    # A holder on this machine whose process is gone (killed) does not block anyone.
    live.repo.db.execute(
        "UPDATE session_leases SET owner = 'ghost', label = ? WHERE session_id = ?",
        [f"pid {2**22 + 12345} on {lease.socket.gethostname()}", live.id],
    )
    assert lease.claim(live.repo, live.id, "owner-c") is None


def notes_shown(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_second_app_is_told_and_opens_read_only(tmp_path: Path) -> None:
    db = tmp_path / "app.db"
    services = make_services(db)
    live = seed_session(services)
    live.save_notes(live.question.id, "the first window's notes", 5, 5)
    assert lease.claim(services.repo, live.id, "first-window") is None

    app = build_app(make_services(db))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        text = " ".join(str(s.content) for s in app.screen.query(Static))
        assert "This session is open in another interview window (pid " in text
        assert "Take it over?" in text
        # The key line says what Esc does here: it opens the session, it cancels nothing.
        assert "Enter Take over   Esc Open read only" in text
        await pilot.press("escape")  # not taken over: read only here
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        assert screen.query_one(NotesEditor).read_only
        await pilot.press("1")
        assert not live.repo.load_state(live.id).observed(live.question.id)
        assert any("open in another window" in n for n in notes_shown(app))
        await pilot.press("n")  # looking at the next question moves only this window
        assert screen.live.index == 1
        await pilot.press("ctrl+q")
    assert stored_notes(db, live) == "the first window's notes"
    assert live.repo.load_state(live.id).current_index == 0
    holder = lease.holder(services.repo, live.id)
    assert holder is not None and holder.owner == "first-window"


async def test_taking_over_tells_the_first_window_and_stops_its_writes(tmp_path: Path) -> None:
    db = tmp_path / "takeover.db"
    services = make_services(db)
    live = seed_session(services)
    first = build_app(make_services(db))
    async with first.run_test(size=(120, 40)) as pilot:
        first.open_session(live.id)
        await wait_for(pilot, lambda: isinstance(first.screen, InterviewScreen))
        await pilot.press("i", *"from the first window")
        screen = first.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.save_now(timeout=10)

        # The second window takes it over (as its confirm dialog's "Take over" does).
        assert lease.claim(services.repo, live.id, "second-window") is not None
        assert lease.claim(services.repo, live.id, "second-window", take_over=True) is None
        LiveSession(services.repo, live.id).save_notes(live.question.id, "newer", 9, 9)

        await pilot.press(*" A1third")
        screen.save_now(timeout=10)
        await wait_for(pilot, lambda: screen.live.read_only)
        assert any("took this session over" in n for n in notes_shown(first))
        assert screen.query_one(NotesEditor).read_only
        await pilot.press("ctrl+q")
    assert stored_notes(db, live) == "newer"
