"""Abandon or delete the highlighted session from the home screen, after asking first.

Imported when one of those keys is first pressed, not on the way to the first frame.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview.domain.records import SessionSummary, Status
from interview.services.session_lifecycle import abandon, can_end, delete
from interview.storage.db import StorageError
from interview.tui.safe_text import one_line
from interview.tui.widgets.session_table import SessionTable, local_time

if TYPE_CHECKING:
    from collections.abc import Callable

    from interview.tui.screens.home import HomeScreen

WRITE_ERRORS = (StorageError, sqlite3.Error, OSError)


@dataclass(frozen=True)
class Ending:
    verb: str  # "abandon"
    done: str  # "Abandoned", first word of the notice and of the failure
    title: str
    consequence: str  # the confirmation's second line
    button: str
    run: Callable[..., object]


ABANDON = Ending(
    "abandon",
    "Abandoned",
    "Abandon this interview?",
    "It is kept (the Abandoned filter finds it) but never offered for resuming.",
    "Abandon",
    abandon,
)
DELETE = Ending(
    "delete",
    "Deleted",
    "Delete this interview?",
    "Its notes, signals and scores are deleted for good.",
    "Delete",
    delete,
)


def endable(screen: HomeScreen, verb: str) -> SessionSummary | None:
    """The highlighted session if it may be ended; otherwise say why and return None."""
    selected = screen.query_one(SessionTable).selected
    if selected is None:
        screen.notify("Select a session first.", timeout=3)
        return None
    refusal = can_end(selected)
    if refusal is not None:
        screen.notify(f"Cannot {verb} this session: {refusal.reason}.", timeout=4, markup=False)
        return None
    return selected


def end_selected(screen: HomeScreen, ending: Ending) -> None:
    """Ask, then abandon or delete the highlighted session and reload the list."""
    from interview.tui.screens.confirm import ConfirmScreen

    selected = endable(screen, ending.verb)
    if selected is None:
        return
    if ending is ABANDON and selected.status == Status.ABANDONED:
        screen.notify("Already abandoned.", timeout=3)
        return
    name = one_line(selected.candidate_label, 40)

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            ending.run(screen.services.repo, selected.id, actor=selected.interviewer)
        except (LookupError, RuntimeError, *WRITE_ERRORS) as exc:
            screen.notify(f"Not {ending.done.lower()}: {exc}", severity="error", markup=False)
            return
        screen.notify(f"{ending.done}: {name}", timeout=3, markup=False)
        screen.reload()

    screen.app.push_screen(
        ConfirmScreen(
            ending.title,
            f"{name} · {local_time(selected.started_at)}\n{ending.consequence}",
            ending.button,
        ),
        answered,
    )
