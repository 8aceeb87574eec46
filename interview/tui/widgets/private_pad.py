"""The private pad: the interviewer's own notes on a question, kept on this machine.

It takes the notes editor's place while open (one key, ctrl+r, opens and closes it),
with a border and title that cannot be mistaken for the shared notes. What is typed
here is saved locally (off the screen's thread) and never pushed, merged, reported or
sent to an LLM; see ``services/private_notes``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.widgets import TextArea

from interview.services.private_notes import MARK, PrivateNotes, PrivateWriter
from interview.tui.safe_text import printable

if TYPE_CHECKING:
    from pathlib import Path

    from interview.storage.repository import Repository

# Seconds from the first unsaved keystroke to the pad's hand-over to the writer thread:
# as soon as the shared notes, so a kill never takes more than a moment of typing.
SAVE_AFTER = 0.05
WARN_EVERY = 10.0  # seconds between two "not saved yet" notices while writes fail
TITLE = f"{MARK} · only on this machine: never pushed, merged or reported"


class PrivatePad(TextArea):
    SCOPED_CSS = False  # the rules below also hide the screen's notes editor while open
    DEFAULT_CSS = """
    PrivatePad {
        display: none;
        height: 8;
        min-height: 3;
        padding: 0 1;
        border: heavy $warning;
        border-title-color: $warning;
        border-title-style: bold;
        background: $warning 8%;
    }
    PrivatePad:focus { border: heavy $warning; }
    InterviewScreen.-private #notes { display: none; }
    InterviewScreen.-private PrivatePad { display: block; }
    InterviewScreen.-tall PrivatePad { height: 30%; max-height: 20; }
    InterviewScreen.-short PrivatePad { height: 6; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder="Private to you: a reminder, a hunch, anything not for the record…",
        )
        self.border_title = TITLE
        self._pads: PrivateNotes | None = None
        self._writer: PrivateWriter | None = None
        self._qid = ""
        self._dirty_since: float | None = None
        self._warned_at = -WARN_EVERY

    def get_line(self, line_index: int) -> Text:
        # Shown safely, stored as typed (as the notes editor does).
        return Text(printable(self.document.get_line(line_index)), end="", no_wrap=True)

    # ------------------------------------------------------------ session

    def open_session(
        self, repo: Repository, db_path: Path | None, session_id: str, *, locked: bool
    ) -> None:
        self._pads = PrivateNotes(repo, session_id)
        self._writer = PrivateWriter(repo, db_path, on_error=self._failed_from_writer)
        self.read_only = locked
        self._set_subtitle()

    def show_question(self, question_id: str) -> None:
        """Save the pad being left, then load this question's."""
        self.save()
        self._qid = question_id
        self.load_text(self._pads.text(question_id) if self._pads else "")
        self.move_cursor(self.document.end)
        self._set_subtitle()

    def has_text(self, question_id: str) -> bool:
        return self._pads is not None and self._pads.has_text(question_id)

    # ------------------------------------------------------------ saving

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()  # the screen's own notes autosave never sees the private text
        if self._pads is None or self.read_only or self._pads.text(self._qid) == self.text:
            return  # a question change loaded this text; nothing was typed
        self._pads.remember(self._qid, self.text)
        if self._dirty_since is None:  # the first change since the last save
            self._dirty_since = time.monotonic()
            self.set_timer(SAVE_AFTER, self.save)
        self._set_subtitle("editing…")

    def save(self) -> None:
        """Hand the current pad to the writer (a no-op when nothing changed)."""
        if self._dirty_since is None or self._writer is None or self._pads is None:
            return
        self._dirty_since = None
        self._pads.remember(self._qid, self.text)
        self._writer.submit(self._pads.session_id, self._qid, self.text)
        self._set_subtitle("saved locally")

    def close(self, timeout: float = 5.0) -> bool:
        self.save()
        return self._writer.close(timeout) if self._writer is not None else True

    def on_unmount(self) -> None:
        self.close()

    def _failed_from_writer(self, error: Exception) -> None:
        # The writer's thread, retrying every half second: say so once in a while, not
        # at every attempt. The notification is posted to the app, never waited for.
        now = time.monotonic()
        if now - self._warned_at < WARN_EVERY:
            return
        self._warned_at = now
        self.app.call_from_thread(
            self.notify,
            f"Private notes not saved yet ({error}); kept on screen and retried.",
            severity="warning",
            timeout=4,
            markup=False,
        )

    def _set_subtitle(self, state: str = "") -> None:
        parts = ["read only"] if self.read_only else []
        if state:
            parts.append(state)
        parts.append("ctrl+r back to notes")
        self.border_subtitle = " · ".join(parts)
