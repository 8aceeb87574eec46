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
    # Each run is killed after a random number of saved notes, so every kill lands
    # mid-interview however slow the machine; each run resumes the previous one's session.
    report = run_kills(6, seed=7, workdir=tmp_path, after_saves=(3, 60))
    assert report.failures == []
    assert report.kills == 6
    assert report.saves >= 6 * 3


def test_sigkill_of_the_real_app_loses_no_autosaved_note(tmp_path: Path) -> None:
    # The app itself (headless) types the notes and autosaves them; each run is killed
    # after it reported one to three saves; the next run resumes the session and its
    # notes editor must show exactly what was stored.
    report = run_kills(2, seed=3, workdir=tmp_path, ui=True, after_saves=(1, 3))
    assert report.failures == []
    assert report.saves >= 2
