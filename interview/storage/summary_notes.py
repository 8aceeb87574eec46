"""The interviewer's summary of a session: one note per session, labelled with how it
was written (by hand, or an LLM draft kept as is or edited)."""

from __future__ import annotations

from dataclasses import dataclass

from interview.storage.ids import new_id
from interview.storage.repository_base import RepositoryBase


@dataclass(frozen=True, slots=True)
class SummaryNote:
    """The interviewer's summary of a session: an annotation, never part of the scores."""

    id: str
    session_id: str
    text: str
    ai_drafted: bool  # an LLM wrote the first draft
    edited: bool  # the interviewer changed that draft before saving
    model: str  # the LLM that drafted it ("" when written by hand)
    created_at: str
    updated_at: str


class SummaryNotes(RepositoryBase):
    def summary_note(self, session_id: str) -> SummaryNote | None:
        rows = self._rows(
            "SELECT id, session_id, text, ai_drafted, edited, model, created_at, updated_at "
            "FROM session_summaries WHERE session_id = ?",
            [session_id],
        )
        if not rows:
            return None
        row = rows[0]
        row["ai_drafted"], row["edited"] = bool(row["ai_drafted"]), bool(row["edited"])
        return SummaryNote(**row)

    def save_summary_note(
        self,
        session_id: str,
        text: str,
        *,
        ai_drafted: bool,
        edited: bool,
        model: str = "",
        actor: str = "",
    ) -> SummaryNote:
        """Create or replace the session's summary. Allowed after submission too: it is
        an annotation and leaves the scorecard, its revision and its status alone."""
        if not text.strip():
            raise ValueError("write a summary before saving it")
        self._status(session_id)  # NotFound for an unknown session
        now = self.now()
        with self.tx():
            self.db.execute(
                """INSERT INTO session_summaries(id, session_id, text, ai_drafted, edited, model,
                   created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)
                   ON CONFLICT(session_id) DO UPDATE SET text = excluded.text,
                   ai_drafted = excluded.ai_drafted, edited = excluded.edited,
                   model = excluded.model, updated_at = excluded.updated_at""",
                [new_id(), session_id, text, int(ai_drafted), int(edited), model, now, now],
            )
            self._event(
                session_id,
                actor,
                "summary_saved",
                {"ai_drafted": ai_drafted, "edited": edited, "model": model},
            )
        note = self.summary_note(session_id)
        assert note is not None
        return note
