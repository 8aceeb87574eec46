"""A plain launch (no arguments, or only --db) opens the app without the CLI parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from interview.launch import plain_launch


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (True, None)),
        (["--db", "x.db"], (True, "x.db")),
        (["--db=x.db"], (True, "x.db")),
        (["--db"], (False, None)),
        (["--db="], (False, None)),
        (["--db", "--help"], (False, None)),
        (["--help"], (False, None)),
        (["--db", "x.db", "report"], (False, None)),
        (["sessions"], (False, None)),
        (["--bank", "mine"], (False, None)),
    ],
)
def test_only_a_bare_launch_skips_the_cli(
    args: list[str], expected: tuple[bool, str | None]
) -> None:
    assert plain_launch(args) == expected


def interview(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTERVIEW_", "OPENAI_"))}
    env["INTERVIEW_HOME"] = str(home)
    script = Path(sys.executable).with_name("interview")
    return subprocess.run(
        [str(script), *map(str, args)], capture_output=True, text=True, env=env, timeout=60,
        check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.parametrize("form", ["split", "joined"])
def test_a_bad_database_on_a_plain_launch_is_one_clear_line(tmp_path: Path, form: str) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    args = ["--db", folder] if form == "split" else [f"--db={folder}"]
    proc = interview(*args, home=tmp_path / "home")
    assert proc.returncode != 0
    assert proc.stderr.strip() == f"error: {folder}: is a directory, not a database file"
    assert "Traceback" not in proc.stderr + proc.stdout


def test_a_not_sqlite_file_on_a_plain_launch_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my private notes\n", encoding="utf-8")
    proc = interview("--db", notes, home=tmp_path / "home")
    assert proc.returncode != 0
    assert "not a SQLite database" in proc.stderr and "Traceback" not in proc.stderr
    assert notes.read_text(encoding="utf-8") == "my private notes\n"


def test_other_arguments_still_reach_the_cli(tmp_path: Path) -> None:
    proc = interview("--db", tmp_path / "x.db", "--help", home=tmp_path / "home")
    assert proc.returncode == 0 and "Usage: interview" in proc.stdout


@pytest.mark.parametrize("form", ["split", "joined"])
def test_a_database_in_a_missing_folder_is_refused_not_created(tmp_path: Path, form: str) -> None:
    """`interview --db /nonexistent/dir/x.db` used to create the folder and an empty
    database, while `interview sessions --db` with the same path refused."""
    missing = tmp_path / "nonexistent" / "dir"
    target = missing / "x.db"
    args = ["--db", target] if form == "split" else [f"--db={target}"]
    proc = interview(*args, home=tmp_path / "home")
    assert proc.returncode == 1
    assert (
        proc.stderr.strip()
        == f"error: {missing}: no such folder; create it first, or check the --db path"
    )
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (tmp_path / "nonexistent").exists()
