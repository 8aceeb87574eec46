"""Home screen: the first frame already lists sessions, the session list's keys and mouse."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Input

from interview.tui.app import InterviewApp, build_app
from interview.tui.screens.home import HomeScreen
from interview.tui.screens.home_filters import NO_FILTERS, FilterBar
from interview.tui.screens.interview import InterviewScreen
from interview.tui.widgets.session_table import SessionTable
from tests.tui_support import PLAN, home_settled, make_services, screen_text, seed_session, wait_for


class FirstFrame(InterviewApp):
    """Notes what the home screen showed in the first frame written to the terminal."""

    first: dict[str, Any] | None = None

    def post_display_hook(self) -> None:
        if self.first is None and isinstance(self.screen, HomeScreen):
            screen = self.screen
            self.first = {
                "rows": screen.table.row_count,
                "text": screen_text(self),
                "filters": screen.filter_bar.filled,
            }


async def test_the_first_frame_lists_sessions_and_the_filter_bar_follows() -> None:
    services = make_services()
    seed_session(services, name="Ada Lovelace")
    seed_session(services, name="Alan Turing")
    app = FirstFrame(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        assert app.first is not None
        assert app.first["rows"] == 2
        assert "Alan Turing" in app.first["text"] and "Ada Lovelace" in app.first["text"]
        assert "press r to resume" in app.first["text"]
        # Mounted after that frame, in the row kept for it: nothing below it moved.
        assert not app.first["filters"]
        await wait_for(pilot, lambda: "/ Filter" in screen_text(app).splitlines()[-1])
        first_lines = app.first["text"].splitlines()
        now = screen_text(app).splitlines()
        assert now[6:12] == first_lines[6:12]  # the list's border, header and rows
        assert "Candidate" in now[3] and "Any status" in now[3]
        assert "n New" in now[-1]


async def test_filters_before_the_bar_is_filled_mean_no_filter() -> None:
    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield FilterBar(id="filters")

    app = Bare()
    async with app.run_test() as pilot:
        bar = app.query_one(FilterBar)
        assert not bar.filled
        assert bar.values() == NO_FILTERS and bar.role == ""
        bar.clear()  # nothing to clear yet: no error
        await bar.focus_first()  # a "/" pressed at once fills the bar first
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "filter-candidate"
        await pilot.press(*"ada")
        assert bar.values() == {**NO_FILTERS, "candidate": "ada"}


async def test_keys_move_the_highlight_through_the_list() -> None:
    services = make_services()
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Linus Torvalds"):
        seed_session(services, name=name)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(SessionTable)
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("down", "down")
        assert table.selected is not None and table.selected.candidate == "Alan Turing"
        await pilot.press("end")
        assert table.selected is not None and table.selected.candidate == "Ada Lovelace"
        await pilot.press("home")
        assert table.selected is not None and table.selected.candidate == "Linus Torvalds"
        await pilot.press("up")  # already at the top: stays
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row == 3


async def test_a_click_highlights_a_row_and_a_second_click_opens_it() -> None:
    services = make_services()
    seed_session(services, name="Ada Lovelace")
    seed_session(services, name="Alan Turing")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(SessionTable)
        # Line 0 of the list is its header; line 2 is the second session (Ada, older).
        await pilot.click(SessionTable, offset=(5, 3))
        assert table.selected is not None and table.selected.candidate == "Ada Lovelace"
        assert isinstance(app.screen, HomeScreen)
        await pilot.click(SessionTable, offset=(5, 3))
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        assert app.screen.live.state.summary.candidate == "Ada Lovelace"


async def test_a_narrow_terminal_keeps_the_most_important_columns() -> None:
    services = make_services()
    seed_session(services, name="Ada Lovelace", role="Backend engineer")
    app = build_app(services)
    async with app.run_test(size=(80, 24)):
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Candidate" in line and "│" in line)
        for column in ("Started", "Candidate", "Status", "Score", "Result"):
            assert column in header
        assert "Plan" not in header and "Level" not in header
        assert "Ada Lovelace" in screen_text(app)


async def test_quitting_at_the_first_frame_leaves_without_an_error() -> None:
    """The filter bar and footer, due right after the first frame, must not fail a quit."""

    class QuitAtOnce(InterviewApp):
        def post_display_hook(self) -> None:
            if isinstance(self.screen, HomeScreen) and self.return_code is None:
                self.exit(0)

    services = make_services()
    seed_session(services, name="Ada Lovelace")
    app = QuitAtOnce(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert app.return_code == 0 and not app._crashed


async def test_a_wide_terminal_shows_long_roles_and_plans_whole() -> None:
    services = make_services()
    seed_session(services, name="Ada Lovelace", role="Senior backend engineer, payments")
    app = build_app(services)
    async with app.run_test(size=(200, 60)) as pilot:
        await home_settled(pilot)
        text = screen_text(app)
        assert "Senior backend engineer, payments" in text
        assert services.content.plans[PLAN].title in text
    async with build_app(services).run_test(size=(80, 24)) as pilot:
        await home_settled(pilot)
        assert "Ada Lovelace" in screen_text(pilot.app)  # narrow: the columns still fit
