"""The live session: one interviewer, one candidate, one plan, as the UI sees it.

Content comes from the session's stored snapshot, so a resumed or amended session is
scored against exactly the rubric and questions it started with.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from interview.domain.evidence import ticked_texts
from interview.domain.models import (
    FollowUp,
    Plan,
    PlanItem,
    Question,
    Rubric,
    SignalKind,
    plan_from_snapshot,
    question_from_snapshot,
    rubric_from_snapshot,
)
from interview.domain.records import FollowUpSource, SessionState
from interview.domain.scoring import ScoreResult, score
from interview.storage.repository import Repository


@dataclass(frozen=True, slots=True)
class Evidence:
    question_id: str
    question_title: str
    senior: tuple[str, ...]
    junior: tuple[str, ...]
    notes: str

    @property
    def empty(self) -> bool:
        return not (self.senior or self.junior or self.notes.strip())


class LiveSession:
    def __init__(self, repo: Repository, session_id: str, actor: str = "") -> None:
        self.repo = repo
        self.id = session_id
        self.state: SessionState = repo.load_state(session_id)
        self.actor = actor or self.state.summary.interviewer
        snapshot = repo.snapshot(self.state.content_hash)
        self.rubric: Rubric = rubric_from_snapshot(snapshot["rubric"])
        self.plan: Plan = plan_from_snapshot(snapshot["plan"])
        by_id = {q["id"]: question_from_snapshot(q) for q in snapshot["questions"]}
        self.items: list[tuple[PlanItem, Question]] = [
            (item, by_id[item.question_id]) for item in self.plan.items
        ]

    # ------------------------------------------------------------ navigation

    @property
    def index(self) -> int:
        return self.state.current_index

    @property
    def question(self) -> Question:
        return self.items[self.index][1]

    def budget_seconds(self, index: int | None = None) -> int:
        return self.items[self.index if index is None else index][0].minutes * 60

    def goto(self, index: int, session_elapsed: float) -> None:
        index = max(0, min(index, len(self.items) - 1))
        self.state.current_index = index
        self.state.elapsed_seconds = session_elapsed
        self.repo.set_position(self.id, index, session_elapsed)

    # ------------------------------------------------------------ notes and clocks

    def notes(self, question_id: str) -> str:
        answer = self.state.answers.get(question_id)
        return answer.notes if answer else ""

    def question_elapsed(self, question_id: str) -> float:
        answer = self.state.answers.get(question_id)
        return answer.elapsed_seconds if answer else 0.0

    def save_notes(
        self, question_id: str, notes: str, question_elapsed: float, session_elapsed: float
    ) -> None:
        from interview.domain.records import AnswerRecord

        position = next(i for i, (_, q) in enumerate(self.items) if q.id == question_id)
        self.repo.save_answer(
            self.id, question_id, position, notes, question_elapsed, session_elapsed
        )
        self.state.answers[question_id] = AnswerRecord(
            question_id, position, notes, question_elapsed, self.repo.now()
        )
        self.state.elapsed_seconds = session_elapsed

    # ------------------------------------------------------------ signals

    def observed(self, question_id: str) -> set[str]:
        return self.state.observed(question_id)

    def toggle_signal(self, question_id: str, signal_id: str) -> bool:
        question = next(q for _, q in self.items if q.id == question_id)
        found = question.find_signal(signal_id)
        if found is None:
            raise KeyError(signal_id)
        kind, _ = found
        now_observed = signal_id not in self.observed(question_id)
        self.repo.set_signal(
            self.id, question_id, signal_id, str(kind), now_observed, actor=self.actor
        )
        self.state = self.repo.load_state(self.id)
        return now_observed

    # ------------------------------------------------------------ follow-ups

    def asked_follow_ups(self, question_id: str) -> set[str]:
        return {
            f.follow_up_id
            for f in self.state.followups
            if f.question_id == question_id and f.asked and f.follow_up_id
        }

    def toggle_follow_up(
        self, question_id: str, follow_up: FollowUp, source: FollowUpSource = FollowUpSource.BANK
    ) -> bool:
        """Mark a bank probe as asked (or un-mark it). Returns the new state."""
        existing = next(
            (
                f
                for f in self.state.followups
                if f.question_id == question_id and f.follow_up_id == follow_up.id
            ),
            None,
        )
        if existing is None:
            self.repo.add_followup(
                self.id,
                question_id,
                follow_up.text,
                str(source),
                follow_up_id=follow_up.id,
                asked=True,
                actor=self.actor,
            )
            asked = True
        else:
            asked = not existing.asked
            self.repo.set_followup_asked(existing.id, asked, actor=self.actor)
        self.state = self.repo.load_state(self.id)
        return asked

    def record_suggestion(
        self,
        question_id: str,
        text: str,
        source: FollowUpSource,
        follow_up_id: str = "",
        reason: str = "",
    ) -> str:
        row_id = self.repo.add_followup(
            self.id,
            question_id,
            text,
            str(source),
            follow_up_id=follow_up_id,
            reason=reason,
            actor=self.actor,
        )
        self.state = self.repo.load_state(self.id)
        return row_id

    def mark_suggestion_asked(self, row_id: str, asked: bool = True) -> None:
        self.repo.set_followup_asked(row_id, asked, actor=self.actor)
        self.state = self.repo.load_state(self.id)

    # ------------------------------------------------------------ scoring

    def set_score(self, area_id: str, value: int | None) -> None:
        area = self.rubric.area(area_id)  # KeyError on an unknown area
        if value is not None and not 1 <= value <= area.top:
            raise ValueError(f"{area.title} is scored 1-{area.top}, not {value}")
        self.repo.set_area_score(self.id, area_id, value, actor=self.actor)
        if value is None:
            self.state.scores.pop(area_id, None)
        else:
            self.state.scores[area_id] = value

    def result(self, scores: dict[str, int | None] | None = None) -> ScoreResult:
        return score(self.rubric, dict(self.state.scores) if scores is None else scores)

    def evidence(self, area_id: str) -> list[Evidence]:
        """Notes from the questions tagged with this area, and their ticked signals that
        evidence it (a signal naming its areas is listed under those only)."""
        out: list[Evidence] = []
        for _, question in self.items:
            if area_id not in question.areas:
                continue
            observed = self.observed(question.id)
            out.append(
                Evidence(
                    question_id=question.id,
                    question_title=question.title,
                    senior=ticked_texts(question, SignalKind.SENIOR, observed, area_id),
                    junior=ticked_texts(question, SignalKind.JUNIOR, observed, area_id),
                    notes=self.notes(question.id),
                )
            )
        return out

    def areas_without_evidence(self) -> list[str]:
        return [a.id for a in self.rubric.areas if all(e.empty for e in self.evidence(a.id))]

    def set_justification(self, text: str) -> None:
        self.repo.set_justification(self.id, text)
        self.state.justification = text

    def submit(self, justification: str) -> ScoreResult:
        if not justification.strip():
            raise ValueError("write a justification before submitting")
        result = self.result()
        self.repo.submit(
            self.id,
            justification=justification.strip(),
            weighted_score=result.weighted,
            recommendation=str(result.recommendation) if result.recommendation else None,
            actor=self.actor,
        )
        self.state = self.repo.load_state(self.id)
        return result

    def amend(
        self, reason: str, scores: dict[str, int | None], justification: str | None = None
    ) -> ScoreResult:
        merged = {**self.state.scores, **scores}
        result = self.result(merged)
        self.repo.amend(
            self.id,
            reason=reason,
            scores=scores,
            justification=justification,
            weighted_score=result.weighted,
            recommendation=str(result.recommendation) if result.recommendation else None,
            actor=self.actor,
        )
        self.state = self.repo.load_state(self.id)
        return result

    @property
    def locked(self) -> bool:
        return self.state.locked

    # ------------------------------------------------------------ pacing and positions

    def position_of(self, question_id: str) -> int:
        return next(i for i, (_, q) in enumerate(self.items) if q.id == question_id)

    def remember_notes(
        self, question_id: str, notes: str, question_elapsed: float, session_elapsed: float
    ) -> None:
        """Update the in-memory state for notes an ``AutosaveWriter`` is writing."""
        from interview.domain.records import AnswerRecord

        self.state.answers[question_id] = AnswerRecord(
            question_id, self.position_of(question_id), notes, question_elapsed, self.repo.now()
        )
        self.state.elapsed_seconds = session_elapsed

    def started(self, question_id: str) -> bool:
        """True once the question has notes, time on the clock, signals or probes."""
        answer = self.state.answers.get(question_id)
        if answer and (answer.notes.strip() or answer.elapsed_seconds >= 1):
            return True
        if self.observed(question_id):
            return True
        return any(f.question_id == question_id and f.asked for f in self.state.followups)

    def pacing(self, session_elapsed: float, question_elapsed: float) -> Pacing:
        """Budget still needed (rest of this question plus untouched ones) vs time left."""
        current = self.question.id
        needed = max(0.0, self.budget_seconds() - question_elapsed)
        left = 1
        for i, (_, q) in enumerate(self.items):
            if q.id != current and self.question_elapsed(q.id) < 1 and not self.started(q.id):
                needed += self.budget_seconds(i)
                left += 1
        return Pacing(
            plan_seconds=self.plan.total_minutes * 60,
            session_elapsed=session_elapsed,
            needed=needed,
            questions_left=left,
        )


@dataclass(frozen=True, slots=True)
class Pacing:
    plan_seconds: int
    session_elapsed: float
    needed: float  # budgeted seconds for what is still to do
    questions_left: int

    @property
    def time_left(self) -> float:
        return self.plan_seconds - self.session_elapsed

    @property
    def behind(self) -> float:
        """Seconds over plan if the rest runs to budget (negative: ahead)."""
        return self.needed - self.time_left

    def hint(self) -> str:
        minutes = round(abs(self.behind) / 60)
        left = max(0, round(self.time_left / 60))
        plural = "s" if self.questions_left != 1 else ""
        rest = f"{left} min left for {self.questions_left} question{plural}"
        if self.time_left <= 0:
            return f"over time by {round(-self.time_left / 60)} min · wrap up"
        if minutes < 2:
            return f"on pace · {rest}"
        if self.behind > 0:
            return f"{minutes} min behind · {rest} · keep probes short"
        return f"{minutes} min ahead · {rest}"


@dataclass(frozen=True, slots=True)
class NotesJob:
    session_id: str
    question_id: str
    position: int
    notes: str
    question_elapsed: float
    session_elapsed: float


class AutosaveWriter:
    """Writes notes off the UI thread, on its own connection; the newest text wins.

    Typing never waits for the disk or for another process holding the write lock.
    A failed write is kept and retried, so nothing typed is dropped. With an
    in-memory database (tests) it writes at once on the caller's thread.
    """

    RETRY_SECONDS = 0.5

    def __init__(
        self,
        repo: Repository,
        db_path: object = None,
        *,
        on_saved: Callable[[NotesJob], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._repo = repo
        self._path = db_path
        self._on_saved = on_saved
        self._on_error = on_error
        self._pending: dict[tuple[str, str], NotesJob] = {}
        self._busy = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, job: NotesJob) -> None:
        if self._path is None:
            self._write(self._repo, job)
            return
        with self._cond:
            if self._closed:
                raise RuntimeError("autosave writer is closed")
            self._pending[(job.session_id, job.question_id)] = job
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="interview-autosave", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def _write(self, repo: Repository, job: NotesJob) -> None:
        repo.save_answer(
            job.session_id,
            job.question_id,
            job.position,
            job.notes,
            job.question_elapsed,
            job.session_elapsed,
        )
        if self._on_saved is not None:
            self._on_saved(job)

    def _run(self) -> None:
        from pathlib import Path

        from interview.storage.db import open_db

        repo: Repository | None = None
        while True:
            with self._cond:
                while not self._pending and not self._closed:
                    self._cond.wait()
                if not self._pending and self._closed:
                    break
                jobs = list(self._pending.values())
                self._pending.clear()
                self._busy = True
            failed: list[NotesJob] = []
            for job in jobs:
                try:
                    if repo is None:
                        db = open_db(Path(str(self._path)), migrate=False)
                        repo = Repository(db, clock=self._repo.clock)
                    self._write(repo, job)
                except Exception as exc:  # kept and retried: a typed note is never dropped
                    failed.append(job)
                    if self._on_error is not None:
                        self._on_error(exc)
            with self._cond:
                for job in failed:
                    self._pending.setdefault((job.session_id, job.question_id), job)
                self._busy = False
                self._cond.notify_all()
                if failed and not self._closed:
                    self._cond.wait(self.RETRY_SECONDS)
                elif failed:
                    break
        if repo is not None:
            repo.db.conn.close()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every submitted note is written; False if that took too long."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending or self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._thread is None:
                    return not (self._pending or self._busy)
                self._cond.wait(remaining)
        return True

    @property
    def idle(self) -> bool:
        with self._cond:
            return not (self._pending or self._busy)

    def close(self, timeout: float = 5.0) -> bool:
        saved = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
        return saved
