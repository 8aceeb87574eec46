"""The report screen: the same report in the app, loaded off the UI thread, with export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static

from interview.config import Config
from interview.services.container import Services, build_services
from interview.services.demo import DemoClock, play_interview, write_demo
from interview.services.demo_data import DMITRI_HANNAH
from interview.tui.app import InterviewApp
from interview.tui.screens.report import ReportScreen
from interview.tui.screens.report_export import ExportDialog
from tests.report_support import bundled_content, sample_session


def shown(widget: Static, width: int = 110) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


async def until(pilot: Pilot[None], condition: Callable[[], bool], tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


@pytest.fixture
def file_services(tmp_path: Path) -> Services:
    """A database file, so the screen reads on its own read-only connection."""
    svc = build_services(db_path=tmp_path / "demo.db", content=bundled_content(),
                         config=Config(), clock=DemoClock())  # fmt: skip
    write_demo(svc.repo.db, svc.content)
    return svc


async def open_report(app: InterviewApp, pilot: Pilot[None], session_id: str) -> ReportScreen:
    await pilot.pause()
    screen = ReportScreen(session_id)
    app.push_screen(screen)
    await until(pilot, lambda: screen.report is not None)
    await pilot.pause()
    return screen


async def test_shows_the_report_from_the_database(file_services: Services) -> None:
    sid = sample_session(file_services.repo.db, DMITRI_HANNAH.key)
    app = InterviewApp(file_services)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_report(app, pilot, sid)
        text = shown(screen.query_one("#report-body", Static))
        assert "Candidate report: Dmitri Volkov (C-2042)" in text
        assert "61.7 / 100" in text and "Amendments" in text
        assert DMITRI_HANNAH.takes[0].notes.splitlines()[0][:60] in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReportScreen)


async def test_user_markup_in_notes_is_shown_as_typed(services: Services) -> None:
    clock = DemoClock()
    services.repo.clock = clock
    content = bundled_content()
    sid = play_interview(services.repo, content, clock, DMITRI_HANNAH)
    from interview.services.live import LiveSession

    # Reopened by hand to type into it: the database's guard against that is lifted first.
    services.repo.db.execute("DROP TRIGGER scorecard_no_reopen")
    services.repo.db.execute("UPDATE sessions SET status = 'in_progress' WHERE id = ?", [sid])
    live = LiveSession(services.repo, sid)
    live.save_notes("legacy-monolith", "[bold red]alarm[/] \x1b[31mred", 10.0, 10.0)
    app = InterviewApp(services)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_report(app, pilot, sid)
        text = shown(screen.query_one("#report-body", Static))
        assert "[bold red]alarm[/] ␛[31mred" in text


async def test_export_writes_the_file_and_never_overwrites_unasked(
    file_services: Services, tmp_path: Path
) -> None:
    sid = sample_session(file_services.repo.db, DMITRI_HANNAH.key)
    target = tmp_path / "dmitri.html"
    app = InterviewApp(file_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_report(app, pilot, sid)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value.endswith(".html") and "dmitri-volkov-2026-03-03" in path_input.value

        path_input.value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: target.exists() and target.stat().st_size > 0)
        assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert isinstance(app.screen, ReportScreen)

        target.write_text("keep")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert "exists" in shown(dialog.query_one("#export-error", Static))
        assert target.read_text() == "keep"

        dialog.query_one("#export-overwrite", Checkbox).value = True
        dialog.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: target.read_text(encoding="utf-8").startswith("<!DOCTYPE"))


async def test_export_needs_a_known_extension(file_services: Services, tmp_path: Path) -> None:
    sid = sample_session(file_services.repo.db, DMITRI_HANNAH.key)
    app = InterviewApp(file_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_report(app, pilot, sid)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        dialog.query_one("#export-path", Input).value = str(tmp_path / "report.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert ".html, .md, .json or .csv" in shown(dialog.query_one("#export-error", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert list(tmp_path.glob("report.*")) == []


async def test_unknown_session_shows_a_message_not_a_crash(services: Services) -> None:
    app = InterviewApp(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = ReportScreen("no-such-session")
        app.push_screen(screen)
        await pilot.pause()
        body = screen.query_one("#report-body", Static)
        await until(pilot, lambda: "Cannot show" in shown(body))
        assert "no session with id no-such-session" in shown(body)
        assert screen.report is None


async def test_report_keys_are_listed_on_help_and_remappable(tmp_path: Path) -> None:
    from interview.config import load_config
    from interview.tui.screens.help import HelpScreen
    from tests.tui_support import screen_text

    config_file = tmp_path / "config.toml"
    config_file.write_text('[bindings]\nreport_export = "x"\n', encoding="utf-8")
    svc = build_services(db_path=tmp_path / "demo.db", content=bundled_content(),
                         config=load_config(config_file), clock=DemoClock())  # fmt: skip
    write_demo(svc.repo.db, svc.content)
    sid = sample_session(svc.repo.db, DMITRI_HANNAH.key)
    app = InterviewApp(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app._notifications  # report_export is a known id: no warning
        screen = await open_report(app, pilot, sid)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Report" in text
        for ident in ("report_export", "report_reload", "report_back"):
            assert ident in text, ident
        export_row = next(line for line in text.splitlines() if "report_export" in line)
        assert "x" in export_row.split("Export")[0]
        await pilot.press("escape", "x")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert screen.report is not None
