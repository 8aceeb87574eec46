"""The wheel and sdist build, and the wheel installed in a fresh virtualenv works anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from interview import DISTRIBUTION

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and sdist `make test` builds into dist/ (built here when run alone)."""
    dist = ROOT / "dist"
    if not list(dist.glob("structured_interview-*.whl")):
        dist = tmp_path_factory.mktemp("dist")
        hatchling = Path(sys.executable).with_name("hatchling")
        subprocess.run(
            [str(hatchling), "build", "-d", str(dist)], cwd=ROOT, check=True, capture_output=True
        )
    return dist


def test_wheel_and_sdist_carry_content_licence_and_changelog(built: Path) -> None:
    (wheel,) = built.glob("structured_interview-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "interview/_content/rubrics/backend.yaml" in names
    assert any(n.startswith("interview/_content/question_bank/plans/") for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    (sdist,) = built.glob("structured_interview-*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("/LICENSE") for m in members)
    assert any(m.endswith("/CHANGELOG.md") for m in members)


def test_wheel_in_a_fresh_venv_validates_from_another_folder(built: Path, tmp_path: Path) -> None:
    (wheel,) = built.glob("structured_interview-*.whl")
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True
    )
    python = venv / "bin" / "python"
    # Install the wheel itself (no network); its dependencies come from the test's own
    # environment through a path entry placed after the fresh venv's site-packages.
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    fresh_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (fresh_site / "zz_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "INTERVIEW_HOME": str(tmp_path / "home")}
    env.pop("PYTHONPATH", None)
    where = subprocess.run(
        [str(python), "-c", "import interview.paths as p; print(p.bundled_bank_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(fresh_site)), "content must come from the installed wheel"
    out = subprocess.run(
        [str(venv / "bin" / "interview"), "validate"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok: ")
    version = subprocess.run(
        [str(venv / "bin" / "interview"), "--version"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    from importlib.metadata import version as installed_version

    assert version.stdout.strip() == f"interview, version {installed_version(DISTRIBUTION)}"
