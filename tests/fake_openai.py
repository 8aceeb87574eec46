"""A small fake OpenAI-compatible server on 127.0.0.1 for tests and benchmarks.

It answers ``POST .../chat/completions`` with a streamed (SSE) reply shaped by a
scenario, and records every request's headers and JSON body so tests can check
what left the machine. Stdlib only: ``http.server`` in a background thread.

Scenarios (``FakeOpenAI(scenario=...)``, or ``script=[...]`` for one per request):

- ``normal``: the reply streamed word by word, ``finish_reason == "stop"``, usage, ``[DONE]``
- ``slow_first_token``: headers at once, first token after ``first_token_delay`` seconds
- ``hang``: accepts the request and never answers (until the server stops)
- ``rate_limited``: 429 with ``Retry-After: <retry_after>``
- ``server_error``: 500 with a JSON error body
- ``auth_error``: 401 with a JSON error body
- ``not_found``: 404 (unknown model)
- ``malformed_json``: a stream event whose data is cut-off JSON
- ``cut_midway``: a few tokens, then a clean end of body: no finish_reason, no ``[DONE]``
- ``reset_midway``: a few tokens, then the connection is dropped mid-chunk
- ``wrong_shape``: valid JSON events that are not chat-completion chunks
- ``error_event``: a few tokens, then ``{"error": {...}}`` in the stream
- ``empty``: a stream that finishes with no content at all
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_REPLY = (
    "FOLLOW-UP: What happens if the client retries the same request after a timeout?"
    " | WHY: checks idempotency\n"
    "FOLLOW-UP: How would you find out whether the provider charged the card?"
    " | WHY: unknown outcome\n"
    "FOLLOW-UP: Which states does a payment go through, and who moves it between them?"
    " | WHY: state machine\n"
)

SCENARIOS = (
    "normal",
    "slow_first_token",
    "hang",
    "rate_limited",
    "server_error",
    "auth_error",
    "not_found",
    "malformed_json",
    "cut_midway",
    "reset_midway",
    "wrong_shape",
    "error_event",
    "empty",
)


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    raw_body: bytes
    scenario: str

    @property
    def body(self) -> Any:
        try:
            return json.loads(self.raw_body or b"null")
        except json.JSONDecodeError:
            return None


@dataclass
class FakeOpenAI:
    scenario: str = "normal"
    reply: str = DEFAULT_REPLY
    model: str = "fake-model"
    # Seconds between streamed tokens (0.02 is about 50 tokens/s).
    token_delay: float = 0.0
    first_token_delay: float = 1.0
    retry_after: float = 1
    # Tokens sent before a cut, reset or error event.
    tokens_before_fault: int = 4
    # One scenario per request, consumed in order; then ``scenario`` applies.
    script: list[str] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    tokens_sent: int = 0  # content tokens streamed so far, over all requests

    def __post_init__(self) -> None:
        for name in (self.scenario, *self.script):
            if name not in SCENARIOS:
                raise ValueError(f"unknown scenario {name!r}; use one of {', '.join(SCENARIOS)}")
        self._script: deque[str] = deque(self.script)
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeOpenAI:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        server = _QuietServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-openai",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the server first"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def set_scenario(self, scenario: str, *script: str) -> None:
        for name in (scenario, *script):
            if name not in SCENARIOS:
                raise ValueError(f"unknown scenario {name!r}")
        with self._lock:
            self.scenario = scenario
            self._script = deque(script)

    def next_scenario(self) -> str:
        with self._lock:
            return self._script.popleft() if self._script else self.scenario

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def everything_received(self) -> str:
        """All headers and bodies received, as one text (for leak checks)."""
        with self._lock:
            parts = [
                json.dumps(r.headers) + "\n" + r.raw_body.decode("utf-8", "replace")
                for r in self.requests
            ]
        return "\n".join(parts)

    def bodies_received(self) -> str:
        with self._lock:
            return "\n".join(r.raw_body.decode("utf-8", "replace") for r in self.requests)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up mid-stream is what these tests do on purpose


def tokens(text: str) -> list[str]:
    """Split a reply into word-sized tokens that join back to the exact text."""
    return re.findall(r"\S+\s*|\s+", text)


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeOpenAI
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    # ------------------------------------------------------------ routing

    def do_GET(self) -> None:
        fake = self.server_fake
        self._record(b"", "models")
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": fake.model, "object": "model"}]})
        else:
            self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

    def do_POST(self) -> None:
        fake = self.server_fake
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._record(raw, "unknown-path")
            self._json(404, {"error": {"message": "unknown path", "type": "invalid_request_error"}})
            return
        scenario = fake.next_scenario()
        self._record(raw, scenario)
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            body = {}
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        getattr(self, "_" + scenario)(include_usage)

    def _record(self, raw: bytes, scenario: str) -> None:
        self.server_fake.record(
            RecordedRequest(
                method=self.command,
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                raw_body=raw,
                scenario=scenario,
            )
        )

    # ------------------------------------------------------------ plain responses

    def _json(self, status: int, payload: object, headers: Iterable[tuple[str, str]] = ()) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, kind: str, **headers: str) -> None:
        self._json(
            status,
            {"error": {"message": message, "type": kind, "code": None}},
            headers=[(k.replace("_", "-"), v) for k, v in headers.items()],
        )

    # ------------------------------------------------------------ streaming helpers

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        self.wfile.flush()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _event(self, payload: object | str) -> None:
        text = payload if isinstance(payload, str) else json.dumps(payload)
        self._chunk(f"data: {text}\n\n".encode())

    def _end_body(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()
        self.close_connection = True

    def _delta(self, delta: dict[str, object], finish: str | None = None) -> dict[str, object]:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 1700000000,
            "model": self.server_fake.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server is stopping; False when it is."""
        return not self.server_fake.stopping.wait(seconds) if seconds > 0 else True

    def _stream_tokens(self, pieces: list[str]) -> bool:
        fake = self.server_fake
        for piece in pieces:
            if not self._sleep(fake.token_delay):
                return False
            self._event(self._delta({"content": piece}))
            with fake._lock:
                fake.tokens_sent += 1
        return True

    def _finish(self, include_usage: bool, completion_tokens: int) -> None:
        self._event(self._delta({}, finish="stop"))
        if include_usage:
            self._event(
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion.chunk",
                    "created": 1700000000,
                    "model": self.server_fake.model,
                    "choices": [],
                    "usage": {
                        "prompt_tokens": 120,
                        "completion_tokens": completion_tokens,
                        "total_tokens": 120 + completion_tokens,
                    },
                }
            )
        self._event("[DONE]")
        self._end_body()

    # ------------------------------------------------------------ scenarios

    def _normal(self, include_usage: bool) -> None:
        pieces = tokens(self.server_fake.reply)
        self._start_stream()
        self._event(self._delta({"role": "assistant", "content": ""}))
        if self._stream_tokens(pieces):
            self._finish(include_usage, len(pieces))

    def _slow_first_token(self, include_usage: bool) -> None:
        pieces = tokens(self.server_fake.reply)
        self._start_stream()
        if not self._sleep(self.server_fake.first_token_delay):
            return
        if self._stream_tokens(pieces):
            self._finish(include_usage, len(pieces))

    def _hang(self, include_usage: bool) -> None:
        self.server_fake.stopping.wait(600)
        self.close_connection = True

    def _rate_limited(self, include_usage: bool) -> None:
        self._error(
            429,
            "Rate limit reached for requests",
            "requests",
            retry_after=f"{self.server_fake.retry_after:g}",
        )

    def _server_error(self, include_usage: bool) -> None:
        self._error(500, "The server had an error while processing your request.", "server_error")

    def _auth_error(self, include_usage: bool) -> None:
        self._error(401, "Incorrect API key provided.", "invalid_request_error")

    def _not_found(self, include_usage: bool) -> None:
        self._error(
            404, f"The model '{self.server_fake.model}' does not exist", "invalid_request_error"
        )

    def _malformed_json(self, include_usage: bool) -> None:
        self._start_stream()
        self._event(self._delta({"role": "assistant", "content": ""}))
        self._event('{"id": "chatcmpl-fake", "choices": [{"delta": {"content": "FOLLOW')
        self._end_body()

    def _cut_midway(self, include_usage: bool) -> None:
        pieces = tokens(self.server_fake.reply)[: self.server_fake.tokens_before_fault]
        self._start_stream()
        if self._stream_tokens(pieces):
            self._end_body()  # a clean end of body: no finish_reason, no [DONE]

    def _reset_midway(self, include_usage: bool) -> None:
        pieces = tokens(self.server_fake.reply)[: self.server_fake.tokens_before_fault]
        self._start_stream()
        if self._stream_tokens(pieces):
            self.wfile.write(b'40\r\ndata: {"trunc')  # a chunk that never completes
            self.wfile.flush()
            self.close_connection = True

    def _wrong_shape(self, include_usage: bool) -> None:
        self._start_stream()
        self._event({"result": "FOLLOW-UP: something", "status": "ok"})
        self._event({"choices": "not a list"})
        self._event("[DONE]")
        self._end_body()

    def _error_event(self, include_usage: bool) -> None:
        pieces = tokens(self.server_fake.reply)[: self.server_fake.tokens_before_fault]
        self._start_stream()
        if self._stream_tokens(pieces):
            self._event({"error": {"message": "The model is overloaded", "type": "server_error"}})
            self._end_body()

    def _empty(self, include_usage: bool) -> None:
        self._start_stream()
        self._event(self._delta({"role": "assistant", "content": ""}))
        self._finish(include_usage, 0)


async def wait_for_requests(fake: FakeOpenAI, count: int, timeout: float = 5.0) -> bool:
    """Wait until the server has seen ``count`` requests (for tests that race a worker).

    Awaits rather than sleeps, so the app under test (on the same event loop) can send
    the request meanwhile.
    """
    import asyncio

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(fake.requests) >= count:
            return True
        await asyncio.sleep(0.01)
    return False
