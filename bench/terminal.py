"""Time a program's first useful screen in a real terminal (tmux, 120x40).

Method, identical for the app and its baselines:

1. A private tmux server (own socket, no user config, status bar off) starts a pane of
   120x40 running ``_gate.py``, which waits on a FIFO before starting the program.
2. ``tmux pipe-pane`` copies everything the program writes to the terminal into a
   second FIFO that a reader thread here consumes.
3. The clock starts when the gate opens; it stops when the bytes written to the
   terminal contain the expected text. tmux receives exactly these bytes, so this is
   when a real terminal would draw it. ``capture-pane`` then confirms the text is on
   the screen.
4. Peak RSS comes from ``wait4`` on the program (``ru_maxrss``) after it quits: the
   program is sent ``quit_keys`` after a settle time, so anything it loads just after
   its first frame counts too (a program that quits by itself needs neither).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench.common import bench_env

GATE = Path(__file__).resolve().parent / "_gate.py"
TMUX_CONF = "set -g status off\nset -g default-terminal tmux-256color\nset -g escape-time 0\n"


class TerminalError(RuntimeError):
    pass


@dataclass(frozen=True)
class ScreenTiming:
    seconds: float
    peak_rss_mb: float | None
    screen: str


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


class _Reader(threading.Thread):
    def __init__(self, fifo: Path, marker: bytes) -> None:
        super().__init__(daemon=True)
        self.fifo = fifo
        self.marker = marker
        self.opened = threading.Event()
        self.found = threading.Event()
        self.found_at = 0.0
        self.data = bytearray()

    def run(self) -> None:
        fd = os.open(self.fifo, os.O_RDONLY)
        self.opened.set()
        try:
            while True:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return
                start = max(0, len(self.data) - len(self.marker))
                self.data += chunk
                if not self.found.is_set() and self.data.find(self.marker, start) >= 0:
                    self.found_at = time.perf_counter()
                    self.found.set()
        finally:
            os.close(fd)


class Tmux:
    """A private tmux server for one benchmark; ``close()`` kills it."""

    def __init__(self) -> None:
        if not tmux_available():
            raise TerminalError("tmux is not installed")
        self.dir = Path(tempfile.mkdtemp(prefix="interview-bench-tmux-"))
        self.socket = f"interview-bench-{uuid.uuid4().hex[:8]}"
        conf = self.dir / "tmux.conf"
        conf.write_text(TMUX_CONF)
        self.conf = conf

    def cmd(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.conf), *args],
            capture_output=True,
            text=True,
            check=False,
            env=bench_env(),
        )
        if check and proc.returncode != 0:
            raise TerminalError(f"tmux {args[0]}: {proc.stderr.strip()}")
        return proc.stdout

    def _new_session(self, *args: str) -> None:
        # A fresh tmux server occasionally exits while starting on a busy machine: retry.
        for attempt in range(3):
            try:
                self.cmd(*args)
                return
            except TerminalError:
                if attempt == 2:
                    raise
                time.sleep(0.5)

    def close(self) -> None:
        self.cmd("kill-server", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def first_screen(
        self,
        command: list[str],
        marker: str,
        *,
        env: dict[str, str] | None = None,
        settle: float = 0.0,
        quit_keys: str | None = None,
        timeout: float = 30.0,
        size: tuple[int, int] = (120, 40),
    ) -> ScreenTiming:
        """Seconds from start until ``marker`` reaches the terminal, and peak RSS.

        ``env`` holds only the variables to add to a clean environment.
        """
        run = uuid.uuid4().hex[:8]
        gate, pipe, result = (self.dir / f"{run}.{n}" for n in ("gate", "pipe", "rss"))
        os.mkfifo(gate)
        os.mkfifo(pipe)
        reader = _Reader(pipe, marker.encode())
        reader.start()
        name = f"b{run}"
        env_args = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
        self._new_session(
            "new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), *env_args,
            _shell_join([sys.executable, "-S", str(GATE), str(gate), str(result), *command]),
        )  # fmt: skip
        try:
            self.cmd("pipe-pane", "-t", name, f"cat > {pipe}")
            if not reader.opened.wait(5):
                raise TerminalError("tmux pipe-pane did not start")
            start = time.perf_counter()
            with open(gate, "wb") as fh:
                fh.write(b"go")
            if not reader.found.wait(timeout):
                screen = self.cmd("capture-pane", "-p", "-t", name, check=False)
                raise TerminalError(
                    f"{marker!r} not shown within {timeout:.0f}s; screen:\n{screen.rstrip()}"
                )
            seconds = reader.found_at - start
            screen = self.cmd("capture-pane", "-p", "-t", name, check=False)
            if settle:
                time.sleep(settle)
            if quit_keys:
                self.cmd("send-keys", "-t", name, quit_keys, check=False)
            rss = _wait_result(result, 10.0)
            return ScreenTiming(seconds, rss, screen)
        finally:
            self.cmd("kill-session", "-t", name, check=False)
            reader.join(2)


def _wait_result(result: Path, timeout: float) -> float | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result.exists():
            _pid, maxrss_kb, _status = result.read_text().split()
            return int(maxrss_kb) / 1024
        time.sleep(0.02)
    return None


def _shell_join(args: list[str]) -> str:
    import shlex

    return " ".join(shlex.quote(a) for a in args)
