"""The live interview's clocks and notes autosave.

Nothing the interviewer does waits for the disk: notes go to an ``AutosaveWriter``
within a tenth of a second of a keystroke (and at once on every question change), along
with both clocks, so a killed process resumes at the same question with the same notes
and time. The writer takes every other change of the session too (ticks, probes, scores,
pauses, moves), in order: when another program holds the database's write lock, the
status line says ``waiting for the database`` and everything lands once it is released.

The writer holds the session's lease (``services.lease``) and beats it every few
seconds; when another window takes the session over, the next write is refused, and
this screen turns read only and says so.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from datetime import datetime

from textual import on
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, TextArea

from interview.services.autosave import AutosaveWriter, NotesJob
from interview.services.lease import HEARTBEAT_SECONDS, TakenOver
from interview.services.live import LiveSession
from interview.storage.db import StorageError
from interview.storage.repository import Locked
from interview.tui.messages import AutosaveFailed, NotesSaved, WriteRefused
from interview.tui.widgets.clocks import Stopwatch
from interview.tui.widgets.notes import NotesEditor

# Notes are handed to the writer once typing pauses DEBOUNCE seconds, and never later
# than MAX_WAIT after the first unsaved keystroke; the check runs every AUTOSAVE_TICK.
# Continuous typing thus reaches the disk 0.05-0.1 s after each keystroke, so a hard
# kill (SIGKILL, the process gone at once) loses at most about a fifth of a second of
# typing even on a busy machine (bench/bench_typing_kill.py). The write is off the UI
# thread (~0.2 ms for a page of notes, ~2 ms for 2 MB) and the tick reuses the text the
# editor already reported, so even a very long note stays cheap at this rate.
AUTOSAVE_TICK = 0.05
DEBOUNCE = 0.05
MAX_WAIT = 0.05
CHECKPOINT_SECONDS = 5  # clocks are written this often while they run
WAITING_NOTICE = 1.0  # seconds a change may wait for the database before the status says so
WRITE_ERRORS = (StorageError, sqlite3.Error, OSError)


class AutosaveMixin(Screen[None]):
    """Clocks and notes for ``InterviewScreen`` (which renders them)."""

    live: LiveSession
    session_id: str
    _editor_qid: str
    _notes: dict[str, str]  # the text on screen per question: the authority
    _queued: dict[str, str]  # the last text handed to the writer per question
    _first_dirty: float | None
    _last_edit: float
    _user_paused: bool
    _suspended: bool
    _ticks: int
    _checkpointed: tuple[float, float]
    _writer: AutosaveWriter | None
    _editor: NotesEditor | None
    _session_clock: Stopwatch | None
    _question_clock: Stopwatch | None
    _waiting: bool
    _last_beat: float

    def _init_saving(self) -> None:
        self._notes = {}
        self._queued = {}
        self._first_dirty = None
        self._last_edit = 0.0
        self._user_paused = False
        self._suspended = True
        self._ticks = 0
        self._checkpointed = (-1.0, -1.0)
        self._writer = None
        self._editor = None
        self._session_clock = None
        self._question_clock = None
        self._waiting = False
        self._last_beat = time.monotonic()

    # Rendering hooks the screen provides.
    def _refresh_clocks(self) -> None:
        raise NotImplementedError

    def _refresh_list(self) -> None:
        raise NotImplementedError

    def _minute_passed(self) -> None:
        """Called once a second while the clocks run (the screen folds the prompt)."""

    def _set_notes_state(self, state: str) -> None:
        raise NotImplementedError

    def _show_checklist(self) -> None:
        raise NotImplementedError

    @property
    def locked(self) -> bool:
        return self.live.locked

    @property
    def paused(self) -> bool:
        return self._user_paused

    def _session_elapsed(self) -> float:
        return self._session_clock.elapsed if self._session_clock else 0.0

    def _question_elapsed(self) -> float:
        return self._question_clock.elapsed if self._question_clock else 0.0

    # ------------------------------------------------------------ ticks

    def _clock_tick(self) -> None:
        self._beat()
        if self._suspended:
            return
        self._ticks += 1
        self._refresh_clocks()
        self._minute_passed()
        if self._ticks % 15 == 0:
            self._refresh_list()
        if self._ticks % CHECKPOINT_SECONDS == 0 and not self.locked:
            now = (self._question_elapsed(), self._session_elapsed())
            if abs(now[1] - self._checkpointed[1]) >= 1:
                self._save(force=True)

    def _autosave_tick(self) -> None:
        self._show_waiting()
        if self._first_dirty is None:
            return
        now = time.monotonic()
        if now - self._last_edit >= DEBOUNCE or now - self._first_dirty >= MAX_WAIT:
            # The text of the last Changed event: a keystroke whose event is still queued
            # marks the notes unsaved again and goes with the next tick.
            self._save(reported=True)

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        qid = self._editor_qid
        if self._notes.get(qid) == text:
            return  # a question change loaded this text; nothing was typed
        self._notes[qid] = text
        self._last_edit = time.monotonic()
        if self._first_dirty is None:
            self._first_dirty = self._last_edit
            self._set_notes_state("editing…")

    # ------------------------------------------------------------ saving

    def _save(self, *, force: bool = False, reported: bool = False) -> None:
        """Hand the current question's notes and both clocks to the writer.

        ``reported``: take the text the editor's last Changed event gave (the autosave
        tick, ten times a second or more) instead of joining the editor's lines again."""
        if self.locked or self._writer is None:
            return
        qid = self._editor_qid
        # Read the editor itself: the Changed event of the last keystroke may still be queued.
        # (Held by reference: on shutdown it may already be detached from the screen.)
        if reported and qid in self._notes:
            text = self._notes[qid]
        else:
            text = self._editor.text if self._editor is not None else self._notes.get(qid, "")
        self._notes[qid] = text
        if not force and self._queued.get(qid) == text:
            self._first_dirty = None
            return
        job = NotesJob(
            self.session_id,
            qid,
            self.live.position_of(qid),
            text,
            self._question_elapsed(),
            self._session_elapsed(),
        )
        self._first_dirty = None
        self._queued[qid] = text
        self._checkpointed = (job.question_elapsed, job.session_elapsed)
        self.live.remember_notes(qid, text, job.question_elapsed, job.session_elapsed)
        try:
            self._writer.submit(job)
        except WRITE_ERRORS as exc:
            self._failed(str(exc))

    # The writer calls these from its own thread; post_message is thread-safe and never
    # waits for the UI, so a busy (or crashing) UI cannot stall a write.
    def _saved_from_writer(self, job: NotesJob) -> None:
        self.post_message(NotesSaved(job.question_id, job.notes))

    def _failed_from_writer(self, error: Exception) -> None:
        self.post_message(AutosaveFailed(str(error)))

    def on_autosave_failed(self, message: AutosaveFailed) -> None:
        self._failed(message.reason)

    def on_notes_saved(self, message: NotesSaved) -> None:
        if message.question_id == self._editor_qid and self._first_dirty is None:
            stamp = datetime.now().strftime("%H:%M:%S")
            self._set_notes_state(f"saved {stamp}")

    def _failed(self, reason: str) -> None:
        self._set_notes_state("not saved yet · retrying")
        self.notify(
            f"Not saved yet ({reason}); kept on screen and retried.",
            severity="warning",
            timeout=4,
            markup=False,
        )

    def save_now(self, timeout: float = 5.0) -> bool:
        """Write everything this screen holds (used on quit and after a crash)."""
        if self._writer is None:
            return True
        queued = True
        if not self.locked:
            try:
                self._save(force=True)
            except Exception:  # widgets already gone (shutting down): flush what is queued
                queued = False
        return self._writer.flush(timeout) and queued

    def action_save_now(self) -> None:
        self._save(force=True)

    def on_unmount(self) -> None:
        if self._writer is not None:
            self.save_now()
            self._writer.close()  # also gives the session's lease back
            if self.live.writer is self._writer:
                self.live.writer = None

    # ------------------------------------------------------------ the lease and the lock

    def _beat(self) -> None:
        """A sign of life for the session's lease, also while another screen is on top;
        it finds out within seconds if the session was taken over."""
        now = time.monotonic()
        if now - self._last_beat < HEARTBEAT_SECONDS or self.locked or self._writer is None:
            return
        self._last_beat = now
        with contextlib.suppress(RuntimeError):  # the writer is closing
            self._writer.beat()

    def _show_waiting(self) -> None:
        """Changes queued for more than a moment: another program holds the database."""
        since = self._writer.waiting_since if self._writer is not None else None
        waiting = since is not None and time.monotonic() - since >= WAITING_NOTICE
        if waiting != self._waiting:
            self._waiting = waiting
            label = self.query_one("#db-state", Static)
            notice = Content.styled("waiting for the database ·", "bold $text-warning")
            label.update(notice if waiting else "")
            label.display = waiting

    def _refused_from_writer(self, error: Exception) -> None:
        self.post_message(WriteRefused(error))

    def on_write_refused(self, message: WriteRefused) -> None:
        error = message.error
        if isinstance(error, TakenOver):
            self._taken_over()
        elif isinstance(error, Locked):
            self._locked_elsewhere()
        else:
            self.notify(f"Not recorded: {error}", severity="error", markup=False)

    def _locked_elsewhere(self) -> None:
        """The scorecard was submitted from another instance: read only here too."""
        self.live.state = self.live.repo.load_state(self.live.id)
        self.query_one(NotesEditor).read_only = True
        self._show_checklist()
        self.notify("This scorecard was submitted elsewhere; it is read only now.", timeout=5)

    def _taken_over(self) -> None:
        if self.live.read_only:
            return
        self.live.read_only = True
        editor = self._editor
        if editor is not None:
            editor.read_only = True
            editor.swallow_typing = True
            editor.border_subtitle = "read only"
        for pad in self.query("#private-notes"):  # the private pad turns read only too
            if isinstance(pad, TextArea):
                pad.read_only = True
        self._first_dirty = None
        self._set_notes_state("")
        self._show_checklist()
        self._refresh_clocks()
        self.notify(
            "Another interview window took this session over; it is read only here now. "
            "What you see here was saved until then.",
            title="Session taken over",
            severity="warning",
            timeout=10,
        )

    # ------------------------------------------------------------ clocks

    def action_pause(self) -> None:
        self._user_paused = not self._user_paused
        if self._user_paused:
            self._stop_clocks()
            self._save(force=True)
        elif not self._suspended:
            self._start_clocks()
        kind = "clock_paused" if self._user_paused else "clock_resumed"
        # Queued after the clocks; if it fails the timeline misses one entry.
        if not self.locked:
            with contextlib.suppress(*WRITE_ERRORS, RuntimeError):
                self.live.log_event(kind)
        self._refresh_clocks()

    def _start_clocks(self) -> None:
        if self._session_clock and self._question_clock:
            self._session_clock.start()
            self._question_clock.start()

    def _stop_clocks(self) -> None:
        if self._session_clock and self._question_clock:
            self._session_clock.stop()
            self._question_clock.stop()
