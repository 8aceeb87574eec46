"""Command line entry point. Thin: parses arguments, builds services, runs a command.

Subcommands live in ``interview/commands/`` and are imported only when invoked, so
``interview --help`` and non-UI commands never import Textual or openai.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import TYPE_CHECKING

import click

from interview import DISTRIBUTION

if TYPE_CHECKING:
    from pathlib import Path

# name -> (module:function, short help). Short help is here so --help needs no imports.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("interview.commands.validate:validate", "Check rubrics, questions and plans."),
    "sessions": ("interview.commands.sessions:sessions", "List interview sessions."),
    "report": (
        "interview.commands.report:report",
        "Export a candidate report (md, html, json, csv).",
    ),
    "demo": ("interview.commands.demo:demo", "Fill a database with realistic sample data."),
    "merge": ("interview.commands.merge:merge", "Merge interviewers' databases into one."),
    "panel": ("interview.commands.panel:panel", "Compare interviewers' scorecards for candidates."),
    "calibration": (
        "interview.commands.calibration:calibration",
        "Interviewer calibration and inter-rater agreement.",
    ),
    "practice": ("interview.commands.practice:practice", "Practise alone with the question bank."),
    "score": (
        "interview.commands.score:score_command",
        "Explore the scoring policy: weighted score, recommendation, rule.",
    ),
    "llm": ("interview.commands.llm:llm", "Check the optional LLM endpoint."),
    "present": (
        "interview.commands.present:present",
        "Show the live question's prompt and code to the candidate.",
    ),
    "bank": ("interview.commands.bank:bank", "Item analysis of the question bank."),
    "serve": ("interview.commands.serve:serve", "Practise in a web browser (textual-serve)."),
    # A candidate's data: erase, export, retention and the audit trail.
    "forget": ("interview.commands.forget:forget", "Erase a candidate and their data."),
    "export-candidate": (
        "interview.commands.export_candidate:export_candidate",
        "Export everything stored about a candidate (JSON).",
    ),
    "retention": ("interview.commands.retention:retention", "Apply the retention policy."),
    "audit": ("interview.commands.audit:audit", "Print the audit trail of scorecard changes."),
    "hub": ("interview.commands.hub:hub", "Run the team hub (Datasette) and issue its tokens."),
    "decide": (
        "interview.commands.debrief:decide",
        "Record the panel's debrief decision (hire, no hire, more evidence).",
    ),
    "loop": ("interview.commands.debrief:loop", "Name the interviewers expected on a loop."),
    "push": ("interview.commands.push:push", "Send submitted scorecards to the team hub."),
    "pull": ("interview.commands.push:pull", "Pull the hub's scorecards into a panel database."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, _, attr = entry[0].partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None
        command: click.Command = getattr(module, attr)
        # See main(): the imports are done, the command's own work starts. What exists now
        # (modules, classes) lives as long as the process: collections never scan it again.
        # (Only when main() turned collection off: a host process keeps its own garbage.)
        if not gc.isenabled():
            gc.freeze()
        gc.enable()
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class _LazyPath:
    """click ``path_type`` giving ``pathlib.Path`` values without importing pathlib at start-up
    (about 5 ms, a tenth of ``interview --help``)."""

    def __new__(cls, value: str) -> Path:  # type: ignore[misc]
        from pathlib import Path

        return Path(value)


db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=_LazyPath),
    default=None,
    help="SQLite database file (default: $INTERVIEW_DB or the user data directory).",
)
bank_option = click.option(
    "--bank",
    "bank",
    type=click.Path(path_type=_LazyPath),
    multiple=True,
    help="Extra question bank folder or file (repeatable; also $INTERVIEW_BANK).",
)
rubric_option = click.option(
    "--rubric",
    "rubric",
    type=click.Path(path_type=_LazyPath),
    multiple=True,
    help="Extra rubric file or folder (repeatable; also $INTERVIEW_RUBRIC).",
)
no_bundled_option = click.option(
    "--no-bundled",
    "no_bundled",
    is_flag=True,
    default=False,
    help="Leave out the shipped rubrics, questions and plans (config: [content] bundled).",
)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@bank_option
@rubric_option
@no_bundled_option
@click.version_option(package_name=DISTRIBUTION, prog_name="interview")
@click.pass_context
def cli(
    ctx: click.Context,
    db_path: Path | None,
    bank: tuple[Path, ...],
    rubric: tuple[Path, ...],
    no_bundled: bool,
) -> None:
    """Structured technical interviews for Python backend engineers.

    Run with no command to open the app.
    """
    ctx.ensure_object(dict)
    ctx.obj.update(db_path=db_path, bank=bank, rubric=rubric, no_bundled=no_bundled)
    if ctx.invoked_subcommand is None:
        from interview.commands.run import run_app

        run_app(db_path=db_path, bank=bank, rubric=rubric, no_bundled=no_bundled)


USAGE_EXIT = 2  # a mistyped command line, as click and most Unix tools use
HELP_MAX_WIDTH = 80  # click's default


def help_width() -> int:
    """The width click's help formatter would choose, worked out as
    ``shutil.get_terminal_size`` does: left to click, every ``--help`` imports shutil and,
    with it, bz2, lzma and fnmatch (a few milliseconds of a ~80 ms command)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or 80, HELP_MAX_WIDTH) - 2, 50)


def main() -> None:
    # Starting allocates many long-lived objects (modules, classes, styles, widgets) and
    # collecting garbage among them only costs time. Collection is back on as soon as a
    # command is imported, or once the app has drawn its first screen.
    gc.disable()
    os.umask(0o077)  # candidate data: every file created is the owner's only (0600/0700)
    try:
        status = cli.main(prog_name="interview", standalone_mode=False, terminal_width=help_width())
        if isinstance(status, int):  # --help and --version end here with their status
            sys.exit(status)
    except click.UsageError as exc:
        # Usage errors keep click's exit status 2 but speak like every other error.
        where = exc.ctx.command_path if exc.ctx else "interview"
        click.echo(f"error: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(USAGE_EXIT)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except OSError as exc:
        # The last line of defence: a file problem no command foresaw is one line too.
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {where}{exc.strerror or exc}", err=True)
        sys.exit(1)
    except Exception as exc:
        # A damaged page or a dropped table met mid-command: one line, no stored text.
        # (sqlite3 is only imported by the commands that use a database.)
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(exc, sqlite3.DatabaseError):
            raise
        from interview.storage.damage import message

        click.echo(f"error: {message(exc)}", err=True)
        sys.exit(1)
