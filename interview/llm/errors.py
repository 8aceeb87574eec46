"""Why an LLM call failed, in words an interviewer can act on."""

from __future__ import annotations

from enum import StrEnum


class Cause(StrEnum):
    NO_KEY = "no key"
    AUTH = "auth refused"
    RATE_LIMITED = "rate limited"
    TIMEOUT = "timed out"
    SERVER = "server error"
    UNREADABLE = "unreadable reply"
    CIRCUIT_OPEN = "circuit open"
    CONNECT = "cannot connect"
    REJECTED = "request rejected"
    NOT_FOUND = "not found"
    CONFIG = "bad setting"
    FAILED = "failed"


# Failures that say nothing about the endpoint's health do not count towards the breaker.
NOT_COUNTED = frozenset({Cause.NO_KEY, Cause.CIRCUIT_OPEN, Cause.CONFIG})


class LLMError(Exception):
    """A failed call. ``message`` is one line, safe to show: it never holds the key."""

    def __init__(self, cause: Cause, detail: str, *, partial: str = "") -> None:
        self.cause = cause
        self.detail = " ".join(detail.split())[:160]
        self.partial = partial
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.cause}: {self.detail}" if self.detail else str(self.cause)
