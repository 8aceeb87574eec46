"""Screenshots of the main screens, made by the app itself, compared with the saved SVGs.

The same SVGs illustrate the README; ``make screenshots`` regenerates them after a
deliberate change to a screen. Data, clocks and the time zone are fixed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from interview.services.container import Services
from interview.services.live import LiveSession
from interview.tui.app import InterviewApp, build_app
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.summary import SummaryScreen
from tests.tui_support import StepClock, home_settled, make_services, seed_session

PEOPLE = [
    ("Ada Lovelace", "Backend engineer", "senior", "Grace Hopper"),
    ("Alan Turing", "Platform engineer", "senior", "Grace Hopper"),
    ("", "Backend engineer", "mid", "Barbara Liskov"),  # a blind panel: code only
    ("Katherine Johnson", "Data engineer", "mid", "Edsger Dijkstra"),
    ("Linus Torvalds", "Backend engineer", "junior", "Barbara Liskov"),
]


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def services_with_history() -> Services:
    services = make_services(clock=StepClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)))
    clock = services.repo.clock
    assert isinstance(clock, StepClock)
    scorecards = [
        {"python": 4, "api": 3, "databases": 3, "testing": 3, "infrastructure": 3},
        {"python": 2, "api": 2, "databases": 1, "testing": 2, "infrastructure": 2},
        {"python": 3, "api": 3, "databases": 2, "testing": 3, "infrastructure": 2},
        {"python": 3, "api": 4, "databases": 4, "testing": 3, "infrastructure": 3},
    ]
    for i, (name, role, level, interviewer) in enumerate(PEOPLE[1:]):
        clock.now += timedelta(days=1, hours=i)
        live = seed_session(
            services,
            name=name,
            code="C-1042" if not name else "",
            role=role,
            level=level,
            interviewer=interviewer,
        )
        for area, value in scorecards[i].items():
            live.set_score(area, value)
        live.submit("Consistent evidence across the plan.")
    clock.now += timedelta(days=2)
    return services


def interview_in_progress(services: Services) -> LiveSession:
    name, role, level, interviewer = PEOPLE[0]
    live = seed_session(services, name=name, role=role, level=level, interviewer=interviewer)
    first, second = live.items[0][1], live.items[1][1]
    live.save_notes(
        first.id,
        "Would talk to the founders and the deploy person first.\n"
        "CI on every push before any refactor; characterisation tests on billing.",
        11 * 60 + 40,
        11 * 60 + 40,
    )
    for signal in (first.senior_signals[0], first.senior_signals[2], first.senior_signals[5]):
        live.toggle_signal(first.id, signal.id)
    live.toggle_follow_up(first.id, first.follow_ups[1])
    live.goto(1, 11 * 60 + 40)
    live.save_notes(
        second.id,
        "Asked about retries straight away. Idempotency key stored with a unique index.",
        4 * 60 + 5,
        15 * 60 + 45,
    )
    live.toggle_signal(second.id, second.senior_signals[0].id)
    live.toggle_signal(second.id, second.senior_signals[1].id)
    live.toggle_signal(second.id, second.junior_signals[2].id)
    live.toggle_follow_up(second.id, second.follow_ups[0])
    return LiveSession(live.repo, live.id)


async def steady(pilot: Pilot[Any]) -> None:
    """No blinking cursor in a screenshot."""
    await pilot.pause()  # the screen pushed with call_later is mounted by now
    await home_settled(pilot)
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def app_on(services: Services, screen: Any | None = None) -> InterviewApp:
    app = build_app(services)
    if screen is not None:

        def open_it() -> None:
            app.push_screen(screen)

        app.call_later(open_it)
    return app


def test_home(snap_compare: Any) -> None:
    services = services_with_history()
    interview_in_progress(services)
    assert snap_compare(app_on(services), terminal_size=(120, 32), run_before=steady)


def test_interview(snap_compare: Any) -> None:
    services = services_with_history()
    live = interview_in_progress(services)
    assert snap_compare(
        app_on(services, InterviewScreen(live)), terminal_size=(120, 40), run_before=steady
    )


def test_interview_small_terminal(snap_compare: Any) -> None:
    services = services_with_history()
    live = interview_in_progress(services)
    assert snap_compare(
        app_on(services, InterviewScreen(live)), terminal_size=(80, 24), run_before=steady
    )


def test_summary(snap_compare: Any) -> None:
    services = services_with_history()
    live = interview_in_progress(services)
    for area, value in {"python": 3, "api": 3, "databases": 2, "infrastructure": 3}.items():
        live.set_score(area, value)
    live.set_justification(
        "Strong on API failure modes and idempotency; reasoned from data before code. "
        "Observability not covered: ran out of time on the incident question."
    )

    async def no_cursor(pilot: Pilot[Any]) -> None:
        # The focused editor's cursor was drawn or not depending on the machine's load.
        await steady(pilot)
        pilot.app.set_focus(None)
        await pilot.pause()

    assert snap_compare(
        app_on(services, SummaryScreen(live)), terminal_size=(120, 36), run_before=no_cursor
    )


def test_interview_wide_terminal(snap_compare: Any) -> None:
    services = services_with_history()
    live = interview_in_progress(services)
    assert snap_compare(
        app_on(services, InterviewScreen(live)), terminal_size=(200, 60), run_before=steady
    )


def test_scoring_reading_a_level(snap_compare: Any) -> None:
    from interview.tui.screens.scoring import ScoringScreen

    services = services_with_history()
    live = interview_in_progress(services)
    live.set_score("python", 3)

    async def read_level_two(pilot: Pilot[Any]) -> None:
        await pilot.press("j", "down", "down")  # API design, the cursor on level 2
        await steady(pilot)

    assert snap_compare(
        app_on(services, ScoringScreen(live)), terminal_size=(120, 40), run_before=read_level_two
    )
