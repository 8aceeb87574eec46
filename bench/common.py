"""Shared pieces of the benchmark suite: result rows, statistics, machine facts.

Contract for a benchmark module ``bench/bench_<name>.py``::

    def run(*, quick: bool = False, runs: int = 5) -> list[Row]: ...

``quick=True`` means "tiny size, once": the test suite calls it so the benchmark
cannot rot; figures from a quick run mean nothing. The harness passes only the
keyword arguments a module's ``run`` accepts. A module may also return plain dicts
with the fields of ``Row``.

Each ``Row`` carries one value per run for the figure and for a baseline measured in
the same run (interleaved with the figure's runs where possible, so machine noise
hits both alike). The harness prints median, min and max of each and the ratio of
the medians against the row's target.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = (
    "textual",
    "rich",
    "openai",
    "sqlite-utils",
    "click",
    "pyyaml",
    "pydantic",
    "platformdirs",
)


@dataclass
class Row:
    """One line of the results table.

    ``values`` and ``baseline`` hold one number per run. ``target_ratio`` is the largest
    acceptable ``median(values) / median(baseline)``; ``target_value`` an absolute
    ceiling for rows without a baseline (query counts, lost notes). ``note`` explains
    a miss or how the figure was taken.
    """

    name: str
    unit: str
    values: list[float]
    baseline_name: str = ""
    baseline: list[float] = field(default_factory=list)
    target: str = ""
    target_ratio: float | None = None
    target_value: float | None = None
    note: str = ""
    group: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def baseline_median(self) -> float | None:
        return statistics.median(self.baseline) if self.baseline else None

    @property
    def ratio(self) -> float | None:
        m, b = self.median, self.baseline_median
        if m is None or not b:
            return None
        return m / b

    @property
    def met(self) -> bool | None:
        if self.target_ratio is not None:
            ratio = self.ratio
            return None if ratio is None else ratio <= self.target_ratio
        if self.target_value is not None and self.median is not None:
            return max(self.values) <= self.target_value
        return None

    def verdict(self) -> str:
        met = self.met
        if met is None:
            return "n/a" if self.values else "not available"
        if met:
            return "met"
        if self.target_ratio is not None and self.ratio is not None:
            return f"missed by {self.ratio / self.target_ratio - 1:.0%}"
        return "missed"


def not_available(name: str, why: str, group: str = "", target: str = "") -> Row:
    return Row(
        name=name, unit="", values=[], target=target, note=f"not available: {why}", group=group
    )


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation, so p99 is a real observed sample)."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def spread(values: Sequence[float], fmt: str = "{:.1f}") -> str:
    """``median [min–max]`` of one figure over several runs."""
    if not values:
        return "—"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} [{fmt.format(min(values))}–{fmt.format(max(values))}]"


def interleaved(
    runs: int, measures: Sequence[Callable[[], float]], warmup: bool = True
) -> list[list[float]]:
    """Run each measure once per round, alternating, so noise falls on all alike."""
    if warmup:
        for measure in measures:
            measure()
    out: list[list[float]] = [[] for _ in measures]
    for i in range(runs):
        # Alternate the order too: the first of a pair sometimes pays for cold caches.
        order = range(len(measures)) if i % 2 == 0 else reversed(range(len(measures)))
        for j in order:
            out[j].append(measures[j]())
    return out


def python_exe() -> str:
    """The interpreter of the project's venv (the one ``make bench`` runs)."""
    return sys.executable


def bench_env(**extra: str) -> dict[str, str]:
    """Environment for child processes: no API key, no user content, no colour quirks."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("INTERVIEW_", "OPENAI_", "TEXTUAL_", "PYTEST_"))
    }
    env.update(extra)
    return env


def machine_info(command: str | None = None) -> dict[str, str]:
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "sqlite": sqlite3.sqlite_version,
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "packages": ", ".join(versions),
        "commit": commit,
        "command": command or " ".join(["python -m bench", *sys.argv[1:]]),
    }
