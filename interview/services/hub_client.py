"""A small async client for the hub's Datasette JSON API (read pages, upsert batches).

Timeouts on every request, a bounded number of retries for the failures that are
worth retrying (connection refused or reset, time-outs, 5xx), and one-line errors
that say what went wrong. The token travels in the Authorization header only: it is
never part of a URL, an error message or a log line.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

TOKEN_ENV = "INTERVIEW_HUB_TOKEN"
URL_ENV = "INTERVIEW_HUB_URL"
TIMEOUT_ENV = "INTERVIEW_HUB_TIMEOUT"  # seconds per request (default 10)
RETRIES = 3
BACKOFF = 0.3  # seconds, doubled per retry


class HubError(Exception):
    """The hub could not be reached or refused a request; one line with the cause."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status of a refusal (0: no answer)


@dataclass(frozen=True)
class HubSettings:
    url: str
    token: str
    timeout: float = 10.0


def _config_file() -> Any:
    from interview import paths

    return paths.config_dir() / "hub.toml"


def resolve(url: str | None, token: str | None = None) -> HubSettings:
    """Hub URL and token from the options, the environment, then ``hub.toml`` in the
    config folder (``url = …``, ``token = …``). The token is never stored elsewhere."""
    conf: dict[str, Any] = {}
    file = _config_file()
    if file.exists():
        import tomllib

        try:
            conf = tomllib.loads(file.read_text())
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise HubError(f"{file}: unreadable ({exc})") from None
    for key, kinds in (("url", (str,)), ("token", (str,)), ("timeout", (int, float, str))):
        value = conf.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, kinds)):
            what = "a number of seconds" if key == "timeout" else "a quoted string"
            raise HubError(f"{file}: {key} must be {what}, not {value!r}")
    url = url or os.environ.get(URL_ENV) or conf.get("url") or ""
    token = token or os.environ.get(TOKEN_ENV) or conf.get("token") or ""
    if not url:
        raise HubError(f"no hub URL: pass --hub URL, set {URL_ENV} or url in {file}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HubError(f"{url!r} is not a hub URL (expected http://host:port)")
    if not token:
        raise HubError(
            f"no hub token: set {TOKEN_ENV} or token in {file} (ask the hub's lead for one)"
        )
    raw_timeout = os.environ.get(TIMEOUT_ENV)
    where = TIMEOUT_ENV if raw_timeout else f"{file}: timeout"
    try:
        timeout = float(raw_timeout or conf.get("timeout") or 10)
    except ValueError:
        raise HubError(f"{where} must be a number of seconds") from None
    return HubSettings(url.rstrip("/"), str(token), timeout)


@dataclass
class HubClient:
    settings: HubSettings
    requests: int = 0
    _client: Any = field(default=None, repr=False)

    async def __aenter__(self) -> HubClient:
        import httpx2 as httpx

        self._client = httpx.AsyncClient(
            base_url=self.settings.url,
            headers={"Authorization": f"Bearer {self.settings.token}"},
            timeout=httpx.Timeout(self.settings.timeout),
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        import httpx2 as httpx

        where = f"{self.settings.url}{path.split('?')[0]}"
        last = ""
        for attempt in range(RETRIES):
            if attempt:
                await asyncio.sleep(BACKOFF * 2 ** (attempt - 1))
            self.requests += 1
            try:
                response = await self._client.request(method, path, **kwargs)
            except httpx.TimeoutException:
                last = f"hub {self.settings.url} did not answer within {self.settings.timeout:g}s"
                continue
            except httpx.TransportError as exc:
                last = f"hub {self.settings.url} unreachable ({exc.__class__.__name__}: {exc})"
                continue
            if response.status_code >= 500:
                last = f"hub error {response.status_code} at {where}"
                continue
            return self._check(response, where)
        raise HubError(f"{last} (after {RETRIES} attempts)")

    @staticmethod
    def _check(response: Any, where: str) -> Any:
        try:
            body = response.json()
        except ValueError:
            body = {}
        message = ""
        if isinstance(body, dict):
            message = str(body.get("error") or "; ".join(map(str, body.get("errors") or [])))
        code = response.status_code
        if code == 401:
            raise HubError(f"the hub rejected the token (401: {message or 'invalid token'})", 401)
        if code == 403:
            raise HubError(
                f"the hub refused {where} for this token (403: {message or 'forbidden'})", 403
            )
        if code == 404:
            raise HubError(f"the hub has no {where} (404)", 404)
        if code >= 400:
            raise HubError(
                f"the hub refused {where} ({code}: {message or response.reason_phrase})", code
            )
        if not isinstance(body, dict):
            raise HubError(f"the hub sent an unexpected answer from {where}")
        return body

    async def tables(self, database: str) -> list[str]:
        """Table names, read from ``sqlite_master`` (a token that may run SQL): the
        server's own table list can lag behind tables created while it runs."""
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        body = await self._send("GET", f"/{database}/-/query.json", params={"sql": sql})
        return [r["name"] for r in body.get("rows", [])]

    async def rows(
        self, database: str, table: str, columns: tuple[str, ...] = ()
    ) -> AsyncIterator[list[dict[str, Any]]]:
        """Every row of a table, a page (up to the server's maximum) at a time."""
        params: list[tuple[str, str]] = [("_size", "max"), ("_nocount", "1")]
        params += [("_col", c) for c in columns]
        next_token: str | None = None
        while True:
            page = params + ([("_next", next_token)] if next_token else [])
            body = await self._send("GET", f"/{database}/{table}.json", params=page)
            yield list(body.get("rows", []))
            next_token = body.get("next")
            if not next_token:
                return

    async def actor(self) -> dict[str, Any]:
        """Who the hub takes this token for, with its restrictions (``_r``)."""
        body = await self._send("GET", "/-/actor.json")
        actor = body.get("actor")
        return actor if isinstance(actor, dict) else {}

    async def upsert(self, database: str, table: str, rows: list[dict[str, Any]]) -> None:
        await self._send("POST", f"/{database}/{table}/-/upsert", json={"rows": rows})
