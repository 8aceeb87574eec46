"""The wheel carries the question bank and rubrics, so an installed copy works anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_content_and_validates_from_elsewhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = dist.glob("interview-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "interview/_content/rubrics/backend.yaml" in names
    assert any(n.startswith("interview/_content/question_bank/plans/") for n in names)

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "INTERVIEW_HOME": str(tmp_path / "home")}
    out = subprocess.run(
        [sys.executable, "-c",
         "import interview.paths as p, sys; print(p.bundled_bank_dir());"
         "from interview.cli import main; sys.argv=['interview','validate']; main()"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    first, summary = out.stdout.splitlines()[:2]
    assert first.startswith(str(site)), "content must come from the installed wheel"
    assert summary.startswith("ok: ")
