"""Session leases: which app instance may write a session (SQL only; see services.lease)."""

from __future__ import annotations

from dataclasses import dataclass

from interview.storage.db import Database, StorageError


class TakenOver(StorageError):
    """This instance no longer holds the session's lease: another one took it over."""


@dataclass(frozen=True, slots=True)
class Holder:
    owner: str
    label: str
    heartbeat: float  # Unix seconds of the holder's last sign of life


def holder(db: Database, session_id: str) -> Holder | None:
    row = db.execute(
        "SELECT owner, label, heartbeat FROM session_leases WHERE session_id = ?", [session_id]
    ).fetchone()
    return Holder(str(row[0]), str(row[1]), float(row[2])) if row else None


def claim(
    db: Database,
    session_id: str,
    owner: str,
    label: str,
    now: float,
    *,
    stale_after: float,
    force: bool = False,
    wait_ms: int = 1000,
) -> Holder | None:
    """Take the lease unless another live instance holds it; returns that holder, if so.

    Read and write happen in one write transaction, so two instances claiming at once
    cannot both win. Waits at most ``wait_ms`` for another program's write lock.
    """
    (previous,) = db.execute("PRAGMA busy_timeout").fetchone()
    db.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")  # opening must not stall on a lock
    try:
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            current = holder(db, session_id)
            if (
                current is not None
                and current.owner != owner
                and now - current.heartbeat < stale_after
                and not force
            ):
                return current
            hold(db, session_id, owner, label, now)
        return None
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(previous)}")


def check(db: Database, session_id: str, owner: str) -> None:
    """Inside a write transaction: refuse to go on unless ``owner`` holds the lease (or
    nobody does)."""
    current = holder(db, session_id)
    if current is not None and current.owner != owner:
        where = f" ({current.label})" if current.label else ""
        raise TakenOver(f"this session was taken over by another interview window{where}")


def hold(db: Database, session_id: str, owner: str, label: str, now: float) -> None:
    """Inside a write transaction that passed ``check``: hold the lease, with a heartbeat."""
    db.execute(
        "INSERT INTO session_leases(session_id, owner, label, heartbeat) VALUES (?,?,?,?) "
        "ON CONFLICT(session_id) DO UPDATE SET owner = excluded.owner, "
        "label = excluded.label, heartbeat = excluded.heartbeat",
        [session_id, owner, label, now],
    )


def release(db: Database, session_id: str, owner: str) -> None:
    with db.conn:
        db.execute(
            "DELETE FROM session_leases WHERE session_id = ? AND owner = ?", [session_id, owner]
        )
