"""Scoring, the summary's rules (justification required, submit locks) and amendments."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.pilot import Pilot

from interview.services.container import Services
from interview.services.live import LiveSession
from interview.tui.app import build_app
from interview.tui.screens.amend import AmendScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.scoring import ScoringScreen
from interview.tui.screens.summary import SummaryScreen
from tests.tui_support import (
    make_services,
    screen_text,
    seed_session,
    stored_text,
    type_steadily,
    wait_for,
)


def reload(live: LiveSession) -> LiveSession:
    return LiveSession(live.repo, live.id)


async def test_scoring_shows_anchors_evidence_and_areas_without_evidence() -> None:
    services = make_services()
    live = seed_session(services)
    first = live.question  # legacy-monolith: testing, infrastructure, observability, python
    live.toggle_signal(first.id, first.senior_signals[2].id)
    live.save_notes(first.id, "Wants CI on every push before refactoring.", 60, 60)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, ScoringScreen)
        text = screen_text(app)
        # Python fundamentals is first: its four anchored levels and its evidence.
        assert "1 Insufficient" in text and "2 Developing" in text
        assert "+ Puts CI in place early" in text
        assert "Wants CI on every push" in text
        # API design has no signals or notes yet.
        assert "API design  20%" in text
        api_row = next(line for line in text.splitlines() if "API design" in line)
        below = text.splitlines()[text.splitlines().index(api_row) + 1]
        assert "no evidence" in below
        # Reading level 4 records nothing (it used to take pressing 4, logged as a score).
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        assert "Explains event-loop mechanics" in screen_text(app)
        assert "your score" not in screen_text(app)
        assert reload(live).state.scores == {}
        assert not [e for e in live.repo.events(live.id) if e["kind"] == "area_scored"]
        # Enter scores the level under the cursor and moves on to the next area.
        await pilot.press("up", "enter")
        await pilot.pause()
        assert reload(live).state.scores == {"python": 3}
        assert "No evidence recorded for this" in screen_text(app)
        assert "API design · weight 20%" in screen_text(app)
        # A number key scores too, and moves on again.
        await pilot.press("2")
        await pilot.pause()
        assert "Databases · weight" in screen_text(app)
    assert reload(live).state.scores == {"python": 3, "api": 2}


async def test_all_four_levels_readable_at_80x24_without_scoring() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        await pilot.press("s")
        area = live.rubric.areas[0]
        for level in area.levels:
            await pilot.press("down")
            await pilot.pause()
            first = level.behaviours[0].split()[:3]
            assert " ".join(first) in screen_text(app), level.score
        assert reload(live).state.scores == {}


async def test_summary_needs_a_justification_and_submit_locks() -> None:
    services = make_services()
    live = seed_session(services)
    live.set_score("python", 3)
    live.set_score("api", 2)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SummaryScreen(live))
        await pilot.pause()
        text = screen_text(app)
        assert "Weighted 50.0/100" in text and "No" in text
        assert "Not assessed: Databases, Testing, Infrastructure, Observability" in text
        assert "One point flips it" in text
        assert "Scored without evidence: Python fundamentals, API design" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)  # no confirmation without a reason
        assert reload(live).state.summary.status == "in_progress"
        await pilot.press(*"Thin on data")
        await pilot.press("ctrl+s")
        await pilot.press("escape")  # cancel the confirmation: still not submitted
        assert reload(live).state.summary.status == "in_progress"
        await pilot.press("ctrl+s", "enter")
        await wait_for(pilot, lambda: reload(live).locked)
        stored = reload(live).state
        assert stored.justification == "Thin on data"
        assert stored.summary.weighted_score == pytest.approx(50.0)
        assert stored.summary.recommendation == "no"
        # Locked: the scoring screen refuses changes, the interview is read only.
        app.push_screen(ScoringScreen(live))
        await pilot.pause()
        await pilot.press("4")
        assert reload(live).state.scores["python"] == 3
        app.push_screen(InterviewScreen(live))
        await pilot.pause()
        await pilot.press("1", "i", *"more")
        state = reload(live).state
        assert not state.observed(live.question.id)
        assert live.notes(live.question.id) == ""


async def test_amend_needs_a_reason_and_is_recorded() -> None:
    services = make_services()
    live = seed_session(services)
    live.set_score("python", 3)
    live.set_score("api", 2)
    live.submit("First view")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SummaryScreen(live))
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, AmendScreen)
        await pilot.press("j", "4")  # j moves to API design: 2 → 4
        assert "API design 2→4" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AmendScreen)  # refused: no reason given
        assert reload(live).state.summary.revision == 0
        await pilot.press(*"Missed the API answer")  # the refusal put the cursor there
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert "amended 1×" in screen_text(app)
        assert "Missed the API answer" in screen_text(app)
    state = reload(live).state
    assert state.scores == {"python": 3, "api": 4}
    assert state.summary.revision == 1
    amendments = live.repo.amendments(live.id)
    assert [a["reason"] for a in amendments] == ["Missed the API answer"]
    assert amendments[0]["changes"]["scores"] == {"api": [2, 4]}


async def _amend_screen(pilot: Pilot[None], app: App[None], live: LiveSession) -> None:
    app.push_screen(SummaryScreen(live))
    await pilot.pause()
    await pilot.press("a")
    assert isinstance(app.screen, AmendScreen)


def _submitted() -> tuple[Services, LiveSession]:
    services = make_services()
    live = seed_session(services)
    live.set_score("python", 3)
    live.set_score("api", 2)
    live.submit("First view")
    return services, live


async def test_amend_j_and_k_move_between_areas() -> None:
    services, live = _submitted()
    async with build_app(services).run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await _amend_screen(pilot, app, live)
        await pilot.press("j", "j")
        assert "Databases · weight" in screen_text(app)
        await pilot.press("k")
        assert "API design · weight" in screen_text(app)


async def test_amend_first_tab_goes_to_the_reason_and_the_hint_says_so() -> None:
    services, live = _submitted()
    async with build_app(services).run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await _amend_screen(pilot, app, live)
        assert "Tab to the reason" not in screen_text(app)
        assert "r reason" in screen_text(app)
        await pilot.press("tab", *"typo fixed")
        assert app.screen.query_one("#amend-reason").value == "typo fixed"
        assert app.screen.query_one("#amend-justification").text == "First view"


async def test_escape_in_the_reason_asks_before_discarding_an_amendment() -> None:
    from interview.tui.screens.confirm import ConfirmScreen

    services, live = _submitted()
    async with build_app(services).run_test(size=(120, 40)) as pilot:
        app = pilot.app
        await _amend_screen(pilot, app, live)
        await pilot.press("j", "4", "r", *"Missed it", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, AmendScreen)
        assert app.screen.query_one("#amend-reason").value == "Missed it"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
    assert reload(live).state.scores == {"python": 3, "api": 4}


async def test_justification_is_on_disk_while_typing_goes_on(tmp_path) -> None:
    """A justification typed without a pause is written within moments, not only once
    typing stops: a killed process must not take the whole burst with it."""
    path = tmp_path / "live.db"
    services = make_services(path)
    live = seed_session(services)
    app = build_app(services)

    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        app.push_screen(SummaryScreen(live))
        await pilot.pause()
        app.screen.query_one("#justification").focus()
        typed = "Strong on SQL!"
        await type_steadily(pilot, typed)  # ten keys a second for 1.4 s
        seen = stored_text(path, "SELECT justification FROM sessions WHERE id = ?", [live.id])
        assert seen, "nothing of the justification was on disk while typing went on"
        assert typed.startswith(seen)
    services.close()
