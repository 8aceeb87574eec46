"""Plain records for sessions and what happens in them (shared by storage, services, UI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Status(StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    ABANDONED = "abandoned"  # kept, but never to be resumed (a no-show, a mistake)


class Mode(StrEnum):
    INTERVIEW = "interview"
    PRACTICE = "practice"


class FollowUpSource(StrEnum):
    BANK = "bank"
    OFFLINE = "offline"
    LLM = "llm"


@dataclass(frozen=True, slots=True)
class SessionSummary:
    id: str
    candidate_id: str
    candidate: str
    candidate_code: str
    interviewer: str
    role: str
    level: str
    plan_id: str
    plan_title: str
    mode: str
    status: str
    started_at: str
    updated_at: str
    submitted_at: str | None
    weighted_score: float | None
    recommendation: str | None
    revision: int

    @property
    def candidate_label(self) -> str:
        return self.candidate or self.candidate_code


@dataclass
class Observation:
    question_id: str
    signal_id: str
    kind: str
    observed: bool
    updated_at: str
    source: str = "interviewer"


@dataclass
class FollowUpRecord:
    id: str
    question_id: str
    follow_up_id: str
    text: str
    source: str
    reason: str
    asked: bool
    suggested_at: str
    asked_at: str | None


@dataclass
class AnswerRecord:
    question_id: str
    position: int
    notes: str
    elapsed_seconds: float
    updated_at: str


@dataclass
class SessionState:
    """Everything needed to resume a session exactly where it was."""

    summary: SessionSummary
    rubric_id: str
    content_hash: str
    current_index: int
    elapsed_seconds: float
    justification: str
    llm_enabled: bool
    answers: dict[str, AnswerRecord] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    followups: list[FollowUpRecord] = field(default_factory=list)
    # area id -> score, for session-level scores (question_id == "")
    scores: dict[str, int] = field(default_factory=dict)
    # (question id, area id) -> score, for practice self-scores per question
    question_scores: dict[tuple[str, str], int] = field(default_factory=dict)

    def observed(self, question_id: str, source: str = "interviewer") -> set[str]:
        return {
            o.signal_id
            for o in self.observations
            if o.question_id == question_id and o.observed and o.source == source
        }

    @property
    def locked(self) -> bool:
        return self.summary.status == Status.SUBMITTED
