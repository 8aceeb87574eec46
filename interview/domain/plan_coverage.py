"""Does a plan spend its minutes where its rubric puts its weight?

Each plan item's minutes are shared equally among the areas its question
evidences (areas the plan's rubric defines). An area whose share of the plan's
minutes is under half its share of the rubric's weight is sampled too thinly to
score reliably, so `interview validate` warns about it. Warnings never fail
validation: a short screening plan may leave an area out on purpose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from interview.domain.errors import Problem
from interview.domain.models import Content, Plan, Question, Rubric


@dataclass(frozen=True)
class AreaShare:
    area_id: str
    title: str
    weight: float  # percent of the rubric's total weight
    minutes: float  # plan minutes attributed to the area
    share: float  # percent of the plan's minutes

    @property
    def under_sampled(self) -> bool:
        return self.share < self.weight / 2


def _local(area_id: str) -> str:
    """An area id without its rubric qualifier (``backend/python`` -> ``python``)."""
    return area_id.rsplit("/", 1)[-1]


def area_shares(plan: Plan, rubric: Rubric, questions: Mapping[str, Question]) -> list[AreaShare]:
    """Each rubric area's share of the plan's minutes, next to its share of the weight."""
    ids = [a.id for a in rubric.areas]
    minutes = dict.fromkeys(ids, 0.0)
    total = 0.0
    for item in plan.items:
        total += item.minutes
        question = questions.get(item.question_id)
        if question is None:
            continue
        evidenced = [a for a in dict.fromkeys(_local(x) for x in question.areas) if a in minutes]
        for area in evidenced:
            minutes[area] += item.minutes / len(evidenced)
    weight_total = sum(a.weight for a in rubric.areas) or 1
    return [
        AreaShare(
            area_id=a.id,
            title=a.title,
            weight=a.weight * 100 / weight_total,
            minutes=minutes[a.id],
            share=minutes[a.id] * 100 / total if total else 0.0,
        )
        for a in rubric.areas
    ]


def _questions_line(source: str) -> int:
    """The line of the plan's ``questions:`` key, where a fix would go (1 if unknown)."""
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, text in enumerate(lines, 1) if text.startswith("questions:")), 1)


def plan_coverage_warnings(content: Content) -> list[Problem]:
    """One warning per (plan, area) whose share of minutes is under half its weight."""
    out: list[Problem] = []
    for plan in sorted(content.plans.values(), key=lambda p: p.id):
        rubric = content.rubrics.get(plan.rubric_id)
        if rubric is None:
            continue
        for s in area_shares(plan, rubric, content.questions):
            if not s.under_sampled:
                continue
            out.append(
                Problem(
                    plan.source or plan.id,
                    _questions_line(plan.source) if plan.source else 1,
                    1,
                    f"warning: plan '{plan.id}' gives {s.title} {s.share:.0f}% of its "
                    f"minutes, under half its weight of {s.weight:.0f}%",
                    f"add or lengthen a question that evidences '{s.area_id}'",
                )
            )
    return out
