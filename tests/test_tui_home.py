"""Home screen: the session list, its filters, paging, resuming, and the other views."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from interview.tui.app import build_app
from interview.tui.screens.home import PAGE, HomeScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.resume import ResumeScreen
from interview.tui.screens.summary import SummaryScreen
from interview.tui.widgets.session_table import SessionTable
from tests.tui_support import home_settled, make_services, screen_text, seed_session, wait_for


def submit(live: Any, scores: dict[str, int] | None = None) -> None:
    for area, value in (scores or {"python": 3}).items():
        live.set_score(area, value)
    live.submit("Solid.")


async def test_lists_sessions_and_filters_by_candidate_role_status_and_date() -> None:
    services = make_services()
    seed_session(services, name="Ada Lovelace", role="Backend engineer")
    submit(seed_session(services, name="Alan Turing", role="Data engineer"))
    seed_session(services, name="", code="C-1042", role="Backend engineer")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await home_settled(pilot)
        table = app.screen.query_one(SessionTable)
        assert table.row_count == 3
        text = screen_text(app)
        assert "Ada Lovelace" in text and "Alan Turing" in text and "C-1042" in text

        def labels() -> set[str]:
            return {s.candidate_label for s in table.summaries.values()}

        async def filtered(selector: str, value: str, expected: set[str]) -> None:
            # The list reloads a moment after typing stops: wait for it, however slow
            # the machine, rather than for a fixed time.
            app.screen.query_one(selector, Input).value = value
            await wait_for(pilot, lambda: labels() == expected)

        everyone = {"Ada Lovelace", "Alan Turing", "C-1042"}
        await filtered("#filter-candidate", "ada", {"Ada Lovelace"})
        await filtered("#filter-candidate", "1042", {"C-1042"})
        await filtered("#filter-candidate", "", everyone)
        await filtered("#filter-role", "data", {"Alan Turing"})
        await filtered("#filter-role", "", everyone)
        await filtered("#filter-since", "2099-01-01", set())
        await wait_for(pilot, lambda: "No session matches" in screen_text(app))
        # A malformed date is flagged and ignored rather than hiding everything.
        app.screen.query_one("#filter-since", Input).value = "2026-13-45"
        await wait_for(pilot, lambda: app.screen.query_one("#filter-since").has_class("-problem"))
        await filtered("#filter-since", "2020-01-01", everyone)
        app.screen.query_one("#filter-status").value = "submitted"
        await wait_for(pilot, lambda: labels() == {"Alan Turing"})
        # Escape clears every filter.
        table.focus()
        await pilot.press("escape")
        await wait_for(pilot, lambda: table.row_count == 3)


async def test_long_lists_load_a_page_at_a_time() -> None:
    services = make_services()
    repo = services.repo
    plan = services.content.plans["quick-screen-20"]
    for i in range(PAGE + 30):
        candidate = repo.find_or_create_candidate(f"Candidate {i:03d}")
        repo.create_session(
            candidate_id=candidate,
            interviewer="Grace",
            role="Backend",
            level="mid",
            plan=plan,
            content=services.content,
        )
    app = build_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(SessionTable)
        assert table.row_count == PAGE
        assert "more load as you scroll" in screen_text(app)
        for _ in range(20):  # page down through the list, as a user would
            await pilot.press("pagedown")
        assert table.row_count == PAGE + 30
        assert f"{PAGE + 30} sessions" in screen_text(app)


async def test_unfinished_session_is_offered_and_resumed_where_it_was() -> None:
    services = make_services()
    live = seed_session(services, name="Ada Lovelace")
    second = live.items[1][1]
    live.goto(1, 300.0)
    live.save_notes(second.id, "talked about retries", 125.0, 300.0)
    live.toggle_signal(second.id, second.senior_signals[1].id)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        text = screen_text(app)
        assert "Unfinished: Ada Lovelace" in text and "press r to resume" in text
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        text = screen_text(app)
        assert "Question 2 of 4" in text
        assert "talked about retries" in text
        assert "Q 02:05/11:00" in text  # the question clock carries on from 2:05
        assert "Total 05:00/40:00" in text
        assert "■ Requires a client-supplied" in text  # the ticked signal is still ticked


async def test_several_unfinished_sessions_are_chosen_from_a_list() -> None:
    services = make_services()
    seed_session(services, name="Ada Lovelace")
    seed_session(services, name="Alan Turing")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "1 more" in screen_text(app)
        await pilot.press("r")
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        assert app.screen.live.state.summary.candidate == "Ada Lovelace"


async def test_enter_opens_a_submitted_scorecard_read_only() -> None:
    services = make_services()
    submit(seed_session(services, name="Alan Turing"))
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)
        assert "Submitted" in screen_text(app)
        await pilot.press("h")
        assert isinstance(app.screen, HomeScreen)


async def test_views_open_from_home_by_their_registered_names() -> None:
    services = make_services()
    seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CalibrationScreen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("o")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ReportScreen")


async def test_ranked_candidates_open_from_home_for_the_role_filtered() -> None:
    from interview.tui.screens.ranking import RankingScreen

    services = make_services()
    submit(seed_session(services, name="Ada Lovelace", role="Backend engineer"))
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert "Ranked candidates" in commands
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, RankingScreen))
        assert app.screen.role == ""
        await wait_for(pilot, lambda: app.screen.ranking is not None)
        assert "Ada Lovelace" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await home_settled(pilot)
        app.screen.query_one("#filter-role", Input).value = "backend"
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, RankingScreen))
        assert app.screen.role == "backend"
        assert app.screen.sub_title == "Candidates for backend"


async def test_newest_interview_first_whatever_was_saved_last() -> None:
    services = make_services()
    older = seed_session(services, name="Ada Lovelace")
    seed_session(services, name="Alan Turing")
    submit(older)  # saved after Alan's interview started: still listed below it
    app = build_app(services)
    async with app.run_test(size=(120, 40)):
        table = app.screen.query_one(SessionTable)
        labels = [s.candidate_label for s in table.summaries.values()]
        assert labels == ["Alan Turing", "Ada Lovelace"]
        assert "Sessions · newest interview first" in screen_text(app)


async def test_escape_in_a_filter_gives_the_keys_back_to_the_list() -> None:
    """After / and Esc the focus stayed in the filter, so "press r to resume" typed r."""
    services = make_services()
    live = seed_session(services, name="Ada Lovelace")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Ad", "escape")
        assert isinstance(app.focused, SessionTable)
        assert app.screen.query_one("#filter-candidate", Input).value == ""
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        assert app.screen.live.id == live.id


async def test_resume_offers_only_the_current_interviewers_sessions() -> None:
    """On a merged database the banner offered to resume another interviewer's session."""
    services = make_services()
    seed_session(services, name="Alan Turing", interviewer="Someone Else")
    mine = seed_session(services, name="Ada Lovelace", interviewer="Grace Hopper")
    services.repo.set_pref("interviewer", "Grace Hopper")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        banner = str(app.screen.query_one("#resume-banner").render())
        assert "Ada Lovelace" in banner and "Alan Turing" not in banner and "more" not in banner
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        assert app.screen.live.id == mine.id


async def test_abandoned_session_is_kept_but_leaves_the_resume_banner() -> None:
    services = make_services()
    live = seed_session(services, name="No Show")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.screen.query_one("#resume-banner").display
        await pilot.press("x")  # the only (highlighted) row
        await pilot.pause()
        await pilot.press("enter")  # confirm
        await wait_for(pilot, lambda: not app.screen.query_one("#resume-banner").display)
        assert "abandoned" in screen_text(app)
        await pilot.press("r")
        assert any("No unfinished interview" in n.message for n in app._notifications)
    summary = services.repo.summary(live.id)
    assert summary.status == "abandoned"
    assert [e["kind"] for e in services.repo.events(live.id)][-1] == "abandoned"


async def test_delete_asks_first_and_removes_the_session() -> None:
    services = make_services()
    live = seed_session(services, name="Typo Person")
    live.save_notes(live.question.id, "a note", 10, 10)
    kept = seed_session(services, name="Ada Lovelace")
    submit(kept)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(SessionTable)
        table.move_cursor(row=list(table.summaries).index(live.id))
        await pilot.press("delete")
        await wait_for(pilot, lambda: not isinstance(app.screen, HomeScreen))
        await pilot.press("escape")  # no: nothing happens
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert live.id in services.repo.list_sessions(limit=None).__repr__()
        await pilot.press("delete")
        await wait_for(pilot, lambda: not isinstance(app.screen, HomeScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Typo Person" not in screen_text(app))
        assert isinstance(app.screen, HomeScreen)
        # A submitted scorecard is not deleted from here.
        table.move_cursor(row=0)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("submitted scorecard" in n.message for n in app._notifications)
    assert [s.id for s in services.repo.list_sessions(limit=None)] == [kept.id]
    rows = services.repo.db.conn.execute(
        "SELECT count(*) FROM answers WHERE session_id = ?", [live.id]
    ).fetchone()
    assert rows[0] == 0
