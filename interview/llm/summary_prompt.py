"""What is sent to the LLM to draft a session summary for the report.

The prompt holds the rubric areas with the level the interviewer chose and that
level's anchored behaviours, the signals ticked and probes asked per question, the
notes per question and the justification. It never holds a person's name: nothing
about the candidate or interviewer is added, and everything the interviewer typed
(notes, justification, role, follow-ups) has their names replaced first, with the
same redaction as the follow-up suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from interview.domain.models import Question, Rubric, SignalKind
from interview.llm.prompt import CANDIDATE, INTERVIEWER
from interview.llm.redact import redact_names

SUMMARY_SYSTEM = (
    "You draft the summary section of a structured technical interview report for a "
    "Python backend engineer. The interviewer will read and edit your draft before it is "
    "saved. Use only the evidence given: the rubric areas with the levels the interviewer "
    "chose and what those levels mean, the signals observed, the probes asked, the notes "
    "per question and the interviewer's justification. Do not invent evidence, do not "
    "change or argue with the scores, and do not name anyone: say 'the candidate' and "
    "'the interviewer'. Write plain text, no Markdown headings, 120 to 200 words: one "
    "paragraph with the overall picture, then a line 'Strengths:' and a line 'Concerns:', "
    "each followed by two to four short lines starting with '- '. Where the evidence is "
    "thin or an area was not assessed, say so plainly. Never give a score, a ranking or a "
    "hiring verdict of your own: no 'hire', 'no hire', 'strong yes', 'reject' or "
    "'I recommend'; the scorecard carries the decision and the app refuses a draft "
    "that states one."
)


@dataclass(frozen=True, slots=True)
class QuestionEvidence:
    """What was recorded for one question of the plan."""

    question: Question
    observed: frozenset[str] = frozenset()  # signal ids ticked by the interviewer
    asked: tuple[str, ...] = ()  # texts of the probes and follow-ups asked
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SessionEvidence:
    """Everything the summary may draw on (names are held only to be redacted)."""

    rubric: Rubric
    role: str
    level: str
    status: str  # "in_progress" | "submitted"
    scores: Mapping[str, int]
    weighted: float | None
    recommendation: str  # its label, "" when none
    questions: Sequence[QuestionEvidence]
    justification: str
    candidate_name: str = field(default="", repr=False)
    interviewer_name: str = field(default="", repr=False)


class _Redactor:
    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.names = [(n, r) for n, r in names if n.strip()]

    def __call__(self, text: str) -> str:
        return redact_names(text, self.names)


def _areas(rubric: Rubric, scores: Mapping[str, int]) -> list[str]:
    lines: list[str] = []
    for area in rubric.areas:
        value = scores.get(area.id)
        if value is None:
            lines.append(f"- {area.title} (weight {area.weight}%): not assessed")
            continue
        level = area.level(value)
        lines.append(f"- {area.title} (weight {area.weight}%): {value}/4 {level.label}")
        lines += [f"  - {b}" for b in level.behaviours]
    return lines


def _question(position: int, q: QuestionEvidence, safe: _Redactor) -> list[str]:
    question = q.question
    lines = [f"{position}. {question.title} ({question.kind}; areas: {', '.join(question.areas)})"]
    senior = [s.text for s in question.signals(SignalKind.SENIOR) if s.id in q.observed]
    junior = [
        s.text + (" [red flag]" if s.red_flag else "")
        for s in question.signals(SignalKind.JUNIOR)
        if s.id in q.observed
    ]
    lines.append("   Senior signals observed:" + ("" if senior else " none"))
    lines += [f"   - {text}" for text in senior]
    lines.append("   Junior signals and red flags observed:" + ("" if junior else " none"))
    lines += [f"   - {text}" for text in junior]
    if q.asked:
        lines.append("   Follow-ups asked:")
        lines += [f"   - {safe(text)}" for text in q.asked]
    notes = safe(q.notes).strip()
    lines.append("   Interviewer's notes:" + ("" if notes else " (none)"))
    lines += [f"   {line}" for line in notes.splitlines()]
    return lines


def build_summary_messages(evidence: SessionEvidence) -> list[dict[str, str]]:
    """The exact chat messages to send (shown as-is in the preview before the call)."""
    safe = _Redactor(
        [(evidence.candidate_name, CANDIDATE), (evidence.interviewer_name, INTERVIEWER)]
    )
    if evidence.weighted is None:
        result = "no area scored yet"
    else:
        result = f"{evidence.weighted:.1f} / 100"
        if evidence.recommendation:
            result += f", recommendation {evidence.recommendation}"
    status = "submitted" if evidence.status == "submitted" else "in progress (provisional)"
    role = safe(evidence.role).strip() or "backend engineer"
    justification = safe(evidence.justification).strip()
    lines = [
        f"Role: {role}" + (f" ({evidence.level} level)" if evidence.level else ""),
        f"Scorecard: {status}; weighted score {result}",
        "",
        "Rubric areas: the level chosen, then the behaviours that level stands for:",
        *_areas(evidence.rubric, evidence.scores),
        "",
        "Questions, in the order asked:",
    ]
    for position, q in enumerate(evidence.questions, start=1):
        lines += _question(position, q, safe)
    lines += ["", "Interviewer's justification:", justification or "(none written)"]
    return [
        {"role": "system", "content": SUMMARY_SYSTEM},
        {"role": "user", "content": "\n".join(lines)},
    ]
