"""One practice attempt: a session in mode ``practice``, read through its content snapshot."""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from statistics import fmean

from interview.domain.matching import match_signals
from interview.domain.models import (
    Area,
    Plan,
    PlanItem,
    Question,
    Rubric,
    SampleAnswer,
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
from interview.services.followups import area_evidence, heard_signals
from interview.services.practice_checks import SignalCheck, offline_check, pick_probe
from interview.services.practice_keys import (
    COACH_FEEDBACK_EVENT,
    REVEALED_EVENT,
    SELF,
    coach_key,
    follow_up_key,
)
from interview.storage.repository import Repository


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
