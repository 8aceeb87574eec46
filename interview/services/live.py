"""The live session: one interviewer, one candidate, one plan, as the UI sees it.

Content comes from the session's stored snapshot, so a resumed or amended session is
scored against exactly the rubric and questions it started with.

Changes show in ``state`` at once. With a writer attached (the interview screen's
``AutosaveWriter``), they are written off the UI thread in order; without one (the CLI,
demo data, tests) each is written before the call returns. Pacing lives in
``services.pacing``, the writer in ``services.autosave``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
from interview.domain.records import (
    AnswerRecord,
    FollowUpRecord,
    FollowUpSource,
    Observation,
    SessionState,
    iso,
    utc_now,
)
from interview.domain.scoring import ScoreResult, score
from interview.services.autosave import AutosaveWriter, NotesJob, Op
from interview.services.pacing import Pacing
from interview.storage import leases
from interview.storage.db import StorageError
from interview.storage.repository import Repository, new_id

__all__ = ["AutosaveWriter", "Evidence", "LiveSession", "NotesJob", "Pacing"]


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
        self.writer: AutosaveWriter | None = None
        # Open elsewhere and not taken over (or taken over from here): nothing is written.
        self.read_only = False

    def settle(self, timeout: float = 10.0) -> bool:
        """Wait for the queued writes (before a write that must come after them)."""
        return self.writer is None or self.writer.flush(timeout)

    def _settled(self) -> None:
        """Before a write made here and now: the queue is written, the session still ours."""
        if not self.settle():
            raise StorageError(
                "earlier changes are still waiting for the database (another program holds "
                "its lock); try again in a moment"
            )
        lease = self.writer.lease if self.writer is not None else None
        if self.writer is not None and self.writer.lost:
            self.read_only = True
            raise leases.TakenOver("this session was taken over by another interview window")
        if lease is not None:
            leases.check(self.repo.db, lease.session_id, lease.owner)

    def _write(self, op: Op) -> None:
        """Through the writer when one is attached (queued, off the UI thread), else now.
        Open read only here (another window has it): shown here, never written."""
        if self.read_only:
            return
        if self.writer is not None:
            self.writer.run(op)
        else:
            op(self.repo)

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
        sid = self.id
        self._write(lambda r: r.set_position(sid, index, session_elapsed))
        self.state.current_index = index
        self.state.elapsed_seconds = session_elapsed

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
        sid, actor = self.id, self.actor
        self._write(
            lambda r: r.set_signal(
                sid, question_id, signal_id, str(kind), now_observed, actor=actor
            )
        )
        if self.writer is None:  # written already: read back, stored times and all
            self.state = self.repo.load_state(self.id)
            return now_observed
        record = next(
            (
                o
                for o in self.state.observations
                if o.question_id == question_id
                and o.signal_id == signal_id
                and o.source == "interviewer"
            ),
            None,
        )
        if record is None:
            self.state.observations.append(
                Observation(question_id, signal_id, str(kind), now_observed, iso(utc_now()))
            )
        else:
            record.observed = now_observed
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
        sid, actor, now = self.id, self.actor, iso(utc_now())  # on screen until read back
        if existing is None:
            # The row id is known once the queued write has run; later toggles of this
            # probe are queued after it, so they read it from the record.
            record = FollowUpRecord("", question_id, follow_up.id, follow_up.text,
                                    str(source), "", True, now, now)  # fmt: skip

            def add(r: Repository) -> None:
                record.id = r.add_followup(
                    sid,
                    question_id,
                    follow_up.text,
                    str(source),
                    follow_up_id=follow_up.id,
                    asked=True,
                    actor=actor,
                )

            self._write(add)
            if self.writer is None:
                self.state = self.repo.load_state(self.id)
            else:
                self.state.followups.append(record)
            return True
        asked = not existing.asked
        row = existing  # its id is read when the write runs (after a queued add)
        self._write(lambda r: r.set_followup_asked(row.id, asked, actor=actor))
        if self.writer is None:
            self.state = self.repo.load_state(self.id)
            return asked
        existing.asked = asked
        existing.asked_at = now if asked else None
        return asked

    def record_suggestion(
        self,
        question_id: str,
        text: str,
        source: FollowUpSource,
        follow_up_id: str = "",
        reason: str = "",
    ) -> str:
        sid, actor, row_id = self.id, self.actor, new_id()
        self._write(
            lambda r: r.add_followup(sid, question_id, text, str(source), row_id=row_id,
                                     follow_up_id=follow_up_id, reason=reason, actor=actor)
        )  # fmt: skip
        if self.writer is None:
            self.state = self.repo.load_state(self.id)
        else:
            now = iso(utc_now())
            self.state.followups.append(FollowUpRecord(
                row_id, question_id, follow_up_id, text, str(source), reason, False, now, None
            ))  # fmt: skip
        return row_id

    def mark_suggestion_asked(self, row_id: str, asked: bool = True) -> None:
        actor = self.actor
        self._write(lambda r: r.set_followup_asked(row_id, asked, actor=actor))
        if self.writer is None:
            self.state = self.repo.load_state(self.id)
            return
        for record in self.state.followups:
            if record.id == row_id:
                record.asked = asked
                record.asked_at = iso(utc_now()) if asked else None

    # ------------------------------------------------------------ scoring

    def set_score(self, area_id: str, value: int | None) -> None:
        area = self.rubric.area(area_id)  # KeyError on an unknown area
        if value is not None and not 1 <= value <= area.top:
            raise ValueError(f"{area.title} is scored 1-{area.top}, not {value}")
        sid, actor = self.id, self.actor
        self._write(lambda r: r.set_area_score(sid, area_id, value, actor=actor))
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
        sid = self.id
        self._write(lambda r: r.set_justification(sid, text))
        self.state.justification = text

    def submit(self, justification: str) -> ScoreResult:
        if not justification.strip():
            raise ValueError("write a justification before submitting")
        self._settled()
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
        self._settled()
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
        """Submitted, or open read only here: nothing may be changed from this instance."""
        return self.state.locked or self.read_only

    def log_event(self, kind: str, detail: Mapping[str, Any] | None = None) -> None:
        sid, actor, data = self.id, self.actor, dict(detail or {})
        self._write(lambda r: r.log_event(sid, kind, data, actor=actor))

    # ------------------------------------------------------------ pacing and positions

    def position_of(self, question_id: str) -> int:
        return next(i for i, (_, q) in enumerate(self.items) if q.id == question_id)

    def remember_notes(
        self, question_id: str, notes: str, question_elapsed: float, session_elapsed: float
    ) -> None:
        """Update the in-memory state for notes an ``AutosaveWriter`` is writing."""
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
