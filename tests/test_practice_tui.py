"""Practice mode in the app, driven with Pilot: a full short plan with no key and no network."""

from __future__ import annotations

import socket
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from interview.services.container import Services
from interview.services.practice import Practice
from interview.services.practice_attempt import PracticeAttempt
from interview.services.practice_keys import SELF
from interview.tui.app import InterviewApp
from interview.tui.screens.practice import PracticeScreen
from interview.tui.screens.practice_question import PracticeQuestionScreen
from interview.tui.screens.practice_reveal import PracticeRevealScreen
from interview.tui.screens.progress import ProgressScreen

LEGACY = "inherited-monolith-practice"  # practice form of the legacy flagship

ANSWERS = {
    "inherited-monolith-practice": (
        "First I would talk to the founders and set up CI with a pipeline, then make "
        "deploys scripted with a rollback. No rewrite.",
        "I would look at traffic to find the hot paths and add structured logging.",
    ),
    "gil-cpu-vs-io": (
        "Threads are fine for I/O because the GIL is released while waiting.",
        "For CPU work I would use a process pool.",
    ),
    "n-plus-one-practice": (
        "It is an N+1 query; use select_related for the author.",
        "I would check the query plan with EXPLAIN.",
    ),
    "schemas-practice": (
        "One model lets clients set the owner and leaks the API secret.",
        "Separate create, update and response models.",
    ),
}


def shown(widget: Static) -> str:
    """The text a Static shows, whatever Rich renderable it holds."""
    console = Console(width=120, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("practice mode tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


async def open_practice(app: InterviewApp, pilot: Pilot[None]) -> PracticeScreen:
    await pilot.pause()
    screen = PracticeScreen()
    app.push_screen(screen)
    await pilot.pause()
    return screen


async def choose(pilot: Pilot[None], menu: OptionList, option_id: str) -> None:
    menu.focus()
    menu.highlighted = menu.get_option_index(option_id)
    await pilot.press("enter")
    await pilot.pause()


async def type_into(pilot: Pilot[None], area: TextArea, text: str) -> None:
    area.focus()
    area.insert(text)
    await pilot.pause()


def saved(attempt: PracticeAttempt, question_id: str) -> str | None:
    """The answer as stored in the database (not the screen's copy)."""
    record = attempt.repo.load_state(attempt.id).answers.get(question_id)
    return record.notes if record else None


def answer_saved(attempt: PracticeAttempt, question_id: str, text: str) -> bool:
    return saved(attempt, question_id) == text


def files_in(folder: Path, count: int) -> bool:
    return len(list(folder.glob("practice-*.md"))) == count


async def until(pilot: Pilot[None], condition: Callable[[], bool], tries: int = 100) -> None:
    """Wait for the app to get there (the autosave is debounced), without timing it."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


async def test_full_short_plan_without_key_or_network(
    services: Services, no_network: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = InterviewApp(services)
    async with app.run_test(size=(120, 40)) as pilot:
        menu_screen = await open_practice(app, pilot)
        await choose(
            pilot, menu_screen.query_one("#practice-menu", OptionList), "plan:practice-short"
        )
        attempt_id = ""
        for number, qid in enumerate(ANSWERS, start=1):
            screen = app.screen
            assert isinstance(screen, PracticeQuestionScreen)
            assert screen.question.id == qid
            attempt = screen.attempt
            attempt_id = attempt.id
            answer, reply = ANSWERS[qid]
            await type_into(pilot, screen.query_one("#answer", TextArea), answer)
            # Autosaved while still on the screen, without any key to save.
            await until(pilot, partial(answer_saved, attempt, qid, answer))

            await pilot.press("ctrl+f")
            follow_up = attempt.follow_up(qid)
            assert follow_up is not None and follow_up.source == "offline"
            assert follow_up.text in shown(screen.query_one("#pq-follow-up Static", Static))
            await type_into(pilot, screen.query_one("#follow-up-answer", TextArea), reply)

            await pilot.press("ctrl+r")
            reveal = app.screen
            assert isinstance(reveal, PracticeRevealScreen)
            assert attempt.follow_up_answer(qid) == reply
            # Tick the first senior signal with the keyboard.
            await pilot.press("space")
            assert attempt.question.senior_signals[0].id in attempt.ticked(qid)
            # Score every area the question evidences at level 3.
            for area in attempt.score_areas(qid):
                scores = reveal.query_one(f"#score-{area.id}", OptionList)
                scores.focus()
                scores.highlighted = 2
                await pilot.press("enter")
                assert attempt.self_scores(qid)[area.id] == 3
            expected = "practice_finish" if number == len(ANSWERS) else "practice_next"
            assert expected in {b.binding.id for b in reveal.active_bindings.values()}
            await pilot.press("ctrl+n")
            await pilot.pause()

        progress = app.screen
        assert isinstance(progress, ProgressScreen)
        text = shown(progress.query_one("#pg-areas", Static))
        assert "Databases" in text and "Python fundamentals" in text
        assert "3.0" in text
        assert "or run: interview practice export" in shown(
            progress.query_one("#pg-finished", Static)
        )
        missed = shown(progress.query_one("#pg-missed", Static))
        assert "1/1" in missed
        # e writes the attempt as Markdown in the working folder, never over an earlier file.
        for count in (1, 2):
            await pilot.press("e")
            await until(pilot, partial(files_in, tmp_path, count))
        exported = sorted(tmp_path.glob("practice-*.md"))
        assert exported[0].read_text(encoding="utf-8").startswith("# Short practice")

    state = services.repo.load_state(attempt_id)
    assert state.summary.status == "submitted" and state.summary.mode == "practice"
    assert {o.question_id for o in state.observations if o.source == SELF} == set(ANSWERS)
    practice = Practice(services.content, services.repo)
    assert practice.progress().questions_revealed == len(ANSWERS)
    assert services.repo.list_sessions() == []  # nothing in the interview listings


async def test_leaving_saves_and_resume_reopens_where_it_was(services: Services) -> None:
    app = InterviewApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        menu_screen = await open_practice(app, pilot)
        menu = menu_screen.query_one("#practice-menu", OptionList)
        await choose(pilot, menu, "plan:practice-short")
        screen = app.screen
        assert isinstance(screen, PracticeQuestionScreen)
        attempt_id = screen.attempt.id
        await type_into(pilot, screen.query_one("#answer", TextArea), "half an answer")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is menu_screen
        assert screen.attempt.repo.load_state(attempt_id).answers[LEGACY].notes == (
            "half an answer"
        )
        await choose(pilot, menu, f"resume:{attempt_id}")
        resumed = app.screen
        assert isinstance(resumed, PracticeQuestionScreen)
        assert resumed.query_one("#answer", TextArea).text == "half an answer"


async def test_follow_up_needs_an_answer_first(services: Services) -> None:
    app = InterviewApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        menu_screen = await open_practice(app, pilot)
        await choose(pilot, menu_screen.query_one("#practice-menu", OptionList), "weakest")
        screen = app.screen
        assert isinstance(screen, PracticeQuestionScreen)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert screen.attempt.follow_up(screen.question.id) is None
        assert not screen.query("#follow-up-answer")


async def test_reveal_shows_heuristic_disagreement_and_sample_answer(services: Services) -> None:
    practice = Practice(services.content, services.repo)
    attempt = practice.start_question(LEGACY)
    attempt.save_answer(LEGACY, "Set up CI, and a rollback for deploys.", 60.0)
    app = InterviewApp(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_practice(app, pilot)
        attempt.reveal(LEGACY)
        reveal = PracticeRevealScreen(attempt)
        app.push_screen(reveal)
        await pilot.pause()
        note = shown(reveal.query_one("#pr-disagree", Static))
        assert "disagree on 2 signal(s)" in note  # CI and rollback found, nothing ticked
        await pilot.press("space")  # tick "talk to builders": not in the answer
        note = shown(reveal.query_one("#pr-disagree", Static))
        assert "disagree on 3 signal(s)" in note
        assert reveal.query_one("#pr-sample")
        # The sample answer comes after the signals and before self-scoring.
        order = [w.id for w in reveal.query("#signals-senior, #pr-sample, .pr-score")]
        assert (
            order.index("signals-senior") < order.index("pr-sample") < order.index("score-python")
        )


async def test_unscored_areas_get_one_reminder_before_moving_on(services: Services) -> None:
    practice = Practice(services.content, services.repo)
    attempt = practice.start_plan("practice-short")
    app = InterviewApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(app, pilot)
        question_screen = PracticeQuestionScreen(attempt)
        app.push_screen(question_screen)
        await pilot.pause()
        await type_into(pilot, question_screen.query_one("#answer", TextArea), "CI first.")
        bindings = {b.binding.id for b in question_screen.active_bindings.values()}
        assert "practice_follow_up" in bindings
        await pilot.press("ctrl+f")
        await pilot.pause()
        bindings = {b.binding.id for b in question_screen.active_bindings.values()}
        assert "practice_follow_up" not in bindings  # asked once; the probe stays
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PracticeRevealScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PracticeRevealScreen)  # reminded, still here
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PracticeQuestionScreen)
        assert app.screen.question.id == "gil-cpu-vs-io"
        assert attempt.index == 1


class HandClock:
    """A monotonic source that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_question_clock_is_kept_even_without_typing(services: Services) -> None:
    clock = HandClock()
    services.monotonic = clock
    attempt = Practice(services.content, services.repo).start_plan("practice-short")
    app = InterviewApp(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_practice(app, pilot)
        app.push_screen(PracticeQuestionScreen(attempt))
        await pilot.pause()
        clock.now += 95  # reading and thinking, nothing typed
        await pilot.press("escape")
        await pilot.pause()
    reopened = Practice(services.content, services.repo).open(attempt.id)
    assert reopened.elapsed(LEGACY) == 95.0


async def test_progress_e_exports_the_latest_finished_attempt_or_says_why_not(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened from the practice menu, `e` (listed under ?) used to do nothing at all."""
    monkeypatch.chdir(tmp_path)
    practice = Practice(services.content, services.repo)
    app = InterviewApp(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ProgressScreen(practice))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert any("No finished attempt" in n.message for n in app._notifications)
        attempt = practice.start_plan("practice-short")
        attempt.finish()
        await pilot.press("e")
        await until(pilot, partial(files_in, tmp_path, 1))
