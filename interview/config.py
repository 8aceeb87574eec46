"""User configuration (``config.toml`` in the config directory).

```toml
theme = "textual-dark"

[bindings]            # binding id = "keys"
next_question = "n,right"

[llm]
model = "gpt-4o-mini"
base_url = "http://localhost:11434/v1"
price_per_1k_prompt = 0.00015
price_per_1k_completion = 0.0006
```

The API key is never read from this file: use ``OPENAI_API_KEY``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview import paths


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class LLMConfig:
    model: str = ""
    base_url: str = ""
    price_per_1k_prompt: float | None = None
    price_per_1k_completion: float | None = None


@dataclass(frozen=True)
class Config:
    theme: str = ""
    bindings: dict[str, str] = field(default_factory=dict)
    llm: LLMConfig = field(default_factory=LLMConfig)
    path: Path | None = None


def load_config(path: Path | None = None) -> Config:
    path = path or paths.config_file()
    if not path.exists():
        return Config(path=path)
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc} — fix the TOML syntax") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc}) — check the file") from None
    unknown = set(data) - {"theme", "bindings", "llm"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting '{sorted(unknown)[0]}' — allowed: theme, bindings, llm"
        )
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
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise ConfigError(f"{path}: theme must be a string")
    try:
        llm = LLMConfig(**llm_raw)
    except TypeError as exc:
        raise ConfigError(f"{path}: [llm] {exc}") from None
    return Config(theme=theme, bindings=dict(bindings), llm=llm, path=path)
