"""What a hiring panel looks at: interviewers' columns, area rows, the combined result
and the debrief agenda. Pure data and rules; the database is read in ``panel``.

Combined scores are by formula: the mean of each area across interviewers, then the
rubric's weights and policy (``domain.scoring.score`` accepts the fractional means).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interview.domain.rubric import Rubric
from interview.domain.scoring import ScoreResult, mean, score
from interview.services.panel_common import DISAGREEMENT, REC_ORDER, CandidateRef, rec_label

if TYPE_CHECKING:  # types only: the ranked list of thousands never needs these modules
    from interview.services.debrief import Decision, Missing
    from interview.services.live import Evidence

__all__ = [
    "DISAGREEMENT",
    "REC_ORDER",
    "Access",
    "AgendaItem",
    "AreaRow",
    "CandidateRef",
    "PanelError",
    "PanelView",
    "Rater",
    "build_agenda",
    "combine",
    "rec_label",
]


class PanelError(LookupError):
    """No such candidate, or an ambiguous name; the message says what to type instead."""


@dataclass(frozen=True, slots=True)
class Rater:
    session_id: str
    interviewer: str
    status: str
    role: str
    plan_title: str
    submitted_at: str | None
    weighted_score: float | None
    recommendation: str | None
    justification: str
    revision: int

    @property
    def submitted(self) -> bool:
        return self.status == "submitted"

    @property
    def label(self) -> str:
        return self.interviewer or "(no name)"


@dataclass(frozen=True, slots=True)
class AreaRow:
    area_id: str
    title: str
    weight: int
    scores: tuple[int | None, ...]  # aligned with PanelView.raters

    @property
    def rated(self) -> list[int]:
        return [s for s in self.scores if s is not None]

    @property
    def mean(self) -> float | None:
        return mean(self.rated) if self.rated else None

    @property
    def spread(self) -> int | None:
        rated = self.rated
        return max(rated) - min(rated) if len(rated) >= 2 else None

    @property
    def disagreement(self) -> bool:
        return (self.spread or 0) >= DISAGREEMENT


@dataclass(frozen=True, slots=True)
class AgendaItem:
    topic: str
    spread: int
    text: str


@dataclass
class PanelView:
    candidate: CandidateRef
    rubric: Rubric
    raters: list[Rater]  # submitted scorecards: the columns
    pending: list[Rater]  # sessions still in progress (no scores shown)
    rows: list[AreaRow]
    combined: ScoreResult
    agenda: list[AgendaItem]
    evidence: dict[tuple[str, str], list[Evidence]] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)  # expected, scorecard not in yet
    decision: Decision | None = None  # the lead's debrief decision, apart from the formula
    sample: bool = False  # any scorecard here is demo data

    def evidence_for(self, session_id: str, area_id: str) -> list[Evidence]:
        return self.evidence.get((session_id, area_id), [])

    @property
    def roles(self) -> list[str]:
        return sorted({r.role for r in self.raters + self.pending if r.role})

    @property
    def disagreements(self) -> list[AreaRow]:
        return [r for r in self.rows if r.disagreement]


@dataclass(frozen=True, slots=True)
class Access:
    allowed: bool
    reason: str = ""
    override: bool = False


def build_agenda(raters: Sequence[Rater], rows: Sequence[AreaRow]) -> list[AgendaItem]:
    """What the debrief should discuss, largest disagreement first."""
    items: list[tuple[int, int, int, AgendaItem]] = []
    recs = [(r, r.recommendation) for r in raters if r.recommendation in REC_ORDER]
    if len(recs) >= 2 and len({rec for _, rec in recs}) > 1:
        ranks = [REC_ORDER[rec] for _, rec in recs if rec]
        spread = max(ranks) - min(ranks)
        who = ", ".join(f"{r.label} {rec_label(rec)}" for r, rec in recs)
        items.append((spread, 1, 100, AgendaItem("Recommendation", spread, who)))
    single: list[str] = []
    for row in rows:
        row_spread = row.spread
        if row_spread is None:
            if len(row.rated) == 1:
                single.append(row.title)
            continue
        if row_spread == 0:
            continue
        who = ", ".join(
            f"{r.label} {s}" for r, s in zip(raters, row.scores, strict=True) if s is not None
        )
        text = f"spread {row_spread}: {who}"
        if row_spread >= DISAGREEMENT:
            text += ". Each interviewer names the evidence behind their score."
        items.append((row_spread, 0, row.weight, AgendaItem(row.title, row_spread, text)))
    items.sort(key=lambda t: (-t[0], -t[1], -t[2]))
    agenda = [item for *_, item in items]
    if single:
        agenda.append(AgendaItem(", ".join(single), 0, "only one interviewer assessed this"))
    return agenda


def combine(rubric: Rubric, rows: Iterable[AreaRow]) -> ScoreResult:
    """The panel's result: area means, then the rubric's weights and policy.

    Its sensitivity means "one interviewer changes one score by one point", which
    moves an area's mean by one over the number of interviewers who scored it.
    """
    rows = list(rows)
    return score(
        rubric,
        {row.area_id: row.mean for row in rows},
        steps={row.area_id: 1 / len(row.rated) for row in rows if row.rated},
    )
