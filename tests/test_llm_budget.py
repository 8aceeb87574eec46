"""The documented 30 s for an LLM call covers everything the user waits for: setting up
the client (importing openai, several seconds on a busy machine) counts against it, for
follow-up suggestions and the summary draft alike."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from fake_openai import FakeOpenAI
from followups_support import FAST, fake_settings, fixture_services, start_session

from interview.llm.client import LLMClient
from interview.llm.errors import Cause
from interview.llm.suggest import fetch, request_for
from interview.services import summary_draft

BUDGET = replace(FAST, total=0.5)


@pytest.fixture
def slow_setup(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Client set-up that does not finish before the budget is spent."""
    release = threading.Event()
    real_build = LLMClient._build

    def build(self: LLMClient) -> object:
        release.wait(10)
        return real_build(self)

    monkeypatch.setattr(LLMClient, "_build", build)
    return release


async def test_follow_ups_stop_at_the_budget_while_the_client_is_still_being_set_up(
    clock: object, slow_setup: threading.Event
) -> None:
    live = start_session(fixture_services(clock))
    with FakeOpenAI() as fake:
        client = LLMClient(fake_settings(fake.base_url, limits=BUDGET))
        outcome = await fetch(client, request_for(live))
        slow_setup.set()
        await client.aclose()
        assert fake.requests == []
    assert outcome.error is not None and outcome.error.cause is Cause.TIMEOUT
    assert "no complete reply within 0.5 s" in outcome.error.message


async def test_the_summary_draft_stops_at_the_budget_too(
    clock: object, slow_setup: threading.Event
) -> None:
    live = start_session(fixture_services(clock))
    with FakeOpenAI() as fake:
        client = LLMClient(fake_settings(fake.base_url, limits=BUDGET))
        outcome = await summary_draft.draft(client, summary_draft.summary_request(live))
        slow_setup.set()
        await client.aclose()
    assert outcome.error is not None and outcome.error.cause is Cause.TIMEOUT
