"""Every command has help text and a README mention, so documentation cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from interview.cli import COMMANDS, cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _walk(
    command: click.Command, path: tuple[str, ...]
) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, f"{' '.join(path)} {name} cannot be loaded"
            found += _walk(sub, (*path, name))
    return found


ALL = _walk(cli, ())


@pytest.mark.parametrize(
    "path,command", ALL, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_command_has_help_and_options_have_help(
    path: tuple[str, ...], command: click.Command
) -> None:
    assert (command.help or "").strip(), f"'interview {' '.join(path)}' has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"option {param.opts} of 'interview {' '.join(path)}' has no help"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_readme_mentions_each_command(name: str) -> None:
    assert f"interview {name}" in README, f"README does not mention 'interview {name}'"


# ------------------------------------------------------------ links, files and keys

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"`([^`\s]+)`")
BINDING_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_readme_links_and_images_point_at_files_and_headings() -> None:
    anchors = {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", README, flags=re.M)}
    for target in LINK.findall(README):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        if target.startswith("#"):
            assert target[1:] in anchors, f"README links to a missing heading: {target}"
            continue
        path = ROOT / target.split("#", 1)[0]
        assert path.exists(), f"README links to a missing file: {target}"


def test_readme_repository_paths_exist() -> None:
    """Backticked files (`bench/RESULTS.md`) and folders (`rubrics/`) of this repository."""
    top_level = {p.name for p in ROOT.iterdir() if not p.name.startswith(".")}
    for token in CODE.findall(README):
        first, _, rest = token.partition("/")
        looks_like_path = token.endswith("/") or "." in rest.rsplit("/", 1)[-1]
        if first not in top_level or not looks_like_path or any(c in token for c in "<>*…"):
            continue
        assert (ROOT / token).exists(), f"README names a path that does not exist: {token}"


def test_readme_key_ids_are_real_bindings() -> None:
    from interview.tui import bindings

    known = bindings.known_ids()
    for token in CODE.findall(_section("Keys")):
        if BINDING_ID.match(token):
            assert token in known, f"README's key tables name an unknown binding id: {token}"
