"""The hub's folder: its database, signing secret, Datasette config and tokens.

The hub is a stock Datasette server (1.0 alpha) over ``DIR/hub.db``. Each interviewer
has an inbox table there (``inbox_<slug>``); their token is restricted to view, insert
and update rows of that table only, so one interviewer can never overwrite another's
scorecard. A lead's token may read every table (and write the ``decisions`` table).

The signing secret lives in ``DIR/secret`` (mode 0600) and reaches Datasette through
the environment, never a command line. Tokens are printed once and stored nowhere.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview.services.hub_payload import DECISIONS_TABLE, INBOX_COLUMNS, inbox_table

HUB_DB = "hub.db"
HUB_NAME = "hub"
SECRET_FILE = "secret"
CONFIG_FILE = "datasette.yaml"
ROLES = ("interviewer", "lead")
PRIVATE_TABLE = "private_notes"  # the interviewer's private pads: never published
# The views anyone may read on a published interview database (see storage/schema.py).
PUBLIC_VIEWS = ("scorecards", "scorecard_scores", "candidate_area_scores", "candidate_summary")
DECISION_COLUMNS = {
    "id": str,
    "candidate_id": str,
    "candidate_code": str,
    "decision": str,
    "rationale": str,
    "decided_by": str,
    "decided_at": str,
}
# Rows per page when reading and per write request: 1,000 keeps a pull of 10,000
# scorecards to a dozen requests.
MAX_ROWS = 1000


class HubSetupError(Exception):
    """The hub cannot be set up or started; one line for the user."""


def require_datasette() -> None:
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise HubSetupError(
            "Datasette is not installed: pip install 'structured-interview[hub]'"
        ) from None


@dataclass(frozen=True)
class HubDir:
    path: Path

    @property
    def db(self) -> Path:
        return self.path / HUB_DB

    @property
    def config(self) -> Path:
        return self.path / CONFIG_FILE

    def prepare(self) -> None:
        """Create the folder, the hub database and the secret when missing."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.db)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                _create(conn, DECISIONS_TABLE, DECISION_COLUMNS)
                conn.commit()
            finally:
                conn.close()
            self.secret()
        except (OSError, sqlite3.Error) as exc:
            raise HubSetupError(f"{self.path}: cannot set up the hub ({exc})") from None

    def secret(self) -> str:
        file = self.path / SECRET_FILE
        if not file.exists():
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
        os.chmod(file, 0o600)
        return file.read_text().strip()

    def add_inbox(self, interviewer: str) -> str:
        table = inbox_table(interviewer)
        conn = sqlite3.connect(self.db)
        try:
            _create(conn, table, INBOX_COLUMNS)
            conn.commit()
        finally:
            conn.close()
        return table


def _create(conn: sqlite3.Connection, table: str, columns: Mapping[str, type]) -> None:
    kinds = {str: "TEXT", int: "INTEGER"}
    cols = ", ".join(
        f"{name} {kinds[kind]}" + (" PRIMARY KEY" if name == "id" else "")
        for name, kind in columns.items()
    )
    conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")


def datasette_config(published: Sequence[Path] = ()) -> dict[str, Any]:
    """Datasette config: the hub readable by token holders only; on each published
    interview database only the documented views are public, every table and SQL
    needs a token (which only a lead's can use outside its own inbox)."""
    signed_in = {"id": "*"}
    databases: dict[str, Any] = {
        HUB_NAME: {
            "allow": signed_in,
            "allow_sql": signed_in,
            "permissions": {"insert-row": signed_in, "update-row": signed_in},
        }
    }
    for path in published:
        tables: dict[str, Any] = {name: {"allow": signed_in} for name in _tables(path)}
        if PRIVATE_TABLE in tables:
            tables[PRIVATE_TABLE] = {"allow": False}  # nobody, a lead included
        databases[path.stem] = {"allow_sql": signed_in, "tables": tables}
    return {
        "settings": {"max_returned_rows": MAX_ROWS, "max_insert_rows": MAX_ROWS},
        "databases": databases,
    }


def _tables(path: Path) -> list[str]:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise HubSetupError(f"{path}: cannot publish ({exc})") from None
    return sorted(r[0] for r in rows)


def _private_notes(path: Path) -> int:
    """Private pads with text in a database (none in one made by merge or pull)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if PRIVATE_TABLE not in tables:
                return 0
            sql = f"SELECT count(*) FROM {PRIVATE_TABLE} WHERE text != ''"
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise HubSetupError(f"{path}: cannot publish ({exc})") from None


def write_config(hub: HubDir, published: Sequence[Path] = ()) -> Path:
    # JSON is valid YAML: no YAML writer needed, and Datasette reads it either way.
    text = json.dumps(datasette_config(published), indent=2) + "\n"
    hub.config.write_text(text)
    return hub.config


def serve_command(
    hub: HubDir, host: str, port: int, published: Sequence[Path] = ()
) -> tuple[list[str], dict[str, str]]:
    """The Datasette command line and environment that serve the hub."""
    import sys

    for path in published:
        if not path.is_file():
            raise HubSetupError(f"{path}: no such database to publish")
        if _private_notes(path):
            raise HubSetupError(
                f"{path}: holds an interviewer's private notes, which never leave their "
                "machine; publish a panel database made by `interview merge` or `interview pull`"
            )
    hub.prepare()
    config = write_config(hub, published)
    argv = [
        sys.executable, "-m", "datasette", "serve", str(hub.db), *map(str, published),
        "--config", str(config), "--host", host, "--port", str(port),
    ]  # fmt: skip
    env = dict(os.environ, DATASETTE_SECRET=hub.secret())
    return argv, env


async def _make_token(secret: str, name: str, role: str, table: str) -> str:
    from datasette.app import Datasette
    from datasette.tokens import TokenRestrictions

    rules = TokenRestrictions()
    if role == "lead":
        for action in ("view-instance", "view-database", "view-table", "execute-sql"):
            rules.allow_all(action)
        for action in ("insert-row", "update-row"):
            rules.allow_resource(HUB_NAME, DECISIONS_TABLE, action)
    else:
        for action in ("view-table", "insert-row", "update-row"):
            rules.allow_resource(HUB_NAME, table, action)
    ds = Datasette(secret=secret)
    await ds.invoke_startup()
    return str(await ds.create_token(name, restrictions=rules))


def issue_token(hub: HubDir, name: str, role: str) -> str:
    """A signed token for NAME; an interviewer's is limited to their own inbox table."""
    import asyncio

    require_datasette()
    if role not in ROLES:
        raise HubSetupError(f"unknown role {role!r}; use interviewer or lead")
    hub.prepare()
    try:
        table = hub.add_inbox(name) if role == "interviewer" else ""
    except ValueError as exc:
        raise HubSetupError(str(exc)) from None
    return asyncio.run(_make_token(hub.secret(), name, role, table))
