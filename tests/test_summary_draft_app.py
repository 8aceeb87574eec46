"""The session summary in the real app, against the fake OpenAI-compatible server:
drafting streams into a plain editor, Escape stops it, failures leave the editor
usable, and only ctrl+s saves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fake_openai import FakeOpenAI
from followups_support import (
    FAKE_KEY,
    dump_database,
    fake_settings,
    fixture_content,
    start_session,
)
from textual.pilot import Pilot
from textual.widgets import Markdown, Static

from interview.config import Config
from interview.llm.settings import Limits
from interview.llm.suggest import LLMRuntime
from interview.reports.build import load_report
from interview.reports.markdown import render_markdown
from interview.services.container import Services, build_services
from interview.services.live import LiveSession
from interview.tui.app import InterviewApp, build_app
from interview.tui.screens.confirm import ConfirmScreen
from interview.tui.screens.summary import SummaryScreen
from interview.tui.screens.summary_draft import SummaryDraftScreen
from interview.tui.screens.summary_preview import SummaryPreviewScreen
from tests.tui_support import Monotonic, StepClock, screen_text, wait_for

REPLY = (
    "The candidate reasoned from failure modes before code and named an idempotency key "
    "early.\nStrengths:\n- idempotency\n- row locking\nConcerns:\n- testing not assessed\n"
)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(reply=REPLY) as server:
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


def scored(services: Services) -> LiveSession:
    live = start_session(services)
    live.save_notes(live.question.id, "Ada Lovelace asked for an idempotency key.", 60, 60)
    live.toggle_signal(live.question.id, "row-lock")
    live.set_score("api", 3)
    live.set_justification("Ada reasoned well; Grace Hopper agrees.")
    return live


async def open_summary_note(pilot: Pilot[Any], app: InterviewApp, live: LiveSession) -> None:
    """From the session's summary screen, open the summary (ctrl+g), ask for a draft (ctrl+g)."""
    await pilot.pause()
    app.push_screen(SummaryScreen(live))
    await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
    await pilot.press("ctrl+g")
    await wait_for(pilot, lambda: isinstance(app.screen, SummaryDraftScreen))
    await pilot.press("ctrl+g")


async def test_opening_an_empty_summary_waits_for_the_interviewer(services: Services) -> None:
    """ctrl+g on a session with no summary used to start an LLM draft at once (and show
    a "no key" error to someone who wanted to write by hand)."""
    live = scored(services)
    app = app_with(services, LLMRuntime(fake_settings("http://127.0.0.1:9/v1", key="")))
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SummaryScreen(live))
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryDraftScreen))
        await pilot.pause(0.3)
        assert isinstance(app.screen, SummaryDraftScreen)  # no preview, no draft started
        assert not note_screen(app).drafting
        assert not [n for n in app._notifications if "key" in n.message.lower()]
        await pilot.press(*"Wrote it myself.")
        assert note_screen(app).editor.text == "Wrote it myself."


def note_screen(app: InterviewApp) -> SummaryDraftScreen:
    screen = next(s for s in app.screen_stack if isinstance(s, SummaryDraftScreen))
    return screen


def toasts(app: InterviewApp) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_a_draft_streams_in_is_edited_saved_and_shows_in_the_report(
    services: Services, fake: FakeOpenAI
) -> None:
    fake.token_delay = 0.05  # slow enough to see the text arrive
    live = scored(services)
    app = app_with(services, LLMRuntime(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary_note(pilot, app, live)
        # LLM use is off for the session: the preview asks first and shows the request.
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
        assert "Turn on LLM use for this session" in screen_text(app)
        preview = str(app.screen.query_one("#preview-text", Static).content)
        assert "max_tokens: 700" in preview
        assert "the candidate asked for an idempotency key" in preview
        assert "Ada" not in preview and "Grace" not in preview and FAKE_KEY not in preview
        assert not fake.requests
        await pilot.press("y")

        screen = note_screen(app)
        await wait_for(pilot, lambda: screen.drafting and bool(screen.editor.text))
        assert screen.editor.read_only  # text streams in; typing waits for the end
        assert not screen.query(Markdown)
        assert "Drafting with fake-model" in screen_text(app)
        await wait_for(pilot, lambda: screen.draft is not None)
        assert screen.editor.text == REPLY.strip() and not screen.editor.read_only
        assert live.repo.summary_note(live.id) is None  # nothing saved without ctrl+s
        assert "Not saved" in screen_text(app)
        assert "(AI-drafted)" in screen_text(app)

        screen.editor.move_cursor(screen.editor.document.end)
        await pilot.press("enter", *"Would hire.")
        assert "(AI-drafted, edited by the interviewer)" in screen_text(app)
        await pilot.press("ctrl+s")
        note = live.repo.summary_note(live.id)
        assert note is not None and note.ai_drafted and note.edited
        assert note.model == "fake-model" and note.text.endswith("Would hire.")
        assert "Saved" in screen_text(app)
        assert live.repo.load_state(live.id).llm_enabled
        assert live.repo.llm_usage(live.id)["calls"] == 1

        await pilot.press("escape")  # saved: leaves without asking
        assert isinstance(app.screen, SummaryScreen)
        assert live.repo.summary(live.id).status == "in_progress"  # the scorecard is untouched

    body = fake.bodies_received()
    for secret in ("Ada", "Lovelace", "Grace", "Hopper", FAKE_KEY):
        assert secret not in body
    assert FAKE_KEY not in dump_database(services) and FAKE_KEY not in toasts(app)
    md = render_markdown(load_report(services.repo.db, live.id))
    assert "## Summary (AI-drafted, edited by the interviewer)" in md
    assert "> Would hire." in md


async def test_a_server_error_leaves_the_editor_usable_with_a_short_message(
    services: Services, fake: FakeOpenAI
) -> None:
    fake.set_scenario("server_error")
    live = scored(services)
    live.submit("Good.")  # after submission the summary is an annotation
    services.repo.set_llm_enabled(live.id, True)
    live.state = services.repo.load_state(live.id)
    app = app_with(services, LLMRuntime(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary_note(pilot, app, live)
        # On already: the preview still shows the (larger) summary request once.
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
        assert "Draft a summary with the LLM?" in screen_text(app)
        await pilot.press("y")
        screen = note_screen(app)
        await wait_for(pilot, lambda: screen.last_error is not None)
        assert isinstance(app.screen, SummaryDraftScreen)  # no modal in the way
        assert not screen.editor.read_only and screen.editor.has_focus
        assert "No LLM draft: server error: HTTP 500" in screen_text(app)
        assert "LLM server error: HTTP 500" in toasts(app)

        await pilot.press(*"Written by hand.")
        await pilot.press("ctrl+s")
        note = live.repo.summary_note(live.id)
        assert note is not None and note.text == "Written by hand."
        assert (note.ai_drafted, note.edited) == (False, False)
        summary = live.repo.summary(live.id)
        assert (summary.status, summary.revision) == ("submitted", 0)


async def test_escape_stops_a_hung_draft_and_the_editor_is_usable(
    services: Services, fake: FakeOpenAI
) -> None:
    fake.set_scenario("hang")
    live = scored(services)
    settings = fake_settings(fake.base_url, limits=Limits(first_token=30, total=60))
    app = app_with(services, LLMRuntime(settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary_note(pilot, app, live)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
        await pilot.press("y")
        screen = note_screen(app)
        # Waits on the event loop (a blocking wait would hold up the request it waits for).
        await wait_for(pilot, lambda: len(fake.requests) >= 1)
        worker = screen.worker
        assert screen.drafting and screen.editor.read_only
        await pilot.press("escape")
        await wait_for(pilot, lambda: worker is not None and worker.is_finished)
        assert worker is not None and worker.is_cancelled
        assert not screen.drafting and not screen.editor.read_only
        assert "Draft stopped before any text arrived" in screen_text(app)
        await pilot.press(*"Mine.")
        assert screen.editor.text == "Mine."

        # Leaving with unsaved text asks first; "no" keeps the editor and its text.
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen and screen.editor.text == "Mine."
        assert live.repo.summary_note(live.id) is None

        # Quitting the app with unsaved summary text asks too; "no" keeps working.
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Quit without saving" in screen_text(app)
        await pilot.press("n")
        assert app.screen is screen and app.is_running
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not app.is_running


async def test_escape_mid_stream_keeps_what_arrived_as_an_ai_draft(
    services: Services, fake: FakeOpenAI
) -> None:
    fake.token_delay = 0.2
    live = scored(services)
    app = app_with(services, LLMRuntime(fake_settings(fake.base_url)))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary_note(pilot, app, live)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
        await pilot.press("y")
        screen = note_screen(app)
        await wait_for(pilot, lambda: screen.editor.text.startswith("The candidate"))
        await pilot.press("escape")
        assert not screen.drafting and not screen.editor.read_only
        kept = screen.editor.text
        assert kept and REPLY.startswith(kept)
        assert "what arrived is yours to edit" in screen_text(app)
        await pilot.press("ctrl+s")
        note = live.repo.summary_note(live.id)
        assert note is not None and (note.ai_drafted, note.edited) == (True, False)


async def test_without_a_key_or_consent_nothing_is_sent(
    services: Services, fake: FakeOpenAI
) -> None:
    live = scored(services)
    app = app_with(services, LLMRuntime(fake_settings(fake.base_url, key="")))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_summary_note(pilot, app, live)
        screen = note_screen(app)
        await wait_for(pilot, lambda: screen.last_error is not None)
        assert "OPENAI_API_KEY" in screen_text(app) and not screen.editor.read_only

        # With a key but the preview declined: still nothing sent, LLM stays off.
        screen._runtime = LLMRuntime(fake_settings(fake.base_url))
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryPreviewScreen))
        await pilot.press("n")
        assert app.screen is screen and "Nothing was sent" in screen_text(app)
    assert not fake.requests
    assert not services.repo.load_state(live.id).llm_enabled
