"""A FIFO, a device or an oversized file named as content is refused at once with one
line, by ``validate``, by ``--bank`` and by the app's start: never a hang, a runaway read
or a MemoryError."""

from __future__ import annotations

import os
import resource
import subprocess
from pathlib import Path

import pytest

from interview.domain.yaml_source import MAX_BYTES
from tests.test_cli_errors import SCRIPT, assert_clean_failure

MEMORY_CAP = 2_000_000_000  # a runaway read fails the test instead of the machine


def run(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTERVIEW_", "OPENAI_"))}
    env["INTERVIEW_HOME"] = str(home)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    try:
        return subprocess.run(
            [str(SCRIPT), *map(str, args)],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            env=env,
            timeout=30,
            preexec_fn=cap,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"interview {' '.join(map(str, args))} hung instead of refusing the path")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "bank.yaml"
    os.mkfifo(path)
    return path


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES * 3)  # sparse: costs no disk
    return path


CASES = ["fifo", "/dev/zero", "/dev/full", "huge"]
EXPECTED = {
    "fifo": "not a regular file (a FIFO)",
    "/dev/zero": "not a regular file (a device)",
    "/dev/full": "not a regular file (a device)",
    "huge": "file is too large",
}


def _path(case: str, request: pytest.FixtureRequest) -> Path:
    if case.startswith("/"):
        if not Path(case).exists():
            pytest.skip(f"{case} is missing here")
        return Path(case)
    return Path(request.getfixturevalue(case))


@pytest.mark.parametrize("case", CASES)
def test_validate_refuses_a_special_or_huge_file(
    case: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path = _path(case, request)
    proc = run("validate", path, home=tmp_path / "home")
    assert_clean_failure(proc, EXPECTED[case])
    assert f"{path}:1:1:" in proc.stdout + proc.stderr


@pytest.mark.parametrize("case", CASES)
def test_bank_option_refuses_a_special_or_huge_file(
    case: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path = _path(case, request)
    proc = run("--bank", path, "practice", "list", home=tmp_path / "home")
    assert_clean_failure(proc, EXPECTED[case])


@pytest.mark.parametrize("case", ["fifo", "/dev/zero"])
def test_the_app_does_not_start_on_a_special_file_as_its_bank(
    case: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path = _path(case, request)
    proc = run("--bank", path, "--db", tmp_path / "x.db", home=tmp_path / "home")
    assert_clean_failure(proc, EXPECTED[case], "the app needs valid content to start")
