"""The candidate's view of a live interview: the current question's prompt and code.

Built from the session's position and its content snapshot only, so nothing the
candidate may not see (signals, notes, interviewer context, scores) is ever read.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview.domain.models import plan_from_snapshot, question_from_snapshot
from interview.domain.records import Status
from interview.storage import presenter_queries
from interview.storage.repository import Repository


@dataclass(frozen=True, slots=True)
class CandidateView:
    position: int  # 0-based
    total: int
    title: str
    prompt: str
    code: str = ""
    language: str = ""
    finished: bool = False


def candidate_view(repo: Repository, session_id: str) -> CandidateView:
    where = presenter_queries.position(repo, session_id)
    snapshot = repo.snapshot(where.content_hash)
    plan = plan_from_snapshot(snapshot["plan"])
    questions = {q["id"]: q for q in snapshot["questions"]}
    index = max(0, min(where.index, len(plan.items) - 1))
    question = question_from_snapshot(questions[plan.items[index].question_id])
    return CandidateView(
        position=index,
        total=len(plan.items),
        title=question.title,
        prompt=question.prompt,
        code=question.code.source if question.code else "",
        language=question.code.language if question.code else "",
        finished=where.status != Status.IN_PROGRESS,
    )


def session_to_present(repo: Repository, given: str) -> str | None:
    """The session named (a full id or a unique prefix), or the one in progress now."""
    if given:
        return repo.resolve_session_id(given)
    return presenter_queries.latest_in_progress(repo)
