"""A streaming chat client that never hangs the app and always says why it failed.

Wraps ``openai.AsyncOpenAI`` and handles, on purpose, what the client does not:

- its timeout is per read and its retry sleeps ignore it, so every call here runs
  under the app's own overall deadline (``asyncio.timeout``) and a separate
  time-to-first-token limit; the client's own retries are off (``max_retries=0``)
  and its timeout is set explicitly;
- retries are ours: bounded, with exponential backoff and jitter, on connection
  errors, 429 (honouring Retry-After when it fits in the time left) and 5xx, never
  on 400/401/403/404, and never once text has been shown;
- a malformed event raises ``json.JSONDecodeError`` (not an openai error);
- a stream cut at a clean end of body simply ends: no ``finish_reason`` means cut off;
- chunks are not validated, so their shape is checked here;
- an ``{"error": ...}`` event mid-stream raises ``openai.APIError``;
- a circuit breaker stops calling after repeated failures until a cool-down passes.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from interview.llm.breaker import CircuitBreaker
from interview.llm.errors import NOT_COUNTED, Cause, LLMError
from interview.llm.settings import LLMSettings

if TYPE_CHECKING:
    from openai import AsyncOpenAI

Message = Mapping[str, str]
TEMPERATURE = 0.2


@dataclass(frozen=True, slots=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int
    estimated: bool = False  # the server sent no usage; counted as about 4 characters a token


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    finish_reason: str | None
    usage: Usage
    model: str
    first_token_seconds: float | None
    seconds: float
    attempts: int

    @property
    def truncated(self) -> bool:
        """The reply did not end normally: cut off by the server or the token limit."""
        return self.finish_reason != "stop"


class _Retry(Exception):
    """An attempt failed in a way worth trying again (nothing was shown yet)."""

    def __init__(self, error: LLMError, retry_after: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.retry_after = retry_after


class _BadShape(Exception):
    pass


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4) if text else 0


def _retry_after(headers: Mapping[str, str] | None) -> float | None:
    if not headers:
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        raw = headers.get(name)
        if raw is None:
            continue
        try:
            value = float(raw) / scale
        except ValueError:
            continue  # an HTTP date: treat as unknown and use our own backoff
        if value >= 0:
            return value
    return None


def _read_chunk(chunk: Any) -> tuple[str, str | None, Any]:
    """(text, finish_reason, usage) of one streamed chunk; _BadShape if it is not one."""
    choices = getattr(chunk, "choices", None)
    usage = getattr(chunk, "usage", None)
    if not isinstance(choices, list):
        raise _BadShape("reply is not a chat completion stream")
    text, finish = "", None
    for choice in choices:
        delta = getattr(choice, "delta", None)
        content = getattr(delta, "content", None) if delta is not None else None
        if content is not None and not isinstance(content, str):
            raise _BadShape("reply content is not text")
        text += content or ""
        reason = getattr(choice, "finish_reason", None)
        if isinstance(reason, str) and reason:
            finish = reason
    return text, finish, usage


class LLMClient:
    """One per app: holds the (lazily created) AsyncOpenAI client and the breaker."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        breaker: CircuitBreaker | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.settings = settings
        limits = settings.limits
        self.breaker = breaker or CircuitBreaker(limits.breaker_threshold, limits.breaker_cooldown)
        self._clock = clock
        self._sleep = sleep
        self._jitter = jitter
        self._openai: AsyncOpenAI | None = None

    # ------------------------------------------------------------ lifecycle

    def _build(self) -> AsyncOpenAI:
        import openai  # slow to import: only when the first call is made
        from openai.types.chat import ChatCompletionChunk

        limits = self.settings.limits
        client = openai.AsyncOpenAI(
            api_key=self.settings.api_key,
            base_url=self.settings.base_url,
            max_retries=0,  # ours are bounded by the overall deadline; its are not
            timeout=openai.Timeout(limits.total, connect=limits.connect),
        )
        client.chat.completions  # noqa: B018  # loads the resource modules now
        ChatCompletionChunk.model_construct()  # and builds the chunk model
        return client

    def _client(self) -> AsyncOpenAI:
        if self._openai is None:
            self._openai = self._build()
        return self._openai

    async def aclose(self) -> None:
        """Close connections; a later call opens a new client (the breaker is kept)."""
        client, self._openai = self._openai, None
        if client is not None:
            await client.close()

    # ------------------------------------------------------------ the call

    async def stream(
        self,
        messages: Sequence[Message],
        *,
        on_text: Callable[[str], None] | None = None,
        max_tokens: int = 400,
    ) -> Completion:
        """Stream a chat completion, calling ``on_text`` with each piece of text.

        Raises ``LLMError`` (one-line, key-free message, text received so far in
        ``partial``). ``asyncio.CancelledError`` passes through untouched.
        """
        limits = self.settings.limits
        if not self.settings.has_key:
            raise LLMError(Cause.NO_KEY, "set OPENAI_API_KEY (any value for a local server)")
        if problem := self.settings.url_problem():
            raise LLMError(Cause.CONFIG, problem)
        if not self.breaker.allow():
            raise LLMError(
                Cause.CIRCUIT_OPEN,
                f"{self.breaker.failures} failed calls in a row; "
                f"trying again in {self.breaker.retry_in():.0f} s",
            )
        # The whole call, setting up the client included, keeps to ``limits.total``.
        deadline = asyncio.get_running_loop().time() + limits.total
        received: list[str] = []
        started = self._clock()
        if self._openai is None:
            # Importing openai and building its client (lazy submodules, pydantic models)
            # takes most of a second, several on a busy machine: do it in a thread, off
            # the event loop, and count it against the deadline.
            try:
                async with asyncio.timeout_at(deadline):
                    client = await asyncio.to_thread(self._build)
            except TimeoutError:
                raise LLMError(
                    Cause.TIMEOUT, f"no complete reply within {limits.total:g} s"
                ) from None
            except Exception as exc:
                detail = self.settings.redact(f"{type(exc).__name__}: {exc}")
                raise LLMError(Cause.CONFIG, f"cannot set up the client ({detail})") from None
            if self._openai is None:
                self._openai = client
            else:
                await client.close()
        try:
            try:
                async with asyncio.timeout_at(deadline):
                    result = await self._with_retries(
                        messages, received, on_text, max_tokens, started
                    )
            except TimeoutError:
                raise LLMError(
                    Cause.TIMEOUT,
                    f"no complete reply within {limits.total:g} s",
                    partial="".join(received),
                ) from None
            except LLMError:
                raise
            except Exception as exc:  # anything the openai client lets through unwrapped
                detail = self.settings.redact(f"{type(exc).__name__}: {exc}")
                raise LLMError(
                    Cause.FAILED, f"unexpected {detail}", partial="".join(received)
                ) from None
        except LLMError as exc:
            if exc.cause not in NOT_COUNTED:
                self.breaker.record_failure()
            raise
        if result.truncated:
            self.breaker.record_failure()
        else:
            self.breaker.record_success()
        return result

    async def _with_retries(
        self,
        messages: Sequence[Message],
        received: list[str],
        on_text: Callable[[str], None] | None,
        max_tokens: int,
        started: float,
    ) -> Completion:
        limits = self.settings.limits
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._attempt(
                    messages, received, on_text, max_tokens, started, attempt
                )
            except _Retry as retry:
                if attempt > limits.retries:
                    error = retry.error
                    if attempt > 1:
                        error = LLMError(error.cause, f"{error.detail} after {attempt} attempts")
                    raise error from None
                left = limits.total - (self._clock() - started)
                if retry.retry_after is not None:
                    if retry.retry_after >= left:
                        raise LLMError(
                            retry.error.cause,
                            f"{retry.error.detail}; server asks to wait "
                            f"{retry.retry_after:g} s, more than the {max(left, 0):.0f} s left",
                        ) from None
                    delay = retry.retry_after
                else:
                    step = min(limits.backoff_max, limits.backoff_base * 2 ** (attempt - 1))
                    delay = step * (0.5 + self._jitter() / 2)
                await self._sleep(max(0.0, min(delay, left)))

    async def _attempt(
        self,
        messages: Sequence[Message],
        received: list[str],
        on_text: Callable[[str], None] | None,
        max_tokens: int,
        started: float,
        attempt: int,
    ) -> Completion:
        import openai

        limits = self.settings.limits
        client = self._client()
        stream: Any = None
        finish: str | None = None
        usage: Any = None
        first_at: float | None = None
        try:
            async with asyncio.timeout(limits.first_token) as first_token_deadline:
                stream = await client.chat.completions.create(
                    model=self.settings.model,
                    messages=cast(Any, [dict(m) for m in messages]),
                    stream=True,
                    stream_options={"include_usage": True},
                    max_tokens=max_tokens,
                    temperature=TEMPERATURE,
                )
                async for chunk in stream:
                    text, chunk_finish, chunk_usage = _read_chunk(chunk)
                    if text:
                        if first_at is None:
                            first_at = self._clock()
                            first_token_deadline.reschedule(None)
                        received.append(text)
                        if on_text is not None:
                            on_text(text)
                    finish = chunk_finish or finish
                    usage = chunk_usage or usage
        except TimeoutError:
            if first_token_deadline.expired():
                raise LLMError(
                    Cause.TIMEOUT, f"no first token within {limits.first_token:g} s"
                ) from None
            raise  # the overall deadline: handled by the caller
        except json.JSONDecodeError:
            raise LLMError(
                Cause.UNREADABLE, "malformed JSON in the stream", partial="".join(received)
            ) from None
        except _BadShape as exc:
            raise LLMError(Cause.UNREADABLE, str(exc), partial="".join(received)) from None
        except openai.APIStatusError as exc:
            raise self._status_error(exc) from None
        except openai.APITimeoutError:
            error = LLMError(Cause.TIMEOUT, f"could not connect to {self.settings.host} in time")
            raise self._retry_if_nothing_shown(error, received) from None
        except openai.APIConnectionError:
            if received:
                raise LLMError(
                    Cause.CONNECT, "connection dropped mid-reply", partial="".join(received)
                ) from None
            raise _Retry(LLMError(Cause.CONNECT, f"cannot reach {self.settings.host}")) from None
        except openai.APIError as exc:
            # An {"error": ...} event inside a 200 stream.
            error = LLMError(
                Cause.SERVER,
                "error mid-stream: " + self.settings.redact(str(exc.message))[:80],
                partial="".join(received),
            )
            raise self._retry_if_nothing_shown(error, received) from None
        finally:
            if stream is not None:
                await stream.close()

        text = "".join(received)
        if not text.strip():
            raise LLMError(
                Cause.UNREADABLE,
                "empty reply" if finish else "stream ended before any text",
            )
        return Completion(
            text=text,
            finish_reason=finish,
            usage=self._usage(usage, messages, text),
            model=self.settings.model,
            first_token_seconds=None if first_at is None else first_at - started,
            seconds=self._clock() - started,
            attempts=attempt,
        )

    # ------------------------------------------------------------ helpers

    def _retry_if_nothing_shown(self, error: LLMError, received: list[str]) -> Exception:
        return error if received else _Retry(error)

    def _status_error(self, exc: Any) -> Exception:
        status = int(getattr(exc, "status_code", 0) or 0)
        server_says = self.settings.redact(str(getattr(exc, "message", "") or ""))
        server_says = server_says.split(" - ", 1)[-1][:80]
        if status in (401, 403):
            return LLMError(Cause.AUTH, f"HTTP {status} from {self.settings.host}: check the key")
        if status == 404:
            return LLMError(
                Cause.NOT_FOUND,
                f"HTTP 404: model '{self.settings.model}' or the endpoint does not exist",
            )
        if status == 429:
            headers = getattr(getattr(exc, "response", None), "headers", None)
            return _Retry(LLMError(Cause.RATE_LIMITED, "HTTP 429"), _retry_after(headers))
        if status >= 500 or status in (408, 409):
            return _Retry(LLMError(Cause.SERVER, f"HTTP {status}"))
        return LLMError(Cause.REJECTED, f"HTTP {status}: {server_says}")

    def _usage(self, usage: Any, messages: Sequence[Message], text: str) -> Usage:
        prompt = getattr(usage, "prompt_tokens", None)
        completion = getattr(usage, "completion_tokens", None)
        if isinstance(prompt, int) and isinstance(completion, int):
            return Usage(prompt, completion)
        prompt_chars = "".join(str(m.get("content", "")) for m in messages)
        return Usage(_estimate_tokens(prompt_chars), _estimate_tokens(text), estimated=True)
