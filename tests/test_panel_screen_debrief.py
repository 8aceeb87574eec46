"""The panel screen shows who is still missing on the loop and the lead's debrief
decision with its rationale, apart from the formula; a blind viewer sees who is missing
and nothing else of the panel."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview.services.container import Services
from interview.services.debrief import add_to_loop, record_decision
from interview.tui.app import build_app
from interview.tui.screens.panel import PanelScreen
from tests.panel_support import close, interview, services_at
from tests.test_panel_screens import wait_loaded
from tests.tui_support import screen_text

RATIONALE = "Owned the outage story; databases held up under two probes"


def seed(services: Services, *, decided: bool = True) -> str:
    interview(services, candidate="Ada Lovelace", code="C-7", interviewer="Alice",
              scores={"python": 4, "api": 3, "databases": 3})  # fmt: skip
    interview(services, candidate="Ada Lovelace", code="C-7", interviewer="Bob",
              scores={"python": 3, "api": 3, "databases": 4}, submit=False)  # fmt: skip
    cid = services.repo.find_or_create_candidate("Ada Lovelace", "C-7")
    # Carol's session was at 08:00; the test clock is 09:00 and a bit.
    add_to_loop(services.repo.db, cid, ["Alice", "Carol"], datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    if decided:
        record_decision(services.repo.db, cid, "more-evidence", RATIONALE, "Ana Lead",
                        services.repo.clock())  # fmt: skip
    return cid


async def show(services: Services, cid: str, viewer: str, size: tuple[int, int]) -> str:
    app = build_app(services)
    async with app.run_test(size=size) as pilot:
        screen = PanelScreen(cid, viewer=viewer)
        app.push_screen(screen)
        await wait_loaded(pilot, screen)
        await pilot.pause()
        return screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_decision_and_who_is_missing_are_on_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    services = services_at(tmp_path / "panel.db")
    cid = seed(services)
    text = await show(services, cid, "Alice", size)
    close(services)
    flat = " ".join(text.split())
    assert "Panel decision: More evidence — Owned the outage story" in flat
    assert "(by Ana Lead, 2026-03-02" in flat and "the formula said" in flat
    assert "Missing scorecards: Bob (session in progress" in flat
    assert "Carol (session 1 h ago)" in flat
    assert "Alice (session" not in flat  # her scorecard is in
    assert "Combined by formula" in flat  # the formula's own result is still there


async def test_no_decision_yet_says_so(tmp_path: Path) -> None:
    services = services_at(tmp_path / "panel.db")
    cid = seed(services, decided=False)
    text = await show(services, cid, "Alice", (120, 40))
    close(services)
    assert "Panel decision: not recorded yet" in text


async def test_a_blind_viewer_sees_who_is_missing_but_no_score_or_decision(
    tmp_path: Path,
) -> None:
    services = services_at(tmp_path / "panel.db")
    cid = seed(services)
    text = await show(services, cid, "Carol", (120, 40))
    close(services)
    flat = " ".join(text.split())
    assert "Blind until you submit" in flat
    assert "Missing scorecards: Bob (session in progress" in flat and "Carol (session" in flat
    for hidden in ("Panel decision", "More evidence", "Owned the outage", "Combined", "Weighted"):
        assert hidden not in flat, hidden
