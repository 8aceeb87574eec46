"""Optional LLM coach for practice: it asks about the actual answer, then gives feedback.

Runs without Textual; the screen builds a request, shows it before the first call of
an attempt (opt-in), awaits ``ask``/``feedback`` in a worker and records the outcome.
No person's name is sent: the candidate's name (from prefs) is replaced in their text,
and nothing else about them is included. Failures come back in ``error``, never raised,
so practice goes on offline. The coach's suggested levels are advice: self-scores are
never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from interview.domain.models import Question, Rubric
from interview.llm.client import Completion, LLMClient
from interview.llm.errors import Cause, LLMError
from interview.llm.prompt import CANDIDATE, ParsedSuggestion, parse_reply
from interview.llm.redact import redact_names
from interview.llm.settings import LLMSettings
from interview.llm.suggest import MAX_TOKENS, LLMRequest
from interview.services.practice_attempt import PracticeAttempt
from interview.services.practice_keys import DEFAULT_NAME

COACH_QUESTIONS = 2
QUESTIONS_MAX_TOKENS = MAX_TOKENS  # the preview screen shows this same limit
FEEDBACK_MAX_TOKENS = 1200
PURPOSE = "coach"

SYSTEM_QUESTIONS = (
    "You coach a Python backend engineer who is practising a structured interview question "
    "alone, in writing. Read their answer and ask one or two follow-up questions about what "
    "they actually wrote: probe a claim, a gap, or a failure mode they skipped, the way a "
    "senior interviewer would. Do not give the answer away.\n"
    f"Reply with at most {COACH_QUESTIONS} lines and nothing else, each in this format:\n"
    "FOLLOW-UP: <the question> | WHY: <what it tests, a few words>"
)

SYSTEM_FEEDBACK = (
    "You coach a Python backend engineer who is practising a structured interview question "
    "alone, in writing. Give honest, specific feedback on everything they wrote, for each "
    "rubric area listed. For each area write a Markdown section '### <area title>' with: "
    "what was good, quoting their own words in double quotes; the senior signals that are "
    "missing, named; and a line 'Suggested level: <1-4> <label>' followed by the anchor "
    "behaviour of that level that fits best. Judge only what is written. At most 120 words "
    "per area."
)


@dataclass(frozen=True, slots=True)
class CoachOutcome:
    question_id: str
    questions: tuple[ParsedSuggestion, ...] = ()
    feedback: str = ""
    completion: Completion | None = None
    error: LLMError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.questions or self.feedback)


def _safe(text: str, name: str) -> str:
    """The candidate's text with their name replaced (the default "me" is not a name)."""
    if not name.strip() or name.strip() == DEFAULT_NAME:
        return text.strip()
    return redact_names(text, [(name, CANDIDATE)]).strip()


def _anchors(rubric: Rubric, question: Question) -> list[str]:
    lines: list[str] = []
    for area in rubric.areas:
        if area.id not in question.areas:
            continue
        lines.append(f"- {area.title}:")
        lines += [f"  {lv.score} {lv.label}: " + "; ".join(lv.behaviours) for lv in area.levels]
    return lines


def _exchange(attempt: PracticeAttempt, question_id: str, name: str) -> list[str]:
    """Everything the candidate wrote for the question, in order."""
    lines = ["Their answer:", _safe(attempt.answer(question_id), name) or "(no answer written)"]
    probe = attempt.follow_up(question_id)
    if probe is not None:
        lines += ["", f"Follow-up asked: {probe.text}"]
        lines += ["Their reply:", _safe(attempt.follow_up_answer(question_id), name) or "(none)"]
    coach = attempt.coach_questions(question_id)
    if coach:
        lines += ["", "Coach questions asked:", *(f"- {c.text}" for c in coach)]
        lines += ["Their reply:", _safe(attempt.coach_answer(question_id), name) or "(none)"]
    return lines


def questions_request(attempt: PracticeAttempt, question_id: str) -> LLMRequest:
    question = attempt.question_by_id(question_id)
    name = attempt.summary.candidate
    lines = [
        f"Question: {question.title} ({question.kind}, {question.level} level)",
        question.prompt.strip(),
        "",
        *_exchange(attempt, question_id, name),
    ]
    return LLMRequest(
        question_id,
        [
            {"role": "system", "content": SYSTEM_QUESTIONS},
            {"role": "user", "content": "\n".join(lines)},
        ],
    )


def feedback_request(attempt: PracticeAttempt, question_id: str) -> LLMRequest:
    question = attempt.question_by_id(question_id)
    name = attempt.summary.candidate
    lines = [
        f"Question: {question.title} ({question.kind}, {question.level} level)",
        question.prompt.strip(),
        "",
        "Senior signals a strong answer shows:",
        *(f"- {s.text}" for s in question.senior_signals),
        "",
        "Junior signals and red flags:",
        *(f"- {s.text}" + (" [red flag]" if s.red_flag else "") for s in question.junior_signals),
        "",
        "Rubric areas and their anchored levels (score label: behaviours):",
        *_anchors(attempt.rubric, question),
        "",
        *_exchange(attempt, question_id, name),
    ]
    return LLMRequest(
        question_id,
        [
            {"role": "system", "content": SYSTEM_FEEDBACK},
            {"role": "user", "content": "\n".join(lines)},
        ],
    )


async def ask(
    client: LLMClient, request: LLMRequest, on_text: Callable[[str], None] | None = None
) -> CoachOutcome:
    """One or two coach questions about the answer. Never raises ``LLMError``."""
    try:
        completion = await client.stream(
            request.messages, on_text=on_text, max_tokens=QUESTIONS_MAX_TOKENS
        )
    except LLMError as exc:
        return CoachOutcome(request.question_id, error=exc)
    text = completion.text
    if completion.truncated and not text.endswith("\n"):
        text = text.rpartition("\n")[0]  # a cut-off last line is unfinished
    parsed = parse_reply(text, limit=COACH_QUESTIONS)
    if not parsed:
        error = LLMError(Cause.UNREADABLE, "reply held no question", partial=completion.text)
        return CoachOutcome(request.question_id, completion=completion, error=error)
    return CoachOutcome(request.question_id, tuple(parsed), completion=completion)


async def feedback(
    client: LLMClient, request: LLMRequest, on_text: Callable[[str], None] | None = None
) -> CoachOutcome:
    """Feedback per area as Markdown. Never raises ``LLMError``."""
    try:
        completion = await client.stream(
            request.messages, on_text=on_text, max_tokens=FEEDBACK_MAX_TOKENS
        )
    except LLMError as exc:
        return CoachOutcome(request.question_id, error=exc)
    text = completion.text.strip()
    if not text:
        error = LLMError(Cause.UNREADABLE, "empty reply")
        return CoachOutcome(request.question_id, completion=completion, error=error)
    if completion.truncated:
        text += "\n\n_(The reply was cut off.)_"
    return CoachOutcome(request.question_id, feedback=text, completion=completion)


def record(attempt: PracticeAttempt, settings: LLMSettings, outcome: CoachOutcome) -> None:
    """Store token usage, then the questions (as asked follow-ups) or the feedback."""
    if outcome.completion is not None:
        usage = outcome.completion.usage
        attempt.repo.record_llm_usage(
            attempt.id,
            outcome.completion.model,
            usage.prompt_tokens,
            usage.completion_tokens,
            settings.cost(usage.prompt_tokens, usage.completion_tokens),
            purpose=PURPOSE,
        )
    if outcome.questions:
        attempt.add_coach_questions(
            outcome.question_id, [(q.text, q.reason) for q in outcome.questions]
        )
    if outcome.feedback:
        model = outcome.completion.model if outcome.completion else settings.model
        attempt.add_coach_feedback(outcome.question_id, outcome.feedback, model)
