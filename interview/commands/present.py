"""``interview present [SESSION]``: the candidate's view of a live interview."""

from __future__ import annotations

from pathlib import Path

import click

from interview.commands.common import fail
from interview.commands.report import db_option, open_repository


@click.command()
@click.argument("session", required=False, default="")
@db_option
@click.pass_context
def present(ctx: click.Context, session: str, db_path: Path | None) -> None:
    """Show the current question's prompt and code for the candidate.

    Run it in a second terminal (or one shared in a video call) next to the app: it
    follows the live session through the database and shows only what the candidate
    may see, never signals, notes, interviewer context or scores. SESSION is an id
    (or the start of one, as `interview sessions` shows); without it, the interview
    in progress that was saved last. q quits.
    """
    from interview.services.presenter import candidate_view, session_to_present
    from interview.storage.repository import NotFound

    repo, path = open_repository(ctx, db_path)
    try:
        session_id = session_to_present(repo, session.strip())
    except NotFound as exc:
        fail(str(exc))
    if session_id is None:
        fail(f"no interview in progress in {path}; pass a session id (interview sessions)")
    try:
        candidate_view(repo, session_id)
    except NotFound as exc:
        fail(str(exc))
    from interview.tui.presenter import PresenterApp

    PresenterApp(lambda: candidate_view(repo, session_id)).run()
