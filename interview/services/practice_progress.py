"""What the progress view shows: scores per area over attempts, signals missed, a suggestion."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from interview.domain.models import (
    Area,
    Question,
    Signal,
)
from interview.services.practice_keys import RECENT_POINTS


@dataclass(frozen=True, slots=True)
class AreaPoint:
    session_id: str
    at: str
    score: float


@dataclass(frozen=True, slots=True)
class AreaProgress:
    area_id: str
    title: str
    points: tuple[AreaPoint, ...]

    @property
    def recent(self) -> float | None:
        tail = self.points[-RECENT_POINTS:]
        return fmean(p.score for p in tail) if tail else None

    @property
    def latest(self) -> float | None:
        return self.points[-1].score if self.points else None


@dataclass(frozen=True, slots=True)
class MissedSignal:
    question_id: str
    question_title: str
    signal: Signal
    missed: int
    seen: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    question: Question
    area: Area
    reason: str


@dataclass(frozen=True)
class Progress:
    attempts: int
    questions_revealed: int
    areas: list[AreaProgress]
    missed: list[MissedSignal]
    suggestion: Suggestion | None


@dataclass(frozen=True, slots=True)
class WeakestArea:
    area: Area
    reason: str
    recent: float | None = None  # None: nothing self-scored yet
