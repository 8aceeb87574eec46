"""An unexpected error saves first, then leaves a short message and a log without secrets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview import crash, paths
from interview.tui.app import build_app
from interview.tui.screens.interview import InterviewScreen
from tests.tui_support import make_services, seed_session

KEY = "sk-test-0123456789abcdefghij"


def test_redact_removes_keys_from_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "local-secret-value")
    text = f"auth Bearer abcdef123456 key={KEY} env local-secret-value api_key='zzzzzzzz'"
    clean = crash.redact(text)
    for secret in ("abcdef123456", KEY, "local-secret-value", "zzzzzzzz"):
        assert secret not in clean


async def test_crash_saves_notes_logs_without_locals_and_exits_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "crash.db"
    services = make_services(db)
    live = seed_session(services)

    def broken_pause(self: InterviewScreen) -> None:
        api_key = KEY  # a local the default handler would print
        raise RuntimeError(f"clock failed for {api_key}")

    monkeypatch.setattr(InterviewScreen, "action_pause", broken_pause)
    app = build_app(services)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            app.open_session(live.id)
            await pilot.pause()
            # Typed and left at once: the debounce has not fired when the error comes.
            await pilot.press("i", *"private words", "escape", "space")
            await pilot.pause()
    assert app.return_code == 1

    conn = sqlite3.connect(db)
    try:
        notes = conn.execute("SELECT notes FROM answers WHERE session_id = ?", [live.id])
        assert notes.fetchall() == [("private words",)]
    finally:
        conn.close()

    log = paths.log_file().read_text(encoding="utf-8")
    assert "RuntimeError" in log and "broken_pause" in log
    assert f"session: {live.id}" in log
    assert KEY not in log and "private words" not in log

    shown = capfd.readouterr().err
    assert "unexpected error (RuntimeError)" in shown
    assert "notes and scores were saved" in shown
    assert str(paths.log_file()) in shown.replace("\n", "")
    assert "Traceback" not in shown and KEY not in shown and "private words" not in shown
