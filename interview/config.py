"""User configuration (``config.toml`` in the config directory).

```toml
theme = "textual-dark"

[bindings]            # binding id = "keys"
next_question = "n,right"

[bank_stats]         # thresholds of `interview bank stats`
min_sessions = 20
overexposed_recent = 40

[retention]          # how long records are kept (domain/retention_policy.py)
preset = "eu-default"

[content]
bundled = false       # hide the shipped rubrics, questions and plans (like --no-bundled)

[llm]
model = "gpt-4o-mini"
base_url = "http://localhost:11434/v1"
price_per_1k_prompt = 0.00015
price_per_1k_completion = 0.0006
```

The API key is never read from this file: use ``OPENAI_API_KEY``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview import paths
from interview.domain.retention_policy import RetentionSettings, parse_retention
from interview.domain.stats_settings import StatsSettings


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class LLMConfig:
    model: str = ""
    base_url: str = ""
    price_per_1k_prompt: float | None = None
    price_per_1k_completion: float | None = None


@dataclass(frozen=True)
class ContentConfig:
    bundled: bool = True


@dataclass(frozen=True)
class Config:
    theme: str = ""
    bindings: dict[str, str] = field(default_factory=dict)
    llm: LLMConfig = field(default_factory=LLMConfig)
    content: ContentConfig = field(default_factory=ContentConfig)
    path: Path | None = None
    bank_stats: StatsSettings = field(default_factory=StatsSettings)
    retention: RetentionSettings = field(default_factory=RetentionSettings)


def load_config(path: Path | None = None) -> Config:
    path = path or paths.config_file()
    if not path.exists():
        return Config(path=path)
    import tomllib  # only when there is a file to read

    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc} — fix the TOML syntax") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc}) — check the file") from None
    unknown = set(data) - {"theme", "bindings", "llm", "bank_stats", "retention", "content"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting '{sorted(unknown)[0]}' — "
            "allowed: theme, bindings, content, llm, bank_stats, retention"
        )
    try:
        retention = parse_retention(data.get("retention", {}))
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    bindings = data.get("bindings", {})
    if not isinstance(bindings, dict) or not all(isinstance(v, str) for v in bindings.values()):
        raise ConfigError(f'{path}: [bindings] must map binding ids to key strings like "n,right"')
    llm_raw = data.get("llm", {})
    if not isinstance(llm_raw, dict):
        raise ConfigError(f"{path}: [llm] must be a table")
    if "api_key" in llm_raw:
        raise ConfigError(
            f"{path}: do not store api_key in the config file — set OPENAI_API_KEY instead"
        )
    allowed = set(LLMConfig.__dataclass_fields__)
    bad = set(llm_raw) - allowed
    if bad:
        raise ConfigError(
            f"{path}: unknown [llm] setting '{sorted(bad)[0]}' — "
            f"allowed: {', '.join(sorted(allowed))}"
        )
    for key in ("model", "base_url"):
        if key in llm_raw and not isinstance(llm_raw[key], str):
            raise ConfigError(f"{path}: [llm] {key} must be a quoted string")
    for key in ("price_per_1k_prompt", "price_per_1k_completion"):
        price = llm_raw.get(key)
        if key in llm_raw and (
            isinstance(price, bool) or not isinstance(price, int | float) or price < 0
        ):
            raise ConfigError(f"{path}: [llm] {key} must be a number of 0 or more, like 0.0006")
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise ConfigError(f"{path}: theme must be a string")
    try:
        llm = LLMConfig(**llm_raw)
    except TypeError as exc:
        raise ConfigError(f"{path}: [llm] {exc}") from None
    return Config(
        theme=theme,
        bindings=dict(bindings),
        llm=llm,
        content=_content(path, data),
        path=path,
        bank_stats=_bank_stats(path, data.get("bank_stats", {})),
        retention=retention,
    )


def _bank_stats(path: Path, raw: object) -> StatsSettings:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: [bank_stats] must be a table")
    allowed = set(StatsSettings.__dataclass_fields__)
    for key, value in raw.items():
        if key not in allowed:
            raise ConfigError(
                f"{path}: unknown [bank_stats] setting '{key}' — "
                f"allowed: {', '.join(sorted(allowed))}"
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"{path}: [bank_stats] {key} must be a number of 0 or more")
    for key in ("min_sessions", "overexposed_recent"):
        if key in raw and not isinstance(raw[key], int):
            raise ConfigError(f"{path}: [bank_stats] {key} must be a whole number")
    return StatsSettings(**raw)


def _content(path: Path, data: dict[str, Any]) -> ContentConfig:
    raw = data.get("content", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: [content] must be a table")
    bad = set(raw) - {"bundled"}
    if bad:
        name = sorted(bad)[0]
        raise ConfigError(f"{path}: unknown [content] setting '{name}' — allowed: bundled")
    bundled = raw.get("bundled", True)
    if not isinstance(bundled, bool):
        raise ConfigError(f"{path}: [content] bundled must be true or false")
    return ContentConfig(bundled=bundled)
