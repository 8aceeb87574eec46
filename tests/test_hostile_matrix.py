"""Every surface shows the hostile-text matrix (tests/hostile_matrix.py) as inert text.

- Every CLI command, printing to a forced terminal: no OSC sequence (no hyperlink, no
  clipboard write), no escape or control character from data, and the markup printed
  as characters (so no style came from data).
- Every export is escaped for its format.
- The app's screens show the fields literally, with no link in any cell.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.commands.report import AMBIGUOUS_EXIT
from tests.hostile_matrix import BIG, LITERAL_MARKUP, build

# Escape sequences the renderer itself may emit: SGR styles only ("ESC [ … m").
OWN_SGR = re.compile(r"\x1b\[[0-9;]*m")
# Anything else raw: other escapes, C0 controls but tab/newline/CR, DEL, C1.
RAW = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("matrix") / "matrix.db"
    info: dict[str, Any] = dict(build(path))
    info["db"] = str(path)
    return info


def run(args: list[str], *, allowed: tuple[int, ...] = (0, 3, AMBIGUOUS_EXIT)) -> str:
    result = CliRunner().invoke(
        cli, args, env={"FORCE_COLOR": "1", "COLUMNS": "120", "TERM": "xterm-256color"}
    )
    assert "Traceback" not in result.output, result.output[-2000:]
    assert result.exit_code in allowed, result.output[-2000:]
    return result.output


def terminal_commands(m: dict[str, Any]) -> dict[str, list[str]]:
    db = ["--db", m["db"]]
    return {
        "sessions": ["sessions", *db],
        "sessions -c": ["sessions", "-c", "B0LD", *db],
        "report (terminal)": ["report", m["session"], *db],
        "report -c (ambiguous)": ["report", "-c", "B0LD", *db],
        "panel ranking": ["panel", "--as", "x", "--lead", *db],
        "panel ranking --chart": ["panel", "--as", "x", "--lead", "--chart", *db],
        "panel one": ["panel", m["candidate"], "--as", "x", "--lead", *db],
        "panel one --evidence": ["panel", m["candidate"], "--as", "x", "--lead", "--evidence", *db],
        "calibration": ["calibration", *db],
        "calibration --interviewer": ["calibration", "--interviewer", m["interviewer"], *db],
        "calibration --interviewer (unknown)": ["calibration", "--interviewer", "Nobody", *db],
        "practice list": ["practice", "list", *db],
        "practice list --json": ["practice", "list", "--json", *db],
        "sessions --json": ["sessions", "--json", *db],
        "bank stats": ["bank", "stats", *db],
    }


COMMANDS = list(terminal_commands({"db": "", "session": "", "candidate": "", "interviewer": ""}))


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_terminal_output_is_inert(
    matrix: dict[str, Any], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("interview.commands.report.stdout_is_terminal", lambda: True)
    # A refusal that lists stored names must be as inert as any other output.
    refusal = "unknown" in name
    out = run(terminal_commands(matrix)[name], allowed=(1,) if refusal else (0, 2, 3))
    if refusal:
        assert out.startswith("error: ") and out.count("\n") == 1, out[:300]
    assert "\x1b]" not in out  # no OSC 8 hyperlink, no OSC 52 clipboard write
    rest = OWN_SGR.sub("", out)
    assert not RAW.search(rest), repr(RAW.search(rest))
    assert "\x1b" not in rest  # every escape left is one of the renderer's own styles
    if name.startswith(("sessions", "report", "panel", "calibration")):
        assert any(marker in rest for marker in LITERAL_MARKUP), rest[:2000]


def test_merge_summary_lines_are_inert(matrix: dict[str, Any], tmp_path: Path) -> None:
    """Conflict and held lines quote names from the merged file."""
    import shutil
    import sqlite3

    copy = tmp_path / "copy.db"
    shutil.copyfile(matrix["db"], copy)
    from interview.storage.guards import unguarded

    conn = sqlite3.connect(copy)
    with conn:
        conn.execute("BEGIN")
        with unguarded(conn):  # a tampered copy, as another interviewer's file could be
            conn.execute("UPDATE area_scores SET score = 1 WHERE score = 4")
    conn.close()
    out = run(["merge", str(copy), "-o", matrix["db"], "--mixed"])
    assert "conflict:" in out
    assert "\x1b" not in out and not RAW.search(out)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_report_exports_are_escaped_for_their_format(
    matrix: dict[str, Any], fmt: str, tmp_path: Path
) -> None:
    out = tmp_path / f"r.{fmt}"
    run(["report", matrix["session"], "-f", fmt, "-o", str(out), "--db", matrix["db"]])
    text = out.read_text(encoding="utf-8")
    check_export(fmt, text)


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_panel_and_ranking_exports_are_escaped(
    matrix: dict[str, Any], fmt: str, tmp_path: Path
) -> None:
    for args in ([matrix["candidate"]], []):
        out = tmp_path / f"p{len(args)}.{fmt}"
        run(["panel", *args, "--as", "x", "--lead", "--format", fmt, "-o", str(out),
             "--db", matrix["db"]])  # fmt: skip
        check_export(fmt, out.read_text(encoding="utf-8"))


def test_calibration_csv_is_escaped(matrix: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    run(["calibration", "--format", "csv", "-o", str(out), "--db", matrix["db"]])
    check_export("csv", out.read_text(encoding="utf-8"))


def check_export(fmt: str, text: str) -> None:
    if fmt == "json":
        data = json.loads(text)
        flat = json.dumps(data, ensure_ascii=False)
        assert "[link=https://evil.example/m]" in flat  # kept exactly: JSON escapes itself
        assert len(text) >= BIG
        return
    assert "\x1b" not in text and "\x00" not in text and "\x07" not in text
    if fmt == "html":
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "&lt;script&gt;" in text
    if fmt == "md":
        assert "<script>alert" not in text
        for line in text.splitlines():  # a value inside a table row cannot split its cells
            if line.startswith("|"):
                assert "| cell | x |" not in line.replace("\\|", "\\"), line[:200]
    if fmt == "csv":
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(("=", "+", "@")) or cell.startswith("'"), cell[:60]
                if cell.startswith("-") and not re.fullmatch(r"-[\d.]+", cell):
                    raise AssertionError(f"formula starter in CSV cell: {cell[:60]!r}")


# --------------------------------------------------------------------------- the app


async def test_app_screens_show_the_matrix_literally(matrix: dict[str, Any]) -> None:
    from interview.config import Config
    from interview.services.container import build_services
    from interview.tui.app import build_app
    from interview.tui.screens.calibration import CalibrationScreen
    from interview.tui.screens.panel import PanelScreen
    from interview.tui.screens.ranking import RankingScreen
    from tests.panel_support import content
    from tests.tui_support import screen_text, wait_for

    services = build_services(
        db_path=Path(matrix["db"]), memory=False, config=Config(), content=content()
    )
    app = build_app(services)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screens: dict[str, str] = {"home": screen_text(app)}
        cid = matrix["candidate"]
        for name, screen in (
            ("calibration", CalibrationScreen()),
            ("ranking", RankingScreen()),
            ("panel", PanelScreen(cid)),
        ):
            app.push_screen(screen)
            await wait_for(pilot, lambda: "[bold]" in screen_text(app), timeout=20)
            screens[name] = screen_text(app)
            for strip in app.screen._compositor.render_strips():
                for segment in strip:
                    style = segment.style
                    assert not (style and style.link), (name, style.link)
            app.pop_screen()
            await pilot.pause()
        for name, text in screens.items():
            assert "\x1b" not in text and "\x07" not in text, name
            assert any(marker in text for marker in LITERAL_MARKUP), name


def test_the_reported_names_print_as_plain_text(tmp_path: Path) -> None:
    """F5: the two reproductions: a styled, linked candidate name and interviewer name."""
    from tests.panel_support import close, interview, services_at

    db = tmp_path / "mk.db"
    s = services_at(db)
    cand = "Cand0 [bold red]CANDMARK[/] [link=https://evil.example/c]CANDLINK[/link]"
    iv = "[bold]IVMARK[/] [link=https://evil.example/iv]IVLINK[/link]"
    for who, python in ((iv, 4), ("Plain", 1)):
        interview(s, candidate=cand, code="C-0", interviewer=who,
                  scores={"python": python, "api": 3, "databases": 2})  # fmt: skip
    close(s)
    for args in (
        ["panel", "--as", "x", "--lead"],
        ["panel", "--as", "x", "--lead", "--chart"],
        ["panel", "C-0", "--as", "x", "--lead", "--evidence"],
        ["calibration"],
        ["calibration", "--interviewer", "Plain"],
    ):
        out = run([*args, "--db", str(db)])
        assert "\x1b]8;" not in out, args
        plain = OWN_SGR.sub("", out)
        for mark in ("CANDMARK", "IVMARK"):
            if mark in plain:  # printed with its brackets, in no style of its own
                assert re.search(r"\[bold( red)?\]" + mark, plain), (args, mark)
                assert not re.search(r"\x1b\[[0-9;]*m" + mark, out), (args, mark)
        if args[0] == "panel" or args == ["calibration"]:
            assert "CANDLINK" in plain or "IVLINK" in plain or "CANDMARK" in plain, args
