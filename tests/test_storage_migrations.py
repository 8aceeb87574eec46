"""Schema versions: an old database is upgraded in place; a newer or broken one is refused
with a clear message and left byte-for-byte untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from interview.cli import cli
from interview.services.live import LiveSession
from interview.storage.db import StorageError, open_db, schema_names
from interview.storage.repository import Repository
from interview.storage.schema import migrations
from interview.tui.app import build_app
from tests.tui_support import PLAN, StepClock, fixture_content, make_services, screen_text


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_schema_db(path: Path) -> str:
    """A database exactly as the first release wrote it, with one session in it."""
    db = Database(sqlite3.connect(path))
    names = schema_names()
    if len(names) > 1:
        migrations.apply(db, stop_before=names[1])
    else:
        migrations.apply(db)
    assert [m.name for m in migrations.applied(db)] == names[:1]
    repo = Repository(db, clock=StepClock())
    content = fixture_content()
    candidate = repo.find_or_create_candidate("Ada Lovelace")
    session_id = repo.create_session(
        candidate_id=candidate,
        interviewer="Grace",
        role="Backend",
        level="senior",
        plan=content.plans[PLAN],
        content=content,
    )
    first = content.plans[PLAN].items[0].question_id
    repo.save_answer(session_id, first, 0, "notes from the old version", 42.0, 42.0)
    repo.set_signal(session_id, first, "ci-first", "senior", True, actor="Grace")
    db.conn.close()
    return session_id


async def test_first_schema_is_upgraded_and_its_sessions_resume(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    session_id = first_schema_db(path)
    db = open_db(path)
    assert [m.name for m in migrations.applied(db)] == schema_names()
    live = LiveSession(Repository(db), session_id)
    first = live.items[0][1].id
    assert live.notes(first) == "notes from the old version"
    assert live.observed(first) == {"ci-first"}
    db.conn.close()

    app = build_app(make_services(path))
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Unfinished: Ada Lovelace" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert "notes from the old version" in screen_text(app)


def test_file_databases_use_wal(tmp_path: Path) -> None:
    db = open_db(tmp_path / "wal.db")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        db.conn.close()


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_db(path).conn.close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('interview', 'm999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StorageError, match="newer version of interview"):
        open_db(path)
    assert digest(path) == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: b"hello, not a database\n" * 10, "not a SQLite database"),
        (lambda data: data[:100] + b"\xff" * (len(data) - 100), "unusable database"),
        (lambda data: data[: len(data) // 3], "unusable database|not an interview database"),
    ],
    ids=["text-file", "garbled-pages", "truncated"],
)
def test_broken_database_is_refused_and_untouched(
    tmp_path: Path, damage: object, message: str
) -> None:
    path = tmp_path / "broken.db"
    open_db(path).conn.close()
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    before = digest(path)
    with pytest.raises(StorageError, match=message):
        open_db(path)
    assert digest(path) == before


def test_the_app_command_reports_a_broken_database_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"definitely not sqlite" * 50)
    before = digest(path)
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 1
    assert "not a SQLite database" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert digest(path) == before
