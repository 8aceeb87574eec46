"""Push scorecards to the hub and pull them into a panel database.

Push reads the local database only (it is never written): it asks the hub for the
fingerprints it already holds, one page per thousand rows, and upserts only the
scorecards that are new or changed, in batches. Every batch is one transaction on
the hub, so a push cut short leaves whole scorecards there and the next push sends the
rest: nothing is lost or duplicated (rows are keyed by the session's global id).

Pull reads every inbox table the token may see, writes the scorecards into a scratch
interview database and merges that into the output with ``merge_databases``: the same
rules as ``interview merge``; the output changes in one transaction or not at all.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview.services.hub_client import HubClient, HubError, HubSettings
from interview.services.hub_payload import (
    DECISIONS_TABLE,
    INBOX_PREFIX,
    SNAPSHOT_PREFIX,
    HubRow,
    PayloadError,
    decision_rows,
    inbox_table,
    scorecard_rows,
    write_decisions,
    write_payloads,
)
from interview.services.hub_server import HUB_NAME, MAX_ROWS
from interview.services.merge import MergeError, MergeSummary, merge_databases, open_source

BATCH = 100  # scorecards per upsert request at most
# Datasette refuses request bodies over 2 MiB: batches also stop at this many bytes.
BATCH_BYTES = 1_500_000


def batches(rows: list[HubRow], size: int, limit: int = BATCH_BYTES) -> list[list[HubRow]]:
    """Consecutive batches of at most ``size`` rows and about ``limit`` bytes of payload."""
    out: list[list[HubRow]] = []
    current: list[HubRow] = []
    used = 0
    for row in rows:
        weight = len(row.payload) + 300
        if current and (len(current) >= size or used + weight > limit):
            out.append(current)
            current, used = [], 0
        current.append(row)
        used += weight
    if current:
        out.append(current)
    return out


@dataclass
class PushResult:
    total: int = 0
    added: int = 0
    updated: int = 0
    decisions: int = 0
    requests: int = 0
    tables: list[str] = field(default_factory=list)
    decisions_only: bool = False  # a lead's `push --decisions`: no scorecards to speak of
    decisions_total: int = 0

    def line(self) -> str:
        if self.decisions_only:
            if self.decisions:
                return f"{self.decisions} debrief decision(s) sent ({self.requests} request(s))"
            return (
                f"nothing to push: the hub already has all {self.decisions_total} debrief "
                f"decision(s) ({self.requests} request(s))"
            )
        extra = f"; {self.decisions} debrief decision(s) sent" if self.decisions else ""
        return self._line() + extra

    def _line(self) -> str:
        if not self.added and not self.updated:
            return (
                f"nothing to push: the hub already has all {self.total} submitted scorecard(s) "
                f"({self.requests} request(s))"
            )
        return (
            f"pushed {self.added + self.updated} scorecard(s): {self.added} new, "
            f"{self.updated} updated, {self.total - self.added - self.updated} already there "
            f"({self.requests} request(s))"
        )


def local_rows(
    db_path: Path, interviewer: str | None = None
) -> tuple[list[HubRow], list[dict[str, Any]]]:
    """The scorecards and debrief decisions of a local database (opened read-only)."""
    try:
        # The same careful read as a merge source: a private copy, checked first.
        with open_source(db_path) as source:
            rows = list(scorecard_rows(source.conn))
            decisions = decision_rows(source.conn)
    except MergeError as exc:
        raise HubError(str(exc)) from None
    if interviewer is not None:
        rows = [r for r in rows if r.interviewer == interviewer]
    return rows, decisions


Progress = Callable[[int, int], None]  # (scorecards sent so far, to send)


async def _push_decisions(client: HubClient, decisions: list[dict[str, Any]]) -> int:
    there: set[str] = set()
    async for page in client.rows(HUB_NAME, DECISIONS_TABLE, ("decided_at",)):
        there.update(r["id"] for r in page)
    send = [d for d in decisions if d["id"] not in there]
    for start in range(0, len(send), BATCH):
        await client.upsert(HUB_NAME, DECISIONS_TABLE, send[start : start + BATCH])
    return len(send)


@dataclass
class _Pushing:
    """What a push is sending right now, to explain a refusal."""

    db: Path
    what: str = "scorecards"
    interviewer: str = ""


async def _push(
    settings: HubSettings,
    rows: list[HubRow],
    decisions: list[dict[str, Any]],
    progress: Progress | None,
    batch_size: int,
    pushing: _Pushing,
) -> PushResult:
    result = PushResult(total=sum(1 for r in rows if not r.id.startswith(SNAPSHOT_PREFIX)))
    by_table: dict[str, list[HubRow]] = defaultdict(list)
    for row in rows:
        try:
            by_table[inbox_table(row.interviewer)].append(row)
        except ValueError as exc:
            raise HubError(f"session {row.id[:8]}: {exc}") from None
    async with HubClient(settings) as client:
        try:
            for table, mine in sorted(by_table.items()):
                pushing.interviewer = mine[0].interviewer
                await _push_inbox(client, table, mine, result, progress, batch_size)
            if decisions:
                pushing.what = "decisions"
                result.decisions = await _push_decisions(client, decisions)
        except HubError as exc:
            if exc.status != 403:
                raise
            raise HubError(await _refused(client, exc, pushing), 403) from None
        result.requests = client.requests
    return result


async def _push_inbox(
    client: HubClient,
    table: str,
    mine: list[HubRow],
    result: PushResult,
    progress: Progress | None,
    batch_size: int,
) -> None:
    result.tables.append(table)
    there: dict[str, str] = {}
    try:
        async for page in client.rows(HUB_NAME, table, ("fingerprint",)):
            there.update((r["id"], r["fingerprint"]) for r in page)
    except HubError as exc:
        if exc.status == 404:
            raise HubError(
                f"the hub has no inbox for {mine[0].interviewer!r}: "
                f"run `interview hub token {mine[0].interviewer!r} --role interviewer` "
                "on the hub"
            ) from None
        raise
    send = [r for r in mine if there.get(r.id) != r.fingerprint]
    done = 0
    for batch in batches(send, batch_size):
        await client.upsert(HUB_NAME, table, [r.as_dict() for r in batch])
        for r in batch:
            if r.id.startswith(SNAPSHOT_PREFIX):
                continue
            if r.id in there:
                result.updated += 1
            else:
                result.added += 1
        done += len(batch)
        if progress:
            progress(done, len(send))


async def _refused(client: HubClient, error: HubError, pushing: _Pushing) -> str:
    """A refusal in words: what this token may push, and how to push the rest."""
    try:
        actor = await client.actor()
    except HubError:
        return str(error)
    rules = actor.get("_r")
    if not isinstance(rules, dict):
        return str(error)  # not a restricted token: nothing more to say
    who = str(actor.get("id") or "this token's owner")
    tables = rules.get("r", {}).get(HUB_NAME, {}) if isinstance(rules.get("r"), dict) else {}
    writes = {t for t, acts in tables.items() if isinstance(acts, list) and "ir" in acts}
    inbox = sorted(t for t in writes if t.startswith(INBOX_PREFIX))
    refused = "the hub refused this push (403)"
    if DECISIONS_TABLE in writes and not inbox:
        return (
            f"{refused}: a lead's token ({who}) may push debrief decisions only, not "
            f"scorecards: run `interview push --decisions --db {pushing.db}`; each interviewer "
            "pushes their own scorecards with their own token"
        )
    if inbox and pushing.what == "decisions":
        return (
            f"{refused}: {who}'s token may push only {who}'s own scorecards; debrief "
            "decisions need a lead's token (`interview hub token NAME --role lead` on the hub)"
        )
    if inbox:
        return (
            f"{refused}: {who}'s token may push only {who}'s own scorecards, but "
            f"{pushing.db} holds {pushing.interviewer}'s: push them with "
            f"{pushing.interviewer}'s token, or pass --interviewer {who!r}"
        )
    return str(error)


def push(
    settings: HubSettings,
    db_path: Path,
    interviewer: str | None = None,
    *,
    progress: Progress | None = None,
    batch_size: int = BATCH,
    decisions_only: bool = False,
) -> PushResult:
    """Send what the hub lacks; ``progress`` is called after each batch the hub stored."""
    rows, decisions = local_rows(db_path, interviewer)
    if decisions_only:
        if not decisions:
            raise HubError(f"{db_path}: no debrief decision to push (record one: interview decide)")
        rows = []
    pushing = _Pushing(db_path)
    result = asyncio.run(_push(settings, rows, decisions, progress, batch_size, pushing))
    result.decisions_only = decisions_only
    result.decisions_total = len(decisions)
    return result


@dataclass
class PullResult:
    scorecards: int
    requests: int
    merge: MergeSummary


async def _fetch(
    settings: HubSettings,
) -> tuple[dict[str, list[str]], list[dict[str, Any]], int]:
    """Payloads per inbox (each inbox is written only by its owner's token), decisions."""
    payloads: dict[str, list[str]] = {}
    decisions: list[dict[str, Any]] = []
    async with HubClient(settings) as client:
        tables = await client.tables(HUB_NAME)
        for table in sorted(t for t in tables if t.startswith(INBOX_PREFIX)):
            mine = payloads.setdefault(table, [])
            async for page in client.rows(HUB_NAME, table, ("payload",)):
                mine.extend(r["payload"] for r in page)
        if DECISIONS_TABLE in tables:
            async for page in client.rows(HUB_NAME, DECISIONS_TABLE):
                decisions.extend(page)
        return payloads, decisions, client.requests


def _scratch(conn: Any) -> None:
    """A scratch file is thrown away after the merge: no log to write twice, no syncs."""
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")


def pull(settings: HubSettings, output: Path) -> PullResult:
    """Merge every scorecard on the hub into ``output`` (created if missing)."""
    from interview.storage.db import StorageError, open_db

    try:
        payloads, decisions, requests = asyncio.run(_fetch(settings))
    except HubError as exc:
        if exc.status != 403:
            raise
        raise HubError(
            "the hub refused this pull (403): a pull reads every interviewer's inbox and "
            "needs a lead's token (`interview hub token NAME --role lead` on the hub); "
            f"{output} left as it was",
            403,
        ) from None
    with tempfile.TemporaryDirectory(prefix="interview-pull-") as scratch:
        # One scratch file per inbox, as each interviewer's own file would be, so the
        # merge's rule that a file speaks for one interviewer holds for the hub too.
        sources: list[Path] = []
        count = 0
        try:
            for n, (_, inbox) in enumerate(sorted(payloads.items())):
                source = Path(scratch) / f"inbox-{n}.db"
                db = open_db(source)
                try:
                    _scratch(db.conn)
                    with db.conn:
                        count += write_payloads(db.conn, inbox)
                        if n == 0:
                            write_decisions(db.conn, decisions)
                finally:
                    db.conn.close()
                sources.append(source)
            if not sources and decisions:
                source = Path(scratch) / "decisions.db"
                db = open_db(source)
                try:
                    with db.conn:
                        write_decisions(db.conn, decisions)
                finally:
                    db.conn.close()
                sources.append(source)
            summary = merge_databases(sources, output)
        except (PayloadError, StorageError, MergeError) as exc:
            raise HubError(f"{exc}; {output} left as it was") from None
    for entry in summary.sources:
        entry.path = settings.url
    return PullResult(count, requests, summary)


__all__ = ["MAX_ROWS", "PullResult", "PushResult", "local_rows", "pull", "push"]
