"""The new-interview form's rules: what a valid form is, and which plan fits a level.

No Textual here: the screen (``new_session``) shows what these functions decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.domain.models import LEVELS, Plan
from interview.domain.models import Content as Bank

MAX_NAME = 100
MAX_FIELD = 80
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

PREF_INTERVIEWER = "interviewer"
PREF_ROLE = "last_role"
PREF_LEVEL = "last_level"
PREF_PLAN = "last_plan"


@dataclass(frozen=True)
class Form:
    name: str
    code: str
    role: str
    level: str
    interviewer: str
    plan_id: str


def _text_problem(value: str, label: str, limit: int, required: bool) -> str:
    if not value:
        return f"{label} is required" if required else ""
    if CONTROL_RE.search(value):
        return f"{label} contains control characters; retype it"
    if len(value) > limit:
        return f"{label} is too long ({len(value)} characters, at most {limit})"
    return ""


def validate(form: Form, plan_ids: set[str], levels: tuple[str, ...] = LEVELS) -> dict[str, str]:
    """Field id → what is wrong (empty when the form is valid)."""
    problems: dict[str, str] = {}
    if not form.name and not form.code:
        problems["candidate-name"] = "Enter the candidate's name, or a code for a blind panel"
    elif problem := _text_problem(form.name, "Name", MAX_NAME, required=False):
        problems["candidate-name"] = problem
    if form.code and not CODE_RE.match(form.code):
        problems["candidate-code"] = "A code is 2-32 letters, digits, '.', '_' or '-'"
    if problem := _text_problem(form.role, "Role", MAX_FIELD, required=True):
        problems["role"] = problem
    if form.level not in levels:
        problems["level"] = f"Choose a level: {', '.join(levels)}"
    if problem := _text_problem(form.interviewer, "Interviewer", MAX_FIELD, required=True):
        problems["interviewer"] = problem
    if form.plan_id not in plan_ids:
        problems["plan"] = "Choose a plan"
    return problems


def plan_for_level(plans: list[Plan], content: Bank, level: str) -> Plan | None:
    """The plan made for a level: one that names it (id or title), else the plan most of
    whose questions are at that level; None when no plan fits."""
    word = re.compile(rf"\b{re.escape(level)}\b", re.IGNORECASE)
    for plan in plans:
        if word.search(plan.id.replace("-", " ")) or word.search(plan.title):
            return plan
    best, share = None, 0.5
    for plan in plans:
        questions = content.plan_questions(plan)
        if questions:
            at_level = sum(q.level == level for _, q in questions) / len(questions)
            if at_level > share:
                best, share = plan, at_level
    return best
