"""Layers that draw no screen never import Textual or openai, and neither do CLI paths
that draw no screen: they would pay for both on every start (``import openai`` alone
costs more than the whole first frame of a Textual app).

Each check runs in a fresh interpreter and inspects ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("textual", "openai")
NO_UI_PACKAGES = ("domain", "storage", "services", "reports", "llm")

# Imports each module in turn; names the first one after which a heavy package appears.
IMPORT_EACH = """
import importlib, json, pkgutil, sys
heavy = json.loads(sys.argv[1])
names = ["interview.cli", "interview.config", "interview.paths"]
for pkg in json.loads(sys.argv[2]):
    module = importlib.import_module("interview." + pkg)
    names.append(module.__name__)
    names += sorted(m.name for m in pkgutil.walk_packages(module.__path__, module.__name__ + "."))
culprits = {}
for name in names:
    importlib.import_module(name)
    for h in heavy:
        if h not in culprits and h in sys.modules:
            culprits[h] = name
print(json.dumps({"checked": names, "culprits": culprits}))
"""

# Runs the CLI in-process with the given arguments, then lists heavy packages loaded.
RUN_CLI = """
import json, sys
args, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
from interview.cli import main
sys.argv = ["interview", *args]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
print("\\nRESULT " + json.dumps({"code": code, "loaded": loaded}))
"""


def _python(script: str, *args: str, env_home: Path) -> str:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTERVIEW_", "OPENAI_"))}
    env["INTERVIEW_HOME"] = str(env_home)
    proc = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_no_ui_layers_never_import_textual_or_openai(isolated_home: Path) -> None:
    out = _python(
        IMPORT_EACH, json.dumps(HEAVY), json.dumps(NO_UI_PACKAGES), env_home=isolated_home
    )
    result = json.loads(out.strip().splitlines()[-1])
    assert len(result["checked"]) > 10, result["checked"]
    assert result["culprits"] == {}, (
        f"importing {result['culprits']} pulls in a heavy package; import it lazily, "
        "inside the function that needs it"
    )


def _cli(args: list[str], home: Path) -> dict[str, object]:
    out = _python(RUN_CLI, json.dumps(args), json.dumps(HEAVY), env_home=home)
    line = next(ln for ln in reversed(out.splitlines()) if ln.startswith("RESULT "))
    result: dict[str, object] = json.loads(line[7:])
    return result


@pytest.mark.parametrize("args", [["--help"], ["validate"]], ids=["--help", "validate"])
def test_cli_paths_without_a_screen_import_neither(args: list[str], isolated_home: Path) -> None:
    result = _cli(args, isolated_home)
    assert result["code"] == 0
    assert result["loaded"] == [], f"interview {' '.join(args)} imported {result['loaded']}"


def test_every_subcommand_help_imports_neither(isolated_home: Path) -> None:
    from interview.cli import COMMANDS

    for name in sorted(COMMANDS):
        module = COMMANDS[name][0].partition(":")[0]
        import importlib.util

        if importlib.util.find_spec(module) is None:
            continue  # commands land one by one; those that exist are checked
        result = _cli([name, "--help"], isolated_home)
        assert result["code"] == 0, f"interview {name} --help exited {result['code']}"
        assert result["loaded"] == [], f"interview {name} --help imported {result['loaded']}"


def test_report_to_a_file_imports_neither(isolated_home: Path, tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("interview.commands.report") is None:
        pytest.skip("the report command does not exist yet")
    sys.path.insert(0, str(ROOT))
    from bench.dataset import build_db

    dataset = build_db(tmp_path / "r.db", sessions=20, candidates=5, cache=False)
    out = tmp_path / "report.md"
    result = _cli(
        ["report", "--db", str(dataset.path), dataset.newest_candidate, "-o", str(out)],
        isolated_home,
    )
    assert result["code"] == 0
    assert out.exists() and out.stat().st_size > 0
    assert result["loaded"] == [], f"interview report imported {result['loaded']}"
