"""Abandon or delete an unfinished session: what the home screen offers for a no-show.

An abandoned session is kept (status ``abandoned``), leaves the resume banner and can
be found with the status filter; a deleted one is gone. Neither applies to a submitted
scorecard, which changes only by amendment.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview.domain.records import SessionSummary, Status
from interview.storage import lifecycle
from interview.storage.repository import Repository


@dataclass(frozen=True, slots=True)
class Refusal:
    reason: str


def can_end(summary: SessionSummary) -> Refusal | None:
    """Why a session cannot be abandoned or deleted (None when it can)."""
    if summary.status == Status.SUBMITTED:
        return Refusal("a submitted scorecard changes only by amendment")
    return None


def abandon(repo: Repository, session_id: str, *, actor: str = "", reason: str = "") -> None:
    lifecycle.mark_abandoned(repo, session_id, actor=actor, reason=reason)


def delete(repo: Repository, session_id: str, *, actor: str = "") -> int:
    return lifecycle.delete_rows(repo, session_id, actor=actor)


def resumable(repo: Repository, interviewer: str, mode: str) -> list[SessionSummary]:
    """Unfinished sessions to offer for resuming: the current interviewer's only (all of
    them while the app does not know who the interviewer is yet)."""
    sessions = repo.unfinished(mode=mode)
    if not interviewer.strip():
        return sessions
    me = interviewer.strip().casefold()
    return [s for s in sessions if s.interviewer.strip().casefold() == me]
