"""Damaged pages, text that is not UTF-8 and dropped tables: every command says so in one
line (never a traceback, never the stored text), and the app shows an error instead of
stopping through its crash handler."""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from interview.cli import main
from interview.services.demo import write_demo_file
from interview.tui.app import build_app
from interview.tui.screens.home import HomeScreen
from tests.report_support import bundled_content
from tests.tui_support import make_services, screen_text, wait_for

CANARY = "CANARY-stored-text-7f3a"
TOM = "fcfd"  # a submitted session of the demo data (Tom Becker, C-2044)


def _malformed(path: Path) -> None:
    """Overwrite the first bytes of a few b-tree pages past page 1 (as a bad disk would)."""
    conn = sqlite3.connect(path)
    roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE rootpage > 1"))
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    rng = random.Random(1)
    with path.open("r+b") as fh:
        for name in ("area_scores", "signal_observations", "idx_sessions_status"):
            fh.seek((roots[name] - 1) * size)
            fh.write(bytes([13]) + bytes(rng.randrange(256) for _ in range(63)))


def _not_utf8(path: Path) -> None:
    """A snapshot whose stored text is cut by bytes that are not UTF-8."""
    conn = sqlite3.connect(path)
    bad = (f'{{"plan": {{"description": "{CANARY}'.encode() + b"\xff\xfe\x80 rest").hex()
    conn.execute(f"UPDATE content_snapshots SET snapshot = CAST(x'{bad}' AS TEXT)")
    conn.commit()
    conn.close()


def _dropped(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP VIEW scorecards")
    conn.execute("DROP TABLE answers")
    conn.commit()
    conn.close()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "malformed": _malformed,
    "not-utf8": _not_utf8,
    "dropped": _dropped,
}
COMMANDS = [
    ["sessions"],
    ["report", TOM],
    ["report", TOM, "-f", "json"],
    ["report", "-c", "Tom Becker"],
    ["panel", "--as", "x"],
    ["panel", "--as", "x", "--lead"],
    ["panel", "C-2044", "--as", "x", "--lead"],
    ["calibration"],
    ["calibration", "--format", "csv"],
    ["demo"],
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo_file(path, bundled_content())
    return path


def damaged(demo_db: Path, tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.db"
    shutil.copy(demo_db, path)
    DAMAGE[kind](path)
    return path


def notes(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]


def run_cli(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["interview", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_every_command_reports_a_damaged_database_in_one_line(
    kind: str,
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
) -> None:
    path = damaged(demo_db, tmp_path, kind)
    failures = 0
    for args in COMMANDS:
        code, out = run_cli([*args, "--db", str(path)], monkeypatch, capsys)
        assert "Traceback" not in out
        assert CANARY not in out, (args, out[-300:])
        if code:
            failures += 1
            errors = [ln for ln in out.splitlines() if ln.startswith("error:")]
            assert len(errors) == 1, (args, out[-500:])
    assert failures >= 3  # the damage is met, not skipped


def test_the_message_names_the_cause_without_the_stored_text(
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
) -> None:
    expected = {
        "malformed": "(database disk image is malformed)",
        "not-utf8": "(text in column 'snapshot' is not valid UTF-8)",
        "dropped": "(no table 'answers')",
    }
    for kind, cause in expected.items():
        path = damaged(demo_db, tmp_path, kind)
        code, out = run_cli(["report", TOM, "--db", str(path)], monkeypatch, capsys)
        assert code == 1
        assert out.strip() == (
            f"error: damaged or incomplete database {cause}; restore it from a backup"
        )


async def test_the_app_shows_an_error_when_a_session_cannot_be_opened(
    demo_db: Path, tmp_path: Path
) -> None:
    path = damaged(demo_db, tmp_path, "dropped")
    app = build_app(make_services(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")  # resume the demo's unfinished session
        await wait_for(pilot, lambda: bool(notes(app)))
        assert isinstance(app.screen, HomeScreen)
        [note] = notes(app)
        assert note.startswith("Cannot open this session: ")
        assert "damaged or incomplete database (no table 'answers')" in note
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_the_app_lists_what_it_can_and_says_why_not(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "nosessions.db"
    shutil.copy(demo_db, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE sessions")
    conn.commit()
    conn.close()
    app = build_app(make_services(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: "Cannot list sessions" in screen_text(app))
        status = str(app.screen.query_one("#list-status", Static).content)
        assert status == (
            f"Cannot list sessions: {path}: damaged or incomplete database "
            "(no table 'sessions'); restore it from a backup"
        )
        await pilot.press("r")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
