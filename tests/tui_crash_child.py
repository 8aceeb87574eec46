"""Drives the real app headless against a database file, for the SIGKILL test.

Usage: python tests/tui_crash_child.py DB_PATH

Prints ``SESSION <id>`` once the interview is open and ``SAVED <text>`` each time the
database holds the notes typed so far, then keeps typing until it is killed.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interview.tui.app import build_app  # noqa: E402
from tests.tui_support import Monotonic, make_services, seed_session  # noqa: E402


def stored_notes(db: Path, session_id: str) -> str | None:
    conn = sqlite3.connect(db, timeout=10)
    try:
        row = conn.execute(
            "SELECT notes FROM answers WHERE session_id = ? AND position = 1", [session_id]
        ).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


async def main(db: Path) -> None:
    clock = Monotonic()
    services = make_services(db, monotonic=clock)
    live = seed_session(services, name="Ada Lovelace")
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        await pilot.press("n", "2", "z")  # question 2: a signal and a probe
        clock.advance(65)  # 1:05 on both clocks before the notes are typed
        print(f"SESSION {live.id}", flush=True)
        typed = ""
        await pilot.press("i")
        for burst in ("idempotency key first", " then retries", " and a ledger"):
            await pilot.press(*burst)
            typed += burst
            for _ in range(100):
                if stored_notes(db, live.id) == typed:
                    break
                await pilot.pause(0.05)
            print(f"SAVED {typed}", flush=True)
        await pilot.press(*" unsaved tail")
        print("TYPED", flush=True)
        await asyncio.sleep(60)  # the test kills the process long before this


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
