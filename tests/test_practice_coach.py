"""The optional LLM coach in practice: opt-in, no names sent, advice only, failures survived.

Every call goes to a fake OpenAI-compatible server on 127.0.0.1 started by the test.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fake_openai import FakeOpenAI
from followups_support import FAKE_KEY, dump_database, fake_settings
from textual.pilot import Pilot
from textual.widgets import Markdown, TextArea

from interview.llm.client import LLMClient
from interview.llm.suggest import LLMRuntime
from interview.reports.practice_md import render_attempt
from interview.services import practice_coach as coach
from interview.services.container import Services
from interview.services.practice import Practice
from interview.services.practice_attempt import PracticeAttempt
from interview.tui.app import InterviewApp
from interview.tui.screens.llm_preview import LLMPreviewScreen
from interview.tui.screens.practice import PracticeScreen
from interview.tui.screens.practice_coach import PracticeCoachScreen
from interview.tui.screens.practice_question import PracticeQuestionScreen
from tests.tui_support import screen_text

LEGACY = "inherited-monolith-practice"  # practice form of the legacy flagship

NAME = "Sam Rivera"
QUESTIONS = (
    "FOLLOW-UP: You said you would add CI first; what would it run on day one? | WHY: CI scope\n"
    "FOLLOW-UP: How would you know the rollback works before you need it? | WHY: rollback\n"
)
FEEDBACK = (
    "### Infrastructure\n"
    'Good: "make deploys scripted with a rollback".\n'
    "Missing: canary or feature flags.\n"
    "Suggested level: 3 Proficient - scripts deploys and plans rollback.\n"
)


def named_attempt(services: Services) -> PracticeAttempt:
    services.repo.set_pref("practice.name", NAME)
    attempt = Practice(services.content, services.repo).start_plan("practice-short")
    attempt.save_answer(
        LEGACY,
        "As Sam I'd add CI, then make deploys scripted with a rollback. Rivera out.",
        60.0,
    )
    return attempt


def client_for(server: FakeOpenAI) -> LLMClient:
    return LLMClient(fake_settings(server.base_url))


def test_requests_never_carry_the_candidates_name(services: Services) -> None:
    attempt = named_attempt(services)
    for request in (
        coach.questions_request(attempt, LEGACY),
        coach.feedback_request(attempt, LEGACY),
    ):
        sent = "\n".join(m["content"] for m in request.messages)
        assert "Sam" not in sent and "Rivera" not in sent
        assert "make deploys scripted with a rollback" in sent
    feedback = "\n".join(m["content"] for m in coach.feedback_request(attempt, LEGACY).messages)
    # Feedback needs the signals and anchors to name what is missing and suggest a level.
    assert "Writes characterisation" in feedback and "3 Proficient" in feedback


def test_the_default_name_is_not_redacted(services: Services) -> None:
    attempt = Practice(services.content, services.repo).start_plan("practice-short")
    attempt.save_answer(LEGACY, "Give me the logs first.", 10.0)
    sent = coach.questions_request(attempt, LEGACY).messages[1]["content"]
    assert "Give me the logs first." in sent


async def test_questions_then_feedback_are_recorded_as_advice(services: Services) -> None:
    attempt = named_attempt(services)
    settings = fake_settings("http://unused")
    with FakeOpenAI(reply=QUESTIONS) as server:
        client = client_for(server)
        outcome = await coach.ask(client, coach.questions_request(attempt, LEGACY))
        assert outcome.ok and len(outcome.questions) == 2
        coach.record(attempt, settings, outcome)
        attempt.save_coach_answer(LEGACY, "Lint and the existing tests.")
        server.reply = FEEDBACK
        outcome = await coach.feedback(client, coach.feedback_request(attempt, LEGACY))
        assert outcome.ok
        coach.record(attempt, settings, outcome)
        await client.aclose()
        sent = server.bodies_received()

    # The second request carried the coach's questions and the reply to them.
    assert "what would it run on day one?" in sent and "Lint and the existing tests." in sent
    again = Practice(services.content, services.repo).open(attempt.id)
    assert [q.text for q in again.coach_questions(LEGACY)] == [
        "You said you would add CI first; what would it run on day one?",
        "How would you know the rollback works before you need it?",
    ]
    assert again.follow_up(LEGACY) is None  # the offline probe is separate
    assert again.coach_feedback(LEGACY) == FEEDBACK.strip()
    assert again.self_scores(LEGACY) == {}  # the coach never scores
    md = render_attempt(again)
    assert "### Coach questions (LLM)" in md and "> How would you know the rollback" in md
    assert "### Coach feedback (LLM, advice only)" in md and "##### Infrastructure" in md
    usage = services.repo.db.execute("SELECT purpose, count(*) FROM llm_usage").fetchall()
    assert usage == [("coach", 2)]
    assert FAKE_KEY not in dump_database(services)


@pytest.mark.parametrize("scenario", ["server_error", "auth_error", "empty"])
async def test_a_failing_coach_changes_nothing(services: Services, scenario: str) -> None:
    attempt = named_attempt(services)
    with FakeOpenAI(scenario=scenario) as server:
        client = client_for(server)
        outcome = await coach.ask(client, coach.questions_request(attempt, LEGACY))
        await client.aclose()
    assert outcome.error is not None and not outcome.ok
    assert FAKE_KEY not in outcome.error.message
    coach.record(attempt, fake_settings("http://unused"), outcome)
    assert attempt.coach_questions(LEGACY) == []


# ------------------------------------------------------------------ in the app


async def until(pilot: Pilot[None], condition: Callable[[], bool], tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


async def question_screen(app: InterviewApp, pilot: Pilot[None]) -> PracticeQuestionScreen:
    await pilot.pause()
    app.push_screen(PracticeScreen())
    await pilot.pause()
    attempt = Practice(app.services.content, app.services.repo).start_plan("practice-short")
    screen = PracticeQuestionScreen(attempt)
    app.push_screen(screen)
    await pilot.pause()
    screen.query_one("#answer", TextArea).insert("I would add CI, then a scripted deploy.")
    await pilot.pause()
    return screen


async def test_coach_in_the_app_after_seeing_what_is_sent(services: Services) -> None:
    services.repo.set_pref("practice.name", NAME)
    with FakeOpenAI(reply=QUESTIONS) as server:
        app = InterviewApp(services)
        app.llm_runtime = LLMRuntime(fake_settings(server.base_url))  # type: ignore[attr-defined]
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await question_screen(app, pilot)
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.screen, LLMPreviewScreen)
            assert "Turn on the LLM coach for this attempt?" in screen_text(app)
            assert server.requests == []  # nothing leaves before the candidate agrees
            await pilot.press("y")
            await pilot.pause()
            coach_screen = app.screen
            assert isinstance(coach_screen, PracticeCoachScreen)
            attempt = screen.attempt
            await until(pilot, lambda: len(attempt.coach_questions(LEGACY)) == 2)
            coach_screen.query_one("#coach-answer", TextArea).insert("Lint and tests.")
            server.reply = FEEDBACK
            await pilot.press("ctrl+g")
            await until(pilot, lambda: bool(attempt.coach_feedback(LEGACY)))
            await pilot.pause()
            shown = coach_screen.query_one("#coach-feedback", Markdown).source
            assert "Suggested level: 3 Proficient" in shown
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            assert attempt.state.llm_enabled
            # A second visit needs no new consent and asks nothing again.
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert isinstance(app.screen, PracticeCoachScreen)
            assert len(server.requests) == 2
        received = server.everything_received()
    assert "Sam" not in received and "Rivera" not in received
    assert attempt.coach_answer(LEGACY) == "Lint and tests."


async def test_without_a_key_the_coach_explains_and_nothing_is_sent(services: Services) -> None:
    app = InterviewApp(services)
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await question_screen(app, pilot)
        original = app.notify

        def record_notice(message: str, **kwargs: object) -> None:
            notices.append(message)
            original(message, **kwargs)  # type: ignore[arg-type]

        app.notify = record_notice  # type: ignore[method-assign]
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is screen
    assert any("needs OPENAI_API_KEY" in n for n in notices)
