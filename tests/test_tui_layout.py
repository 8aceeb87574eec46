"""Every screen fits an 80x24 terminal with nothing cut off, and uses a 200x60 one."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from interview.tui.app import build_app
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.new_session import NewSessionScreen
from interview.tui.screens.scoring import ScoringScreen
from interview.tui.screens.summary import SummaryScreen
from tests.tui_support import home_settled, make_services, screen_text, seed_session

SCREENS: dict[str, tuple[str, ...]] = {
    "home": ("#filters", "#sessions", "#list-status", "#resume-banner"),
    "new": ("#candidate-name", "#interviewer", "#plan", "#start"),
    "interview": ("#interview-title", "#clocks", "#question", "#checklist", "#notes"),
    "scoring": ("#areas", "#area-detail", "#area-evidence", "#scoring-result"),
    "summary": ("#summary-result", "#summary-table", "#justification", "#summary-state"),
}


def inside(widget: Widget, width: int, height: int) -> bool:
    region = widget.region
    return region.x >= 0 and region.y >= 0 and region.right <= width and region.bottom <= height


async def open_screen(app: Any, pilot: Any, name: str, live: Any) -> None:
    await home_settled(pilot)
    if name == "new":
        app.push_screen(NewSessionScreen())
    elif name == "interview":
        app.push_screen(InterviewScreen(live))
    elif name == "scoring":
        app.push_screen(ScoringScreen(live))
    elif name == "summary":
        app.push_screen(SummaryScreen(live))
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_screen_fits(name: str, size: tuple[int, int]) -> None:
    services = make_services()
    live = seed_session(services)
    live.set_score("python", 3)
    live.set_score("api", 2)
    app = build_app(services)
    width, height = size
    async with app.run_test(size=size) as pilot:
        await open_screen(app, pilot, name, live)
        screen = app.screen
        for selector in SCREENS[name]:
            widget = screen.query_one(selector)
            assert widget.display, f"{selector} hidden at {size}"
            assert widget.region.height >= 1 and widget.region.width >= 10, selector
            assert inside(widget, width, height), f"{selector} cut off at {size}"
        keys = list(screen.query(FooterKey))
        assert keys, "the footer shows the keys"
        footer = screen.query_one(Footer)
        assert footer.virtual_size.width <= footer.region.width, "footer keys overflow"
        for key in keys:
            assert inside(key, width, height), f"footer key {key.description!r} cut off"
            for other in keys:
                if other is not key:
                    overlap = key.region.intersection(other.region)
                    assert not overlap.area, f"{key.description!r} under {other.description!r}"
        if name == "interview":
            # The things used while listening stay usable at the smallest size.
            for selector in ("#checklist", "#notes", "#question"):
                assert screen.query_one(selector).region.height >= 5, selector
            if width >= 170:
                assert screen.query_one("#qlist").region.width >= 30  # list shown when wide
                assert "Strong signals" in screen_text(app)
            else:
                assert not screen.query_one("#sidebar").display  # room goes to the question


async def test_question_list_comes_and_goes_on_narrow_terminals() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(InterviewScreen(live))
        await pilot.pause()
        sidebar, qlist = app.screen.query_one("#sidebar"), app.screen.query_one("#qlist")
        assert not sidebar.display
        await pilot.press("g")
        assert sidebar.display and qlist.has_focus
        await pilot.press("down", "down", "enter")  # jump to question 3; the list hides again
        assert app.screen.live.index == 2
        assert not sidebar.display


def footer_fits(screen: Any) -> None:
    footer = screen.query_one(Footer)
    descriptions = [key.description for key in screen.query(FooterKey)]
    assert footer.virtual_size.width <= footer.region.width, f"footer overflows: {descriptions}"


async def test_footers_fit_at_80_columns_in_the_other_states() -> None:
    from interview.tui.screens.calibration import CalibrationScreen
    from interview.tui.screens.ranking import RankingScreen
    from interview.tui.screens.report import ReportScreen

    services = make_services()
    live = seed_session(services)
    live.set_score("python", 3)
    live.submit("Solid.")
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SummaryScreen(live))  # locked: amend, report, home, AI summary
        await pilot.pause()
        footer_fits(app.screen)
        app.pop_screen()
        app.push_screen(InterviewScreen(live))
        await pilot.pause()
        await pilot.press("g")  # the question list has the focus
        await pilot.pause()
        footer_fits(app.screen)
        app.pop_screen()
        for screen in (ReportScreen(live.id), RankingScreen(), CalibrationScreen()):
            app.push_screen(screen)
            await pilot.pause(0.3)
            footer_fits(app.screen)
            app.pop_screen()
