"""Private notes: one key opens a pad marked private, and what is typed there never
leaves the interviewer's machine (push, merge, reports, ATS, published views), but is in
the candidate's own export and goes when they are forgotten."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.hub_data import running_hub  # noqa: E402
from interview.cli import cli  # noqa: E402
from interview.storage import private_notes as q  # noqa: E402
from interview.storage.db import open_db  # noqa: E402
from interview.storage.lifecycle import delete_rows  # noqa: E402
from interview.storage.repository import Repository  # noqa: E402
from interview.tui.app import build_app  # noqa: E402
from interview.tui.screens.interview import InterviewScreen  # noqa: E402
from interview.tui.widgets.notes import NotesEditor  # noqa: E402
from interview.tui.widgets.private_pad import PrivatePad  # noqa: E402
from tests.panel_support import close, interview, services_at  # noqa: E402
from tests.tui_support import (  # noqa: E402
    make_services,
    screen_text,
    seed_session,
    stored_text,
    type_steadily,
    wait_for,
)

SECRET = "reminds me of my brother-in-law 7f3a"
ANN, CANDIDATE, CODE = "Ann Example", "Ada Lovelace", "K-7"


def run(*args: str | Path, token: str = "") -> Result:
    return CliRunner().invoke(
        cli, [str(a) for a in args], env={"INTERVIEW_HUB_TOKEN": token}, catch_exceptions=False
    )


def raw(path: Path) -> bytes:
    data = path.read_bytes()
    wal = Path(f"{path}-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    """Ann's own database: one submitted scorecard with a private note on a question."""
    path = tmp_path / "ann.db"
    services = services_at(path)
    sid = interview(services, candidate=CANDIDATE, interviewer=ANN, scores={"python": 3},
                    code=CODE)  # fmt: skip
    question = services.repo.db.execute(
        "SELECT question_id FROM answers WHERE session_id = ?", [sid]
    ).fetchone()[0]
    q.save_note(services.repo.db, "p-1", sid, question, SECRET, "2026-03-02T10:00:00+00:00")
    close(services)
    assert SECRET.encode() in raw(path)
    return path


# ------------------------------------------------------------------ the pad on screen


async def test_one_key_opens_a_marked_pad_and_back(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    services = make_services(path)
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await pilot.press("i", "o", "k")
        await pilot.press("ctrl+r")
        pad = screen.query_one(PrivatePad)
        assert pad.has_focus and pad.display
        assert not screen.query_one(NotesEditor).display
        assert "PRIVATE · only on this machine" in screen_text(app)
        await pilot.press(*"hunch")
        await pilot.press("ctrl+r")
        notes = screen.query_one(NotesEditor)
        assert notes.has_focus and not pad.display
        assert notes.text == "ok" and pad.text == "hunch"
        assert "private pad ✎" in screen_text(app)
        # The next question has an empty pad and an unmarked notes box.
        await pilot.press("ctrl+n")
        assert "private pad ✎" not in screen_text(app)
        await pilot.press("ctrl+r")
        assert pad.text == ""
    close(services)
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT text FROM private_notes").fetchall()
    notes_text = " ".join(r[0] for r in conn.execute("SELECT notes FROM answers"))
    conn.close()
    assert rows == [("hunch",)]
    assert "hunch" not in notes_text

    # Reopened later (on the second question), the first question's pad holds it.
    services = make_services(path)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        await pilot.press("p")
        assert "private pad ✎" in screen_text(app)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: app.screen.query_one(PrivatePad).text == "hunch")
    close(services)


async def test_the_pad_is_on_disk_while_typing_goes_on(tmp_path: Path) -> None:
    """Typed without a pause, the pad is written within moments, not only once typing
    stops: a killed process must not take a whole burst of private notes with it."""
    path = tmp_path / "live.db"
    services = make_services(path)
    live = seed_session(services)
    app = build_app(services)

    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        await pilot.press("ctrl+r")
        typed = "steady typing!"
        await type_steadily(pilot, typed)  # ten keys a second for 1.4 s
        seen = stored_text(path, "SELECT text FROM private_notes")
        assert seen, "nothing of the pad was on disk while typing went on"
        assert typed.startswith(seen)
    close(services)


# ------------------------------------------------------------------ never leaves


def test_push_and_pull_never_carry_private_notes(mine: Path, tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub") as hub:
        token = hub.token(ANN, "interviewer")
        pushed = run("push", "--hub", hub.url, "--db", mine, token=token)
        assert pushed.exit_code == 0, pushed.output
        assert "1 new" in pushed.output
        lead = hub.token("Lead", "lead")
        pulled = run("pull", "--hub", hub.url, "-o", tmp_path / "pulled.db", token=lead)
        assert pulled.exit_code == 0, pulled.output
    assert SECRET.encode() not in raw(tmp_path / "hub" / "hub.db")
    assert SECRET.encode() not in raw(tmp_path / "pulled.db")


def test_merge_output_never_holds_private_notes(mine: Path, tmp_path: Path) -> None:
    out = tmp_path / "panel.db"
    assert run("merge", mine, "-o", out).exit_code == 0
    assert SECRET.encode() not in raw(out)
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT count(*) FROM private_notes").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (1,)
    conn.close()


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "greenhouse", "lever", "ashby"])
def test_reports_and_ats_exports_never_hold_private_notes(mine: Path, fmt: str) -> None:
    result = run("report", CODE, "--format", fmt, "--db", mine)
    assert result.exit_code == 0, result.output
    assert CANDIDATE in result.output or fmt in ("greenhouse", "lever", "ashby", "csv")
    assert SECRET not in result.output


def test_a_database_with_private_notes_is_not_published(mine: Path, tmp_path: Path) -> None:
    result = run("hub", "serve", tmp_path / "hub", "--publish", mine)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {mine}: holds an interviewer's private notes")
    assert len(result.output.strip().splitlines()) == 1


def test_published_panel_hides_the_private_table_even_from_a_lead(
    mine: Path, tmp_path: Path
) -> None:
    import urllib.error
    import urllib.request

    panel = tmp_path / "panel.db"
    assert run("merge", mine, "-o", panel).exit_code == 0

    def status(url: str, token: str = "") -> int:
        request = urllib.request.Request(url)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code

    with running_hub(tmp_path / "hub", publish=(panel,)) as hub:
        lead = hub.token("Lead", "lead")
        assert status(f"{hub.url}/panel/private_notes.json", lead) == 403
        assert status(f"{hub.url}/panel/answers.json", lead) == 200
        with urllib.request.urlopen(f"{hub.url}/panel/scorecards.json?_shape=array") as r:
            body = r.read().decode()
        assert SECRET not in body and CANDIDATE in body


# ------------------------------------------------------------------ the candidate's own


def test_the_candidates_export_holds_them_and_forget_erases_them(
    mine: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    assert run("export-candidate", CODE, "-o", out, "--db", mine).exit_code == 0
    exported = json.loads(out.read_text())
    assert [r["text"] for r in exported["tables"]["private_notes"]] == [SECRET]
    result = run("forget", CODE, "--yes", "--db", mine)
    assert result.exit_code == 0, result.output
    assert SECRET.encode() not in raw(mine)


def test_deleting_an_unfinished_session_deletes_its_pads(tmp_path: Path) -> None:
    path = tmp_path / "ann.db"
    services = services_at(path)
    sid = interview(
        services, candidate=CANDIDATE, interviewer=ANN, scores={}, code=CODE, submit=False
    )
    q.save_note(services.repo.db, "p-2", sid, "q1", SECRET, "2026-03-02T10:00:00+00:00")
    close(services)
    db = open_db(path)
    delete_rows(Repository(db), sid, actor=ANN)
    assert db.execute("SELECT count(*) FROM private_notes").fetchone() == (0,)
    db.conn.close()


def test_the_llm_summary_draft_request_never_holds_private_notes(mine: Path) -> None:
    from interview.services.live import LiveSession
    from interview.services.summary_draft import summary_request

    services = services_at(mine)
    sid = services.repo.db.execute("SELECT id FROM sessions").fetchone()[0]
    request = summary_request(LiveSession(services.repo, sid))
    text = json.dumps(request.messages)
    close(services)
    assert "heard" in text  # the shared notes are there
    assert SECRET not in text


def test_a_failed_save_is_kept_and_written_once_the_database_accepts_it(tmp_path: Path) -> None:
    import threading

    from interview.services.private_notes import PrivateWriter

    path = tmp_path / "ann.db"
    services = services_at(path)
    sid = interview(services, candidate=CANDIDATE, interviewer=ANN, scores={}, submit=False)
    sql = services.repo.db.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'private_notes'"
    ).fetchone()[0]
    services.repo.db.execute("ALTER TABLE private_notes RENAME TO away")
    failed = threading.Event()
    writer = PrivateWriter(services.repo, path, on_error=lambda exc: failed.set())
    writer.submit(sid, "q1", SECRET)
    assert failed.wait(5)
    assert not writer.flush(timeout=0.2)  # still pending, not dropped
    services.repo.db.execute("DROP TABLE away")
    services.repo.db.execute(sql)
    assert writer.close(timeout=5)
    rows = services.repo.db.execute("SELECT text FROM private_notes").fetchall()
    close(services)
    assert rows == [(SECRET,)]
