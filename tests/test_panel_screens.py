"""The panel, ranking, calibration and drill screens, driven like a user would."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import DataTable, LoadingIndicator, Static

from interview.services.calibration import CalibrationService
from interview.services.container import Services
from interview.services.panel import OVERRIDE_EVENT, PanelService
from interview.tui.app import build_app
from interview.tui.screens.calibration import CalibrationScreen
from interview.tui.screens.drill import DrillScreen
from interview.tui.screens.help import HelpScreen
from interview.tui.screens.panel import PanelScreen
from interview.tui.screens.ranking import RankingScreen
from tests.panel_support import close, interview, services_at
from tests.tui_support import wait_for

SIZE = (120, 40)


def text_of(screen: object, selector: str) -> str:
    """What a Static shows, as plain text."""
    widget = screen.query_one(selector, Static)  # type: ignore[attr-defined]
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def seed(services: Services, bob_submits: bool) -> str:
    interview(services, candidate="Ada Lovelace", code="C-7", interviewer="Alice",
              scores={"python": 4, "api": 3, "databases": 2},
              note="Sketched an outbox table before anything else")  # fmt: skip
    interview(services, candidate="Ada Lovelace", code="C-7", interviewer="Bob",
              scores={"python": 3, "api": 3, "databases": 4}, submit=bob_submits)  # fmt: skip
    interview(services, candidate="Grace Hopper", code="C-8", interviewer="Alice",
              scores={"python": 2, "api": 2})  # fmt: skip
    return services.repo.find_or_create_candidate("Ada Lovelace", "C-7")


async def wait_loaded(pilot: object, screen: object, attr: str = "loaded") -> None:
    for _ in range(100):
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        if getattr(screen, attr) is not None:
            return
    raise AssertionError("screen did not load")


async def test_panel_is_blind_until_lead_override_which_is_recorded(tmp_path: Path) -> None:
    services = services_at(tmp_path / "panel.db")
    cid = seed(services, bob_submits=False)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = PanelScreen(cid, viewer="Bob")
        app.push_screen(screen)
        await wait_loaded(pilot, screen)
        await pilot.pause()
        blind = text_of(screen, "#pn-blind")
        assert "Blind until you submit" in blind and "not submitted" in blind
        assert not screen.query_one("#pn-table").display
        await pilot.press("l")
        for _ in range(50):
            await pilot.pause(0.02)
            if screen.loaded and screen.loaded.view is not None:
                break
        assert screen.loaded and screen.loaded.view is not None
        assert screen.query_one("#pn-table").display
        assert "opened as panel lead" in text_of(screen, "#pn-facts")
    events = services.repo.db.execute(
        "SELECT actor FROM events WHERE kind = ?", [OVERRIDE_EVENT]
    ).fetchall()
    assert events == [("Bob",)]
    close(services)


async def test_panel_shows_disagreements_and_evidence_one_key_away(tmp_path: Path) -> None:
    services = services_at(tmp_path / "panel.db")
    cid = seed(services, bob_submits=True)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = PanelScreen(cid, viewer="Alice")
        app.push_screen(screen)
        await wait_loaded(pilot, screen)
        await pilot.pause()
        table = screen.query_one("#pn-table", DataTable)
        assert table.row_count == 6 + 2 and table.columns.keys()
        databases = table.get_row("databases")
        assert str(databases[-1]) == "2 ⚠"
        assert databases[0].style == "bold red"
        assert "Combined by formula" in text_of(screen, "#pn-combined")
        agenda = text_of(screen, "#pn-agenda-text")
        assert agenda.index("Databases") < agenda.index("Python fundamentals")
        # The cursor starts on Alice's python score; her evidence shows at once.
        evidence = text_of(screen, "#pn-evidence-text")
        assert "Alice — Python fundamentals: 4" in evidence
        await pilot.press("right")
        assert "Bob — Python fundamentals: 3" in text_of(screen, "#pn-evidence-text")
    close(services)


async def test_ranking_lists_sorts_and_opens_the_panel(tmp_path: Path) -> None:
    services = services_at(tmp_path / "panel.db")
    seed(services, bob_submits=True)
    services.repo.set_pref("interviewer", "Alice")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = RankingScreen()
        app.push_screen(screen)
        await wait_loaded(pilot, screen, "ranking")
        await pilot.pause()
        table = screen.query_one("#rk-table", DataTable)
        assert table.row_count == 2
        first = table.get_row_at(0)
        assert "Ada Lovelace" in str(first[1])
        await pilot.press("s")  # next sort key: name
        await pilot.pause()
        assert screen.sort == "name"
        assert "Ada Lovelace" in str(table.get_row_at(0)[1])
        await pilot.press("r")  # reverse
        await pilot.pause()
        assert "Grace Hopper" in str(table.get_row_at(0)[1])
        assert "█" in text_of(screen, "#rk-chart")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PanelScreen)
    close(services)


async def test_ranking_hides_candidates_the_viewer_has_not_scored(tmp_path: Path) -> None:
    services = services_at(tmp_path / "panel.db")
    seed(services, bob_submits=False)
    services.repo.set_pref("interviewer", "Bob")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = RankingScreen()
        app.push_screen(screen)
        await wait_loaded(pilot, screen, "ranking")
        await pilot.pause()
        table = screen.query_one("#rk-table", DataTable)
        assert all("hidden" in str(table.get_row_at(i)[2]) for i in range(table.row_count))
    close(services)


async def test_calibration_screen_and_a_drill(tmp_path: Path) -> None:
    services = services_at(tmp_path / "panel.db")
    seed(services, bob_submits=True)
    services.repo.set_pref("interviewer", "Alice")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = CalibrationScreen()
        app.push_screen(screen)
        await wait_loaded(pilot, screen, "report")
        await pilot.pause()
        assert "Alice" in text_of(screen, "#cb-content")
        await pilot.press("d")
        await pilot.pause()
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        item = drill.item
        assert item is not None
        # Agreed scores are not on screen before the drill is recorded.
        assert "Agreed" not in text_of(drill, "#dr-scores")
        for _ in item.area_ids:
            await pilot.press("3", "j")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert drill.result is not None
        shown = text_of(drill, "#dr-scores")
        assert "Agreed" in shown and "offset" in shown
    rows = services.repo.db.execute(
        "SELECT interviewer, score FROM calibration_attempts"
    ).fetchall()
    assert rows and all(r == ("Alice", 3) for r in rows)
    close(services)


async def test_panel_without_a_candidate_opens_the_ranked_list(tmp_path: Path) -> None:
    services = services_at(tmp_path / "panel.db")
    seed(services, bob_submits=True)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PanelScreen())
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RankingScreen)
    close(services)


class Gate:
    """Holds a service call in its worker thread until the test opens the gate."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> None:
        self.opened = threading.Event()
        self.entered = threading.Event()
        real = getattr(owner, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            self.opened.wait(10)
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)


async def shows_progress_then(pilot: Any, screen: Any, gate: Gate, loaded: str) -> None:
    """While the computation runs, a spinner shows and keys still work; then the result."""
    await wait_for(pilot, gate.entered.is_set)
    await wait_for(pilot, lambda: screen.query_one(LoadingIndicator).display)
    assert getattr(screen, loaded) is None
    # The UI loop is free meanwhile: the help screen opens and closes.
    await pilot.press("f1")
    assert isinstance(pilot.app.screen, HelpScreen)
    await pilot.press("escape")
    gate.opened.set()
    await wait_for(pilot, lambda: getattr(screen, loaded) is not None)
    await pilot.pause()
    assert not screen.query_one(LoadingIndicator).display


async def test_ranking_shows_progress_while_it_computes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = services_at(tmp_path / "panel.db")
    seed(services, bob_submits=True)
    services.repo.set_pref("interviewer", "Alice")
    gate = Gate(monkeypatch, PanelService, "ranking")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = RankingScreen()
        app.push_screen(screen)
        await wait_for(pilot, gate.entered.is_set)
        assert "Ranking candidates…" in text_of(screen, "#rk-status")
        await shows_progress_then(pilot, screen, gate, "ranking")
        assert screen.query_one("#rk-table", DataTable).row_count == 2
        assert "2 of 2 candidate(s)" in text_of(screen, "#rk-status")
    close(services)


async def test_calibration_shows_progress_while_it_computes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = services_at(tmp_path / "panel.db")
    seed(services, bob_submits=True)
    gate = Gate(monkeypatch, CalibrationService, "report")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = CalibrationScreen()
        app.push_screen(screen)
        await wait_for(pilot, gate.entered.is_set)
        assert "Computing calibration" in text_of(screen, "#cb-content")
        await shows_progress_then(pilot, screen, gate, "report")
        assert "submitted scorecard(s)" in text_of(screen, "#cb-content")
    close(services)


async def test_panel_shows_progress_while_it_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = services_at(tmp_path / "panel.db")
    cid = seed(services, bob_submits=True)
    gate = Gate(monkeypatch, PanelService, "view")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        screen = PanelScreen(cid, viewer="Alice")
        app.push_screen(screen)
        await wait_for(pilot, gate.entered.is_set)
        assert "Loading the panel…" in text_of(screen, "#pn-title")
        await shows_progress_then(pilot, screen, gate, "loaded")
        assert "Panel: Ada Lovelace" in text_of(screen, "#pn-title")
        assert screen.query_one("#pn-table").display
    close(services)


async def test_drill_asks_for_the_interviewer_name_when_none_is_set(tmp_path: Path) -> None:
    services = services_at(tmp_path / "panel.db")
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        drill = DrillScreen()
        app.push_screen(drill)
        await pilot.pause()
        assert "type your name" in text_of(drill, "#dr-message")
        await pilot.press(*"Alice", "enter")
        await pilot.pause()
        assert services.repo.get_pref("interviewer") == "Alice"
        assert not drill.query_one("#dr-message").display
        item = drill.item
        assert item is not None
        for _ in item.area_ids:
            await pilot.press("2", "j")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert drill.result is not None
    close(services)


async def test_drill_on_a_code_review_question_shows_the_code(tmp_path: Path) -> None:
    from tests.tui_support import screen_text

    services = services_at(tmp_path / "panel.db")
    services.repo.set_pref("interviewer", "Alice")
    bank = CalibrationService(services.repo, services.content).drill_bank()
    item = next(i for i in bank if i.question.code is not None)
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(DrillScreen(item))
        await pilot.pause()
        code = item.question.code
        assert code is not None
        first_line = code.source.strip().splitlines()[0]
        assert first_line in screen_text(app)
    close(services)
