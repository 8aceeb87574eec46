"""Headless Chromium driven over the DevTools protocol (aiohttp only), for browser tests."""

from __future__ import annotations

import asyncio
import base64
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from typing import Any

import aiohttp


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PageVisit:
    screenshot: bytes = b""
    frames: list[bytes] = field(default_factory=list)  # websocket frames the page received

    @property
    def received_text(self) -> str:
        return b"".join(self.frames).decode("utf-8", "replace")


async def visit(url: str, *, until: str, timeout: float = 30.0) -> PageVisit:
    """Open ``url``, wait until the page's websockets have carried ``until``, screenshot."""
    exe = chromium()
    assert exe, "chromium is not installed"
    port = free_port()
    profile = tempfile.mkdtemp(prefix="interview-chromium-")
    proc = subprocess.Popen(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={port}",
         f"--user-data-dir={profile}", "--window-size=1200,800", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    result = PageVisit()
    try:
        async with aiohttp.ClientSession() as http:
            tabs: list[dict[str, Any]] = []
            for _ in range(100):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/json") as r:
                        tabs = await r.json()
                    break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
            page = next(t for t in tabs if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                ids = iter(range(1, 10**6))
                replies: dict[int, asyncio.Future[dict[str, Any]]] = {}
                seen = asyncio.Event()

                async def pump() -> None:
                    async for msg in ws:
                        data = msg.json()
                        if "id" in data and data["id"] in replies:
                            replies.pop(data["id"]).set_result(data.get("result", {}))
                        elif data.get("method") == "Network.webSocketFrameReceived":
                            frame = data["params"]["response"]
                            payload = frame["payloadData"]
                            raw = (
                                base64.b64decode(payload)
                                if frame.get("opcode") == 2
                                else payload.encode()
                            )
                            result.frames.append(raw)
                            if until in result.received_text:
                                seen.set()

                async def call(method: str, **params: Any) -> dict[str, Any]:
                    mid = next(ids)
                    replies[mid] = asyncio.get_running_loop().create_future()
                    await ws.send_json({"id": mid, "method": method, "params": params})
                    return await asyncio.wait_for(replies[mid], 10)

                pumping = asyncio.create_task(pump())
                await call("Network.enable")
                await call("Page.enable")
                await call("Page.navigate", url=url)
                try:
                    await asyncio.wait_for(seen.wait(), timeout)
                    await asyncio.sleep(1.0)  # let the terminal paint what arrived
                finally:
                    shot = await call("Page.captureScreenshot", format="png")
                    result.screenshot = base64.b64decode(shot["data"])
                    pumping.cancel()
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return result
