"""Candidate data is readable only by its owner: the database with its -wal/-shm, every
export, the crash log and the content cache are 0600, folders the app creates 0700.

Each command runs as a user runs it (the installed script, with the usual umask 022), and
the modes are checked after each one.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("interview")


def interview(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTERVIEW_", "OPENAI_"))}
    env["INTERVIEW_HOME"] = str(home)

    def umask_022() -> None:
        os.umask(0o022)

    return subprocess.run(
        [str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        preexec_fn=umask_022,
        check=False,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            assert mode(path) == 0o700, f"{path}: {oct(mode(path))}"
        elif path.exists():
            assert mode(path) == 0o600, f"{path}: {oct(mode(path))}"


def db_files(db: Path) -> list[Path]:
    return [db, Path(f"{db}-wal"), Path(f"{db}-shm")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("private")
    home = root / "home"
    db = root / "new" / "folder" / "interview.db"
    proc = interview("demo", "--db", db, home=home)
    assert proc.returncode == 0, proc.stderr
    return db, home


def test_a_new_database_and_its_folders_are_private(demo: tuple[Path, Path]) -> None:
    db, _ = demo
    assert_private(db.parent, db.parent.parent, *db_files(db))


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("report", "-c", "C-2044", "-o", "{out}/r.html"), "r.html"),
        (("report", "-c", "C-2044", "-f", "json", "-o", "{out}/r.json"), "r.json"),
        (("report", "-c", "C-2044", "-f", "greenhouse", "-o", "{out}/gh.json"), "gh.json"),
        (("panel", "C-2044", "--as", "Rosa Delgado", "--format", "md", "-o", "{out}/p.md"), "p.md"),
        (("calibration", "--format", "csv", "-o", "{out}/c.csv"), "c.csv"),
        (("bank", "stats", "-f", "html", "-o", "{out}/b.html"), "b.html"),
        (("practice", "export", "3801", "-o", "{out}/a.md"), "a.md"),
        (("export-candidate", "C-2044", "-o", "{out}/tom.json"), "tom.json"),
        (("sessions",), ""),
        (("audit", "--format", "csv"), ""),
    ],
)
def test_every_export_is_private(
    demo: tuple[Path, Path], tmp_path: Path, args: tuple[str, ...], name: str
) -> None:
    db, home = demo
    out = tmp_path / "out"
    out.mkdir()
    proc = interview(*(a.format(out=out) for a in args), "--db", db, home=home)
    assert proc.returncode == 0, proc.stderr
    if name:
        assert_private(out / name)
    assert_private(*db_files(db))
    cache = home / "cache"
    for path in [cache, *cache.rglob("*")] if cache.exists() else []:
        assert_private(path)


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    from tests.report_support import demo_db

    db = tmp_path / "old.db"
    demo_db(db).close()
    for path in db_files(db):
        if path.exists():
            path.chmod(0o644)
    proc = interview("sessions", "--db", db, home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    assert_private(*db_files(db))


def test_the_crash_log_is_private(tmp_path: Path) -> None:
    from interview.crash import write_crash_log

    log = write_crash_log(RuntimeError("boom"), log=tmp_path / "logs" / "interview.log")
    assert log is not None
    assert_private(log)
