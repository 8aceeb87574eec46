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
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import fmean

from interview.domain.matching import match_signals
from interview.domain.models import (
    Area,
    Content,
    FollowUp,
    Plan,
    PlanItem,
    Question,
    Rubric,
    SampleAnswer,
    Signal,
    SignalKind,
    plan_from_snapshot,
    question_from_snapshot,
    rubric_from_snapshot,
)
from interview.domain.records import (
    AnswerRecord,
    FollowUpRecord,
    FollowUpSource,
    Mode,
    SessionState,
    SessionSummary,
    Status,
)
from interview.services.followups import area_evidence, heard_signals, rank_probes
from interview.storage.repository import Repository

NAME_PREF = "practice.name"
DEFAULT_NAME = "me"
FOLLOW_UP_KEY = "#follow-up"
COACH_KEY = "#coach"
COACH_FEEDBACK_EVENT = "practice_coach_feedback"
SELF = "self"
REVEALED_EVENT = "practice_revealed"
PREFERRED_RUBRIC = "backend"
RECENT_POINTS = 3  # the weakest area is judged on the latest few attempts only


def follow_up_key(question_id: str) -> str:
    # '#' cannot appear in a question id, so this never collides with a real question.
    return question_id + FOLLOW_UP_KEY


def coach_key(question_id: str) -> str:
    return question_id + COACH_KEY


# ------------------------------------------------------------------ offline engine


@dataclass(frozen=True, slots=True)
class Probe:
    """The follow-up chosen for an answer, and the senior signals it aims at."""

    follow_up: FollowUp
    aims_at: tuple[Signal, ...]
    reason: str


def pick_probe(
    question: Question,
    rubric: Rubric,
    answer: str,
    *,
    asked: Collection[str] = (),
    evidence: Mapping[str, int] | None = None,
) -> Probe | None:
    """The probe the offline engine ranks first for this answer: aimed at what it left out."""
    heard = heard_signals(question, answer, ())
    ranked = rank_probes(
        question, rubric, heard=heard, asked=asked, evidence=evidence or {}, limit=1
    )
    follow_up = question.find_follow_up(ranked[0].follow_up_id) if ranked else None
    if follow_up is None:
        return None
    missing = tuple(
        s for s in question.senior_signals if s.id in follow_up.targets and s.id not in heard
    )
    if missing:
        reason = "it aimed at what your answer did not mention: " + "; ".join(
            s.text for s in missing
        )
    else:
        reason = "your answer already touched what every probe targets; this one digs deeper"
    return Probe(follow_up, missing, reason)


class Verdict(StrEnum):
    BOTH_COVERED = "both_covered"
    BOTH_MISSED = "both_missed"
    TICKED_NOT_FOUND = "ticked_not_found"
    FOUND_NOT_TICKED = "found_not_ticked"
    NO_KEYWORDS = "no_keywords"

    @property
    def disagrees(self) -> bool:
        return self in (Verdict.TICKED_NOT_FOUND, Verdict.FOUND_NOT_TICKED)

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.BOTH_COVERED: "agrees: covered",
    Verdict.BOTH_MISSED: "agrees: not covered",
    Verdict.TICKED_NOT_FOUND: "disagrees: you ticked it, none of its keywords are in your answer",
    Verdict.FOUND_NOT_TICKED: "disagrees: keywords found, you did not tick it",
    Verdict.NO_KEYWORDS: "no keywords to check",
}


@dataclass(frozen=True, slots=True)
class SignalCheck:
    """One signal as the candidate ticked it and as the keyword heuristic saw it."""

    signal: Signal
    kind: SignalKind
    ticked: bool
    found: tuple[str, ...]

    @property
    def verdict(self) -> Verdict:
        if not self.signal.keywords:
            return Verdict.NO_KEYWORDS
        if self.ticked:
            return Verdict.BOTH_COVERED if self.found else Verdict.TICKED_NOT_FOUND
        return Verdict.FOUND_NOT_TICKED if self.found else Verdict.BOTH_MISSED


def offline_check(question: Question, text: str, ticked: Iterable[str] = ()) -> list[SignalCheck]:
    """Every signal of the question, senior first, with keywords found in ``text``."""
    ticked_ids = set(ticked)
    found = {
        m.signal.id: m.keywords for m in match_signals(question, text, lang=question.lang or None)
    }
    return [
        SignalCheck(signal, kind, signal.id in ticked_ids, found.get(signal.id, ()))
        for kind in SignalKind
        for signal in question.signals(kind)
    ]


# ------------------------------------------------------------------ one attempt


class Stage(StrEnum):
    ANSWER = "answer"
    FOLLOW_UP = "follow_up"
    REVEALED = "revealed"


class PracticeAttempt:
    """One practice session as the screens see it; content comes from its snapshot."""

    def __init__(self, repo: Repository, session_id: str) -> None:
        self.repo = repo
        self.id = session_id
        self.state: SessionState = repo.load_state(session_id)
        if self.state.summary.mode != Mode.PRACTICE:
            raise ValueError(f"session {session_id[:8]} is an interview, not a practice attempt")
        self.actor = self.state.summary.candidate_label
        snapshot = repo.snapshot(self.state.content_hash)
        self.rubric: Rubric = rubric_from_snapshot(snapshot["rubric"])
        self.plan: Plan = plan_from_snapshot(snapshot["plan"])
        by_id = {q["id"]: question_from_snapshot(q) for q in snapshot["questions"]}
        self.items: list[tuple[PlanItem, Question]] = [
            (item, by_id[item.question_id]) for item in self.plan.items
        ]
        self._revealed: set[str] = set()
        self._coach_feedback: dict[str, str] = {}
        for event in repo.events(session_id):
            question_id = event["detail"].get("question", "")
            if event["kind"] == REVEALED_EVENT:
                self._revealed.add(question_id)
            elif event["kind"] == COACH_FEEDBACK_EVENT:
                self._coach_feedback[question_id] = event["detail"].get("text", "")

    def reload(self) -> None:
        self.state = self.repo.load_state(self.id)

    # ------------------------------------------------------------ navigation

    @property
    def summary(self) -> SessionSummary:
        return self.state.summary

    @property
    def index(self) -> int:
        return self.state.current_index

    @property
    def question(self) -> Question:
        return self.items[self.index][1]

    @property
    def is_last(self) -> bool:
        return self.index >= len(self.items) - 1

    def budget_seconds(self, index: int | None = None) -> int:
        return self.items[self.index if index is None else index][0].minutes * 60

    def goto(self, index: int) -> None:
        index = max(0, min(index, len(self.items) - 1))
        self.state.current_index = index
        self.repo.set_position(self.id, index, self.total_elapsed())

    def question_by_id(self, question_id: str) -> Question:
        return next(q for _, q in self.items if q.id == question_id)

    def _position(self, question_id: str) -> int:
        return next(i for i, (_, q) in enumerate(self.items) if q.id == question_id)

    # ------------------------------------------------------------ answers and clocks

    def answer(self, question_id: str) -> str:
        record = self.state.answers.get(question_id)
        return record.notes if record else ""

    def follow_up_answer(self, question_id: str) -> str:
        record = self.state.answers.get(follow_up_key(question_id))
        return record.notes if record else ""

    def full_answer(self, question_id: str) -> str:
        """Everything the candidate wrote for the question (what the self-check reads)."""
        parts = (
            self.answer(question_id),
            self.follow_up_answer(question_id),
            self.coach_answer(question_id),
        )
        return "\n\n".join(t for t in parts if t.strip())

    def elapsed(self, question_id: str) -> float:
        """The question's clock (kept on its answer row; older data split it with the reply)."""
        keys = (question_id, follow_up_key(question_id))
        return sum(r.elapsed_seconds for k in keys if (r := self.state.answers.get(k)))

    def total_elapsed(self) -> float:
        return sum(self.elapsed(q.id) for _, q in self.items)

    def save_answer(self, question_id: str, text: str, elapsed: float) -> None:
        self._save(question_id, question_id, text, elapsed)

    def save_follow_up_answer(self, question_id: str, text: str, elapsed: float) -> None:
        """The follow-up answer; the clock of the question itself is kept in its own row."""
        self._save(question_id, follow_up_key(question_id), text, 0.0)
        self._save(question_id, question_id, self.answer(question_id), elapsed)

    def _save(self, question_id: str, key: str, text: str, elapsed: float) -> None:
        position = self._position(question_id)
        self.repo.save_answer(self.id, key, position, text, elapsed)
        self.state.answers[key] = AnswerRecord(key, position, text, elapsed, self.repo.now())

    # ------------------------------------------------------------ follow-up

    def follow_up(self, question_id: str) -> FollowUpRecord | None:
        """The offline engine's probe for this question, once asked."""
        return next(
            (
                f
                for f in self.state.followups
                if f.question_id == question_id and f.asked and f.source != FollowUpSource.LLM
            ),
            None,
        )

    def ask_follow_up(self, question_id: str) -> FollowUpRecord | None:
        """Pick (once) the probe aimed at what the answer left out, and record it as asked."""
        existing = self.follow_up(question_id)
        if existing is not None:
            return existing
        heard = {q.id: heard_signals(q, self.full_answer(q.id), ()) for _, q in self.items}
        probe = pick_probe(
            self.question_by_id(question_id),
            self.rubric,
            self.answer(question_id),
            evidence=area_evidence((q for _, q in self.items), heard),
        )
        if probe is None:
            return None
        self.repo.add_followup(
            self.id,
            question_id,
            probe.follow_up.text,
            str(FollowUpSource.OFFLINE),
            follow_up_id=probe.follow_up.id,
            reason=probe.reason,
            asked=True,
            actor=self.actor,
        )
        self.reload()
        return self.follow_up(question_id)

    # ------------------------------------------------------------ optional LLM coach

    def coach_questions(self, question_id: str) -> list[FollowUpRecord]:
        return [
            f
            for f in self.state.followups
            if f.question_id == question_id and f.source == FollowUpSource.LLM
        ]

    def add_coach_questions(self, question_id: str, questions: list[tuple[str, str]]) -> None:
        for text, reason in questions:
            self.repo.add_followup(
                self.id, question_id, text, str(FollowUpSource.LLM), reason=reason, asked=True,
                actor=self.actor,
            )  # fmt: skip
        self.reload()

    def coach_answer(self, question_id: str) -> str:
        record = self.state.answers.get(coach_key(question_id))
        return record.notes if record else ""

    def save_coach_answer(self, question_id: str, text: str) -> None:
        self._save(question_id, coach_key(question_id), text, 0.0)

    def coach_feedback(self, question_id: str) -> str:
        return self._coach_feedback.get(question_id, "")

    def add_coach_feedback(self, question_id: str, text: str, model: str) -> None:
        # Kept in the append-only event log: feedback is an output, never edited.
        detail = {"question": question_id, "text": text, "model": model}
        self.repo.log_event(self.id, COACH_FEEDBACK_EVENT, detail, self.actor)
        self._coach_feedback[question_id] = text

    # ------------------------------------------------------------ reveal and self-check

    def stage(self, question_id: str) -> Stage:
        if self.revealed(question_id):
            return Stage.REVEALED
        if self.follow_up(question_id) is not None:
            return Stage.FOLLOW_UP
        return Stage.ANSWER

    def reveal(self, question_id: str) -> None:
        if question_id in self._revealed:
            return
        question = self.question_by_id(question_id)
        answer = self.full_answer(question_id)
        found = sorted(
            m.signal.id for m in match_signals(question, answer, lang=question.lang or None)
        )
        self.repo.log_event(
            self.id, REVEALED_EVENT, {"question": question_id, "keywords_found": found}, self.actor
        )
        self._revealed.add(question_id)

    def revealed(self, question_id: str) -> bool:
        """Revealed in the app, or self-checked (ticks and scores only follow a reveal)."""
        return (
            question_id in self._revealed
            or bool(self.ticked(question_id))
            or bool(self.self_scores(question_id))
        )

    def ticked(self, question_id: str) -> set[str]:
        return self.state.observed(question_id, source=SELF)

    def toggle_tick(self, question_id: str, signal_id: str) -> bool:
        found = self.question_by_id(question_id).find_signal(signal_id)
        if found is None:
            raise KeyError(signal_id)
        kind, _ = found
        now_ticked = signal_id not in self.ticked(question_id)
        self.repo.set_signal(
            self.id, question_id, signal_id, str(kind), now_ticked, actor=self.actor, source=SELF
        )
        self.reload()
        return now_ticked

    def check(self, question_id: str) -> list[SignalCheck]:
        question = self.question_by_id(question_id)
        return offline_check(question, self.full_answer(question_id), self.ticked(question_id))

    def senior_sample(self, question_id: str) -> SampleAnswer | None:
        samples = self.question_by_id(question_id).sample_answers
        return next((s for s in samples if s.level == "senior"), None)

    # ------------------------------------------------------------ self-scores

    def score_areas(self, question_id: str) -> list[Area]:
        """The rubric areas this question evidences, in rubric order."""
        wanted = set(self.question_by_id(question_id).areas)
        return [a for a in self.rubric.areas if a.id in wanted]

    def self_scores(self, question_id: str) -> dict[str, int]:
        return {a: s for (q, a), s in self.state.question_scores.items() if q == question_id}

    def set_self_score(self, question_id: str, area_id: str, score: int | None) -> None:
        if area_id not in {a.id for a in self.score_areas(question_id)}:
            raise KeyError(area_id)
        self.repo.set_area_score(self.id, area_id, score, question_id=question_id, actor=self.actor)
        key = (question_id, area_id)
        if score is None:
            self.state.question_scores.pop(key, None)
        else:
            self.state.question_scores[key] = score

    def area_means(self) -> dict[str, float]:
        """Per area, the mean of this attempt's self-scores."""
        scores: dict[str, list[int]] = defaultdict(list)
        for (_, area_id), value in self.state.question_scores.items():
            scores[area_id].append(value)
        return {a: fmean(v) for a, v in scores.items()}

    # ------------------------------------------------------------ finishing

    @property
    def finished(self) -> bool:
        return self.state.summary.status == Status.SUBMITTED

    def finish(self) -> None:
        """Mark the attempt done; it stays editable (self-ticks and scores are not locked)."""
        if self.finished:
            return
        from interview.domain.scoring import score

        means = self.area_means()
        result = score(self.rubric, dict(means))
        self.repo.submit(
            self.id, justification="", weighted_score=result.weighted, recommendation=None,
            actor=self.actor,
        )  # fmt: skip
        self.reload()


# ------------------------------------------------------------------ progress


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
