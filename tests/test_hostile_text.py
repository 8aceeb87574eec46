"""Hostile text in every free-text field: stored exactly, shown literally, escaped in exports.

Control characters, ANSI escapes, Rich markup, very long lines, right-to-left text,
emoji and ``</script>`` go into candidate names and codes, interviewer, role, notes,
follow-up suggestions, justification and amendment reasons. The database must give
back exactly what was typed; the app must show it as text (no markup applied, no
escape reaching the terminal); every export must keep it inert.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.screen import Screen

from interview.domain.records import FollowUpSource
from interview.services.live import LiveSession
from interview.storage.db import open_db
from interview.storage.repository import Repository
from interview.tui.app import build_app
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.summary import SummaryScreen
from interview.tui.widgets.notes import NotesEditor
from tests.tui_support import make_services, screen_text, seed_session, wait_for

CONTROL = "bell\x07 nul\x00 bs\x08 cr\r vt\x0b ff\x0c del\x7f c1\x9b end"
ANSI = "\x1b[31mred\x1b[0m \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b[2J\x1b[H"
RICH = "[bold red]boom[/bold red] [link=http://evil.example]x[/link] [/]"
LONG = "long " + "x" * 20_000 + " end"
RTL = "שלום עולם مرحبا \u202eevil\u202c"
EMOJI = "🙂 👩🏽\u200d💻 🇺🇦"
SCRIPT = "</script><script>alert(1)</script>"
PAYLOADS = {
    "control": CONTROL,
    "ansi": ANSI,
    "rich": RICH,
    "long": LONG,
    "rtl": RTL,
    "emoji": EMOJI,
    "script": SCRIPT,
}
ALL = "\n".join(PAYLOADS.values())
# What must never reach a terminal or a file meant for people: C0/C1 controls but \t \n.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def fill_session(repo: Repository, live: LiveSession, text: str) -> str:
    """Every free-text field of one session gets ``text``; returns the suggestion row id."""
    qid = live.items[0][1].id
    for i, (_, question) in enumerate(live.items):
        live.save_notes(question.id, text, 10.0, 10.0 * (i + 1))
    row = live.record_suggestion(qid, text, FollowUpSource.LLM, reason=text)
    live.set_justification(text)
    return row


# ---------------------------------------------------------------- stored exactly


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_every_field_is_stored_exactly(kind: str, tmp_path: Path) -> None:
    text = PAYLOADS[kind]
    db_path = tmp_path / "hostile.db"
    services = make_services(db_path)
    live = seed_session(services, name=text, code=text[:200], role=text, interviewer=text)
    fill_session(services.repo, live, text)
    for area in live.rubric.areas:
        live.set_score(area.id, 2)
    live.submit(text)
    live.amend(text, {live.rubric.areas[0].id: 3}, justification=text)
    services.repo.db.conn.close()

    repo = Repository(open_db(db_path))  # a fresh connection: what the next start reads
    state = repo.load_state(live.id)
    summary = state.summary
    assert summary.candidate == text.strip()  # names are trimmed at the edges, nothing else
    assert summary.candidate_code == text[:200].strip()
    assert (summary.interviewer, summary.role) == (text, text)
    assert all(a.notes == text for a in state.answers.values())
    assert len(state.answers) == len(live.items)
    assert [(f.text, f.reason) for f in state.followups] == [(text, text)]
    assert state.justification == text
    assert repo.amendments(live.id)[0]["reason"] == text.strip()
    repo.db.conn.close()


# ---------------------------------------------------------------- shown literally


def opened(app: Any, screen_type: type[Screen[Any]]) -> bool:
    """The screen is on top and its editor is mounted."""
    return isinstance(app.screen, screen_type) and bool(app.screen.query(NotesEditor))


def assert_literal(shown: str, *, markup: bool = True) -> None:
    assert "\x1b" not in shown and not RAW_CONTROL.search(shown), "a control byte was drawn"
    if markup:
        assert "[bold red]boom" in shown, "Rich markup was applied instead of shown"


async def test_home_and_interview_screens_show_hostile_text_literally() -> None:
    services = make_services()
    live = seed_session(services, name=RICH, interviewer=ANSI, role=CONTROL)
    fill_session(services.repo, live, f"{RICH}\n{ANSI}\n{CONTROL}\n{RTL} {EMOJI}\n{SCRIPT}")
    app = build_app(services)
    async with app.run_test(size=(120, 50)) as pilot:  # tall enough for every line of notes
        home = screen_text(app)
        assert_literal(home)
        app.open_session(live.id)
        await wait_for(pilot, lambda: opened(app, InterviewScreen))
        await pilot.pause()
        shown = screen_text(app)
        assert_literal(shown)
        assert "␛[31mred" in shown, "an escape should show as a visible symbol"
        assert SCRIPT in shown and "שלום" in shown
        editor = app.screen.query_one(NotesEditor)
        assert RICH in editor.text and ANSI in editor.text  # the text itself is untouched


async def test_pasted_hostile_notes_are_saved_exactly_and_shown_safely(tmp_path: Path) -> None:
    services = make_services(tmp_path / "paste.db")
    live = seed_session(services)
    app = build_app(services)
    pasted = f"{ANSI}{RICH}\n{CONTROL}\n{LONG}"
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await wait_for(pilot, lambda: opened(app, InterviewScreen))
        editor = app.screen.query_one(NotesEditor)
        editor.focus()
        await pilot.pause()
        app.post_message(events.Paste(pasted))  # as the terminal driver does
        await wait_for(pilot, lambda: LONG in editor.text)
        assert_literal(screen_text(app), markup=False)  # scrolled to the end of the paste
        shown = editor.text
        qid = live.items[0][1].id
        reader = Repository(open_db(tmp_path / "paste.db"))  # what a restart would read

        def autosaved() -> bool:
            answer = reader.load_state(live.id).answers.get(qid)
            return answer is not None and answer.notes == shown

        await wait_for(pilot, autosaved, timeout=10)
    # The editor keeps every character; only line breaks (\r, \v, \f) become \n.
    assert shown == "\n".join(pasted.splitlines())


async def test_submitted_scorecard_shows_justification_literally() -> None:
    services = make_services()
    live = seed_session(services, name=EMOJI)
    live.set_score(live.rubric.areas[0].id, 3)
    live.submit(f"{RICH}\n{ANSI}\n{CONTROL}")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await wait_for(pilot, lambda: opened(app, SummaryScreen))
        await pilot.pause()
        assert_literal(screen_text(app))


# ---------------------------------------------------------------- escaped in exports


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db_path = tmp_path_factory.mktemp("hostile-exports") / "exports.db"
    services = make_services(db_path)
    live = seed_session(services, name=f"{RICH} {SCRIPT} {RTL}", code="C-HOSTILE",
                        interviewer=f"{ANSI} {EMOJI}", role=CONTROL)  # fmt: skip
    fill_session(services.repo, live, ALL)
    for area in live.rubric.areas:
        live.set_score(area.id, 3)
    live.submit(ALL)
    services.repo.db.conn.close()
    return db_path, live.id


def run_cli(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTERVIEW_", "OPENAI_"))}
    env["INTERVIEW_HOME"] = str(home)
    script = Path(sys.executable).with_name("interview")
    return subprocess.run(
        [str(script), *map(str, args)], capture_output=True, text=True, env=env, timeout=60,
        check=False,
    )  # fmt: skip


def inert(text: str, fmt: str) -> None:
    # HTML is read by a browser, which never executes control characters.
    controls = RAW_CONTROL if fmt != "html" else re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
    assert not controls.search(text), f"{fmt}: a raw control character was written"
    if fmt == "html":
        assert not re.search(r"<script|</script", text, re.IGNORECASE), "html: script tag"
        assert "&lt;/script&gt;" in text or "&lt;script&gt;" in text
    if fmt in ("md", "text", "csv"):
        assert "[bold red]boom" in text or "\\[bold red\\]boom" in text


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_candidate_report_exports_are_inert(
    fmt: str, hostile_db: tuple[Path, str], tmp_path: Path
) -> None:
    db_path, session_id = hostile_db
    out = tmp_path / f"report.{fmt}"
    proc = run_cli("report", "--db", db_path, session_id, "-o", out, home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data: Any = json.loads(text)
        assert ALL in json.dumps(data, ensure_ascii=False) or _contains(data, ALL)
        return
    inert(text, fmt)
    if fmt == "csv":
        list(csv.reader(io.StringIO(text)))  # parses


@pytest.mark.parametrize("fmt", ["text", "md", "html", "csv"])
def test_panel_exports_are_inert(fmt: str, hostile_db: tuple[Path, str], tmp_path: Path) -> None:
    db_path, _ = hostile_db
    out = tmp_path / f"panel.{fmt}"
    evidence = ["--evidence"] if fmt == "text" else []  # notes and signals per cell
    proc = run_cli(
        "panel", "C-HOSTILE", "--db", db_path, "--format", fmt, *evidence, "-o", out,
        home=tmp_path / "home",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    inert(out.read_text(encoding="utf-8"), fmt)


def _contains(data: Any, text: str) -> bool:
    if isinstance(data, str):
        return data == text
    if isinstance(data, dict):
        return any(_contains(v, text) for v in data.values())
    if isinstance(data, list):
        return any(_contains(v, text) for v in data)
    return False


def test_controls_become_visible_and_all_other_text_stays_exact() -> None:
    from interview.reports.text import clean

    # C0 as control pictures; C1 as the ESC sequence it stands for (U+009B is CSI).
    assert clean("a\x1bb\x7fc\x9bd\x85e\x80") == "a\u241bb\u2421c\u241b[d\u241bEe\u241b@"
    for text in (EMOJI, RTL, LONG, SCRIPT, RICH, "tab\tand\nnewline", "nbsp\xa0é ¡"):
        assert clean(text) == text


def test_terminal_report_keeps_every_control_inert(hostile_db: tuple[Path, str]) -> None:
    from rich.console import Console

    from interview.reports.build import load_report
    from interview.reports.terminal import render_rich

    db_path, session_id = hostile_db
    db = open_db(db_path)
    try:
        report = load_report(db, session_id)
    finally:
        db.conn.close()
    buffer = io.StringIO()
    Console(file=buffer, width=400, color_system=None, emoji=False).print(render_rich(report))
    shown = buffer.getvalue()
    assert_literal(shown)
    assert "c1\u241b[ end" in shown and "\u241b[31mred" in shown
    assert EMOJI in shown and "שלום עולם" in shown


def test_practice_export_keeps_controls_inert_and_markdown_as_written(services: Any) -> None:
    from interview.reports.practice_md import render_attempt
    from interview.services.practice import Practice

    attempt = Practice(services.content, services.repo).start_plan("practice-short")
    attempt.save_answer(attempt.question.id, ALL, 30.0)
    md = render_attempt(attempt)
    inert(md, "md")
    assert "c1\u241b[ end" in md and "\u241b[31mred" in md
    for kept in (RICH, LONG, RTL, EMOJI, SCRIPT):  # the practiser's own Markdown, untouched
        assert kept in md
