"""A submitted scorecard in the shapes applicant tracking systems take (JSON).

- **Greenhouse**: an ``overall_recommendation`` (definitely_not / no / yes / strong_yes /
  no_decision) and one attribute per rubric area with name, type, note and rating on the
  same five words.
- **Lever**: a feedback form whose first field is the overall rating on Lever's
  four-point system ("4 - Strong Hire" … "1 - Strong No Hire"), then one score field per
  area and a text field for the justification.
- **Ashby**: an overall 1-4 score with comments, and per area a 1-4 score with comments.

Mapping: Strong No, No, Yes, Strong Yes map in order onto each system's four points; an
area's anchored 1-4 score maps onto the same four points. A scorecard without a
recommendation (in progress, or insufficient evidence) is "no_decision" in Greenhouse and
an empty overall score elsewhere. What no ATS can carry (the area weights, the anchors
behind each level, the sensitivity check, the amendment history) is listed in
``not_carried`` and stays in the full report.
"""

from __future__ import annotations

from typing import Any

from interview.reports.model import AreaReport, Report
from interview.reports.text import excerpt, json_text

ATS_FORMATS = ("greenhouse", "lever", "ashby")

RECOMMENDATION_POINT = {"strong_no": 1, "no": 2, "yes": 3, "strong_yes": 4}
GREENHOUSE_WORDS = {1: "definitely_not", 2: "no", 3: "yes", 4: "strong_yes"}
LEVER_WORDS = {1: "1 - Strong No Hire", 2: "2 - No Hire", 3: "3 - Hire", 4: "4 - Strong Hire"}
ASHBY_WORDS = {1: "Strong No Hire", 2: "No Hire", 3: "Hire", 4: "Strong Hire"}

NOT_CARRIED = [
    "area weights and the weighted score formula (the overall rating is the recommendation "
    "the formula and the rubric's rules gave)",
    "the behaviourally anchored description of each level",
    "the one-point sensitivity check",
    "the amendment history, signals, probes and notes per question",
]


def _point(recommendation: str | None) -> int | None:
    return RECOMMENDATION_POINT.get(recommendation or "")


def _area_point(area: AreaReport) -> int | None:
    if area.score is None:
        return None
    return max(1, min(4, round(area.score)))


def _area_note(area: AreaReport) -> str:
    if area.score is None:
        return "Not assessed in this interview."
    heard = excerpt("; ".join(s for e in area.evidence for s in e.senior), 400)
    note = f"{area.level_label} ({area.score:g} of {area.top})."
    return f"{note} Evidence: {heard}" if heard else note


def _source(r: Report) -> dict[str, Any]:
    return {
        "tool": "interview",
        "session_id": r.session_id,
        "revision": r.revision,
        "rubric": r.rubric_title,
        "plan": r.plan_title,
        "weighted_score": None if r.weighted is None else round(r.weighted, 1),
        # The scoring-policy rule behind the overall rating ("Yes capped at No: ..."), if any.
        "scoring_policy": r.policy_rule,
        "sample_data": r.sample,
    }


def _check(r: Report) -> None:
    if r.mode != "interview":
        raise ValueError("only interview scorecards go to an ATS, not practice attempts")


def greenhouse(r: Report) -> dict[str, Any]:
    _check(r)
    point = _point(r.recommendation)
    return {
        "candidate": {"name": r.candidate_name, "code": r.candidate_code},
        "interview": r.plan_title,
        "interviewer": r.interviewer,
        "submitted_at": r.submitted_at,
        "overall_recommendation": GREENHOUSE_WORDS[point] if point else "no_decision",
        "attributes": [
            {
                "name": a.title,
                "type": "Rubric area",
                "note": _area_note(a),
                "rating": GREENHOUSE_WORDS[p] if (p := _area_point(a)) else "no_decision",
            }
            for a in r.areas
        ],
        "questions": [{"question": "Justification", "answer": r.justification}],
        "source": _source(r),
        "not_carried": NOT_CARRIED,
    }


def lever(r: Report) -> dict[str, Any]:
    _check(r)
    point = _point(r.recommendation)
    fields: list[dict[str, Any]] = [
        {
            "text": "Overall rating",
            "type": "score-system",
            "value": LEVER_WORDS[point] if point else None,
        }
    ]
    fields += [
        {
            "text": a.title,
            "type": "score",
            "value": _area_point(a),
            "description": _area_note(a),
        }
        for a in r.areas
    ]
    fields.append({"text": "Justification", "type": "textarea", "value": r.justification})
    return {
        "candidate": {"name": r.candidate_name, "code": r.candidate_code},
        "interviewer": r.interviewer,
        "completedAt": r.submitted_at,
        "title": f"{r.plan_title} scorecard",
        "fields": fields,
        "source": _source(r),
        "not_carried": NOT_CARRIED,
    }


def ashby(r: Report) -> dict[str, Any]:
    _check(r)
    point = _point(r.recommendation)
    return {
        "candidate": {"name": r.candidate_name, "code": r.candidate_code},
        "interviewer": r.interviewer,
        "submittedAt": r.submitted_at,
        "overallRecommendation": {
            "score": point,
            "label": ASHBY_WORDS[point] if point else None,
            "comments": r.justification,
        },
        "submittedValues": {
            a.id: {"label": a.title, "score": _area_point(a), "comments": _area_note(a)}
            for a in r.areas
        },
        "source": _source(r),
        "not_carried": NOT_CARRIED,
    }


BUILDERS = {"greenhouse": greenhouse, "lever": lever, "ashby": ashby}


def render_ats(r: Report, system: str) -> str:
    return json_text(BUILDERS[system](r)) + "\n"
