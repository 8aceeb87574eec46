"""Bank health opens from home; a practice-only app (what `interview serve` runs) reaches
practice and nothing else."""

from __future__ import annotations

from pathlib import Path

from interview.tui.app import InterviewApp
from interview.tui.screens.home import HomeScreen
from interview.tui.screens.practice import PracticeScreen
from tests.tui_support import make_services, screen_text, seed_session, wait_for


async def test_bank_health_opens_from_home(tmp_path: Path) -> None:
    services = make_services(tmp_path / "x.db")
    live = seed_session(services, name="Ada [bold]Lovelace[/]")
    live.submit("justified")
    app = InterviewApp(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("b")
        await wait_for(pilot, lambda: "submitted scorecard(s)" in screen_text(app))
        text = screen_text(app)
        assert "Bank health" in text and "1 submitted scorecard(s)" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_practice_only_app_never_reaches_home(tmp_path: Path) -> None:
    services = make_services(tmp_path / "x.db")
    seed_session(services, name="Secret Candidate").submit("justified")

    class Served(InterviewApp):
        def on_ready(self) -> None:
            self.push_screen(PracticeScreen())

    app = Served(services, practice_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen))
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        app.action_home()
        app.open_screen("report", "x")
        app.open_screen("calibration")
        await pilot.pause(0.2)
        assert isinstance(app.screen, PracticeScreen)
        assert "Secret Candidate" not in screen_text(app)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Home" not in commands and "Bank health" not in commands
