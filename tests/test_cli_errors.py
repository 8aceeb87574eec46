"""The CLI in the face of bad paths and broken disks: a clear message, a non-zero exit,
no traceback, and nothing half-written.

Each case runs the installed ``interview`` script in a subprocess, as a user would.
Unreadable files and read-only databases need a user that permissions apply to: as
root, those cases run the command as ``nobody`` through ``setpriv``. A full disk is
simulated with a file-size limit (``RLIMIT_FSIZE``): writes past it fail with EFBIG, as
they would with ENOSPC.
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRIPT = Path(sys.executable).with_name("interview")
NOBODY = 65534
UNREADABLE = ("permission denied", "not readable", "cannot read", "cannot open")
NO_SPACE = ("no space", "disk is full", "disk full")


@functools.cache
def can_drop_privileges() -> bool:
    """Root with setpriv, and the unprivileged user can actually run the app from here
    (a checkout inside a private folder, such as a fresh mktemp -d, cannot be entered)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--",
         str(SCRIPT), "--help"],
        capture_output=True,
        check=False,
    )  # fmt: skip
    return probe.returncode == 0


@pytest.fixture
def world(tmp_path: Path) -> Iterator[Path]:
    """A folder every user may enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="interview-cli-errors-"))
    folder.chmod(0o777)
    (folder / "home").mkdir(mode=0o777)
    (folder / "home").chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def good_db() -> Iterator[Path]:
    from bench.dataset import build_db

    folder = Path(tempfile.mkdtemp(prefix="interview-cli-db-"))
    dataset = build_db(folder / "good.db", sessions=20, candidates=5, cache=False)
    yield dataset.path
    shutil.rmtree(folder, ignore_errors=True)


def interview(
    *args: str | Path,
    home: Path,
    as_nobody: bool = False,
    file_limit: int | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTERVIEW_", "OPENAI_"))}
    env["INTERVIEW_HOME"] = str(home)
    cmd = [str(SCRIPT), *map(str, args)]
    if as_nobody:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--", *cmd]
    preexec: Callable[[], None] | None = None
    if file_limit is not None:
        limit = file_limit

        def preexec() -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    try:
        return subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            env=env,
            timeout=timeout,
            preexec_fn=preexec,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"interview {' '.join(cmd[-3:])} ran on instead of stopping with an error")


def assert_clean_failure(
    proc: subprocess.CompletedProcess[str], *expected: str | tuple[str, ...]
) -> None:
    """Non-zero exit, no traceback, short lines, and each expected text (or one of a tuple)."""
    both = proc.stdout + proc.stderr
    assert proc.returncode not in (0, None), f"exit 0 for a failure: {both[-500:]}"
    assert "Traceback" not in both, both[-2000:]
    lines = [ln for ln in both.splitlines() if ln.strip()]
    assert lines, "no message at all"
    assert all(len(ln) < 400 for ln in lines), "one line per problem, not a dump"
    for text in expected:
        options = (text,) if isinstance(text, str) else text
        assert any(t.lower() in both.lower() for t in options), f"{text!r} not in {both!r}"


def integrity_ok(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def rows(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


# ---------------------------------------------------------------- wrong paths


def test_validate_a_missing_file(world: Path) -> None:
    proc = interview("validate", world / "nope.yaml", home=world / "home")
    assert_clean_failure(proc, "nope.yaml", "no such file")


def test_app_with_extra_bank_that_does_not_exist(world: Path) -> None:
    proc = interview("--bank", world / "missing-bank", home=world / "home")
    assert_clean_failure(proc, "missing-bank")


def test_app_database_is_a_directory(world: Path) -> None:
    (world / "db-folder").mkdir()
    proc = interview("--db", world / "db-folder", home=world / "home")
    assert_clean_failure(proc, "db-folder", "directory")


def test_app_database_is_not_sqlite(world: Path) -> None:
    notes = world / "notes.txt"
    notes.write_text("my interview notes\n" * 50)
    before = notes.read_bytes()
    proc = interview("--db", notes, home=world / "home")
    assert_clean_failure(proc, "notes.txt", "not a sqlite database")
    assert notes.read_bytes() == before, "a file that is not a database must never be touched"


def test_app_database_folder_cannot_be_created(world: Path) -> None:
    blocker = world / "a-file"
    blocker.write_text("x")
    proc = interview("--db", blocker / "sub" / "interview.db", home=world / "home")
    # A database is never created in a folder that does not exist yet.
    assert_clean_failure(proc, "no such folder")


def test_panel_with_a_missing_database(world: Path) -> None:
    proc = interview("panel", "--db", world / "missing.db", home=world / "home")
    assert_clean_failure(proc, "missing.db")
    assert not (world / "missing.db").exists(), "reading must not create a database"


def test_panel_output_is_a_directory(world: Path, good_db: Path) -> None:
    (world / "out").mkdir()
    proc = interview("panel", "--db", good_db, "-o", world / "out", home=world / "home")
    assert_clean_failure(proc, "out")


def test_merge_from_a_missing_source_writes_nothing(world: Path) -> None:
    target = world / "panel.db"
    proc = interview("merge", world / "missing.db", "-o", target, home=world / "home")
    assert_clean_failure(proc, "missing.db")
    assert not target.exists(), "a failed merge must not leave a new database behind"


def test_merge_from_a_directory(world: Path) -> None:
    (world / "src").mkdir()
    target = world / "panel.db"
    proc = interview("merge", world / "src", "-o", target, home=world / "home")
    assert_clean_failure(proc, "src")
    assert not target.exists()


# ---------------------------------------------------------------- permissions


needs_other_user = pytest.mark.skipif(
    os.geteuid() == 0 and not can_drop_privileges(),
    reason="as root, unreadable files need another user who can run the app from this checkout",
)


@needs_other_user
def test_validate_an_unreadable_file(world: Path) -> None:
    secret = world / "secret.yaml"
    secret.write_text("questions: []\n")
    secret.chmod(0o000)
    proc = interview("validate", secret, home=world / "home", as_nobody=can_drop_privileges())
    assert_clean_failure(proc, "secret.yaml", UNREADABLE)


@needs_other_user
def test_panel_on_an_unreadable_database(world: Path, good_db: Path) -> None:
    db = world / "locked-away.db"
    shutil.copyfile(good_db, db)
    db.chmod(0o000)
    proc = interview("panel", "--db", db, home=world / "home", as_nobody=can_drop_privileges())
    assert_clean_failure(proc, "locked-away.db")


@needs_other_user
def test_app_on_a_read_only_database(world: Path, good_db: Path) -> None:
    db = world / "read-only.db"
    shutil.copyfile(good_db, db)
    db.chmod(0o444)
    before = db.read_bytes()
    proc = interview("--db", db, home=world / "home", as_nobody=can_drop_privileges(), timeout=4)
    assert_clean_failure(proc, "read-only.db", ("read-only", "readonly", "write"))
    assert db.read_bytes() == before


@needs_other_user
def test_merge_into_a_read_only_database(world: Path, good_db: Path) -> None:
    source = world / "source.db"
    shutil.copyfile(good_db, source)
    shelf = world / "read-only-folder"
    shelf.mkdir()
    target = shelf / "panel-ro.db"
    shutil.copyfile(good_db, target)
    target.chmod(0o444)
    shelf.chmod(0o555)  # nobody can't create journal files next to it either
    before = target.read_bytes()
    proc = interview(
        "merge", source, "-o", target, home=world / "home", as_nobody=can_drop_privileges()
    )
    assert_clean_failure(proc, "panel-ro.db")
    assert target.read_bytes() == before


@needs_other_user
def test_merge_from_an_unreadable_source(world: Path, good_db: Path) -> None:
    private = world / "private"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    shutil.copyfile(good_db, private / "theirs.db")
    target = world / "panel.db"
    proc = interview(
        "merge", private / "theirs.db", "-o", target, home=world / "home",
        as_nobody=can_drop_privileges(),
    )  # fmt: skip
    assert_clean_failure(proc, "theirs.db", UNREADABLE)
    assert not target.exists()


# ---------------------------------------------------------------- full disk


@pytest.fixture
def full_disk(world: Path) -> Iterator[Callable[[int, int], Path]]:
    """``make(size, free)``: a filesystem of ``size`` bytes with only ``free`` bytes left.

    A real full filesystem (a small tmpfs), so every write on it fails with ENOSPC while
    the rest of the machine works. Needs permission to mount; skipped where there is none.
    """
    mounts: list[Path] = []

    def make(size: int, free: int) -> Path:
        point = world / f"disk{len(mounts)}"
        point.mkdir()
        proc = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(point)],
            capture_output=True,
            check=False,
        )
        if proc.returncode != 0:
            pytest.skip("cannot mount a small filesystem here to simulate a full disk")
        mounts.append(point)
        return point

    yield make
    for point in mounts:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


def fill(disk: Path, free: int) -> Path:
    """Fill ``disk`` until only about ``free`` bytes are left; returns the filler file."""
    filler = disk / ".filler"
    stat = os.statvfs(disk)
    size = stat.f_bavail * stat.f_frsize - free
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(0, size))
    return filler


def test_report_to_dev_full_says_so(world: Path, good_db: Path) -> None:
    proc = interview("panel", "--db", good_db, "-o", "/dev/full", home=world / "home")
    assert_clean_failure(proc, "/dev/full", NO_SPACE)


@pytest.fixture(scope="module")
def medium_db() -> Iterator[Path]:
    """Enough candidates that a panel ranking is far larger than the space left."""
    from bench.dataset import build_db

    folder = Path(tempfile.mkdtemp(prefix="interview-cli-db-"))
    yield build_db(folder / "medium.db", sessions=1000, candidates=400).path
    shutil.rmtree(folder, ignore_errors=True)


def test_panel_report_on_a_full_disk_leaves_no_partial_file(
    world: Path, medium_db: Path, full_disk: Callable[[int, int], Path]
) -> None:
    disk = full_disk(1 << 20, 0)
    fill(disk, 8192)
    out = disk / "panel.md"
    proc = interview("panel", "--db", medium_db, "--format", "md", "-o", out, home=world / "home")
    assert_clean_failure(proc, "panel.md", NO_SPACE)
    assert not out.exists(), "a half-written report was left behind"
    assert [p.name for p in disk.iterdir()] == [".filler"], "a temporary file was left behind"


# Every command that writes a file: (arguments before -o, whether it takes --force).
EXPORTS = {
    "report": (("report", "{session}"), True),
    "panel": (("panel", "--format", "md"), True),
    "calibration": (("calibration",), True),
    "practice": (("practice", "export", "{attempt}"), True),
}


@pytest.fixture(scope="module")
def demo_db() -> Iterator[Path]:
    """The sample data: submitted scorecards from several interviewers and a practice attempt."""
    folder = Path(tempfile.mkdtemp(prefix="interview-cli-demo-"))
    proc = interview("demo", "--db", folder / "demo.db", home=folder)
    assert proc.returncode == 0, proc.stderr
    yield folder / "demo.db"
    shutil.rmtree(folder, ignore_errors=True)


def export_args(kind: str, db: Path, out: Path, *, force: bool = False) -> list[str | Path]:
    args, takes_force = EXPORTS[kind]
    conn = sqlite3.connect(db)
    try:
        ids = dict(conn.execute("SELECT mode, max(id) FROM sessions GROUP BY mode").fetchall())
    finally:
        conn.close()
    filled = [a.format(session=ids["interview"], attempt=ids["practice"]) for a in args]
    return [*filled, "--db", db, "-o", out, *(["--force"] if force and takes_force else [])]


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_export_on_a_full_disk_leaves_nothing_behind(
    kind: str, world: Path, demo_db: Path, full_disk: Callable[[int, int], Path]
) -> None:
    disk = full_disk(1 << 20, 0)
    fill(disk, 0)
    out = disk / "export.md"
    proc = interview(*export_args(kind, demo_db, out), home=world / "home")
    assert_clean_failure(proc, "export.md", NO_SPACE)
    assert [p.name for p in disk.iterdir()] == [".filler"]


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_overwriting_an_export_on_a_full_disk_keeps_the_old_file(
    kind: str, world: Path, demo_db: Path, full_disk: Callable[[int, int], Path]
) -> None:
    disk = full_disk(1 << 20, 0)
    out = disk / "export.md"
    out.write_text("the export from last week\n")
    fill(disk, 0)
    proc = interview(*export_args(kind, demo_db, out, force=True), home=world / "home")
    assert_clean_failure(proc, "export.md", NO_SPACE)
    assert out.read_text() == "the export from last week\n", "the old file was damaged"
    assert sorted(p.name for p in disk.iterdir()) == [".filler", "export.md"]


@needs_other_user
@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_export_from_a_database_the_user_cannot_reach(
    kind: str, world: Path, demo_db: Path
) -> None:
    private = world / "private"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    shutil.copyfile(demo_db, private / "theirs.db")
    out = world / "export.md"
    args = export_args(kind, demo_db, out)
    args[args.index(demo_db)] = private / "theirs.db"
    proc = interview(*args, home=world / "home", as_nobody=can_drop_privileges())
    assert_clean_failure(proc, "theirs.db", UNREADABLE)
    assert not out.exists()


@needs_other_user
@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_export_into_a_folder_the_user_cannot_write(kind: str, world: Path, demo_db: Path) -> None:
    db = world / "shared.db"
    shutil.copyfile(demo_db, db)
    db.chmod(0o666)
    shelf = world / "not-yours"
    shelf.mkdir(mode=0o755)
    proc = interview(
        *export_args(kind, db, shelf / "export.md"), home=world / "home",
        as_nobody=can_drop_privileges(),
    )  # fmt: skip
    assert_clean_failure(proc, "export.md", "permission denied")
    assert list(shelf.iterdir()) == []


def test_merge_on_a_full_disk_leaves_the_target_as_it_was(
    world: Path, good_db: Path, full_disk: Callable[[int, int], Path]
) -> None:
    from bench.dataset import build_db

    other = build_db(world / "other.db", sessions=200, candidates=40, seed=5).path
    disk = full_disk(good_db.stat().st_size + (256 << 10), 0)
    target = disk / "panel.db"
    shutil.copyfile(good_db, target)
    before = rows(target)
    filler = fill(disk, 16384)
    proc = interview("merge", other, "-o", target, home=world / "home")
    assert_clean_failure(proc, "panel.db", ("full", "space", "disk"))
    filler.unlink()  # so the check itself can open the database
    assert integrity_ok(target)
    assert rows(target) == before, "a failed merge changed the target database"


def test_new_database_on_a_full_disk_then_space_is_freed(
    world: Path, full_disk: Callable[[int, int], Path]
) -> None:
    """Creating the schema fails part way: a clear error; once there is space, it opens."""
    from interview.storage.db import open_db

    disk = full_disk(1 << 20, 0)
    filler = fill(disk, 12288)
    db = disk / "fresh.db"
    proc = interview("--db", db, home=world / "home")
    assert_clean_failure(proc, "fresh.db", ("full", "space", "disk"))
    filler.unlink()
    database = open_db(db)  # what the next start does
    try:
        assert "sessions" in database.table_names()
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        database.conn.close()


# ---------------------------------------------------------------- folders we may not enter


@pytest.fixture
def private(world: Path, good_db: Path) -> Path:
    """A folder only root may enter, holding a database and a question file."""
    folder = world / "private"
    folder.mkdir()
    shutil.copyfile(good_db, folder / "theirs.db")
    (folder / "questions.yaml").write_text("questions: []\n")
    folder.chmod(0o700)
    return folder


@needs_other_user
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--db", "{p}/theirs.db"], id="app"),
        pytest.param(["sessions", "--db", "{p}/theirs.db"], id="sessions"),
        pytest.param(["demo", "--db", "{p}/new.db"], id="demo"),
        pytest.param(["validate", "{p}/questions.yaml"], id="validate"),
        pytest.param(["--rubric", "{p}/questions.yaml", "validate"], id="rubric"),
        pytest.param(["demo", "--db", "{w}/d.db", "--per-interviewer", "{p}/panel"], id="per-int"),
    ],
)
def test_paths_inside_a_folder_we_may_not_enter(
    world: Path, private: Path, args: list[str]
) -> None:
    argv = [a.format(p=private, w=world) for a in args]
    proc = interview(*argv, home=world / "home", as_nobody=can_drop_privileges(), timeout=30)
    assert_clean_failure(proc, str(private), UNREADABLE)


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_an_export_never_replaces_a_file_without_force(
    kind: str, world: Path, demo_db: Path
) -> None:
    out = world / f"{kind}-kept.md"
    out.write_text("an earlier file\n")
    proc = interview(*export_args(kind, demo_db, out), home=world / "home")
    assert_clean_failure(proc, out.name, "--force")
    assert out.read_text() == "an earlier file\n"
    proc = interview(*export_args(kind, demo_db, out, force=True), home=world / "home")
    assert proc.returncode == 0, proc.stderr
    assert out.read_text() != "an earlier file\n"


@pytest.mark.parametrize(
    ("args", "status", "line"),
    [
        (["practice", "export"], 2, "error: Missing argument 'ATTEMPT_ID'. (see 'interview "
         "practice export --help')"),
        (["report", "--bogus"], 2, "error: No such option '--bogus'. (see 'interview report "
         "--help')"),
        (["nosuchcmd"], 2, "error: No such command 'nosuchcmd'. (see 'interview --help')"),
        (["sessions", "--db", "/nonexistent-dir/x.db"], 1, "error: "),
    ],
)  # fmt: skip
def test_usage_and_other_errors_share_one_style(
    args: list[str], status: int, line: str, tmp_path: Path
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "interview", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "INTERVIEW_HOME": str(tmp_path)},
    )
    assert proc.returncode == status
    assert proc.stdout == ""
    assert proc.stderr.startswith(line), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
