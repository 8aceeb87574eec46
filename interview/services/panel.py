"""The hiring panel: every interviewer's scorecard for a candidate side by side.

Combined scores are by formula: the mean of each area across interviewers, then the
rubric's weights (``domain.scoring.score`` accepts the fractional means). Blind mode
keeps an interviewer who has not submitted from seeing the others' scores, because
the first opinion heard anchors the rest; a panel lead may override, and the
override is written to the event log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean as mean
from typing import Any

from interview.domain.models import (
    Question,
    Rubric,
    SignalKind,
    plan_from_snapshot,
    question_from_snapshot,
    rubric_from_snapshot,
)
from interview.domain.scoring import Recommendation, ScoreResult, score
from interview.services.live import Evidence
from interview.storage import panel_queries as q
from interview.storage.db import open_db
from interview.storage.repository import Repository

DISAGREEMENT = 2  # points of spread on the 1-4 scale that the panel must discuss
REC_ORDER = {r.value: i for i, r in enumerate(Recommendation)}
OVERRIDE_EVENT = "panel_lead_override"


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


class PanelError(LookupError):
    """No such candidate, or an ambiguous name; the message says what to type instead."""


@dataclass(frozen=True, slots=True)
class CandidateRef:
    id: str
    name: str
    code: str

    @property
    def label(self) -> str:
        if self.name and self.code:
            return f"{self.name} ({self.code})"
        return self.name or self.code or self.id[:8]


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


def _label(rec: str | None) -> str:
    return Recommendation(rec).label if rec in REC_ORDER else "—"


def build_agenda(raters: Sequence[Rater], rows: Sequence[AreaRow]) -> list[AgendaItem]:
    """What the debrief should discuss, largest disagreement first."""
    items: list[tuple[int, int, int, AgendaItem]] = []
    recs = [(r, r.recommendation) for r in raters if r.recommendation in REC_ORDER]
    if len(recs) >= 2 and len({rec for _, rec in recs}) > 1:
        ranks = [REC_ORDER[rec] for _, rec in recs if rec]
        spread = max(ranks) - min(ranks)
        who = ", ".join(f"{r.label} {_label(rec)}" for r, rec in recs)
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
    return score(rubric, {row.area_id: row.mean for row in rows})


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
        detail = {"scope": scope}
        if candidate is not None:
            detail.update(candidate_id=candidate.id, candidate=candidate.label)
        self.repo.log_event(None, OVERRIDE_EVENT, detail, actor=viewer)

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
        return PanelView(
            candidate=candidate,
            rubric=rubric,
            raters=raters,
            pending=pending,
            rows=rows,
            combined=combine(rubric, rows),
            agenda=build_agenda(raters, rows),
            evidence=evidence,
        )

    def _evidence(
        self,
        ids: list[str],
        hash_of: Mapping[str, str],
        snaps: Mapping[str, Mapping[str, Any]],
        area_ids: Sequence[str],
    ) -> dict[tuple[str, str], list[Evidence]]:
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
                            senior=tuple(
                                s.text
                                for s in question.signals(SignalKind.SENIOR)
                                if s.id in observed
                            ),
                            junior=tuple(
                                s.text
                                for s in question.signals(SignalKind.JUNIOR)
                                if s.id in observed
                            ),
                            notes=notes.get((sid, question.id), ""),
                        )
                    )
                out[(sid, area)] = items
        return out

    # ------------------------------------------------------------ many candidates

    def ranking(self, role: str = "", viewer: str | None = None) -> Ranking:
        """Every candidate with a submitted scorecard, ranked by combined score.

        Two queries whatever the number of candidates. With ``viewer`` set, candidates
        that viewer has not submitted a scorecard for are marked hidden (blind mode).
        """
        rows = q.scorecard_scores(self.db, role)
        rubric_data = q.rubrics(self.db, role)
        return build_ranking(rows, rubric_data, viewer)


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


# ---------------------------------------------------------------------------- ranking


@dataclass(frozen=True)
class RankedCandidate:
    candidate: CandidateRef
    roles: tuple[str, ...]
    interviewers: tuple[str, ...]
    scorecards: int
    area_means: dict[str, float]
    area_spreads: dict[str, int]
    combined: float | None
    recommendation: str | None
    recommendations: tuple[str, ...]
    hidden: bool = False

    @property
    def max_spread(self) -> int:
        return max(self.area_spreads.values(), default=0)

    @property
    def disagreements(self) -> int:
        return sum(1 for s in self.area_spreads.values() if s >= DISAGREEMENT)

    @property
    def recommendation_label(self) -> str:
        return _label(self.recommendation)


SORT_KEYS = ("combined", "name", "scorecards", "disagreement")


@dataclass
class Ranking:
    rubric: Rubric | None
    rows: list[RankedCandidate]

    @property
    def area_ids(self) -> tuple[str, ...]:
        return self.rubric.area_ids if self.rubric else ()

    def area_title(self, area_id: str) -> str:
        if self.rubric and area_id in self.rubric.area_ids:
            return self.rubric.area(area_id).title
        return area_id

    def filtered(
        self,
        *,
        text: str = "",
        min_score: float | None = None,
        recommendation: str = "",
        sort: str = "combined",
        descending: bool = True,
    ) -> list[RankedCandidate]:
        """Rows matching the filters, sorted by ``sort`` (a SORT_KEYS entry or an area id)."""
        needle = text.strip().casefold()
        rows = [
            r
            for r in self.rows
            if (not needle or needle in r.candidate.label.casefold()
                or any(needle in i.casefold() for i in r.interviewers))
            and (min_score is None or (not r.hidden and (r.combined or 0) >= min_score))
            and (not recommendation or (not r.hidden and r.recommendation == recommendation))
        ]  # fmt: skip
        if sort == "name":
            return sorted(rows, key=lambda r: r.candidate.label.casefold(), reverse=descending)

        def key(r: RankedCandidate) -> tuple[int, float]:
            if r.hidden:
                value = None
            elif sort == "combined":
                value = r.combined
            elif sort == "scorecards":
                value = float(r.scorecards)
            elif sort == "disagreement":
                value = float(r.max_spread) + r.disagreements / 100
            else:
                value = r.area_means.get(sort)
            # Unknown values sort last whichever the direction.
            if value is None:
                return (1, 0.0)
            return (0, -value if descending else value)

        return sorted(rows, key=lambda r: (*key(r), r.candidate.label.casefold()))


def build_ranking(
    rows: Sequence[Mapping[str, Any]],
    rubric_data: Mapping[str, Mapping[str, Any]],
    viewer: str | None = None,
) -> Ranking:
    rubrics = {h: rubric_from_snapshot(d) for h, d in rubric_data.items()}
    by_candidate: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_candidate[row["candidate_id"]].append(row)
    # Columns follow the rubric most scorecards used.
    usage: dict[str, int] = defaultdict(int)
    for row in rows:
        usage[row["content_hash"]] += 1
    main = rubrics[max(usage, key=lambda h: usage[h])] if usage else None
    name = viewer.strip().casefold() if viewer is not None else None
    ranked = []
    for cid, items in by_candidate.items():
        sessions: dict[str, Mapping[str, Any]] = {}
        per_area: dict[str, list[int]] = defaultdict(list)
        for row in items:
            sessions.setdefault(row["session_id"], row)
            if row["area_id"] is not None:
                per_area[row["area_id"]].append(row["score"])
        latest = items[-1]  # rows come ordered by submitted_at
        rubric = rubrics.get(latest["content_hash"], main)
        means = {a: mean(v) for a, v in per_area.items()}
        result = score(rubric, means) if rubric else None
        interviewers = tuple(dict.fromkeys(s["interviewer"] for s in sessions.values()))
        roles = tuple(sorted({s["role"] for s in sessions.values() if s["role"]}))
        hidden = name is not None and name not in {i.strip().casefold() for i in interviewers}
        if hidden:
            # Blind: the scores never leave this function, so no view can leak them.
            means, per_area, result, sessions = {}, defaultdict(list), None, {}
        ranked.append(
            RankedCandidate(
                candidate=CandidateRef(cid, latest["name"], latest["code"]),
                roles=roles,
                interviewers=interviewers,
                scorecards=len({row["session_id"] for row in items}),
                area_means=means,
                area_spreads={a: max(v) - min(v) for a, v in per_area.items() if len(v) >= 2},
                combined=result.weighted if result else None,
                recommendation=str(result.recommendation)
                if result and result.recommendation
                else None,
                recommendations=tuple(s["recommendation"] or "" for s in sessions.values()),
                hidden=hidden,
            )
        )
    return Ranking(main, ranked)
