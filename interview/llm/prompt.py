"""What is sent to the LLM for follow-up suggestions, and how its reply is read.

The prompt holds the question, its signals and probes, the rubric anchors of its
areas and the notes so far. It never holds a person's name: nothing about the
candidate or interviewer is added, and the notes are scanned for their names (in
full and each part, however typed: see ``interview.llm.redact``) which are replaced
before anything leaves the machine.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from interview.domain.models import Question, Rubric
from interview.llm.redact import redact_names

SUGGESTION_COUNT = 3
CANDIDATE = "the candidate"
INTERVIEWER = "the interviewer"

SYSTEM = (
    "You help an interviewer run a structured technical interview of a Python backend "
    "engineer. Suggest the next follow-up questions to ask about the current question: "
    "questions that would reveal senior signals not heard yet, or give evidence for "
    "rubric areas with little evidence. Do not repeat probes already asked or topics "
    "the notes show the candidate covered. Each follow-up is one short spoken sentence.\n"
    f"Reply with exactly {SUGGESTION_COUNT} lines and nothing else, each in this format:\n"
    "FOLLOW-UP: <the question to ask> | WHY: <what it tests, a few words>"
)


@dataclass(frozen=True, slots=True)
class ParsedSuggestion:
    text: str
    reason: str


def _area_anchors(rubric: Rubric, area_ids: Iterable[str]) -> list[str]:
    lines: list[str] = []
    for area_id in area_ids:
        try:
            area = rubric.area(area_id)
        except KeyError:
            continue
        lines.append(f"- {area.title} ({area.id}):")
        for level in area.levels:
            lines.append(f"  {level.score} {level.label}: " + "; ".join(level.behaviours))
    return lines


def build_messages(
    *,
    question: Question,
    rubric: Rubric,
    notes: str,
    heard: Collection[str] = (),
    asked: Collection[str] = (),
    candidate_name: str = "",
    interviewer_name: str = "",
) -> list[dict[str, str]]:
    """The exact chat messages to send (shown as-is in the preview before the first call)."""
    safe_notes = redact_names(
        notes, [(candidate_name, CANDIDATE), (interviewer_name, INTERVIEWER)]
    ).strip()
    lines = [
        f"Question: {question.title} ({question.kind}, {question.level} level)",
        question.prompt.strip(),
        "",
        "Senior signals (heard so far marked [heard]):",
        *(f"- {s.text}" + (" [heard]" if s.id in heard else "") for s in question.senior_signals),
        "",
        "Junior signals and red flags:",
        *(f"- {s.text}" + (" [red flag]" if s.red_flag else "") for s in question.junior_signals),
        "",
        "Probes from the question bank (already asked marked [asked]):",
        *(f"- {f.text}" + (" [asked]" if f.id in asked else "") for f in question.follow_ups),
        "",
        "Rubric anchors for this question's areas (score: behaviours):",
        *_area_anchors(rubric, question.areas),
        "",
        "Interviewer's notes so far:",
        safe_notes or "(none yet)",
    ]
    return [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": "\n".join(lines)},
    ]


_BULLET = re.compile(r"^\s*(?:[-*•>]+|\d+[.)]|\(\d+\))?\s*")
_PREFIX = re.compile(r"^(?:\*\*)?follow[\s_-]?up(?:\s*\d+)?(?:\*\*)?\s*[:\-–]\s*(?:\*\*)?", re.I)
_WHY = re.compile(r"\s*(?:\||—|–|\s-\s)?\s*(?:\*\*)?why(?:\*\*)?\s*:\s*", re.I)


def _clean(text: str) -> str:
    return " ".join(text.replace("**", "").split()).strip(" \"'`")


def parse_reply(text: str, limit: int = SUGGESTION_COUNT) -> list[ParsedSuggestion]:
    """Read ``FOLLOW-UP: ... | WHY: ...`` lines, tolerating numbering, bullets and bold.

    If no line carries the prefix, numbered or bulleted questions are accepted instead.
    An empty result means the reply was off-format.
    """
    tagged: list[ParsedSuggestion] = []
    loose: list[ParsedSuggestion] = []
    for raw in text.splitlines():
        bullet = _BULLET.match(raw)
        numbered = bool(bullet and bullet.group(0).strip())
        line = raw[bullet.end() :].strip() if bullet else raw.strip()
        if not line:
            continue
        match = _PREFIX.match(line)
        body = line[match.end() :] if match else line
        parts = _WHY.split(body, maxsplit=1)
        question = _clean(parts[0])
        reason = _clean(parts[1]) if len(parts) > 1 else ""
        if len(question) < 8:
            continue
        item = ParsedSuggestion(question, reason)
        if match:
            tagged.append(item)
        elif numbered and question.endswith("?"):
            loose.append(item)
    chosen = tagged or loose
    seen: set[str] = set()
    unique: list[ParsedSuggestion] = []
    for item in chosen:
        key = item.text.lower()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique[:limit]
