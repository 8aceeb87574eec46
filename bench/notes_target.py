"""The real app on the interview screen, for the keystroke benchmarks and the UI kill test.

``prepare_db(path)`` writes a benchmark database whose newest session is unfinished;
``build_notes_target(db)`` builds the app the way ``interview --db`` does and, once it
runs, opens that session on the interview screen (as Enter on the home screen does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import TextArea

from bench.dataset import build_db


def prepare_db(path: Path, sessions: int = 10_000) -> Path:
    return build_db(path, sessions=sessions, candidates=max(50, sessions // 4)).path


def newest_unfinished(services: Any) -> str:
    unfinished = services.repo.unfinished()
    if not unfinished:
        raise LookupError("the benchmark database has no unfinished session")
    return str(unfinished[0].id)


def build_notes_target(
    db: str,
) -> tuple[App[Any], Any, None]:
    from interview.services.container import build_services
    from interview.tui.app import build_app
    from interview.tui.widgets.notes import NotesEditor

    services = build_services(db_path=Path(db))
    app = build_app(services)
    session_id = newest_unfinished(services)
    opened = False

    def editor() -> TextArea:
        nonlocal opened
        if not opened:
            opened = True
            app.open_session(session_id)
            raise LookupError("interview screen opening")
        return app.screen.query_one(NotesEditor)

    return app, editor, None
