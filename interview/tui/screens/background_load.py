"""Screens that read a whole panel (ranking, a candidate's panel, calibration, bank health).

Their reading takes from a few milliseconds to about a second at 10,000 sessions, so it
runs in a worker thread and keys keep working; a spinner shows only when it is slower
than ``SLOW_SECONDS`` (below that it would only flicker).
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar, cast

from textual.screen import Screen
from textual.widgets import LoadingIndicator
from textual.worker import Worker, WorkerState

SLOW_SECONDS = 0.1
Loaded = TypeVar("Loaded")


class BackgroundLoadScreen(Screen[None], Generic[Loaded]):
    """A screen with one ``LoadingIndicator`` whose data comes from ``fetch``.

    ``start_load`` runs ``fetch`` in a thread (a newer call replaces an older one);
    ``fetched`` or ``fetch_failed`` then runs on the screen's thread."""

    # Hidden until the reading has taken SLOW_SECONDS.
    DEFAULT_CSS = """
    BackgroundLoadScreen LoadingIndicator { height: 3; display: none; }
    """
    LOAD_NAME: ClassVar[str] = "load"

    def fetch(self) -> Loaded:
        """Read what the screen shows. Runs in a worker thread: no widgets here."""
        raise NotImplementedError

    def fetched(self, result: Loaded) -> None:
        raise NotImplementedError

    def fetch_failed(self, error: BaseException | None) -> None:
        raise NotImplementedError

    def start_load(self) -> None:
        self._slow = self.set_timer(SLOW_SECONDS, self._show_spinner)
        self.run_worker(
            self.fetch, name=self.LOAD_NAME, thread=True, exit_on_error=False, exclusive=True
        )

    def _show_spinner(self) -> None:
        self.query_one(LoadingIndicator).display = True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != self.LOAD_NAME or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self._slow.stop()
        self.query_one(LoadingIndicator).display = False
        if event.state == WorkerState.ERROR:
            self.fetch_failed(event.worker.error)
        else:
            self.fetched(cast(Loaded, event.worker.result))
