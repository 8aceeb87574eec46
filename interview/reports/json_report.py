"""JSON: schema-versioned, keys in a fixed order, everything in the report.

The schema is documented in schema.json next to this file; a test checks every report
against it, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from interview.reports.model import SCHEMA_MINOR, SCHEMA_VERSION, QuestionReport, Report
from interview.reports.text import json_text


def report_dict(r: Report) -> dict[str, Any]:
    no, yes, strong_yes = r.thresholds
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "schema_minor": SCHEMA_MINOR,
        "session": {
            "id": r.session_id,
            "status": r.status,
            "mode": r.mode,
            "revision": r.revision,
            "sample": r.sample,
            "started_at": r.started_at,
            "updated_at": r.updated_at,
            "submitted_at": r.submitted_at,
            "elapsed_seconds": r.elapsed_seconds,
        },
        "candidate": {"id": r.candidate_id, "name": r.candidate_name, "code": r.candidate_code},
        "role": r.role,
        "level": r.level,
        "interviewer": r.interviewer,
        "plan": {"id": r.plan_id, "title": r.plan_title, "minutes": r.plan_minutes},
        "rubric": {
            "id": r.rubric_id,
            "title": r.rubric_title,
            "thresholds": {"no": no, "yes": yes, "strong_yes": strong_yes},
        },
        "content_hash": r.content_hash,
        "score": {
            "basis": r.score_basis,
            "weighted": r.weighted,
            "recommendation": r.recommendation,
            "recommendation_label": r.recommendation_label,
            "recorded_weighted": r.recorded_weighted,
            "recorded_recommendation": r.recorded_recommendation,
            "justification": r.justification,
            "sensitivity": r.sensitivity,
            "flips": [
                {
                    "area_id": f.area_id,
                    "delta": f.delta,
                    "weighted": f.weighted,
                    "recommendation": f.recommendation,
                }
                for f in r.flips
            ],
            "policy": {
                "rule": r.policy_rule,
                "kind": r.policy_kind,
                "formula_recommendation": r.formula_recommendation,
                "assessed_weight": r.assessed_weight,
                "min_assessed_weight": r.min_assessed_weight,
            },
        },
        # "summary" goes here when the interviewer saved one (see below).
        "areas": [
            {
                "id": a.id,
                "title": a.title,
                "weight": a.weight,
                "effective_weight": a.effective_weight,
                "score": a.score,
                **({"levels": a.top} if a.top != 4 else {}),
                "level_label": a.level_label,
                "behaviours": list(a.behaviours),
                "contribution": a.contribution,
                "evidence": [
                    {
                        "question_id": e.question_id,
                        "question_title": e.question_title,
                        "senior_signals": list(e.senior),
                        "junior_signals": list(e.junior),
                        "notes_excerpt": e.excerpt,
                    }
                    for e in a.evidence
                ],
            }
            for a in r.areas
        ],
        "not_assessed": [a.id for a in r.not_assessed],
        "questions": [_question(q) for q in r.questions],
        "red_flags": [
            {"question_id": f.question_id, "signal_id": f.signal_id, "text": f.text}
            for f in r.red_flags
        ],
        "amendments": [
            {
                "at": a.at,
                "actor": a.actor,
                "reason": a.reason,
                "score_changes": [
                    {"area_id": c.area_id, "before": c.before, "after": c.after}
                    for c in a.score_changes
                ],
                "justification": None
                if a.justification_after is None
                else {"before": a.justification_before, "after": a.justification_after},
            }
            for a in r.amendments
        ],
        "timeline": [
            {"at": e.at, "actor": e.actor, "kind": e.kind, "text": e.text} for e in r.timeline
        ],
    }
    if r.summary is not None:
        # Right after "score", where schema.json lists it; absent when there is none.
        note = r.summary
        summary = {
            "text": note.text,
            "label": note.label,
            "ai_drafted": note.ai_drafted,
            "edited": note.edited,
            "model": note.model,
            "created_at": note.created_at,
            "updated_at": note.updated_at,
        }
        items = list(doc.items())
        at = list(doc).index("score") + 1
        doc = dict([*items[:at], ("summary", summary), *items[at:]])
    return doc


def _question(q: QuestionReport) -> dict[str, Any]:
    return {
        "position": q.position,
        "id": q.id,
        "title": q.title,
        "kind": q.kind,
        "level": q.level,
        "areas": list(q.areas),
        "budget_seconds": q.budget_seconds,
        "elapsed_seconds": q.elapsed_seconds,
        "over_budget": q.over_budget,
        "senior_signals": [{"id": s.id, "text": s.text} for s in q.senior],
        "junior_signals": [{"id": s.id, "text": s.text, "red_flag": s.red_flag} for s in q.junior],
        "follow_ups": [
            {
                "follow_up_id": f.follow_up_id,
                "text": f.text,
                "source": f.source,
                "reason": f.reason,
                "asked": f.asked,
                "suggested_at": f.suggested_at,
                "asked_at": f.asked_at,
            }
            for f in q.follow_ups
        ],
        "notes": q.notes,
        "follow_up_answer": q.follow_up_answer,
        "self_scores": dict(q.self_scores),
    }


def render_json(report: Report) -> str:
    return json_text(report_dict(report)) + "\n"
