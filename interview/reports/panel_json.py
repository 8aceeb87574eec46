"""The panel and the ranked list as JSON, for scripts (``interview panel --format json``).

Blind mode holds here as everywhere: a hidden candidate carries no scores at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from interview.services.panel_model import PanelView
from interview.services.ranking import RankedCandidate, Ranking


def _dump(data: Any) -> str:
    # ensure_ascii: control characters and odd code points from a merged file stay escaped
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


def render_ranking(ranking: Ranking, rows: Sequence[RankedCandidate]) -> str:
    return _dump(
        {
            "areas": [{"id": a, "title": ranking.area_title(a)} for a in ranking.area_ids],
            "candidates": [
                {
                    "rank": i,
                    "id": r.candidate.id,
                    "name": r.candidate.name,
                    "code": r.candidate.code,
                    "hidden": r.hidden,
                    "sample_data": r.sample,
                    "scorecards": r.scorecards,
                    "interviewers": list(r.interviewers),
                    "roles": list(r.roles),
                    "combined": None if r.hidden else r.combined,
                    "recommendation": None if r.hidden else r.recommendation,
                    "insufficient_evidence": r.insufficient,
                    "policy_rule": r.rule or None,
                    "area_means": {} if r.hidden else r.area_means,
                    "area_spreads": {} if r.hidden else r.area_spreads,
                }
                for i, r in enumerate(rows, 1)
            ],
        }
    )


def render_panel(view: PanelView) -> str:
    combined = view.combined
    return _dump(
        {
            "candidate": {
                "id": view.candidate.id,
                "name": view.candidate.name,
                "code": view.candidate.code,
            },
            "rubric": {"id": view.rubric.id, "title": view.rubric.title},
            "sample_data": view.sample,
            "scorecards": [
                {
                    "session_id": r.session_id,
                    "interviewer": r.interviewer,
                    "role": r.role,
                    "plan": r.plan_title,
                    "submitted_at": r.submitted_at,
                    "weighted_score": r.weighted_score,
                    "recommendation": r.recommendation,
                    "revision": r.revision,
                    "justification": r.justification,
                }
                for r in view.raters
            ],
            "in_progress": [{"interviewer": r.interviewer} for r in view.pending],
            "areas": [
                {
                    "id": row.area_id,
                    "title": row.title,
                    "weight": row.weight,
                    "scores": list(row.scores),
                    "mean": row.mean,
                    "disagreement": row.disagreement,
                }
                for row in view.rows
            ],
            "combined": {
                "weighted": combined.weighted,
                "recommendation": str(combined.recommendation) if combined.recommendation else None,
                "insufficient_evidence": combined.insufficient,
                "policy_rule": combined.rule or None,
                "sensitivity": combined.sensitivity_text(panel=True) or None,
            },
            "decision": None
            if view.decision is None
            else {
                "decision": view.decision.decision,
                "rationale": view.decision.rationale,
                "decided_by": view.decision.decided_by,
                "decided_at": view.decision.decided_at,
            },
        }
    )
