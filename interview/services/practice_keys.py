"""Names practice stores its extra rows and events under, shared by the practice modules."""

from __future__ import annotations

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
