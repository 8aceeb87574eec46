"""Calibration drills: an interviewer scores one of the bank's sample answers, then sees
the agreed scores; the history shows their offset from them over time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from interview.domain.scoring import mean

if TYPE_CHECKING:
    from interview.domain.models import Question, SampleAnswer

RECENT_DRILLS = 5


@dataclass(frozen=True)
class DrillItem:
    question: Question
    sample: SampleAnswer

    @property
    def key(self) -> str:
        return f"{self.question.id}:{self.sample.level}"

    @property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(self.sample.scores)


@dataclass(frozen=True)
class DrillAttempt:
    """One drill: an interviewer's scores for one sample answer, against the agreed ones."""

    at: str
    question_id: str
    sample_level: str
    scores: dict[str, int]
    agreed: dict[str, int]

    @property
    def offsets(self) -> dict[str, int]:
        return {a: self.scores[a] - self.agreed[a] for a in self.scores if a in self.agreed}

    @property
    def mean_abs_offset(self) -> float:
        values = [abs(v) for v in self.offsets.values()]
        return mean(values) if values else 0.0


@dataclass
class DrillHistory:
    interviewer: str
    attempts: list[DrillAttempt] = field(default_factory=list)

    def _mean_offsets(self, attempts: Sequence[DrillAttempt]) -> dict[str, float]:
        per: dict[str, list[int]] = defaultdict(list)
        for a in attempts:
            for area, off in a.offsets.items():
                per[area].append(off)
        return {area: mean(v) for area, v in sorted(per.items())}

    @property
    def mean_offsets(self) -> dict[str, float]:
        return self._mean_offsets(self.attempts)

    @property
    def recent_offsets(self) -> dict[str, float]:
        return self._mean_offsets(self.attempts[-RECENT_DRILLS:])

    @property
    def earlier_offsets(self) -> dict[str, float]:
        return self._mean_offsets(self.attempts[:-RECENT_DRILLS])

    def by_month(self) -> list[tuple[str, dict[str, float], int]]:
        """(YYYY-MM, mean offset per area, drills) in time order: drift at a glance."""
        months: dict[str, list[DrillAttempt]] = defaultdict(list)
        for a in self.attempts:
            months[a.at[:7]].append(a)
        return [(m, self._mean_offsets(v), len(v)) for m, v in sorted(months.items())]


def group_attempts(rows: Sequence[Mapping[str, Any]]) -> dict[str, DrillHistory]:
    histories: dict[str, DrillHistory] = {}
    drills: dict[tuple[str, str, str, str], DrillAttempt] = {}
    for r in rows:
        key = (r["interviewer"], r["at"], r["question_id"], r["sample_level"])
        attempt = drills.get(key)
        if attempt is None:
            attempt = DrillAttempt(r["at"], r["question_id"], r["sample_level"], {}, {})
            drills[key] = attempt
            histories.setdefault(r["interviewer"], DrillHistory(r["interviewer"])).attempts.append(
                attempt
            )
        attempt.scores[r["area_id"]] = r["score"]
        attempt.agreed[r["area_id"]] = r["agreed"]
    for h in histories.values():
        h.attempts.sort(key=lambda a: a.at)
    return histories
