"""Keystroke-to-frame latency, with keys typed into a real pseudo-terminal.

Method (the same for the app and the baseline):

- The app runs in its own process (``bench/typing_child.py``) with Textual's normal
  Linux driver on a 120x40 pty, so its input thread, parser, message queue,
  compositor and writer thread all do their real work; nothing runs headless.
- A thread here writes one key at a time into the pty's master side, exactly as a
  terminal emulator does, at a human pace (``interval`` plus random jitter), and notes
  when it wrote it.
- The child logs every terminal write with the editor's text length at that moment.
  A key's frame is the first write after the key was sent whose text includes it; the
  latency is that write's time minus the send time (both ``CLOCK_MONOTONIC``). The
  frame's bytes reaching the terminal side are also timed, as a check.

CPU work on the app's event loop shows up here, because keys arrive from outside
the loop (``pilot.press`` runs on the loop and would hide it).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import random
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import bench_env, percentile

CHILD = Path(__file__).resolve().parent / "typing_child.py"
TYPED = "the quick brown fox jumps over the lazy dog "


class KeysError(RuntimeError):
    pass


@dataclass
class Latencies:
    """Milliseconds from key sent to the first frame showing it, one per key."""

    frame_ms: list[float] = field(default_factory=list)
    terminal_ms: list[float] = field(default_factory=list)
    missed: int = 0
    # Keys whose wait overlapped a garbage collection of 5 ms or more, and the longest one.
    gc_keys: int = 0
    gc_max_ms: float = 0.0
    # Keys whose wait overlapped a layout pass of the screen of 5 ms or more.
    layout_keys: int = 0
    layout_max_ms: float = 0.0
    sent: list[float] = field(default_factory=list)

    def p(self, pct: float) -> float:
        return percentile(self.frame_ms, pct)


class _Drain(threading.Thread):
    """Read everything the app writes (a terminal must, or the app blocks); time it."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd = fd
        self.arrivals: list[float] = []
        self.tail = b""

    def run(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.arrivals.append(time.perf_counter())
            self.tail = (self.tail + chunk)[-4000:]


def type_into(
    target: str,
    *,
    keys: int = 150,
    interval: float = 0.04,
    jitter: float = 0.02,
    arg: str = "",
    seed: int = 1,
    during: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (120, 40),
    timeout: float = 60.0,
    settle: float = 1.0,
) -> Latencies:
    """Type ``keys`` characters into TARGET's editor; see ``typing_child.py`` for targets.

    Typing starts ``settle`` seconds after the editor is ready, so work a screen
    defers just after opening is not counted against the keys.
    ``during`` runs in a thread of this process while keys are typed (e.g. to start
    a stream in the child through a socket it listens on).
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    report_r, report_w = os.pipe()
    stop_r, stop_w = os.pipe()
    child_env = bench_env(TERM="xterm-256color", COLORTERM="truecolor", **(env or {}))
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), target, str(report_w), str(stop_r), arg],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        pass_fds=(report_w, stop_r),
        env=child_env,
        start_new_session=True,
    )
    os.close(slave)
    os.close(report_w)
    os.close(stop_r)
    drain = _Drain(master)
    drain.start()
    report = os.fdopen(report_r, "r")
    sent: list[float] = []
    try:
        line = _readline(report, timeout)
        if not line.startswith("ready"):
            raise KeysError(f"{target}: did not start ({line.strip() or 'no answer'}); "
                            f"screen tail: {_visible(drain.tail)}")  # fmt: skip
        start_len = int(line.split()[1])
        time.sleep(settle)
        rng = random.Random(seed)
        if during is not None:
            threading.Thread(target=during, daemon=True).start()
        for i in range(keys):
            time.sleep(interval + rng.uniform(0, jitter))
            sent.append(time.perf_counter())
            os.write(master, TYPED[i % len(TYPED)].encode())
        time.sleep(0.3)
    finally:
        os.close(stop_w)
        result_line = _readline(report, 20)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(master)
        report.close()
    result = json.loads(result_line) if result_line.startswith("{") else {}
    if result.get("errors"):
        raise KeysError(f"{target}: {result['errors'][0]}")
    out = _match(sent, result.get("frames", []), start_len, drain.arrivals)
    _attribute_gc(out, sent, result.get("gc", []))
    _attribute_layouts(out, sent, result.get("layouts", []))
    return out


def _overlapping(
    out: Latencies, sent: list[float], pauses: list[tuple[float, float]]
) -> tuple[int, float]:
    """Keys whose wait overlapped one of ``pauses`` (start, end), and the longest pause."""
    longest = max((b - a for a, b in pauses), default=0.0) * 1000
    hit = 0
    for t_sent, ms in zip(sent, out.frame_ms, strict=False):
        t_end = t_sent + ms / 1000
        if any(a < t_end and b > t_sent for a, b in pauses):
            hit += 1
    return hit, longest


def _attribute_layouts(out: Latencies, sent: list[float], layouts: list[list[float]]) -> None:
    pauses = [(a, a + d) for a, d in layouts if a >= sent[0] and d >= 0.005]
    out.layout_keys, out.layout_max_ms = _overlapping(out, sent, pauses)


def _attribute_gc(out: Latencies, sent: list[float], collections: list[list[float]]) -> None:
    out.sent = sent
    # Young-generation collections are frequent and take microseconds: count real pauses.
    pauses = [
        (start, start + seconds)
        for start, seconds, _gen in collections
        if start >= sent[0] and seconds >= 0.005
    ]
    out.gc_keys, out.gc_max_ms = _overlapping(out, sent, pauses)


def _match(
    sent: list[float], frames: list[list[float]], start_len: int, arrivals: list[float]
) -> Latencies:
    out = Latencies()
    j = 0
    a = 0
    for k, t_sent in enumerate(sent):
        want = start_len + k + 1
        while j < len(frames) and (frames[j][0] < t_sent or frames[j][1] < want):
            j += 1
        if j == len(frames):
            out.missed += 1
            continue
        t_frame = frames[j][0]
        out.frame_ms.append((t_frame - t_sent) * 1000)
        while a < len(arrivals) and arrivals[a] < t_frame:
            a += 1
        if a < len(arrivals):
            out.terminal_ms.append((arrivals[a] - t_sent) * 1000)
    return out


def _readline(fh: object, timeout: float) -> str:
    """Read one line from a pipe with a timeout (the child may hang or die)."""
    import select

    assert hasattr(fh, "readline") and hasattr(fh, "fileno")
    ready, _, _ = select.select([fh], [], [], timeout)
    return str(fh.readline()) if ready else ""


def _visible(data: bytes) -> str:
    import re

    text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b\][^\x07]*\x07", b" ", data)
    return " ".join(text.decode(errors="replace").split())[-300:]
