"""Build a Report from the stored rows of a session (database only, never UI state).

The rubric and questions come from the session's content snapshot, so a report always
describes the exact version the candidate was scored against, even if the bank has
changed since. Scores are recomputed with the domain's scoring formula.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from statistics import fmean
from typing import Any

from interview.domain.scoring import ScoreResult, score
from interview.reports.model import (
    Amendment,
    AreaReport,
    EvidenceItem,
    FlipItem,
    FollowUpItem,
    QuestionReport,
    RedFlag,
    Report,
    ScoreChange,
    SignalRef,
    SummaryText,
)
from interview.reports.snapshot import PlannedQuestion, ReportContent, SignalData, content_for
from interview.reports.text import excerpt
from interview.reports.timeline import SAMPLE_EVENT, timeline
from interview.storage.db import Database
from interview.storage.report_queries import Row, SessionRows, load_many, load_one

# Conventions of practice attempts (see services/practice.py): the candidate's own
# ticks, and the answer to the follow-up probe stored under "<question>#follow-up".
PRACTICE_SOURCE = "self"
FOLLOW_UP_KEY = "#follow-up"


def load_report(db: Database, session_id: str) -> Report:
    """Raises storage NotFound for an unknown id."""
    return build_report(load_one(db, session_id))


def load_reports(db: Database, session_ids: Iterable[str]) -> list[Report]:
    return [build_report(rows) for rows in load_many(db, session_ids).values()]


def build_report(rows: SessionRows) -> Report:
    s = rows.session
    content = content_for(s["content_hash"], rows.snapshot_json)
    rubric, plan = content.rubric, content.plan

    notes = {a["question_id"]: a for a in rows.answers}
    # Only a person's ticks are evidence (the interviewer's, or the candidate's own in
    # practice); automatic keyword matches are suggestions.
    sources = {"interviewer", PRACTICE_SOURCE} if s["mode"] == "practice" else {"interviewer"}
    observed: dict[str, set[str]] = defaultdict(set)
    for o in rows.observations:
        if o["observed"] and o["source"] in sources:
            observed[o["question_id"]].add(o["signal_id"])
    followups: dict[str, list[FollowUpItem]] = defaultdict(list)
    for f in rows.followups:
        followups[f["question_id"]].append(
            FollowUpItem(
                follow_up_id=f["follow_up_id"],
                text=f["text"],
                source=f["source"],
                reason=f["reason"],
                asked=bool(f["asked"]),
                suggested_at=f["suggested_at"],
                asked_at=f["asked_at"],
            )
        )
    session_scores: dict[str, int] = {}
    question_scores: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows.scores:
        if r["question_id"]:
            question_scores[r["question_id"]][r["area_id"]] = r["score"]
        else:
            session_scores[r["area_id"]] = r["score"]

    questions = tuple(
        _question(i + 1, p, notes.get(p.question.id), notes.get(p.question.id + FOLLOW_UP_KEY),
                  observed.get(p.question.id), followups.get(p.question.id, ()),
                  question_scores.get(p.question.id))
        for i, p in enumerate(content.planned)
    )  # fmt: skip

    scores: dict[str, float | None]
    if session_scores:
        basis, scores = "interviewer", dict(session_scores)
    elif question_scores:
        # A practice attempt: each area is the mean of the candidate's self-scores.
        per_area: dict[str, list[int]] = defaultdict(list)
        for qs in question_scores.values():
            for area_id, value in qs.items():
                per_area[area_id].append(value)
        basis, scores = "self", {a: fmean(v) for a, v in per_area.items()}
    else:
        basis, scores = "none", {}
    result = score(rubric, scores)
    # A self-assessment gets a score to track progress, never a hiring recommendation.
    advisory = basis == "interviewer"
    rec = result.recommendation if advisory else None
    titles = content.area_titles
    flips = tuple(
        FlipItem(
            area_id=f.area_id,
            area_title=titles[f.area_id],
            delta=f.delta,
            weighted=round(f.weighted, 2),
            recommendation=str(f.recommendation),
            recommendation_label=f.recommendation.label,
        )
        for f in result.flips
        if advisory
    )
    sensitivity = _sensitivity(titles, result) if advisory else ""
    areas = _areas(content, scores, result, questions)
    red_flags = tuple(
        RedFlag(q.id, q.title, sig.id, sig.text)
        for q in questions
        for sig in q.junior
        if sig.red_flag
    )
    amendments = tuple(_amendment(titles, a) for a in rows.amendments)
    events = timeline(rows.events, rubric, content.questions)

    return Report(
        session_id=s["id"],
        status=s["status"],
        mode=s["mode"],
        revision=s["revision"],
        sample=any(e["kind"] == SAMPLE_EVENT for e in rows.events),
        started_at=s["started_at"],
        updated_at=s["updated_at"],
        submitted_at=s["submitted_at"],
        elapsed_seconds=s["elapsed_seconds"],
        candidate_id=s["candidate_id"],
        candidate_name=s["candidate"],
        candidate_code=s["candidate_code"],
        role=s["role"],
        level=s["level"],
        interviewer=s["interviewer"],
        plan_id=s["plan_id"],
        plan_title=s["plan_title"] or plan.title,
        plan_minutes=plan.total_minutes,
        rubric_id=rubric.id,
        rubric_title=rubric.title,
        content_hash=s["content_hash"],
        score_basis=basis,
        weighted=None if result.weighted is None else round(result.weighted, 2),
        recommendation=str(rec) if rec else None,
        recommendation_label=result.recommendation_label
        if advisory and result.weighted is not None
        else None,
        recorded_weighted=s["weighted_score"],
        recorded_recommendation=s["recommendation"],
        thresholds=(rubric.thresholds.no, rubric.thresholds.yes, rubric.thresholds.strong_yes),
        justification=s["justification"],
        flips=flips,
        sensitivity=sensitivity,
        areas=areas,
        questions=questions,
        red_flags=red_flags,
        amendments=amendments,
        timeline=events,
        summary=_summary_text(s),
        policy_rule=result.rule if advisory else "",
        policy_kind=result.rule_kind if advisory else None,
        formula_recommendation=str(result.formula) if advisory and result.formula else None,
        assessed_weight=round(result.assessed_weight, 1) if result.weighted is not None else None,
        min_assessed_weight=result.min_assessed_weight,
    )


def _summary_text(s: Mapping[str, Any]) -> SummaryText | None:
    """The written summary joined onto the session row, if one was saved."""
    if s.get("summary_text") is None:
        return None
    return SummaryText(
        text=s["summary_text"],
        ai_drafted=bool(s["summary_ai_drafted"]),
        edited=bool(s["summary_edited"]),
        model=s["summary_model"],
        created_at=s["summary_created_at"],
        updated_at=s["summary_updated_at"],
    )


def _question(
    position: int,
    planned: PlannedQuestion,
    answer: Row | None,
    follow_up_answer: Row | None,
    observed: set[str] | None,
    followups: Iterable[FollowUpItem],
    self_scores: Mapping[str, int] | None,
) -> QuestionReport:
    q = planned.question
    elapsed: float = 0  # an int 0 when nothing was timed, as the JSON report has always shown
    if answer:
        elapsed += float(answer["elapsed_seconds"])
    if follow_up_answer:
        elapsed += float(follow_up_answer["elapsed_seconds"])
    return QuestionReport(
        position=position,
        id=q.id,
        title=q.title,
        kind=q.kind,
        level=q.level,
        areas=q.areas,
        budget_seconds=planned.budget_seconds,
        elapsed_seconds=elapsed,
        senior=_ticked(q.senior, "senior", observed),
        junior=_ticked(q.junior, "junior", observed),
        follow_ups=tuple(followups),
        notes=answer["notes"] if answer else "",
        follow_up_answer=follow_up_answer["notes"] if follow_up_answer else "",
        self_scores=tuple([(a, self_scores[a]) for a in q.areas if a in self_scores])
        if self_scores
        else (),
    )


def _ticked(
    signals: tuple[SignalData, ...], kind: str, observed: set[str] | None
) -> tuple[SignalRef, ...]:
    if not observed:
        return ()
    return tuple([SignalRef(sid, text, kind, red) for sid, text, red in signals if sid in observed])


def _areas(
    content: ReportContent,
    scores: Mapping[str, float | None],
    result: ScoreResult,
    questions: tuple[QuestionReport, ...],
) -> tuple[AreaReport, ...]:
    # A question's evidence reads the same under every area it is tagged with (build it
    # once), unless some of its signals name the areas they evidence.
    def item(q: QuestionReport, area_id: str | None) -> EvidenceItem | None:
        planned = content.questions.get(q.id)

        def keep(ref: SignalRef) -> bool:
            return area_id is None or planned is None or planned.evidences(ref.id, area_id)

        senior = tuple([s.text for s in q.senior if keep(s)])
        junior = tuple([s.text for s in q.junior if keep(s)])
        if not (senior or junior or q.notes.strip()):
            return None
        return EvidenceItem(q.id, q.title, senior, junior, excerpt(q.notes))

    shared = [item(q, None) for q in questions]
    mapped = {
        i for i, q in enumerate(questions) if (p := content.questions.get(q.id)) and p.signal_areas
    }

    def evidence_for(i: int, area_id: str) -> EvidenceItem | None:
        return item(questions[i], area_id) if i in mapped else shared[i]

    out = []
    for area in content.rubric.areas:
        value = scores.get(area.id)
        level = area.level(round(value)) if value is not None else None
        out.append(
            AreaReport(
                id=area.id,
                title=area.title,
                weight=area.weight,
                score=value,
                level_label=level.label if level else "",
                behaviours=level.behaviours if level else (),
                effective_weight=round(result.effective_weights.get(area.id, 0.0), 4),
                contribution=round(result.contributions.get(area.id, 0.0), 2),
                evidence=tuple(
                    [e for i in content.area_questions[area.id] if (e := evidence_for(i, area.id))]
                ),
                top=area.top,
            )
        )
    return tuple(out)


def _sensitivity(titles: Mapping[str, str], result: ScoreResult) -> str:
    if not result.flips:
        return ""
    parts = [
        f"{titles[f.area_id]} {f.delta:+d} would make it "
        f"{f.recommendation.label} ({f.weighted:.1f})"
        for f in result.flips
    ]
    return (
        "Borderline: a one-point change in one area flips the recommendation. "
        + "; ".join(parts)
        + "."
    )


def _amendment(titles: Mapping[str, str], row: Row) -> Amendment:
    changes = json.loads(row["changes"]) if isinstance(row["changes"], str) else row["changes"]
    order = {area_id: i for i, area_id in enumerate(titles)}
    changed = sorted(changes.get("scores", {}).items(), key=lambda kv: order.get(kv[0], len(order)))
    score_changes = tuple(
        ScoreChange(area_id, titles.get(area_id, area_id), before, after)
        for area_id, (before, after) in changed
    )
    justification = changes.get("justification")
    return Amendment(
        at=row["at"],
        actor=row["actor"],
        reason=row["reason"],
        score_changes=score_changes,
        justification_before=justification[0] if justification else None,
        justification_after=justification[1] if justification else None,
    )
