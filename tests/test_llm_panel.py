"""The suggestions panel in a running app: offline at once, LLM streamed, every fault survived.

A tiny app mounts the panel next to a notes editor, as the interview screen does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai import DEFAULT_REPLY, FakeOpenAI, tokens, wait_for_requests
from followups_support import (
    CANDIDATE,
    FAKE_KEY,
    INTERVIEWER,
    dump_database,
    fake_settings,
    fixture_services,
    start_session,
)
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static, TextArea

from interview.domain.records import FollowUpSource
from interview.llm.breaker import CircuitBreaker
from interview.llm.client import LLMClient
from interview.llm.settings import Limits, LLMSettings
from interview.llm.suggest import LLMRuntime
from interview.services.container import Services
from interview.services.followups import offline_suggestions
from interview.services.live import LiveSession
from interview.tui.screens.llm_preview import LLMPreviewScreen
from interview.tui.widgets.suggestions import SuggestionsPanel


class PanelApp(App[None]):
    BINDINGS = [
        Binding("ctrl+f", "suggest", "Suggest", priority=True),
        Binding("ctrl+l", "toggle_llm", "LLM", priority=True),
    ]

    def __init__(self, live: LiveSession, runtime: LLMRuntime) -> None:
        super().__init__()
        self.live = live
        self.runtime = runtime
        self.notices: list[str] = []

    def compose(self) -> ComposeResult:
        yield TextArea(id="notes")
        yield SuggestionsPanel(
            self.live, notes=lambda: self.query_one(TextArea).text, runtime=self.runtime
        )

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def notify(self, message: str, **kwargs: object) -> None:  # type: ignore[override]
        self.notices.append(message)
        super().notify(message, **kwargs)  # type: ignore[arg-type]

    @property
    def panel(self) -> SuggestionsPanel:
        return self.query_one(SuggestionsPanel)

    def action_suggest(self) -> None:
        self.panel.action_suggest()

    def action_toggle_llm(self) -> None:
        self.panel.action_toggle_llm()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def services(clock: object) -> Iterator[Services]:
    svc = fixture_services(clock)
    yield svc
    svc.repo.db.conn.close()


@pytest.fixture
def live(services: Services) -> LiveSession:
    return start_session(services)


def runtime_for(settings: LLMSettings, breaker_clock: Clock | None = None) -> LLMRuntime:
    async def no_wait(_: float) -> None:
        return None

    def factory(s: LLMSettings) -> LLMClient:
        breaker = CircuitBreaker(s.limits.breaker_threshold, 60, clock=breaker_clock or Clock())
        return LLMClient(s, breaker=breaker, sleep=no_wait)

    return LLMRuntime(settings, client_factory=factory)


def enable(live: LiveSession) -> None:
    live.repo.set_llm_enabled(live.id, True)
    live.state.llm_enabled = True


def shown(app: PanelApp) -> list[str]:
    return [s.text for s in app.panel.suggestions]


def offline_texts(live: LiveSession, notes: str = "") -> list[str]:
    return [s.text for s in offline_suggestions(live, notes=notes)]


async def settle(pilot: object, app: PanelApp) -> None:
    worker = app.panel.llm_worker
    if worker is not None:
        await app.workers.wait_for_complete([worker])
    await pilot.pause()  # type: ignore[attr-defined]


def option_texts(app: PanelApp) -> list[str]:
    options = app.query_one("#suggestion-list", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


# ------------------------------------------------------------ offline, no key


async def test_offline_suggestions_appear_at_once_without_a_key(live: LiveSession) -> None:
    settings = fake_settings("http://127.0.0.1:9/v1", key="")
    app = PanelApp(live, runtime_for(settings))
    async with app.run_test(size=(120, 40)) as pilot:
        assert shown(app) == offline_texts(live)
        title = str(app.query_one("#suggestions-title", Static).render())
        assert title == "Follow-ups · offline"
        first = option_texts(app)[0]
        assert first.startswith("! Two identical requests arrive at once")
        assert "probes: idempotency key, row lock — not yet heard" in first

        await pilot.press("ctrl+l")  # turning the LLM on without a key
        assert not isinstance(app.screen, LLMPreviewScreen)
        assert app.notices[-1] == (
            "LLM no key: set OPENAI_API_KEY (any value for a local server) "
            "— showing offline suggestions"
        )
        assert not live.repo.load_state(live.id).llm_enabled


async def test_suggest_records_the_offline_list_and_digits_mark_asked(live: LiveSession) -> None:
    app = PanelApp(live, runtime_for(fake_settings("http://127.0.0.1:9/v1", key="")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        rows = live.repo.load_state(live.id).followups
        assert [(r.follow_up_id, r.source, r.asked) for r in rows] == [
            ("double-submit", "offline", False),
            ("client-retries", "offline", False),
            ("provider-timeout", "offline", False),
        ]
        app.query_one("#suggestion-list").focus()
        await pilot.press("at")  # shift+2: suggestion 2
        assert live.asked_follow_ups("fu-payment") == {"client-retries"}
        assert "client-retries" not in [s.follow_up_id for s in app.panel.suggestions]
        assert app.notices[-1] == "Asked: The client times out and retries. What happens?"


async def test_typed_notes_steer_the_offline_list(live: LiveSession) -> None:
    app = PanelApp(live, runtime_for(fake_settings("http://127.0.0.1:9/v1", key="")))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"dedupe table", "ctrl+f")
        assert "The client times out and retries. What happens?" not in shown(app)


# ------------------------------------------------------------ LLM: opt-in, preview, stream


async def test_preview_shows_exactly_what_is_sent_and_nothing_before_consent(
    live: LiveSession, fake: FakeOpenAI
) -> None:
    app = PanelApp(live, runtime_for(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(TextArea).text = "Ada Lovelace wants a dedupe key"
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, LLMPreviewScreen)
        preview = str(app.screen.query_one("#preview-text", Static).render())
        assert f"POST {fake.base_url}/chat/completions" in preview
        assert "the candidate wants a dedupe key" in preview
        assert "Ada" not in preview and "Lovelace" not in preview
        assert FAKE_KEY not in preview
        assert fake.requests == []
        await pilot.press("n")
        assert not isinstance(app.screen, LLMPreviewScreen)
        assert fake.requests == [] and not live.repo.load_state(live.id).llm_enabled

        await pilot.press("ctrl+l", "y")
        await settle(pilot, app)
        assert live.repo.load_state(live.id).llm_enabled
        (request,) = fake.requests
        sent = request.body["messages"]
        for message in sent:  # the preview showed every message exactly as sent
            assert f"── {message['role']} ──\n{message['content']}\n" in preview


async def test_llm_suggestions_stream_in_then_replace_the_list(
    live: LiveSession, fake: FakeOpenAI
) -> None:
    fake.token_delay = 0.02  # about 50 tokens/s
    enable(live)
    app = PanelApp(live, runtime_for(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_suggest()  # not pilot.press: it waits for the CPU to go idle
        stream = app.query_one("#llm-stream", Static)
        for _ in range(250):
            if app.panel._stream_text:
                break
            await asyncio.sleep(0.02)
        assert str(stream.render()).startswith("fake-model ▸ FOLLOW-UP:")
        assert app.panel.source is FollowUpSource.OFFLINE  # offline list until complete
        await settle(pilot, app)
        assert app.panel.source is FollowUpSource.LLM
        assert shown(app)[0] == (
            "What happens if the client retries the same request after a timeout?"
        )
        assert str(app.query_one("#suggestions-title", Static).render()) == "Follow-ups · LLM"
        # Once the list is shown, the stream's line shows the session's token usage.
        assert str(stream.render()) == f"LLM: 1 call · {120 + len(tokens(DEFAULT_REPLY))} tokens"
        sources = [r.source for r in live.repo.load_state(live.id).followups]
        assert sources == ["offline"] * 3 + ["llm"] * 3


# ------------------------------------------------------------ LLM faults


FAULTS = [
    ("hang", "LLM timed out: no first token within 1 s"),
    ("slow_first_token", "LLM timed out: no first token within 1 s"),
    ("rate_limited", "LLM rate limited: HTTP 429"),
    ("server_error", "LLM server error: HTTP 500 after 3 attempts"),
    ("auth_error", "LLM auth refused: HTTP 401"),
    ("malformed_json", "LLM unreadable reply: malformed JSON in the stream"),
    ("cut_midway", "LLM unreadable reply: reply cut off before a complete suggestion"),
    ("reset_midway", "LLM cannot connect: connection dropped mid-reply"),
    ("wrong_shape", "LLM unreadable reply: reply is not a chat completion stream"),
    ("error_event", "LLM server error: error mid-stream: The model is overloaded"),
    ("empty", "LLM unreadable reply: empty reply"),
]


@pytest.mark.parametrize(("scenario", "expected"), FAULTS, ids=[f[0] for f in FAULTS])
async def test_each_fault_names_its_cause_falls_back_and_keeps_typing(
    live: LiveSession, fake: FakeOpenAI, scenario: str, expected: str
) -> None:
    fake.set_scenario(scenario)
    fake.first_token_delay = 5  # slower than the 1 s limit
    fake.retry_after = 60  # more than the time left: fail at once
    enable(live)
    app = PanelApp(live, runtime_for(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        assert await wait_for_requests(fake, 1)
        await pilot.press(*"still typing")  # during the fault
        await settle(pilot, app)
        assert app.query_one(TextArea).text == "still typing"
        assert app.notices[-1].startswith(expected)
        assert app.notices[-1].endswith("— showing offline suggestions")
        assert app.panel.source is FollowUpSource.OFFLINE
        assert shown(app) == offline_texts(live, "still typing")
        line = str(app.query_one("#llm-stream", Static).render())
        cause = expected.split(":")[0]
        assert line.startswith(f"{cause}: offline suggestions shown")
        if scenario in ("cut_midway", "reset_midway", "error_event"):  # what arrived is kept
            assert line.endswith("cut off after: FOLLOW-UP: What happens if")
        assert FAKE_KEY not in "\n".join(app.notices)
        assert not app.panel.streaming


async def test_keys_are_processed_while_the_request_hangs(
    live: LiveSession, fake: FakeOpenAI
) -> None:
    fake.set_scenario("hang")
    enable(live)
    settings = fake_settings(fake.base_url, limits=Limits(first_token=30, total=60))
    app = PanelApp(live, runtime_for(settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        assert await wait_for_requests(fake, 1)
        await pilot.press(*"uses outbox", "enter", *"retries")
        assert app.panel.streaming  # still waiting on the server
        assert app.query_one(TextArea).text == ("uses outbox\nretries")
        # Moving to another question cancels the hung request cleanly.
        live.goto(1, 10.0)
        app.panel.question_changed()
        await pilot.pause()
        assert app.panel.llm_worker is not None
        assert app.panel.llm_worker.is_cancelled
        assert str(app.query_one("#llm-stream", Static).render()) == ""
        assert shown(app) == ["What would you not mock?"]
        assert app.panel.runtime.client.breaker.failures == 0
        assert not any("LLM" in n and "timed out" in n for n in app.notices)


async def test_a_new_request_cancels_the_old_one(live: LiveSession, fake: FakeOpenAI) -> None:
    fake.set_scenario("normal", "hang")
    enable(live)
    settings = fake_settings(fake.base_url, limits=Limits(first_token=30, total=60))
    app = PanelApp(live, runtime_for(settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        assert await wait_for_requests(fake, 1)
        first = app.panel.llm_worker
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        assert first is not None and first.is_cancelled
        assert app.panel.source is FollowUpSource.LLM
        assert len(shown(app)) == 3


async def test_a_cut_reply_keeps_the_complete_suggestions_and_says_so(
    live: LiveSession, fake: FakeOpenAI
) -> None:
    two_lines = "".join(DEFAULT_REPLY.splitlines(keepends=True)[:2])
    fake.set_scenario("cut_midway")
    fake.tokens_before_fault = len(tokens(two_lines)) + 3
    enable(live)
    app = PanelApp(live, runtime_for(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        assert app.panel.source is FollowUpSource.LLM and len(shown(app)) == 2
        assert app.notices[-1] == (
            "LLM: reply cut off: kept the 2 complete suggestion(s) that arrived"
        )


async def test_breaker_opens_in_the_app_and_closes_after_the_cool_down(
    live: LiveSession, fake: FakeOpenAI
) -> None:
    fake.set_scenario("auth_error")
    enable(live)
    clock = Clock()
    app = PanelApp(live, runtime_for(fake_settings(fake.base_url), breaker_clock=clock))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await pilot.press("ctrl+f")
            await settle(pilot, app)
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        assert app.notices[-1].startswith(
            "LLM circuit open: 3 failed calls in a row; trying again in 60 s"
        )
        assert len(fake.requests) == 3
        assert shown(app) == offline_texts(live)

        clock.now += 60
        fake.set_scenario("normal")
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        assert len(fake.requests) == 4
        assert app.panel.source is FollowUpSource.LLM


# ------------------------------------------------------------ privacy and clean-up


async def test_no_name_and_no_key_leave_the_machine_or_reach_storage(
    live: LiveSession, fake: FakeOpenAI, services: Services, isolated_home: Path
) -> None:
    fake.set_scenario("normal", "auth_error", "server_error", "error_event")
    enable(live)
    app = PanelApp(live, runtime_for(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one(TextArea).text = "ada lovelace: dedupe by key. Grace asked. LOVELACE agreed."
        for _ in range(4):
            await pilot.press("ctrl+f")
            await settle(pilot, app)
        panel_text = "\n".join(str(w.render()) for w in app.query(Static) if w.id) + "\n".join(
            option_texts(app)
        )
    bodies = fake.bodies_received()
    assert len(fake.requests) >= 4
    for name in (*CANDIDATE.split(), *INTERVIEWER.split()):
        assert name.lower() not in bodies.lower()
    assert "the candidate: dedupe by key. the interviewer asked. the candidate agreed." in bodies
    assert FAKE_KEY not in bodies
    assert FAKE_KEY not in dump_database(services)
    assert FAKE_KEY not in "\n".join(app.notices) + panel_text
    for path in isolated_home.rglob("*") if isolated_home.exists() else []:
        if path.is_file():
            assert FAKE_KEY.encode() not in path.read_bytes(), path


async def test_the_client_is_closed_when_the_app_exits(live: LiveSession, fake: FakeOpenAI) -> None:
    enable(live)
    runtime = runtime_for(fake_settings(fake.base_url))
    app = PanelApp(live, runtime)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        openai_client = runtime.client._openai
        assert openai_client is not None and not openai_client.is_closed()
    assert openai_client.is_closed()
    assert runtime.client._openai is None
