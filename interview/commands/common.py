"""Helpers shared by commands: loading content and opening the database with clean errors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from interview import paths
from interview.domain.content_paths import content_layers

if TYPE_CHECKING:
    # Imported where used: a plain `interview` launch goes through this module on its
    # way to the first screen and needs neither the parser nor the content models.
    import click

    from interview.domain.models import LoadResult


def fail(message: str, code: int = 1) -> NoReturn:
    import click

    from interview.reports.text import one_line

    # Messages may quote stored names: one line, control characters shown as symbols.
    click.echo(f"error: {one_line(message)}", err=True)
    raise SystemExit(code)


def require_file(path: Path, missing: str) -> None:
    """Exit with ``missing`` unless ``path`` exists; one line too when it cannot be looked at
    (a folder on the way that this user may not enter)."""
    try:
        found = path.exists()
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror})")
    if not found:
        fail(missing)


def listen_or_exit(host: str, port: int) -> None:
    """One line, before a server starts, when it could not listen on ``host:port`` (a port
    already taken, an address not on this machine) instead of the server's own log."""
    import errno
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        fail(f"--host {host}: not an address of this machine ({exc}) — check --host")
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                fail(f"{host}:{port} is already in use (another server?) — pick another --port")
            fail(f"cannot listen on {host}:{port} ({exc.strerror}) — check --host and --port")


def write_or_exit(path: Path, text: str, *, force: bool) -> None:
    """Write an export file completely or not at all; a one-line error otherwise."""
    import click

    from interview.reports.files import ExportError, write_file

    try:
        write_file(path, text, force=force)
    except ExportError as exc:
        fail(str(exc))
    click.echo(f"wrote {path}", err=True)


def option_from_ctx(ctx: click.Context, name: str, value: object) -> object:
    """A value given after the subcommand wins over one given before it."""
    if value:
        return value
    parent = ctx.find_root().obj or {}
    return parent.get(name)


def include_bundled(no_bundled: bool = False) -> bool:
    """Whether the shipped content is loaded: not with ``--no-bundled`` nor with
    ``bundled = false`` under ``[content]`` in config.toml."""
    if no_bundled:
        return False
    from interview.config import ConfigError, load_config

    try:
        return load_config().content.bundled
    except ConfigError as exc:
        fail(str(exc))


def bundled_from_ctx(ctx: click.Context) -> bool:
    return include_bundled(bool((ctx.find_root().obj or {}).get("no_bundled")))


def layers_or_exit(
    bank: Sequence[Path] = (), rubric: Sequence[Path] = (), *, bundled: bool = True
) -> list[list[Path]]:
    """The content layers to load; one line and exit 1 when nothing is left to load."""
    layers = content_layers(bank=bank, rubrics=rubric, bundled=bundled)
    if not layers:
        fail(
            "no content: the bundled content is off (--no-bundled or [content] bundled = false) "
            "— give your own with --bank and --rubric"
        )
    return layers


def load_or_exit(
    bank: Sequence[Path] = (), rubric: Sequence[Path] = (), *, bundled: bool = True
) -> LoadResult:
    """Validated content, or every problem on stderr and exit 1 (unchanged files: cached)."""
    import click

    from interview.domain.content_cache import load_content_cached
    from interview.domain.errors import ContentError

    layers = layers_or_exit(bank, rubric, bundled=bundled)
    try:
        return load_content_cached(layers, paths.cache_dir())
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        fail(f"{len(exc.problems)} problem(s) in the content; the app needs valid content to start")
