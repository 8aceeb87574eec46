"""``interview serve``: practice mode in a web browser, through textual-serve.

Every browser tab runs its own copy of the app on this machine; textual-serve has no
authentication, so the server listens on the loopback interface unless told otherwise.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from interview.commands.common import fail, listen_or_exit, option_from_ctx

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(
    db_path: Path | None,
    *,
    everything: bool,
    bank: Sequence[Path] = (),
    rubric: Sequence[Path] = (),
    no_bundled: bool = False,
) -> str:
    """The command textual-serve starts for each browser tab: the same database and
    content (``--bank``, ``--rubric``, ``--no-bundled``) as this command was given."""
    parts = [sys.executable, "-m", "interview"]
    if db_path is not None:
        parts += ["--db", str(db_path.expanduser().resolve())]
    for path in bank:
        parts += ["--bank", str(path.expanduser().resolve())]
    for path in rubric:
        parts += ["--rubric", str(path.expanduser().resolve())]
    if no_bundled:
        parts.append("--no-bundled")
    if not everything:
        parts += ["practice", "--only"]
    return shlex.join(parts)


@click.command()
@click.option(
    "--host",
    default=None,
    help="Interface to listen on (default 127.0.0.1). Anything else exposes the app, "
    "which has no login, to that network.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option("--all", "everything", is_flag=True, help="Serve the whole app, not only practice.")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database the served app uses (default: the app's database).",
)
@click.pass_context
def serve(
    ctx: click.Context, host: str | None, port: int, everything: bool, db_path: Path | None
) -> None:
    """Practise in a web browser (candidates who do not live in a terminal).

    Prints the address to open. Only practice mode is served unless --all is given.
    """
    try:
        from textual_serve.server import Server
    except ImportError:
        fail(
            "interview serve needs textual-serve: pip install 'structured-interview[serve]' "
            "(or `make test`, which installs it)"
        )
    if host is None:
        host = "127.0.0.1"
    elif not is_loopback(host):
        click.echo(
            f"warning: listening on {host}: textual-serve has no authentication, so anyone "
            "who can reach this address can use the app and its database",
            err=True,
        )
    listen_or_exit(host, port)
    path: Path | None = option_from_ctx(ctx, "db_path", db_path)  # type: ignore[assignment]
    what = "the app" if everything else "practice mode"
    title = "interview" if everything else "interview practice"
    root = ctx.find_root().obj or {}
    command = app_command(
        path,
        everything=everything,
        bank=root.get("bank") or (),
        rubric=root.get("rubric") or (),
        no_bundled=bool(root.get("no_bundled")),
    )
    server = Server(command, host=host, port=port, title=title)
    click.echo(f"serving {what} at {server.public_url} (ctrl+c to stop)", err=True)
    server.serve()
