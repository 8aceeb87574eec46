"""The hiring panel: every interviewer's scorecard for a candidate side by side.

Blind mode keeps an interviewer who has not submitted from seeing the others' scores,
because the first opinion heard anchors the rest; a panel lead may override, and the
override is written to the event log. The view's data and rules live in
``panel_model``, the ranking of many candidates in ``ranking``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview.domain.evidence import ticked_texts
from interview.domain.models import (
    Question,
    SignalKind,
    plan_from_snapshot,
    question_from_snapshot,
    rubric_from_snapshot,
)
from interview.services.panel_common import (
    DISAGREEMENT,
    OVERRIDE_EVENT,
    REC_ORDER,
    CandidateRef,
    rec_label,
    record_override,
)
from interview.services.panel_model import (
    Access,
    AgendaItem,
    AreaRow,
    PanelError,
    PanelView,
    Rater,
    build_agenda,
    combine,
)
from interview.services.ranking import SORT_KEYS, RankedCandidate, Ranking, rank_candidates
from interview.storage import panel_queries as q
from interview.storage.db import open_db
from interview.storage.repository import Repository

if TYPE_CHECKING:
    from interview.services import debrief
    from interview.services.live import Evidence

__all__ = [
    "DISAGREEMENT",
    "OVERRIDE_EVENT",
    "REC_ORDER",
    "SORT_KEYS",
    "Access",
    "AgendaItem",
    "AreaRow",
    "CandidateRef",
    "PanelError",
    "PanelService",
    "PanelView",
    "RankedCandidate",
    "Ranking",
    "Rater",
    "build_agenda",
    "combine",
    "reading",
    "rec_label",
]


@contextmanager
def reading(repo: Repository, db_path: Path | None) -> Iterator[Repository]:
    """A repository for a worker thread: its own read-only connection to a file database,
    so a long query never shares a connection with the UI's writes."""
    if db_path is None:
        yield repo
        return
    db = open_db(db_path, readonly=True)
    try:
        yield Repository(db, clock=repo.clock)
    finally:
        db.conn.close()


class PanelService:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.db = repo.db

    # ------------------------------------------------------------ candidates

    def find_candidate(self, query: str) -> CandidateRef:
        if not query.strip():
            raise PanelError("name a candidate (name, code or id)")
        rows = q.find_candidates(self.db, query)
        if not rows:
            raise PanelError(f"no candidate with interview sessions matches {query!r}")
        best = [r for r in rows if r["rank"] == rows[0]["rank"]]
        if len(best) > 1:
            names = "; ".join(CandidateRef(r["id"], r["name"], r["code"]).label for r in best[:5])
            raise PanelError(f"{query!r} matches several candidates ({names}); be more specific")
        r = best[0]
        return CandidateRef(r["id"], r["name"], r["code"])

    # ------------------------------------------------------------ blind mode

    def access(self, candidate_id: str, viewer: str, *, lead: bool = False) -> Access:
        """Whether ``viewer`` may see the other interviewers' scores for this candidate."""
        if lead:
            return Access(True, "panel lead override", override=True)
        name = viewer.strip().casefold()
        sessions = q.candidate_sessions(self.db, candidate_id)
        mine = [s for s in sessions if s["interviewer"].strip().casefold() == name] if name else []
        if any(s["status"] == "submitted" for s in mine):
            return Access(True)
        if not any(s["status"] == "submitted" for s in sessions):
            return Access(True, "no scorecard is submitted yet: there is nothing to hide")
        why = "so their ratings cannot anchor yours (blind until submitted)"
        if not name:
            return Access(
                False,
                "Set your interviewer name first: scores stay hidden from anyone who has "
                f"not submitted a scorecard for this candidate, {why}.",
            )
        if mine:
            return Access(
                False,
                f"{viewer}, your scorecard for this candidate is not submitted yet. Submit it to "
                f"see the other interviewers' scores: they stay hidden {why}.",
            )
        return Access(
            False,
            f"{viewer}, you have not submitted a scorecard for this candidate. The other "
            f"interviewers' scores stay hidden {why}.",
        )

    def record_override(
        self, viewer: str, candidate: CandidateRef | None = None, scope: str = "candidate"
    ) -> None:
        """The panel lead chose to see scores blind mode would hide: keep a trace."""
        record_override(self.repo, viewer, candidate, scope)

    # ------------------------------------------------------------ one candidate

    def view(self, candidate: CandidateRef) -> PanelView:
        sessions = q.candidate_sessions(self.db, candidate.id)
        if not sessions:
            raise PanelError(f"{candidate.label} has no interview sessions")
        # Columns in name order: stable whoever submitted first.
        all_raters = sorted(
            (_rater(s) for s in sessions),
            key=lambda r: (r.interviewer.casefold(), r.submitted_at or "", r.session_id),
        )
        raters = [r for r in all_raters if r.submitted]
        pending = [r for r in all_raters if not r.submitted]
        ids = [r.session_id for r in raters]
        snaps = q.snapshots(self.db, {s["content_hash"] for s in sessions})
        hash_of = {s["id"]: s["content_hash"] for s in sessions}
        basis = next((s for s in reversed(sessions) if s["status"] == "submitted"), sessions[-1])
        rubric = rubric_from_snapshot(snaps[basis["content_hash"]]["rubric"])
        scores: dict[tuple[str, str], int] = {
            (r["session_id"], r["area_id"]): r["score"] for r in q.session_area_scores(self.db, ids)
        }
        extra = sorted({a for _, a in scores} - set(rubric.area_ids))
        rows = [
            AreaRow(a.id, a.title, a.weight, tuple(scores.get((sid, a.id)) for sid in ids))
            for a in rubric.areas
        ] + [AreaRow(a, a, 0, tuple(scores.get((sid, a)) for sid in ids)) for a in extra]
        evidence = self._evidence(ids, hash_of, snaps, rubric.area_ids)
        # One candidate's view only: the ranked list of thousands never imports these.
        from interview.services import debrief

        facts = debrief.panel_facts(self.db, candidate.id, sessions, self.repo.clock())
        return PanelView(
            candidate=candidate,
            rubric=rubric,
            raters=raters,
            pending=pending,
            rows=rows,
            combined=combine(rubric, rows),
            agenda=build_agenda(raters, rows),
            evidence=evidence,
            missing=facts.missing,
            decision=facts.decision,
            sample=facts.sample,
        )

    def _evidence(
        self,
        ids: list[str],
        hash_of: Mapping[str, str],
        snaps: Mapping[str, Mapping[str, Any]],
        area_ids: Sequence[str],
    ) -> dict[tuple[str, str], list[Evidence]]:
        from interview.services.live import Evidence

        notes = {
            (r["session_id"], r["question_id"]): r["notes"] for r in q.session_answers(self.db, ids)
        }
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in q.session_observations(self.db, ids):
            seen[(r["session_id"], r["question_id"])].add(r["signal_id"])
        questions: dict[str, list[Question]] = {}
        for h, snap in snaps.items():
            by_id = {d["id"]: question_from_snapshot(d) for d in snap["questions"]}
            plan = plan_from_snapshot(snap["plan"])
            questions[h] = [by_id[i.question_id] for i in plan.items if i.question_id in by_id]
        out: dict[tuple[str, str], list[Evidence]] = {}
        for sid in ids:
            for area in area_ids:
                items = []
                for question in questions[hash_of[sid]]:
                    if area not in question.areas:
                        continue
                    observed = seen.get((sid, question.id), set())
                    items.append(
                        Evidence(
                            question_id=question.id,
                            question_title=question.title,
                            senior=ticked_texts(question, SignalKind.SENIOR, observed, area),
                            junior=ticked_texts(question, SignalKind.JUNIOR, observed, area),
                            notes=notes.get((sid, question.id), ""),
                        )
                    )
                out[(sid, area)] = items
        return out

    def debrief_facts(self, candidate: CandidateRef) -> debrief.PanelFacts:
        """Who is missing, the decision and the sample flag, without any scores (what a
        blind viewer may be shown is decided by the caller)."""
        from interview.services import debrief

        sessions = q.candidate_sessions(self.db, candidate.id)
        return debrief.panel_facts(self.db, candidate.id, sessions, self.repo.clock())

    # ------------------------------------------------------------ many candidates

    def ranking(self, role: str = "", viewer: str | None = None) -> Ranking:
        """Every candidate with a submitted scorecard, ranked by combined score.

        Three statements whatever the number of candidates. With ``viewer`` set, candidates
        that viewer has not submitted a scorecard for are marked hidden (blind mode).
        """
        return rank_candidates(self.db, role, viewer)


def _rater(s: Mapping[str, Any]) -> Rater:
    return Rater(
        session_id=s["id"],
        interviewer=s["interviewer"],
        status=s["status"],
        role=s["role"],
        plan_title=s["plan_title"],
        submitted_at=s["submitted_at"],
        weighted_score=s["weighted_score"],
        recommendation=s["recommendation"],
        justification=s["justification"],
        revision=s["revision"],
    )
