"""The live cockpit: everything needed during an interview is visible at a glance and
reachable by one key, and nothing the interviewer needs hides behind scrolling."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from interview import paths
from interview.config import Config
from interview.domain.loader import load_content
from interview.domain.models import Content, Question
from interview.services.container import Services, build_services
from interview.services.live import LiveSession
from interview.tui.app import build_app
from interview.tui.screens.code_view import CodeViewScreen
from interview.tui.screens.interview import FOLD_AFTER, InterviewScreen
from interview.tui.screens.summary import SummaryScreen
from interview.tui.widgets.checklist import Checklist, glance
from interview.tui.widgets.question_view import QuestionView
from tests.tui_support import Monotonic, StepClock, make_services, screen_text, seed_session

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def shipped_content() -> Content:
    layers = [[paths.bundled_rubrics_dir(), paths.bundled_bank_dir()]]
    return load_content(layers).content


def shipped_services() -> Services:
    services = build_services(
        memory=True, content=shipped_content(), config=Config(), clock=StepClock()
    )
    services.monotonic = Monotonic()
    return services


def off_screen(text: str, question: Question) -> list[str]:
    """The glance text (label, or the shortened sentence) of every row not on screen."""
    items = [*question.senior_signals, *question.junior_signals, *question.follow_ups]
    return [glance(item) for item in items if glance(item) not in text]


# ------------------------------------------------------------ the checklist, always whole


@pytest.mark.parametrize("plan_id", sorted(shipped_content().plans))
async def test_every_row_of_every_shipped_question_is_on_screen_at_120x40(plan_id: str) -> None:
    """At 120x40 only senior signals 1-4 used to show; the rest needed Tab and arrows."""
    services = shipped_services()
    live = seed_session(services, plan_id=plan_id)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        for number in range(len(live.items)):
            await pilot.pause()
            checklist = screen.query_one(Checklist)
            question = screen.live.question
            assert checklist.max_scroll_y == 0, f"{question.id}: the checklist scrolls"
            text = screen_text(app)
            assert off_screen(text, question) == [], question.id
            rows = len(question.senior_signals + question.junior_signals + question.follow_ups)
            assert len(checklist.rows) == rows
            await pilot.press("n")
            if number < len(live.items) - 1:
                assert screen.live.index == number + 1


async def test_ticking_a_row_below_the_fold_brings_it_into_view_at_80x24() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        question = live.question
        for key, item in (
            ("8", question.senior_signals[7]),
            ("r", question.junior_signals[3]),
            ("m", question.follow_ups[4]),
            ("1", question.senior_signals[0]),
        ):
            await pilot.press(key)
            await pilot.pause()
            line = next((ln for ln in screen_text(app).splitlines() if glance(item) in ln), "")
            assert line, f"{key}: the ticked row is not in view"
            assert f"{key} " in line
    state = live.repo.load_state(live.id)
    assert len(state.observed(question.id)) == 3


async def test_red_flags_have_their_own_mark_and_a_count_in_the_status_line() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        question = live.question
        flag = next(i for i, s in enumerate(question.junior_signals) if s.red_flag)
        plain = next(i for i, s in enumerate(question.junior_signals) if not s.red_flag)
        text = screen_text(app)
        assert "Weak signals · ⚑ red flags" in text and "Junior" not in text
        assert f"⚐ {glance(question.junior_signals[flag])}" in text  # open flag
        assert f"□ {glance(question.junior_signals[plain])}" in text
        await pilot.press("qwertyu"[flag], "qwertyu"[plain])
        await pilot.pause()
        text = screen_text(app)
        assert f"⚑ {glance(question.junior_signals[flag])}" in text
        status = text.splitlines()[1]
        assert "⚑ 1 red flag" in status
        await pilot.press("n")  # the count is for the whole session
        assert "⚑ 1 red flag" in screen_text(app).splitlines()[1]


# ------------------------------------------------------------ the question folds


async def test_the_prompt_folds_after_a_minute_and_o_unfolds_it() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        view = screen.query_one(QuestionView)
        assert not view.folded
        services.monotonic.advance(FOLD_AFTER + 1)  # type: ignore[attr-defined]
        screen._clock_tick()
        await pilot.pause()
        assert view.folded and view.region.height <= 6
        assert "How do you spend your first two months?" not in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        assert not view.folded
        screen._clock_tick()  # unfolded by hand: it stays open
        assert not view.folded
        await pilot.press("k")  # the interviewer context, on demand
        await pilot.pause()
        assert "Interviewer context" in screen_text(app)


# ------------------------------------------------------------ follow-ups by key


async def test_three_follow_ups_show_whole_and_are_marked_asked_by_key() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        focused = app.focused
        await pilot.press("f")
        await pilot.pause()
        text = screen_text(app)
        for key in "!@#":
            assert any(line.lstrip("│ ").startswith(f"{key} ") for line in text.splitlines()), key
        assert "3 follow-ups suggested" in text  # f says what it did, shown or not
        second = app.screen.query_one("#suggestions-panel").suggestions[1]  # type: ignore[attr-defined]
        await pilot.press("at")
        await pilot.pause()
        assert app.focused is focused  # no Tab to reach the list
        assert second.follow_up_id in LiveSession(live.repo, live.id).asked_follow_ups(
            live.question.id
        )


# ------------------------------------------------------------ code view


async def test_code_of_a_code_review_question_shows_full_width_without_wrapping() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        screen.goto(3)  # n-plus-one-orders, a code review
        await pilot.pause()
        code = screen.live.question.code
        assert code is not None
        longest = max(code.source.splitlines(), key=len).strip()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CodeViewScreen)
        text = screen_text(app)
        assert longest in text  # one line, not cut in two
        assert "safe to share" in text
        for private in ("Strong signals", "Notes", screen.live.question.context.split()[0]):
            assert private not in text.split("safe to share", 1)[1]
        await pilot.press("escape")
        assert isinstance(app.screen, InterviewScreen)


async def test_a_terminal_too_small_says_so_instead_of_empty_panes() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(40, 12)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        assert "terminal too small (need 80x24)" in screen_text(app)


# ------------------------------------------------------------ the summary before submit


def content_with_a_required_probe() -> Content:
    content = make_services().content
    question = content.questions["payment-endpoint"]
    probes = (dataclasses.replace(question.follow_ups[0], required=True), *question.follow_ups[1:])
    questions = {**content.questions, question.id: dataclasses.replace(question, follow_ups=probes)}
    return dataclasses.replace(content, questions=questions)


async def test_summary_shows_red_flags_missing_evidence_and_required_probes_before_submit() -> None:
    """Four red flags and a Yes were submitted without seeing the flags again."""
    services = make_services()
    services.content = content_with_a_required_probe()
    live = seed_session(services)
    first = live.question
    flag = next(s for s in first.junior_signals if s.red_flag)
    live.toggle_signal(first.id, flag.id)
    for area in ("python", "databases", "testing", "infrastructure", "observability"):
        live.set_score(area, 4)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SummaryScreen(live))
        await pilot.pause()
        text = screen_text(app)
        assert "⚑ Red flags ticked (1)" in text and flag.text[:40] in text
        assert "⚠ No evidence: API design" in text
        assert "* Required probes not asked (1): Designing a payment" in text
        assert "✓ Robust: no one-point change" in text  # 4s everywhere: nothing flips


async def test_an_area_scored_without_evidence_is_named_once_on_the_summary() -> None:
    services = make_services()
    live = seed_session(services)
    for area in ("python", "api", "databases", "testing", "infrastructure", "observability"):
        live.set_score(area, 3)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SummaryScreen(live))
        await pilot.pause()
        text = screen_text(app)
        assert "⚠ Scored without evidence: Python fundamentals, API design" in text
        assert "⚠ No evidence:" not in text  # not the same six areas a second time


async def test_required_probes_are_marked_on_the_live_screen() -> None:
    services = make_services()
    services.content = content_with_a_required_probe()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "Probes  * required" in text
        assert "z * " in text


# ------------------------------------------------------------ navigation without circles

IMPORT_SCREENS = """
import importlib, json, pkgutil, sys
import interview.tui.screens as pkg
culprits = []
for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
    name = "interview.tui.screens." + info.name
    importlib.import_module(name)
    if "interview.tui.app" in sys.modules:
        culprits.append(name)
        break
print(json.dumps(culprits))
"""


def test_no_screen_module_imports_the_app() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_SCREENS],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    assert json.loads(proc.stdout) == []


def test_no_screen_module_names_the_app_even_for_type_checking() -> None:
    screens = ROOT / "interview" / "tui" / "screens"
    naming = [
        path.name
        for path in sorted(screens.glob("*.py"))
        if "interview.tui.app" in path.read_text(encoding="utf-8")
    ]
    assert naming == []


async def test_the_submit_question_repeats_the_red_flags() -> None:
    services = make_services()
    live = seed_session(services)
    first = live.question
    for signal in first.junior_signals:
        if signal.red_flag:
            live.toggle_signal(first.id, signal.id)
    live.set_score("python", 3)
    live.set_justification("Mixed.")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SummaryScreen(live))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "⚑ 1 red flag ticked" in screen_text(app)


@pytest.mark.parametrize("screen_name", ["scoring", "summary"])
async def test_scoring_and_summary_say_when_the_terminal_is_too_small(screen_name: str) -> None:
    from interview.tui.screens.scoring import ScoringScreen

    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(40, 12)) as pilot:
        screen = ScoringScreen(live) if screen_name == "scoring" else SummaryScreen(live)
        app.push_screen(screen)
        await pilot.pause()
        assert "terminal too small (need 80x24)" in screen_text(app)


async def test_summary_shows_the_scoring_policy_cap_before_submit() -> None:
    services = shipped_services()
    live = seed_session(services, plan_id="senior-backend-60")
    for area in live.rubric.areas:
        live.set_score(area.id, 1 if area.id == "databases" else 4)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SummaryScreen(live))
        await pilot.pause()
        text = screen_text(app)
        assert "Scoring policy: Strong Yes capped at" in text
        assert "Databases scored 1" in text
