"""Session repository: the only place the live interview reads and writes SQL.

Every write is one short transaction, committed at once, so a killed process loses
nothing that was reported as saved and a second process never waits long.

``Repository`` is composed of one part per job (each a module beside this one); callers
import it, its errors and its id helpers from here and need not know the parts.
"""

from __future__ import annotations

from interview.storage.ids import new_id, seeded_ids
from interview.storage.live_writes import LiveWrites
from interview.storage.llm_usage import LlmUsage
from interview.storage.prefs import Prefs
from interview.storage.repository_base import Locked, NotFound
from interview.storage.session_reads import SessionReads
from interview.storage.session_setup import SessionSetup
from interview.storage.submission import Submission
from interview.storage.summary_notes import SummaryNote, SummaryNotes

__all__ = [
    "Locked",
    "NotFound",
    "Repository",
    "SummaryNote",
    "new_id",
    "seeded_ids",
]


class Repository(SessionSetup, SessionReads, LiveWrites, Submission, SummaryNotes, LlmUsage, Prefs):
    """Sessions from start to scorecard, with their summaries, LLM costs and prefs."""
