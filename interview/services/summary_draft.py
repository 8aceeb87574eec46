"""The session summary for the report: an LLM drafts it, the interviewer edits and saves it.

Runs without Textual. The screen calls ``summary_request`` (what will be sent, shown
in the preview first), awaits ``draft`` in a worker, calls ``record_usage`` on the UI
side, and ``save`` only when the interviewer saves explicitly. The summary is an
annotation: saving it never touches the scorecard, before or after submission.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from interview.domain.scoring import ScoreResult
from interview.llm.client import Completion, LLMClient
from interview.llm.errors import LLMError
from interview.llm.settings import LLMSettings
from interview.llm.suggest import LLMRequest
from interview.llm.summary_prompt import (
    QuestionEvidence,
    SessionEvidence,
    build_summary_messages,
)
from interview.services.live import LiveSession
from interview.storage.repository import SummaryNote

MAX_TOKENS = 700  # 200 words of prose with room for the bullet lines
PURPOSE = "summary"  # the llm_usage row's purpose


@dataclass(frozen=True, slots=True)
class DraftOutcome:
    text: str = ""
    completion: Completion | None = None
    error: LLMError | None = None
    notice: str = ""  # something to tell the interviewer although a draft arrived

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.text)


def evidence_for(live: LiveSession) -> SessionEvidence:
    state = live.state
    questions = []
    for _, question in live.items:
        asked = tuple(f.text for f in state.followups if f.question_id == question.id and f.asked)
        questions.append(
            QuestionEvidence(
                question=question,
                observed=frozenset(live.observed(question.id)),
                asked=tuple(dict.fromkeys(asked)),  # a probe ticked twice is listed once
                notes=live.notes(question.id),
            )
        )
    result = live.result()
    return SessionEvidence(
        rubric=live.rubric,
        role=state.summary.role,
        level=state.summary.level,
        status=str(state.summary.status),
        scores=dict(state.scores),
        weighted=result.weighted,
        recommendation=_recommendation(result),
        questions=questions,
        justification=state.justification,
        candidate_name=state.summary.candidate,
        interviewer_name=state.summary.interviewer,
    )


def summary_request(live: LiveSession) -> LLMRequest:
    """The request for this session as it stands now (no question: the whole session)."""
    return LLMRequest("", build_summary_messages(evidence_for(live)))


async def draft(
    client: LLMClient, request: LLMRequest, on_text: Callable[[str], None] | None = None
) -> DraftOutcome:
    """Stream a draft. Never raises ``LLMError``: failures come back in ``error``."""
    try:
        completion = await client.stream(request.messages, on_text=on_text, max_tokens=MAX_TOKENS)
    except LLMError as exc:
        return DraftOutcome(error=exc)
    notice = ""
    if completion.truncated:
        notice = "the draft was cut off before its end; finish or trim it before saving"
    return DraftOutcome(text=completion.text.strip(), completion=completion, notice=notice)


def record_usage(live: LiveSession, settings: LLMSettings, outcome: DraftOutcome) -> None:
    """Store the call's token usage (and cost) like every other LLM call of the session."""
    if outcome.completion is None:
        return
    usage = outcome.completion.usage
    live.repo.record_llm_usage(
        live.id,
        outcome.completion.model,
        usage.prompt_tokens,
        usage.completion_tokens,
        settings.cost(usage.prompt_tokens, usage.completion_tokens),
        purpose=PURPOSE,
    )


def _same(a: str, b: str) -> bool:
    """Equal but for spacing: re-wrapping or a trailing newline is not an edit."""
    return a.split() == b.split()


def provenance(
    text: str, *, draft: str | None, draft_model: str, saved: SummaryNote | None
) -> tuple[bool, bool, str]:
    """(ai_drafted, edited, model) for ``text`` about to be saved.

    ``draft`` is the LLM's text when a draft was made since the editor opened. Without
    one, a summary that was AI-drafted stays AI-drafted, and becomes edited once its
    text changes; a summary written by hand stays the interviewer's own.
    """
    if draft is not None:
        return True, not _same(text, draft), draft_model
    if saved is not None and saved.ai_drafted:
        return True, saved.edited or not _same(text, saved.text), saved.model
    return False, False, ""


def save(
    live: LiveSession, text: str, *, draft: str | None = None, draft_model: str = ""
) -> SummaryNote:
    """Save the summary as the interviewer has it on screen. ValueError when it is empty."""
    saved = live.repo.summary_note(live.id)
    ai_drafted, edited, model = provenance(text, draft=draft, draft_model=draft_model, saved=saved)
    if ai_drafted:
        from interview.domain.verdicts import find_verdict, verdict_refusal

        if phrase := find_verdict(text):
            raise ValueError(verdict_refusal(phrase))
    if (
        saved is not None
        and saved.text == text
        and (saved.ai_drafted, saved.edited, saved.model) == (ai_drafted, edited, model)
    ):
        return saved  # nothing changed: no new row version, no timeline entry
    return live.repo.save_summary_note(
        live.id, text, ai_drafted=ai_drafted, edited=edited, model=model, actor=live.actor
    )


def _recommendation(result: ScoreResult) -> str:
    """The recommendation as the summary may state it, with the policy rule that decided it."""
    if result.insufficient:
        return result.rule
    if result.recommendation is None:
        return ""
    label = result.recommendation.label
    return f"{label} ({result.rule})" if result.rule else label
