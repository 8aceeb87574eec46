"""`interview serve`: practice mode in a browser through textual-serve, on loopback by default."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.commands.serve import app_command, is_loopback
from tests.browser import chromium, free_port, visit


def test_loopback_detection() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.5"):
        assert is_loopback(host)
    for host in ("0.0.0.0", "192.168.1.10", "example.com", "::"):
        assert not is_loopback(host)


def test_practice_only_unless_all(tmp_path: Path) -> None:
    assert app_command(tmp_path / "x.db", everything=False).endswith(" practice --only")
    assert "practice" not in app_command(None, everything=True)


def test_bad_port_is_a_usage_error() -> None:
    out = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert out.exit_code == 2 and "Traceback" not in out.output


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    port = free_port()
    env = {**os.environ, "INTERVIEW_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "interview", "serve", "--port", str(port), "--db",
         str(tmp_path / "practice.db")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                page = r.read().decode()
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"server did not start: {proc.stderr.read() if proc.stderr else ''}")
    yield url, page, proc
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_serves_on_loopback_and_prints_the_address(server) -> None:  # type: ignore[no-untyped-def]
    url, page, proc = server
    assert url.replace("http://", "ws://") + "ws" in page or "/ws" in page
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    assert f"serving practice mode at {url.rstrip('/')}" in err


def test_non_loopback_host_warns_there_is_no_authentication() -> None:
    # --port 1 on 0.0.0.0 fails to bind as an unprivileged user or runs as root: either way
    # the warning comes first; the process is stopped at once.
    proc = subprocess.Popen(
        [sys.executable, "-m", "interview", "serve", "--host", "0.0.0.0", "--port",
         str(free_port())],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    time.sleep(3)
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    assert "textual-serve has no authentication" in err


@pytest.mark.skipif(chromium() is None, reason="needs Debian's chromium (apt-get install chromium)")
async def test_practice_screen_renders_in_headless_chromium(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _, _ = server
    seen = await visit(url, until="Rehearse alone")
    assert "Rehearse alone" in seen.received_text
    assert "Practice" in seen.received_text
    (tmp_path / "practice-in-browser.png").write_bytes(seen.screenshot)
    assert seen.screenshot.startswith(b"\x89PNG")


@pytest.mark.parametrize("command", [["serve"], ["hub", "serve", "hub-dir"]])
def test_a_port_already_taken_is_one_line_before_any_server_starts(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = CliRunner().invoke(cli, [*command, "--port", str(port)])
    assert out.exit_code == 1, out.output
    assert out.output == (
        f"error: 127.0.0.1:{port} is already in use (another server?) — pick another --port\n"
    )


def test_the_served_app_gets_the_same_content_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`interview --no-bundled --bank B serve`: every browser tab runs with B alone."""
    import textual_serve.server

    started: list[str] = []

    class FakeServer:
        public_url = "http://127.0.0.1:1"

        def __init__(self, command: str, **kwargs: object) -> None:
            started.append(command)

        def serve(self) -> None:
            pass

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    bank = tmp_path / "bank"
    args = ["--no-bundled", "--bank", str(bank), "--rubric", str(bank), "serve", "--port"]
    out = CliRunner().invoke(cli, [*args, str(free_port()), "--db", str(tmp_path / "p.db")])
    assert out.exit_code == 0, out.output
    (command,) = started
    assert f"--bank {bank.resolve()} --rubric {bank.resolve()} --no-bundled" in command
    assert command.endswith(" practice --only")
