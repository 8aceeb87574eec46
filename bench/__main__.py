"""``python -m bench`` (``make bench``): every benchmark in one table, ratios vs same-run baselines.

Options: ``--runs N`` (default 5), ``--quick`` (tiny sizes, one run: checks that the
benchmarks work; its figures mean nothing), ``--only a,b`` / ``--skip a,b`` (benchmark
names as in the first column of the list below), ``--markdown FILE`` and ``--json FILE``
to keep the table.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
import time
import traceback
from collections.abc import Collection, Iterable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from bench.common import Row, machine_info, not_available, spread

# (name, module, what it measures). Modules written by others may not exist yet.
BENCHMARKS: list[tuple[str, str, str]] = [
    ("startup", "bench.bench_startup", "first useful screen and peak RSS in tmux"),
    ("cli", "bench.bench_cli", "--help, validate, report: time and imports"),
    ("typing", "bench.bench_typing", "keystroke to frame in the notes editor, idle"),
    ("typing_stream", "bench.bench_typing_stream", "keystroke to frame while an LLM streams"),
    ("report", "bench.bench_report", "one candidate report at 10,000 sessions"),
    ("panel", "bench.bench_panel", "panel ranking and calibration at 10,000 sessions"),
    ("bank", "bench.bench_bank_stats", "item analysis of the bank at 10,000 sessions"),
    ("hub", "bench.bench_hub", "push 1,000 and pull 10,000 scorecards over Datasette"),
    ("kill", "bench.kill_test", "SIGKILL a scripted session 100 times"),
    ("typing_kill", "bench.bench_typing_kill", "SIGKILL the app while notes are typed at 15/s"),
    ("writers", "bench.concurrent_writers", "two processes writing one database"),
    ("keystrokes", "bench.bench_keystrokes", "keys for a full senior interview at 120x40"),
]


def _coerce(rows: Iterable[Any], group: str) -> list[Row]:
    out = []
    names = {f.name for f in fields(Row)}
    for row in rows:
        if isinstance(row, Row):
            out.append(row)
        elif isinstance(row, dict):
            out.append(Row(**{k: v for k, v in row.items() if k in names}))
        else:
            raise TypeError(f"a benchmark returned {type(row).__name__}, not a Row")
        out[-1].group = out[-1].group or group
    return out


def run_one(name: str, module_name: str, *, quick: bool, runs: int) -> list[Row]:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return [not_available(name, f"{module_name} does not exist yet", name)]
        raise
    func = getattr(module, "run", None)
    if func is None:
        return [not_available(name, f"{module_name} has no run()", name)]
    offered = {"quick": quick, "runs": runs}
    params = inspect.signature(func).parameters
    takes_all = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    kwargs = {k: v for k, v in offered.items() if takes_all or k in params}
    return _coerce(func(**kwargs), name)


def run_all(
    *,
    quick: bool = False,
    runs: int = 5,
    only: set[str] | None = None,
    skip: Collection[str] = (),
) -> list[Row]:
    rows: list[Row] = []
    for name, module_name, what in BENCHMARKS:
        if (only and name not in only) or name in skip:
            continue
        print(f"· {name}: {what} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            got = run_one(name, module_name, quick=quick, runs=runs)
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            got = [Row(name=name, unit="", values=[], note=f"failed: {exc}", group=name)]
        print(f"  {time.perf_counter() - started:.1f}s", file=sys.stderr, flush=True)
        rows.extend(got)
    return rows


def _fmt(unit: str) -> str:
    return "{:.0f}" if unit in ("queries", "kills", "sessions", "notes", "errors") else "{:.1f}"


def table(rows: list[Row]) -> list[list[str]]:
    out = [["group", "what", "figure: median [min–max]", "baseline", "ratio", "target", "verdict"]]
    for r in rows:
        fmt = _fmt(r.unit)
        unit = f" {r.unit}" if r.unit else ""
        figure = spread(r.values, fmt) + unit if r.values else "—"
        base = f"{r.baseline_name}: {spread(r.baseline, fmt)}{unit}" if r.baseline else "—"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        out.append([r.group, r.name, figure, base, ratio, r.target or "—", r.verdict()])
    return out


def render_text(rows: list[Row]) -> str:
    cells = table(rows)
    widths = [min(60, max(len(c[i]) for c in cells)) for i in range(len(cells[0]))]
    lines = []
    for i, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    return "\n".join(lines + (["", "Notes:", *notes] if notes else []))


def render_markdown(rows: list[Row], info: dict[str, str]) -> str:
    cells = table(rows)
    lines = [f"- **{k}**: {v}" for k, v in info.items()]
    lines.append("")
    lines.append("| " + " | ".join(cells[0]) + " |")
    lines.append("|" + "---|" * len(cells[0]))
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells[1:]]
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    if notes:
        lines += ["", "Notes:", "", *notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run (smoke)")
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    parser.add_argument("--skip", default="", help="comma-separated benchmark names")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    args = parser.parse_args(argv)
    known = {name for name, _, _ in BENCHMARKS}
    only = {n for n in args.only.split(",") if n}
    skip = {n for n in args.skip.split(",") if n}
    if unknown := (only | skip) - known:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {sorted(known)}")

    info = machine_info()
    started = time.perf_counter()
    rows = run_all(quick=args.quick, runs=max(1, args.runs), only=only or None, skip=skip)
    info["total time"] = f"{time.perf_counter() - started:.0f} s"
    print()
    for key, value in info.items():
        print(f"{key}: {value}")
    print()
    print(render_text(rows))
    if args.markdown:
        args.markdown.write_text(render_markdown(rows, info), encoding="utf-8")
    if args.json:
        payload = {"info": info, "rows": [{**asdict(r), "ratio": r.ratio} for r in rows]}
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
