"""Text typed by people is shown exactly as typed: never as markup, never as terminal codes."""

from __future__ import annotations

from interview.services.live import LiveSession
from interview.tui.app import build_app
from interview.tui.safe_text import one_line, printable
from interview.tui.screens.scoring import ScoringScreen
from interview.tui.screens.summary import SummaryScreen
from tests.tui_support import make_services, screen_text, seed_session

NAME = "[bold red]Eve[/bold red] \x1b[31mRed\x1b[0m"
NOTES = "[link=https://evil.example]click[/link] \x1b]0;owned\x07 done [/]"
ROLE = "[reverse]Ops"


def test_control_characters_become_visible_symbols() -> None:
    assert printable("a\x1b[31mb\x07c\x7f") == "a␛[31mb␇c␡"
    assert printable("tab\tand\nnewline") == "tab\tand\nnewline"
    assert one_line("two\nlines\x00", 0) == "two lines␀"
    assert one_line("x" * 50, 10) == "x" * 9 + "…"


async def test_hostile_names_notes_and_justification_show_literally() -> None:
    services = make_services()
    live = seed_session(services, name=NAME, role=ROLE, interviewer="[i]Mallory")
    question = live.question
    live.save_notes(question.id, NOTES, 30, 30)
    live.toggle_signal(question.id, question.senior_signals[0].id)
    live.set_score("python", 2)
    live.set_justification("[blink]Trust me[/blink] \x1b[2J")
    app = build_app(services)
    async with app.run_test(size=(160, 45)) as pilot:
        home = screen_text(app)
        assert "[bold red]Eve[/bold red] ␛[31mRed␛[0m" in home
        assert "[reverse]Ops" in home

        app.open_session(live.id)
        await pilot.pause()
        interview = screen_text(app)
        assert "[bold red]Eve[/bold red]" in interview
        assert "[link=https://evil.example]click[/link] ␛]0;owned␇ done [/]" in interview

        app.push_screen(ScoringScreen(LiveSession(live.repo, live.id)))
        await pilot.pause()
        assert "[link=https://evil.example]click[/link]" in screen_text(app)

        app.push_screen(SummaryScreen(LiveSession(live.repo, live.id)))
        await pilot.pause()
        summary = screen_text(app)
        assert "[blink]Trust me[/blink] ␛[2J" in summary
        assert "interviewer [i]Mallory" in summary

        for text in (home, interview, summary):
            assert "\x1b" not in text and "\x07" not in text
    # Stored exactly as typed.
    stored = LiveSession(live.repo, live.id)
    assert stored.notes(question.id) == NOTES
    assert stored.state.summary.candidate == NAME
