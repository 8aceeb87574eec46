"""What a report holds: plain, immutable data built from the database (see build.py).

Every renderer (Markdown, HTML, JSON, CSV, terminal) reads only this model, so the
formats cannot disagree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1
# Raised for additive changes within a schema_version (readers of 1.0 still work when
# they ignore keys they do not know). 1.1: the optional "summary" object.
SCHEMA_MINOR = 2


@dataclass(frozen=True, slots=True)
class SignalRef:
    id: str
    text: str
    kind: str  # "senior" | "junior"
    red_flag: bool


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    follow_up_id: str  # the bank probe's id; "" for a free-text (LLM) suggestion
    text: str
    source: str  # "bank" | "offline" | "llm"
    reason: str
    asked: bool
    suggested_at: str
    asked_at: str | None


@dataclass(frozen=True, slots=True)
class QuestionReport:
    position: int  # 1-based, in plan order
    id: str
    title: str
    kind: str
    level: str
    areas: tuple[str, ...]
    budget_seconds: int
    elapsed_seconds: float
    senior: tuple[SignalRef, ...]
    junior: tuple[SignalRef, ...]
    follow_ups: tuple[FollowUpItem, ...]
    notes: str
    follow_up_answer: str  # practice: the candidate's answer to the follow-up probe
    self_scores: tuple[tuple[str, int], ...]  # (area id, 1-4), practice mode only

    @property
    def over_budget(self) -> bool:
        return self.elapsed_seconds > self.budget_seconds

    @property
    def asked_follow_ups(self) -> tuple[FollowUpItem, ...]:
        return tuple(f for f in self.follow_ups if f.asked)


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    question_id: str
    question_title: str
    senior: tuple[str, ...]
    junior: tuple[str, ...]
    excerpt: str


@dataclass(frozen=True, slots=True)
class AreaReport:
    id: str
    title: str
    weight: int
    score: float | None  # 1-top (1-4); a mean for practice self-scores; None = not assessed
    level_label: str
    behaviours: tuple[str, ...]  # the anchored behaviours of the chosen level
    effective_weight: float  # share of the assessed weights, 0-1
    contribution: float  # points this area adds to the weighted score
    evidence: tuple[EvidenceItem, ...]
    top: int = 4  # the highest score of the area's scale (a rubric may declare 3-7 levels)

    @property
    def assessed(self) -> bool:
        return self.score is not None

    @property
    def points(self) -> float | None:
        return None if self.score is None else (self.score - 1) / (self.top - 1) * 100


@dataclass(frozen=True, slots=True)
class FlipItem:
    area_id: str
    area_title: str
    delta: int
    weighted: float
    recommendation: str
    recommendation_label: str


@dataclass(frozen=True, slots=True)
class RedFlag:
    question_id: str
    question_title: str
    signal_id: str
    text: str


@dataclass(frozen=True, slots=True)
class ScoreChange:
    area_id: str
    area_title: str
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class Amendment:
    at: str
    actor: str
    reason: str
    score_changes: tuple[ScoreChange, ...]
    justification_before: str | None  # None when the justification did not change
    justification_after: str | None


@dataclass(frozen=True, slots=True)
class SummaryText:
    """The interviewer's written summary: an annotation, never part of the scores."""

    text: str
    ai_drafted: bool
    edited: bool
    model: str
    created_at: str
    updated_at: str

    @property
    def label(self) -> str:
        """How it was written, as every format shows it next to the heading."""
        return summary_label(self.ai_drafted, self.edited)

    @property
    def heading(self) -> str:
        return f"Summary ({self.label})"

    @property
    def origin(self) -> str:
        """Who wrote it, naming the model (user text: escape it like any other)."""
        if not self.ai_drafted:
            return "Written by the interviewer"
        by = f"an LLM ({self.model})" if self.model else "an LLM"
        how = "edited by the interviewer" if self.edited else "saved unchanged by the interviewer"
        return f"Drafted by {by}, {how}"


def summary_label(ai_drafted: bool, edited: bool) -> str:
    if not ai_drafted:
        return "written by the interviewer"
    return "AI-drafted, edited by the interviewer" if edited else "AI-drafted"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: str
    actor: str
    kind: str
    text: str


@dataclass(frozen=True)
class Report:
    session_id: str
    status: str  # "in_progress" | "submitted"
    mode: str  # "interview" | "practice"
    revision: int
    sample: bool  # written by `interview demo`
    started_at: str
    updated_at: str
    submitted_at: str | None
    elapsed_seconds: float
    candidate_id: str
    candidate_name: str
    candidate_code: str
    role: str
    level: str
    interviewer: str
    plan_id: str
    plan_title: str
    plan_minutes: int
    rubric_id: str
    rubric_title: str
    content_hash: str
    score_basis: str  # "interviewer" | "self" | "none"
    weighted: float | None
    recommendation: str | None
    recommendation_label: str | None
    recorded_weighted: float | None  # as stored at submission or last amendment
    recorded_recommendation: str | None
    thresholds: tuple[float, float, float]  # no, yes, strong_yes
    justification: str
    flips: tuple[FlipItem, ...]
    sensitivity: str
    areas: tuple[AreaReport, ...]
    questions: tuple[QuestionReport, ...]
    red_flags: tuple[RedFlag, ...]
    amendments: tuple[Amendment, ...]
    timeline: tuple[TimelineEntry, ...]
    summary: SummaryText | None = None  # absent until the interviewer saves one
    # The scoring policy's rule that decided the recommendation, in words ("Yes capped at
    # No: Databases scored 1 (...)"); "" when the thresholds alone decided.
    policy_rule: str = ""
    policy_kind: str | None = None  # "cap" | "insufficient_evidence" | None
    formula_recommendation: str | None = None  # what the thresholds alone would say
    assessed_weight: float | None = None  # percent of the rubric's weight scored
    min_assessed_weight: float | None = None

    @property
    def candidate_label(self) -> str:
        if self.candidate_name and self.candidate_code:
            return f"{self.candidate_name} ({self.candidate_code})"
        return self.candidate_name or self.candidate_code

    @property
    def not_assessed(self) -> tuple[AreaReport, ...]:
        return tuple(a for a in self.areas if not a.assessed)

    @property
    def submitted(self) -> bool:
        return self.status == "submitted"

    @property
    def score_caption(self) -> str:
        """What the weighted score is: final, provisional, or a self-assessment."""
        if self.score_basis == "self":
            return "self-assessed score (practice; no hiring recommendation)"
        if not self.submitted:
            scored = sum(a.assessed for a in self.areas)
            return f"provisional: in progress, {scored} of {len(self.areas)} areas scored"
        return "weighted score"

    @property
    def recorded_differs(self) -> bool:
        """The stored score disagrees with the one recomputed from the area scores."""
        if not self.submitted or self.score_basis != "interviewer":
            return False
        if self.weighted is None or self.recorded_weighted is None:
            return self.weighted != self.recorded_weighted
        return abs(self.weighted - self.recorded_weighted) > 0.05
