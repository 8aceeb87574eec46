"""The ``interview`` command: a plain launch opens the app at once, anything else the CLI.

A plain launch (no arguments, or only ``--db PATH``) is what people type most, and it
skips importing the command-line parser, so the first screen appears sooner. Every
other argument list, ``--help`` included, goes to ``interview.cli``.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def plain_launch(args: Sequence[str]) -> tuple[bool, str | None]:
    """(True, database path or None) when ``args`` only open the app, else (False, None)."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and args[1] and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        return True, args[0][len("--db=") :]
    return False, None


def main() -> None:
    # See interview.cli.main: no garbage collection until the first screen is drawn.
    gc.disable()
    plain, db = plain_launch(sys.argv[1:])
    if not plain:
        from interview.cli import main as cli_main

        cli_main()
        return
    from pathlib import Path

    from interview.commands.run import run_app

    try:
        run_app(db_path=Path(db) if db else None, bank=(), rubric=())
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)
