"""The streaming client against a fault-injecting OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest
from fake_openai import DEFAULT_REPLY, FakeOpenAI, tokens
from followups_support import FAKE_KEY, FAST, fake_settings

from interview.llm.breaker import BreakerState, CircuitBreaker
from interview.llm.client import LLMClient
from interview.llm.errors import Cause, LLMError
from interview.llm.settings import Limits
from interview.llm.suggest import LLMRequest, fetch

MESSAGES = [{"role": "user", "content": "hello"}]


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


class Sleeps:
    """Records backoff waits instead of sleeping them."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        await asyncio.sleep(0)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def call(fake: FakeOpenAI, limits: Limits = FAST, **kwargs: object) -> LLMClient:
    client = LLMClient(fake_settings(fake.base_url, limits=limits), **kwargs)  # type: ignore[arg-type]
    return client


async def failure(client: LLMClient) -> LLMError:
    try:
        await client.stream(MESSAGES)
    except LLMError as exc:
        assert FAKE_KEY not in exc.message
        return exc
    finally:
        await client.aclose()
    raise AssertionError("the call should have failed")


# ------------------------------------------------------------ success


async def test_normal_stream_delivers_every_token_and_usage(fake: FakeOpenAI) -> None:
    client = await call(fake)
    pieces: list[str] = []
    result = await client.stream(MESSAGES, on_text=pieces.append)
    await client.aclose()
    assert result.text == DEFAULT_REPLY == "".join(pieces)
    assert len(pieces) == len(tokens(DEFAULT_REPLY))
    assert result.finish_reason == "stop" and not result.truncated
    assert (result.usage.prompt_tokens, result.usage.estimated) == (120, False)
    assert result.attempts == 1
    (request,) = fake.requests
    assert request.body["stream"] is True and request.body["model"] == "fake-model"
    assert request.headers["authorization"] == f"Bearer {FAKE_KEY}"
    assert FAKE_KEY not in fake.bodies_received()


async def test_slow_first_token_within_the_limit_is_fine(fake: FakeOpenAI) -> None:
    fake.set_scenario("slow_first_token")
    fake.first_token_delay = 0.3
    client = await call(fake)
    result = await client.stream(MESSAGES)
    await client.aclose()
    assert result.text == DEFAULT_REPLY
    assert result.first_token_seconds is not None and result.first_token_seconds >= 0.3


async def test_the_client_is_created_lazily_with_its_own_retries_off(fake: FakeOpenAI) -> None:
    client = await call(fake)
    assert client._openai is None
    await client.stream(MESSAGES)
    openai_client = client._openai
    assert openai_client is not None
    assert openai_client.max_retries == 0
    assert openai_client.timeout.connect == FAST.connect  # type: ignore[union-attr]
    assert openai_client.timeout.read == FAST.total  # type: ignore[union-attr]
    await client.aclose()
    assert client._openai is None and openai_client.is_closed()


# ------------------------------------------------------------ faults


async def test_hang_stops_at_the_first_token_limit_without_retrying(fake: FakeOpenAI) -> None:
    fake.set_scenario("hang")
    error = await failure(await call(fake))
    assert error.cause is Cause.TIMEOUT
    assert error.message == "timed out: no first token within 1 s"
    assert len(fake.requests) == 1


async def test_overall_deadline_cuts_a_slow_stream_and_keeps_what_arrived(
    fake: FakeOpenAI,
) -> None:
    fake.token_delay = 0.1
    limits = Limits(connect=1, first_token=1, total=0.6, retries=0)
    error = await failure(await call(fake, limits))
    assert error.cause is Cause.TIMEOUT
    assert error.message == "timed out: no complete reply within 0.6 s"
    assert error.partial and DEFAULT_REPLY.startswith(error.partial)


async def test_429_honours_retry_after_then_succeeds(fake: FakeOpenAI) -> None:
    fake.set_scenario("normal", "rate_limited")
    fake.retry_after = 0.25
    sleeps = Sleeps()
    client = await call(fake, sleep=sleeps)
    result = await client.stream(MESSAGES)
    await client.aclose()
    assert result.attempts == 2 and result.text == DEFAULT_REPLY
    assert sleeps.delays == [0.25]


async def test_429_asking_to_wait_past_the_deadline_fails_at_once(fake: FakeOpenAI) -> None:
    fake.set_scenario("rate_limited")
    fake.retry_after = 60
    sleeps = Sleeps()
    error = await failure(await call(fake, sleep=sleeps))
    assert error.cause is Cause.RATE_LIMITED
    assert "server asks to wait 60 s" in error.message
    assert len(fake.requests) == 1 and sleeps.delays == []


async def test_5xx_is_retried_with_backoff_and_jitter(fake: FakeOpenAI) -> None:
    fake.set_scenario("normal", "server_error", "server_error")
    sleeps = Sleeps()
    client = await call(fake, sleep=sleeps, jitter=lambda: 1.0)
    result = await client.stream(MESSAGES)
    await client.aclose()
    assert result.attempts == 3
    assert sleeps.delays == [0.02, 0.04]  # base, doubled; jitter=1.0 keeps the full step


async def test_retries_are_bounded(fake: FakeOpenAI) -> None:
    fake.set_scenario("server_error")
    sleeps = Sleeps()
    error = await failure(await call(fake, sleep=sleeps, jitter=lambda: 0.0))
    assert error.message == "server error: HTTP 500 after 3 attempts"
    assert len(fake.requests) == 3
    assert sleeps.delays == [0.01, 0.02]  # jitter=0.0 halves the step


@pytest.mark.parametrize(
    ("scenario", "cause", "message"),
    [
        ("auth_error", Cause.AUTH, "auth refused: HTTP 401 from {host}: check the key"),
        ("not_found", Cause.NOT_FOUND, "not found: HTTP 404: model 'fake-model' or the endpoint"),
    ],
)
async def test_4xx_is_not_retried(
    fake: FakeOpenAI, scenario: str, cause: Cause, message: str
) -> None:
    fake.set_scenario(scenario)
    error = await failure(await call(fake))
    assert error.cause is cause
    assert error.message.startswith(message.format(host=f"127.0.0.1:{fake.port}"))
    assert len(fake.requests) == 1


async def test_connection_refused_is_retried_then_named() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    client = LLMClient(fake_settings(f"http://127.0.0.1:{port}/v1"), sleep=Sleeps())
    error = await failure(client)
    assert error.cause is Cause.CONNECT
    assert error.message == f"cannot connect: cannot reach 127.0.0.1:{port} after 3 attempts"


async def test_malformed_json_is_an_unreadable_reply(fake: FakeOpenAI) -> None:
    fake.set_scenario("malformed_json")
    error = await failure(await call(fake))
    assert (error.cause, error.message) == (
        Cause.UNREADABLE,
        "unreadable reply: malformed JSON in the stream",
    )
    assert len(fake.requests) == 1


async def test_wrongly_shaped_reply_is_caught(fake: FakeOpenAI) -> None:
    fake.set_scenario("wrong_shape")
    error = await failure(await call(fake))
    assert error.message == "unreadable reply: reply is not a chat completion stream"


async def test_error_event_mid_stream_keeps_the_partial_text(fake: FakeOpenAI) -> None:
    fake.set_scenario("error_event")
    error = await failure(await call(fake))
    assert error.message == "server error: error mid-stream: The model is overloaded"
    assert error.partial == "".join(tokens(DEFAULT_REPLY)[:4])
    assert len(fake.requests) == 1  # text was already shown: not retried


async def test_stream_cut_at_a_clean_end_is_reported_as_truncated(fake: FakeOpenAI) -> None:
    fake.set_scenario("cut_midway")
    client = await call(fake)
    result = await client.stream(MESSAGES)
    await client.aclose()
    assert result.truncated and result.finish_reason is None
    assert result.text == "".join(tokens(DEFAULT_REPLY)[:4])
    assert result.usage.estimated


async def test_connection_dropped_mid_reply(fake: FakeOpenAI) -> None:
    fake.set_scenario("reset_midway")
    error = await failure(await call(fake))
    assert error.message == "cannot connect: connection dropped mid-reply"
    assert error.partial == "".join(tokens(DEFAULT_REPLY)[:4])


async def test_empty_reply(fake: FakeOpenAI) -> None:
    fake.set_scenario("empty")
    error = await failure(await call(fake))
    assert error.message == "unreadable reply: empty reply"


async def test_no_key_fails_before_any_request(fake: FakeOpenAI) -> None:
    client = LLMClient(fake_settings(fake.base_url, key=""))
    error = await failure(client)
    assert error.cause is Cause.NO_KEY
    assert fake.requests == []


async def test_cancelling_a_hung_call_is_clean(fake: FakeOpenAI) -> None:
    fake.set_scenario("hang")
    client = await call(fake, limits=Limits(first_token=30, total=60))
    task = asyncio.create_task(client.stream(MESSAGES))
    while not fake.requests:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert client.breaker.failures == 0  # a cancel says nothing about the endpoint
    assert asyncio.all_tasks() == {asyncio.current_task()}  # nothing left running
    pool = client._openai._client._transport._pool  # type: ignore[union-attr]
    assert list(pool.connections) == []  # the hung connection was closed, not pooled
    fake.set_scenario("normal")
    assert (await client.stream(MESSAGES)).text == DEFAULT_REPLY
    await client.aclose()


# ------------------------------------------------------------ circuit breaker


async def test_breaker_opens_after_repeated_failures_and_closes_after_cool_down(
    fake: FakeOpenAI,
) -> None:
    clock = Clock()
    breaker = CircuitBreaker(threshold=3, cooldown=60, clock=clock)
    fake.set_scenario("auth_error")
    client = await call(fake, breaker=breaker)
    for _ in range(3):
        with pytest.raises(LLMError):
            await client.stream(MESSAGES)
    assert breaker.state is BreakerState.OPEN
    with pytest.raises(LLMError) as refused:
        await client.stream(MESSAGES)
    assert refused.value.cause is Cause.CIRCUIT_OPEN
    assert refused.value.message == ("circuit open: 3 failed calls in a row; trying again in 60 s")
    assert len(fake.requests) == 3  # the open circuit sent nothing

    clock.now += 60
    assert breaker.state is BreakerState.HALF_OPEN
    with pytest.raises(LLMError) as trial:  # one trial call; it fails: open again
        await client.stream(MESSAGES)
    assert trial.value.cause is Cause.AUTH
    assert breaker.state is BreakerState.OPEN and len(fake.requests) == 4

    clock.now += 60
    fake.set_scenario("normal")
    assert (await client.stream(MESSAGES)).text == DEFAULT_REPLY
    assert breaker.state is BreakerState.CLOSED and breaker.failures == 0
    await client.aclose()


# ------------------------------------------------------------ reading suggestions


async def test_fetch_reads_three_suggestions(fake: FakeOpenAI) -> None:
    client = await call(fake)
    outcome = await fetch(client, LLMRequest("q", MESSAGES))
    await client.aclose()
    assert outcome.ok and outcome.notice == ""
    assert [s.reason for s in outcome.suggestions] == [
        "checks idempotency",
        "unknown outcome",
        "state machine",
    ]


async def test_fetch_keeps_only_whole_lines_of_a_cut_reply(fake: FakeOpenAI) -> None:
    two_lines = "".join(DEFAULT_REPLY.splitlines(keepends=True)[:2])
    fake.set_scenario("cut_midway")
    fake.tokens_before_fault = len(tokens(two_lines)) + 3
    client = await call(fake)
    outcome = await fetch(client, LLMRequest("q", MESSAGES))
    await client.aclose()
    assert outcome.error is None and len(outcome.suggestions) == 2
    assert outcome.notice == "reply cut off: kept the 2 complete suggestion(s) that arrived"


async def test_fetch_reports_an_off_format_reply_but_keeps_its_usage(fake: FakeOpenAI) -> None:
    fake.reply = "I would ask them about their favourite colour."
    client = await call(fake)
    outcome = await fetch(client, LLMRequest("q", MESSAGES))
    await client.aclose()
    assert outcome.error is not None
    assert outcome.error.message == "unreadable reply: reply was not in the FOLLOW-UP format"
    assert outcome.completion is not None and outcome.completion.usage.prompt_tokens == 120


@pytest.mark.parametrize("url", ["not-a-url", "ftp://host/v1", "http://[::1", "http://h:99999/v1"])
async def test_a_bad_base_url_is_a_setting_problem_not_a_crash(url: str) -> None:
    client = LLMClient(fake_settings(url))
    error = await failure(client)
    assert error.cause is Cause.CONFIG
    assert error.message.startswith(f"bad setting: '{url}' is not a")
    assert client.breaker.failures == 0


async def test_anything_unexpected_still_ends_as_one_line(fake: FakeOpenAI) -> None:
    def broken(_: str) -> None:
        raise RuntimeError("display went away")

    client = await call(fake)
    with pytest.raises(LLMError) as caught:
        await client.stream(MESSAGES, on_text=broken)
    await client.aclose()
    assert caught.value.message == "failed: unexpected RuntimeError: display went away"
