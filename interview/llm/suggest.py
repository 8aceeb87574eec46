"""LLM follow-up suggestions for a live session: build the request, run it, read it, record it.

Runs without Textual. The UI calls ``request_for`` (what will be sent, also shown in
the preview), awaits ``fetch`` in a worker, then ``record`` on the UI side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from interview.domain.records import FollowUpSource
from interview.llm.client import Completion, LLMClient
from interview.llm.errors import Cause, LLMError
from interview.llm.prompt import build_messages, parse_reply
from interview.llm.settings import LLMSettings
from interview.services.followups import (
    Suggestion,
    heard_signals,
    record_suggestions,
)
from interview.services.live import LiveSession

MAX_TOKENS = 400  # three one-line follow-ups fit with room to spare


@dataclass(frozen=True, slots=True)
class LLMRequest:
    question_id: str
    messages: list[dict[str, str]]


@dataclass(frozen=True, slots=True)
class LLMOutcome:
    question_id: str
    suggestions: tuple[Suggestion, ...] = ()
    completion: Completion | None = None
    error: LLMError | None = None
    notice: str = ""  # something to tell the user although suggestions arrived

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.suggestions)


@dataclass
class LLMRuntime:
    """What the app keeps for LLM calls: settings and one client (with its breaker)."""

    settings: LLMSettings
    client_factory: Callable[[LLMSettings], LLMClient] = LLMClient
    _client: LLMClient | None = field(default=None, repr=False)

    @property
    def client(self) -> LLMClient:
        if self._client is None:
            self._client = self.client_factory(self.settings)
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


def request_for(
    live: LiveSession, question_id: str | None = None, notes: str | None = None
) -> LLMRequest:
    question = (
        live.question
        if question_id is None
        else next(q for _, q in live.items if q.id == question_id)
    )
    text = live.notes(question.id) if notes is None else notes
    summary = live.state.summary
    messages = build_messages(
        question=question,
        rubric=live.rubric,
        notes=text,
        heard=heard_signals(question, text, live.observed(question.id)),
        asked=live.asked_follow_ups(question.id),
        candidate_name=summary.candidate,
        interviewer_name=summary.interviewer,
    )
    return LLMRequest(question.id, messages)


def _complete_lines(completion: Completion) -> str:
    """A cut-off reply's last line is unfinished: keep only whole lines."""
    text = completion.text
    if completion.truncated and not text.endswith("\n"):
        text = text.rpartition("\n")[0]
    return text


async def fetch(
    client: LLMClient, request: LLMRequest, on_text: Callable[[str], None] | None = None
) -> LLMOutcome:
    """Run the request. Never raises ``LLMError``: failures come back in ``error``."""
    try:
        completion = await client.stream(request.messages, on_text=on_text, max_tokens=MAX_TOKENS)
    except LLMError as exc:
        return LLMOutcome(request.question_id, error=exc)
    parsed = parse_reply(_complete_lines(completion))
    if not parsed:
        detail = (
            "reply cut off before a complete suggestion"
            if completion.truncated
            else "reply was not in the FOLLOW-UP format"
        )
        return LLMOutcome(
            request.question_id,
            completion=completion,
            error=LLMError(Cause.UNREADABLE, detail, partial=completion.text),
        )
    suggestions = tuple(
        Suggestion(
            text=p.text, reason=p.reason or "suggested by the LLM", source=FollowUpSource.LLM
        )
        for p in parsed
    )
    notice = ""
    if completion.truncated:
        notice = f"reply cut off: kept the {len(parsed)} complete suggestion(s) that arrived"
    elif len(parsed) < 3:
        notice = f"the reply held only {len(parsed)} suggestion(s)"
    return LLMOutcome(request.question_id, suggestions, completion, notice=notice)


def record(live: LiveSession, settings: LLMSettings, outcome: LLMOutcome) -> LLMOutcome:
    """Store token usage (and cost) and the suggestions; returns them with row ids."""
    if outcome.completion is not None:
        usage = outcome.completion.usage
        live.repo.record_llm_usage(
            live.id,
            outcome.completion.model,
            usage.prompt_tokens,
            usage.completion_tokens,
            settings.cost(usage.prompt_tokens, usage.completion_tokens),
        )
    if not outcome.suggestions:
        return outcome
    stored = record_suggestions(live, outcome.question_id, outcome.suggestions)
    return LLMOutcome(
        outcome.question_id, tuple(stored), outcome.completion, outcome.error, outcome.notice
    )


def usage_line(live: LiveSession) -> str:
    """'LLM: 2 calls · 1,204 tokens · $0.0007' for the session, or '' before any call."""
    usage = live.repo.llm_usage(live.id)
    if not usage["calls"]:
        return ""
    tokens = usage["prompt_tokens"] + usage["completion_tokens"]
    line = f"LLM: {usage['calls']} call{'s' if usage['calls'] != 1 else ''} · {tokens:,} tokens"
    if usage["cost"] is not None:
        line += f" · ${usage['cost']:.4f}"
    return line
