"""One session, one writer: the app instance that has a session open holds its lease.

A second instance opening the same session is told who holds it, and opens it read
only or takes it over; the first then finds its next write refused (see
``services.autosave``) and turns read only, so its older copy of the notes never
overwrites the newer one. A lease whose holder has shown no sign of life for
``STALE_AFTER`` seconds, or whose process on this machine is gone (killed), is taken
without asking.
"""

from __future__ import annotations

import os
import re
import socket
import time
import uuid

from interview.storage import leases
from interview.storage.leases import Holder, TakenOver
from interview.storage.repository import Repository

STALE_AFTER = 30.0  # seconds without a heartbeat: the holder is gone
HEARTBEAT_SECONDS = 5  # how often an open session shows a sign of life

__all__ = [
    "HEARTBEAT_SECONDS",
    "STALE_AFTER",
    "Holder",
    "TakenOver",
    "claim",
    "describe",
    "holder",
    "new_owner",
    "this_process",
]


def new_owner() -> str:
    """An id for one app instance (one per start)."""
    return uuid.uuid4().hex


def this_process() -> str:
    return f"pid {os.getpid()} on {socket.gethostname()}"


def holder(repo: Repository, session_id: str) -> Holder | None:
    return leases.holder(repo.db, session_id)


def claim(
    repo: Repository, session_id: str, owner: str, *, take_over: bool = False
) -> Holder | None:
    """Hold the session for writing; returns the other live holder instead, if any."""
    found = leases.claim(
        repo.db,
        session_id,
        owner,
        this_process(),
        time.time(),
        stale_after=STALE_AFTER,
        force=take_over,
    )
    if found is not None and _gone(found):  # killed or crashed on this machine
        return leases.claim(repo.db, session_id, owner, this_process(), time.time(),
                            stale_after=STALE_AFTER, force=True)  # fmt: skip
    return found


def _gone(found: Holder) -> bool:
    """The holder is a process on this machine that no longer runs."""
    match = re.fullmatch(r"pid (\d+) on (.+)", found.label)
    if match is None or match[2] != socket.gethostname():
        return False
    try:
        os.kill(int(match[1]), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):
        return False
    return False


def describe(found: Holder, now: float | None = None) -> str:
    ago = max(0, round((time.time() if now is None else now) - found.heartbeat))
    where = f" ({found.label})" if found.label else ""
    return f"open in another interview window{where}, last active {ago} s ago"
