"""Immutable content models: rubrics, questions, plans."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum

from interview.domain.errors import Problem

# The rubric's models live in ``rubric`` (what scoring needs alone); re-exported here.
from interview.domain.rubric import DEFAULT_LEVELS as DEFAULT_LEVELS
from interview.domain.rubric import MAX_LEVELS as MAX_LEVELS
from interview.domain.rubric import MIN_LEVELS as MIN_LEVELS
from interview.domain.rubric import RECOMMENDATIONS as RECOMMENDATIONS
from interview.domain.rubric import Area as Area
from interview.domain.rubric import Dimension as Dimension
from interview.domain.rubric import Floor as Floor
from interview.domain.rubric import Level as Level
from interview.domain.rubric import Policy as Policy
from interview.domain.rubric import Rubric as Rubric
from interview.domain.rubric import Thresholds as Thresholds
from interview.domain.rubric import policy_from_snapshot as policy_from_snapshot
from interview.domain.rubric import rubric_from_snapshot as rubric_from_snapshot

KINDS = ("scenario", "technical", "behavioural", "code-review")
LEVELS = ("junior", "mid", "senior")
PLAN_MODES = ("interview", "practice")
PLAN_MAX_MINUTES = 240  # a question's budget, a plan entry's and a whole plan's
# Rows the live screen can tick with one key each: more than these validate with a warning.
LIVE_KEYS = {"senior_signals": 9, "junior_signals": 7, "follow_ups": 7}
# Who may see a question: live interviews, practice alone, or both.
AUDIENCES = ("both", "interviewer", "practice")
LABEL_MAX = 40  # a signal or probe label is read at a glance during an interview


class SignalKind(StrEnum):
    SENIOR = "senior"
    JUNIOR = "junior"


@dataclass(frozen=True, slots=True)
class Signal:
    id: str
    text: str
    keywords: tuple[str, ...] = ()
    red_flag: bool = False
    label: str = ""
    areas: tuple[str, ...] = ()  # the areas it evidences; empty means all of the question's

    @property
    def glance(self) -> str:
        """The short form for the live checklist."""
        return self.label or _shorten(self.text)


@dataclass(frozen=True, slots=True)
class FollowUp:
    id: str
    text: str
    targets: tuple[str, ...] = ()
    label: str = ""
    required: bool = False  # asked in every interview, so candidates are compared alike

    @property
    def glance(self) -> str:
        return self.label or _shorten(self.text)


@dataclass(frozen=True, slots=True)
class CodeSnippet:
    language: str
    source: str


@dataclass(frozen=True, slots=True)
class SampleAnswer:
    level: str
    text: str
    scores: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    title: str
    kind: str
    level: str
    areas: tuple[str, ...]
    minutes: int
    prompt: str
    context: str
    senior_signals: tuple[Signal, ...]
    junior_signals: tuple[Signal, ...]
    follow_ups: tuple[FollowUp, ...]
    code: CodeSnippet | None = None
    sample_answers: tuple[SampleAnswer, ...] = ()
    interviewer_only: bool = False
    source: str = ""
    audience: str = "both"
    parallel_of: str = ""  # the live question this one is a practice form of
    # The rubrics whose areas this question evidences (resolved when loading: declared by
    # its bank, qualified area ids such as ``backend/python``, or the rubrics loaded with
    # it). Empty for a question built by hand: any rubric defining its areas.
    rubrics: tuple[str, ...] = ()
    lang: str = ""  # the language it is written in (e.g. "ja"), for keyword matching

    def evidences_rubric(self, rubric_id: str) -> bool:
        return not self.rubrics or rubric_id in self.rubrics

    @property
    def practice_allowed(self) -> bool:
        return self.audience != "interviewer" and not self.interviewer_only

    @property
    def live_allowed(self) -> bool:
        return self.audience != "practice"

    def signals(self, kind: SignalKind) -> tuple[Signal, ...]:
        return self.senior_signals if kind is SignalKind.SENIOR else self.junior_signals

    def find_signal(self, signal_id: str) -> tuple[SignalKind, Signal] | None:
        for kind in SignalKind:
            for signal in self.signals(kind):
                if signal.id == signal_id:
                    return kind, signal
        return None

    def find_follow_up(self, follow_up_id: str) -> FollowUp | None:
        return next((f for f in self.follow_ups if f.id == follow_up_id), None)


@dataclass(frozen=True, slots=True)
class PlanItem:
    question_id: str
    minutes: int


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    title: str
    rubric_id: str
    mode: str
    description: str
    items: tuple[PlanItem, ...]
    source: str = ""
    policy: Policy | None = None  # overrides the rubric's policy and thresholds

    @property
    def total_minutes(self) -> int:
        return sum(item.minutes for item in self.items)


@dataclass(frozen=True)
class Content:
    """Everything loaded and validated: rubrics, questions and plans by id."""

    rubrics: dict[str, Rubric]
    questions: dict[str, Question]
    plans: dict[str, Plan]
    # Question levels and kinds in display order: the defaults plus any a bank declares.
    levels: tuple[str, ...] = LEVELS
    kinds: tuple[str, ...] = KINDS

    def plan_questions(self, plan: Plan) -> list[tuple[PlanItem, Question]]:
        return [(item, self.questions[item.question_id]) for item in plan.items]

    def rubric_for(self, plan: Plan) -> Rubric:
        """The plan's rubric with the plan's policy (thresholds, floors) applied."""
        return effective_rubric(self.rubrics[plan.rubric_id], plan)

    def snapshot(self, plan: Plan) -> dict[str, object]:
        """The rubric, plan and questions exactly as used, as plain JSON-able data."""
        rubric = self.rubric_for(plan)
        return {
            "rubric": _plain(rubric),
            "plan": _plain(plan),
            "questions": [_plain(q) for _, q in self.plan_questions(plan)],
        }

    def content_hash(self, plan: Plan) -> str:
        return snapshot_hash(self.snapshot(plan))


def effective_rubric(rubric: Rubric, plan: Plan | None) -> Rubric:
    """``rubric`` as a plan uses it: the plan's policy overrides the rubric's."""
    if plan is None or plan.policy is None:
        return rubric
    merged = plan.policy.over(rubric.policy)
    return replace(
        rubric,
        thresholds=merged.thresholds or rubric.thresholds,
        policy=replace(merged, thresholds=None),
    )


def snapshot_hash(snapshot: Mapping[str, object]) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _plain(obj: object) -> dict[str, object]:
    data = asdict(obj)  # type: ignore[call-overload]
    data.pop("source", None)
    if data.get("policy", 0) is None:
        # Content without a policy snapshots (and hashes) as it did before policies existed.
        del data["policy"]
    # Which rubrics a question may be scored against is settled when the plan is built;
    # left out (and an unset language) so existing content keeps its snapshot and hash.
    data.pop("rubrics", None)
    if data.get("lang", None) == "":
        del data["lang"]
    return data


def _shorten(text: str, limit: int = LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tuple(items: object) -> tuple[object, ...]:
    return tuple(items) if isinstance(items, list | tuple) else ()


def question_from_snapshot(data: Mapping[str, object]) -> Question:
    def signals(raw: object) -> tuple[Signal, ...]:
        return tuple(
            Signal(
                s["id"],
                s["text"],
                tuple(s["keywords"]),
                bool(s["red_flag"]),
                str(s.get("label", "")),
                tuple(s.get("areas", ())),
            )
            for s in raw  # type: ignore[attr-defined]
        )

    code = data.get("code")
    return Question(
        id=str(data["id"]),
        title=str(data["title"]),
        kind=str(data["kind"]),
        level=str(data["level"]),
        areas=tuple(data["areas"]),  # type: ignore[arg-type]
        minutes=int(data["minutes"]),  # type: ignore[call-overload]
        prompt=str(data["prompt"]),
        context=str(data["context"]),
        senior_signals=signals(data["senior_signals"]),
        junior_signals=signals(data["junior_signals"]),
        follow_ups=tuple(
            FollowUp(
                f["id"],
                f["text"],
                tuple(f["targets"]),
                str(f.get("label", "")),
                bool(f.get("required", False)),
            )
            for f in data["follow_ups"]  # type: ignore[attr-defined]
        ),
        code=CodeSnippet(code["language"], code["source"]) if code else None,  # type: ignore[index]
        sample_answers=tuple(
            SampleAnswer(s["level"], s["text"], dict(s["scores"]))
            for s in data.get("sample_answers", [])  # type: ignore[attr-defined]
        ),
        interviewer_only=bool(data.get("interviewer_only", False)),
        audience=str(data.get("audience", "both")),
        parallel_of=str(data.get("parallel_of", "")),
        lang=str(data.get("lang", "")),
    )


def plan_from_snapshot(data: Mapping[str, object]) -> Plan:
    return Plan(
        id=str(data["id"]),
        title=str(data["title"]),
        rubric_id=str(data["rubric_id"]),
        mode=str(data["mode"]),
        description=str(data["description"]),
        items=tuple(
            PlanItem(i["question_id"], i["minutes"])
            for i in data["items"]  # type: ignore[attr-defined]
        ),
        policy=policy_from_snapshot(data.get("policy")),
    )


@dataclass(frozen=True)
class LoadResult:
    """Validated content, how many files it came from, and warnings that do not stop it."""

    content: Content
    files: int
    warnings: tuple[Problem, ...] = ()
