"""Short kill test: a scripted interview SIGKILLed at random moments loses nothing it
reported saved, the database stays intact, and the session resumes.

The full version (100 kills) is ``python -m bench.kill_test``; ``make bench`` runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.kill_test import run_kills  # noqa: E402


def test_sigkill_mid_interview_loses_nothing_reported_saved(tmp_path: Path) -> None:
    # Kills land mostly while notes are being written; one run resumes the last.
    report = run_kills(6, seed=7, workdir=tmp_path, delay=(0.35, 0.9))
    assert report.failures == []
    assert report.kills == 6
    assert report.saves > 20, "the scripted interview should have saved something"
