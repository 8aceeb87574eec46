"""A required key written with no value (``key:`` or ``key: ~``) is an error at its
file:line, never silently replaced by a default."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_cli_errors import SCRIPT

BANK = Path(__file__).resolve().parent.parent / "question_bank"

# (file, key, what is written after "key:"): the first such line of the file is broken.
CASES = [
    ("code_review.yaml", "level", " ~"),
    ("code_review.yaml", "level", ""),
    ("code_review.yaml", "kind", " ~"),
    ("code_review.yaml", "kind", ""),
    ("code_review.yaml", "minutes", " ~"),
    ("code_review.yaml", "minutes", ""),
    ("plans/mid-backend-45.yaml", "minutes", ""),
    ("plans/mid-backend-45.yaml", "minutes", " null"),
]


def broken_bank(tmp_path: Path, file: str, key: str, value: str) -> tuple[Path, int]:
    bank = tmp_path / "bank"
    shutil.copytree(BANK, bank)
    target = bank / file
    lines = target.read_text(encoding="utf-8").splitlines()
    number = next(i for i, ln in enumerate(lines) if ln.startswith(f"    {key}: "))
    lines[number] = f"    {key}:{value}"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bank, number + 1


def validate(bank: Path) -> str:
    proc = subprocess.run(
        [str(SCRIPT), "validate", str(bank)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout + proc.stderr


@pytest.mark.parametrize(("file", "key", "value"), CASES)
def test_an_empty_required_value_is_an_error_at_its_line(
    tmp_path: Path, file: str, key: str, value: str
) -> None:
    bank, number = broken_bank(tmp_path, file, key, value)
    out = validate(bank)
    found = [ln for ln in out.splitlines() if f"{file}:{number}:" in ln]
    assert found and f"'{key}' is empty" in found[0], out
