"""Commands that draw no screen: wall time against bare imports, and what they import.

``interview --help`` is timed against ``python -c "import click"`` (the floor for any
click program); ``validate`` and ``report`` are timed too, and each command is run once
more with an import audit that lists textual or openai modules it loaded. For context,
``import textual.app`` and ``import openai`` are timed against the same floor.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import Row, bench_env, interleaved
from bench.dataset import build_db

GROUP = "cli"
HEAVY = ("textual", "openai")

# Runs a CLI in-process, then prints which heavy top-level packages were imported.
AUDIT = """
import json, sys
args, watched = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
from interview.cli import main
sys.argv = ["interview", *args]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
heavy = sorted({m.split(".")[0] for m in sys.modules} & watched)
sys.stdout.flush()
print("\\nAUDIT " + json.dumps({"code": code, "heavy": heavy}))
"""


def _timed(cmd: list[str], env: dict[str, str]) -> Callable[[], float]:
    def measure() -> float:
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, check=False)
        elapsed = (time.perf_counter() - start) * 1000
        if proc.returncode != 0:
            err = proc.stderr.decode(errors="replace").strip().splitlines()
            raise RuntimeError(f"{' '.join(cmd[-3:])} exited {proc.returncode}: {err[-1:]}")
        return elapsed

    return measure


def audit(args: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
    """Exit code of ``interview ARGS`` and the heavy packages it imported."""
    proc = subprocess.run(
        [sys.executable, "-c", AUDIT, json.dumps(args), json.dumps(HEAVY)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("AUDIT "):
            result = json.loads(line[6:])
            return int(result["code"]), list(result["heavy"])
    raise RuntimeError(f"audit of {args} printed nothing: {proc.stderr.strip()[-300:]}")


def _report_args(work: Path, env: dict[str, str]) -> list[str] | None:
    """Arguments for a candidate report to a file, if the report command exists."""
    code, _ = audit(["report", "--help"], env)
    if code != 0:
        return None
    dataset = build_db(work / "report.db", sessions=200, candidates=50)
    return [
        "report",
        "--db",
        str(dataset.path),
        dataset.newest_candidate,
        "-o",
        str(work / "r.md"),
        "--force",
    ]


def run(*, quick: bool = False, runs: int = 5) -> list[Row]:
    runs = 1 if quick else max(runs, 10)  # ~0.1 s each: cheap to run more
    work = Path(tempfile.mkdtemp(prefix="interview-bench-cli-"))
    env = bench_env(INTERVIEW_HOME=str(work / "home"))
    script = str(Path(sys.executable).with_name("interview"))
    py = sys.executable
    try:
        floor = _timed([py, "-c", "import click"], env)
        commands: list[tuple[str, list[str]]] = [("--help", ["--help"]), ("validate", ["validate"])]
        report_args = _report_args(work, env)
        if report_args:
            commands.append(("report to a file", report_args))
        measures = [floor] + [_timed([script, *args], env) for _, args in commands]
        if not quick:
            measures += [_timed([py, "-c", "import textual.app"], env)]
            measures += [_timed([py, "-c", "import openai"], env)]
        figures = interleaved(runs, measures, warmup=not quick)
        audits = {label: audit(args, env)[1] for label, args in commands}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    floor_ms = figures[0]
    rows: list[Row] = []
    for i, (label, _args) in enumerate(commands, start=1):
        heavy = audits[label]
        imports = f"imports {', '.join(heavy)}" if heavy else "imports neither textual nor openai"
        rows.append(
            Row(
                name=f"interview {label}",
                unit="ms",
                values=figures[i],
                baseline_name='python -c "import click"',
                baseline=floor_ms,
                target="<= 1.2x, no textual/openai" if label == "--help" else "no textual/openai",
                target_ratio=1.2 if label == "--help" else None,
                note=imports if not heavy or label != "--help" else f"{imports}: target missed",
                group=GROUP,
            )
        )
        if heavy:
            rows[-1].target_ratio = 0.0  # importing a heavy module misses the target outright
    if not report_args:
        rows.append(
            Row(
                name="interview report to a file",
                unit="",
                values=[],
                target="no textual/openai",
                note="not available: the report command does not exist yet",
                group=GROUP,
            )
        )
    if not quick:
        for j, label in enumerate(("import textual.app", "import openai"), start=len(commands) + 1):
            rows.append(
                Row(
                    name=f"(context) python -c '{label}'",
                    unit="ms",
                    values=figures[j],
                    baseline_name='python -c "import click"',
                    baseline=floor_ms,
                    group=GROUP,
                )
            )
    return rows
