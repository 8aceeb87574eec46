"""Messages the interview screens and their widgets exchange.

Panels mounted into the interview screen (such as follow-up suggestions) receive
``QuestionChanged`` and ``NotesEdited`` directly, so they never need to reach into
the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class QuestionChanged(Message):
    """The interview moved to another question (also sent once on mount)."""

    session_id: str
    index: int
    question_id: str


@dataclass
class NotesEdited(Message):
    """The notes of the current question changed (sent at most every half second)."""

    session_id: str
    question_id: str
    text: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, NotesEdited) and message.question_id == self.question_id


@dataclass
class NotesSaved(Message):
    """Notes reached the database."""

    question_id: str
    text: str


@dataclass
class AutosaveFailed(Message):
    """A write failed; the notes are kept and retried."""

    reason: str


@dataclass
class WriteRefused(Message):
    """A queued write was refused for good (submitted or taken over elsewhere)."""

    error: Exception


@dataclass
class SessionChanged(Message):
    """A session was created, submitted or amended: lists showing it are stale."""

    session_id: str
