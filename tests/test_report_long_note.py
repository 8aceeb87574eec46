"""A report with a very long note (reproduced with 2 MB) opens without wrapping it all on screen:
the note is cut with a line saying how much is left out, ``a`` shows it whole,
exports keep it all."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Static

from interview.reports.build import load_report
from interview.reports.export import render
from interview.services.live import LiveSession
from interview.tui.app import InterviewApp
from interview.tui.screens.report import SCREEN_TEXT_LIMIT
from tests.test_report_screen import open_report, shown
from tests.tui_support import make_services, seed_session

HEAD, TAIL = "FIRST-WORDS of the note", "LAST-WORDS of the note"
# Twenty times the on-screen limit: the cut does not depend on how far over it a note is
# (the 2 MB reproduction behaves the same), and showing it all stays quick in the suite.
NOTE_CHARS = 400_000


def long_note() -> str:
    line = "the candidate walked through the retry path and its idempotency key " * 2
    body = "\n".join(line for _ in range(NOTE_CHARS // len(line)))
    return f"{HEAD}\n{body}\n{TAIL}"


async def test_a_very_long_note_is_cut_on_screen_until_show_all(tmp_path: Path) -> None:
    services = make_services(tmp_path / "long.db")
    live: LiveSession = seed_session(services)
    note = long_note()
    live.save_notes(live.question.id, note, 60, 60)
    app = InterviewApp(services)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_report(app, pilot, live.id)
        text = shown(screen.query_one("#report-body", Static))
        assert HEAD in text and TAIL not in text
        found = re.search(r"… ([\d,]+) more characters not shown", text)
        assert found and int(found[1].replace(",", "")) > len(note) - SCREEN_TEXT_LIMIT - 100
        assert screen.check_action("show_all", ()) is True  # in the footer while cut
        await pilot.press("a")
        await pilot.pause()
        assert screen.check_action("show_all", ()) is None
        assert TAIL in shown(screen.query_one("#report-body", Static))
    # Exports are whole.
    report = load_report(services.repo.db, live.id)
    assert TAIL in render(report, "md") and "not shown" not in render(report, "md")
