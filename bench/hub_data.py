"""A real hub for tests and benchmarks, and interviewers' databases of any size.

``running_hub`` starts ``interview hub serve`` (real Datasette) on 127.0.0.1 on a free
port and stops it afterwards. ``clone_scorecards`` writes ``copies`` renamed copies of
a database's submitted scorecards (fresh ids, candidate codes suffixed with the copy
number) into one interviewer database per interviewer.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from interview.services.hub_payload import SNAPSHOT_PREFIX, scorecard_rows, write_payloads
from interview.services.hub_server import HubDir, issue_token
from interview.storage.db import open_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Hub:
    directory: Path
    port: int
    publish: tuple[Path, ...] = ()
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def token(self, name: str, role: str) -> str:
        return issue_token(HubDir(self.directory), name, role)

    def start(self, timeout: float = 60.0) -> None:
        argv = [
            sys.executable, "-m", "interview", "hub", "serve", str(self.directory),
            "--port", str(self.port), *(a for p in self.publish for a in ("--publish", str(p))),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"hub exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/-/versions.json", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("hub did not start in time")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)  # the serve command and its Datasette child
            self.process.wait(timeout=30)
        self.process = None


@contextmanager
def running_hub(directory: Path, publish: tuple[Path, ...] = ()) -> Iterator[Hub]:
    HubDir(directory).prepare()
    hub = Hub(directory, free_port(), publish)
    hub.start()
    try:
        yield hub
    finally:
        hub.stop()


def clone_scorecards(source: Path, target_dir: Path, copies: int) -> dict[str, Path]:
    """``copies`` renamed copies of ``source``'s submitted scorecards, one database per
    interviewer in ``target_dir``; returns interviewer -> database."""
    db = open_db(source, readonly=True, migrate=False)
    rows = list(scorecard_rows(db.conn))
    db.conn.close()
    by_interviewer: dict[str, list[str]] = {}
    for row in rows:
        if row.id.startswith(SNAPSHOT_PREFIX):  # the content, shared by every copy
            by_interviewer.setdefault(row.interviewer, []).append(row.payload)
    rows = [r for r in rows if not r.id.startswith(SNAPSHOT_PREFIX)]
    for n in range(copies):
        for row in rows:
            text = UUID.sub(
                lambda m, n=n: str(uuid.uuid5(uuid.NAMESPACE_URL, f"{n}:{m[0]}")), row.payload
            )
            body = json.loads(text)
            code = body["candidate"]["code"]
            body["candidate"]["code"] = f"{code}-{n}" if code else ""
            body["candidate"]["name"] = f"{body['candidate']['name']} {n}"
            by_interviewer.setdefault(row.interviewer, []).append(json.dumps(body))
    out: dict[str, Path] = {}
    target_dir.mkdir(parents=True, exist_ok=True)
    for interviewer, payloads in by_interviewer.items():
        path = target_dir / (re.sub(r"\W+", "-", interviewer.lower()) + ".db")
        tdb = open_db(path)
        with tdb.conn:
            write_payloads(tdb.conn, payloads)
        tdb.conn.close()
        out[interviewer] = path
    return out
