"""Where the LLM endpoint, model and key come from, and the limits every call obeys.

Precedence, lowest to highest (documented in ``interview llm check --help``):

- model:    ``[llm] model`` in config.toml  <  ``INTERVIEW_LLM_MODEL``  <  ``--model``
- base URL: ``[llm] base_url`` in config.toml  <  ``OPENAI_BASE_URL``  <  ``--base-url``
- API key:  ``OPENAI_API_KEY`` only (never a file, never a flag, never stored)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from interview.config import Config

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
MODEL_ENV = "INTERVIEW_LLM_MODEL"
KEY_ENV = "OPENAI_API_KEY"
BASE_URL_ENV = "OPENAI_BASE_URL"


@dataclass(frozen=True, slots=True)
class Limits:
    """Time and retry budget of one call. The app enforces these itself: the openai
    client's own timeout is per read and its retry sleeps ignore it."""

    connect: float = 5.0  # seconds to open the connection
    first_token: float = 15.0  # seconds from sending to the first text token
    total: float = 30.0  # seconds for the whole call, retries and waits included
    retries: int = 2  # extra attempts on connection errors, 429 and 5xx
    backoff_base: float = 0.5  # first retry waits about this long, then doubles
    backoff_max: float = 4.0
    breaker_threshold: int = 3  # failed calls in a row that open the circuit
    breaker_cooldown: float = 60.0  # seconds before one trial call is let through


# `interview llm check` must answer within 30 s whatever the server does.
CHECK_LIMITS = Limits(connect=5.0, first_token=12.0, total=20.0, retries=1)


@dataclass(frozen=True, slots=True)
class LLMSettings:
    model: str = DEFAULT_MODEL
    base_url: str = DEFAULT_BASE_URL
    api_key: str = field(default="", repr=False)
    price_per_1k_prompt: float | None = None
    price_per_1k_completion: float | None = None
    model_source: str = "default"
    base_url_source: str = "default"
    limits: Limits = field(default_factory=Limits)

    @property
    def has_key(self) -> bool:
        return bool(self.api_key.strip())

    @property
    def host(self) -> str:
        try:
            return urlsplit(self.base_url).netloc or self.base_url
        except ValueError:
            return self.base_url

    def url_problem(self) -> str:
        """Why the base URL cannot work, or '' when it looks usable."""
        where = {
            "config file": "[llm] base_url in config.toml",
            BASE_URL_ENV: BASE_URL_ENV,
            "--base-url": "--base-url",
        }.get(self.base_url_source, "the base URL")
        try:
            parts = urlsplit(self.base_url)
            parts.port  # noqa: B018  # raises ValueError on a bad port
        except ValueError:
            return f"'{self.base_url}' is not a valid URL — fix {where}"
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return f"'{self.base_url}' is not an http(s) URL — fix {where}"
        return ""

    def redact(self, text: str) -> str:
        """Remove the API key from any text before it is shown, logged or stored."""
        key = self.api_key.strip()
        if len(key) >= 4 and key in text:
            text = text.replace(key, "[redacted key]")
        return text

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float | None:
        if self.price_per_1k_prompt is None and self.price_per_1k_completion is None:
            return None
        return (
            (self.price_per_1k_prompt or 0.0) * prompt_tokens
            + (self.price_per_1k_completion or 0.0) * completion_tokens
        ) / 1000

    def with_limits(self, limits: Limits) -> LLMSettings:
        return replace(self, limits=limits)


def resolve_settings(
    config: Config,
    env: Mapping[str, str] | None = None,
    *,
    model: str | None = None,
    base_url: str | None = None,
    limits: Limits | None = None,
) -> LLMSettings:
    """Combine config file < environment < command-line flag into one set of settings."""
    env = os.environ if env is None else env
    chosen_model, model_source = DEFAULT_MODEL, "default"
    if config.llm.model.strip():
        chosen_model, model_source = config.llm.model.strip(), "config file"
    if env.get(MODEL_ENV, "").strip():
        chosen_model, model_source = env[MODEL_ENV].strip(), MODEL_ENV
    if model and model.strip():
        chosen_model, model_source = model.strip(), "--model"

    chosen_url, url_source = DEFAULT_BASE_URL, "default"
    if config.llm.base_url.strip():
        chosen_url, url_source = config.llm.base_url.strip(), "config file"
    if env.get(BASE_URL_ENV, "").strip():
        chosen_url, url_source = env[BASE_URL_ENV].strip(), BASE_URL_ENV
    if base_url and base_url.strip():
        chosen_url, url_source = base_url.strip(), "--base-url"

    return LLMSettings(
        model=chosen_model,
        base_url=chosen_url.rstrip("/"),
        api_key=env.get(KEY_ENV, "").strip(),
        price_per_1k_prompt=config.llm.price_per_1k_prompt,
        price_per_1k_completion=config.llm.price_per_1k_completion,
        model_source=model_source,
        base_url_source=url_source,
        limits=limits or Limits(),
    )


def settings_env(overrides: Mapping[str, str]) -> dict[str, str]:
    """The process environment with the app's overrides on top (tests point these at a fake)."""
    return {**os.environ, **overrides}
