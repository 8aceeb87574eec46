"""Every command has help text and a README mention, so documentation cannot drift."""

from __future__ import annotations

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
