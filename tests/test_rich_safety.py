"""The rule that keeps stored text inert, checked on the source itself.

Text from a database or a content file must reach Rich as ``Text`` (or through
``SafeTable``/``SafePanel``/``safe_console`` in ``interview/reports/rich_safe.py``),
never as a markup string. This scans the commands, the report renderers and the app
for the ways that rule gets broken: a plain ``rich`` Table/Panel/Console, markup
parsing (``from_markup``), a markup tag in a string, a Textual notification that parses
markup with data in it, and command-palette titles built from data without escaping.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "interview"
SAFE_MODULE = ROOT / "reports" / "rich_safe.py"
SCANNED = [
    *sorted(
        p
        for d in ("commands", "reports", "tui", "services")
        for p in (ROOT / d).rglob("*.py")
        if p != SAFE_MODULE
    ),
    ROOT / "cli.py",
]
# A Rich/Textual markup tag: [bold], [/], [link=…], [@click=…], [red on black], [b] …
STYLE = (
    r"(bold|dim|italic|underline|reverse|strike|blink|b|i|u|s"
    r"|red|green|yellow|blue|cyan|magenta|white|black)"
)
MARKUP_TAG = re.compile(
    rf"\[(/[a-z. ]*|@click=[^\]]*|link=[^\]]*|\$[a-z-]+|{STYLE}( {STYLE})*( on [a-z_]+)?)\]"
)


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else path.name


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[str] = []
    where = _rel(path)
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("rich.table", "rich.panel"):
            out.append(
                f"{where}:{node.lineno}: import Table/Panel from interview.reports.rich_safe"
            )
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "rich.console"
            and any(a.name == "Console" for a in node.names)
        ):
            out.append(f"{where}:{node.lineno}: build consoles with rich_safe.safe_console()")
        if isinstance(node, ast.Attribute) and node.attr in ("from_markup", "render_markup"):
            out.append(f"{where}:{node.lineno}: {node.attr} parses data as markup")
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and MARKUP_TAG.search(node.value)
        ):
            out.append(f"{where}:{node.lineno}: markup tag in {node.value[:40]!r}")
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            name = name or (node.func.id if isinstance(node.func, ast.Name) else "")
            keywords = {k.arg: k.value for k in node.keywords}
            data = bool(node.args) and not isinstance(node.args[0], ast.Constant)
            if name == "notify" and data:
                markup = keywords.get("markup")
                if not (isinstance(markup, ast.Constant) and markup.value is False):
                    out.append(f"{where}:{node.lineno}: notify() with data needs markup=False")
            if name == "SystemCommand" and data:
                text = ast.unparse(node.args[0])
                if "{" in text and "palette_text(" not in text:
                    out.append(f"{where}:{node.lineno}: palette titles with data: palette_text()")
    return out


def test_the_scan_covers_commands_reports_and_the_app() -> None:
    names = {_rel(p) for p in SCANNED}
    assert "interview/commands/panel.py" in names
    assert "interview/reports/terminal.py" in names
    assert "interview/tui/screens/calibration.py" in names


@pytest.mark.parametrize("path", SCANNED, ids=_rel)
def test_stored_text_never_reaches_rich_as_markup(path: Path) -> None:
    assert _problems(path) == []


def test_the_scan_catches_each_way_of_breaking_the_rule(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from rich.table import Table\n"
        "from rich.console import Console\n"
        "from rich.text import Text\n"
        "def f(app, name):\n"
        "    app.notify(f'hello {name}')\n"
        "    Text.from_markup(name)\n"
        "    print(f'[bold]{name}[/]')\n"
        "    SystemCommand(f'Go {name}', 'help', None)\n"
    )
    found = "\n".join(_problems(bad))
    for expected in (
        ":1: import Table/Panel",
        ":2: build consoles",
        ":5: notify()",
        ":6: from_markup",
        ":7: markup tag",
        ":8: palette titles",
    ):
        assert expected in found
