"""After quitting the app the database file alone holds everything: copying just
``interview.db`` (no ``-wal``, no ``-shm``) carries every session, note and score."""

from __future__ import annotations

import shutil
from pathlib import Path

from interview.services.live import LiveSession
from interview.storage.db import open_db
from interview.storage.repository import Repository
from interview.tui.app import build_app
from interview.tui.screens.interview import InterviewScreen
from tests.tui_support import make_services, seed_session, wait_for


async def test_a_copy_of_the_database_file_alone_after_quitting_has_every_session(
    tmp_path: Path,
) -> None:
    db = tmp_path / "interview.db"
    services = make_services(db)
    first = seed_session(services, name="Ada Lovelace")
    second = seed_session(services, name="Alan Turing")
    second.set_score("python", 3)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(first.id)
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await pilot.press("1", "i", *"typed before quitting")
        await pilot.press("ctrl+q")
    assert app.return_code == 0

    # Only the main file is sent on (as a panel member would attach it to an email).
    sent = tmp_path / "sent"
    sent.mkdir()
    shutil.copy(db, sent / "interview.db")
    repo = Repository(open_db(sent / "interview.db", readonly=True))
    try:
        names = sorted(s.candidate for s in repo.list_sessions())
        assert names == ["Ada Lovelace", "Alan Turing"]
        copied = LiveSession(repo, first.id)
        question = copied.question
        assert copied.notes(question.id) == "typed before quitting"
        assert copied.observed(question.id) == {question.senior_signals[0].id}
        assert LiveSession(repo, second.id).state.scores == {"python": 3}
    finally:
        repo.db.conn.close()
