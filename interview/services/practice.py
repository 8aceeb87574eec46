"""Practice mode: a candidate rehearses alone, checks themselves, and sees progress.

Practice attempts are ordinary sessions with mode ``practice``; the candidate is both
interviewee and scorer. Answers live in ``answers.notes`` (the follow-up answer in a
second row keyed ``<question>#follow-up``), self-ticked signals are observations with
source ``self`` and self-scores are per-question area scores. Nothing here needs a key
or a network: the follow-up comes from the offline engine (``services.followups``) and
the self-check is a keyword heuristic.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from interview.domain.models import (
    Area,
    Content,
    Plan,
    PlanItem,
    Question,
    Rubric,
    Signal,
)
from interview.domain.records import (
    Mode,
    SessionSummary,
)
from interview.services.practice_attempt import PracticeAttempt
from interview.services.practice_keys import DEFAULT_NAME, NAME_PREF, PREFERRED_RUBRIC
from interview.services.practice_progress import (
    AreaPoint,
    AreaProgress,
    MissedSignal,
    Progress,
    Suggestion,
    WeakestArea,
)
from interview.storage.repository import Repository


class Practice:
    """What there is to practise, starting attempts, and the progress made so far."""

    def __init__(self, content: Content, repo: Repository) -> None:
        self.content = content
        self.repo = repo

    # ------------------------------------------------------------ the candidate

    def candidate_name(self) -> str:
        return self.repo.get_pref(NAME_PREF).strip() or DEFAULT_NAME

    # ------------------------------------------------------------ the catalogue

    @staticmethod
    def practicable(question: Question) -> bool:
        return question.practice_allowed

    def plans(self) -> list[Plan]:
        """Practice plans first, then interview plans without their interviewer-only questions."""
        out: list[Plan] = []
        for plan in sorted(self.content.plans.values(), key=lambda p: (p.mode != "practice", p.id)):
            filtered = self._practicable_plan(plan)
            if filtered is not None:
                out.append(filtered)
        return out

    def _practicable_plan(self, plan: Plan) -> Plan | None:
        items = tuple(
            i for i in plan.items if self.practicable(self.content.questions[i.question_id])
        )
        return dataclasses.replace(plan, items=items) if items else None

    def _rubrics(self) -> list[Rubric]:
        return sorted(self.content.rubrics.values(), key=lambda r: (r.id != PREFERRED_RUBRIC, r.id))

    def questions_for_area(self, area_id: str) -> list[Question]:
        return [
            q for q in self.content.questions.values() if self.practicable(q) and area_id in q.areas
        ]

    def areas(self) -> list[Area]:
        """Every rubric area that at least one practicable question evidences."""
        seen: dict[str, Area] = {}
        for rubric in self._rubrics():
            for area in rubric.areas:
                if area.id not in seen and self.questions_for_area(area.id):
                    seen[area.id] = area
        return list(seen.values())

    def area(self, area_id: str) -> Area:
        for area in self.areas():
            if area.id == area_id:
                return area
        known = ", ".join(a.id for a in self.areas()) or "none"
        raise KeyError(f"no practicable area '{area_id}' (known: {known})")

    def _rubric_for(self, question: Question) -> Rubric:
        """A rubric holding every area the question evidences (the default one if it does),
        among the rubrics the question is written for."""
        rubrics = [r for r in self._rubrics() if question.evidences_rubric(r.id)]
        for rubric in rubrics:
            if set(question.areas) <= set(rubric.area_ids):
                return rubric
        for rubric in rubrics:
            if set(question.areas) & set(rubric.area_ids):
                return rubric
        raise KeyError(f"no rubric covers the areas of question '{question.id}'")

    # ------------------------------------------------------------ starting and resuming

    def _start(self, plan: Plan) -> PracticeAttempt:
        name = self.candidate_name()
        candidate_id = self.repo.find_or_create_candidate(name)
        session_id = self.repo.create_session(
            candidate_id=candidate_id,
            interviewer=name,
            role="",
            level="",
            plan=plan,
            content=self.content,
            mode=Mode.PRACTICE,
        )
        return PracticeAttempt(self.repo, session_id)

    def start_plan(self, plan_id: str) -> PracticeAttempt:
        plan = self.content.plans.get(plan_id)
        if plan is None:
            known = ", ".join(p.id for p in self.plans()) or "none"
            raise KeyError(f"no plan '{plan_id}' (known: {known})")
        filtered = self._practicable_plan(plan)
        if filtered is None:
            raise KeyError(f"plan '{plan_id}' has only interviewer-only questions")
        return self._start(filtered)

    def start_question(self, question_id: str, title: str = "") -> PracticeAttempt:
        question = self.content.questions.get(question_id)
        if question is None or not self.practicable(question):
            raise KeyError(f"no practicable question '{question_id}'")
        plan = Plan(
            id=f"practice-question-{question.id}",
            title=title or f"Practice: {question.title}",
            rubric_id=self._rubric_for(question).id,
            mode="practice",
            description="One question picked for practice.",
            items=(PlanItem(question.id, question.minutes),),
        )
        return self._start(plan)

    def start_area(self, area_id: str) -> PracticeAttempt:
        area = self.area(area_id)
        question = self.next_question(area.id)
        return self.start_question(question.id, title=f"Practice: {area.title}")

    def start_weakest(self) -> PracticeAttempt:
        return self.start_area(self.weakest_area().area.id)

    def open(self, session_id: str) -> PracticeAttempt:
        return PracticeAttempt(self.repo, self.repo.resolve_session_id(session_id))

    def attempts(self) -> list[SessionSummary]:
        return self.repo.list_sessions(mode=Mode.PRACTICE, limit=None)

    def unfinished(self) -> list[SessionSummary]:
        return self.repo.unfinished(mode=Mode.PRACTICE)

    # ------------------------------------------------------------ progress

    def _history(self) -> list[PracticeAttempt]:
        """Every practice attempt, oldest first."""
        summaries = sorted(self.attempts(), key=lambda s: (s.started_at, s.id))
        return [PracticeAttempt(self.repo, s.id) for s in summaries]

    def progress(self) -> Progress:
        history = self._history()
        return Progress(
            attempts=len(history),
            questions_revealed=sum(1 for a in history for _, q in a.items if a.revealed(q.id)),
            areas=self._area_progress(history),
            missed=self._missed(history),
            suggestion=self._suggest(history),
        )

    def _area_progress(self, history: Sequence[PracticeAttempt]) -> list[AreaProgress]:
        points: dict[str, list[AreaPoint]] = defaultdict(list)
        titles: dict[str, str] = {a.id: a.title for a in self.areas()}
        for attempt in history:
            for area_id, mean in attempt.area_means().items():
                points[area_id].append(AreaPoint(attempt.id, attempt.summary.started_at, mean))
                titles.setdefault(area_id, attempt.rubric.area(area_id).title)
        order = [a.id for a in self.areas()] + sorted(set(points) - {a.id for a in self.areas()})
        return [AreaProgress(a, titles[a], tuple(points.get(a, ()))) for a in order]

    def _missed(self, history: Sequence[PracticeAttempt], top: int = 8) -> list[MissedSignal]:
        """Senior signals the candidate did not tick after revealing, most often first."""
        seen: dict[tuple[str, str], int] = defaultdict(int)
        missed: dict[tuple[str, str], int] = defaultdict(int)
        about: dict[tuple[str, str], tuple[Question, Signal]] = {}
        for attempt in history:
            for _, question in attempt.items:
                if not attempt.revealed(question.id):
                    continue
                ticked = attempt.ticked(question.id)
                for signal in question.senior_signals:
                    key = (question.id, signal.id)
                    about[key] = (question, signal)
                    seen[key] += 1
                    if signal.id not in ticked:
                        missed[key] += 1
        # sorted() is stable: equals keep the order of the attempts and the bank.
        ranked = sorted(missed, key=lambda k: (-missed[k], -missed[k] / seen[k]))
        return [
            MissedSignal(k[0], about[k][0].title, about[k][1], missed[k], seen[k])
            for k in ranked[:top]
        ]

    def _recent_by_area(self, history: Sequence[PracticeAttempt]) -> dict[str, float]:
        return {p.area_id: p.recent for p in self._area_progress(history) if p.recent is not None}

    def weakest_area(self, history: Sequence[PracticeAttempt] | None = None) -> WeakestArea:
        """The practicable area with the lowest recent self-score (heaviest first if none)."""
        areas = self.areas()
        if not areas:
            raise KeyError("no practicable questions in the bank")
        history = self._history() if history is None else history
        recent = self._recent_by_area(history)
        scored = [a for a in areas if a.id in recent]
        if not scored:
            heaviest = max(areas, key=lambda a: a.weight)  # first of equals: rubric order
            return WeakestArea(
                heaviest, f"No self-scores yet: starting with {heaviest.title}, a heavy area."
            )
        weakest = min(scored, key=lambda a: (recent[a.id], -a.weight))
        return WeakestArea(
            weakest,
            f"{weakest.title} has your lowest recent self-score ({recent[weakest.id]:.1f} of 4).",
            recent[weakest.id],
        )

    def next_question(
        self, area_id: str, history: Sequence[PracticeAttempt] | None = None
    ) -> Question:
        """In this area: a question never revealed, else the one revealed longest ago."""
        questions = self.questions_for_area(area_id)
        if not questions:
            raise KeyError(f"no practicable question for area '{area_id}'")
        history = self._history() if history is None else history
        last_seen: dict[str, int] = {}
        for order, attempt in enumerate(history):
            for _, q in attempt.items:
                if attempt.revealed(q.id):
                    last_seen[q.id] = order
        # Questions that lead with the area are the most targeted practice for it.
        return min(
            questions,
            key=lambda q: (q.id in last_seen, last_seen.get(q.id, -1), q.areas[0] != area_id),
        )

    def _suggest(self, history: Sequence[PracticeAttempt]) -> Suggestion | None:
        try:
            weakest = self.weakest_area(history)
            question = self.next_question(weakest.area.id, history)
        except KeyError:
            return None
        done = any(a.revealed(question.id) for a in history)
        why = "you practised it longest ago" if done else "you have not practised it yet"
        return Suggestion(question, weakest.area, f"{weakest.reason} This question: {why}.")
