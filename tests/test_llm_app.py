"""Suggestions inside the real app's interview screen: keys, re-ranking, faults, typing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_openai import FakeOpenAI, wait_for_requests
from followups_support import fake_settings, fixture_content, start_session
from textual.pilot import Pilot

from interview.config import Config
from interview.domain.records import FollowUpSource
from interview.llm.settings import Limits
from interview.llm.suggest import LLMRuntime
from interview.services.container import Services, build_services
from interview.services.live import LiveSession
from interview.tui.app import InterviewApp, build_app
from interview.tui.screens.interview import InterviewScreen
from interview.tui.widgets.notes import NotesEditor
from interview.tui.widgets.suggestions import SuggestionsPanel
from tests.tui_support import Monotonic, StepClock, screen_text, wait_for


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def services() -> Iterator[Services]:
    svc = build_services(memory=True, content=fixture_content(), config=Config(), clock=StepClock())
    svc.monotonic = Monotonic()  # type: ignore[attr-defined]
    yield svc
    svc.repo.db.conn.close()


def app_with(services: Services, runtime: LLMRuntime) -> InterviewApp:
    app = build_app(services)
    app.llm_runtime = runtime  # type: ignore[attr-defined]
    return app


async def open_interview(
    pilot: Pilot[Any], app: InterviewApp, live: LiveSession
) -> SuggestionsPanel:
    await pilot.pause()
    app.open_interview(live)
    await wait_for(pilot, lambda: bool(app.screen.query(SuggestionsPanel)))
    assert isinstance(app.screen, InterviewScreen)
    return app.screen.query_one(SuggestionsPanel)


async def test_offline_probes_rerank_when_a_signal_is_ticked(services: Services) -> None:
    live = start_session(services)
    app = app_with(services, LLMRuntime(fake_settings("http://127.0.0.1:9/v1", key="")))
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_interview(pilot, app, live)
        assert panel.suggestions[0].follow_up_id == "double-submit"
        await pilot.press("f")
        assert len(live.repo.load_state(live.id).followups) == 3
        assert "Follow-ups · offline" in screen_text(app)
        await pilot.press("1")  # senior signal 1: idempotency key
        assert [s.follow_up_id for s in panel.suggestions] == [
            "provider-timeout",
            "double-submit",
            "side-effects",
        ]


async def test_typing_goes_on_while_the_llm_hangs_and_moving_on_cancels_it(
    services: Services, fake: FakeOpenAI
) -> None:
    fake.set_scenario("hang")
    live = start_session(services)
    services.repo.set_llm_enabled(live.id, True)
    live.state.llm_enabled = True
    settings = fake_settings(fake.base_url, limits=Limits(first_token=30, total=60))
    app = app_with(services, LLMRuntime(settings))
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_interview(pilot, app, live)
        await pilot.press("f")
        assert await wait_for_requests(fake, 1)
        await pilot.press("i", *"wants a dedupe key", "escape")
        assert app.screen.query_one(NotesEditor).text == "wants a dedupe key"
        assert panel.streaming
        first = panel.llm_worker
        await pilot.press("n")  # next question: the hung request is cancelled
        await wait_for(pilot, lambda: first is not None and first.is_finished)
        assert first is not None and first.is_cancelled
        assert [s.text for s in panel.suggestions] == ["What would you not mock?"]
        assert panel.runtime.client.breaker.failures == 0


async def test_a_streamed_reply_lands_in_the_interview_screen(
    services: Services, fake: FakeOpenAI
) -> None:
    live = start_session(services)
    services.repo.set_llm_enabled(live.id, True)
    live.state.llm_enabled = True
    app = app_with(services, LLMRuntime(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_interview(pilot, app, live)
        await pilot.press("f")
        await wait_for(pilot, lambda: panel.source is FollowUpSource.LLM)
        assert "Follow-ups · LLM" in screen_text(app)
        assert "! What happens if the client" in screen_text(app)
        body = fake.requests[0].body
        assert "Ada" not in str(body) and "Grace" not in str(body)
